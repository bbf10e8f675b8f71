"""ll.check: right / not yet / no answer, with hints, never revealing the answer."""

from __future__ import annotations

import pandas as pd
import pytest

import logilab as ll
from logilab import LogilabInputError, exercises
from logilab.exercise_bank import NOTEBOOK_MODULES, all_exercises
from logilab.exercises import Exercise, evaluate


@pytest.fixture
def bank(monkeypatch):
    """A small registry of made-up exercises, one of each kind."""
    table = pd.Series({"WH-A": 0.95, "WH-B": 0.875})
    frame = pd.DataFrame({"n": [3, 4], "rate": [0.5, 0.25]}, index=["x", "y"])
    sql = pd.DataFrame({"warehouse": ["WH-A", "WH-B", "WH-C"], "orders": [100, 80, 50], "rate": [40.0, 62.5, 20.0]})
    registry = {
        "t.rate": Exercise("t.rate", "率", "rate", lambda: 0.9234, atol=5e-4, rtol=0, hint_zh="提示甲", hint_en="hint A"),
        "t.count": Exercise("t.count", "数", "count", lambda: 42, atol=0.5),
        "t.series": Exercise("t.series", "表", "table", lambda: table, kind="table"),
        "t.frame": Exercise("t.frame", "表", "frame", lambda: frame, kind="table"),
        "t.sql": Exercise("t.sql", "查询", "query", lambda: sql, kind="table", key=("warehouse",), atol=0.05, rtol=0),
        "t.word": Exercise("t.word", "词", "word", lambda: ("O", "期望型", "one-dimensional"), kind="text", accept=("performance",)),
    }
    monkeypatch.setattr(exercises, "_registry", lambda: registry)
    return registry


def test_numbers_within_tolerance(bank):
    assert evaluate("t.rate", 0.923).correct  # rounded to three decimals: within 0.0005
    assert not evaluate("t.rate", 0.92).correct
    assert evaluate("t.count", 42).correct and evaluate("t.count", 42.0).correct
    assert not evaluate("t.count", True).correct


def test_percent_instead_of_fraction_gets_its_own_hint(bank):
    message = evaluate("t.rate", 92.34, lang="en").message
    assert "give rates as fractions" in message and "hint A" in message


def test_hint_in_each_language(bank):
    assert evaluate("t.rate", 0.5, lang="zh").message == "❌ 还不对。 提示:提示甲"
    assert evaluate("t.rate", 0.5, lang="en").message == "❌ Not yet. Hint: hint A"


def test_missing_answer_is_not_judged_wrong(bank):
    for empty in (None, ..., float("nan")):
        result = evaluate("t.rate", empty, lang="en")
        assert not result.correct and result.message.startswith("✍️ No answer yet")


def test_series_compared_by_label_not_position(bank):
    assert evaluate("t.series", pd.Series({"WH-B": 0.875, "WH-A": 0.95})).correct
    assert evaluate("t.series", {"WH-A": 0.95, "WH-B": 0.875}).correct
    wrong = evaluate("t.series", {"WH-A": 0.95, "WH-B": 0.9}, lang="en")
    assert not wrong.correct and "1 of 2 values are off" in wrong.message
    missing = evaluate("t.series", {"WH-A": 0.95}, lang="en")
    assert "missing ['WH-B']" in missing.message


def test_dataframe_columns_checked(bank):
    frame = pd.DataFrame({"rate": [0.25, 0.5], "n": [4, 3]}, index=["y", "x"])
    assert evaluate("t.frame", frame).correct
    message = evaluate("t.frame", frame.rename(columns={"n": "count"}), lang="en").message
    assert "missing ['n'], unexpected ['count']" in message
    assert "should be a table" in evaluate("t.frame", 3, lang="en").message


def test_text_answers_in_any_accepted_spelling(bank):
    for answer in ("O", "o", "期望型", " One-Dimensional ", "performance"):
        assert evaluate("t.word", answer).correct, answer
    assert not evaluate("t.word", "A").correct


