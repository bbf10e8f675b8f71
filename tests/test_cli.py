"""Tests of the analyst command line ``logilab segment``: real files in tmp_path, exit codes and messages."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd

from logilab.cli import main

ROOT = Path(__file__).resolve().parent.parent

# Five customers, seven orders. The last order is on 2025-12-26, so as_of = 2025-12-27.
ORDERS = pd.DataFrame(
    {
        "客户编号": ["A", "A", "B", "C", "C", "D", "E"],
        "订单号": ["o1", "o2", "o3", "o4", "o5", "o6", "o7"],
        "下单日期": ["2025/12/01", "2025/12/20", "2025/06/01", "2025/12/25", "2025/12/26", "2025/01/15", "2025/11/27"],
        "金额": [100.0, 300.0, 50.0, 80.0, 20.0, 2000.0, 500.0],
    }
)
# recency: A 7, B 209 (29+31+31+30+31+30+27 days from 1 June), C 1, D 346, E 30 -> mean 593 / 5 = 118.6
# frequency: A 2, B 1, C 2, D 1, E 1 -> mean 1.4; monetary: 400, 50, 100, 2000, 500 -> mean 610
EXPECTED = pd.DataFrame(
    {
        "recency": [7, 209, 1, 346, 30],
        "frequency": [2, 1, 2, 1, 1],
        "monetary": [400.0, 50.0, 100.0, 2000.0, 500.0],
        # (R, F, M) high/low: A (hi, hi, lo), B (lo, lo, lo), C (hi, hi, lo), D (lo, lo, hi), E (hi, lo, lo)
        "segment": ["一般价值客户", "一般挽留客户", "一般价值客户", "重要挽留客户", "一般发展客户"],
        # ranked D 2000 (share 0.656), E 500 (0.820), A 400 (0.951), C 100, B 50: A class while the share before < 0.8
        "abc_class": ["B", "C", "C", "A", "A"],
    },
    index=pd.Index(["A", "B", "C", "D", "E"]),
)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["segment", *map(str, args)], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def write_gbk(path: Path, frame: pd.DataFrame = ORDERS) -> Path:
    frame.to_csv(path, index=False, encoding="gbk")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# the per-customer CSV's Chinese headers (the default --lang zh)
ZH = {
    "最近一次消费距今天数": "recency",
    "订单数": "frequency",
    "购买日次数": "frequency",
    "消费金额": "monetary",
    "客户类别": "segment",
    "服务方式": "service",
    "ABC 类别": "abc_class",
    "聚类": "cluster",
    "聚类名称": "cluster_name",
    "RFM 代码": "rfm_code",
}


def read_segments(csv_path: Path) -> pd.DataFrame:
    return pd.read_csv(csv_path, encoding="utf-8-sig", dtype={0: str}).rename(columns=ZH)


def check_segments(csv_path: Path, customer_column: str) -> pd.DataFrame:
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the CSV must carry a UTF-8 byte-order mark for Excel"
    table = read_segments(csv_path).set_index(customer_column)
    table.index.name = None
    pd.testing.assert_frame_equal(table[EXPECTED.columns], EXPECTED, check_dtype=False)
    return table


def test_gbk_csv_with_chinese_headers(tmp_path):
    source = write_gbk(tmp_path / "订单.csv")
    before = digest(source)
    code, out, err = run(source, "--out", tmp_path / "报告.html", "--csv", tmp_path / "客户分级.csv")
    assert code == 0, err
    assert "gb18030" in err and "customer='客户编号'" in err and "order='订单号'" in err
    assert "k-means clustering ... done" in err
    assert "5 customers" in out
    table = check_segments(tmp_path / "客户分级.csv", "客户编号")
    assert set(table.columns) >= {"R", "F", "M", "rfm_code", "service", "cluster", "cluster_name"}
    page = (tmp_path / "报告.html").read_text(encoding="utf-8")
    assert "客户分级报告" in page and "重要挽留客户" in page and "订单.csv" in page
    assert digest(source) == before, "the input file must not change"
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files may be left behind"


def test_xlsx_with_english_headers_gives_the_same_segments(tmp_path):
    frame = ORDERS.rename(columns={"客户编号": "Customer ID", "订单号": "order_id", "下单日期": "date", "金额": "amount"})
    frame["date"] = pd.to_datetime(frame["date"])
    source = tmp_path / "orders.xlsx"
    frame.to_excel(source, index=False)
    code, _, err = run(source, "--out", tmp_path / "r.html", "--csv", tmp_path / "s.csv", "--lang", "en", "--k", "2", "--quiet")
    assert code == 0, err
    assert err == ""  # --quiet: no progress
    table = pd.read_csv(tmp_path / "s.csv", encoding="utf-8-sig").set_index("Customer ID")
    assert table["segment"].tolist() == [
        "general value customer",
        "general win-back customer",
        "general value customer",
        "important win-back customer",
        "general development customer",
    ]
    assert table["monetary"].tolist() == EXPECTED["monetary"].tolist()
    assert table["cluster"].nunique() == 2


def test_columns_can_be_named_and_as_of_set(tmp_path):
    frame = ORDERS.rename(columns={"客户编号": "买家", "下单日期": "付款时间", "金额": "实收"})
    source = write_gbk(tmp_path / "x.csv", frame)
    args = ["--customer", "买家", "--date", "付款时间", "--amount", "实收", "--order", "订单号", "--as-of", "2026-01-01"]
    code, _, err = run(source, "--out", tmp_path / "r.html", "--csv", tmp_path / "s.csv", "--no-kmeans", *args)
    assert code == 0, err
    table = read_segments(tmp_path / "s.csv")
    assert table["recency"].tolist() == [r + 5 for r in EXPECTED["recency"]]  # 2026-01-01 is five days after 2025-12-27
    assert "cluster" not in table


def test_thousands_separators_and_a_bom_are_read(tmp_path):
    source = tmp_path / "导出.csv"
    text = ORDERS.assign(金额=[f"{v:,.2f}" for v in ORDERS["金额"] * 10]).to_csv(index=False)
    source.write_bytes(text.encode("utf-8-sig"))  # "1,000.00" is quoted in the CSV
    code, _, err = run(source, "--out", tmp_path / "r.html", "--csv", tmp_path / "s.csv", "--no-kmeans")
    assert code == 0, err
    assert "utf-8-sig" in err
    table = read_segments(tmp_path / "s.csv")
    assert table["monetary"].tolist() == [v * 10 for v in EXPECTED["monetary"]]


def test_never_overwrites_without_force(tmp_path):
    source = write_gbk(tmp_path / "订单.csv")
    report, segments = tmp_path / "r.html", tmp_path / "s.csv"
    report.write_text("old report", encoding="utf-8")
    code, out, err = run(source, "--out", report, "--csv", segments, "--quiet")
    assert code == 1 and out == ""
    assert (
        err
        == f"logilab segment: error: --out: expected a path that does not exist yet, found an existing file {report}. Choose another name or pass --force to overwrite it.\n"
    )
    assert report.read_text(encoding="utf-8") == "old report"
    assert not segments.exists(), "nothing is written when one output is refused"
    code, _, err = run(source, "--out", report, "--csv", segments, "--quiet", "--force")
    assert code == 0, err
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_refuses_to_write_over_the_input(tmp_path):
    source = write_gbk(tmp_path / "订单.csv")
    before = digest(source)
    code, _, err = run(source, "--out", source, "--force", "--quiet")
    assert code == 1 and "--out: expected a path other than the input file" in err
    assert digest(source) == before


def _bad(tmp_path: Path, frame: pd.DataFrame | None = None, *extra: str, raw: bytes | None = None) -> str:
    source = tmp_path / "bad.csv"
    if raw is not None:
        source.write_bytes(raw)
    else:
        write_gbk(source, frame)
    code, out, err = run(source, "--out", tmp_path / "r.html", "--quiet", *extra)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("logilab segment: error: "), "one line on stderr"
    assert not (tmp_path / "r.html").exists()
    return err


def test_bad_input_missing_column(tmp_path):
    err = _bad(tmp_path, ORDERS.drop(columns="金额"))
    assert "columns: expected a column for amount (a header such as ['revenue', 'amount', 'sales', 'monetary'])" in err
    assert "found none among the columns ['客户编号', '订单号', '下单日期']" in err
    assert "--amount COLUMN" in err


def test_bad_input_named_column_absent(tmp_path):
    err = _bad(tmp_path, ORDERS, "--customer", "客户")
    assert "expected a column '客户' (for customer), found no such column" in err and "Did you mean '客户编号'?" in err


def test_bad_input_ambiguous_columns(tmp_path):
    err = _bad(tmp_path, ORDERS.assign(销售额=ORDERS["金额"]))
    assert "expected one column for amount, found 2 candidates ['金额', '销售额']" in err


def test_bad_input_unparseable_dates_name_the_spreadsheet_rows(tmp_path):
    frame = ORDERS.copy()
    frame.loc[1, "下单日期"] = "下周"  # the second data row is row 3 of the spreadsheet
    frame.loc[4, "下单日期"] = "2025-13-45"
    err = _bad(tmp_path, frame)
    assert "expected column '下单日期' to hold dates, found values that are not dates such as '下周' in rows [3, 6]" in err


def test_bad_input_negative_amounts_when_refunds_are_refused(tmp_path):
    frame = ORDERS.assign(金额=[100.0, -300.0, 50.0, 80.0, 20.0, 2000.0, 500.0])
    err = _bad(tmp_path, frame, "--refunds", "refuse")
    assert "expected amounts >= 0 in column '金额', found negative amounts (refunds) in rows [3]" in err
    assert "--refunds net" in err


def test_bad_input_numbers_where_dates_belong(tmp_path):
    err = _bad(tmp_path, ORDERS.assign(下单日期=45992))
    assert "expected column '下单日期' to hold dates, found numbers such as '45992'" in err


def test_bad_input_empty_file_and_header_only(tmp_path):
    assert "found an empty file bad.csv" in _bad(tmp_path, raw=b"")
    assert "found only the header in bad.csv" in _bad(tmp_path, raw="客户编号,下单日期,金额\n".encode("gbk"))


def test_bad_arguments_exit_2(capsys):
    assert main(["segment", "x.csv"]) == 2  # --out missing
    assert "--out" in capsys.readouterr().err


def test_runs_as_a_program_and_is_declared_as_a_console_script(tmp_path):
    source = write_gbk(tmp_path / "订单.csv")
    done = subprocess.run(
        [sys.executable, "-m", "logilab.cli", "segment", str(source), "--out", str(tmp_path / "r.html"), "--no-kmeans"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "reading 订单.csv ... done" in done.stderr
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["logilab"] == "logilab.cli:main"


def test_chinese_dates_in_a_gbk_export(tmp_path):
    chinese_dates = ORDERS.assign(下单日期=pd.to_datetime(ORDERS["下单日期"]).map(lambda d: f"{d.year}年{d.month}月{d.day}日"))
    source = write_gbk(tmp_path / "订单.csv", chinese_dates)
    code, _out, err = run(source, "--out", tmp_path / "r.html", "--csv", tmp_path / "s.csv", "--no-kmeans")
    assert code == 0, err
    check_segments(tmp_path / "s.csv", "客户编号")


def test_as_of_in_chinese_is_used_and_printed(tmp_path):
    source = write_gbk(tmp_path / "订单.csv")
    code, out, err = run(source, "--out", tmp_path / "r.html", "--csv", tmp_path / "s.csv", "--no-kmeans", "--as-of", "2026年1月1日")
    assert code == 0, err
    assert "分析基准日：2026-01-01（由用户指定）" in out
    assert read_segments(tmp_path / "s.csv")["recency"].tolist() == [r + 5 for r in EXPECTED["recency"]]


def test_every_table_of_the_chinese_report_has_chinese_headers(tmp_path):
    source = write_gbk(tmp_path / "订单.csv")
    code, _, err = run(source, "--out", tmp_path / "r.html", "--k", "2")
    assert code == 0, err
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    headers = {re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", page, flags=re.S)}
    headers.discard("")
    latin = {h for h in headers if not re.search(r"[\u4e00-\u9fff]", h)}
    # single letters and numbers are the same in both languages: R, F, M, the k values, classes A/B/C, cluster numbers
    assert all(re.fullmatch(r"[RFMABC]|\d+", h) for h in latin), latin


def test_an_output_in_a_missing_folder_is_refused_before_reading(tmp_path):
    code, out, err = run(tmp_path / "no-such-input.csv", "--out", tmp_path / "missing" / "r.html", "--quiet")
    assert code == 1 and "--out: expected a path in an existing folder" in err, "outputs are checked before the input is read"


# --- Parquet and --engine -------------------------------------------------------------------


def write_parquet(path: Path, frame: pd.DataFrame = ORDERS) -> Path:
    typed = frame.assign(下单日期=pd.to_datetime(frame["下单日期"]))
    typed.to_parquet(path, index=False)
    return path


def test_parquet_on_every_engine_gives_the_csv_result(tmp_path):
    source = write_parquet(tmp_path / "订单.parquet")
    for engine in ("auto", "pandas", "duckdb", "polars"):
        out_csv = tmp_path / f"{engine}.csv"
        code, out, err = run(source, "--out", tmp_path / f"{engine}.html", "--csv", out_csv, "--k", "2", "--engine", engine)
        assert code == 0, err
        assert f"engine {'duckdb' if engine == 'auto' else engine}" in err  # auto: DuckDB for Parquet
        assert "7 rows" in err and "customer='客户编号'" in err and "order='订单号'" in err
        assert "5 customers" in out
        check_segments(out_csv, "客户编号")
    # the same file as a GBK CSV through the reader: byte-identical per-customer tables
    code, _, err = run(write_gbk(tmp_path / "订单.csv"), "--out", tmp_path / "csv.html", "--csv", tmp_path / "csv.csv", "--k", "2")
    assert code == 0, err
    for engine in ("auto", "pandas", "duckdb", "polars"):
        assert (tmp_path / f"{engine}.csv").read_bytes() == (tmp_path / "csv.csv").read_bytes(), engine


def test_parquet_on_duckdb_closes_its_connection_once_the_customers_are_counted(tmp_path, monkeypatch):
    """DuckDB's allocator keeps the group-by's memory until its connection closes: closed before the scores, classes
    and report, so that they do not add to it; the result is the one of the test above."""
    from logilab import cli, segmentation

    steps = []
    close, scores = cli._ParquetExport.close, segmentation.rfm_scores
    monkeypatch.setattr(cli._ParquetExport, "close", lambda self: steps.append("close") or close(self))
    monkeypatch.setattr(segmentation, "rfm_scores", lambda *a, **k: steps.append("scores") or scores(*a, **k))
    source = write_parquet(tmp_path / "订单.parquet")
    code, out, err = run(source, "--out", tmp_path / "r.html", "--csv", tmp_path / "r.csv", "--k", "2", "--engine", "duckdb")
    assert code == 0, err
    assert steps == ["close", "scores"]
    check_segments(tmp_path / "r.csv", "客户编号")


def test_csv_on_every_engine_gives_the_same_table(tmp_path):
    source = write_gbk(tmp_path / "订单.csv")
    for engine in ("pandas", "duckdb", "polars"):
        code, _, err = run(
            source, "--out", tmp_path / f"{engine}.html", "--csv", tmp_path / f"{engine}.csv", "--k", "2", "--engine", engine
        )
        assert code == 0, err
        assert f"engine {engine}" in err
        check_segments(tmp_path / f"{engine}.csv", "客户编号")
    code, _, err = run(source, "--out", tmp_path / "auto.html", "--no-kmeans")
    assert "engine pandas" in err  # a small CSV stays on pandas


def test_parquet_with_text_dates_is_refused_with_the_fix(tmp_path):
    source = tmp_path / "orders.parquet"
    ORDERS.to_parquet(source, index=False)  # dates left as text
    code, _, err = run(source, "--out", tmp_path / "r.html", "--quiet")
    assert code == 1
    assert "expected column '下单日期' to hold dates (a date or datetime type), found the type String" in err
    assert not (tmp_path / "r.html").exists()


def test_parquet_missing_customer_and_incomplete_drop(tmp_path):
    frame = ORDERS.assign(客户编号=["A", None, "B", "C", "C", "D", "E"])
    source = write_parquet(tmp_path / "orders.parquet", frame)
    code, _, err = run(source, "--out", tmp_path / "r.html", "--quiet")
    assert code == 1 and "column '客户编号' without missing values, found missing values in 1 row." in err
    code, _, err = run(source, "--out", tmp_path / "r.html", "--quiet", "--incomplete", "drop")
    assert code == 1 and "--incomplete: expected 'error' for a Parquet file" in err


def test_engine_polars_without_polars_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "polars", None)
    code, _, err = run(write_gbk(tmp_path / "订单.csv"), "--out", tmp_path / "r.html", "--engine", "polars")
    assert code == 1
    assert (
        err
        == "logilab segment: error: --engine polars needs the package 'polars', which is not installed. Install it with: pip install \"logilab[scale]\"\n"
    )
    assert not (tmp_path / "r.html").exists()


def test_engine_polars_without_pyarrow_names_the_extra(tmp_path, monkeypatch):
    # Polars installed on its own cannot hand its table to pandas: the message names the missing package
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code, _, err = run(write_gbk(tmp_path / "订单.csv"), "--out", tmp_path / "r.html", "--engine", "polars")
    assert code == 1
    assert (
        err
        == "logilab segment: error: --engine polars needs the package 'pyarrow', which is not installed. Install it with: pip install \"logilab[scale]\"\n"
    )
    assert not (tmp_path / "r.html").exists()


def test_engine_auto_threshold(tmp_path, monkeypatch):
    import logilab.cli as cli

    source = write_gbk(tmp_path / "订单.csv")
    monkeypatch.setattr(cli, "AUTO_DUCKDB_MB", source.stat().st_size / 2**20 / 2)  # the file is now "large"
    code, _, err = run(source, "--out", tmp_path / "r.html", "--csv", tmp_path / "s.csv", "--no-kmeans")
    assert code == 0, err
    assert "engine duckdb" in err
    check_segments(tmp_path / "s.csv", "客户编号")
