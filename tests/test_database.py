"""The sample database: build, constraints, views, profile, masking, rebuilding a damaged file."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pandas as pd
import pytest

import logilab as ll
from logilab import LogilabInputError, LogilabTypeError, database
from logilab.database import phone_digits

CSV_TABLES = list(database.DATABASE_TABLES)


@pytest.fixture(scope="module")
def con():
    connection = ll.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGILAB_CACHE_DIR", str(tmp_path))
    return tmp_path


def _count(con, table):
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


@pytest.mark.parametrize("table", CSV_TABLES)
def test_row_counts_match_the_csv_files(con, table):
    csv = pd.read_csv(database._data_file(f"{table}.csv"), dtype=str)
    assert _count(con, table) == len(csv)


def test_building_twice_gives_the_same_database(cache):
    first = ll.connect()
    counts = {t: _count(first, t) for t in CSV_TABLES}
    revenue = first.execute("SELECT round(sum(revenue), 2) FROM order_lines").fetchall()[0][0]
    first.close()
    path = ll.database_path()
    assert path == cache / "qihang.duckdb" and path.is_file()
    stamp = path.stat().st_mtime_ns
    again = ll.connect()  # current file: opened, not rebuilt
    assert path.stat().st_mtime_ns == stamp
    assert {t: _count(again, t) for t in CSV_TABLES} == counts
    again.close()
    rebuilt = ll.connect(rebuild=True)
    assert {t: _count(rebuilt, t) for t in CSV_TABLES} == counts
    # the same total as pandas on the CSV
    assert rebuilt.execute("SELECT round(sum(revenue), 2) FROM order_lines").fetchall()[0][0] == revenue == 114_986_538.34
    rebuilt.close()
    assert [p.name for p in cache.iterdir()] == ["qihang.duckdb"]  # no temporary file left behind


def test_cache_folder_follows_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.delenv("LOGILAB_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform != "win32":
        assert ll.database_path() == tmp_path / "logilab" / "qihang.duckdb"


def test_a_damaged_file_is_rebuilt(cache):
    path = cache / "qihang.duckdb"
    path.write_bytes(b"this is not a database" * 1000)
    con = ll.connect()
    assert _count(con, "orders") == 23065
    con.close()


def test_a_file_from_other_sample_data_is_rebuilt(cache):
    path = cache / "qihang.duckdb"
    old = duckdb.connect(str(path))
    old.execute("CREATE TABLE logilab_build_info (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
    old.execute("INSERT INTO logilab_build_info VALUES ('fingerprint', 'an older sample')")
    old.execute("CREATE TABLE orders (order_id VARCHAR)")
    old.close()
    con = ll.connect()
    assert _count(con, "orders") == 23065
    assert con.execute("SELECT value FROM logilab_build_info").fetchall() == [(database._fingerprint(),)]
    con.close()


def test_a_half_built_file_without_fingerprint_is_rebuilt(cache):
    path = cache / "qihang.duckdb"
    half = duckdb.connect(str(path))
    half.execute("CREATE TABLE customers (customer_id VARCHAR)")
    half.close()
    con = ll.connect()
    assert _count(con, "customers") == 3000
    con.close()


def test_the_shared_file_opens_read_only(cache):
    con = ll.connect()
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute("DELETE FROM complaints")
    con.close()
    writable = ll.connect(read_only=False)
    assert _count(writable, "complaints") == 1352
    writable.close()


def test_a_file_held_by_a_writer_is_reported_not_rebuilt(cache):
    ll.connect().close()
    path = ll.database_path()
    stamp = path.stat().st_mtime_ns
    writer = ll.connect(read_only=False)  # in this process: a second, read-only connection is refused
    with pytest.raises(LogilabInputError, match="DuckDB refused it .*close it, or use ll.connect"):
        ll.connect()
    writer.close()
    assert path.stat().st_mtime_ns == stamp  # the file was left alone
    ll.connect().close()


def test_connect_rejects_a_folder_and_a_wrong_type(tmp_path):
    with pytest.raises(LogilabInputError, match="path: expected a database file, found the folder"):
        ll.connect(tmp_path)
    with pytest.raises(LogilabTypeError, match="path: expected None, ':memory:' or the path"):
        ll.connect(42)


def test_importing_logilab_does_not_import_duckdb():
    code = "import sys, logilab; print('duckdb' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ})
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- constraints

BAD_ROWS = {
    "duplicate customer id": "INSERT INTO customers VALUES ('C0001', '另一家公司', '医药', '华东', '年度合同', '2024-01-01', 10)",
    "duplicate customer name": "INSERT INTO customers VALUES ('C9999', '天津益康日化有限公司', '医药', '华东', '年度合同', '2024-01-01', 10)",
    "unknown region": "INSERT INTO customers VALUES ('C9999', '新公司', '医药', '火星', '年度合同', '2024-01-01', 10)",
    "negative potential spend": "INSERT INTO customers VALUES ('C9999', '新公司', '医药', '华东', '年度合同', '2024-01-01', -1)",
    "orphan order": "INSERT INTO orders VALUES ('SO999999', 'C9999', 'WH-SH', '2025-01-01', '2025-01-03', '2025-01-01', '2025-01-02', 0, 0, 0)",
    "duplicate order id": "INSERT INTO orders VALUES ('SO000001', 'C0001', 'WH-SH', '2025-01-01', '2025-01-03', '2025-01-01', '2025-01-02', 0, 0, 0)",
    "delivered before shipped": "INSERT INTO orders VALUES ('SO999999', 'C0001', 'WH-SH', '2025-01-05', '2025-01-07', '2025-01-06', '2025-01-05', 0, 0, 0)",
    "flag other than 0/1": "INSERT INTO orders VALUES ('SO999999', 'C0001', 'WH-SH', '2025-01-01', '2025-01-03', '2025-01-01', '2025-01-02', 2, 0, 0)",
    "line of an unknown order": "INSERT INTO order_lines VALUES ('SO999999', 1, 'SKU-0001', '冷链', 5, 5, 0, 10, 50, 40)",
    "duplicate order line": "INSERT INTO order_lines VALUES ('SO000001', 1, 'SKU-0001', '冷链', 5, 5, 0, 10, 50, 40)",
    "negative revenue": "INSERT INTO order_lines VALUES ('SO000001', 99, 'SKU-0001', '冷链', 5, 5, 0, 10, -50, 40)",
    "shipped more than ordered": "INSERT INTO order_lines VALUES ('SO000001', 99, 'SKU-0001', '冷链', 5, 6, 0, 10, 60, 40)",
    "complaint about an unknown order": "INSERT INTO complaints VALUES ('CP99999', 'C0001', 'SO999999', '2025-01-01 09:00', '2025-01-01 10:00', NULL, '电话', '延误', 1, 0, '处理中')",
    "unknown cause": "INSERT INTO complaints VALUES ('CP99999', 'C0001', 'SO000001', '2025-01-01 09:00', '2025-01-01 10:00', NULL, '电话', '天气', 1, 0, '处理中')",
    "severity out of range": "INSERT INTO complaints VALUES ('CP99999', 'C0001', 'SO000001', '2025-01-01 09:00', '2025-01-01 10:00', NULL, '电话', '延误', 4, 0, '处理中')",
    "response before receipt": "INSERT INTO complaints VALUES ('CP99999', 'C0001', 'SO000001', '2025-01-01 09:00', '2025-01-01 08:00', NULL, '电话', '延误', 1, 0, '处理中')",
    "negative compensation": "INSERT INTO complaints VALUES ('CP99999', 'C0001', 'SO000001', '2025-01-01 09:00', '2025-01-01 10:00', '2025-01-02 10:00', '电话', '破损', 2, -10, '赔付')",
    "resolved but still open": "INSERT INTO complaints VALUES ('CP99999', 'C0001', 'SO000001', '2025-01-01 09:00', '2025-01-01 10:00', '2025-01-02 10:00', '电话', '延误', 1, 0, '处理中')",
    "contact of an unknown customer": "INSERT INTO contacts VALUES ('CT99999', 'C9999', '张伟', '物流经理', '13812345678', NULL, '2025-01-01')",
    "malformed e-mail": "INSERT INTO contacts VALUES ('CT99999', 'C0001', '张伟', '物流经理', '13812345678', 'no-at-sign', '2025-01-01')",
    "survey answer out of scale": "INSERT INTO survey (respondent_id, customer_id, industry, region, contract_type, tan1_e) VALUES ('R999', 'C0001', '医药', '华东', '年度合同', 8)",
    "rate above one": "INSERT INTO providers VALUES ('P99', '新物流', 0.5, 1.2, 0.01, 100, 5, 5, 5, 2)",
}


@pytest.mark.parametrize("statement", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_every_constraint_rejects_a_bad_row(con, statement):
    with pytest.raises(duckdb.ConstraintException):
        con.execute(statement)


def test_a_good_row_passes_the_same_constraints():
    con = ll.connect(":memory:")
    con.execute("INSERT INTO orders VALUES ('SO999999', 'C0001', 'WH-SH', '2025-01-01', '2025-01-03', '2025-01-01', '2025-01-02', 0, 1, 0)")
    con.execute("INSERT INTO order_lines VALUES ('SO999999', 1, 'SKU-0001', '冷链', 5, 5, 0, 10, 50, 40)")
    con.execute(
        "INSERT INTO complaints VALUES ('CP99999', 'C0001', 'SO999999', '2025-01-02 09:00', '2025-01-02 10:30', NULL, '电话', '延误', 1, 0, '处理中')"
    )
    facts = con.execute("SELECT response_hours, same_day_response FROM complaint_facts WHERE complaint_id = 'CP99999'").fetchall()
    assert facts == [(1.5, True)]
    con.close()


def _complaint(**changes):
    row = {
        "complaint_id": "CP99999",
        "customer_id": "C0001",
        "order_id": "SO000001",
        "received_at": "2025-01-01 09:00",
        "first_response_at": "2025-01-01 10:00",
        "resolved_at": "2025-01-02 10:00",
        "channel": "电话",
        "cause": "延误",
        "severity": 1,
        "compensation": 0.0,
        "outcome": "道歉说明",
    }
    row.update(changes)
    if row["outcome"] == "处理中":
        row["resolved_at"] = None
    return list(row.values())


def test_check_constraints_admit_exactly_what_the_catalogue_allows():
    con = ll.connect(":memory:")
    catalogue = {c["name"]: c for c in ll.sample_catalog()["datasets"]["complaints"]["columns"]}
    insert = "INSERT INTO complaints VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    for column in ["channel", "cause", "outcome"]:
        for value in catalogue[column]["values"]:
            con.execute(insert, _complaint(**{column: value}))
            con.execute("DELETE FROM complaints WHERE complaint_id = 'CP99999'")
        with pytest.raises(duckdb.ConstraintException):
            con.execute(insert, _complaint(**{column: "其他"}))
    low, high = catalogue["severity"]["min"], catalogue["severity"]["max"]
    for severity, ok in [(low, True), (high, True), (low - 1, False), (high + 1, False)]:
        if ok:
            con.execute(insert, _complaint(severity=severity))
            con.execute("DELETE FROM complaints WHERE complaint_id = 'CP99999'")
        else:
            with pytest.raises(duckdb.ConstraintException):
                con.execute(insert, _complaint(severity=severity))
    with pytest.raises(duckdb.ConstraintException):
        con.execute(insert, _complaint(compensation=catalogue["compensation"]["min"] - 0.01))
    con.close()


# ---------------------------------------------------------------- views and profile


def test_order_facts_agree_with_pandas(con):
    lines = ll.load_sample("order_lines")
    facts = con.execute("SELECT order_id, revenue, in_full, on_time FROM order_facts").df().set_index("order_id").sort_index()
    revenue = lines.groupby("order_id")["revenue"].sum().round(2).sort_index()
    pd.testing.assert_series_equal(facts["revenue"], revenue, check_names=False)
    in_full = lines.assign(full=lines["shipped_qty"] >= lines["ordered_qty"]).groupby("order_id")["full"].all().sort_index()
    assert (facts["in_full"] == in_full).all()


def test_profile_of_one_customer_matches_pandas_on_the_csvs(con):
    orders, lines = ll.load_sample("orders"), ll.load_sample("order_lines")
    complaints, survey = ll.load_sample("complaints"), ll.load_sample("survey")
    customer = "C0005"
    mine = orders[orders["customer_id"] == customer]
    profile = ll.customer_profile(con, customer)
    row = profile.table
    assert row["orders"] == len(mine) == len(profile.orders)
    assert row["revenue"] == round(lines.loc[lines["customer_id"] == customer, "revenue"].sum(), 2)
    assert row["on_time_rate"] == pytest.approx((mine["delivered_date"] <= mine["promised_date"]).mean())
    assert row["last_order"] == mine["order_date"].max()
    assert row["complaints"] == (complaints["customer_id"] == customer).sum() == mine["complaint"].sum()
    assert row["compensation"] == round(complaints.loc[complaints["customer_id"] == customer, "compensation"].sum(), 2)
    answers = survey[survey["customer_id"] == customer]
    assert len(profile.survey) == len(answers)
    assert profile.orders["order_id"].tolist() == mine.sort_values(["order_date", "order_id"])["order_id"].tolist()
    assert profile.summary()["orders"] == len(mine)
    # contacts come masked
    assert profile.contacts["contact_name"].str.contains(r"\*").all()


def test_profile_rejects_an_unknown_customer_and_a_wrong_connection(con):
    with pytest.raises(LogilabInputError, match="customer_id: expected the id of a customer in the database, found 'C9999'"):
        ll.customer_profile(con, "C9999")
    with pytest.raises(LogilabTypeError, match="con: expected a database connection"):
        ll.customer_profile("not a connection", "C0001")


# ---------------------------------------------------------------- masking


@pytest.mark.parametrize(
    "phone, masked",
    [
        ("13812345678", "138****5678"),  # 11-digit mobile: first 3 and last 4 stay
        ("199 0000 1234", "199****1234"),
        ("+86 186-1111-2222", "186****2222"),  # country code dropped
        ("8613812345678", "138****5678"),
        (13812345678, "138****5678"),  # a number read from a spreadsheet
        ("010-62751234", "010-****1234"),  # Beijing, three-digit area code, 8-digit number
        ("021 5812 3456", "021-****3456"),
        ("0571-87654321", "0571-****4321"),  # Hangzhou, four-digit area code
        ("0951-5123456", "0951-***3456"),  # Yinchuan, 7-digit local number
        ("12345", "*****"),  # not a phone number: everything masked
        ("", ""),
    ],
)
def test_mask_phone_on_hand_examples(con, phone, masked):
    assert ll.mask_phone(phone) == masked
    if isinstance(phone, str) and phone:
        assert con.execute("SELECT mask_phone(?)", [phone]).fetchall()[0][0] == masked


@pytest.mark.parametrize(
    "name, masked",
    [
        ("张伟", "张*"),  # two characters
        ("李小明", "李**"),  # three characters
        ("欧阳修", "欧阳*"),  # compound surname, three characters
        ("欧阳娜娜", "欧阳**"),
        ("司马光", "司马*"),
        ("司马相如", "司马**"),
        ("诸葛亮", "诸葛*"),
        ("欧阳", "欧*"),  # two characters: one-character surname rule
        ("马欧阳", "马**"),  # 欧阳 not at the start
        ("Wang", "W***"),
    ],
)
def test_mask_name_on_hand_examples(con, name, masked):
    assert ll.mask_name(name) == masked
    assert con.execute("SELECT mask_name(?)", [name]).fetchall()[0][0] == masked


def test_masking_keeps_missing_values_and_leaves_the_input_alone():
    phones = pd.Series(["13812345678", None, "021-58123456"], index=[5, 6, 7], name="phone")
    before = phones.copy()
    masked = ll.mask_phone(phones)
    assert masked.tolist() == ["138****5678", None, "021-****3456"] and masked.index.tolist() == [5, 6, 7]
    pd.testing.assert_series_equal(phones, before)
    assert ll.mask_name(["张伟", None]) == ["张*", None]
    with pytest.raises(LogilabTypeError, match="name: expected text"):
        ll.mask_name(3.5)


def test_sql_macros_and_python_mask_every_sample_contact_alike(con):
    table = con.execute(
        "SELECT phone, mask_phone(phone) AS p, contact_name, mask_name(contact_name) AS n, email, mask_email(email) AS e FROM contacts"
    ).df()
    for column, sql_column, mask in [("phone", "p", ll.mask_phone), ("contact_name", "n", ll.mask_name), ("email", "e", ll.mask_email)]:
        assert mask(table[column]).fillna("<missing>").tolist() == table[sql_column].fillna("<missing>").tolist()
    assert list(database.COMPOUND_SURNAMES) == sorted(database.COMPOUND_SURNAMES, key=database.COMPOUND_SURNAMES.index)
    sql = database._data_file("database.sql").read_text(encoding="utf-8")
    assert all(f"'{s}'" in sql for s in database.COMPOUND_SURNAMES)


def test_masked_schema_shows_no_raw_personal_information(con):
    masked = con.execute("SELECT contact_name, phone FROM masked.contacts WHERE phone IS NOT NULL").df()
    raw = con.execute("SELECT contact_name, phone FROM contacts WHERE phone IS NOT NULL").df()
    assert not set(masked["phone"]) & set(raw["phone"])
    assert masked["phone"].str.contains(r"\*{3}").all()
    views = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'masked' ORDER BY 1").df()["table_name"]
    assert set(CSV_TABLES) <= set(views)


# ---------------------------------------------------------------- data quality


def test_data_quality_counts_match_pandas(con):
    contacts = ll.load_sample("contacts")
    checks = ll.data_quality(con, lang="en").set_index("check")["rows"]
    assert checks["contacts_missing_phone"] == contacts["phone"].isna().sum() == 131
    assert checks["contacts_missing_email"] == contacts["email"].isna().sum() == 169
    digits = phone_digits(contacts["phone"].dropna())
    assert checks["contacts_duplicated"] == digits.duplicated().sum() == 57
    # the constraints keep these out of the sample database
    assert checks["orders_without_customer"] == checks["order_lines_out_of_range"] == 0
