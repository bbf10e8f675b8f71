"""Service KPIs from order lines: fill rates, stockout frequency, OTIF, perfect order, cycle time.

Every KPI is computed from one table of order lines, one row per line, where
each line also carries its order's header fields (dates, flags), as
``ll.load_sample("order_lines")`` does. Column names are mapped by keyword
(``ordered_qty="订购数量"``), so an analyst's export needs no renaming.

Definitions (``n(...)`` counts, ``sum(...)`` adds up):

========================  ========================================================================
KPI                       formula
========================  ========================================================================
unit_fill_rate 供应比率    sum(shipped units) / sum(ordered units)
line_fill_rate            n(lines shipped in full) / n(lines)
stockout_frequency 缺货频率 n(lines shipped short) / n(lines) = 1 - line_fill_rate
order_fill_rate           n(orders with every line shipped in full) / n(orders)
on_time_rate              n(orders whose every line arrived by its promised date) / n(orders)
otif                      n(orders on time AND in full) / n(orders)
order_completion_rate     n(orders in full AND delivered within the agreed time) / n(orders)
订货完成率
perfect_order_rate        n(orders on time, in full, undamaged, without document error) / n(orders)
perfect_order_product     on_time_rate * order_fill_rate * undamaged_order_rate * doc_accuracy_rate
cycle_time_*              mean / median / 90th percentile of (delivery date - order date) in days
damage_rate 货损率          sum(damaged units) / sum(shipped units)
complaint_rate 投诉率       n(orders with a complaint) / n(orders)
claim_rate                n(orders with a claim) / n(orders)
========================  ========================================================================

An order's header fields may differ between its lines (split deliveries): the
order counts as delivered when its last line arrives, as on time only when every
line arrived by its own promised date, and as flagged (document error,
complaint, claim) when any line is flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._validation import (
    LogilabInputError,
    check_choice,
    check_dataframe,
    check_date_columns,
    check_flag_columns,
    check_group_columns,
    check_no_missing,
    check_not_greater,
    check_number,
    check_numeric_columns,
    check_positive_columns,
    require_columns,
)
from .periods import PERIODS, period_labels

__all__ = [
    "KPI_NAMES",
    "KPI_TARGETS",
    "LOWER_IS_BETTER",
    "PERIOD_KEYS",
    "order_table",
    "service_kpis",
    "unit_fill_rate",
    "line_fill_rate",
    "stockout_frequency",
    "order_fill_rate",
    "on_time_rate",
    "otif",
    "order_completion_rate",
    "perfect_order_rate",
    "perfect_order_breakdown",
    "cycle_time",
    "damage_rate",
    "complaint_rate",
    "claim_rate",
]

# the columns each role defaults to (those of ll.load_sample("order_lines"))
ROLES = (
    "order",
    "ordered_qty",
    "shipped_qty",
    "damaged_qty",
    "date",
    "promised_date",
    "delivered_date",
    "doc_error",
    "complaint",
    "claim",
)

# KPI -> the roles it needs ("@agreed" stands for promised_date, or date when agreed_days is given)
_KPI_ROLES: dict[str, tuple[str, ...]] = {
    "unit_fill_rate": ("ordered_qty", "shipped_qty"),
    "line_fill_rate": ("ordered_qty", "shipped_qty"),
    "stockout_frequency": ("ordered_qty", "shipped_qty"),
    "order_fill_rate": ("order", "ordered_qty", "shipped_qty"),
    "on_time_rate": ("order", "promised_date", "delivered_date"),
    "otif": ("order", "ordered_qty", "shipped_qty", "promised_date", "delivered_date"),
    "order_completion_rate": ("order", "ordered_qty", "shipped_qty", "delivered_date", "@agreed"),
    "undamaged_order_rate": ("order", "shipped_qty", "damaged_qty"),
    "doc_accuracy_rate": ("order", "doc_error"),
    "perfect_order_rate": ("order", "ordered_qty", "shipped_qty", "damaged_qty", "promised_date", "delivered_date", "doc_error"),
    "perfect_order_product": ("order", "ordered_qty", "shipped_qty", "damaged_qty", "promised_date", "delivered_date", "doc_error"),
    "cycle_time_mean": ("order", "date", "delivered_date"),
    "cycle_time_median": ("order", "date", "delivered_date"),
    "cycle_time_p90": ("order", "date", "delivered_date"),
    "damage_rate": ("shipped_qty", "damaged_qty"),
    "complaint_rate": ("order", "complaint"),
    "claim_rate": ("order", "claim"),
}
KPI_NAMES = tuple(_KPI_ROLES)

# Illustrative targets of a 3PL service-level agreement (used for the overview chart).
KPI_TARGETS = {
    "unit_fill_rate": 0.97,
    "line_fill_rate": 0.95,
    "stockout_frequency": 0.05,
    "order_fill_rate": 0.90,
    "on_time_rate": 0.95,
    "otif": 0.85,
    "order_completion_rate": 0.85,
    "perfect_order_rate": 0.80,
    "damage_rate": 0.002,
    "complaint_rate": 0.05,
    "claim_rate": 0.02,
}
LOWER_IS_BETTER = frozenset(
    {"stockout_frequency", "cycle_time_mean", "cycle_time_median", "cycle_time_p90", "damage_rate", "complaint_rate", "claim_rate"}
)

# by="month" etc. means the period of the order date (unless the table has a column of that name)
PERIOD_KEYS = PERIODS

# the per-order table keeps the names order_id and order_date for the order and its date
_WORK_COLUMNS = {"order": "__order_id", "date": "__order_date"}

_COUNT_ROLES = {"orders": "order", "lines": None, "ordered_units": "ordered_qty", "shipped_units": "shipped_qty"}


def _roles_for(kpis: Iterable[str], agreed_days: float | None) -> list[str]:
    roles: list[str] = []
    for kpi in kpis:
        for role in _KPI_ROLES[kpi]:
            if role == "@agreed":
                role = "promised_date" if agreed_days is None else "date"
            if role not in roles:
                roles.append(role)
    return roles


def _choose_kpis(kpis: Any, columns: Mapping[str, str | None], agreed_days: float | None) -> list[str]:
    """The KPIs to compute: those asked for, or every KPI whose columns were not switched off (None)."""
    if kpis is None:
        return [k for k in KPI_NAMES if all(columns[r] is not None for r in _roles_for([k], agreed_days))]
    chosen = [kpis] if isinstance(kpis, str) else list(kpis)
    for kpi in chosen:
        if kpi not in _KPI_ROLES:
            import difflib

            close = difflib.get_close_matches(str(kpi), KPI_NAMES, n=1)
            hint = f"Did you mean {close[0]!r}?" if close else f"Choose from {list(KPI_NAMES)}."
            raise LogilabInputError(f"kpis: expected names of service KPIs, found {kpi!r}. {hint}")
        off = [r for r in _roles_for([kpi], agreed_days) if columns[r] is None]
        if off:
            raise LogilabInputError(
                f"{off[0]}: expected a column name (the KPI {kpi!r} needs it), found None. Pass {off[0]}='<your column>'."
            )
    return chosen


def _resolve_columns(
    lines: pd.DataFrame, columns: Mapping[str, str | None], roles: list[str], by: Any, name: str = "lines"
) -> tuple[list[str], dict[str, str]]:
    """The group keys and ``{role: column}`` of the roles needed (the date too when a period is derived from it), checked.

    ``lines`` may be an empty frame with the table's columns only (the engines pass their schema so).
    """
    keys = check_group_columns(lines, by, name, derived=list(PERIOD_KEYS))
    derived = [k for k in keys if k not in lines.columns]
    if derived and "date" not in roles:
        roles = [*roles, "date"]
    if derived and columns["date"] is None:
        raise LogilabInputError(
            f"by: expected a column for the order date to derive {derived[0]!r} from, found date=None. Pass date='<your column>'."
        )
    mapping = {role: columns[role] for role in roles}
    require_columns(lines, mapping, name)
    clash = [k for k in keys if k in set(KPI_NAMES) | set(_COUNT_ROLES)]
    if clash:
        raise LogilabInputError(
            f"by: expected group columns whose names differ from the result's columns, found {clash[0]!r}. Rename that column first."
        )
    return keys, mapping


def _prepare(lines: Any, columns: Mapping[str, str | None], roles: list[str], by: Any, agreed_days: float | None, name: str = "lines"):
    """Validate and return (line frame with internal column names, group keys).

    The caller's frame is only read. Internal columns are the role names
    prefixed with ``__``; group keys keep their own names.
    """
    check_dataframe(lines, name)
    keys, mapping = _resolve_columns(lines, columns, roles, by, name)
    if "order" in mapping:  # the group-by would drop lines without an order id
        check_no_missing(lines, [mapping["order"]], name)

    quantities = [mapping[r] for r in ("ordered_qty", "shipped_qty", "damaged_qty") if r in mapping]
    check_numeric_columns(lines, quantities, name, low=0)
    if "ordered_qty" in mapping:
        check_positive_columns(lines, [mapping["ordered_qty"]], name, fix="A line with nothing ordered is no demand; drop those rows.")
    if "ordered_qty" in mapping and "shipped_qty" in mapping:
        check_not_greater(
            lines, mapping["shipped_qty"], mapping["ordered_qty"], name, fix="More cannot be shipped than was ordered; correct those rows."
        )
    if "shipped_qty" in mapping and "damaged_qty" in mapping:
        check_not_greater(
            lines, mapping["damaged_qty"], mapping["shipped_qty"], name, fix="Only shipped units can be damaged; correct those rows."
        )
    dates = check_date_columns(lines, [mapping[r] for r in ("date", "promised_date", "delivered_date") if r in mapping], name)
    if "date" in mapping:
        for later in ("delivered_date", "promised_date"):
            if later in mapping:
                check_not_greater(
                    lines,
                    mapping["date"],
                    mapping[later],
                    name,
                    values=dates,
                    fix=f"A {later.replace('_', ' ')} before the order date is a data error; correct those rows.",
                )
    flags = check_flag_columns(lines, [mapping[r] for r in ("doc_error", "complaint", "claim") if r in mapping], name)

    work = pd.DataFrame(index=lines.index)
    for role, column in mapping.items():
        name = _WORK_COLUMNS.get(role, f"__{role}")
        if column in dates:
            work[name] = dates[column]
        elif column in flags:
            work[name] = flags[column]
        elif role == "order":
            work[name] = lines[column]
        else:
            work[name] = pd.to_numeric(lines[column]).astype(float)
    if "order" not in mapping:  # line-level KPIs only: each line is its own "order"
        work["__order_id"] = np.arange(len(lines))
    for key in keys:
        if key in lines.columns:
            work[key] = lines[key].to_numpy()
        else:
            order_dates = work["__order_date"]
            work[key] = period_labels(order_dates, key)
    return work, keys


def _orders_from_work(work: pd.DataFrame, keys: list[str], agreed_days: float | None) -> pd.DataFrame:
    """One row per order (and group): the order-level facts every order KPI is read from."""
    has = set(work.columns)
    frame = work.copy()
    aggregations: dict[str, tuple[str, str]] = {"lines": ("__order_id", "size")}
    if {"__ordered_qty", "__shipped_qty"} <= has:
        frame["__full"] = frame["__shipped_qty"] >= frame["__ordered_qty"]
        aggregations.update(ordered_units=("__ordered_qty", "sum"), shipped_units=("__shipped_qty", "sum"), full_lines=("__full", "sum"))
    elif "__shipped_qty" in has:
        aggregations["shipped_units"] = ("__shipped_qty", "sum")
    if "__damaged_qty" in has:
        aggregations["damaged_units"] = ("__damaged_qty", "sum")
    if "__order_date" in has:
        aggregations["order_date"] = ("__order_date", "min")
    if "__promised_date" in has:
        aggregations["promised_date"] = ("__promised_date", "min")
    if "__delivered_date" in has:
        aggregations["delivered_date"] = ("__delivered_date", "max")
    if {"__promised_date", "__delivered_date"} <= has:
        frame["__on_time"] = frame["__delivered_date"] <= frame["__promised_date"]
        aggregations["on_time"] = ("__on_time", "all")
    for flag in ("doc_error", "complaint", "claim"):
        if f"__{flag}" in has:
            aggregations[flag] = (f"__{flag}", "any")
    orders = frame.groupby([*keys, "__order_id"], sort=True, observed=True).agg(**aggregations)
    orders = orders.reset_index().rename(columns={"__order_id": "order_id"})
    if "full_lines" in orders:
        orders["full_lines"] = orders["full_lines"].astype(int)
        orders["in_full"] = orders["full_lines"] == orders["lines"]
    if {"in_full", "on_time"} <= set(orders.columns):
        orders["otif"] = orders["in_full"] & orders["on_time"]
    if "in_full" in orders and "delivered_date" in orders:
        if agreed_days is None and "on_time" in orders:
            orders["completed"] = orders["in_full"] & orders["on_time"]
        elif agreed_days is not None and "order_date" in orders:
            deadline = orders["order_date"] + pd.Timedelta(days=agreed_days)
            orders["completed"] = orders["in_full"] & (orders["delivered_date"] <= deadline)
    if "damaged_units" in orders:
        orders["undamaged"] = orders["damaged_units"] == 0
    if "doc_error" in orders:
        orders["doc_ok"] = ~orders["doc_error"]
    if {"on_time", "in_full", "undamaged", "doc_ok"} <= set(orders.columns):
        orders["perfect"] = orders["on_time"] & orders["in_full"] & orders["undamaged"] & orders["doc_ok"]
    if {"order_date", "delivered_date"} <= set(orders.columns):
        orders["cycle_days"] = (orders["delivered_date"] - orders["order_date"]) / pd.Timedelta(days=1)
    return orders


def _columns(**columns: str | None) -> dict[str, str | None]:
    merged: dict[str, str | None] = dict.fromkeys(ROLES)
    merged.update(columns)
    return merged


def order_table(
    lines: pd.DataFrame,
    *,
    by: str | list[str] | None = None,
    agreed_days: float | None = None,
    order: str = "order_id",
    ordered_qty: str | None = "ordered_qty",
    shipped_qty: str | None = "shipped_qty",
    damaged_qty: str | None = "damaged_qty",
    date: str | None = "order_date",
    promised_date: str | None = "promised_date",
    delivered_date: str | None = "delivered_date",
    doc_error: str | None = "doc_error",
    complaint: str | None = "complaint",
    claim: str | None = "claim",
) -> pd.DataFrame:
    """One row per order: the facts every order-level KPI is counted from (the intermediate step).

    Columns (those whose inputs are available): the ``by`` keys, ``order_id``,
    ``lines``, ``ordered_units``, ``shipped_units``, ``full_lines``,
    ``damaged_units``, the order's dates (first order date, earliest promised
    date, last delivery), the flags ``doc_error``, ``complaint``, ``claim`` and
    the per-order results ``in_full``, ``on_time``, ``otif``, ``completed``,
    ``undamaged``, ``doc_ok``, ``perfect`` and ``cycle_days``. Pass ``None`` for
    a column your table lacks; the results that need it are left out.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: no group columns.
    agreed_days : float, optional
        Count an order as completed when delivered in full within this many days
        of its order date; default: by its promised date.
    order : str, default "order_id"
        The column of order ids (the lines of one order share it).
    ordered_qty : str or None, default "ordered_qty"
        The column of units ordered on the line (positive).
    shipped_qty : str or None, default "shipped_qty"
        The column of units shipped on the line (0 to the ordered quantity).
    damaged_qty : str or None, default "damaged_qty"
        The column of units that arrived damaged (0 to the shipped quantity).
    date : str or None, default "order_date"
        The column of order dates.
    promised_date : str or None, default "promised_date"
        The column of promised delivery dates.
    delivered_date : str or None, default "delivered_date"
        The column of actual delivery dates.
    doc_error : str or None, default "doc_error"
        The column of 0/1 flags for a documentation error (wrong invoice, label, packing list).
    complaint : str or None, default "complaint"
        The column of 0/1 flags for a customer complaint.
    claim : str or None, default "claim"
        The column of 0/1 flags for a damage or loss claim. Every column but
        ``order`` may be ``None`` when the table lacks it.

    Returns
    -------
    DataFrame
        One row per order (and group), sorted by the group keys and order id,
        with the columns listed above.

    References
    ----------
    .. [1] APICS / ASCM. *Supply Chain Operations Reference (SCOR) model*: the metrics
       "Perfect Order Fulfillment" (RL.1.1) and its components % of orders delivered in
       full, delivery performance to customer commit date, documentation accuracy and
       perfect condition.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": ["A", "A", "B"], "ordered_qty": [10, 5, 4], "shipped_qty": [10, 3, 4],
    ...                       "order_date": ["2025-03-01"] * 3, "promised_date": ["2025-03-03"] * 3,
    ...                       "delivered_date": ["2025-03-03", "2025-03-03", "2025-03-05"]})
    >>> order_table(lines, damaged_qty=None, doc_error=None, complaint=None, claim=None)[["order_id", "in_full", "on_time", "otif", "cycle_days"]]
      order_id  in_full  on_time   otif  cycle_days
    0        A    False     True  False         2.0
    1        B     True    False  False         4.0
    """
    columns = _columns(
        order=order,
        ordered_qty=ordered_qty,
        shipped_qty=shipped_qty,
        damaged_qty=damaged_qty,
        date=date,
        promised_date=promised_date,
        delivered_date=delivered_date,
        doc_error=doc_error,
        complaint=complaint,
        claim=claim,
    )
    if agreed_days is not None:
        agreed_days = check_number(agreed_days, "agreed_days", low=0)
    roles = [r for r in ROLES if columns[r] is not None]
    work, keys = _prepare(lines, columns, roles, by, agreed_days)
    return _orders_from_work(work, keys, agreed_days)


def _kpi_frame(orders: pd.DataFrame, keys: list[str], kpis: list[str], counts: list[str]) -> pd.DataFrame:
    frame = orders if keys else orders.assign(__all=0)
    group_keys = keys or ["__all"]
    grouped = frame.groupby(group_keys, sort=True, observed=True)
    sums = grouped[[c for c in ("lines", "full_lines", "ordered_units", "shipped_units", "damaged_units") if c in frame]].sum()
    means = grouped[
        [c for c in ("in_full", "on_time", "otif", "completed", "undamaged", "doc_ok", "perfect", "complaint", "claim") if c in frame]
    ].mean()
    out = pd.DataFrame(index=sums.index)
    if "orders" in counts:
        out["orders"] = grouped.size()
    cycle = {
        "mean": lambda: grouped["cycle_days"].mean(),
        "median": lambda: grouped["cycle_days"].median(),
        "p90": lambda: grouped["cycle_days"].quantile(0.9),
    }
    return _kpi_columns(out, sums, means, cycle, keys, kpis, counts)


def _kpi_columns(
    out: pd.DataFrame,
    sums: pd.DataFrame,
    means: pd.DataFrame,
    cycle: Mapping[str, Any],
    keys: list[str],
    kpis: list[str],
    counts: list[str],
) -> pd.DataFrame:
    """The count columns and the KPI formulas, from the per-group sums, the per-group means of the order booleans and the cycle-time statistics.

    ``out`` holds the ``orders`` column (when counted) on the groups' index; ``cycle`` maps
    ``"mean"``, ``"median"`` and ``"p90"`` to functions returning the per-group cycle-time statistic.
    Shared by the pandas path and the engines (:mod:`logilab.engine_kpis`).
    """
    for count in ("lines", "ordered_units", "shipped_units"):
        if count in counts:
            out[count] = sums[count]
    formulas = {
        "unit_fill_rate": lambda: sums["shipped_units"] / sums["ordered_units"],
        "line_fill_rate": lambda: sums["full_lines"] / sums["lines"],
        "stockout_frequency": lambda: (sums["lines"] - sums["full_lines"]) / sums["lines"],
        "order_fill_rate": lambda: means["in_full"],
        "on_time_rate": lambda: means["on_time"],
        "otif": lambda: means["otif"],
        "order_completion_rate": lambda: means["completed"],
        "undamaged_order_rate": lambda: means["undamaged"],
        "doc_accuracy_rate": lambda: means["doc_ok"],
        "perfect_order_rate": lambda: means["perfect"],
        "perfect_order_product": lambda: means["on_time"] * means["in_full"] * means["undamaged"] * means["doc_ok"],
        "cycle_time_mean": lambda: cycle["mean"](),
        "cycle_time_median": lambda: cycle["median"](),
        "cycle_time_p90": lambda: cycle["p90"](),
        # a group that shipped nothing has no damage rate: NaN, never 0
        "damage_rate": lambda: sums["damaged_units"] / sums["shipped_units"].where(sums["shipped_units"] > 0),
        "complaint_rate": lambda: means["complaint"],
        "claim_rate": lambda: means["claim"],
    }
    for kpi in kpis:
        out[kpi] = formulas[kpi]().astype(float)
    out = out.reset_index()
    return out.drop(columns="__all") if not keys else out


def service_kpis(
    lines: Any,
    *,
    by: str | list[str] | None = None,
    kpis: str | list[str] | None = None,
    agreed_days: float | None = None,
    order: str | None = "order_id",
    ordered_qty: str | None = "ordered_qty",
    shipped_qty: str | None = "shipped_qty",
    damaged_qty: str | None = "damaged_qty",
    date: str | None = "order_date",
    promised_date: str | None = "promised_date",
    delivered_date: str | None = "delivered_date",
    doc_error: str | None = "doc_error",
    complaint: str | None = "complaint",
    claim: str | None = "claim",
    engine: str | None = None,
) -> pd.DataFrame:
    """Every service KPI from order lines, overall or per group, as one tidy table.

    Parameters
    ----------
    lines : DataFrame or another frame
        One row per order line with its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified. Any frame narwhals
        supports is accepted too (a Polars DataFrame or LazyFrame, a DuckDB
        relation, a PyArrow table, a Dask DataFrame): the group-bys then run on
        that engine and only the per-group table comes back to pandas (see
        :mod:`logilab.engine_kpis`); its date columns must have a date or
        datetime type there.
    by : str or list of str, optional
        Group by these columns (``"warehouse"``, ``"customer_id"``,
        ``"category"``, ...). ``"month"``, ``"quarter"`` and ``"year"`` mean the
        period of the order date (``"2025-03"``, ``"2025Q1"``, ``"2025"``) unless
        the table has a column of that name. When a group column varies within an
        order (e.g. ``"category"``), each part of the order is judged on its own.
    kpis : str or list of str, optional
        Only these KPIs (names in :data:`KPI_NAMES`); default every KPI whose
        columns are available.
    agreed_days : float, optional
        The agreed time of the order completion rate (订货完成率), in days from
        the order date. Default: the order's promised date, which makes the
        order completion rate equal to OTIF (the course's "orders completed within
        the agreed time" and the industry's OTIF are then the same measure).
    order, ordered_qty, shipped_qty, damaged_qty, date, promised_date, delivered_date, doc_error, complaint, claim : str or None
        The column holding each field. ``None`` for a column your table lacks:
        the KPIs that need it are left out. ``doc_error``, ``complaint`` and
        ``claim`` are 0/1 flags.
    engine : {None, "pandas", "duckdb"}, optional
        Where the group-bys run: ``None`` on the frame's own engine (pandas for a
        pandas DataFrame, the teaching path), ``"duckdb"`` hands a pandas frame to
        DuckDB (no copy), ``"pandas"`` collects other frames into pandas first.
        The results are the same; the checks too (on an engine the messages
        count the rows instead of listing them).

    Returns
    -------
    DataFrame
        One row per group (one row overall): the group keys, the counts
        ``orders, lines, ordered_units, shipped_units``, then the KPIs in the
        order of :data:`KPI_NAMES` (see the module docstring for the formulas).
        Rates are fractions in [0, 1]; cycle times are in days.

    References
    ----------
    .. [1] Silver, E. A., Pyke, D. F., & Peterson, R. (1998). *Inventory Management and
       Production Planning and Scheduling* (3rd ed.). New York: Wiley (fill rates and
       stockout measures of customer service, ch. 7).
    .. [2] APICS / ASCM. *Supply Chain Operations Reference (SCOR) model*: the metrics
       "Perfect Order Fulfillment" (RL.1.1) and its components % of orders delivered in
       full, delivery performance to customer commit date, documentation accuracy and
       perfect condition.

    Examples
    --------
    >>> import logilab as ll
    >>> kpis = service_kpis(ll.load_sample("order_lines"))
    >>> print(kpis[["orders", "unit_fill_rate", "line_fill_rate", "order_fill_rate", "otif", "perfect_order_rate"]].round(4).to_string())
       orders  unit_fill_rate  line_fill_rate  order_fill_rate    otif  perfect_order_rate
    0   23065          0.9675          0.9451           0.8739  0.8162              0.7792
    >>> print(service_kpis(ll.load_sample("order_lines"), by="warehouse", kpis="otif").round(3).to_string())
      warehouse  orders  lines  ordered_units  shipped_units   otif
    0     WH-BJ    4835  11807       168299.0       163007.0  0.829
    1     WH-CD    3523   8864       140872.0       129693.0  0.668
    2     WH-GZ    5221  13429       212062.0       206865.0  0.827
    3     WH-SH    6474  16241       250384.0       246503.0  0.880
    4     WH-WH    3012   7582       111841.0       108700.0  0.813
    >>> on_duckdb = service_kpis(ll.load_sample("order_lines"), engine="duckdb")
    >>> print(on_duckdb[["orders", "unit_fill_rate", "line_fill_rate", "order_fill_rate", "otif", "perfect_order_rate"]].round(4).to_string())
       orders  unit_fill_rate  line_fill_rate  order_fill_rate    otif  perfect_order_rate
    0   23065          0.9675          0.9451           0.8739  0.8162              0.7792
    """
    columns = _columns(
        order=order,
        ordered_qty=ordered_qty,
        shipped_qty=shipped_qty,
        damaged_qty=damaged_qty,
        date=date,
        promised_date=promised_date,
        delivered_date=delivered_date,
        doc_error=doc_error,
        complaint=complaint,
        claim=claim,
    )
    if agreed_days is not None:
        agreed_days = check_number(agreed_days, "agreed_days", low=0)
    chosen = _choose_kpis(kpis, columns, agreed_days)
    roles = _roles_for(chosen, agreed_days)
    if columns["order"] is not None and "order" not in roles and kpis is None:
        roles.append("order")
    counts = [c for c, role in _COUNT_ROLES.items() if role is None or role in roles]
    if engine is not None or not isinstance(lines, pd.DataFrame):
        from .engines import _check_engine, _to_pandas

        engine = _check_engine(engine)
        if engine == "pandas" and not isinstance(lines, pd.DataFrame):
            lines = _to_pandas(lines)
        elif engine == "duckdb" or not isinstance(lines, pd.DataFrame):
            from .engine_kpis import _kpis_on_engine

            return _kpis_on_engine(
                lines, engine=engine, columns=columns, kpis=chosen, roles=roles, counts=counts, by=by, agreed_days=agreed_days
            )
    work, keys = _prepare(lines, columns, roles, by, agreed_days)
    orders = _orders_from_work(work, keys, agreed_days)
    return _kpi_frame(orders, keys, chosen, counts)


def _one_kpi(kpi: str, lines: pd.DataFrame, by: Any, agreed_days: float | None = None, **columns: str) -> Any:
    table = service_kpis(lines, by=by, kpis=kpi, agreed_days=agreed_days, **_columns(**columns))
    if by is None:
        return float(table[kpi].iloc[0])
    keys = check_group_columns(lines, by, "lines", derived=list(PERIOD_KEYS))
    return table.set_index(keys)[kpi]


def unit_fill_rate(lines: pd.DataFrame, *, by: Any = None, ordered_qty: str = "ordered_qty", shipped_qty: str = "shipped_qty") -> Any:
    """Unit fill rate = supply ratio (供应比率): ``sum(shipped units) / sum(ordered units)``.

    The share of the demanded quantity that was supplied. Returns a float, or a
    Series per group when ``by`` is given.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    ordered_qty : str, default "ordered_qty"
        The column of units ordered on the line (positive).
    shipped_qty : str, default "shipped_qty"
        The column of units shipped on the line (0 to the ordered quantity).

    Returns
    -------
    float or Series
        The unit fill rate, a fraction in [0, 1]. With ``by``: a Series named
        ``"unit_fill_rate"`` indexed by the group keys.

    References
    ----------
    .. [1] Silver, E. A., Pyke, D. F., & Peterson, R. (1998). *Inventory Management and
       Production Planning and Scheduling* (3rd ed.). New York: Wiley (fill rates and
       stockout measures of customer service, ch. 7).

    Examples
    --------
    >>> lines = pd.DataFrame({"ordered_qty": [10, 5, 4], "shipped_qty": [10, 3, 4]})
    >>> unit_fill_rate(lines)  # (10 + 3 + 4) / (10 + 5 + 4) = 17 / 19
    0.8947368421052632
    """
    return _one_kpi("unit_fill_rate", lines, by, ordered_qty=ordered_qty, shipped_qty=shipped_qty)


def line_fill_rate(lines: pd.DataFrame, *, by: Any = None, ordered_qty: str = "ordered_qty", shipped_qty: str = "shipped_qty") -> Any:
    """Line fill rate (订单行满足率): ``n(lines with shipped >= ordered) / n(lines)``.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    ordered_qty : str, default "ordered_qty"
        The column of units ordered on the line (positive).
    shipped_qty : str, default "shipped_qty"
        The column of units shipped on the line (0 to the ordered quantity).

    Returns
    -------
    float or Series
        The share of lines shipped in full, a fraction in [0, 1]. With ``by``: a Series named
        ``"line_fill_rate"`` indexed by the group keys.

    References
    ----------
    .. [1] Silver, E. A., Pyke, D. F., & Peterson, R. (1998). *Inventory Management and
       Production Planning and Scheduling* (3rd ed.). New York: Wiley (fill rates and
       stockout measures of customer service, ch. 7).

    Examples
    --------
    >>> lines = pd.DataFrame({"ordered_qty": [10, 5, 4], "shipped_qty": [10, 3, 4]})
    >>> round(line_fill_rate(lines), 4)  # 2 of 3 lines shipped in full
    0.6667
    """
    return _one_kpi("line_fill_rate", lines, by, ordered_qty=ordered_qty, shipped_qty=shipped_qty)


def stockout_frequency(lines: pd.DataFrame, *, by: Any = None, ordered_qty: str = "ordered_qty", shipped_qty: str = "shipped_qty") -> Any:
    """Stockout frequency (缺货频率): ``n(lines shipped short) / n(lines)``.

    The course defines it as the probability that a stockout occurs; with order
    lines as the demand events, it is the share of lines that could not be
    supplied in full, i.e. ``1 - line_fill_rate``. (In the inventory model the
    same idea per replenishment cycle is :func:`logilab.stockout_probability`.)

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    ordered_qty : str, default "ordered_qty"
        The column of units ordered on the line (positive).
    shipped_qty : str, default "shipped_qty"
        The column of units shipped on the line (0 to the ordered quantity).

    Returns
    -------
    float or Series
        The share of lines shipped short, a fraction in [0, 1]. With ``by``: a Series named
        ``"stockout_frequency"`` indexed by the group keys.

    References
    ----------
    .. [1] Silver, E. A., Pyke, D. F., & Peterson, R. (1998). *Inventory Management and
       Production Planning and Scheduling* (3rd ed.). New York: Wiley (fill rates and
       stockout measures of customer service, ch. 7).

    Examples
    --------
    >>> lines = pd.DataFrame({"ordered_qty": [10, 5, 4, 8], "shipped_qty": [10, 3, 4, 0]})
    >>> stockout_frequency(lines)  # lines 2 and 4 met a stockout
    0.5
    """
    return _one_kpi("stockout_frequency", lines, by, ordered_qty=ordered_qty, shipped_qty=shipped_qty)


def order_fill_rate(
    lines: pd.DataFrame, *, by: Any = None, order: str = "order_id", ordered_qty: str = "ordered_qty", shipped_qty: str = "shipped_qty"
) -> Any:
    """Order fill rate (订单满足率): ``n(orders whose every line shipped in full) / n(orders)``.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    order : str, default "order_id"
        The column of order ids (the lines of one order share it).
    ordered_qty : str, default "ordered_qty"
        The column of units ordered on the line (positive).
    shipped_qty : str, default "shipped_qty"
        The column of units shipped on the line (0 to the ordered quantity).

    Returns
    -------
    float or Series
        The share of orders shipped complete, a fraction in [0, 1]. With ``by``: a Series named
        ``"order_fill_rate"`` indexed by the group keys.

    References
    ----------
    .. [1] Silver, E. A., Pyke, D. F., & Peterson, R. (1998). *Inventory Management and
       Production Planning and Scheduling* (3rd ed.). New York: Wiley (fill rates and
       stockout measures of customer service, ch. 7).
    .. [2] APICS / ASCM. *Supply Chain Operations Reference (SCOR) model*: the metrics
       "Perfect Order Fulfillment" (RL.1.1) and its components % of orders delivered in
       full, delivery performance to customer commit date, documentation accuracy and
       perfect condition.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": ["A", "A", "B"], "ordered_qty": [10, 5, 4], "shipped_qty": [10, 3, 4]})
    >>> order_fill_rate(lines)  # A is short on its second line, B is complete
    0.5
    """
    return _one_kpi("order_fill_rate", lines, by, order=order, ordered_qty=ordered_qty, shipped_qty=shipped_qty)


def on_time_rate(
    lines: pd.DataFrame,
    *,
    by: Any = None,
    order: str = "order_id",
    promised_date: str = "promised_date",
    delivered_date: str = "delivered_date",
) -> Any:
    """On-time delivery rate (准时交付率): ``n(orders delivered on or before the promised date) / n(orders)``.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    order : str, default "order_id"
        The column of order ids (the lines of one order share it).
    promised_date : str, default "promised_date"
        The column of promised delivery dates.
    delivered_date : str, default "delivered_date"
        The column of actual delivery dates.

    Returns
    -------
    float or Series
        The share of orders whose every line arrived by its promised date, a fraction in [0, 1]. With ``by``: a Series named
        ``"on_time_rate"`` indexed by the group keys.

    References
    ----------
    .. [1] APICS / ASCM. *Supply Chain Operations Reference (SCOR) model*: the metrics
       "Perfect Order Fulfillment" (RL.1.1) and its components % of orders delivered in
       full, delivery performance to customer commit date, documentation accuracy and
       perfect condition.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": ["A", "B"], "promised_date": ["2025-03-03", "2025-03-03"],
    ...                       "delivered_date": ["2025-03-03", "2025-03-04"]})
    >>> on_time_rate(lines)
    0.5
    """
    return _one_kpi("on_time_rate", lines, by, order=order, promised_date=promised_date, delivered_date=delivered_date)


def otif(
    lines: pd.DataFrame,
    *,
    by: Any = None,
    order: str = "order_id",
    ordered_qty: str = "ordered_qty",
    shipped_qty: str = "shipped_qty",
    promised_date: str = "promised_date",
    delivered_date: str = "delivered_date",
) -> Any:
    """On time in full (OTIF, 准时足量交付率): ``n(orders on time AND in full) / n(orders)``.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    order : str, default "order_id"
        The column of order ids (the lines of one order share it).
    ordered_qty : str, default "ordered_qty"
        The column of units ordered on the line (positive).
    shipped_qty : str, default "shipped_qty"
        The column of units shipped on the line (0 to the ordered quantity).
    promised_date : str, default "promised_date"
        The column of promised delivery dates.
    delivered_date : str, default "delivered_date"
        The column of actual delivery dates.

    Returns
    -------
    float or Series
        The share of orders both on time and in full, a fraction in [0, 1]. With ``by``: a Series named
        ``"otif"`` indexed by the group keys.

    References
    ----------
    .. [1] APICS / ASCM. *Supply Chain Operations Reference (SCOR) model*: the metrics
       "Perfect Order Fulfillment" (RL.1.1) and its components % of orders delivered in
       full, delivery performance to customer commit date, documentation accuracy and
       perfect condition.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": ["A", "A", "B", "C"], "ordered_qty": [10, 5, 4, 2], "shipped_qty": [10, 3, 4, 2],
    ...                       "damaged_qty": [0, 0, 1, 0], "doc_error": [0, 0, 0, 1], "complaint": [1, 1, 0, 0],
    ...                       "order_date": ["2025-03-01"] * 4, "promised_date": ["2025-03-03"] * 4,
    ...                       "delivered_date": ["2025-03-03", "2025-03-03", "2025-03-03", "2025-03-05"]})
    >>> otif(lines)  # A short, B on time and full, C late
    0.3333333333333333
    """
    return _one_kpi(
        "otif",
        lines,
        by,
        order=order,
        ordered_qty=ordered_qty,
        shipped_qty=shipped_qty,
        promised_date=promised_date,
        delivered_date=delivered_date,
    )


def order_completion_rate(
    lines: pd.DataFrame,
    *,
    by: Any = None,
    agreed_days: float | None = None,
    basis: str = "orders",
    order: str = "order_id",
    ordered_qty: str = "ordered_qty",
    shipped_qty: str = "shipped_qty",
    date: str = "order_date",
    promised_date: str = "promised_date",
    delivered_date: str = "delivered_date",
) -> Any:
    """Order completion rate (订货完成率): ``n(orders complete within the agreed time) / n(orders)``.

    An order is complete when every line shipped in full; the agreed time is
    the promised date by default (then this equals OTIF) or ``agreed_days``
    after the order date (e.g. a contract's standard lead time).

    ``basis="units"`` gives the course's second reading: the share of the
    units ordered that were delivered within the agreed time,
    ``sum(shipped units of orders delivered in time) / sum(ordered units)``.
    It counts a short shipment in proportion to what is missing, where the
    order basis counts the whole order as failed.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    agreed_days : float, optional
        Count an order as completed when delivered in full within this many days
        of its order date; default: by its promised date.
    basis : {"orders", "units"}, default "orders"
        Count whole orders, or the units delivered in time out of the units ordered.
    order : str, default "order_id"
        The column of order ids (the lines of one order share it).
    ordered_qty : str, default "ordered_qty"
        The column of units ordered on the line (positive).
    shipped_qty : str, default "shipped_qty"
        The column of units shipped on the line (0 to the ordered quantity).
    date : str, default "order_date"
        The column of order dates.
    promised_date : str, default "promised_date"
        The column of promised delivery dates.
    delivered_date : str, default "delivered_date"
        The column of actual delivery dates.

    Returns
    -------
    float or Series
        The order completion rate, a fraction in [0, 1]. With ``by``: a Series named
        ``"order_completion_rate"`` indexed by the group keys.

    References
    ----------
    .. [1] APICS / ASCM. *Supply Chain Operations Reference (SCOR) model*: the metrics
       "Perfect Order Fulfillment" (RL.1.1) and its components % of orders delivered in
       full, delivery performance to customer commit date, documentation accuracy and
       perfect condition.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": ["A", "A", "B", "C"], "ordered_qty": [10, 5, 4, 2], "shipped_qty": [10, 3, 4, 2],
    ...                       "damaged_qty": [0, 0, 1, 0], "doc_error": [0, 0, 0, 1], "complaint": [1, 1, 0, 0],
    ...                       "order_date": ["2025-03-01"] * 4, "promised_date": ["2025-03-03"] * 4,
    ...                       "delivered_date": ["2025-03-03", "2025-03-03", "2025-03-03", "2025-03-05"]})
    >>> round(order_completion_rate(lines), 4), order_completion_rate(lines, agreed_days=4)
    (0.3333, 0.6666666666666666)

    By units: A (13 of 15 units) and B (4 of 4) arrive on time, C (2 units) late,
    so (13 + 4) / (15 + 4 + 2) = 17 / 21:

    >>> round(order_completion_rate(lines, basis="units"), 4)
    0.8095
    """
    check_choice(basis, "basis", ["orders", "units"])
    if basis == "units":
        orders = order_table(
            lines,
            by=by,
            agreed_days=agreed_days,
            order=order,
            ordered_qty=ordered_qty,
            shipped_qty=shipped_qty,
            damaged_qty=None,
            date=date,
            promised_date=promised_date,
            delivered_date=delivered_date,
            doc_error=None,
            complaint=None,
            claim=None,
        )
        if agreed_days is None:
            in_time = orders["on_time"]
        else:
            in_time = orders["delivered_date"] <= orders["order_date"] + pd.Timedelta(days=float(agreed_days))
        delivered = orders["shipped_units"].where(in_time, 0.0)
        if by is None:
            return float(delivered.sum() / orders["ordered_units"].sum())
        keys = check_group_columns(lines, by, "lines", derived=list(PERIOD_KEYS))
        grouped = pd.DataFrame({"delivered": delivered, "ordered": orders["ordered_units"]}).join(orders[keys]).groupby(keys, sort=True)
        sums = grouped[["delivered", "ordered"]].sum()
        return (sums["delivered"] / sums["ordered"]).rename("order_completion_rate")
    return _one_kpi(
        "order_completion_rate",
        lines,
        by,
        agreed_days=agreed_days,
        order=order,
        ordered_qty=ordered_qty,
        shipped_qty=shipped_qty,
        date=date,
        promised_date=promised_date,
        delivered_date=delivered_date,
    )


def perfect_order_rate(
    lines: pd.DataFrame,
    *,
    by: Any = None,
    order: str = "order_id",
    ordered_qty: str = "ordered_qty",
    shipped_qty: str = "shipped_qty",
    damaged_qty: str = "damaged_qty",
    promised_date: str = "promised_date",
    delivered_date: str = "delivered_date",
    doc_error: str = "doc_error",
) -> Any:
    """Perfect order rate (完美订单率), joint per order: on time, in full, undamaged and no document error.

    ``n(orders meeting all four conditions) / n(orders)``. Multiplying the four
    component rates gives a different number unless failures are independent;
    :func:`perfect_order_breakdown` shows both side by side.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    order : str, default "order_id"
        The column of order ids (the lines of one order share it).
    ordered_qty : str, default "ordered_qty"
        The column of units ordered on the line (positive).
    shipped_qty : str, default "shipped_qty"
        The column of units shipped on the line (0 to the ordered quantity).
    damaged_qty : str, default "damaged_qty"
        The column of units that arrived damaged (0 to the shipped quantity).
    promised_date : str, default "promised_date"
        The column of promised delivery dates.
    delivered_date : str, default "delivered_date"
        The column of actual delivery dates.
    doc_error : str, default "doc_error"
        The column of 0/1 flags for a documentation error (wrong invoice, label, packing list).

    Returns
    -------
    float or Series
        The share of perfect orders, a fraction in [0, 1]. With ``by``: a Series named
        ``"perfect_order_rate"`` indexed by the group keys.

    References
    ----------
    .. [1] APICS / ASCM. *Supply Chain Operations Reference (SCOR) model*: the metrics
       "Perfect Order Fulfillment" (RL.1.1) and its components % of orders delivered in
       full, delivery performance to customer commit date, documentation accuracy and
       perfect condition.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": ["A", "A", "B", "C"], "ordered_qty": [10, 5, 4, 2], "shipped_qty": [10, 3, 4, 2],
    ...                       "damaged_qty": [0, 0, 1, 0], "doc_error": [0, 0, 0, 1], "complaint": [1, 1, 0, 0],
    ...                       "order_date": ["2025-03-01"] * 4, "promised_date": ["2025-03-03"] * 4,
    ...                       "delivered_date": ["2025-03-03", "2025-03-03", "2025-03-03", "2025-03-05"]})
    >>> perfect_order_rate(lines)  # A short, B damaged, C late with a document error
    0.0
    """
    return _one_kpi(
        "perfect_order_rate",
        lines,
        by,
        order=order,
        ordered_qty=ordered_qty,
        shipped_qty=shipped_qty,
        damaged_qty=damaged_qty,
        promised_date=promised_date,
        delivered_date=delivered_date,
        doc_error=doc_error,
    )


def perfect_order_breakdown(
    lines: pd.DataFrame,
    *,
    by: Any = None,
    order: str = "order_id",
    ordered_qty: str = "ordered_qty",
    shipped_qty: str = "shipped_qty",
    damaged_qty: str = "damaged_qty",
    promised_date: str = "promised_date",
    delivered_date: str = "delivered_date",
    doc_error: str = "doc_error",
) -> pd.DataFrame:
    """The four components of the perfect order, their product and the joint (per-order) rate.

    Columns: ``on_time_rate, order_fill_rate, undamaged_order_rate,
    doc_accuracy_rate, perfect_order_product, perfect_order_rate`` and
    ``difference = perfect_order_rate - perfect_order_product``. The product
    assumes the four failures strike independently; when they strike the same
    orders (a late order is also often short), fewer orders fail in all and the
    joint rate is higher than the product.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    order : str, default "order_id"
        The column of order ids (the lines of one order share it).
    ordered_qty : str, default "ordered_qty"
        The column of units ordered on the line (positive).
    shipped_qty : str, default "shipped_qty"
        The column of units shipped on the line (0 to the ordered quantity).
    damaged_qty : str, default "damaged_qty"
        The column of units that arrived damaged (0 to the shipped quantity).
    promised_date : str, default "promised_date"
        The column of promised delivery dates.
    delivered_date : str, default "delivered_date"
        The column of actual delivery dates.
    doc_error : str, default "doc_error"
        The column of 0/1 flags for a documentation error (wrong invoice, label, packing list).

    Returns
    -------
    DataFrame
        One row overall (index 0), or one row per group with the group keys as
        leading columns, and the seven columns listed above.

    References
    ----------
    .. [1] APICS / ASCM. *Supply Chain Operations Reference (SCOR) model*: the metrics
       "Perfect Order Fulfillment" (RL.1.1) and its components % of orders delivered in
       full, delivery performance to customer commit date, documentation accuracy and
       perfect condition.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": ["A", "A", "B", "C"], "ordered_qty": [10, 5, 4, 2], "shipped_qty": [10, 3, 4, 2],
    ...                       "damaged_qty": [0, 0, 1, 0], "doc_error": [0, 0, 0, 1], "complaint": [1, 1, 0, 0],
    ...                       "order_date": ["2025-03-01"] * 4, "promised_date": ["2025-03-03"] * 4,
    ...                       "delivered_date": ["2025-03-03", "2025-03-03", "2025-03-03", "2025-03-05"]})
    >>> perfect_order_breakdown(lines).round(4).T
                                0
    on_time_rate           0.6667
    order_fill_rate        0.6667
    undamaged_order_rate   0.6667
    doc_accuracy_rate      0.6667
    perfect_order_product  0.1975
    perfect_order_rate     0.0000
    difference            -0.1975
    """
    names = ["on_time_rate", "order_fill_rate", "undamaged_order_rate", "doc_accuracy_rate", "perfect_order_product", "perfect_order_rate"]
    table = service_kpis(
        lines,
        by=by,
        kpis=names,
        **_columns(
            order=order,
            ordered_qty=ordered_qty,
            shipped_qty=shipped_qty,
            damaged_qty=damaged_qty,
            promised_date=promised_date,
            delivered_date=delivered_date,
            doc_error=doc_error,
        ),
    )
    table = table.drop(columns=[c for c in _COUNT_ROLES if c in table])
    table["difference"] = table["perfect_order_rate"] - table["perfect_order_product"]
    return table


def cycle_time(
    lines: pd.DataFrame,
    *,
    by: Any = None,
    order: str = "order_id",
    date: str = "order_date",
    delivered_date: str = "delivered_date",
) -> Any:
    """Order cycle time (订单周期) in days: mean, median and 90th percentile of ``delivery date - order date``.

    Counted per order (an order is delivered when its last line arrives). The
    90th percentile is interpolated linearly between orders (pandas' default).
    Returns a Series (``mean, median, p90``), or a DataFrame per group.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    order : str, default "order_id"
        The column of order ids (the lines of one order share it).
    date : str, default "order_date"
        The column of order dates.
    delivered_date : str, default "delivered_date"
        The column of actual delivery dates.

    Returns
    -------
    Series or DataFrame
        ``mean``, ``median`` and ``p90`` in days; with ``by``, a DataFrame with
        these columns indexed by the group keys.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": ["A", "B", "C", "D"], "order_date": ["2025-03-01"] * 4,
    ...                       "delivered_date": ["2025-03-02", "2025-03-03", "2025-03-03", "2025-03-08"]})
    >>> cycle_time(lines)  # 1, 2, 2, 7 days
    mean      3.0
    median    2.0
    p90       5.5
    dtype: float64
    """
    names = ["cycle_time_mean", "cycle_time_median", "cycle_time_p90"]
    table = service_kpis(lines, by=by, kpis=names, **_columns(order=order, date=date, delivered_date=delivered_date))
    table = table.rename(columns=dict(zip(names, ["mean", "median", "p90"])))
    if by is None:
        return table[["mean", "median", "p90"]].iloc[0].rename(None)
    keys = check_group_columns(lines, by, "lines", derived=list(PERIOD_KEYS))
    return table.set_index(keys)[["mean", "median", "p90"]]


def damage_rate(lines: pd.DataFrame, *, by: Any = None, shipped_qty: str = "shipped_qty", damaged_qty: str = "damaged_qty") -> Any:
    """Damage rate (货损率): ``sum(damaged units) / sum(shipped units)``.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    shipped_qty : str, default "shipped_qty"
        The column of units shipped on the line (0 to the ordered quantity).
    damaged_qty : str, default "damaged_qty"
        The column of units that arrived damaged (0 to the shipped quantity).

    Returns
    -------
    float or Series
        The share of shipped units damaged (NaN for a group that shipped nothing), a fraction in [0, 1]. With ``by``: a Series named
        ``"damage_rate"`` indexed by the group keys.

    Examples
    --------
    >>> lines = pd.DataFrame({"shipped_qty": [10, 3, 7], "damaged_qty": [0, 1, 0]})
    >>> damage_rate(lines)  # 1 / 20
    0.05
    """
    return _one_kpi("damage_rate", lines, by, shipped_qty=shipped_qty, damaged_qty=damaged_qty)


def complaint_rate(lines: pd.DataFrame, *, by: Any = None, order: str = "order_id", complaint: str = "complaint") -> Any:
    """Complaint rate (投诉率): ``n(orders with a complaint) / n(orders)``.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    order : str, default "order_id"
        The column of order ids (the lines of one order share it).
    complaint : str, default "complaint"
        The column of 0/1 flags for a customer complaint.

    Returns
    -------
    float or Series
        The share of orders with a complaint, a fraction in [0, 1]. With ``by``: a Series named
        ``"complaint_rate"`` indexed by the group keys.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": ["A", "A", "B", "C"], "ordered_qty": [10, 5, 4, 2], "shipped_qty": [10, 3, 4, 2],
    ...                       "damaged_qty": [0, 0, 1, 0], "doc_error": [0, 0, 0, 1], "complaint": [1, 1, 0, 0],
    ...                       "order_date": ["2025-03-01"] * 4, "promised_date": ["2025-03-03"] * 4,
    ...                       "delivered_date": ["2025-03-03", "2025-03-03", "2025-03-03", "2025-03-05"]})
    >>> round(complaint_rate(lines), 4)  # order A (both of its lines carry the flag)
    0.3333
    """
    return _one_kpi("complaint_rate", lines, by, order=order, complaint=complaint)


def claim_rate(lines: pd.DataFrame, *, by: Any = None, order: str = "order_id", claim: str = "claim") -> Any:
    """Claim rate (索赔率): ``n(orders with a damage claim) / n(orders)``.

    Parameters
    ----------
    lines : DataFrame
        One row per order line, carrying its order's header fields, e.g.
        ``ll.load_sample("order_lines")``. Never modified.
    by : str or list of str, optional
        Group by these columns (e.g. ``"warehouse"``); ``"month"``, ``"quarter"``
        and ``"year"`` mean the period of the order date unless the table has a
        column of that name. Default ``None``: one number for the whole table.
    order : str, default "order_id"
        The column of order ids (the lines of one order share it).
    claim : str, default "claim"
        The column of 0/1 flags for a damage or loss claim.

    Returns
    -------
    float or Series
        The share of orders with a claim, a fraction in [0, 1]. With ``by``: a Series named
        ``"claim_rate"`` indexed by the group keys.

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": ["A", "B", "C", "D"], "claim": [0, 1, 0, 0]})
    >>> claim_rate(lines)
    0.25
    """
    return _one_kpi("claim_rate", lines, by, order=order, claim=claim)