def test_check_prints_and_never_reveals_the_answer(bank, capsys):
    ll.check("t.rate", 0.5, lang="en")
    ll.check("t.series", {"WH-A": 0.1, "WH-B": 0.2}, lang="en")
    out = capsys.readouterr().out
    assert "Not yet" in out
    for secret in ("0.9234", "0.923", "0.95", "0.875"):
        assert secret not in out


def test_unknown_exercise_id(bank):
    with pytest.raises(LogilabInputError, match="exercise_id: expected the id of an exercise, found 't.rte'. Did you mean 't.rate'"):
        evaluate("t.rte", 1)


def test_real_bank_ids_are_unique_and_prefixed_by_their_notebook():
    ids = [e.id for e in all_exercises()]
    assert len(ids) == len(set(ids))
    prefixes = {m[2:4] for m in NOTEBOOK_MODULES}
    assert {i.split(".")[0] for i in ids} == prefixes
    for exercise in all_exercises():
        assert exercise.kind in {"number", "table", "text"}
        assert exercise.hint_zh and exercise.hint_en, exercise.id


def test_start_here_exercises_on_the_sample_data():
    # 3000 customers; WH-SH ships most orders; 6.746 % of orders arrive late (see test_datasets)
    assert evaluate("00.customers", 3000).correct
    assert evaluate("00.busiest_warehouse", "上海").correct and evaluate("00.busiest_warehouse", "WH-SH").correct
    assert not evaluate("00.busiest_warehouse", "WH-GZ").correct
    assert evaluate("00.late_share", 0.0675).correct and evaluate("00.late_share", 0.067).correct
    assert not evaluate("00.late_share", 0.07).correct
    assert ll.list_exercises("00", lang="en")["title"].iloc[0] == "How many customers does the sample company have?"


def test_a_query_result_is_aligned_on_its_key_and_the_differences_are_named(bank):
    answer = pd.DataFrame({"warehouse": ["WH-C", "WH-A", "WH-B"], "orders": [50, 100, 80], "rate": [20.0, 40.0, 62.5]})
    assert evaluate("t.sql", answer).correct  # row order of a query result does not matter
    wrong = answer.assign(orders=[50, 101, 80], rate=[20.0, 40.0, 61.0])
    message = evaluate("t.sql", wrong, lang="en").message
    assert "2 of 6 values are off" in message and "Rows that differ: WH-A, WH-B; columns: orders, rate." in message
    zh = evaluate("t.sql", wrong, lang="zh").message
    assert "不一致的行：WH-A, WH-B；列：orders, rate。" in zh
    missing_row = evaluate("t.sql", answer.iloc[:2], lang="en").message
    assert "missing ['WH-B']" in missing_row
    renamed = evaluate("t.sql", answer.rename(columns={"rate": "complaint_rate"}), lang="en").message
    assert "missing ['rate'], unexpected ['complaint_rate']" in renamed


def test_notebook_07_sql_exercise_names_the_rows_and_column_that_differ():
    con = ll.connect(":memory:")
    query = """
        SELECT o.warehouse, count(DISTINCT o.order_id) AS orders, count(c.complaint_id) AS complaints,
               {scale} * count(c.complaint_id) / count(DISTINCT o.order_id) AS rate
        FROM orders AS o LEFT JOIN complaints AS c USING (order_id)
        GROUP BY o.warehouse
    """
    assert evaluate("07.rates_sql", con.sql(query.format(scale="1000.0")).df()).correct
    per_hundred = evaluate("07.rates_sql", con.sql(query.format(scale="100.0")).df(), lang="en").message
    # the key column (warehouse) aligns the rows; of the 5 x 3 other values, each warehouse's rate is off
    # by a factor of ten and the counts are right
    assert "5 of 15 values are off" in per_hundred
    assert "Rows that differ: WH-BJ, WH-CD, WH-GZ, WH-SH, WH-WH; columns: rate." in per_hundred
    con.close()
