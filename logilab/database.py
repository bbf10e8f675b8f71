"""The sample company as a real embedded database (DuckDB): build, connect, profile, mask.

``connect()`` opens the database of 启航供应链 with the tables ``customers``,
``contacts``, ``orders``, ``order_lines``, ``complaints``, ``survey`` and
``providers``, their primary keys, foreign keys and ``CHECK`` constraints, the
views ``order_facts``, ``complaint_facts`` and ``customer_profile``, and the
schema ``masked`` whose views hide personal information. Every statement that
builds it is in ``data/database.sql``.

The file is built from the sample CSVs on first use and kept in the user's
cache folder (``$LOGILAB_CACHE_DIR``, else ``$XDG_CACHE_HOME/logilab``, else
``~/.cache/logilab``); ``connect(":memory:")`` builds a private copy in memory.
A fingerprint of the CSVs and of the SQL file is stored in the database; a file
whose fingerprint differs, or that cannot be opened, is rebuilt. The build
writes a temporary file and moves it into place, so a half-built file is never
used. DuckDB is imported only when a database is opened, so ``import logilab``
stays light.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import uuid
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from ._results import Result
from ._validation import LogilabInputError, LogilabTypeError, is_missing
from .i18n import bilingual_pair

__all__ = [
    "DATABASE_TABLES",
    "COMPOUND_SURNAMES",
    "database_path",
    "connect",
    "build_database",
    "CustomerProfile",
    "customer_profile",
    "mask_phone",
    "mask_name",
    "mask_email",
    "phone_digits",
    "data_quality",
]

#: The tables of the database, in build order (each refers only to those before it).
DATABASE_TABLES = ("customers", "contacts", "orders", "order_lines", "complaints", "providers", "survey")
#: Two-character surnames kept whole by :func:`mask_name` (the SQL macro ``mask_name`` has the same list).
COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "慕容", "司徒", "东方", "皇甫", "尉迟",
    "公孙", "令狐", "长孙", "宇文", "夏侯", "独孤", "端木", "西门", "南宫",
)  # fmt: skip
DATABASE_FILE = "qihang.duckdb"
SQL_FILE = "database.sql"
_INFO_TABLE = "logilab_build_info"
_CSV_TOKEN = re.compile(r"'@(\w+)\.csv'")


def _cache_dir() -> Path:
    explicit = os.environ.get("LOGILAB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "logilab" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "logilab"


def database_path() -> Path:
    """Where ``connect()`` keeps the sample database file.

    ``$LOGILAB_CACHE_DIR/qihang.duckdb`` if that variable is set, else
    ``$XDG_CACHE_HOME/logilab/qihang.duckdb`` (``~/.cache/logilab/...`` when
    ``XDG_CACHE_HOME`` is unset; ``%LOCALAPPDATA%\\logilab\\cache`` on Windows).
    Another SQL client (the ``duckdb`` command line, DBeaver) can open this file.

    Returns
    -------
    pathlib.Path
        The path of the database file (it need not exist yet).

    Examples
    --------
    >>> database_path().name
    'qihang.duckdb'
    """
    return _cache_dir() / DATABASE_FILE


def _data_file(name: str) -> Path:
    return Path(str(resources.files("logilab.data").joinpath(name)))


def _build_sql() -> str:
    """The build script with every ``'@name.csv'`` replaced by that file's quoted path."""
    text = _data_file(SQL_FILE).read_text(encoding="utf-8")

    def quoted(match: re.Match[str]) -> str:
        path = _data_file(f"{match.group(1)}.csv")
        return "'" + path.as_posix().replace("'", "''") + "'"

    return _CSV_TOKEN.sub(quoted, text)


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    """SHA-256 over the build script and every CSV it reads: a changed sample means a rebuild."""
    digest = hashlib.sha256()
    text = _data_file(SQL_FILE).read_text(encoding="utf-8")
    digest.update(text.encode("utf-8"))
    for name in sorted(set(_CSV_TOKEN.findall(text))):
        digest.update(name.encode("utf-8"))
        digest.update(_data_file(f"{name}.csv").read_bytes())
    return digest.hexdigest()


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError as error:  # pragma: no cover - duckdb is a dependency
        raise ImportError(
            "duckdb: expected the duckdb package (a logilab dependency), found it missing. "
            "Run `make install` (or `pip install duckdb`) and restart the kernel."
        ) from error
    return duckdb


