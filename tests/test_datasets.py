"""Sample data: catalogue, loading, known aggregates of the seeded data, regeneration."""

from __future__ import annotations

import filecmp
import json

import numpy as np
import pandas as pd
import pytest
from logilab.data import generate

import logilab as ll
from logilab import LogilabInputError, datasets

EXPECTED_ROWS = {
    "customers": 3000,
    "orders": 23065,
    "order_lines": 57923,
    "kpi_monthly": 120,
    "providers": 8,
    "survey": 400,
    "complaints": 1352,
    "contacts": 3699,
    "provider_profiles": 8,
    "service_importance": 400,
}


@pytest.mark.parametrize("name, rows", EXPECTED_ROWS.items())
def test_each_sample_loads_with_its_catalogue_columns(name, rows):
    table = ll.load_sample(name)
    catalogue = [c["name"] for c in ll.sample_catalog()["datasets"][name]["columns"]]
    assert len(table) == rows
    assert list(table.columns[: len(catalogue)]) == catalogue


def test_list_samples_names_every_dataset_in_both_languages():
    zh, en = ll.list_samples("zh"), ll.list_samples("en")
    assert zh["name"].tolist() == list(EXPECTED_ROWS)
    assert zh.loc[zh["name"] == "survey", "title"].item() == "客户满意度调查"
    assert en.loc[en["name"] == "survey", "title"].item() == "customer satisfaction survey"


def test_describe_sample_gives_meaning_and_unit_of_every_column():
    table = ll.describe_sample("order_lines")
    assert table.columns.tolist() == ["column", "zh", "en", "unit", "dtype"]
    assert table.set_index("column").loc["shipped_qty", "zh"] == "发货数量"
    assert table["zh"].str.len().gt(0).all() and table["en"].str.len().gt(0).all()


def test_order_lines_carry_their_order_header():
    lines = ll.load_sample("order_lines")
    assert {"customer_id", "warehouse", "order_date", "promised_date", "delivered_date", "complaint"} <= set(lines.columns)
    assert pd.api.types.is_datetime64_any_dtype(lines["order_date"])
    assert lines["customer_id"].notna().all()


def test_known_aggregates_of_the_seeded_data():
    orders, lines = ll.load_sample("orders"), ll.load_sample("order_lines")
    # every order has at least one line and every customer at least one order
    assert set(lines["order_id"]) == set(orders["order_id"])
    assert orders["customer_id"].nunique() == 3000
    assert lines["ordered_qty"].sum() == 883_458
    assert lines["shipped_qty"].sum() == 854_768
    assert round(lines["revenue"].sum(), 2) == 114_986_538.34
    assert orders["warehouse"].value_counts().idxmax() == "WH-SH"
    late = orders["delivered_date"] > orders["promised_date"]
    assert round(late.mean(), 4) == 0.0675
    # shipped never exceeds ordered, damaged never exceeds shipped
    assert (lines["shipped_qty"] <= lines["ordered_qty"]).all()
    assert (lines["damaged_qty"] <= lines["shipped_qty"]).all()
    assert (orders["delivered_date"] >= orders["shipped_date"]).all()


def test_planted_structure_is_there():
    kpi = ll.load_sample("kpi_monthly")
    by_warehouse = kpi.groupby("warehouse")["order_fill_rate"].mean()
    assert by_warehouse.idxmin() == "WH-CD"  # Chengdu runs short of stock
    gz = kpi[kpi["warehouse"] == "WH-GZ"]
    peak = gz["month"].str[-2:].isin(["11", "12"])
    assert gz.loc[peak, "on_time_rate"].mean() < gz.loc[~peak, "on_time_rate"].mean() - 0.1
    survey = ll.load_sample("survey")
    gap = {d: (survey.filter(regex=f"^{d}\\d_p$").mean().mean() - survey.filter(regex=f"^{d}\\d_e$").mean().mean()) for d in ["tan", "rel"]}
    assert gap["rel"] < -1 < 0 < gap["tan"]
    assert survey.filter(regex="_[epi]$").isna().sum().sum() == 12


