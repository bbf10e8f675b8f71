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
    assert evaluate("t.rate", 0.5, lang="zh").message == "[错] 还不对。 提示：提示甲"
    assert evaluate("t.rate", 0.5, lang="en").message == "[X] Not yet. Hint: hint A"


def test_missing_answer_is_not_judged_wrong(bank):
    for empty in (None, ..., float("nan")):
        result = evaluate("t.rate", empty, lang="en")
        assert not result.correct and result.message.startswith("[to do] No answer yet")


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
        for part in exercise.all_parts():
            assert part.kind in {"number", "table", "text", "yesno"}
            assert part.hint_zh and part.hint_en, (exercise.id, part.name)
            assert len(exercise.all_parts()) == 1 or (part.label_zh and part.label_en), (exercise.id, part.name)


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


# --- several parts, typical mistakes, answers typed as text ---------------------------------


@pytest.fixture
def two_parts(monkeypatch):
    """A made-up two-part exercise with one typical mistake per part."""
    registry = {
        "t.pick": Exercise(
            "t.pick",
            "选",
            "pick",
            parts=(
                exercises.Part("value", "值", "value", lambda: 36.0, atol=0.05, rtol=0, hint_zh="值的提示", hint_en="value hint"),
                exercises.Part("choice", "选择", "choice", lambda: ("C", "服务商C"), kind="text", hint_en="choice hint"),
                exercises.Part("ok", "是否", "ok", lambda: False, kind="yesno", hint_en="yes/no hint"),
            ),
            mistakes=(
                exercises.Mistake(lambda: 28.0, "旧值", "the old value", part="value"),
                exercises.Mistake(lambda: "B", "排名变了", "the ranking changed", part="choice"),
            ),
        ),
        "t.rate": Exercise(
            "t.rate",
            "率",
            "rate",
            lambda: 0.0675,
            atol=5e-4,
            rtol=0,
            hint_en="generic",
            mistakes=(exercises.Mistake(lambda: 1 - 0.0675, "补数", "that is the complement"),),
        ),
    }
    monkeypatch.setattr(exercises, "_registry", lambda: registry)
    return registry


def test_every_part_is_checked(two_parts):
    assert evaluate("t.pick", (36, "C", False)).correct
    assert evaluate("t.pick", value=36.02, choice="服务商 C", ok="不能").correct
    assert evaluate("t.pick", {"value": 36, "choice": "c", "ok": "no"}).correct
    result = evaluate("t.pick", value=36, choice="B", ok=False, lang="en")
    assert not result.correct and result.parts == {"value": True, "choice": False, "ok": True}
    assert "choice: wrong Hint: the ranking changed" in result.message and "value: right" in result.message


def test_a_text_answer_to_a_number_and_text_question_is_judged_as_the_text_part(two_parts):
    result = evaluate("t.pick", "C", lang="en")
    assert not result.correct and result.parts["choice"] is True
    assert "should be a single number" not in result.message
    assert "answer them together: ll.check('t.pick', value=..., choice=..., ok=...)" in result.message


def test_yes_no_answers_in_words(two_parts):
    for no in ("否", "不能", "No", False, "不通过"):
        assert evaluate("t.pick", (36, "C", no)).correct, no
    message = evaluate("t.pick", (36, "C", "maybe"), lang="en").message
    assert "Answer this part with yes or no" in message


def test_too_many_answers_are_not_correct(two_parts):
    result = evaluate("t.pick", (36, "C", False, 4), lang="en")
    assert not result.correct and "4 answers given; this exercise has 3 parts" in result.message


def test_unknown_part_name_is_named(two_parts):
    message = evaluate("t.pick", valu=36, choice="C", ok=False, lang="en").message
    assert "no part(s) ['valu']" in message and "['value', 'choice', 'ok']" in message


def test_a_typical_mistake_gets_its_own_hint_instead_of_the_generic_one(two_parts):
    assert evaluate("t.rate", 0.9325, lang="en").message == "[X] Not yet. Hint: that is the complement"
    assert evaluate("t.rate", 0.5, lang="en").message == "[X] Not yet. Hint: generic"
    assert "Hint: the old value" in evaluate("t.pick", (28, "C", False), lang="en").message


def test_percent_typed_as_text_gets_the_decimal_hint_and_numbers_as_text_count(two_parts):
    for percent in ("6.75%", "6.75 %", 6.75):
        message = evaluate("t.rate", percent, lang="en").message
        assert "give rates as fractions" in message, percent
    assert evaluate("t.rate", "0.0675").correct and evaluate("t.rate", " 0.0678 ").correct
    assert not evaluate("t.rate", "0.07").correct


def test_several_correct_numbers(monkeypatch):
    registry = {"t.cr": Exercise("t.cr", "cr", "cr", lambda: (0.1597, 0.1652), atol=0.001, rtol=0)}
    monkeypatch.setattr(exercises, "_registry", lambda: registry)
    assert evaluate("t.cr", 0.160).correct and evaluate("t.cr", 0.165).correct
    assert not evaluate("t.cr", 0.1625).correct


