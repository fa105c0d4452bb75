#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""The pandas peer of `make bench`: the five first-instance figures of
`fuyuan query --metric fi_closed,agency_losses,mediated_withdrawn,
hearings_held,head_appearances --by court --year Y`, by court, from the
rules of data-contract.md (spec.json holds its tables).

    /usr/bin/python3 tools/bench/pandas_figures.py DATA_DIR YEAR

Python finds each file's header row below its title rows; pandas reads
each case file (every column as text) and does the rest with vectorised
string operations, values with few distinct spellings (dates, courts,
dispositions) parsed once per distinct value.  Output: CSV on stdout, one
row per court and 合计.  Debian's python3-pandas.
"""

import csv
import datetime as dt
import io
import json
import os
import re
import sys

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = json.load(open(os.path.join(HERE, "spec.json"), encoding="utf-8"))
WS = " \t\r\n\u00a0\u3000"
FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
# Python's re has no \p{Han}: the CJK blocks the 案号 can use
HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
CASE_NO = re.compile(SPEC["case_no"].replace("\\p{Han}", HAN))


def fold(s):
    return s.translate(FOLD).strip(WS)


KEY_OF = {}
for key, names in SPEC["case_columns"].items():
    KEY_OF[key] = key
    for n in names:
        KEY_OF[n] = key


def case_header(path):
    with open(path, "rb") as fh:
        head = fh.read(65536).decode("utf-8-sig", errors="replace")
    lines = head.split("\n")[:12]
    tried = 0
    for i, line in enumerate(lines):
        if tried > 5:
            break
        cells = next(csv.reader([line.rstrip("\r")]), [])
        if all(fold(c) == "" for c in cells):
            continue
        tried += 1
        names = {}
        for c in cells:
            k = KEY_OF.get(fold(c))
            if k and k not in names:
                names[k] = c
        if "case_no" in names and "filed_on" in names:
            return i, names
    return None


TIME = re.compile(r"[ T]+[0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?$")
DATE_RES = [re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$"),
            re.compile(r"^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})$"),
            re.compile(r"^([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})$"),
            re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$"),
            re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$")]
EXCEL = dt.date(1899, 12, 30).toordinal()
NO_DATE = set(SPEC["no_date"])


def parse_date(s, optional):
    """ordinal, 0 = empty (optional), -1 = not a date"""
    if optional and s in NO_DATE:
        return 0
    m = re.match(r"^([0-9]{5})(\.[0-9]+)?$", s)
    if m:
        return EXCEL + int(m.group(1))
    s = TIME.sub("", s)
    for r in DATE_RES:
        m = r.match(s)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)),
                               int(m.group(3))).toordinal()
            except ValueError:
                return -1
    return -1


def main():
    data_dir, year = sys.argv[1], int(sys.argv[2])
    cols = list(SPEC["case_columns"])
    frames = []
    for no, name in enumerate(sorted(f for f in os.listdir(data_dir)
                                     if f.lower().endswith(".csv"))):
        path = os.path.join(data_dir, name)
        h = case_header(path)
        if h is None:
            continue
        skip, names = h
        df = pd.read_csv(path, skiprows=skip, header=0, dtype=str,
                         keep_default_na=False, encoding="utf-8-sig",
                         usecols=list(names.values()))
        df = df.rename(columns={v: k for k, v in names.items()})
        for k in cols:
            if k not in df:
                df[k] = ""
        df["file_no"] = no
        df["row_no"] = range(len(df))
        frames.append(df[cols + ["file_no", "row_no"]])
    df = pd.concat(frames, ignore_index=True)
    for k in cols:
        df[k] = df[k].str.translate(FOLD).str.strip(WS)
    for k in ("hearing_held", "head_appeared"):
        df[k] = df[k].str.lower()

    cn = df["case_no"].str.extract(CASE_NO)
    ok = cn[0].notna()
    df, cn = df[ok], cn[ok]
    df = df.assign(case_type=cn[4].values,
                   case_key=(cn[0] + cn[1] + cn[2].fillna("") + cn[3].fillna("")
                             + cn[4] + cn[5].astype(int).astype(str)).values,
                   court_code=(cn[1] + cn[2].fillna("")).values)
    df["cls"] = df["case_type"].map(SPEC["case_types"])
    df = df[df["cls"].notna()]

    names, codes = {}, {}
    for full, code, _, aliases in SPEC["courts"]:
        codes[code] = full
        for a in [full] + aliases:
            names[a] = full
    prov = re.compile(SPEC["province_prefix"])
    uc = {c: names.get(c, names.get(prov.sub("", c, count=1))) for c in df["court"].unique()}
    df["court_name"] = df["court"].map(uc)
    df["court_name"] = df["court_name"].fillna(df["court_code"].map(codes))

    uf = {s: parse_date(s, False) for s in df["filed_on"].unique()}
    ucl = {s: parse_date(s, True) for s in df["closed_on"].unique()}
    df["filed"] = df["filed_on"].map(uf)
    df["closed"] = df["closed_on"].map(ucl)

    rules = [(cat, re.compile(p)) for cat, p in SPEC["dispositions"]]
    ud = {}
    for d in df["disposition"].unique():
        ud[d] = next((cat for cat, r in rules if r.fullmatch(d)), "其他")
    df["category"] = df["disposition"].map(ud)

    yn = set(SPEC["yes"]) | set(SPEC["no"]) | set(SPEC["unknown"])
    sep = re.compile(r"[^、；;，,\s]")
    valid = ((df["court"] != "") & df["court_name"].notna() & (df["filed"] > 0)
             & (df["closed"] >= 0)
             & ((df["closed"] == 0) | (df["closed"] >= df["filed"]))
             & ((df["closed"] == 0) | (df["disposition"] != ""))
             & ((df["cls"] != "fi") | df["defendant"].str.contains(sep))
             & ((df["district"] == "") | df["district"].isin(SPEC["districts"]))
             & df["hearing_held"].isin(yn) & df["head_appeared"].isin(yn))
    df = df[valid]
    # duplicates: the later 结案日期 wins (pending = 0 loses), then the later row
    df = df.sort_values(["case_key", "closed", "file_no", "row_no"], kind="stable")
    df = df.drop_duplicates("case_key", keep="last")
    lo = dt.date(year, 1, 1).toordinal()
    hi = dt.date(year, 12, 31).toordinal()
    fi = df[(df["cls"] == "fi") & (df["closed"] >= lo) & (df["closed"] <= hi)]
    yes = set(SPEC["yes"])
    heard = fi["hearing_held"].isin(yes)
    out = pd.DataFrame({
        "court": fi["court_name"],
        "fi_closed": 1,
        "agency_losses": fi["category"].isin(SPEC["loss"]).astype(int),
        "mediated_withdrawn": fi["category"].isin(SPEC["mediated_withdrawn"]).astype(int),
        "hearings_held": heard.astype(int),
        "head_appearances": (heard & fi["head_appeared"].isin(yes)).astype(int),
    }).groupby("court").sum().sort_index()
    buf = io.StringIO()
    buf.write("court," + ",".join(out.columns) + "\n")
    for court, r in out.iterrows():
        buf.write(court + "," + ",".join(str(int(v)) for v in r) + "\n")
    buf.write("合计," + ",".join(str(int(v)) for v in out.sum()) + "\n")
    sys.stdout.write(buf.getvalue())


if __name__ == "__main__":
    main()