def test_recommend_question_carries_its_planted_difference():
    survey = ll.load_sample("survey")
    answers = survey["recommend"]
    assert answers.notna().all() and answers.between(0, 10).all() and (answers == answers.round()).all()
    # counted by hand from the column: 9-10 promoters, 0-6 detractors
    promoters, detractors = (answers >= 9).sum(), (answers <= 6).sum()
    assert ll.nps(answers).nps == pytest.approx(100 * (promoters - detractors) / len(answers))
    # long-term contract customers were planted to recommend more often than spot customers (generate.RECOMMEND_CONTRACT_SHIFT)
    by_contract = {k: ll.nps(g["recommend"]).nps for k, g in survey.groupby("contract_type")}
    assert by_contract["长期合同"] > by_contract["年度合同"] > by_contract["临时订单"]
    compared = ll.nps_compare(
        survey.loc[survey["contract_type"] == "长期合同", "recommend"], survey.loc[survey["contract_type"] == "临时订单", "recommend"]
    )
    assert compared.lower > 0 and compared.p_value < 0.001


def test_recommend_column_is_described_in_the_catalogue():
    columns = ll.describe_sample("survey").set_index("column")
    assert list(columns.index[-2:]) == ["overall_satisfaction", "recommend"]
    assert columns.loc["recommend", "zh"] == "推荐意愿" and columns.loc["recommend", "unit"] == "0-10"


def test_kpi_monthly_agrees_with_the_orders_it_summarises():
    orders, lines, kpi = ll.load_sample("orders"), ll.load_sample("order_lines"), ll.load_sample("kpi_monthly")
    january = orders[(orders["warehouse"] == "WH-SH") & (orders["order_date"].dt.strftime("%Y-%m") == "2024-01")]
    row = kpi[(kpi["warehouse"] == "WH-SH") & (kpi["month"] == "2024-01")].iloc[0]
    assert row["orders"] == len(january)
    on_time = (january["delivered_date"] <= january["promised_date"]).mean()
    assert row["on_time_rate"] == round(on_time, 4)
    jan_lines = lines[lines["order_id"].isin(january["order_id"])]
    assert row["unit_fill_rate"] == round(jan_lines["shipped_qty"].sum() / jan_lines["ordered_qty"].sum(), 4)


def test_load_sample_returns_an_independent_copy():
    first = ll.load_sample("providers")
    first.loc[0, "price"] = -1.0
    assert ll.load_sample("providers").loc[0, "price"] == 0.62


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(LogilabInputError, match=r"name: expected one of \['customers'.*found 'survy'.*Did you mean 'survey'"):
        ll.load_sample("survy")


def test_catalogue_that_does_not_match_its_file_is_reported(monkeypatch):
    catalogue = json.loads(json.dumps(datasets._catalog()))
    catalogue["datasets"]["providers"]["columns"][2]["name"] = "freight_rate"
    monkeypatch.setattr(datasets, "_catalog", lambda: catalogue)
    datasets._load_cached.cache_clear()
    try:
        with pytest.raises(LogilabInputError, match=r"missing \['freight_rate'\] and unexpected \['price'\].*generate"):
            ll.load_sample("providers")
    finally:
        datasets._load_cached.cache_clear()


def test_missing_data_file_says_how_to_regenerate(monkeypatch):
    catalogue = json.loads(json.dumps(datasets._catalog()))
    catalogue["datasets"]["providers"]["file"] = "gone.csv"
    monkeypatch.setattr(datasets, "_catalog", lambda: catalogue)
    datasets._load_cached.cache_clear()
    try:
        with pytest.raises(LogilabInputError, match=r"found no such file.*python -m logilab.data.generate"):
            ll.load_sample("providers")
    finally:
        datasets._load_cached.cache_clear()