def _populate(con: Any) -> None:
    con.execute(_build_sql())
    con.execute(f"CREATE TABLE {_INFO_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
    con.execute(f"INSERT INTO {_INFO_TABLE} VALUES ('fingerprint', ?)", [_fingerprint()])


def _in_use(error: Exception) -> bool:
    """True if DuckDB refused a file because another connection holds it, not because the file is bad."""
    duckdb = _duckdb()
    return isinstance(error, duckdb.ConnectionException) or "lock" in str(error).lower()


def _refused(path: Path, error: Exception) -> LogilabInputError:
    return LogilabInputError(
        f"path: expected to open the database {str(path)!r}, found that DuckDB refused it ({error}). "
        "Another program or connection is writing to it (a connection opened with read_only=False, DBeaver without "
        "read-only): close it, or use ll.connect(':memory:')."
    )


def _is_current(path: Path) -> bool:
    """True if ``path`` opens as a DuckDB database whose fingerprint matches the sample data.

    A file that another connection is writing to is neither current nor damaged: that raises.
    """
    duckdb = _duckdb()
    if not path.exists():
        return False
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        if _in_use(error):
            raise _refused(path, error) from error
        return False
    try:
        rows = con.execute(f"SELECT value FROM {_INFO_TABLE} WHERE key = 'fingerprint'").fetchall()
        return rows == [(_fingerprint(),)]
    except duckdb.Error:
        return False
    finally:
        con.close()


def build_database(path: str | os.PathLike[str] | None = None) -> Path:
    """Build the sample database file from the CSVs (always afresh) and return its path.

    The database is written to a temporary file next to ``path`` and moved into
    place when it is complete, so an interrupted build never leaves a half-built
    database under ``path``. ``connect()`` calls this when the file is missing,
    damaged or made from other sample data.

    Parameters
    ----------
    path : str or path-like, optional
        The database file (default: :func:`database_path`).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     built = build_database(Path(folder) / "sample.duckdb")
    ...     built.name, built.exists()
    ('sample.duckdb', True)
    """
    target = Path(path) if path is not None else database_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    duckdb = _duckdb()
    try:
        con = duckdb.connect(str(temporary))
        try:
            _populate(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        target.with_name(target.name + ".wal").unlink(missing_ok=True)  # a log left by the old file belongs to it
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
        temporary.with_name(temporary.name + ".wal").unlink(missing_ok=True)
    return target


def connect(path: str | os.PathLike[str] | None = None, *, read_only: bool = True, rebuild: bool = False) -> Any:
    """Open the sample company's database (built from the sample CSVs on first use).

    Parameters
    ----------
    path : str or path-like, optional
        ``None`` (default) for the shared file in the cache folder
        (:func:`database_path`), ``":memory:"`` for a private copy in memory
        that you may change freely, or the path of a database file.
    read_only : bool, default True
        Open a file read-only, so several notebooks (and a SQL client such as
        DBeaver) can read it at once. An in-memory database is always writable.
    rebuild : bool, default False
        Build the file afresh even if it is current.

    Returns
    -------
    duckdb.DuckDBPyConnection
        Query it with ``con.sql("SELECT ...").df()``; close it with ``con.close()``.

    Notes
    -----
    Tables: ``customers``, ``contacts``, ``orders``, ``order_lines``,
    ``complaints``, ``providers``, ``survey``. Views: ``order_facts`` (one row
    per order), ``complaint_facts`` (complaints with warehouse and response
    hours), ``customer_profile`` (one row per customer), and the schema
    ``masked`` (every table, with personal information masked). Macros:
    ``mask_phone``, ``mask_name``, ``mask_email``, ``phone_digits``.

    Examples
    --------
    >>> con = connect(":memory:")
    >>> con.execute("SELECT count(*) FROM orders").fetchall()
    [(23065,)]
    >>> con.sql("SELECT mask_phone('13812345678') AS phone, mask_name('欧阳娜娜') AS name").df()
             phone  name
    0  138****5678  欧阳**
    >>> con.close()
    """
    duckdb = _duckdb()
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise LogilabTypeError(
            f"path: expected None, ':memory:' or the path of a database file, found {type(path).__name__}. "
            "Call ll.connect() for the sample database or ll.connect(':memory:') for a private copy."
        )
    if path is not None and str(path) == ":memory:":
        con = duckdb.connect(":memory:")
        _populate(con)
        return con
    target = Path(path) if path is not None else database_path()
    if target.exists() and target.is_dir():
        raise LogilabInputError(
            f"path: expected a database file, found the folder {str(target)!r}. Give a file name such as {str(target / DATABASE_FILE)!r}."
        )
    if rebuild or not _is_current(target):
        build_database(target)
    try:
        return duckdb.connect(str(target), read_only=read_only)
    except duckdb.Error as error:
        raise _refused(target, error) from error


# --------------------------------------------------------------------------- profile


@dataclass(frozen=True, repr=False)
class CustomerProfile(Result):
    """Everything the database knows about one customer, one table per kind of information.

    Attributes
    ----------
    customer_id : str
    table : pandas.Series
        The customer's row of the ``customer_profile`` view: basic information,
        order count, revenue, on-time and in-full rates, complaints, compensation,
        satisfaction.
    orders : pandas.DataFrame
        The customer's rows of ``order_facts``, oldest first (transaction information).
    complaints : pandas.DataFrame
        The customer's rows of ``complaint_facts`` (service information).
    survey : pandas.DataFrame
        The customer's survey answers, empty if the customer was not surveyed (feedback information).
    contacts : pandas.DataFrame
        The customer's contact persons from ``masked.contacts`` (names and phones masked).

    Examples
    --------
    >>> con = connect(":memory:")
    >>> profile = customer_profile(con, "C0001")
    >>> profile.summary()["orders"], len(profile.orders)
    (7, 7)
    >>> con.close()
    """

    customer_id: str
    table: pd.Series
    orders: pd.DataFrame
    complaints: pd.DataFrame
    survey: pd.DataFrame
    contacts: pd.DataFrame

    def summary(self) -> dict[str, Any]:
        """Key numbers: the customer, orders, revenue, on-time and in-full rates, complaints, compensation, satisfaction."""
        row = self.table
        keys = ["orders", "revenue", "on_time_rate", "in_full_rate", "complaints", "compensation", "overall_satisfaction"]
        numbers = {key: (None if is_missing(row[key]) else row[key]) for key in keys}
        # numpy scalars from the row read as plain Python numbers
        return {"customer_id": self.customer_id, **{key: getattr(v, "item", lambda v=v: v)() for key, v in numbers.items()}}


def _check_connection(con: Any) -> Any:
    if not (hasattr(con, "execute") and hasattr(con, "sql")):
        raise LogilabTypeError(
            f"con: expected a database connection from ll.connect(), found {type(con).__name__}. Open one with con = ll.connect()."
        )
    return con


def customer_profile(con: Any, customer_id: str) -> CustomerProfile:
    """One customer's profile in one call: the profile row, orders, complaints, survey, contacts.

    Parameters
    ----------
    con : duckdb connection
        From :func:`connect`.
    customer_id : str
        For example ``"C0001"``.

    Returns
    -------
    CustomerProfile

    Examples
    --------
    >>> con = connect(":memory:")
    >>> profile = customer_profile(con, "C0001")
    >>> profile
    CustomerProfile(customer_id='C0001', orders=7, revenue=18,675, on_time_rate=1, in_full_rate=0.7143, complaints=2, compensation=94.53, overall_satisfaction=7; table 19 rows)
    >>> len(profile.orders), len(profile.complaints), len(profile.survey)
    (7, 2, 1)
    >>> customer_profile(con, "C001")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: customer_id: expected the id of a customer in the database, found 'C001'. Ids look like 'C0001'; see SELECT customer_id FROM customers.
    >>> con.close()
    """
    con = _check_connection(con)
    if not isinstance(customer_id, str):
        raise LogilabTypeError(f"customer_id: expected a text id such as 'C0001', found {type(customer_id).__name__}. Write it in quotes.")
    row = con.execute("SELECT * FROM customer_profile WHERE customer_id = ?", [customer_id]).df()
    if row.empty:
        raise LogilabInputError(
            f"customer_id: expected the id of a customer in the database, found {customer_id!r}. "
            "Ids look like 'C0001'; see SELECT customer_id FROM customers."
        )
    orders = con.execute("SELECT * FROM order_facts WHERE customer_id = ? ORDER BY order_date, order_id", [customer_id]).df()
    complaints = con.execute("SELECT * FROM complaint_facts WHERE customer_id = ? ORDER BY received_at", [customer_id]).df()
    survey = con.execute("SELECT * FROM survey WHERE customer_id = ?", [customer_id]).df()
    contacts = con.execute("SELECT * FROM masked.contacts WHERE customer_id = ? ORDER BY contact_id", [customer_id]).df()
    return CustomerProfile(customer_id, row.iloc[0].rename(customer_id), orders, complaints, survey, contacts)


# --------------------------------------------------------------------------- masking

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE_3 = re.compile(r"^0[12]\d{8,9}$")  # 010 and 02x: three-digit area codes, 7-8 digit numbers
_LANDLINE_4 = re.compile(r"^0[3-9]\d{9,10}$")  # four-digit area codes


def _masker(function):
    """Apply a scalar masking rule to a scalar, a list or a Series (a new Series; missing stays missing)."""

    def apply(value: Any) -> Any:
        if isinstance(value, pd.Series):
            masked = [None if is_missing(v) else function(v) for v in value]
            return pd.Series(masked, index=value.index, name=value.name, dtype=object)
        if isinstance(value, (list, tuple)):
            return [None if is_missing(v) else function(v) for v in value]
        if is_missing(value):
            return None
        return function(value)

    apply.__name__, apply.__doc__ = function.__name__, function.__doc__
    apply.__wrapped__ = function  # help() and the docs show the rule's own argument name
    return apply


def _text(value: Any, name: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):  # a phone number read from a spreadsheet as a number
        return str(value)
    if not isinstance(value, str):
        raise LogilabTypeError(
            f"{name}: expected text (or a Series of text), found {type(value).__name__}. Pass the column, e.g. df['phone']."
        )
    return value


@_masker
def phone_digits(phone: Any) -> str:
    """The digits of a phone number, without a ``+86`` before a mobile number (the key for finding duplicates).

    Parameters
    ----------
    phone : str, list or pandas.Series
        Phone number(s) as typed, with spaces, dashes or a ``+86`` prefix; missing values stay missing.

    Returns
    -------
    str, list or pandas.Series
        The digits only.

    Examples
    --------
    >>> phone_digits("+86 138 1234 5678"), phone_digits("021-5812 3456")
    ('13812345678', '02158123456')
    """
    digits = re.sub(r"\D", "", _text(phone, "phone"))
    return digits[2:] if re.fullmatch(r"861[3-9]\d{9}", digits) else digits


@_masker
def mask_phone(phone: Any) -> str:
    """Mask a phone number for display: a mobile keeps its first 3 and last 4 digits, a landline its area code and last 4.

    Accepts one number, a list or a pandas Series (returns a new one; missing
    values stay missing). Spaces, dashes and a ``+86`` prefix are ignored. Text
    that is neither an 11-digit mobile number nor a landline with an area code
    is masked completely, so nothing leaks. The SQL macro ``mask_phone`` in the
    database follows the same rules.

    Parameters
    ----------
    phone : str, list or pandas.Series

    Returns
    -------
    str, list or pandas.Series

    References
    ----------
    《中华人民共和国个人信息保护法》(2021), Article 4 (what personal information is), Article 51
    (de-identification among the required security measures) and Article 73 (de-identification
    versus anonymisation).
    GB/T 35273-2020《信息安全技术 个人信息安全规范》: personal information shown on screens should be de-identified.

    Examples
    --------
    >>> mask_phone("13812345678")
    '138****5678'
    >>> mask_phone("+86 139 0000 1234")
    '139****1234'
    >>> mask_phone("021-58123456"), mask_phone("0571-2345678")
    ('021-****3456', '0571-***5678')
    >>> mask_phone(pd.Series(["010-62751234", None])).tolist()
    ['010-****1234', None]
    >>> mask_phone("n/a")
    '***'
    """
    text = _text(phone, "phone")
    digits = phone_digits(text)
    if _MOBILE.match(digits):
        return f"{digits[:3]}****{digits[-4:]}"
    if _LANDLINE_3.match(digits):
        return f"{digits[:3]}-{'*' * (len(digits) - 7)}{digits[-4:]}"
    if _LANDLINE_4.match(digits):
        return f"{digits[:4]}-{'*' * (len(digits) - 8)}{digits[-4:]}"
    return "*" * len(text)


@_masker
def mask_name(name: Any) -> str:
    """Mask a person's name: the surname stays, every other character becomes ``*``.

    Compound surnames (欧阳, 司马, 诸葛, ... see ``COMPOUND_SURNAMES``) stay
    whole when the name has at least three characters. Accepts one name, a list
    or a Series. The SQL macro ``mask_name`` follows the same rules.

    Parameters
    ----------
    name : str, list or pandas.Series

    Returns
    -------
    str, list or pandas.Series

    Examples
    --------
    >>> mask_name("张伟"), mask_name("李小明"), mask_name("欧阳娜娜"), mask_name("司马光")
    ('张*', '李**', '欧阳**', '司马*')
    """
    text = _text(name, "name").strip()
    keep = 2 if len(text) >= 3 and text[:2] in COMPOUND_SURNAMES else 1
    return text[:keep] + "*" * (len(text) - keep)


@_masker
def mask_email(email: Any) -> str:
    """Mask an e-mail address: the first character of the local part, then ``***`` and the domain.

    Parameters
    ----------
    email : str, list or pandas.Series
        E-mail address(es) (``local@domain``); missing values stay missing.

    Returns
    -------
    str, list or pandas.Series
        The masked address(es); the domain is kept so the provider can still be seen.

    Examples
    --------
    >>> mask_email("wang.wei@example.cn")
    'w***@example.cn'
    """
    text = _text(email, "email")
    at = text.find("@")
    return f"{text[0]}***{text[at:]}" if at > 0 else "*" * len(text)


# --------------------------------------------------------------------------- data quality

_QUALITY_CHECKS = [
    (
        "contacts_missing_phone",
        "contacts",
        "SELECT count(*) FROM contacts WHERE phone IS NULL",
        *bilingual_pair("quality_contacts_missing_phone"),
    ),
    (
        "contacts_missing_email",
        "contacts",
        "SELECT count(*) FROM contacts WHERE email IS NULL",
        *bilingual_pair("quality_contacts_missing_email"),
    ),
    (
        "contacts_duplicated",
        "contacts",
        "SELECT count(*) - count(DISTINCT phone_digits(phone)) FROM contacts WHERE phone IS NOT NULL",
        *bilingual_pair("quality_contacts_duplicated"),
    ),
    (
        "contacts_unverified_a_year",
        "contacts",
        "SELECT count(*) FROM contacts WHERE verified_on < (SELECT max(order_date) FROM orders) - INTERVAL 365 DAY",
        *bilingual_pair("quality_contacts_unverified_a_year"),
    ),
    (
        "customers_without_contact",
        "customers",
        "SELECT count(*) FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM contacts)",
        *bilingual_pair("quality_customers_without_contact"),
    ),
    (
        "customers_same_name",
        "customers",
        "SELECT count(*) - count(DISTINCT name) FROM customers",
        *bilingual_pair("quality_customers_same_name"),
    ),
    (
        "orders_without_customer",
        "orders",
        "SELECT count(*) FROM orders WHERE customer_id NOT IN (SELECT customer_id FROM customers)",
        *bilingual_pair("quality_orders_without_customer"),
    ),
    (
        "order_lines_out_of_range",
        "order_lines",
        "SELECT count(*) FROM order_lines WHERE ordered_qty <= 0 OR shipped_qty < 0 OR shipped_qty > ordered_qty "
        "OR damaged_qty > shipped_qty OR revenue < 0",
        *bilingual_pair("quality_order_lines_out_of_range"),
    ),
    (
        "complaints_response_before_receipt",
        "complaints",
        "SELECT count(*) FROM complaints WHERE first_response_at < received_at",
        *bilingual_pair("quality_complaints_response_before_receipt"),
    ),
]


def data_quality(con: Any, *, lang: str | None = None) -> pd.DataFrame:
    """Run the data-quality checks on a database: one row per check with the number of rows found.

    Some problems (orders without a customer, out-of-range quantities) cannot
    enter the sample database because its constraints reject them; their count
    is 0 there, and a database built without constraints (an export, a
    spreadsheet) shows them. Others (missing phone numbers, duplicated
    contacts) are allowed by the schema and must be found with queries.

    Parameters
    ----------
    con : duckdb connection
        From :func:`connect` (or any database with the same tables).
    lang : {"zh", "en"}, optional
        Language of the ``effect`` column (default: the current language).

    Returns
    -------
    pandas.DataFrame
        Columns ``check``, ``table``, ``rows`` (rows found), ``effect``
        (what the problem does to the analyses) and ``sql`` (the query used).

    Examples
    --------
    >>> con = connect(":memory:")
    >>> data_quality(con, lang="en").set_index("check")["rows"].head(3).tolist()
    [131, 169, 57]
    >>> con.close()
    """
    from .i18n import get_language

    con = _check_connection(con)
    lang = lang or get_language()
    rows = []
    for check, table, sql, zh, en in _QUALITY_CHECKS:
        found = int(con.execute(sql).fetchall()[0][0])
        rows.append({"check": check, "table": table, "rows": found, "effect": zh if lang == "zh" else en, "sql": sql})
    return pd.DataFrame(rows)
