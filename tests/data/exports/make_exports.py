"""Write the export corpus: small order files, each with one pathology of real exports, and expected.csv.

Run ``python tests/data/exports/make_exports.py`` to rewrite the files (they are committed);
``--check`` verifies that the committed files are what this script writes.

Every file is built from the same clean order lines (``BASE``). The expected
customers, total amount and number of orders in ``expected.csv`` are worked
out here by plain Python on ``BASE`` (which lines the pathology keeps, which
customer IDs stay apart), not by the workbook, so the tests compare the
workbook's reading of a messy file with an independent answer. Files that
cannot be read safely have the text the error must contain instead.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent

# order, customer, date, amount: six customers (00123 and 123 are two customers), nine orders, total 2,609.00
BASE = [
    ("SO1", "00123", date(2025, 1, 5), 120.00),
    ("SO1", "00123", date(2025, 1, 5), 80.50),
    ("SO2", "00123", date(2025, 3, 15), 300.00),
    ("SO3", "123", date(2025, 2, 10), 45.00),
    ("SO4", "C001", date(2025, 3, 1), 1234.50),
    ("SO5", "C001", date(2025, 3, 20), 99.00),
    ("SO6", "C002", date(2025, 2, 28), 60.00),
    ("SO7", "0456", date(2025, 1, 20), 500.00),
    ("SO8", "0456", date(2025, 3, 28), 150.00),
    ("SO9", "C003", date(2025, 3, 10), 20.00),
]
HEADER = ["订单号", "客户编号", "下单日期", "金额"]
FIXED_TIME = (2025, 1, 1, 0, 0, 0)


def rows(lines=BASE, *, day=lambda d: d.isoformat(), money=lambda a: f"{a:.2f}", customer=lambda c: c):
    return [[o, customer(c), day(d), money(a)] for o, c, d, a in lines]


def csv_text(header, body, *, above=(), below=()):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in above:
        writer.writerow(line)
    writer.writerow(header)
    writer.writerows(body)
    for line in below:
        writer.writerow(line)
    return buffer.getvalue()


def expected(lines=BASE, *, ids=None):
    """Customers, total and orders of the lines a correct reader keeps (plain Python, no workbook code)."""
    customers = sorted({c for _, c, _, _ in lines} if ids is None else ids)
    total = round(sum(a for *_, a in lines), 2)
    orders = len({(c, o) for o, c, _, a in lines if a >= 0})
    return {"customers": ";".join(customers), "n_customers": len(customers), "total": f"{total:.2f}", "orders": orders}


def xlsx_bytes(build):
    """An XLSX workbook made by ``build(worksheet)``, with fixed timestamps so the bytes regenerate identically."""
    from openpyxl import Workbook

    book = Workbook()
    book.properties.created = book.properties.modified = datetime(2025, 1, 1)
    build(book.active)
    raw = io.BytesIO()
    book.save(raw)
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for item in sorted(source.infolist(), key=lambda i: i.filename):
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":  # the library stamps the save time; keep the file stable
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-01T00:00:00Z", data)
            target.writestr(info, data)
    return fixed.getvalue()


def corpus():
    """(file name, bytes, [(options, expected dict or error text), ...]) for every file of the corpus."""
    files = []

    def add(name, data, *outcomes):
        files.append((name, data.encode("utf-8") if isinstance(data, str) else data, list(outcomes)))

    plain = csv_text(HEADER, rows())
    add("01_clean_utf8.csv", plain, ("", expected()))
    add("02_gbk_leading_zeros.csv", plain.encode("gbk"), ("", expected()))

    def text_ids(sheet):
        sheet.append(HEADER)
        for o, c, d, a in BASE:
            sheet.append([o, c if not c.isdigit() or c.startswith("0") else int(c), d, a])
        for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
            if isinstance(row[0].value, str):
                row[0].number_format = "@"  # cells formatted as text: 00123 keeps its zeros

    # 00123 and 0456 as text cells, 123 as a number cell: still three customers, 123 not 123.0
    add("03_xlsx_text_and_number_ids.xlsx", xlsx_bytes(text_ids), ("", expected()))

    spaced = {0: "00123 ", 2: " 00123", 4: "C001\u3000", 5: "\u3000C001"}
    body = [[o, spaced.get(i, c), d, m] for i, (o, c, d, m) in enumerate(rows())]
    add("04_id_whitespace.csv", csv_text(HEADER, body).encode("gbk"), ("", expected()))

    total_row = [["合计", "", "2025-03-31", "2609.00"]]
    add("05_dated_total_row.csv", csv_text(HEADER, rows(), below=total_row).encode("gbk"), ("", expected()))

    title = [["2025年第一季度订单明细"], ["导出时间：2025-04-01"]]
    add("06_title_rows.csv", csv_text(HEADER, rows(), above=title).encode("gbk"), ("", expected()))

    signs = ["¥{:,.2f}", "￥{:,.2f}", "{:,.2f}元", "RMB {:,.2f}", "{:,.2f}"]
    body = rows(money=lambda a: None)
    for i, line in enumerate(body):
        line[3] = signs[i % len(signs)].format(BASE[i][3])
    add("07_currency_amounts.csv", csv_text(HEADER, body), ("", expected()))

    full_width = str.maketrans("0123456789.", "０１２３４５６７８９．")
    add("08_fullwidth_digits.csv", csv_text(HEADER, rows(money=lambda a: f"{a:.2f}".translate(full_width))).encode("gbk"), ("", expected()))

    seps = ["/", ".", "/", "-"]
    body = rows(day=lambda d: None)
    for i, line in enumerate(body):
        d = BASE[i][2]
        s = seps[i % len(seps)]
        line[2] = f"{d.day:02d}{s}{d.month:02d}{s}{d.year}" if s != "." else f"{d.day}.{d.month}.{d.year}"
    add(
        "09_day_first_dates.csv",
        csv_text(HEADER, body).encode("gbk"),
        ("", expected()),
        ("--date-format mdy", "do not fit it"),
    )

    ambiguous = [[o, c, f"{d.month:02d}/{min(d.day, 12):02d}/{d.year}", m] for (o, c, d, _), (*_, m) in zip(BASE, rows(), strict=True)]
    add(
        "10_ambiguous_day_month.csv",
        csv_text(HEADER, ambiguous).encode("gbk"),
        ("", "read as day/month/year and as month/day/year alike"),
        # read day first: 01/05/2025 is 1 May ... all dates valid; the customers and amounts do not depend on the order
        ("--date-format dmy", expected()),
    )

    mixed = [[o, c, f"{d.day:02d}/{d.month:02d}/{d.year}", m] for (o, c, d, _), (*_, m) in zip(BASE, rows(), strict=True)]
    mixed[3][2] = "02/28/2025"  # month first, in a day-first column (28/02/2025 elsewhere)
    mixed[6][2] = "28/02/2025"
    add("11_day_and_month_orders_mixed.csv", csv_text(HEADER, mixed).encode("gbk"), ("", "only read as day/month/year"))

    formats = rows()
    formats[4][2] = "01/03/2025"
    add("12_two_date_formats.csv", csv_text(HEADER, formats).encode("gbk"), ("", "found several formats"))

    future = rows()
    future[8][2] = "2099-03-28"
    add(
        "13_future_date.csv",
        csv_text(HEADER, future).encode("gbk"),
        ("", "later dates such as 2099-03-28 in rows [10]"),
        ("--allow-future", expected()),
    )

    old = [(o, c, d.replace(year=2022), a) for o, c, d, a in BASE]
    far = rows(old)
    far[9][2] = "2024-03-10"  # a slip of the year: two years after the rest, yet before today
    add(
        "14_date_far_after_the_rest.csv",
        csv_text(HEADER, far).encode("gbk"),
        ("", "more than a year later such as 2024-03-10 in rows [11]"),
    )

    add(
        "15_duplicate_header.csv",
        csv_text(["订单号", "客户编号", "下单日期", "金额", "金额"], [r + ["1"] for r in rows()]),
        ("", "'金额' more than once"),
    )

    add("16_empty_header.csv", csv_text(["订单号", "客户编号", "", "金额"], rows()), ("", "empty header cell in column C"))

    big5_header = ["訂單號碼", "客戶編號", "下單日期", "金額"]
    big5_rows = rows(customer=lambda c: {"C001": "臺北客戶", "C002": "高雄門市"}.get(c, c))
    add(
        "17_big5.csv",
        csv_text(big5_header, big5_rows).encode("big5"),
        ("", "--encoding big5"),
        (
            "--encoding big5 --customer 客戶編號 --date 下單日期 --amount 金額 --order 訂單號碼",
            expected(ids=["00123", "123", "臺北客戶", "高雄門市", "0456", "C003"]),
        ),
    )

    sjis_header = ["注文番号", "顧客番号", "注文日", "金額"]
    add(
        "18_shift_jis.csv",
        csv_text(sjis_header, rows(customer=lambda c: {"C001": "東京支店", "C002": "大阪支店"}.get(c, c))).encode("shift_jis"),
        ("", "--encoding"),
    )

    refunds = BASE + [
        ("SO10", "C001", date(2025, 3, 25), -99.00),  # C001 returns the second order: 1,234.50 + 99 - 99
        ("SO11", "C003", date(2025, 3, 29), -20.00),  # C003's only purchase refunded in full: left out
    ]
    netted = [line for line in refunds if line[1] != "C003"]
    add(
        "19_refunds.csv",
        csv_text(HEADER, rows(refunds)).encode("gbk"),
        ("", expected(netted)),
        ("--refunds drop", expected([line for line in refunds if line[3] >= 0])),
        ("--refunds refuse", "found negative amounts (refunds) in rows [12, 13]"),
    )

    def combination(sheet):
        sheet.append(["启航供应链 订单明细"])
        sheet.append(["单位：元", None, None, None])
        sheet.append(HEADER)
        for i, (o, c, d, a) in enumerate(BASE):
            sheet.append([o, c, d, f"￥{a:,.2f}"])
            if i == 4:
                sheet.append([None, None, None, None])
            sheet.cell(row=sheet.max_row, column=2).number_format = "@"
        sheet.append(["总计", None, None, "￥2,609.00"])

    add("20_title_total_currency_blank.xlsx", xlsx_bytes(combination), ("", expected()))

    body = rows()
    body.insert(3, ["", "", "", ""])
    body.insert(7, ["", "", "", ""])
    add("21_blank_rows.csv", csv_text(HEADER, body).encode("gbk"), ("", expected()))

    no_order = [[c, d, m] for _, c, d, m in rows()]
    days = expected()
    days["orders"] = len({(c, d) for _, c, d, _ in BASE})  # without an order column: purchase days per customer
    add("22_no_order_column_same_day.csv", csv_text(HEADER[1:], no_order).encode("gbk"), ("", days))

    european = rows()
    european[4][3] = "1.234,50"
    add("23_unreadable_amount.csv", csv_text(HEADER, european), ("", "found '1.234,50' in rows [6]"))

    add("24_unknown_encoding.csv", plain.encode("gbk"), ("--encoding gbk2025", "encoding: expected a text encoding"))

    one = [line for line in BASE if line[1] == "00123"]
    add("25_one_customer.csv", csv_text(HEADER, rows(one)), ("", "at least 2 customers"))

    alike = [(f"S{i}", c, date(2025, 3, 1), 50.0) for i, c in enumerate(["A1", "A2", "A3"])]
    add("26_identical_customers.csv", csv_text(HEADER, rows(alike)), ("", "found all 3 customers with the same values"))

    three = [line for line in BASE if line[1] in ("00123", "C001", "C002")]
    add("27_fewer_customers_than_k.csv", csv_text(HEADER, rows(three)), ("--k 5", "found k = 5"), ("--k 3", expected(three)))

    infinite = rows()
    infinite[2][3] = "inf"
    add("28_infinite_amount.csv", csv_text(HEADER, infinite), ("", "found 'inf' in rows [4]"))

    # headers no reader can recognise, under a full row of notes: the header row and the columns must be named
    explained = [["导出说明", "本表含退货", "金额单位：元", "口径：含税"]]
    own_header = ["单据", "买家", "时间", "实收"]
    named = "--header-row 2 --customer 买家 --date 时间 --amount 实收 --order 单据"
    add(
        "29_header_row_option.csv",
        csv_text(own_header, rows(), above=explained).encode("gbk"),
        ("", "columns: expected a column for customer"),
        (named, expected()),
    )

    def number_ids(sheet):
        sheet.append(HEADER)
        for o, c, d, a in BASE:
            sheet.append([o, {"C001": 1001, "C002": 1002, "C003": 1003}.get(c, c), datetime(d.year, d.month, d.day, 9, 30), a])

    renamed = expected(ids=["00123", "123", "1001", "1002", "0456", "1003"])
    add("30_xlsx_number_ids_and_date_cells.xlsx", xlsx_bytes(number_ids), ("", renamed))

    english = csv_text(["order_id", "customer_id", "order_date", "amount"], rows())
    add("31_utf8_bom_english.csv", english.encode("utf-8-sig"), ("", expected()))

    missing = rows()
    missing[5][1] = ""
    missing[8][3] = ""
    kept = [line for i, line in enumerate(BASE) if i not in (5, 8)]
    add(
        "32_missing_values.csv",
        csv_text(HEADER, missing).encode("gbk"),
        ("", "found rows missing one in rows [7, 10]"),
        ("--incomplete drop", expected(kept)),
    )

    chinese = rows(day=lambda d: f"{d.year}年{d.month}月{d.day}日")
    add("33_chinese_dates_gbk.csv", csv_text(HEADER, chinese).encode("gbk"), ("", expected()))

    subtotal = rows()
    subtotal.insert(3, ["小计", "", "", "500.50"])
    subtotal.append(["Total", "", "", "2609.00"])
    add("34_subtotal_and_total_rows.csv", csv_text(HEADER, subtotal).encode("gbk"), ("", expected()))
    return files


def expected_rows(files):
    table = []
    for name, _, outcomes in files:
        for options, outcome in outcomes:
            row = {"file": name, "options": options, "customers": "", "n_customers": "", "total": "", "orders": "", "error": ""}
            if isinstance(outcome, str):
                row["error"] = outcome
            else:
                row.update({k: str(v) for k, v in outcome.items()})
            table.append(row)
    return table


def outputs():
    files = corpus()
    table = expected_rows(files)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(table[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return {name: data for name, data, _ in files} | {"expected.csv": buffer.getvalue().encode("utf-8")}


def main(argv):
    wanted = outputs()
    if "--check" in argv:
        stale = [name for name, data in wanted.items() if not (HERE / name).exists() or (HERE / name).read_bytes() != data]
        if stale:
            print("out of date:", ", ".join(stale))
            return 1
        print(f"{len(wanted)} files up to date")
        return 0
    for name, data in wanted.items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(wanted)} files to {HERE.name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