def test_checks_are_recorded_for_the_gradebook(two_parts, tmp_path, monkeypatch):
    log = tmp_path / "checks.jsonl"
    monkeypatch.setenv(exercises.CHECK_LOG_VARIABLE, str(log))
    evaluate("t.rate", 0.0675)
    evaluate("t.pick", value=36, choice="B", ok=False)
    import json

    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == {"exercise": "t.rate", "correct": True, "answer": 0.0675, "named": {}}
    assert rows[1]["exercise"] == "t.pick" and rows[1]["correct"] is False
    assert rows[1]["named"] == {"value": 36, "choice": "B", "ok": False}


def test_every_typical_mistake_in_the_bank_is_wrong_and_answered_with_its_own_hint():
    from logilab.exercises import _COMPARERS

    for exercise in all_exercises():
        parts = exercise.all_parts()
        right = {}
        for part in parts:
            expected = part.expected()
            right[part.name] = expected[0] if isinstance(expected, tuple) else expected
        assert evaluate(exercise.id, **right).correct, exercise.id
        for mistake in exercise.mistakes:
            name = mistake.part or parts[0].name
            part = next(p for p in parts if p.name == name)
            wrong = mistake.answer()
            wrong = wrong[0] if isinstance(wrong, tuple) else wrong
            assert not _COMPARERS[part.kind](wrong, part.expected(), part, "en")[0], (exercise.id, wrong)
            result = evaluate(exercise.id, **{**right, name: wrong}, lang="en")
            assert not result.correct and mistake.hint_en in result.message, (exercise.id, wrong)


def test_mistake_hints_never_state_the_expected_answer():
    for exercise in all_exercises():
        for part in exercise.all_parts():
            expected = part.expected()
            options = expected if isinstance(expected, tuple) else (expected,)
            for mistake in exercise.mistakes:
                for option in options:
                    if isinstance(option, float):
                        for text in (f"{option:.3f}", f"{option:.4f}"):
                            assert text not in mistake.hint_zh + mistake.hint_en, (exercise.id, text)


def test_two_part_questions_of_the_bank():
    # 02.1: C's new delivered value is (48 + 18 + 6 + 8) - (30 + 7 + 4 + 3) = 80 - 44 = 36 > B's 35, so the customer picks C
    assert evaluate("02.cheaper_provider", value=36, choice="C").correct
    assert evaluate("02.cheaper_provider", (36, "服务商C")).correct
    assert not evaluate("02.cheaper_provider", value=36, choice="B").correct
    assert "should be a number" not in evaluate("02.cheaper_provider", "C", lang="en").message
    # 02.3: per-year retention 0.5696 (test_value) is not comparable with the quarterly 0.6339 without converting
    assert evaluate("02.yearly_retention", rate=0.5696, comparable="不能").correct
    assert not evaluate("02.yearly_retention", rate=0.5696, comparable="能").correct
    assert "never return" in evaluate("02.yearly_retention", rate=0.1615, comparable=False, lang="en").message


def test_ahp_exercise_has_one_verdict_for_every_method_and_table():
    # lambda_max: eigen 4.4311, sum-product 4.4461, root 4.4237; CI = (lambda_max - 4) / 3;
    # CR = CI / 0.90 (Saaty) or CI / 0.89 (Chinese table): all between 0.156 and 0.168, clearly above 0.10
    for cr in (0.1597, 0.1652, 0.1569, 0.1614, 0.1671, 0.1587):
        assert evaluate("05.ahp_cr", cr=cr, passes=False).correct, cr
    assert not evaluate("05.ahp_cr", cr=0.1597, passes=True).correct
    ci = evaluate("05.ahp_cr", cr=0.1437, passes=False, lang="en")
    assert not ci.correct and "That is the consistency index CI" in ci.message


def test_topsis_exercise_differs_from_the_worked_example():
    # entropy weights and equal weights both rank 华通仓配 first; price weight 0.3 puts 迅达物流 first
    assert evaluate("05.topsis_best", "迅达物流").correct
    assert not evaluate("05.topsis_best", "华通仓配").correct


def test_the_bank_does_not_import_the_checker():
    # exercises.py imports the bank; the bank builds its records from exercise_bank.types only, so there is no cycle
    from pathlib import Path

    bank = Path(__file__).resolve().parent.parent / "logilab" / "exercise_bank"
    for module in bank.glob("*.py"):
        assert "exercises import" not in module.read_text(encoding="utf-8"), module.name


def test_nps_exercise_on_the_sample_survey():
    # 168 annual-contract respondents: 59 promoters (9-10), 29 detractors (0-6): NPS = 100 (59 - 29) / 168 = 17.857;
    # long-term minus annual = 45.5 - 17.9 = 27.6 points with p = 0.006 (ll.nps_compare), so the difference is detectable
    assert evaluate("03.nps_annual", nps=17.857, detectable=True).correct
    assert evaluate("03.nps_annual", nps=17.86, detectable="能").correct
    assert not evaluate("03.nps_annual", nps=17.857, detectable=False).correct
    share = evaluate("03.nps_annual", nps=0.17857, detectable=True, lang="en")
    assert not share.correct and "given in points" in share.message


def test_expert_panel_exercise():
    # the consultant is left out, so the director's 2 of 2 + 1 counts 2/3 and the manager's 1/3 (AIJ reliability 0.4219)
    assert evaluate("05.expert_panel", weight=0.4219, director=2 / 3).correct
    assert not evaluate("05.expert_panel", weight=0.4219, director=0.5).correct
    equal = evaluate("05.expert_panel", weight=0.3993, director=2 / 3, lang="en")
    assert not equal.correct and "equal expert weights" in equal.message
