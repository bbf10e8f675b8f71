"""What logistics customer service is, measured: the 7R standards and the key service variables.

The 7R standards (7R 标准) ask for the right product, quantity, condition, place,
time, customer and price. Order lines can judge four of them (time, quantity,
condition, and product through the document-error flag); the share of orders
meeting all four is the perfect order rate of :func:`logilab.perfect_order_rate`,
computed by the same function.

The key service variables (关键服务变量) are the course's list of what customers
weigh most; :func:`service_variable_ranking` ranks them by stated importance and
shows where the firm leads its rival (where it can differentiate).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ._results import Result
from ._validation import LogilabInputError, check_dataframe, check_numeric_columns, require_columns
from .i18n import bilingual_pair
from .metrics import service_kpis

__all__ = ["SEVEN_R", "SERVICE_VARIABLES", "SERVICE_CONTENT", "SevenR", "seven_r", "service_variable_ranking"]

# each R: Chinese and English name (from logilab.i18n), the check on order lines (or why the data cannot judge it),
# the KPI column
_SEVEN_R_CHECKS = [
    ("right_product", "无单证或拣货差错（doc_error = 0）", "doc_accuracy_rate"),
    ("right_quantity", "每一行都足量发货（shipped_qty = ordered_qty）", "order_fill_rate"),
    ("right_condition", "没有破损（damaged_qty = 0）", "undamaged_order_rate"),
    ("right_place", "无法判断：数据没有收货地址和实际送达地点", None),
    ("right_time", "每一行都在承诺日期前送达（delivered_date ≤ promised_date）", "on_time_rate"),
    ("right_customer", "无法判断：数据没有收货人核对记录", None),
    ("right_price", "无法判断：数据没有报价与结算价的对账", None),
]
SEVEN_R = pd.DataFrame(
    [(r, *bilingual_pair(r), check, kpi) for r, check, kpi in _SEVEN_R_CHECKS],
    columns=["r", "name_zh", "name_en", "check_zh", "kpi"],
).set_index("r")

# the course's key service variables (keys are the column stems of ll.load_sample("service_importance"));
# their names live in logilab.i18n under the same keys
_VARIABLES = (
    "promised_dates",
    "order_accuracy",
    "delay_notice",
    "complaint_handling",
    "shipping_info",
    "lead_time",
    "quality_price",
    "price_competitiveness",
    "sales_follow_up",
)
SERVICE_VARIABLES = pd.DataFrame(
    [(variable, *bilingual_pair(variable)) for variable in _VARIABLES], columns=["variable", "name_zh", "name_en"]
).set_index("variable")

# kinds of service content, in the course's terms: {Chinese name: English description}, from logilab.i18n
_CONTENT_KEYS = {
    "by_activity": ("content_transport", "content_storage", "content_distribution", "content_supply_chain"),
    "by_depth": ("content_basic", "content_refined", "content_value_added"),
    "by_product": ("content_product_1", "content_product_2", "content_product_3"),
}
SERVICE_CONTENT = {kind: dict(bilingual_pair(key) for key in keys) for kind, keys in _CONTENT_KEYS.items()}


@dataclass(frozen=True, repr=False)
class SevenR(Result):
    """Attainment of each 7R standard the order lines can judge, and the share of orders meeting all.

    Attributes
    ----------
    table : DataFrame
        One row per group (or one row): ``orders``, one column per R
        (``right_product`` ... ``right_price``; NaN for the three the data cannot
        judge) and ``all_met`` (the perfect order rate).
    standards : DataFrame
        :data:`SEVEN_R`: each R, its check and the KPI it maps to.
    """

    table: pd.DataFrame
    standards: pd.DataFrame

    def summary(self) -> dict[str, Any]:
        """Orders, the lowest judged R and its rate, and the share of orders meeting every judged R."""
        judged = [r for r in SEVEN_R.index if isinstance(SEVEN_R.loc[r, "kpi"], str)]
        orders = self.table["orders"]
        weighted = {r: float((self.table[r] * orders).sum() / orders.sum()) for r in [*judged, "all_met"]}
        weakest = min(judged, key=lambda r: weighted[r])
        return {"orders": int(orders.sum()), "weakest_r": weakest, "weakest_rate": weighted[weakest], "all_met": weighted["all_met"]}


def seven_r(
    lines: pd.DataFrame,
    *,
    by: Any = None,
    order: str = "order_id",
    ordered_qty: str = "ordered_qty",
    shipped_qty: str = "shipped_qty",
    damaged_qty: str = "damaged_qty",
    date: str = "order_date",
    promised_date: str = "promised_date",
    delivered_date: str = "delivered_date",
    doc_error: str = "doc_error",
) -> SevenR:
    """Each 7R standard's attainment on order lines, per group, and the share of orders meeting every judged R.

    Right time, quantity, condition and product are the four components of the
    perfect order (on time, in full, undamaged, no document error), read with
    :func:`logilab.service_kpis`; ``all_met`` is its joint per-order
    ``perfect_order_rate``, the number :func:`logilab.perfect_order_rate` returns.
    Right place, customer and price need data order lines do not hold (delivery
    address, consignee check, invoice audit) and stay NaN.

    Parameters
    ----------
    lines : DataFrame
        Order lines with their order's header fields (``ll.load_sample("order_lines")``).
    by : str or list of str, optional
        Group columns or a period (``"month"``, ...), as in :func:`logilab.service_kpis`.
    order, ordered_qty, shipped_qty, damaged_qty, date, promised_date, delivered_date, doc_error : str
        Column names by role.

    Returns
    -------
    SevenR

    References
    ----------
    The 7R standards as listed in the course notes (物流客户服务, chapter 1).

    Examples
    --------
    Order A is short, B damaged, C late with a document error, D perfect:

    >>> lines = pd.DataFrame({"order_id": ["A", "A", "B", "C", "D"], "ordered_qty": [10, 5, 4, 2, 3], "shipped_qty": [10, 3, 4, 2, 3],
    ...                       "damaged_qty": [0, 0, 1, 0, 0], "doc_error": [0, 0, 0, 1, 0],
    ...                       "order_date": ["2025-03-01"] * 5, "promised_date": ["2025-03-03"] * 5,
    ...                       "delivered_date": ["2025-03-03", "2025-03-03", "2025-03-03", "2025-03-05", "2025-03-02"]})
    >>> seven_r(lines).table.T
                        0
    orders           4.00
    right_product    0.75
    right_quantity   0.75
    right_condition  0.75
    right_place       NaN
    right_time       0.75
    right_customer    NaN
    right_price       NaN
    all_met          0.25
    """
    kpis = [k for k in SEVEN_R["kpi"] if isinstance(k, str)] + ["perfect_order_rate"]
    kpi_table = service_kpis(
        lines,
        by=by,
        kpis=kpis,
        order=order,
        ordered_qty=ordered_qty,
        shipped_qty=shipped_qty,
        damaged_qty=damaged_qty,
        date=date,
        promised_date=promised_date,
        delivered_date=delivered_date,
        doc_error=doc_error,
        complaint=None,
        claim=None,
    )
    keys = list(kpi_table.columns[: list(kpi_table.columns).index("orders")])
    table = kpi_table[[*keys, "orders"]].copy()
    for r, kpi in SEVEN_R["kpi"].items():
        table[r] = kpi_table[kpi].astype(float) if isinstance(kpi, str) else float("nan")
    table["all_met"] = kpi_table["perfect_order_rate"].astype(float)
    return SevenR(table.reset_index(drop=True), SEVEN_R.copy())


def service_variable_ranking(
    answers: pd.DataFrame,
    *,
    variables: Any = None,
    importance: str = "{}_imp",
    own: str = "{}_own",
    rival: str = "{}_rival",
) -> pd.DataFrame:
    """Rank the key service variables by mean importance and show where the firm leads its rival.

    A variable is a chance to differentiate (差异化) when customers rate it at
    least as important as the median variable and the firm's mean rating is above
    its rival's: the firm is already better on something customers care about.

    Parameters
    ----------
    answers : DataFrame
        One row per respondent (``ll.load_sample("service_importance")``).
    variables : list of str, optional
        Variable stems; default the nine of :data:`SERVICE_VARIABLES`.
    importance, own, rival : str
        Column name patterns, ``{}`` standing for the variable stem.

    Returns
    -------
    DataFrame
        One row per variable, most important first: ``importance``, ``rank``,
        ``own``, ``rival``, ``lead`` (own - rival) and ``differentiate`` (bool).

    Examples
    --------
    >>> a = pd.DataFrame({"x_imp": [7, 6], "x_own": [5, 5], "x_rival": [6, 6],
    ...                   "y_imp": [4, 4], "y_own": [6, 6], "y_rival": [5, 5],
    ...                   "z_imp": [6, 6], "z_own": [6, 5], "z_rival": [5, 4]})
    >>> service_variable_ranking(a, variables=["x", "y", "z"])
              importance  rank  own  rival  lead  differentiate
    variable
    x                6.5     1  5.0    6.0  -1.0          False
    z                6.0     2  5.5    4.5   1.0           True
    y                4.0     3  6.0    5.0   1.0          False
    """
    check_dataframe(answers, "answers")
    stems = list(SERVICE_VARIABLES.index) if variables is None else [variables] if isinstance(variables, str) else list(variables)
    if not stems:
        raise LogilabInputError("variables: expected at least one variable stem, found none. Pass e.g. variables=['promised_dates'].")
    rows = []
    for stem in stems:
        names = {"importance": importance.format(stem), "own": own.format(stem), "rival": rival.format(stem)}
        require_columns(answers, names, "answers")
        check_numeric_columns(answers, list(names.values()), "answers")
        rows.append({"variable": stem, **{k: float(pd.to_numeric(answers[c]).mean()) for k, c in names.items()}})
    table = pd.DataFrame(rows).set_index("variable")
    table.insert(1, "rank", table["importance"].rank(ascending=False, method="min").astype(int))
    table["lead"] = table["own"] - table["rival"]
    table["differentiate"] = (table["importance"] >= table["importance"].median()) & (table["lead"] > 0)
    return table.sort_values(["rank", "lead"], ascending=[True, False])
