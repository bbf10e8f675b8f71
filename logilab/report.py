"""Reports for analysts: a self-contained HTML segmentation report and the per-customer table.

The HTML report carries plotly.js inside the file (no network needed to open
it), the segment table with the suggested service, the definitions and cut
points used, the data cleaning done on the way in and the parameters of the
run, so a reader can tell exactly how each number was reached. Files are
written by :mod:`logilab.io` (all outputs at once, or none).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pandas as pd

from ._validation import check_choice
from .i18n import FONT_FAMILY, LABELS, get_language, label
from .io import escape_html
from .segmentation import SERVICE_LEVELS, Segmentation, _labels_at, abc_summary

__all__ = ["cleaning_lines", "segment_export", "segment_table", "segmentation_report"]

# Most points a chart of the report draws: more makes the file heavy and the browser slow.
MAX_POINTS = 5000


def _frequency_label(result: Segmentation, lang: str) -> str:
    return label("export_orders" if result.parameters.get("order") else "export_frequency_days", lang)


def cleaning_lines(result: Segmentation, *, lang: str | None = None) -> list[str]:
    """What was done to the data before and during segmentation, one sentence each.

    The reader's steps (when the lines came from :func:`logilab.read_orders`),
    the customers left out because refunds cancel their purchases, how
    frequency was counted and the analysis date used.

    Parameters
    ----------
    result : Segmentation
        The output of :func:`logilab.segment_customers`.
    lang : {"zh", "en"}, optional
        The language of the text; default the workbook's language
        (:func:`logilab.get_language`).

    Returns
    -------
    list of str
        One sentence per step, in the order they were taken.

    Examples
    --------
    >>> from logilab.segmentation import segment_customers
    >>> lines = pd.DataFrame({"customer_id": list("ABC"), "order_date": ["2025-12-01", "2025-11-01", "2025-10-01"],
    ...                       "revenue": [10.0, 30.0, 5.0]})
    >>> cleaning_lines(segment_customers(lines, clusters=False), lang="en")
    ["no order column: frequency counts purchase days (a customer's lines on one day count once)", 'analysis date (as of): 2025-12-02 (the day after the last date in the data)']
    """
    from .io import CleaningReport

    lang = check_choice(lang or get_language(), "lang", ["zh", "en"])
    report = CleaningReport(steps=list(result.cleaning.steps) if result.cleaning is not None else [])
    if not any(step["step"].startswith("frequency_") for step in report.steps):
        order = result.parameters.get("order")
        report.add("frequency_orders" if order else "frequency_days", column=order)
    excluded = result.excluded
    if len(excluded):
        shown = ", ".join(f"{c} ({v:,.2f})" for c, v in excluded["net"].head(5).items()) + (" …" if len(excluded) > 5 else "")
        report.add("excluded", count=len(excluded), detail=shown)
    as_of = result.parameters.get("as_of", "")
    if result.parameters.get("as_of_given"):
        how = "（由用户指定）" if lang == "zh" else " (given)"
    else:
        how = "（数据中最后一个日期的次日）" if lang == "zh" else " (the day after the last date in the data)"
    report.add("as_of", detail=f"{as_of}{how}")
    return report.lines(lang)


def segment_export(result: Segmentation, *, lang: str | None = None) -> pd.DataFrame:
    """The per-customer table for export: the customer column first, headers and names in ``lang``.

    Columns (English names; Chinese headers in ``zh``): the customer column
    (named as in the input, identifiers as text exactly as read), recency,
    frequency (orders, or purchase days without an order column), monetary
    (rounded to cents), R, F, M, rfm_code, segment, service, abc_class,
    cumulative_share and, with clustering, cluster and cluster_name.

    Parameters
    ----------
    result : Segmentation
        The output of :func:`logilab.segment_customers`.
    lang : {"zh", "en"}, optional
        The language of the text; default the workbook's language
        (:func:`logilab.get_language`).

    Returns
    -------
    DataFrame
        One row per customer, in the order of ``result.table``, ready for
        :func:`logilab.csv_bytes`.

    Examples
    --------
    >>> from logilab.segmentation import segment_customers
    >>> lines = pd.DataFrame({"客户编号": ["007", "B"], "日期": ["2025-12-01", "2025-11-01"], "金额": [10.005, 30.0]})
    >>> result = segment_customers(lines, customer="客户编号", date="日期", amount="金额", clusters=False)
    >>> segment_export(result, lang="en")[["客户编号", "monetary", "segment", "service", "abc_class"]]
      客户编号  monetary                      segment          service abc_class
    0  007     10.01  general development customer    basic service         A
    1    B     30.00   important win-back customer  refined service         A
    >>> list(segment_export(result, lang="zh").columns[:5])
    ['客户编号', '最近一次消费距今天数', '购买日次数', '消费金额', 'R']
    """
    lang = check_choice(lang or get_language(), "lang", ["zh", "en"])
    table = result.table
    export = table[["recency", "frequency", "monetary", "R", "F", "M", "rfm_code"]].copy()
    export["monetary"] = export["monetary"].round(2)
    export["segment"] = table[f"segment_{lang}"]
    codes, services = pd.factorize(table["service"])
    export["service"] = _labels_at([SERVICE_LEVELS[s][0 if lang == "zh" else 1] for s in services], codes, table.index)
    export["abc_class"] = table["abc_class"]
    export["cumulative_share"] = table["cumulative_share"].round(6)
    if "cluster" in table:
        export["cluster"] = table["cluster"]
        export["cluster_name"] = table[f"cluster_{lang}"]
    export = export.reset_index()
    if lang == "zh":
        export = export.rename(columns=_export_headers(result, lang))
    return export


def _export_headers(result: Segmentation, lang: str) -> dict[str, str]:
    return {
        "recency": label("export_recency", lang),
        "frequency": _frequency_label(result, lang),
        "monetary": label("export_monetary", lang),
        "rfm_code": label("rfm_code", lang),
        "segment": label("segment", lang),
        "service": label("export_service", lang),
        "abc_class": label("export_abc", lang),
        "cumulative_share": label("export_cumulative_share", lang),
        "cluster": label("export_cluster", lang),
        "cluster_name": label("cluster_name", lang),
    }


def _t(key: str, lang: str, **values: Any) -> str:
    return label(f"report_{key}", lang).format(**values)


def _table_html(frame: pd.DataFrame, *, floats: str = "{:,.2f}", index: bool = True) -> str:
    return frame.to_html(classes="table", border=0, float_format=lambda v: floats.format(v), escape=True, index=index)


def _number(pattern: str) -> Any:
    """Format a number, or a dash for a segment with no customers (its mean does not exist)."""
    return lambda value: "—" if pd.isna(value) else pattern.format(value)


def segment_table(result: Segmentation, *, lang: str | None = None) -> pd.DataFrame:
    """The eight segments as a display table: size, value, mean R/F/M, service and strategy, formatted.

    Parameters
    ----------
    result : Segmentation
        The output of :func:`logilab.segment_customers`.
    lang : {"zh", "en"}, optional
        The language of the text; default the workbook's language
        (:func:`logilab.get_language`).

    Returns
    -------
    DataFrame
        One row per RFM class in the fixed order of
        :data:`logilab.RFM_SEGMENTS`; columns segment, customers, share of
        customers, monetary, share of monetary value, the mean R, F and M, service
        and strategy (headers in ``lang``), numbers formatted as text.

    Examples
    --------
    >>> from logilab.segmentation import segment_customers
    >>> lines = pd.DataFrame({"customer_id": list("AB"), "order_date": ["2025-12-01", "2025-06-01"], "revenue": [10.0, 30.0]})
    >>> segment_table(segment_customers(lines, clusters=False), lang="en").iloc[3, [0, 2, 3, 4]].tolist()
    ['important win-back customer', '50.0%', '30', '75.0%']
    """
    lang = check_choice(lang or get_language(), "lang", ["zh", "en"])
    summary = result.segments.by_segment
    table = pd.DataFrame(
        {
            label("segment", lang): summary[lang],
            label("customers", lang): summary["customers"],
            label("customer_share", lang): summary["customer_share"].map("{:.1%}".format),
            label("monetary", lang): summary["monetary"].map("{:,.0f}".format),
            label("value_share", lang): summary["monetary_share"].map("{:.1%}".format),
            "R": summary["mean_recency"].map(_number("{:,.0f}")),
            "F": summary["mean_frequency"].map(_number("{:,.1f}")),
            "M": summary["mean_monetary"].map(_number("{:,.0f}")),
            label("service_level_segment", lang): summary[f"service_{lang}"],
            label("strategy", lang): summary[f"strategy_{lang}"],
        }
    )
    return table.reset_index(drop=True)


def _sample(frame: pd.DataFrame, random_state: int) -> pd.DataFrame:
    return frame if len(frame) <= MAX_POINTS else frame.sample(MAX_POINTS, random_state=random_state).sort_index()


def segmentation_report(
    result: Segmentation,
    *,
    title: str | None = None,
    source: str | None = None,
    notes: Mapping[str, Any] | None = None,
    lang: str | None = None,
) -> str:
    """A self-contained HTML report of a segmentation (plotly.js inlined, no network needed).

    Parameters
    ----------
    result : Segmentation
        The output of :func:`logilab.segment_customers`.
    title : str, optional
        The page title; default "客户分级报告" / "Customer segmentation report".
    source : str, optional
        The name of the input file, printed with the parameters.
    notes : dict, optional
        More parameters to record (e.g. the detected encoding).
    lang : {"zh", "en"}, optional
        The language of the report; default the workbook's language.

    Returns
    -------
    str
        A complete HTML document.

    Examples
    --------
    >>> from logilab.segmentation import segment_customers
    >>> lines = pd.DataFrame({"customer_id": list("ABCD"), "order_date": ["2025-12-01"] * 4, "revenue": [10.0, 20.0, 30.0, 40.0]})
    >>> page = segmentation_report(segment_customers(lines, clusters=False), lang="en")
    >>> page.startswith("<!DOCTYPE html>"), "The eight RFM segments" in page, '<script src="http' in page
    (True, True, False)
    """
    import plotly.io as pio

    from .figures.segmentation import plot_clusters, plot_k_selection, plot_pareto, plot_rfm_distributions, plot_segment_sizes

    lang = check_choice(lang or get_language(), "lang", ["zh", "en"])
    params = result.parameters
    title = title or label("segmentation_report", lang)
    seed = int(params.get("random_state", 0))
    rfm = result.rfm.table
    figures: list[tuple[str, Any]] = [
        ("", plot_segment_sizes(result.segments.by_segment, lang=lang)),
        ("", plot_pareto(result.abc, lang=lang)),
    ]
    sampled = _sample(rfm, seed)
    sample_note = _t("sampled", lang, n=len(sampled), total=len(rfm)) if len(sampled) < len(rfm) else ""
    figures.append((sample_note, plot_rfm_distributions(sampled, lang=lang)))
    cluster_figures: list[tuple[str, Any]] = []
    if result.kmeans is not None:
        km = result.kmeans
        shown = sampled.index
        sampled_result = dataclasses.replace(km, labels=km.labels.loc[shown])
        cluster_figures = [
            (sample_note, plot_clusters(sampled_result, rfm.loc[shown], lang=lang)),
            ("", plot_k_selection(km.selection, chosen=km.k, lang=lang)),
        ]

    def chart(note_and_figure: tuple[str, Any], first: bool) -> str:
        note, figure = note_and_figure
        div = pio.to_html(figure, full_html=False, include_plotlyjs=first, config={"displaylogo": False, "responsive": True})
        caption = f'<p class="note">{escape_html(note)}</p>' if note else ""
        return f'<div class="chart">{div}{caption}</div>'

    charts = [chart(f, i == 0) for i, f in enumerate(figures)]
    cluster_charts = [chart(f, False) for f in cluster_figures]

    customers = len(rfm)
    key_numbers = {
        label("customers", lang): f"{customers:,}",
        _frequency_label(result, lang): f"{int(rfm['frequency'].sum()):,}",
        _t("total", lang): f"{result.table['monetary'].sum():,.2f}" if params.get("monetary") == "sum" else "—",
        _t("as_of", lang): params.get("as_of", ""),
    }
    if source:
        key_numbers[_t("source", lang)] = source
    key_html = "".join(
        f"<div class='kpi'><div class='v'>{escape_html(str(v))}</div><div>{escape_html(k)}</div></div>" for k, v in key_numbers.items()
    )

    how = label(params["threshold"], lang) if params.get("threshold") in ("mean", "median") else label("threshold", lang)
    names = {column: label(key, lang) for column, key in (("recency", "export_recency"), ("monetary", "export_monetary"))}
    names["frequency"] = _frequency_label(result, lang)
    thresholds = pd.DataFrame({label("threshold", lang): result.segments.thresholds}).T.rename(columns=names)
    cut_points = pd.DataFrame(
        {names.get(column, column): [", ".join(f"{c:,.2f}" for c in cuts)] for column, cuts in result.scores.cut_points.items()},
        index=[_t("cut_points", lang)],
    )
    a_cut, b_cut = params.get("cutoffs", (0.8, 0.95))
    abc_table = abc_summary(result.abc)
    abc_table = abc_table.assign(
        item_share=abc_table["item_share"].map("{:.1%}".format), value_share=abc_table["value_share"].map("{:.1%}".format)
    ).rename(
        columns={
            "items": label("items", lang),
            "item_share": label("item_share", lang),
            "value": label("abc_value", lang),
            "value_share": label("value_share", lang),
        }
    )
    abc_table.index.name = label("abc_class", lang)
    all_params = {**params, **(dict(notes) if notes else {})}
    params_table = pd.DataFrame(
        {
            label("parameter_value", lang): {
                (label(f"parameter_{k}", lang) if f"parameter_{k}" in LABELS else k): "—" if v is None else str(v)
                for k, v in all_params.items()
            }
        }
    )
    params_table.index.name = label("parameter", lang)
    cleaning = "".join(f"<li>{escape_html(line)}</li>" for line in cleaning_lines(result, lang=lang))
    excluded_html = ""
    if len(result.excluded):
        excluded = result.excluded.rename(
            columns={
                "purchases": label("purchases_amount", lang),
                "refunds": label("refunds_amount", lang),
                "net": label("net_amount", lang),
            }
        )
        excluded_html = f"<h3>{escape_html(label('excluded_customers', lang))}</h3>" + _table_html(excluded.head(200))

    sections = [
        f"<h2>{_t('key_numbers', lang)}</h2><div class='kpis'>{key_html}</div>",
        f"<h2>{escape_html(label('data_cleaning', lang))}</h2><ul>{cleaning}</ul>{excluded_html}",
        f"<h2>{_t('segments', lang)}</h2><p>{escape_html(_t('segments_note', lang, how=how))}</p>",
        _table_html(thresholds),
        _table_html(segment_table(result, lang=lang), index=False),
        *charts[:1],
        f"<h2>{_t('abc', lang)}</h2><p>{escape_html(_t('abc_note', lang, a=a_cut, b=b_cut))}</p>",
        _table_html(abc_table),
        *charts[1:2],
        f"<h2>{label('rfm_distributions', lang)}</h2>",
        *charts[2:],
    ]
    if result.kmeans is not None:
        km = result.kmeans
        chosen = _t("chosen_given", lang) if params.get("k_chosen_by") == "given" else _t("chosen_by_silhouette", lang)
        profile = km.table.drop(columns=["name_en" if lang == "zh" else "name_zh"])
        profile = profile.rename(
            columns={
                "size": label("cluster_size", lang),
                "share": label("customer_share", lang),
                f"name_{lang}": label("cluster_name", lang),
                **names,
            }
        )
        profile.index.name = label("export_cluster", lang)
        selection = km.selection.rename(columns={"inertia": label("inertia", lang), "silhouette": label("silhouette", lang)})
        selection.index.name = label("k_clusters", lang)
        sections += [
            f"<h2>{_t('clusters', lang)}</h2><p>{escape_html(_t('clusters_note', lang, scale=km.scale, k=km.k, how=chosen, seed=km.random_state))}</p>",
            _table_html(profile),
            _table_html(selection, floats="{:,.3f}"),
            f"<p class='note'>{escape_html(_t('kmeans_sample', lang, sample=km.silhouette_sample, seed=km.random_state, fitted=km.selection_sample, algorithm=km.algorithm))}</p>",
            *cluster_charts,
        ]
    sections += [
        f"<h2>{_t('definitions', lang)}</h2><p>{escape_html(_t('definitions_text', lang, bins=result.scores.bins))}</p>",
        _table_html(cut_points),
        _table_html(params_table),
        f"<p class='note'>{_t('generated', lang)}: {datetime.now():%Y-%m-%d %H:%M} · logilab</p>",
    ]
    style = (
        f"body{{font-family:{FONT_FAMILY};"
        "max-width:1180px;margin:2em auto;padding:0 1em;color:#222}"
        "h1{margin-bottom:0}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}"
        ".table{border-collapse:collapse;margin:1em 0;font-size:14px}.table td,.table th{padding:4px 10px;border-bottom:1px solid #eee;text-align:right}"
        ".kpis{display:flex;gap:1.5em;flex-wrap:wrap}.kpi{background:#f5f7fa;padding:.8em 1.2em;border-radius:6px}"
        ".kpi .v{font-size:1.5em;font-weight:bold}.note{color:#666;font-size:13px}"
    )
    return (
        f"<!DOCTYPE html>\n<html lang='{'zh-CN' if lang == 'zh' else 'en'}'><head><meta charset='utf-8'>"
        f"<title>{escape_html(title)}</title><style>{style}</style></head><body>"
        f"<h1>{escape_html(title)}</h1><p class='note'>{escape_html(_t('subtitle', lang))}</p>" + "\n".join(sections) + "</body></html>\n"
    )
