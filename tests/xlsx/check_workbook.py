#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""check_workbook.py - check a fuyuan workbook against outputs.md and
metrics.md, and every figure in it against `fuyuan query --format json`.

Run with Debian's /usr/bin/python3 (python3-openpyxl). Three modes:

  check_workbook.py workbook --fuyuan BIN --kind annual|quarterly|query
                    [--epoch N] [--data PATH]... [--groups G,...] [--name N]
                    FILE -- PERIOD-ARGS...
      The structure (sheets, one Excel table per sheet, headers, no merged
      cells, title and source rows, frozen header, hidden gridlines, column
      widths), 目录's links, 说明's definitions and notes, number formats
      and "—", every 合计 row and every data row against `query` for the
      same metrics, dimensions and period (the 上年同期 and 同比 columns
      against `query --compare yoy`), the rankings and the follow-up
      lists, the 数据质量 sheet, the workbook properties, the charts' alt
      text and white-paper.md's chart rules (unit and source lines, rate
      axes in %, value axes from 0, no empty category, bars on their side
      largest first, pies of six slices at most, trend lines of three
      years at least); agency tables in the order of white-paper.md
      ("Order of rows": 旗区 groups, the table's figure, pinyin by ICU). PERIOD-ARGS are the run's period (--year 2023,
      --quarter 2024Q2, --from D --to D).

  check_workbook.py manifest --data DIR OUTDIR
      manifest.json of OUTDIR: every input file of DIR with its SHA-256,
      every other output file of OUTDIR with its SHA-256.

  check_workbook.py lo --name N FILE CSVDIR
      The CSV LibreOffice wrote of FILE (per sheet when it could): the
      cover's title, and the 合计 row of 表1 as Calc shows it.

Prints "ok NAME: GROUP" or "not ok NAME: GROUP" per group of checks, the
reasons indented below (tools/run-tests.sh counts those lines).
"""

import argparse
import csv
import datetime
import decimal
import fractions
import hashlib
import json
import os
import re
import subprocess
import sys
import traceback
import unicodedata
import zipfile

import icu
import openpyxl

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
UNDEFINED = "—"
RATE_TOL = 1e-12
MAX_DETAILS = 12

# The table names of each workbook, in order (report_annual.c,
# report_quarterly.c).
ANNUAL_TABLES = [
    "CasesByCourt", "CasesByType", "ActionTypes", "Domains", "Districts",
    "DistrictProfile", "Dispositions", "LossByDomain", "LossByDefendant", "LossCauses",
    "MediationByCourt", "AppearanceByDistrict", "AppearanceByDefendant",
    "LitigationPer10k", "RecsByKind", "RecsByRecipient", "Hearings",
    "Reconsideration", "Trend",
]
QUARTERLY_TABLES = [
    "CasesByCourt", "Defendants", "LossByDomain", "AppearanceByDistrict",
    "RecsByKind", "DistrictProfile", "DispositionsByCourt", "LitigationPer10k",
    "RankDistrictsLoss", "RankDistrictsAppearance", "RankAgenciesLoss",
    "RankAgenciesAppearance", "LossCases", "HeadAbsent", "Overdue",
]
# rankings (white-paper.md, "The quarterly 通报"): only with at least
# MIN_CASES cases in the rate's denominator (the default of [notice]
# min_cases); 旗区 in registry order where rates and n tie
MIN_CASES = int(os.environ.get("FY_MIN_CASES", "3"))
DISTRICT_ORDER = ["东胜区", "康巴什区", "达拉特旗", "准格尔旗", "鄂托克前旗",
                  "鄂托克旗", "杭锦旗", "乌审旗", "伊金霍洛旗", "市本级"]
RANKED_WHO = {"旗区": "district", "被诉行政机关": "defendant"}
QUERY_TABLES = ["Query"]

FMT_COUNT = "#,##0"
FMT_RATE = "0.00%"
FMT_PER10K = "0.00"
FMT_DATE = "yyyy-mm-dd"


# ------------------------------------------------------------------ #
# Reporting                                                           #
# ------------------------------------------------------------------ #

class Report:
    """Failures by group, printed as ok / not ok lines."""

    def __init__(self, name, groups):
        self.name = name
        self.groups = groups
        self.fails = {g: [] for g in groups}

    def fail(self, group, msg):
        self.fails[group].append(msg)

    def check(self, group, cond, msg):
        if not cond:
            self.fail(group, msg)
        return bool(cond)

    def print(self, skips=None):
        bad = 0
        for g in self.groups:
            f = self.fails[g]
            if skips and g in skips:
                print("ok %s: %s # skip %s" % (self.name, g, skips[g]))
            elif f:
                bad += 1
                print("not ok %s: %s" % (self.name, g))
                for m in f[:MAX_DETAILS]:
                    print("    " + m)
                if len(f) > MAX_DETAILS:
                    print("    ... and %d more" % (len(f) - MAX_DETAILS))
            else:
                print("ok %s: %s" % (self.name, g))
        return bad


# ------------------------------------------------------------------ #
# Metric names (include/fuyuan/metrics.def), dimension names          #
# (src/stats/stats_metrics.c)                                          #
# ------------------------------------------------------------------ #

def load_names():
    path = os.path.join(TOP, "src", "stats", "stats_metrics.c")
    with open(path, encoding="utf-8") as f:
        src = f.read()
    with open(os.path.join(TOP, "include", "fuyuan", "metrics.def"),
              encoding="utf-8") as f:
        table = f.read()
    metrics = {}  # Chinese name -> (id, kind)
    for m in re.finditer(r'FY_METRIC\(MET_[A-Z0-9_]+,\s*"([a-z0-9_]+)",\s*'
                         r'"([^"]+)",\s*STATS_(COUNT|RATE|PER10K)', table):
        metrics[m.group(2)] = (m.group(1), m.group(3).lower())
    dims = {}  # Chinese name -> id
    for m in re.finditer(r'\[DIM_[A-Z_]+\]\s*=\s*\{\s*"([a-z_]+)",\s*'
                         r'"([^"]+)"\s*\}', src):
        dims[m.group(2)] = m.group(1)
    if len(metrics) < 20 or len(dims) < 10:
        raise SystemExit("check_workbook: cannot read the metric names of "
                         + path)
    return metrics, dims


METRICS, DIMS = load_names()
METRIC_NAME = {v[0]: k for k, v in METRICS.items()}
# the longest names first: 行政机关败诉率 before 行政机关败诉
NAMES_LONGEST = sorted(METRICS, key=len, reverse=True)
# suffix -> (part, comparison): the figure, its share, the comparison
# figure and the change (report_build.c's layout_table())
SUFFIXES = {"": ("value", None), "占比": ("share", None),
            "上年同期": ("prev", "yoy"), "同比": ("change", "yoy"),
            "同比增减": ("change", "yoy"), "上期": ("prev", "prev"),
            "环比": ("change", "prev"), "环比增减": ("change", "prev")}


def parse_header(h):
    """(window prefix, metric id, kind, part, comparison) of a figure
    column, or None. part: value, share, prev or change; comparison: yoy,
    prev or None."""
    if not isinstance(h, str):
        return None
    m = re.match(r"(本季度|\d+—\d+月|\d+月)?", h)
    prefix = m.group(1) or ""
    rest = h[len(prefix):]
    for name in NAMES_LONGEST:
        suffix = rest[len(name):]
        if rest.startswith(name) and suffix in SUFFIXES:
            mid, kind = METRICS[name]
            part, mode = SUFFIXES[suffix]
            # a count's change is 同比 (relative), a rate's 同比增减
            if part == "change" and (kind == "count") == suffix.endswith(
                    "增减"):
                return None
            return prefix, mid, kind, part, mode
    return None


def disp_width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in str(s))


# ------------------------------------------------------------------ #
# Running `fuyuan query`                                              #
# ------------------------------------------------------------------ #

class Query:
    def __init__(self, fuyuan, data):
        self.fuyuan = fuyuan
        self.data = data
        self.cache = {}

    def run(self, metrics, dims, period, compare=None):
        args = [self.fuyuan, "query", "--quiet", "--metric",
                ",".join(metrics)]
        if dims:
            args += ["--by", ",".join(dims)]
        args += list(period)
        if compare:
            args += ["--compare", compare]
        args += ["--format", "json"] + list(self.data)
        key = tuple(args)
        if key not in self.cache:
            p = subprocess.run(args, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
            if p.returncode != 0:
                raise RuntimeError("%s: exit %d: %s" % (
                    " ".join(args[1:]), p.returncode,
                    p.stderr.decode("utf-8", "replace").strip()))
            self.cache[key] = json.loads(p.stdout.decode("utf-8"))
        return self.cache[key]


def zero_metric(kind):
    v = 0 if kind == "count" else None
    fig = {"value": v, "numerator": 0,
           "denominator": None if kind == "count" else 0}
    return dict(fig, previous=dict(fig), change=None)


# ------------------------------------------------------------------ #
# The order of agency rows (white-paper.md, "Order of rows")          #
# ------------------------------------------------------------------ #

# the figure each agency table ranks its rows by (report_annual.c,
# report_quarterly.c: COLF_RANK)
AGENCY_RANK = {"LossByDefendant": "agency_losses",
               "AppearanceByDefendant": "hearings_held",
               "RecsByRecipient": "rec_issued", "Defendants": "admin_fi_filed"}


def load_districts():
    """The 旗区 of the built-in registry in its order, 市本级 first
    (src/norm/norm_registry.c)."""
    path = os.path.join(TOP, "src", "norm", "norm_registry.c")
    with open(path, encoding="utf-8") as f:
        src = f.read()
    out = ["市本级"]
    for m in re.finditer(r'\{"[^"]+法院",\s*"[^"]*",\s*"[^"]+",\s*"[^"]+",'
                         r'\s*"([^"]+)"\}', src):
        if m.group(1) not in out and m.group(1) != "CITY_LEVEL_NAME":
            out.append(m.group(1))
    if len(out) < 5:
        raise SystemExit("check_workbook: cannot read the districts of "
                         + path)
    return out


DISTRICTS = load_districts()
COLLATOR = icu.Collator.createInstance(icu.Locale("zh"))


def agency_rank_metric(table_name, dims):
    if len(dims) != 1 or dims[0] not in ("defendant", "recipient"):
        return None
    return AGENCY_RANK.get(table_name.split("_", 1)[1])


def agency_group(name):
    """Rules 2-3 of the data contract's 旗区: the 旗区 named earliest in
    the name (the longer on a tie), else 市本级; 未填写 and 其他 last."""
    if name in ("未填写", "其他"):
        return len(DISTRICTS)
    best = None
    for i, d in enumerate(DISTRICTS[1:], 1):
        at = name.find(d)
        if at >= 0 and (best is None or at < best[0] or
                        (at == best[0] and len(d) > best[1])):
            best = (at, len(d), i)
    return best[2] if best else 0


def agency_order_key(name, figure):
    return (agency_group(name), figure is None,
            -(figure or 0), COLLATOR.getSortKey(name), name.encode("utf-8"))


def row_key(row, dims):
    return tuple("未填写" if row.get(d) is None else row[d] for d in dims)


# ------------------------------------------------------------------ #
# Cells                                                               #
# ------------------------------------------------------------------ #

def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def same(cell, want, kind):
    """Does a cell hold the figure @want (None = undefined)?"""
    if want is None:
        return cell == UNDEFINED
    if not is_num(cell):
        return False
    if kind == "count":
        return float(cell).is_integer() and int(cell) == want
    tol = RATE_TOL * max(1.0, abs(want))
    return abs(cell - want) <= tol


def expected_format(kind, part):
    if part == "share":
        return FMT_RATE
    if part == "change":
        return {"count": "relative", "rate": "pp", "per10k": "diff"}[kind]
    return {"count": FMT_COUNT, "rate": FMT_RATE, "per10k": FMT_PER10K}[kind]


def format_ok(fmt, want):
    if want == "relative":  # a count's change: a percent, signed
        return "%" in fmt and "个百分点" not in fmt
    if want == "pp":  # a rate's change: in 个百分点
        return "个百分点" in fmt and "%" not in fmt
    if want == "diff":  # a per-10k rate's change: a plain signed number
        return "%" not in fmt and "个百分点" not in fmt and "0.00" in fmt
    return fmt == want


def cell_text(c):
    return "" if c is None else str(c)


# ------------------------------------------------------------------ #
# The workbook                                                        #
# ------------------------------------------------------------------ #

class TableSheet:
    """A table sheet: its Excel table and its cells."""

    def __init__(self, ws):
        self.ws = ws
        self.tables = list(ws.tables.values())
        self.table = self.tables[0] if len(self.tables) == 1 else None
        self.header = []
        self.rows = []   # every row below the header, totals row included
        self.total = None
        if not self.table:
            return
        rng = openpyxl.utils.cell.range_boundaries(self.table.ref)
        self.c0, self.r0, self.c1, self.r1 = rng
        cells = [[ws.cell(row=r, column=c).value
                  for c in range(self.c0, self.c1 + 1)]
                 for r in range(self.r0, self.r1 + 1)]
        self.header = cells[0]
        self.rows = cells[1:]
        self.row_numbers = list(range(self.r0 + 1, self.r1 + 1))
        if self.table.totalsRowCount:
            self.total = self.rows[-1]
            self.rows = self.rows[:-1]
            self.total_row_number = self.row_numbers[-1]
            self.row_numbers = self.row_numbers[:-1]

    def cell(self, r, c):
        return self.ws.cell(row=r, column=self.c0 + c)


class Checker:
    def __init__(self, args):
        self.args = args
        self.kind = args.kind
        self.period = args.period
        self.q = Query(args.fuyuan, args.data)
        groups = ["structure", "tables", "contents", "notes", "formats",
                  "totals", "rows", "quality", "properties", "charts",
                  "print"]
        if args.groups:
            groups = [g for g in groups if g in args.groups.split(",")]
        self.r = Report(args.name or os.path.basename(args.file), groups)
        self.wb = openpyxl.load_workbook(args.file)
        self.sheets = {}
        self.windows = self.make_windows()

    def want(self, group):
        return group in self.r.groups

    # -- periods -------------------------------------------------------

    def period_end(self):
        p = self.period
        if "--year" in p:
            return "%s-12-31" % p[p.index("--year") + 1]
        if "--quarter" in p:
            y, n = p[p.index("--quarter") + 1].split("Q")
            last = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}[int(n)]
            return "%s-%s" % (y, last)
        if "--to" in p:
            return p[p.index("--to") + 1]
        raise SystemExit("check_workbook: a period with an end is needed")

    def make_windows(self):
        """Header prefix -> the period arguments of that window."""
        w = {"": self.period}
        if self.kind == "quarterly":
            end = self.period_end()
            y, m = int(end[:4]), int(end[5:7])
            w = {"本季度": self.period,
                 "1—%d月" % m: ["--from", "%d-01-01" % y, "--to", end]}
        return w

    def ytd(self):
        return [v for k, v in self.windows.items() if k != "本季度"][0]

    def window_of(self, prefix, table, dims):
        if prefix not in self.windows:
            return None
        if dims == ["year"] and table.endswith("_Trend") and prefix == "":
            return None  # see trend_period
        return self.windows[prefix]

    # -- the run -------------------------------------------------------

    def run(self):
        names = self.wb.sheetnames
        for n in names:
            self.sheets[n] = self.wb[n]
        table_sheets = self.check_structure(names)
        for n in table_sheets:
            ts = TableSheet(self.wb[n])
            if self.check_table_sheet(n, ts):
                try:
                    self.check_figures(n, ts)
                except RuntimeError as e:
                    self.r.fail("rows", "%s: %s" % (n, e))
        if self.want("contents"):
            self.check_contents(table_sheets)
        if self.want("notes"):
            self.check_notes(table_sheets)
        if self.want("quality"):
            self.check_quality()
        if self.want("properties"):
            self.check_properties()
        if self.want("charts"):
            self.check_charts()
        if self.want("print"):
            self.check_print()
        skips = {}
        if self.kind == "query" and "charts" in self.r.groups:
            skips["charts"] = "a query workbook has no chart"
        return self.r.print(skips)

    # -- structure -----------------------------------------------------

    def check_structure(self, names):
        g = "structure"
        expect = {"annual": ANNUAL_TABLES, "quarterly": QUARTERLY_TABLES,
                  "query": QUERY_TABLES}[self.kind]
        self.r.check(g, names[:3] == ["封面", "目录", "说明"],
                     "the first sheets are %s, not 封面, 目录, 说明"
                     % names[:3])
        self.r.check(g, names[-1:] == ["数据质量"],
                     "the last sheet is %s, not 数据质量" % names[-1:])
        tables = names[3:-1]
        got = []
        for i, n in enumerate(tables, 1):
            self.r.check(g, re.match(r"表%d \S" % i, n),
                         "sheet %r is not 表%d …" % (n, i))
            t = list(self.wb[n].tables.values())
            got.append(t[0].name if len(t) == 1 else None)
        want = ["T%02d_%s" % (i, s) for i, s in enumerate(expect, 1)]
        self.r.check(g, got == want, "tables %s, expected %s" % (got, want))
        # every Excel table name is unique in the workbook
        seen = {}
        for n in names:
            for t in self.wb[n].tables.values():
                if t.name in seen:
                    self.r.fail(g, "table %s on %s and %s"
                                % (t.name, seen[t.name], n))
                seen[t.name] = n
        for n in names:
            ws = self.wb[n]
            self.r.check("tables", not ws.merged_cells.ranges,
                         "%s: merged cells %s" % (n, ws.merged_cells.ranges))
            self.r.check("tables", ws.sheet_view.showGridLines is False,
                         "%s: gridlines shown" % n)
        return tables

    def check_table_sheet(self, n, ts):
        g = "tables"
        ws = ts.ws
        if not self.r.check(g, len(ts.tables) == 1, "%s: %d Excel tables, "
                            "not 1" % (n, len(ts.tables))):
            return False
        t = ts.table
        ok = self.r.check(g, re.fullmatch(r"T\d\d_[A-Za-z0-9]+", t.name),
                          "%s: table name %r" % (n, t.name))
        num = re.match(r"表(\d+) ", n)
        if num:
            ok &= self.r.check(g, t.name.startswith("T%02d_"
                                                    % int(num.group(1))),
                               "%s: table %s numbered otherwise" % (n, t.name))
        a1, a2 = ws["A1"].value, ws["A2"].value
        ok &= self.r.check(g, isinstance(a1, str) and num and
                           a1.startswith("表%s " % num.group(1)),
                           "%s: A1 title is %r" % (n, a1))
        ok &= self.r.check(g, isinstance(a2, str) and a2.strip(),
                           "%s: A2 (source and notes) is %r" % (n, a2))
        ok &= self.r.check(g, ws.freeze_panes == "A5",
                           "%s: freeze panes at %r, not A5"
                           % (n, ws.freeze_panes))
        ok &= self.r.check(g, (ts.c0, ts.r0) == (1, 4),
                           "%s: the table starts at %s, not A4" % (n, t.ref))
        names = [c.name for c in t.tableColumns]
        ok &= self.r.check(g, ts.header == names,
                           "%s: header cells %s differ from the table's "
                           "columns %s" % (n, ts.header, names))
        ok &= self.r.check(g, all(isinstance(h, str) and h for h in names)
                           and len(set(names)) == len(names),
                           "%s: header cells not unique or empty: %s"
                           % (n, names))
        for i, (rn, row) in enumerate(zip(ts.row_numbers, ts.rows)):
            if all(v is None or v == "" for v in row):
                ok &= self.r.check(g, False, "%s: row %d of the table is "
                                   "blank" % (n, rn))
        if ts.total is not None:
            ok &= self.r.check(g, ts.total[0] == "合计",
                               "%s: the totals row starts with %r"
                               % (n, ts.total[0]))
        elif ts.rows:
            self.r.check(g, ts.rows[-1][0] != "合计",
                         "%s: a 合计 row that is not the table's totals row"
                         % n)
        # the widths fit the header text (outputs.md: "column widths fit
        # the Chinese text")
        for i, h in enumerate(names):
            letter = openpyxl.utils.get_column_letter(ts.c0 + i)
            width = ws.column_dimensions[letter].width or 8.43
            self.r.check(g, width + 0.01 >= min(60, disp_width(h)),
                         "%s: column %s (%s) is %.1f wide for a header of "
                         "%d" % (n, letter, h, width, disp_width(h)))
        return ok

    # -- figures -------------------------------------------------------

    def check_figures(self, n, ts):
        h = ts.header
        if h[:1] == ["排名"]:
            return self.check_ranking(n, ts)
        if h == ["败诉原因", "件数", "占败诉案件比例"]:
            return self.check_causes(n, ts)
        if "案号" in h or "建议编号" in h:
            return self.check_list(n, ts)
        nd = 0
        while nd < len(h) and h[nd] in DIMS:
            nd += 1
        dims = [DIMS[x] for x in h[:nd]]
        cols = []  # (col index, prefix, metric, kind, part)
        for i in range(nd, len(h)):
            if h[i] == "目标值":
                cols.append((i, None, None, "rate", "target", None))
                continue
            p = parse_header(h[i])
            if not self.r.check("rows", p is not None,
                                "%s: header %r names no metric" % (n, h[i])):
                return
            cols.append((i,) + p)
        self.check_formats(n, ts, cols)
        # the queries: one per window, with the table's metrics
        prefixes = []
        for c in cols:
            if c[1] is not None and c[1] not in prefixes:
                prefixes.append(c[1])
        results = {}
        for pre in prefixes:
            metrics = []
            for c in cols:
                if c[1] == pre and c[2] not in metrics:
                    metrics.append(c[2])
            modes = set(c[5] for c in cols if c[1] == pre and c[5])
            if not self.r.check("rows", len(modes) <= 1,
                                "%s: both 同比 and 环比 columns" % n):
                return
            compare = modes.pop() if modes else None
            period = self.window_of(pre, ts.table.name, dims)
            if period is None and dims == ["year"]:
                first = min(str(r[0]) for r in ts.rows)
                period = ["--from", "%s-01-01" % first, "--to",
                          self.period_end()]
            if not self.r.check("rows", period is not None,
                                "%s: no period for prefix %r" % (n, pre)):
                return
            results[pre] = self.q.run(metrics, dims, period, compare)
        self.check_total(n, ts, nd, cols, results)
        self.check_rows(n, ts, dims, cols, results, prefixes)

    def check_formats(self, n, ts, cols):
        if not self.want("formats"):
            return
        g = "formats"
        rows = ts.row_numbers + ([ts.total_row_number]
                                 if ts.total is not None else [])
        for (i, pre, mid, kind, part, _) in cols:
            want = FMT_RATE if part == "target" else expected_format(kind,
                                                                     part)
            for r in rows:
                c = ts.cell(r, i)
                where = "%s!%s (%s)" % (n, c.coordinate, ts.header[i])
                if c.value == UNDEFINED:
                    self.r.check(g, c.alignment.horizontal == "right",
                                 "%s: — is not right-aligned" % where)
                    self.r.check(g, kind != "count" or part != "value",
                                 "%s: a count shown as —" % where)
                    continue
                if not self.r.check(g, is_num(c.value),
                                    "%s: %r is neither a number nor —"
                                    % (where, c.value)):
                    continue
                self.r.check(g, format_ok(c.number_format, want),
                             "%s: number format %r, expected %s"
                             % (where, c.number_format, want))
                if kind == "count" and part in ("value", "prev"):
                    self.r.check(g, float(c.value).is_integer(),
                                 "%s: the count %r is not an integer"
                                 % (where, c.value))

    def expect(self, m, tot, kind, part):
        if part == "value":
            return m["numerator"] if kind == "count" else m["value"]
        if part == "prev":
            p = m["previous"]
            return p["numerator"] if kind == "count" else p["value"]
        if part == "change":
            return m["change"]
        if part == "share":
            den = tot["numerator"]
            return m["numerator"] / den if den else None
        raise AssertionError(part)

    def compare_row(self, group, where, cells, cols, header, metrics_of,
                    totals_of):
        for (i, pre, mid, kind, part, _) in cols:
            got = cells[i]
            if part == "target":
                self.r.check(group, same(got, 1.0, "rate"),
                             "%s %s: %r, not 100%%" % (where, "目标值", got))
                continue
            m = metrics_of(pre).get(mid) or zero_metric(kind)
            want = self.expect(m, totals_of(pre)[mid], kind, part)
            self.r.check(group, same(got, want, kind if part in
                                     ("value", "prev") else "fraction"),
                         "%s %s: %r, query says %r"
                         % (where, header[i], got,
                            UNDEFINED if want is None else want))

    def check_total(self, n, ts, nd, cols, results):
        if nd == 0:  # one row, equal to the total
            if self.r.check("totals", len(ts.rows) == 1,
                            "%s: %d rows without a dimension"
                            % (n, len(ts.rows))):
                self.compare_row("totals", n + " 合计", ts.rows[0], cols,
                                 ts.header,
                                 lambda p: results[p]["total"]["metrics"],
                                 lambda p: results[p]["total"]["metrics"])
            return
        if ts.total is None:
            return
        for i in range(1, nd):
            self.r.check("totals", ts.total[i] in (None, ""),
                         "%s: 合计 row label %r" % (n, ts.total[i]))
        self.compare_row("totals", n + " 合计", ts.total, cols, ts.header,
                         lambda p: results[p]["total"]["metrics"],
                         lambda p: results[p]["total"]["metrics"])

    def check_rows(self, n, ts, dims, cols, results, prefixes):
        if not dims or not self.want("rows"):
            return
        g = "rows"
        by_window = {}
        order = []
        for pre in reversed(prefixes):  # the last window's rows first
            rows = results[pre]["rows"]
            by_window[pre] = {row_key(r, dims): r["metrics"] for r in rows}
            for r in rows:
                k = row_key(r, dims)
                if k not in order:
                    order.append(k)
        # a year is stored as a number (issue 13), the query gives text
        got = [tuple(str(x) if d == "year" and isinstance(x, int) else x
                     for d, x in zip(dims, r[:len(dims)])) for r in ts.rows]
        for r in ts.rows:
            for d, x in zip(dims, r[:len(dims)]):
                if d == "year" and not isinstance(x, int):
                    self.r.fail(g, "%s: the year %r is not a number" % (n, x))
        rank = agency_rank_metric(ts.table.name, dims)
        if rank:
            # white-paper.md, "Order of rows": 旗区 groups, the figure of
            # the last window from high to low, then pinyin (ICU zh)
            last = by_window[prefixes[-1]]
            order = sorted(order, key=lambda k: agency_order_key(
                k[0], last.get(k, {}).get(rank, {}).get("value")))
        if not self.r.check(g, got == order,
                            "%s: rows %s, expected %s"
                            % (n, got[:8], order[:8])):
            return
        for k, cells in zip(got, ts.rows):
            self.compare_row(g, "%s %s" % (n, "/".join(k)), cells, cols,
                             ts.header, lambda p, k=k: by_window[p].get(k, {}),
                             lambda p: results[p]["total"]["metrics"])

    # -- the special tables -------------------------------------------

    def check_causes(self, n, ts):
        g = "rows"
        res = self.q.run(["agency_losses", "loss_causes"], [],
                         self.windows[""] if "" in self.windows
                         else self.ytd())
        tot = res["total"]["metrics"]
        causes = [k.split(":", 1)[1] for k in tot if k.startswith(
            "loss_cause:")]
        got = [r[0] for r in ts.rows]
        if not self.r.check(g, got == causes, "%s: causes %s, query gives %s"
                            % (n, got, causes)):
            return
        for r in ts.rows:
            m = tot["loss_cause:" + r[0]]
            self.r.check(g, same(r[1], m["numerator"], "count"),
                         "%s %s 件数: %r, query says %r"
                         % (n, r[0], r[1], m["numerator"]))
            self.r.check(g, same(r[2], m["value"], "rate"),
                         "%s %s 比例: %r, query says %r"
                         % (n, r[0], r[2], m["value"]))
        losses = tot["agency_losses"]["numerator"]
        self.r.check(g, "行政机关败诉%d件" % losses in ts.ws["A2"].value,
                     "%s: A2 %r does not give the %d losses"
                     % (n, ts.ws["A2"].value, losses))

    def check_ranking(self, n, ts):
        """A fair ranking, redone from query: rows with a rate; those with
        n >= MIN_CASES ranked first, worst first (败诉率 high to low,
        出庭应诉率 low to high), then by n, then 旗区 in registry order or
        agencies by name; equal rates share a rank noted 并列; the rest
        after, unranked, noted as such."""
        g = "rows"
        h = ts.header
        if not self.r.check(g, len(h) == 6 and h[1] in RANKED_WHO and h[4] in
                            METRICS and h[5] == "备注",
                            "%s: ranking headers %s" % (n, h)):
            return
        dim, (mid, kind) = RANKED_WHO[h[1]], METRICS[h[4]]
        self.r.check(g, h[2] == self.def_text(mid, "den") and
                     h[3] == self.def_text(mid, "num"),
                     "%s: %s and %s are not the rate's denominator and "
                     "numerator" % (n, h[2], h[3]))
        worst_high = mid == "loss_rate"
        direction = "从高到低" if worst_high else "从低到高"
        self.r.check(g, direction in ts.ws["A1"].value,
                     "%s: the title %r does not say %s" % (n, ts.ws["A1"].value,
                                                          direction))
        res = self.q.run([mid], [dim], self.ytd())
        rows = {row_key(r, [dim])[0]: r["metrics"][mid] for r in res["rows"]}
        rows = {k: m for k, m in rows.items() if k and m["denominator"]}
        got = [r[1] for r in ts.rows]
        if not self.r.check(g, sorted(got) == sorted(rows),
                            "%s: names differ from the query's rows with a "
                            "rate" % n):
            return

        def ranked(name):
            return rows[name]["denominator"] >= MIN_CASES

        def order_key(name):
            m = rows[name]
            f = fractions.Fraction(m["numerator"], m["denominator"])
            place = (DISTRICT_ORDER.index(name) if dim == "district"
                     else 0)
            return (not ranked(name), (-f if worst_high else f)
                    if ranked(name) else 0, -m["denominator"], place, COLLATOR.getSortKey(name),
                    name.encode("utf-8"))

        want = sorted(rows, key=order_key)
        self.r.check(g, got == want, "%s: order %s, expected %s"
                     % (n, got[:6], want[:6]))
        rank = 0
        for i, r in enumerate(ts.rows):
            m = rows[r[1]]
            self.r.check(g, same(r[2], m["denominator"], "count") and
                         same(r[3], m["numerator"], "count") and
                         same(r[4], m["value"], kind),
                         "%s %s: %s, query says %s/%s = %s"
                         % (n, r[1], r[2:5], m["numerator"], m["denominator"],
                            m["value"]))
            f = fractions.Fraction(m["numerator"], m["denominator"])
            tied = False
            for k in (i - 1, i + 1):
                if 0 <= k < len(ts.rows) and ranked(r[1]) and \
                        ranked(ts.rows[k][1]):
                    o = rows[ts.rows[k][1]]
                    tied |= fractions.Fraction(o["numerator"],
                                               o["denominator"]) == f
            if ranked(r[1]):
                if i == 0 or fractions.Fraction(
                        rows[ts.rows[i - 1][1]]["numerator"],
                        rows[ts.rows[i - 1][1]]["denominator"]) != f:
                    rank = i + 1
                want_rank, note = rank, "并列" if tied else None
            else:
                want_rank, note = None, "不排名"
            self.r.check(g, same(r[0], want_rank, "count"),
                         "%s %s: rank %r, expected %r" % (n, r[1], r[0],
                                                          want_rank))
            self.r.check(g, (note is None and r[5] in (None, "")) or
                         (note is not None and r[5] and note in r[5]),
                         "%s %s: 备注 %r, expected %r" % (n, r[1], r[5], note))

    def def_text(self, mid, which):
        """The numerator or denominator name of a rate, as 说明 gives it."""
        ws = self.wb["说明"]
        for row in ws.iter_rows(min_row=5, values_only=True):
            if len(row) > 3 and row[1] == mid:
                return row[2] if which == "num" else row[3]
        return None

    def check_list(self, n, ts):
        g = "rows"
        name = ts.table.name.split("_", 1)[1]
        ytd = self.ytd()
        tot = lambda ids: self.q.run(ids, [], ytd)["total"]["metrics"]
        if name == "LossCases":
            want = tot(["agency_losses"])["agency_losses"]["numerator"]
        elif name == "HeadAbsent":
            t = tot(["hearings_held", "head_appearances"])
            want = (t["hearings_held"]["numerator"]
                    - t["head_appearances"]["numerator"])
        elif name == "Overdue":
            want = tot(["rec_overdue"])["rec_overdue"]["numerator"]
        else:
            self.r.fail(g, "%s: unknown list %s" % (n, name))
            return
        self.r.check(g, len(ts.rows) == want, "%s: %d rows, query says %d"
                     % (n, len(ts.rows), want))
        key = ts.header.index("案号" if "案号" in ts.header else "建议编号")
        keys = [r[key] for r in ts.rows]
        self.r.check(g, len(set(keys)) == len(keys),
                     "%s: a case or recommendation listed twice" % n)
        # follow-up lists by 旗区 (registry order), then by date
        date_col = ts.header.index("结案日期" if "结案日期" in ts.header
                                   else "反馈期限")
        if self.r.check(g, ts.header[0] == "旗区",
                        "%s: the first column is %r, not 旗区"
                        % (n, ts.header[0])):
            order = [(DISTRICT_ORDER.index(r[0]), r[date_col])
                     for r in ts.rows]
            self.r.check(g, order == sorted(order),
                         "%s: not by 旗区, then by date" % n)
        start = datetime.datetime.strptime(ytd[1], "%Y-%m-%d")
        end = datetime.datetime.strptime(ytd[3], "%Y-%m-%d")
        for i, hd in enumerate(ts.header):
            if hd not in ("结案日期", "发出日期", "反馈期限"):
                continue
            for rn in ts.row_numbers:
                c = ts.cell(rn, i)
                self.r.check("formats", isinstance(c.value, datetime.datetime)
                             and c.number_format == FMT_DATE,
                             "%s!%s: %r (%s) is not a date"
                             % (n, c.coordinate, c.value, c.number_format))
                if hd == "结案日期" and isinstance(c.value, datetime.datetime):
                    self.r.check(g, start <= c.value <= end,
                                 "%s!%s: closed on %s, outside the period"
                                 % (n, c.coordinate, c.value.date()))
        if name == "Overdue":
            due = ts.header.index("反馈期限")
            days = ts.header.index("逾期天数")
            for r in ts.rows:
                if isinstance(r[due], datetime.datetime):
                    self.r.check(g, r[days] == (end - r[due]).days
                                 and r[days] > 0,
                                 "%s %s: %r days overdue, expected %d"
                                 % (n, r[key], r[days], (end - r[due]).days))

    # -- 目录, 说明, 数据质量, properties, charts ----------------------

    def check_contents(self, table_sheets):
        g = "contents"
        ws = self.wb["目录"]
        t = list(ws.tables.values())
        if not self.r.check(g, [x.name for x in t] == ["Contents"],
                            "目录: tables %s" % [x.name for x in t]):
            return
        c0, r0, c1, r1 = openpyxl.utils.cell.range_boundaries(t[0].ref)
        linked = []
        for r in range(r0 + 1, r1 + 1):
            c = ws.cell(row=r, column=c0 + 1)
            link = c.hyperlink
            loc = link.location if link is not None else None
            m = re.fullmatch(r"'?(.*?)'?!A1", loc or "")
            if not self.r.check(g, m is not None,
                                "目录!%s: no internal link (%r)"
                                % (c.coordinate, loc)):
                continue
            target = m.group(1).replace("''", "'")
            linked.append(target)
            if not self.r.check(g, target in self.wb.sheetnames,
                                "目录!%s links to %r, no such sheet"
                                % (c.coordinate, target)):
                continue
            self.r.check(g, c.value == target,
                         "目录!%s shows %r but links to %r"
                         % (c.coordinate, c.value, target))
            title = ws.cell(row=r, column=c0 + 2).value
            if target in table_sheets:
                self.r.check(g, title == self.wb[target]["A1"].value,
                             "目录: %r is titled %r, the sheet %r"
                             % (target, title, self.wb[target]["A1"].value))
        want = ["说明"] + table_sheets + ["数据质量"]
        self.r.check(g, linked == want, "目录 links %s, expected %s"
                     % (linked, want))

    def check_notes(self, table_sheets):
        g = "notes"
        ws = self.wb["说明"]
        t = list(ws.tables.values())
        if not self.r.check(g, [x.name for x in t] == ["Definitions"],
                            "说明: tables %s" % [x.name for x in t]):
            return
        c0, r0, c1, r1 = openpyxl.utils.cell.range_boundaries(t[0].ref)
        defined = {}
        for r in range(r0 + 1, r1 + 1):
            row = [ws.cell(row=r, column=c).value for c in range(c0, c1 + 1)]
            defined[row[1]] = row
            self.r.check(g, all(row), "说明 row %d is incomplete: %s"
                         % (r, row))
        used = set()
        markers = set()
        for n in table_sheets:
            for h in TableSheet(self.wb[n]).header:
                p = parse_header(h)
                if p:
                    used.add(p[1])
            markers |= set(re.findall(r"\[注\d+\]",
                                      str(self.wb[n]["A2"].value)))
        for mid in sorted(used - set(defined)):
            self.r.fail(g, "说明 does not define %s, used in the tables" % mid)
        for mid, row in defined.items():
            if mid in METRIC_NAME:
                self.r.check(g, row[0] == METRIC_NAME[mid],
                             "说明: %s is named %r" % (mid, row[0]))
        text = "\n".join(str(v) for row in ws.iter_rows(values_only=True)
                         for v in row if v is not None)
        for mk in sorted(markers):
            self.r.check(g, (mk + " ") in text,
                         "说明 does not explain %s, used in a table" % mk)
        self.r.check(g, UNDEFINED in text, "说明 does not explain —")
        # metrics.md, dimension defendant: a table split by 被告 says under
        # it that a case naming several counts under each
        several = [ln for ln in text.split("\n") if "多个被告" in ln]
        for n in table_sheets:
            if "被告" not in TableSheet(self.wb[n]).header[:1]:
                continue
            a2 = str(self.wb[n]["A2"].value)
            self.r.check(g, any(ln.split(" ")[0] in a2 and
                                re.match(r"\[注\d+\]", ln.split(" ")[0])
                                for ln in several),
                         "%s is split by 被告 but does not cite the note that "
                         "a case naming several counts under each" % n)

    def check_quality(self):
        g = "quality"
        ws = self.wb["数据质量"]
        t = {x.name: x for x in ws.tables.values()}
        if not self.r.check(g, "QualityFiles" in t,
                            "数据质量: no QualityFiles table (%s)" % list(t)):
            return
        c0, r0, c1, r1 = openpyxl.utils.cell.range_boundaries(
            t["QualityFiles"].ref)
        header = [ws.cell(row=r0, column=c).value for c in range(c0, c1 + 1)]
        rows = [[ws.cell(row=r, column=c).value for c in range(c0, c1 + 1)]
                for r in range(r0 + 1, r1 + 1)]
        try:
            ir = header.index("拒绝行数")
            ip = header.index("文件")
        except ValueError:
            self.r.fail(g, "数据质量: QualityFiles headers %s" % header)
            return
        # files without this machine's folders (issue 13): below the
        # folder that holds them all, with as few folders as tell them
        # apart (fy_path_names)
        files = [os.path.normpath(os.path.abspath(x))
                 for x in self.input_files()]
        common = os.path.commonpath([os.path.dirname(x) for x in files])
        rel = [os.path.relpath(x, common).split(os.sep) for x in files]
        for depth in range(1, max(len(r) for r in rel) + 1):
            inputs = ["/".join(r[-depth:]) for r in rel]
            if len(set(inputs)) == len(inputs):
                break
        self.r.check(g, sorted(r[ip] for r in rows) == sorted(inputs),
                     "数据质量 lists %s, the data has %s"
                     % (sorted(r[ip] for r in rows)[:3], sorted(inputs)[:3]))
        self.r.check(g, not any((r[ip] or "").startswith("/") for r in rows),
                     "数据质量 shows a machine path: %s"
                     % [r[ip] for r in rows][:3])
        rejected = sum(r[ir] or 0 for r in rows)
        if rejected:
            if self.r.check(g, "QualityRejects" in t,
                            "数据质量: %d rows rejected, no QualityRejects"
                            % rejected):
                c0, r0, c1, r1 = openpyxl.utils.cell.range_boundaries(
                    t["QualityRejects"].ref)
                n = sum(int(ws.cell(row=r, column=c0 + 1).value)
                        for r in range(r0 + 1, r1 + 1))
                self.r.check(g, n == rejected,
                             "QualityRejects counts %d rows, QualityFiles %d"
                             % (n, rejected))
        else:
            self.r.check(g, "QualityRejects" not in t,
                         "数据质量: QualityRejects without rejected rows")
        self.r.check(g, set(t) <= {"QualityFiles", "QualityRejects",
                                   "QualityNotes"},
                     "数据质量: tables %s" % list(t))
        if "QualityNotes" in t:
            # the notes include skipped title rows, 合计 rows and files
            # not read: the heading must not call them counted
            c0, r0, c1, r1 = openpyxl.utils.cell.range_boundaries(
                t["QualityNotes"].ref)
            head = ws.cell(row=r0 - 1, column=c0).value
            self.r.check(g, head == "读取中的其他处理（不属拒绝）",
                         "数据质量: the notes' heading is %r" % head)

    def input_files(self):
        out = []
        for d in self.args.data:
            if os.path.isdir(d):
                out += [os.path.join(d, f) for f in sorted(os.listdir(d))
                        if f.lower().endswith(".csv")]
            else:
                out.append(d)
        return out

    def check_print(self):
        """Every sheet prints (issue 13): A4, fit to one page wide, the
        cover on one page; a table sheet repeats its title, source and
        header rows and is landscape when it has a chart beside it."""
        g = "print"
        for name in self.wb.sheetnames:
            ws = self.wb[name]
            ps = ws.page_setup
            fit = ws.sheet_properties.pageSetUpPr
            self.r.check(g, str(ps.paperSize) == "9",
                         "%s: paper %r, not A4 (9)" % (name, ps.paperSize))
            self.r.check(g, fit is not None and fit.fitToPage and
                         ps.fitToWidth in (1, None),
                         "%s: not fit to one page wide" % name)
            if name == "封面":
                self.r.check(g, ps.fitToHeight in (1, None) and
                             ps.fitToHeight != 0,
                             "封面: does not print on one page")
            if re.match(r"表\d+ ", name):
                self.r.check(g, (ws.print_title_rows or "").replace("$", "")
                             in ("1:4",),
                             "%s: print titles %r, not rows 1-4"
                             % (name, ws.print_title_rows))
                if ws._charts:
                    self.r.check(g, ps.orientation == "landscape",
                                 "%s: a chart beside the table, but %s"
                                 % (name, ps.orientation))

    def check_properties(self):
        g = "properties"
        p = self.wb.properties
        self.r.check(g, p.title and p.title == self.wb["封面"]["A1"].value,
                     "title %r, the cover says %r"
                     % (p.title, self.wb["封面"]["A1"].value))
        self.r.check(g, p.creator and "人民法院" in p.creator,
                     "author %r" % p.creator)
        if self.args.epoch is not None:
            want = datetime.datetime.utcfromtimestamp(self.args.epoch)
            self.r.check(g, p.created == want, "created %s, expected %s"
                         % (p.created, want))
            self.r.check(g, p.modified == want, "modified %s, expected %s"
                         % (p.modified, want))
            ws = self.wb["封面"]
            day = want.strftime("%Y-%m-%d")
            cover = [r for r in ws.iter_rows(values_only=True)]
            self.r.check(g, ("生成日期", day) in [tuple(r[:2]) for r in cover],
                         "封面 生成日期 is not %s" % day)

    def check_charts(self):
        g = "charts"
        with zipfile.ZipFile(self.args.file) as z:
            charts = [n for n in z.namelist()
                      if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
            frames = []
            for n in z.namelist():
                if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n):
                    x = z.read(n).decode("utf-8")
                    frames += re.findall(
                        r"<xdr:graphicFrame.*?<xdr:cNvPr ([^>]*)>", x, re.S)
        if self.kind == "annual":
            self.r.check(g, charts, "no native chart in the annual workbook")
        self.r.check(g, len(frames) == len(charts),
                     "%d charts, %d drawn" % (len(charts), len(frames)))
        for attrs in frames:
            m = re.search(r'descr="([^"]*)"', attrs)
            self.r.check(g, m and m.group(1).strip(),
                         "a chart without alt text: %s" % attrs)
        with zipfile.ZipFile(self.args.file) as z:
            for n in charts:
                self.check_chart_rules(n, z.read(n).decode("utf-8"))

    def range_values(self, ref):
        """The cell values of a chart range 'Sheet'!$A$5:$A$14."""
        m = re.fullmatch(r"'?(.*?)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)",
                         ref)
        if not m:
            return None
        ws = self.wb[m.group(1).replace("''", "'")]
        return [c[0].value for c in ws["%s%s:%s%s" % m.group(2, 3, 4, 5)]]

    def check_chart_rules(self, n, x):
        """white-paper.md, "Charts": unit and source lines, rates on the
        value axis in %, value axes from 0, no empty category, bars on
        their side largest first, pies of six slices at most, trend lines
        of three years at least."""
        g = "charts"
        title = re.search(r"<c:title>(.*?)</c:title>", x, re.S)
        title = "".join(re.findall(r"<a:t>([^<]*)</a:t>",
                                   title.group(1))) if title else ""
        unit = re.search(r"\n单位：(\S+?)｜资料来源：\S+", title)
        if not self.r.check(g, unit, "%s: the title %r has no unit and "
                            "source line" % (n, title)):
            return
        unit = unit.group(1)
        pie = "<c:pieChart>" in x
        line = "<c:lineChart>" in x
        for ax in re.findall(r"<c:valAx>(.*?)</c:valAx>", x, re.S):
            fmt = re.search(r'<c:numFmt formatCode="([^"]*)"', ax)
            self.r.check(g, re.search(r'<c:min val="0"/>', ax),
                         "%s: the value axis does not start at 0" % n)
            if unit == "%":
                self.r.check(g, fmt and fmt.group(1).endswith("%"),
                             "%s: a rate axis without a percent format: %s"
                             % (n, fmt and fmt.group(1)))
        self.r.check(g, pie or "<c:valAx>" in x, "%s: no value axis" % n)
        series = []
        for ser in re.findall(r"<c:ser>(.*?)</c:ser>", x, re.S):
            name = re.search(r"<c:tx>.*?<c:f>([^<]*)</c:f>", ser, re.S)
            cat = re.search(r"<c:cat>.*?<c:f>([^<]*)</c:f>", ser, re.S)
            val = re.search(r"<c:val>.*?<c:f>([^<]*)</c:f>", ser, re.S)
            # the series name: one cell, read as a range of one
            hdr = self.range_values("%s:%s" % (
                name.group(1), name.group(1).split("!")[-1])) \
                if name else None
            series.append((hdr[0] if hdr else None,
                           self.range_values(cat.group(1)) if cat else [],
                           self.range_values(val.group(1)) if val else []))
        if not self.r.check(g, series and all(s[1] is not None and
                                              s[2] is not None
                                              for s in series),
                            "%s: series ranges not read" % n):
            return
        cats = series[0][1]
        drawn = [s for s in series if s[0] != "目标值"]
        target = len(drawn) < len(series)
        trend = line and not target
        if pie:
            self.r.check(g, len(cats) <= 6, "%s: a pie of %d slices"
                         % (n, len(cats)))
        if trend:
            self.r.check(g, len(cats) >= 3, "%s: a trend line of %d years"
                         % (n, len(cats)))
        if not trend:
            for i, c in enumerate(cats):
                vals = [s[2][i] for s in drawn]
                shows = [v for v in vals if is_num(v) and
                         (unit != "件" or v != 0)]
                self.r.check(g, shows, "%s: category %r has nothing to "
                             "draw: %s" % (n, c, vals))
        if '<c:barDir val="bar"/>' in x:
            v = drawn[0][2]
            named = [v[i] for i, c in enumerate(cats)
                     if c not in ("其他", "未填写")]
            rest = [c in ("其他", "未填写") for c in cats]
            nums = [y if is_num(y) else float("-inf") for y in named]
            self.r.check(g, nums == sorted(nums, reverse=True) and
                         rest == sorted(rest),
                         "%s: bars not largest first: %s" % (n, list(
                             zip(cats, v))[:6]))


# ------------------------------------------------------------------ #
# manifest.json                                                       #
# ------------------------------------------------------------------ #

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for b in iter(lambda: f.read(65536), b""):
            h.update(b)
    return h.hexdigest()


def check_manifest(args):
    r = Report(args.name or "manifest", ["manifest"])
    g = "manifest"
    try:
        with open(os.path.join(args.dir, "manifest.json"),
                  encoding="utf-8") as f:
            m = json.load(f)
    except (OSError, ValueError) as e:
        r.fail(g, "manifest.json: %s" % e)
        return r.print()
    for k in ("program", "version", "command", "arguments", "period",
              "as_of", "created", "inputs", "outputs"):
        r.check(g, k in m, "manifest.json has no %r" % k)
    inputs = {i.get("path"): i for i in m.get("inputs", [])}
    want = []
    for d in args.data:
        want += [os.path.join(d, f) for f in sorted(os.listdir(d))
                 if f.lower().endswith(".csv")]
    r.check(g, sorted(inputs) == sorted(want),
            "inputs %s, the data has %s" % (sorted(inputs)[:3], want[:3]))
    for path, i in inputs.items():
        if os.path.exists(path):
            r.check(g, i.get("sha256") == sha256(path),
                    "%s: sha256 %s, the file's is %s"
                    % (path, i.get("sha256"), sha256(path)))
        for k in ("encoding", "rows_read", "rows_used", "rows_rejected"):
            r.check(g, k in i, "%s: no %r" % (path, k))
    outputs = {o.get("file"): o for o in m.get("outputs", [])}
    files = sorted(os.path.relpath(os.path.join(d, f), args.dir)
                   for d, _, fs in os.walk(args.dir) for f in fs)
    files.remove("manifest.json")
    r.check(g, sorted(outputs) == files, "outputs %s, the folder has %s"
            % (sorted(outputs), files))
    for name, o in outputs.items():
        p = os.path.join(args.dir, name)
        if os.path.exists(p):
            r.check(g, o.get("sha256") == sha256(p),
                    "%s: sha256 %s, the file's is %s"
                    % (name, o.get("sha256"), sha256(p)))
    if args.epoch is not None:
        want = datetime.datetime.utcfromtimestamp(args.epoch)
        r.check(g, m.get("created") == want.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "created %r" % m.get("created"))
    if inputs:  # for the shell's sha256sum cross-check
        first = sorted(inputs)[0]
        print("# %s %s" % (inputs[first].get("sha256"), first))
    return r.print()


# ------------------------------------------------------------------ #
# LibreOffice's CSV                                                   #
# ------------------------------------------------------------------ #

def shown(value, fmt):
    """What Calc shows of a number in one of fuyuan's formats (either
    rounding of a binary half, as Calc and Python may differ there)."""
    if not is_num(value):
        return {str(value)}
    if fmt == FMT_COUNT:
        return {"{:,}".format(int(value))}
    scale, sign, unit = 1, False, ""
    if "个百分点" in fmt:
        sign, unit = True, "个百分点"
    elif "%" in fmt:
        scale, unit, sign = 100, "%", fmt.startswith("+")
    elif fmt.startswith("+"):
        sign = True
    v = value * scale
    out = set()
    for rounding in (decimal.ROUND_HALF_EVEN, decimal.ROUND_HALF_UP):
        for d in (decimal.Decimal(v), decimal.Decimal(repr(v))):
            q = d.quantize(decimal.Decimal("0.01"), rounding=rounding)
            s = "%s" % q
            if sign and q > 0:
                s = "+" + s
            if q == 0:
                s = "0.00"
            out.add(s + unit)
    return out


def check_lo(args):
    r = Report(args.name, ["cover", "表1 合计"])
    stem = os.path.splitext(os.path.basename(args.file))[0]
    wb = openpyxl.load_workbook(args.file)
    table1 = [n for n in wb.sheetnames if n.startswith("表1 ")][0]

    def read(name):
        with open(os.path.join(args.dir, name), encoding="utf-8-sig",
                  newline="") as f:
            return list(csv.reader(f))

    per_sheet = os.path.exists(os.path.join(args.dir, stem + "-封面.csv"))
    cover = stem + ("-封面.csv" if per_sheet else ".csv")
    skips = {}
    try:
        rows = read(cover)
        r.check("cover", rows and rows[0][0] == wb["封面"]["A1"].value,
                "%s: first cell %r, the workbook's title %r"
                % (cover, rows[0][:1] if rows else None,
                   wb["封面"]["A1"].value))
    except OSError as e:
        r.fail("cover", "LibreOffice wrote no %s: %s" % (cover, e))
    if not per_sheet:
        skips["表1 合计"] = "this LibreOffice exports the first sheet only"
        return r.print(skips)
    try:
        rows = read("%s-%s.csv" % (stem, table1))
    except OSError as e:
        r.fail("表1 合计", "no CSV of %s: %s" % (table1, e))
        return r.print()
    ts = TableSheet(wb[table1])
    total = [x for x in rows if x and x[0] == "合计"]
    if not r.check("表1 合计", len(total) == 1 and ts.total is not None,
                   "%s: %d 合计 rows in Calc's CSV" % (table1, len(total))):
        return r.print()
    for i, h in enumerate(ts.header):
        c = ts.cell(ts.total_row_number, i)
        want = shown(c.value, c.number_format) if i else {"合计"}
        got = total[0][i] if i < len(total[0]) else None
        r.check("表1 合计", got in want, "%s 合计 %s: Calc shows %r, "
                "expected %s" % (table1, h, got, " or ".join(sorted(want))))
    return r.print()


# ------------------------------------------------------------------ #

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    w = sub.add_parser("workbook")
    w.add_argument("--fuyuan", required=True)
    w.add_argument("--kind", choices=["annual", "quarterly", "query"],
                   required=True)
    w.add_argument("--data", action="append", default=[])
    w.add_argument("--epoch", type=int)
    w.add_argument("--groups")
    w.add_argument("--name")
    w.add_argument("file")
    w.add_argument("period", nargs="*")
    m = sub.add_parser("manifest")
    m.add_argument("--data", action="append", default=[])
    m.add_argument("--epoch", type=int)
    m.add_argument("--name")
    m.add_argument("dir")
    lo = sub.add_parser("lo")
    lo.add_argument("--name", required=True)
    lo.add_argument("file")
    lo.add_argument("dir")
    args = ap.parse_args()
    try:
        if args.mode == "workbook":
            bad = Checker(args).run()
        elif args.mode == "manifest":
            bad = check_manifest(args)
        else:
            bad = check_lo(args)
    except Exception:  # a crash is a failure too, and says where
        print("not ok %s: check_workbook.py %s" % (
            args.name or os.path.basename(getattr(args, "file", "")),
            args.mode))
        for line in traceback.format_exc().splitlines():
            print("    " + line)
        return 2
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