def test_data_regenerate_byte_for_byte(tmp_path):
    written = generate.write(tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{n}.csv" for n in EXPECTED_ROWS)
    for path in written:
        assert filecmp.cmp(path, generate.OUTPUT_DIR / path.name, shallow=False), f"{path.name} differs"


def test_committed_sample_data_stay_small():
    total = sum(p.stat().st_size for p in generate.OUTPUT_DIR.glob("*.csv"))
    assert total < 10 * 1024 * 1024


def test_complaints_follow_the_flagged_orders_and_carry_the_planted_structure():
    orders, complaints = ll.load_sample("orders"), ll.load_sample("complaints")
    # one record per order flagged as complained about, same customer as the order
    assert sorted(complaints["order_id"]) == sorted(orders.loc[orders["complaint"] == 1, "order_id"])
    merged = complaints.merge(orders, on="order_id", suffixes=("", "_order"))
    assert (merged["customer_id"] == merged["customer_id_order"]).all()
    assert pd.api.types.is_datetime64_any_dtype(complaints["received_at"])
    assert (complaints["first_response_at"] >= complaints["received_at"]).all()
    open_ = complaints["resolved_at"].isna()
    assert (complaints.loc[open_, "outcome"] == "处理中").all() and open_.sum() == 19
    assert (complaints.loc[~open_, "resolved_at"] >= complaints.loc[~open_, "first_response_at"]).all()
    # causes follow the warehouses' weaknesses: Chengdu short, Beijing damage, Guangzhou late
    share = pd.crosstab(merged["warehouse"], merged["cause"], normalize="index")
    assert share["少发"].idxmax() == "WH-CD" and share["破损"].idxmax() == "WH-BJ" and share["延误"].idxmax() == "WH-GZ"
    catalogue = {c["name"]: c for c in ll.sample_catalog()["datasets"]["complaints"]["columns"]}
    for column in ["channel", "cause", "outcome"]:
        assert set(complaints[column]) == set(catalogue[column]["values"])


def test_contacts_hold_the_gaps_of_a_real_crm():
    contacts = ll.load_sample("contacts")
    assert contacts["phone"].isna().sum() == 131 and contacts["email"].isna().sum() == 169
    assert set(contacts["customer_id"]) == set(ll.load_sample("customers")["customer_id"])
    digits = contacts["phone"].str.replace(r"\D", "", regex=True).str.removeprefix("86")
    assert digits.dropna().duplicated().sum() == 57  # the same person entered twice, phone typed differently


def test_sample_expert_panel_is_reciprocal_on_the_indicator_systems_criteria():
    panel = ll.sample_expert_panel()
    criteria = ll.sample_indicator_system().criteria
    assert list(panel) == ["运营总监", "客服经理", "外部顾问"]
    for matrix in panel.values():
        assert list(matrix.index) == list(matrix.columns) == criteria
        assert np.allclose(matrix.to_numpy() * matrix.to_numpy().T, 1.0)
    # the operations director's judgements are notebook 05's worked example: CR = 0.0115 there
    assert ll.ahp(panel["运营总监"], method="sum").cr == pytest.approx(0.0115, abs=5e-5)
    # the consultant is intransitive on purpose: 完整性 > 及时性 (3), 及时性 > 灵活性 (5), yet 灵活性 > 完整性 (2)
    consultant = panel["外部顾问"]
    assert consultant.loc["完整性", "及时性"] > 1 and consultant.loc["及时性", "灵活性"] > 1 and consultant.loc["灵活性", "完整性"] > 1
    assert ll.ahp(consultant).cr > 0.10 > max(ll.ahp(panel[e]).cr for e in ["运营总监", "客服经理"])
    panel["运营总监"].iloc[0, 1] = 9
    assert ll.sample_expert_panel()["运营总监"].iloc[0, 1] == 2  # a new copy on every call
