#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Load the CSV exports of a folder into SQLite staging tables, as read.

An independent reading of data-contract.md, for the SQL cross-check of
`fuyuan query` (tests/sql/crosscheck.py).  Python does only what SQL cannot:
decoding (UTF-8 with/without BOM, else GB18030), CSV parsing, finding the
header row (title rows above it), skipping empty and 合计/总计 rows, and
mapping header names (canonical, English key, aliases; trimmed and
full-width folded) to column keys.  Every value is stored as the raw text
of its cell; tests/sql/normalise.sql parses and normalises the values.

    /usr/bin/python3 tests/sql/load.py DATA_DIR DB_FILE

Standard library only (csv, sqlite3, codecs, re).
"""

import codecs
import csv
import io
import os
import re
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# table kind -> [(key, canonical, aliases...)], recognition keys
KINDS = [
    ("cases", ["case_no", "filed_on"], [
        ("case_no", "案号", "案件编号"),
        ("court", "经办法院", "承办法院", "审理法院", "法院", "法院名称"),
        ("filed_on", "立案日期", "收案日期", "立案时间"),
        ("closed_on", "结案日期", "结案时间"),
        ("defendant", "被告", "被告名称", "被诉行政机关", "被告行政机关"),
        ("district", "所属旗区", "旗区"),
        ("domain", "管理领域", "行政管理领域"),
        ("action_type", "行政行为种类", "行为种类", "被诉行为种类"),
        ("disposition", "结案方式", "结案方式名称"),
        ("loss_causes", "败诉原因", "行政机关败诉原因"),
        ("hearing_held", "是否开庭", "开庭审理", "是否开庭审理"),
        ("head_appeared", "负责人出庭", "负责人是否出庭", "行政机关负责人出庭",
         "负责人出庭应诉"),
        ("reconsidered", "是否经复议", "经复议"),
    ]),
    ("population", ["population"], [
        ("district", "旗区", "地区", "行政区划"),
        ("year", "年份", "年度"),
        ("population", "常住人口", "常住人口(人)", "人口"),
    ]),
    ("civil_filings", ["civil_new"], [
        ("court", "经办法院", "法院", "法院名称"),
        ("month", "月份", "统计月份"),
        ("civil_new", "民事一审新收", "民事一审收案", "民事一审新收案件数"),
    ]),
    ("recommendations", ["kind"], [
        ("rec_no", "建议编号", "文号"),
        ("kind", "建议类型", "类型"),
        ("issuer", "发出单位", "发出机关"),
        ("issued_on", "发出日期", "发送日期"),
        ("recipient", "接收单位", "被建议单位", "接收机关"),
        ("due_on", "反馈期限", "回复期限"),
        ("replied_on", "反馈日期", "回复日期"),
        ("adoption", "采纳情况", "是否采纳"),
    ]),
    ("hearings", ["held_on"], [
        ("hearing_no", "听证编号", "编号"),
        ("held_on", "听证日期"),
        ("agency", "行政机关", "涉案行政机关"),
        ("head_attended", "负责人出席", "负责人是否出席"),
    ]),
]
# population counted in units of 10,000 persons
WAN_HEADERS = {"常住人口(万人)"}

WS = " \t\u00a0\u3000\r\n"


def fold(s):
    """Header names: full-width ASCII forms (U+FF01..U+FF5E) to half-width."""
    return "".join(chr(ord(ch) - 0xFEE0) if 0xFF01 <= ord(ch) <= 0xFF5E else ch
                   for ch in s)


def header_name(cell):
    return fold(cell.strip(WS)).strip(WS)


def map_header(row):
    """(kind, {column index: key}, wan) when row is a header, else None."""
    names = [header_name(c) for c in row]
    for kind, recog, cols in KINDS:
        alias = {}
        for key, *names_ in cols:
            alias[key.lower()] = key
            for n in names_:
                alias[n] = key
        mapping, wan = {}, False
        for i, n in enumerate(names):
            key = alias.get(n) or alias.get(n.lower())
            if key is None and kind == "population" and n in WAN_HEADERS:
                key, wan = "population", True
            if key is not None and key not in mapping.values():
                mapping[i] = key
        if all(k in mapping.values() for k in recog):
            return kind, mapping, wan
    return None


def decode(data):
    try:
        text = codecs.decode(data, "utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        return codecs.decode(data, "gb18030"), "gb18030"
    if text.startswith("\ufeff"):
        text, enc = text[1:], "utf-8-bom"
    return text, enc


def records(text):
    """(start line, row) for every CSV record; line = 1-based physical line."""
    rd = csv.reader(io.StringIO(text, newline=""), strict=True)
    prev = 0
    for row in rd:
        yield prev + 1, row
        prev = rd.line_num


def is_empty(row):
    return all(c.strip(WS) == "" for c in row)


def is_total(row):
    for c in row:
        c = c.strip(WS)
        if c:
            return c in ("合计", "总计")
    return False


SCHEMA = """
CREATE TABLE files(file_no INTEGER PRIMARY KEY, name TEXT, encoding TEXT,
                   kind TEXT, header_line INTEGER, wan INTEGER);
