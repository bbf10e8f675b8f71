"""Large CSVs written by DuckDB: the same bytes as pandas' ``to_csv``, or left to pandas.

The reference is pandas itself: ``neutralise_formulas(table).to_csv(index=False, lineterminator="\\r\\n")``
with a UTF-8 byte-order mark, which is what :func:`logilab.csv_bytes` wrote for every table before
DuckDB took over the large ones.
"""

from __future__ import annotations

import codecs

import numpy as np
import pandas as pd
import pytest

from logilab import io as llio
from logilab._csv_on_duckdb import csv_on_duckdb
from logilab.io import neutralise_formulas

pytest.importorskip("duckdb")


def pandas_bytes(table: pd.DataFrame) -> bytes:
    return codecs.BOM_UTF8 + neutralise_formulas(table).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


# every ASCII character and a few Unicode spaces alone, first, last and inside a text: the separator, quotes,
# line breaks and "#" (DuckDB's comment character) are where the two writers could differ
CHARACTERS = [chr(i) for i in range(1, 128)] + ["\u00a0", "\u3000", "\ufeff", "\u2028", "\x85", "客"]
TEXTS = [text for c in CHARACTERS for text in (c, c + "x", "x" + c, "x" + c + "y")] + ["a\r\nb", 'say "hi", "bye"', "=1+1", "-5"]
FLOATS = [
    0.0,
    -0.0,
    0.1 + 0.2,
    1e-06,
    5e-05,
    0.0001,
    123456789012.34,
    1e16,
    1.5e16,
    9007199254740992.0,
    -12.5,
    5e-324,
    1.7976931348623157e308,
]


def test_every_character_and_float_is_written_as_pandas_writes_it():
    n = len(TEXTS)
    table = pd.DataFrame(
        {
            "客户编号": TEXTS,
            "as object": pd.Series(TEXTS, dtype=object),
            "金额": (FLOATS * n)[:n],
            "次数": np.arange(n, dtype=np.int64) - 3,
            "small": np.arange(n, dtype=np.int32),
            'name, with "quotes" #': np.arange(n, dtype=np.uint16),
        }
    )
    expected = pandas_bytes(table)
    assert csv_on_duckdb(neutralise_formulas(table)) == expected[len(codecs.BOM_UTF8) :]


def test_large_tables_go_through_duckdb_and_give_the_same_bytes(monkeypatch):
    rng = np.random.default_rng(7)
    n = 60_000  # above the 50,000 rows from which csv_bytes asks DuckDB
    table = pd.DataFrame(
        {
            "customer_id": [f"C{i:07d}" for i in range(n)],
            "monetary": np.round(rng.lognormal(6, 1.5, n), 2),
            "share": np.round(rng.random(n), 6),
            "frequency": rng.integers(1, 40, n),
            "segment": rng.choice(["重要价值客户", "一般挽留客户", "a,b"], n),
        }
    )
    table.loc[5, "customer_id"] = "=HYPERLINK(1)"  # neutralised first, on both paths
    calls = []
    real = csv_on_duckdb

    def spy(frame):
        calls.append(len(frame))
        return real(frame)

    monkeypatch.setattr("logilab._csv_on_duckdb.csv_on_duckdb", spy)
    written = llio.csv_bytes(table)
    assert calls == [n]
    assert written == pandas_bytes(table)
    assert b"'=HYPERLINK(1)" in written


@pytest.mark.parametrize(
    ("column", "why"),
    [
        (pd.Series(["a", ""] * 3), "an empty text: DuckDB writes it quoted"),
        (pd.Series(["a", None] * 3, dtype=object), "a missing text"),
        (pd.Series(["a", pd.NA] * 3, dtype="string"), "a missing text in the string dtype"),
        (pd.Series([1.0, float("nan")] * 3), "NaN: pandas writes an empty field"),
        (pd.Series([1.0, float("inf")] * 3), "infinity"),
        (pd.Series([True, False] * 3), "booleans: True against true"),
        (pd.Series(pd.to_datetime(["2025-01-01"] * 6)), "dates"),
        (pd.Series(["a", 1] * 3, dtype=object), "mixed objects"),
        (pd.Series([1.5, 2.5] * 3, dtype=np.float32), "float32"),
        (pd.Series(["x", "y"] * 3, dtype="category"), "categories"),
    ],
)
def test_tables_duckdb_would_write_differently_are_left_to_pandas(column, why, monkeypatch):
    table = pd.DataFrame({"id": [f"C{i}" for i in range(6)], "value": column})
    assert csv_on_duckdb(table) is None, why
    monkeypatch.setattr(llio, "_DUCKDB_CSV_ROWS", 0)
    assert llio.csv_bytes(table) == pandas_bytes(table), why


def test_names_duckdb_cannot_take_are_left_to_pandas():
    assert csv_on_duckdb(pd.DataFrame([[1, 2]], columns=["a", "a"])) is None  # duplicated names
    assert csv_on_duckdb(pd.DataFrame([[1, 2]], columns=["a", ""])) is None  # an empty name
    assert csv_on_duckdb(pd.DataFrame([[1, 2]], columns=["a", 3])) is None  # a name that is not text
    assert csv_on_duckdb(pd.DataFrame(index=range(3))) is None  # no columns


def test_the_callers_table_is_left_unchanged(monkeypatch):
    monkeypatch.setattr(llio, "_DUCKDB_CSV_ROWS", 0)
    table = pd.DataFrame({"客户": ["=1+1", "C2"], "金额": [1.0, 2.0]})
    before = table.copy()
    assert llio.csv_bytes(table) == pandas_bytes(table)
    pd.testing.assert_frame_equal(table, before)
