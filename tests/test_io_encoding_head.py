"""CSV encodings are detected from the first block of the file; pandas streams the rest in that encoding."""

from __future__ import annotations

import pytest

import logilab as ll
import logilab.io as io
from logilab import LogilabInputError

HEADER = "客户编号,客户名称,金额\n"


def _rows(names: list[str]) -> str:
    return "".join(f"C{i:04d},{name},{i}.5\n" for i, name in enumerate(names))


@pytest.fixture
def small_block(monkeypatch):
    """A 64-byte detection block, so that a few rows make a file longer than it."""
    monkeypatch.setattr(io, "_DETECT_BYTES", 64)
    seen: list[int] = []
    original = io.detect_encoding

    def recording(raw, **options):
        seen.append(len(raw))
        return original(raw, **options)

    monkeypatch.setattr(io, "detect_encoding", recording)
    return seen


def test_only_the_first_block_is_read_to_detect_the_encoding(tmp_path, small_block):
    path = tmp_path / "orders.csv"
    text = HEADER + _rows(["上海启航物流"] * 40)
    path.write_bytes(text.encode("utf-8"))
    table = ll.read_table(path)
    assert len(table) == 40 and table["客户名称"].eq("上海启航物流").all()
    # detection saw whole lines of the first 64 bytes: the header (10 Chinese characters of 3 bytes, 2 commas and
    # the line end: 33 bytes) and one row ("C0000," 6 + 上海启航物流 18 + ",0.5" 4 + line end 1: 29 bytes)
    assert small_block == [33 + 29]


def test_a_block_ending_inside_a_character_is_detected(tmp_path, small_block):
    # one long first line: the 64-byte block has no line end and cuts a 3-byte character
    path = tmp_path / "orders.csv"
    header = "客户编号" * 6 + ",金额\n"
    path.write_bytes((header + "C1,5\n").encode("utf-8"))
    assert len(header.encode("utf-8")) > 64 and 64 % 3 != 0
    assert ll.import_table(path).encoding == "utf-8-sig"
    assert small_block == [64]


def test_gbk_detected_from_the_first_block(tmp_path, small_block):
    path = tmp_path / "orders.csv"
    path.write_bytes((HEADER + _rows(["北京", "天津"] * 20)).encode("gbk"))
    imported = ll.import_table(path)
    assert imported.encoding == "gb18030"
    assert imported.table["客户名称"].tolist()[:2] == ["北京", "天津"]


def test_ascii_first_block_then_gbk_reads_as_gbk(tmp_path, small_block):
    # English headers and codes first, Chinese names (GBK) only further down: read as GBK, as before
    path = tmp_path / "orders.csv"
    text = "customer_id,name,revenue\n" + _rows(["ABC"] * 10) + _rows(["广州"])
    path.write_bytes(text.encode("gbk"))
    imported = ll.import_table(path)
    assert imported.encoding == "gb18030"
    assert imported.table["name"].tolist()[-1] == "广州"


def test_a_later_byte_that_does_not_decode_keeps_the_clear_message(tmp_path, small_block):
    # UTF-8 Chinese at the start, a GBK row further down: neither encoding reads the whole file
    path = tmp_path / "orders.csv"
    path.write_bytes((HEADER + _rows(["上海"] * 10)).encode("utf-8") + _rows(["广州"]).encode("gbk"))
    with pytest.raises(LogilabInputError, match=r"^file: expected text in UTF-8 or GBK/GB18030, found bytes that decode as neither\."):
        ll.read_table(path)


def test_a_given_encoding_that_fails_later_names_the_option(tmp_path, small_block):
    path = tmp_path / "orders.csv"
    path.write_bytes((HEADER + _rows(["上海"] * 10)).encode("gbk") + b"C9,\xff\xff,1\n")
    with pytest.raises(LogilabInputError, match=r"^encoding: expected the file to be in gb18030, found bytes that do not decode"):
        ll.read_table(path, encoding="gb18030")
    assert small_block == []  # a given encoding is not detected


def test_detect_encoding_final_false_accepts_a_cut_character():
    # 客户编号 in GBK is 8 bytes; without its last byte the 号 is cut
    assert io.detect_encoding("客户编号".encode("gbk")[:-1], final=False) == "gb18030"
    assert io.detect_encoding("客户编号".encode()[:-2], final=False) == "utf-8-sig"
    # as a whole file (final=True) bytes cut inside a character are not UTF-8
    assert io.detect_encoding("金额".encode(), final=True) == "utf-8-sig"
    with pytest.raises(LogilabInputError):
        io.detect_encoding("金额".encode()[:-1], final=True)