CREATE TABLE rows(rid INTEGER PRIMARY KEY, file_no INTEGER, line INTEGER,
                  kind TEXT, ragged INTEGER);
CREATE TABLE cells(rid INTEGER, col TEXT, raw TEXT);
"""


def load(folder, db):
    db.executescript(SCHEMA)
    names = sorted(n for n in os.listdir(folder) if n.lower().endswith(".csv"))
    rid = 0
    for file_no, name in enumerate(names, 1):
        with open(os.path.join(folder, name), "rb") as f:
            text, enc = decode(f.read())
        header = None
        tried = 0
        for line, row in records(text):
            if is_empty(row):
                continue
            if header is None:
                header = map_header(row)
                if header is None:
                    tried += 1
                    if tried > 5:
                        raise SystemExit("%s: no header row" % name)
                    continue
                kind, mapping, wan = header
                width = len(row)
                db.execute("INSERT INTO files VALUES(?,?,?,?,?,?)",
                           (file_no, name, enc, kind, line, int(wan)))
                continue
            if is_total(row):
                continue
            rid += 1
            # a row with more or fewer fields than the header is rejected
            db.execute("INSERT INTO rows VALUES(?,?,?,?,?)",
                       (rid, file_no, line, kind, int(len(row) != width)))
            db.executemany("INSERT INTO cells VALUES(?,?,?)",
                           [(rid, key, row[i] if i < len(row) else "")
                            for i, key in mapping.items()])
        if header is None:
            raise SystemExit("%s: no header row" % name)
    db.commit()


def regexp_functions(db):
    """REGEXP (search), regexp_full (whole value) and regexp_replace, all from
    Python's re, for the regular expressions of the spec."""
    cache = {}

    def comp(p):
        r = cache.get(p)
        if r is None:
            r = cache[p] = re.compile(p)
        return r

    db.create_function("regexp", 2,
                       lambda p, s: None if s is None else int(comp(p).search(s) is not None),
                       deterministic=True)
    db.create_function("regexp_full", 2,
                       lambda p, s: None if s is None else int(comp(p).fullmatch(s) is not None),
                       deterministic=True)
    db.create_function("regexp_replace", 3,
                       lambda s, p, r: None if s is None else comp(p).sub(r, s),
                       deterministic=True)


def open_db(folder, path=":memory:"):
    """Load folder and normalise it (normalise.sql); returns the connection."""
    if path != ":memory:" and os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    regexp_functions(db)
    load(folder, db)
    with open(os.path.join(HERE, "normalise.sql"), encoding="utf-8") as f:
        db.executescript(f.read())
    db.commit()
    return db


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: load.py DATA_DIR DB_FILE\n")
        return 2
    db = open_db(argv[1], argv[2])
    for kind, n in db.execute("SELECT kind, count(*) FROM rows GROUP BY kind"):
        print(kind, n)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
