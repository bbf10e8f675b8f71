"""Third-party logistics: 1PL / 2PL / 3PL, the six 3PL business models, and make or buy.

Make or buy (自营 vs 外包) compares two cost lines over the yearly order volume ``v``:

* in house (自营): ``fixed_cost + variable_cost * v`` (warehouses, fleet and staff
  are paid whatever the volume; each order adds its handling cost);
* a 3PL tariff (外包): ``max(minimum_charge, v * (per_order + pallet_days * per_pallet_day))``
  (a charge per order, storage per pallet-day, and a minimum yearly charge).

The break-even volume is where the two lines meet; above it the fixed cost is
spread over enough orders for running it in house to be cheaper.

The six 3PL business models follow the course: each is one combination of three
attributes (own assets or not, high or low integration, many or few industries
served).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._results import Result
from ._validation import LogilabInputError, check_dataframe, check_number, check_numeric_columns, require_columns
from .i18n import bilingual_pair

__all__ = [
    "PL_TYPES",
    "THREE_PL_VS_IN_HOUSE",
    "THREE_PL_MODELS",
    "three_pl_model",
    "classify_providers",
    "in_house_cost",
    "outsourced_cost",
    "break_even_volume",
    "MakeOrBuy",
    "make_or_buy",
]

# who runs the logistics: party, Chinese and English name, who moves the goods (names from logilab.i18n)
PL_TYPES = pd.DataFrame(
    [(party, *bilingual_pair(f"pl_{party.lower()}"), *bilingual_pair(f"pl_who_{party.lower()}")) for party in ("1PL", "2PL", "3PL")],
    columns=["type", "name_zh", "name_en", "who_zh", "who_en"],
).set_index("type")

# what 3PL and in-house (self-operated) logistics share and where they differ, in the course's terms
THREE_PL_VS_IN_HOUSE = pd.DataFrame(
    [
        ("共同点", "服务目的", "满足顾客需要", "满足顾客需要"),
        ("共同点", "服务要素", "备货保证、运输保证、质量保证", "备货保证、运输保证、质量保证"),
        ("共同点", "服务内容", "运输、仓储、配送等，基本相同", "运输、仓储、配送等，基本相同"),
        ("共同点", "对企业的作用", "差别化战略的一环，影响绩效和流通成本", "差别化战略的一环，影响绩效和流通成本"),
        ("区别", "服务对象", "外部的多家客户（货主企业）", "企业内部的销售和生产部门"),
        ("区别", "双方关系", "合同关系，按服务水平协议考核", "上下级关系，按内部计划安排"),
        ("区别", "产品属性", "物流服务本身就是所卖的产品（第三类服务产品）", "物流服务是所卖商品的附加部分"),
        ("区别", "成本形式", "按费率收费，多为变动成本", "仓库、车队、人员的固定成本加变动成本"),
        ("区别", "专业化与规模", "多家客户共享网络和设施，专业化程度高", "只为本企业服务，规模受本企业业务量限制"),
    ],
    columns=["aspect", "item", "3pl", "in_house"],
)

# the six 3PL business models: (owns assets, high integration, many industries) -> name (names from logilab.i18n)
THREE_PL_MODELS = pd.DataFrame(
    [
        (*bilingual_pair("model_integrated_logistics"), True, True, False, "自有大量固定资产，为少数行业提供高集成度的服务"),
        (
            *bilingual_pair("model_integrated_agency"),
            False,
            True,
            False,
            "不投资固定资产，整合自己和互补服务商的资源，为少数行业提供高集成度的一体化服务",
        ),
        (*bilingual_pair("model_functional_logistics"), True, False, True, "用自有资产为多个行业提供低集成度的物流服务"),
        (*bilingual_pair("model_functional_agency"), False, False, True, "不投资固定资产，委托他人操作，为多个行业提供低集成度的物流服务"),
        (*bilingual_pair("model_concentrated_logistics"), True, False, False, "有一定资产和较广的网络，在某一领域提供集成度较低的服务"),
        (*bilingual_pair("model_niche_logistics"), False, False, False, "资产很少或没有，面向局部市场，把特定服务集中于特定客户层"),
    ],
    columns=["model", "model_en", "own_assets", "high_integration", "many_industries", "description"],
).set_index("model")


def three_pl_model(own_assets: bool, high_integration: bool, many_industries: bool) -> str:
    """The 3PL business model of a firm with the three given attributes.

    Parameters
    ----------
    own_assets : bool
        The firm owns warehouses and vehicles (asset-based) rather than buying them in.
    high_integration : bool
        It runs many of a client's logistics functions as one system (high integration).
    many_industries : bool
        It serves many industries (rather than a few, or one field).

    Returns
    -------
    str
        One of the six models of :data:`THREE_PL_MODELS` (综合物流, 综合代理, 功能物流,
        功能代理, 集中物流, 缝隙物流).

    Raises
    ------
    LogilabInputError
        For high integration across many industries, a combination the course's six
        models do not contain.

    Examples
    --------
    >>> three_pl_model(True, True, False), three_pl_model(False, False, False)
    ('综合物流', '缝隙物流')
    """
    flags = (bool(own_assets), bool(high_integration), bool(many_industries))
    match = THREE_PL_MODELS[
        (THREE_PL_MODELS["own_assets"] == flags[0])
        & (THREE_PL_MODELS["high_integration"] == flags[1])
        & (THREE_PL_MODELS["many_industries"] == flags[2])
    ]
    if match.empty:
        raise LogilabInputError(
            "high_integration: expected high integration only for a few industries (the six models have no firm "
            f"integrating everything for many industries), found own_assets={flags[0]}, high_integration=True, many_industries=True. "
            "Check the attributes, or read the firm as serving a few industries."
        )
    return str(match.index[0])


def classify_providers(
    profiles: pd.DataFrame,
    *,
    asset_share: str = "asset_share",
    integration_score: str = "integration_score",
    industries_served: str = "industries_served",
    asset_cut: float = 0.5,
    integration_cut: float = 6,
    industries_cut: float = 4,
) -> pd.DataFrame:
    """Place each provider in one of the six 3PL business models.

    A provider owns assets when ``asset_share >= asset_cut``, integrates highly when
    ``integration_score >= integration_cut`` and serves many industries when
    ``industries_served >= industries_cut``; :func:`three_pl_model` then names the model.

    Parameters
    ----------
    profiles : DataFrame
        One row per provider (``ll.load_sample("provider_profiles")``).
    asset_share, integration_score, industries_served : str
        Column names.
    asset_cut, integration_cut, industries_cut : float
        The cut points of the three attributes.

    Returns
    -------
    DataFrame
        The profiles with ``own_assets``, ``high_integration``, ``many_industries``
        and ``model`` added (a new frame; ``profiles`` is left unchanged).

    Examples
    --------
    >>> p = pd.DataFrame({"asset_share": [0.8, 0.1], "integration_score": [8, 3], "industries_served": [2, 7]})
    >>> classify_providers(p)["model"].tolist()
    ['综合物流', '功能代理']
    """
    check_dataframe(profiles, "profiles")
    columns = {"asset_share": asset_share, "integration_score": integration_score, "industries_served": industries_served}
    require_columns(profiles, columns, "profiles")
    check_numeric_columns(profiles, list(columns.values()), "profiles", low=0)
    out = profiles.copy()
    out["own_assets"] = pd.to_numeric(out[asset_share]) >= asset_cut
    out["high_integration"] = pd.to_numeric(out[integration_score]) >= integration_cut
    out["many_industries"] = pd.to_numeric(out[industries_served]) >= industries_cut
    out["model"] = [three_pl_model(a, i, m) for a, i, m in zip(out["own_assets"], out["high_integration"], out["many_industries"])]
    return out


def _costs(fixed_cost: Any, variable_cost: Any, per_order: Any, pallet_days: Any, per_pallet_day: Any, minimum_charge: Any):
    return (
        check_number(fixed_cost, "fixed_cost", low=0),
        check_number(variable_cost, "variable_cost", low=0),
        check_number(per_order, "per_order", low=0),
        check_number(pallet_days, "pallet_days", low=0),
        check_number(per_pallet_day, "per_pallet_day", low=0),
        check_number(minimum_charge, "minimum_charge", low=0),
    )


def in_house_cost(volume: Any, *, fixed_cost: float, variable_cost: float) -> Any:
    """Yearly cost of running the logistics in house: ``fixed_cost + variable_cost * volume``.

    Parameters
    ----------
    volume : float or array of float
        Orders per year (>= 0).
    fixed_cost : float
        Yearly fixed cost of warehouses, fleet and staff (元, >= 0).
    variable_cost : float
        Cost per order handled in house (元, >= 0).

    Returns
    -------
    float or ndarray
        The yearly cost at each volume.

    Examples
    --------
    >>> in_house_cost(100_000, fixed_cost=1_200_000, variable_cost=18)
    3000000.0
    """
    v = check_number(volume, "volume", low=0, allow_array=True)
    return check_number(fixed_cost, "fixed_cost", low=0) + check_number(variable_cost, "variable_cost", low=0) * v


def outsourced_cost(
    volume: Any, *, per_order: float, pallet_days: float = 0.0, per_pallet_day: float = 0.0, minimum_charge: float = 0.0
) -> Any:
    """Yearly 3PL charge: ``max(minimum_charge, volume * (per_order + pallet_days * per_pallet_day))``.

    ``pallet_days`` is the storage one order uses (pallets held times days held).

    Parameters
    ----------
    volume : float or array of float
        Orders per year (>= 0).
    per_order : float
        The tariff per order handled (元).
    pallet_days : float, default 0
        Storage per order, in pallet-days.
    per_pallet_day : float, default 0
        The tariff per pallet-day (元).
    minimum_charge : float, default 0
        The least the provider charges per year (元).

    Returns
    -------
    float or ndarray
        The yearly charge at each volume.

    Examples
    --------
    >>> outsourced_cost(100_000, per_order=25, pallet_days=2, per_pallet_day=1.5, minimum_charge=500_000)
    2800000.0
    >>> outsourced_cost(10_000, per_order=25, pallet_days=2, per_pallet_day=1.5, minimum_charge=500_000)
    500000.0
    """
    v = check_number(volume, "volume", low=0, allow_array=True)
    unit = check_number(per_order, "per_order", low=0) + check_number(pallet_days, "pallet_days", low=0) * check_number(
        per_pallet_day, "per_pallet_day", low=0
    )
    charge = np.maximum(check_number(minimum_charge, "minimum_charge", low=0), v * unit)
    return float(charge) if np.ndim(charge) == 0 else charge


def break_even_volume(
    *,
    fixed_cost: float,
    variable_cost: float,
    per_order: float,
    pallet_days: float = 0.0,
    per_pallet_day: float = 0.0,
    minimum_charge: float = 0.0,
) -> float:
    """The yearly order volume from which running the logistics in house is cheaper than the 3PL tariff.

    With the 3PL's cost per order ``u = per_order + pallet_days * per_pallet_day``
    above the in-house variable cost ``c``, the lines meet at
    ``v* = fixed_cost / (u - c)`` (when ``v*`` lies beyond the minimum charge,
    ``v* >= minimum_charge / u``). Above ``v*`` making is cheaper, below it buying is,
    down to ``(minimum_charge - fixed_cost) / c`` when the minimum charge is above the
    fixed cost: below that volume the minimum charge exceeds the whole in-house cost,
    so making is cheaper there too (the tariff's flat part; :func:`make_or_buy` compares
    the two costs at the volume itself).

    Parameters
    ----------
    fixed_cost : float
        In-house fixed cost per year (warehouses, fleet, staff).
    variable_cost : float
        In-house cost per order.
    per_order, pallet_days, per_pallet_day, minimum_charge : float
        The 3PL tariff (see :func:`outsourced_cost`).

    Returns
    -------
    float
        The break-even volume; ``inf`` when the 3PL's cost per order is not above the
        in-house variable cost (buying stays cheaper at every volume), ``0.0`` when
        making is cheaper at every volume (a minimum charge above the in-house cost).

    Examples
    --------
    Fixed cost 1,200,000 yuan, 18 yuan per order in house; the 3PL charges 25 yuan
    per order plus 2 pallet-days at 1.5 yuan, so u = 28 and
    v* = 1,200,000 / (28 - 18) = 120,000 orders:

    >>> break_even_volume(fixed_cost=1_200_000, variable_cost=18, per_order=25, pallet_days=2, per_pallet_day=1.5, minimum_charge=500_000)
    120000.0
    >>> break_even_volume(fixed_cost=1_200_000, variable_cost=30, per_order=25)
    inf
    """
    fixed, c, per, days, per_day, minimum = _costs(fixed_cost, variable_cost, per_order, pallet_days, per_pallet_day, minimum_charge)
    u = per + days * per_day
    if u <= c:
        return math.inf
    crossing = fixed / (u - c)
    if crossing >= minimum / u:
        return float(crossing)
    return 0.0  # in house is cheaper on the linear part and, with a rising cost under a flat minimum, below it too


@dataclass(frozen=True, repr=False)
class MakeOrBuy(Result):
    """Make or buy at one volume: both costs, the break-even volume and the service each side delivers.

    Attributes
    ----------
    table : DataFrame
        One row per option (``in_house``, ``outsourced``): ``cost``, ``cost_per_order``,
        ``service_level`` and ``service_gap`` (service level minus target; negative
        means short of the target).
    volume : float
    break_even_volume : float
    target : float or None
    """

    table: pd.DataFrame
    volume: float
    break_even_volume: float
    target: float | None

    @property
    def cheaper(self) -> str:
        """``"in_house"`` or ``"outsourced"`` (in house on a tie)."""
        return "in_house" if self.table.loc["in_house", "cost"] <= self.table.loc["outsourced", "cost"] else "outsourced"

    def summary(self) -> dict[str, Any]:
        """Volume, both costs, the saving of the cheaper option, the break-even volume and both service gaps."""
        t = self.table
        return {
            "volume": self.volume,
            "in_house_cost": float(t.loc["in_house", "cost"]),
            "outsourced_cost": float(t.loc["outsourced", "cost"]),
            "cheaper": self.cheaper,
            "saving": float(abs(t.loc["in_house", "cost"] - t.loc["outsourced", "cost"])),
            "break_even_volume": self.break_even_volume,
            "in_house_service_gap": float(t.loc["in_house", "service_gap"]),
            "outsourced_service_gap": float(t.loc["outsourced", "service_gap"]),
        }


def make_or_buy(
    volume: float,
    *,
    fixed_cost: float,
    variable_cost: float,
    per_order: float,
    pallet_days: float = 0.0,
    per_pallet_day: float = 0.0,
    minimum_charge: float = 0.0,
    in_house_service: float | None = None,
    outsourced_service: float | None = None,
    target: float | None = None,
) -> MakeOrBuy:
    """Compare running the logistics in house (自营) with buying it from a 3PL (外包) at one yearly volume.

    Parameters
    ----------
    volume : float
        Orders per year.
    fixed_cost, variable_cost : float
        The in-house cost model (see :func:`in_house_cost`).
    per_order, pallet_days, per_pallet_day, minimum_charge : float
        The 3PL tariff (see :func:`outsourced_cost`).
    in_house_service, outsourced_service : float, optional
        The service level each side delivers (e.g. an on-time rate measured on the
        sample data, or a provider's rate), between 0 and 1.
    target : float, optional
        The service target; the service gaps are ``service_level - target``.

    Returns
    -------
    MakeOrBuy

    Examples
    --------
    At 100,000 orders: in house 1,200,000 + 18 x 100,000 = 3,000,000 yuan; the 3PL
    100,000 x (25 + 2 x 1.5) = 2,800,000 yuan, so buying saves 200,000 yuan; it is
    also 2.4 points closer to a 95 % target.

    >>> r = make_or_buy(100_000, fixed_cost=1_200_000, variable_cost=18, per_order=25, pallet_days=2, per_pallet_day=1.5,
    ...                 minimum_charge=500_000, in_house_service=0.90, outsourced_service=0.924, target=0.95)
    >>> r.table.round(3)
                     cost  cost_per_order  service_level  service_gap
    option
    in_house    3000000.0            30.0          0.900         -0.050
    outsourced  2800000.0            28.0          0.924         -0.026
    >>> r.cheaper, r.summary()["saving"], r.break_even_volume
    ('outsourced', 200000.0, 120000.0)
    """
    v = check_number(volume, "volume", low=0, low_inclusive=False)
    fixed, c, per, days, per_day, minimum = _costs(fixed_cost, variable_cost, per_order, pallet_days, per_pallet_day, minimum_charge)
    services = {}
    for name, value in (("in_house_service", in_house_service), ("outsourced_service", outsourced_service), ("target", target)):
        services[name] = np.nan if value is None else check_number(value, name, low=0, high=1)
    costs = {
        "in_house": in_house_cost(v, fixed_cost=fixed, variable_cost=c),
        "outsourced": outsourced_cost(v, per_order=per, pallet_days=days, per_pallet_day=per_day, minimum_charge=minimum),
    }
    table = pd.DataFrame(
        {
            "cost": [float(costs["in_house"]), float(costs["outsourced"])],
            "service_level": [services["in_house_service"], services["outsourced_service"]],
        },
        index=pd.Index(["in_house", "outsourced"], name="option"),
    )
    table.insert(1, "cost_per_order", table["cost"] / v)
    table["service_gap"] = table["service_level"] - services["target"]
    even = break_even_volume(
        fixed_cost=fixed, variable_cost=c, per_order=per, pallet_days=days, per_pallet_day=per_day, minimum_charge=minimum
    )
    return MakeOrBuy(table, float(v), even, None if target is None else float(services["target"]))
