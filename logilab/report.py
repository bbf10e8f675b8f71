"""Reports for analysts: a self-contained HTML segmentation report, the per-customer CSV, safe file writing.

The HTML report carries plotly.js inside the file (no network needed to open
it), the segment table with the suggested service, the definitions and cut
points used, and the parameters of the run, so a reader can tell exactly how
each number was reached. Files are written atomically (a temporary file in the
same folder, then :func:`os.replace`) and never over an existing file unless
``force`` is given.
"""

from __future__ import annotations

import dataclasses
import html
import os
import tempfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ._validation import LogilabInputError, check_choice, check_path_not_existing
from .i18n import get_language, label
from .segmentation import RFM_SEGMENTS, SERVICE_LEVELS, Segmentation, abc_summary

__all__ = ["write_atomic", "csv_bytes", "segment_export", "segment_table", "segmentation_report"]

# Most points a chart of the report draws: more makes the file heavy and the browser slow.
MAX_POINTS = 5000


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False, name: str = "out") -> Path:
    """Write ``data`` to ``path`` all at once: readers see the old file or the new one, never half of it.

    The data go to a temporary file in the same folder, which then replaces
    ``path`` (:func:`os.replace` is atomic on one file system). An existing
    ``path`` is refused unless ``force`` is true. Text is written as UTF-8.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> write_atomic(target, "第一版").read_text(encoding="utf-8")
    '第一版'
    >>> write_atomic(target, "第二版")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: out: expected a path that does not exist yet, found an existing file ...note.txt. Choose another name or pass --force to overwrite it.
    >>> write_atomic(target, "第二版", force=True).read_text(encoding="utf-8")
    '第二版'
    """
    path = Path(path)
    check_path_not_existing(path, name, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise LogilabInputError(f"{name}: expected a path in an existing folder, found no folder {folder}. Create the folder first.")
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the usual permissions of a new file
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def csv_bytes(table: pd.DataFrame) -> bytes:
    """A table as CSV bytes in UTF-8 with a byte-order mark, so Excel shows Chinese text correctly.

    Examples
    --------
    >>> csv_bytes(pd.DataFrame({"客户": ["C1"], "金额": [10.5]}))
    b'\\xef\\xbb\\xbf\\xe5\\xae\\xa2\\xe6\\x88\\xb7,\\xe9\\x87\\x91\\xe9\\xa2\\x9d\\nC1,10.5\\n'
    """
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def segment_export(result: Segmentation, *, lang: str | None = None) -> pd.DataFrame:
    """The per-customer table for export: the customer column first, names in ``lang``.

    Columns: the customer column (named as in the input), recency, frequency,
    monetary, R, F, M, rfm_code, segment, service, abc_class,
    cumulative_share and, with clustering, cluster and cluster_name.

    Examples
    --------
    >>> from logilab.segmentation import segment_customers
    >>> lines = pd.DataFrame({"客户编号": ["A", "B"], "日期": ["2025-12-01", "2025-11-01"], "金额": [10.0, 30.0]})
    >>> result = segment_customers(lines, customer="客户编号", date="日期", amount="金额", clusters=False)
    >>> segment_export(result, lang="en")[["客户编号", "monetary", "segment", "service", "abc_class"]]
      客户编号  monetary                      segment          service abc_class
    0    A      10.0  general development customer    basic service         A
    1    B      30.0   important win-back customer  refined service         A
    """
    lang = check_choice(lang or get_language(), "lang", ["zh", "en"])
    table = result.table
    export = table[["recency", "frequency", "monetary", "R", "F", "M", "rfm_code"]].copy()
    export["segment"] = table["segment"].map(RFM_SEGMENTS[lang])
    export["service"] = table["service"].map(lambda s: SERVICE_LEVELS[s][0 if lang == "zh" else 1])
    export["abc_class"] = table["abc_class"]
    export["cumulative_share"] = table["cumulative_share"].round(6)
    if "cluster" in table:
        export["cluster"] = table["cluster"]
        export["cluster_name"] = table[f"cluster_{lang}"]
    return export.reset_index()


_TEXT = {
    "subtitle": (
        "RFM、RFM 八类客户、ABC 分类与 k-means 聚类 · 由 logilab 生成",
        "RFM, the eight RFM segments, ABC classification and k-means clustering · made by logilab",
    ),
    "key_numbers": ("关键数字", "Key numbers"),
    "source": ("数据文件", "source file"),
    "as_of": ("分析基准日", "analysis date (as of)"),
    "total": ("金额合计", "total amount"),
    "generated": ("生成时间", "generated"),
    "segments": ("RFM 八类客户与服务策略", "The eight RFM segments and their service"),
    "segments_note": (
        "R、F、M 分别与{how}比较:最近一次消费距今天数低于它记为 R 高,订单数和金额高于它记为 F 高、M 高;等于分界值算作低。",
        "R, F and M are each compared with the {how}: recency below it counts as high R, frequency and monetary above it as high F and M; a value equal to it counts as low.",
    ),
    "abc": ("ABC 分类(帕累托)", "ABC (Pareto) classification"),
    "abc_note": (
        "按金额从高到低排序并累计占比;累计占比(不含本客户)低于 {a:.0%} 的为 A 类,低于 {b:.0%} 的为 B 类,其余为 C 类。",
        "Customers are ranked by amount and shares accumulated; a customer whose preceding cumulative share is below {a:.0%} is class A, below {b:.0%} class B, the rest class C.",
    ),
    "clusters": ("k-means 聚类", "k-means clustering"),
    "clusters_note": (
        "特征:最近一次消费距今天数、订单数、金额;标准化方式 {scale};k = {k}({how});随机种子 {seed}。类名按类中心(标准化后)离平均值几个标准差命名:±0.5 以内为“中”,超过 ±1.5 为“极”。",
        "Features: recency, frequency, monetary; scaling {scale}; k = {k} ({how}); random seed {seed}. Clusters are named by how many standard deviations their (scaled) centre lies from the average: within ±0.5 is mid, beyond ±1.5 very high or very low.",
    ),
    "chosen_by_silhouette": ("按轮廓系数最大选出", "highest silhouette"),
    "chosen_given": ("由用户指定", "given by the user"),
    "definitions": ("定义与参数", "Definitions and parameters"),
    "definitions_text": (
        "最近一次消费 (recency):客户最后一次下单到分析基准日的天数,越小越好。消费频率 (frequency):不同订单的数量(未指定订单号列时为交易行数)。"
        "消费金额 (monetary):金额合计(或每单平均)。R、F、M 得分按五分位数切分,1 到 {bins} 分,最近一次消费距今越短得分越高;等于切分点的值取较低的得分。",
        "Recency: days from the customer's last order to the analysis date (smaller is better). Frequency: number of distinct orders (of rows when no order column is given). "
        "Monetary: total amount (or mean per order). R, F and M scores 1 to {bins} come from quantile cut points; a shorter recency scores higher; a value on a cut point takes the lower score.",
    ),
    "cut_points": ("得分切分点", "score cut points"),
    "parameters": ("参数", "parameters"),
    "sampled": ("图中随机抽取 {n:,} 位客户(共 {total:,} 位)", "the chart shows a random {n:,} of {total:,} customers"),
}


def _t(key: str, lang: str, **values: Any) -> str:
    zh, en = _TEXT[key]
    return (zh if lang == "zh" else en).format(**values)


def _table_html(frame: pd.DataFrame, *, floats: str = "{:,.2f}", index: bool = True) -> str:
    return frame.to_html(classes="table", border=0, float_format=lambda v: floats.format(v), escape=True, index=index)


def segment_table(result: Segmentation, *, lang: str | None = None) -> pd.DataFrame:
    """The eight segments as a display table: size, value, mean R/F/M, service and strategy, formatted.

    Examples
    --------
    >>> from logilab.segmentation import segment_customers
    >>> lines = pd.DataFrame({"customer_id": list("AB"), "order_date": ["2025-12-01", "2025-06-01"], "revenue": [10.0, 30.0]})
    >>> segment_table(segment_customers(lines, clusters=False), lang="en").iloc[3, [0, 2, 3, 4]].tolist()
    ['important win-back customer', '50.0%', '30', '75.0%']
    """
    lang = check_choice(lang or get_language(), "lang", ["zh", "en"])
    summary = result.segments.summary
    table = pd.DataFrame(
        {
            label("segment", lang): summary[lang],
            label("customers", lang): summary["customers"],
            label("customer_share", lang): summary["customer_share"].map("{:.1%}".format),
            label("monetary", lang): summary["monetary"].map("{:,.0f}".format),
            label("value_share", lang): summary["monetary_share"].map("{:.1%}".format),
            "R": summary["mean_recency"].map("{:,.0f}".format),
            "F": summary["mean_frequency"].map("{:,.1f}".format),
            "M": summary["mean_monetary"].map("{:,.0f}".format),
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
    source : str, optional
        The name of the input file, printed with the parameters.
    notes : dict, optional
        More parameters to record (e.g. the detected encoding).
    lang : {"zh", "en"}, optional

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
    rfm = result.rfm
    figures: list[tuple[str, Any]] = [
        ("", plot_segment_sizes(result.segments.summary, lang=lang)),
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
        caption = f'<p class="note">{html.escape(note)}</p>' if note else ""
        return f'<div class="chart">{div}{caption}</div>'

    charts = [chart(f, i == 0) for i, f in enumerate(figures)]
    cluster_charts = [chart(f, False) for f in cluster_figures]

    customers = len(rfm)
    key_numbers = {
        label("customers", lang): f"{customers:,}",
        label("orders", lang): f"{int(rfm['frequency'].sum()):,}",
        _t("total", lang): f"{result.table['monetary'].sum():,.2f}" if params.get("monetary") == "sum" else "—",
        _t("as_of", lang): params.get("as_of", ""),
    }
    if source:
        key_numbers[_t("source", lang)] = source
    key_html = "".join(
        f"<div class='kpi'><div class='v'>{html.escape(str(v))}</div><div>{html.escape(k)}</div></div>" for k, v in key_numbers.items()
    )

    how = label(params["threshold"], lang) if params.get("threshold") in ("mean", "median") else label("threshold", lang)
    thresholds = pd.DataFrame({"threshold": result.segments.thresholds}).T
    cut_points = pd.DataFrame(
        {column: [", ".join(f"{c:,.2f}" for c in cuts)] for column, cuts in result.scores.cut_points.items()},
        index=[_t("cut_points", lang)],
    )
    a_cut, b_cut = params.get("cutoffs", (0.8, 0.95))
    abc_table = abc_summary(result.abc)
    abc_table = abc_table.assign(
        item_share=abc_table["item_share"].map("{:.1%}".format), value_share=abc_table["value_share"].map("{:.1%}".format)
    )
    all_params = {**params, **(dict(notes) if notes else {})}
    params_table = pd.DataFrame({_t("parameters", lang): {k: "—" if v is None else str(v) for k, v in all_params.items()}})

    sections = [
        f"<h2>{_t('key_numbers', lang)}</h2><div class='kpis'>{key_html}</div>",
        f"<h2>{_t('segments', lang)}</h2><p>{html.escape(_t('segments_note', lang, how=how))}</p>",
        _table_html(thresholds),
        _table_html(segment_table(result, lang=lang), index=False),
        *charts[:1],
        f"<h2>{_t('abc', lang)}</h2><p>{html.escape(_t('abc_note', lang, a=a_cut, b=b_cut))}</p>",
        _table_html(abc_table),
        *charts[1:2],
        f"<h2>{label('rfm_distributions', lang)}</h2>",
        *charts[2:],
    ]
    if result.kmeans is not None:
        km = result.kmeans
        chosen = _t("chosen_given", lang) if params.get("k_chosen_by") == "given" else _t("chosen_by_silhouette", lang)
        profile = km.profile.drop(columns=["name_en" if lang == "zh" else "name_zh"])
        sections += [
            f"<h2>{_t('clusters', lang)}</h2><p>{html.escape(_t('clusters_note', lang, scale=km.scale, k=km.k, how=chosen, seed=km.random_state))}</p>",
            _table_html(profile),
            _table_html(km.selection, floats="{:,.3f}"),
            *cluster_charts,
        ]
    sections += [
        f"<h2>{_t('definitions', lang)}</h2><p>{html.escape(_t('definitions_text', lang, bins=result.scores.bins))}</p>",
        _table_html(cut_points),
        _table_html(params_table),
        f"<p class='note'>{_t('generated', lang)}: {datetime.now():%Y-%m-%d %H:%M} · logilab</p>",
    ]
    style = (
        "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',Arial,sans-serif;"
        "max-width:1180px;margin:2em auto;padding:0 1em;color:#222}"
        "h1{margin-bottom:0}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}"
        ".table{border-collapse:collapse;margin:1em 0;font-size:14px}.table td,.table th{padding:4px 10px;border-bottom:1px solid #eee;text-align:right}"
        ".kpis{display:flex;gap:1.5em;flex-wrap:wrap}.kpi{background:#f5f7fa;padding:.8em 1.2em;border-radius:6px}"
        ".kpi .v{font-size:1.5em;font-weight:bold}.note{color:#666;font-size:13px}"
    )
    return (
        f"<!DOCTYPE html>\n<html lang='{'zh-CN' if lang == 'zh' else 'en'}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{style}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p class='note'>{html.escape(_t('subtitle', lang))}</p>" + "\n".join(sections) + "</body></html>\n"
    )
