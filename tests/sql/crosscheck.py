#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Cross-check every figure of `fuyuan query --format json` against SQLite.

The data folder is loaded by load.py + normalise.sql (an independent reading
of the data contract) and every metric of metrics.md is computed by the SQL
of metrics.sql, for several periods, each metric set with no --by, with each
dimension it can be split by, with pairs of dimensions and with --where
filters.  For every (period, metric set, by) one line is printed:

    ok <description>
    not ok <description>
    #   <the first differences>

and the exit status is 1 when any differs.

    FUYUAN=./fuyuan /usr/bin/python3 tests/sql/crosscheck.py [--quick] DATA_DIR

Standard library only.
"""

import concurrent.futures
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True          # no __pycache__ in the tree
sys.path.insert(0, HERE)
import load  # noqa: E402

# ---------------------------------------------------------------------------
# Metrics: id -> (facts view, numerator column, denominator column or None)

CASE_METRICS = [
    ("filed", "f_filed", None),
    ("closed", "f_closed", None),
    ("pending_start", "f_pending_start", None),
    ("pending_end", "f_pending_end", None),
    ("closure_rate", "f_closed", "f_closure_den"),
    ("fi_closed", "f_fi_closed", None),
    ("agency_losses", "f_loss", None),
    ("loss_rate", "f_loss", "f_fi_closed"),
    ("judgment_loss_rate", "f_loss", "f_judgment"),
    ("mediated_withdrawn", "f_med_wd", None),
    ("mediation_withdrawal_rate", "f_med_wd", "f_fi_closed"),
    ("hearings_held", "f_heard", None),
    ("head_appearances", "f_head", None),
    ("appearance_rate", "f_head", "f_heard"),
    ("admin_fi_filed", "f_fi_filed", None),
    ("reconsidered", "f_recon", None),
    ("reconsidered_share", "f_recon", "f_fi_closed"),
    ("reconsidered_loss_rate", "f_recon_loss", "f_recon"),
    ("joint_defendant", "f_joint", None),
    ("review_losses", "f_review_loss", None),
]
CAUSES = ["主要证据不足", "适用法律法规错误", "违反法定程序", "超越职权", "滥用职权",
          "明显不当", "不履行法定职责", "其他", "未填写"]
REC_METRICS = [
    ("rec_issued", "f_issued", None),
    ("rec_due", "f_due", None),
    ("rec_on_time", "f_on_time", None),
    ("rec_feedback_rate", "f_on_time", "f_due"),
    ("rec_overdue", "f_overdue", None),
    ("rec_adoption_rate", "f_adopted", "f_replied"),
]
HEARING_METRICS = [
    ("hearing_count", "f_held", None),
    ("hearing_attendance_rate", "f_attended", "f_held"),
]
CIVIL_METRICS = [("civil_fi_filed", "f_civil", None)]

TIME_DIMS = ("month", "quarter", "year")
CASE_DIMS = {d: d for d in ("court", "district", "defendant", "domain",
                            "action_type", "case_type", "disposition")}
REC_DIMS = {"rec_kind": "kind", "recipient": "recipient",
            "district": "district"}
CIVIL_DIMS = {"court": "court", "district": "district"}

# metric set -> (facts view, metrics, dimension -> column)
SETS = {
    "cases": ("case_facts", CASE_METRICS, CASE_DIMS),
    "loss_causes": ("case_facts", None, CASE_DIMS),
    "civil": ("civil_facts", CIVIL_METRICS, CIVIL_DIMS),
    "litigation": (None, None, {"district": "district"}),
    "recs": ("rec_facts", REC_METRICS, REC_DIMS),
    "hearings": ("hearing_facts", HEARING_METRICS, {}),
}


# what one `fuyuan query` call asks: metric set name -> component sets
GROUPS = {
    "cases": ["cases", "loss_causes"],
    "civil": ["civil"],
    "litigation": ["litigation"],
    "recs": ["recs"],
    "time": ["civil", "recs", "hearings"],
    "hearings": ["hearings"],
}


def metric_ids(group):
    out = []
    for mset in GROUPS[group]:
        if mset == "loss_causes":
            out.append("loss_causes")
        elif mset == "litigation":
            out += ["litigation_per_10k", "civil_fi_filed", "admin_fi_filed"]
        else:
            out += [m[0] for m in SETS[mset][1]]
    return out


# ---------------------------------------------------------------------------
# Periods

def period_args(p):
    kind, val = p
    if kind == "range":
        return ["--from", val[0], "--to", val[1]]
    return ["--" + kind, val]


def period_dates(p):
    kind, val = p
    if kind == "year":
        return val + "-01-01", val + "-12-31"
    if kind == "quarter":
        y, q = int(val[:4]), int(val[5])
        m0 = 3 * (q - 1) + 1
        end = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}[q]
        return "%d-%02d-01" % (y, m0), "%d-%s" % (y, end)
    if kind == "month":
        y, m = int(val[:4]), int(val[5:7])
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        import datetime
        last = datetime.date(ny, nm, 1) - datetime.timedelta(days=1)
        return "%d-%02d-01" % (y, m), last.isoformat()
    return val


# ---------------------------------------------------------------------------
# SQL side

class Sql:
    def __init__(self, folder):
        self.db = load.open_db(folder)
        with open(os.path.join(HERE, "metrics.sql"), encoding="utf-8") as f:
            self.db.executescript(f.read())

    def court_name(self, name):
        row = self.db.execute(
            "SELECT name FROM court_names WHERE alias = "
            "CASE WHEN substr(?1, 1, 6) = '内蒙古自治区' THEN substr(?1, 7) ELSE ?1 END",
            (name,)).fetchone()
        return row[0] if row else name

    def set_period(self, start, end, asof):
        self.db.execute("DELETE FROM params")
        self.db.execute("INSERT INTO params VALUES(?,?,?)", (start, end, asof))

    def grouped(self, view, cols, where, dims, dimcols, bkind, extra_where=""):
        """{dim key tuple: [sums of cols]}"""
        multi = view in ("case_facts", "cause_facts")
        if multi and "defendant" in dims:
            # metrics.md: a case counts once under each of its 被告 (a case
            # with none under null); the total is grouped without it
            # review_losses counts under the 复议机关 alone: a 被告 after
            # the first whose name ends in 人民政府
            view = ("(SELECT v.*, cd.name AS one_defendant, "
                    "(v.f_review_loss AND cd.name IS NOT v.defendant AND "
                    "substr(cd.name, -4) = '人民政府') AS f_review_loss_role "
                    "FROM %s v LEFT JOIN case_defendants cd ON cd.cid = v.cid)"
                    % view)
            dimcols = dict(dimcols, defendant="one_defendant")
            cols = ["f_review_loss_role" if c == "f_review_loss" else c
                    for c in cols]
        view += " AS t"
        sel = [dimcols[d] if d not in TIME_DIMS else "tlabel" for d in dims]
        conds = ["bkind = ?"]
        args = [bkind]
        for d, val in where:
            if multi and d == "defendant":  # the cases naming val anywhere
                if val == "未填写":
                    conds.append("NOT EXISTS (SELECT 1 FROM case_defendants w "
                                 "WHERE w.cid = t.cid)")
                else:
                    conds.append("EXISTS (SELECT 1 FROM case_defendants w "
                                 "WHERE w.cid = t.cid AND w.name = ?)")
                    args.append(val)
                continue
            if val == "未填写":            # no value (null in JSON)
                conds.append("%s IS NULL" % dimcols[d])
                continue
            if d == "court":                # short forms name the same court
                val = self.court_name(val)
            conds.append("%s IS ?" % dimcols[d])
            args.append(val)
        if extra_where:
            conds.append(extra_where)
        sql = "SELECT %s FROM %s WHERE %s%s" % (
            ", ".join(sel + ["coalesce(sum(%s), 0)" % c for c in cols]),
            view, " AND ".join(conds),
            (" GROUP BY " + ", ".join(sel)) if sel else "")
        out = {}
        for row in self.db.execute(sql, args):
            out[tuple(row[:len(sel)])] = list(row[len(sel):])
        return out

    def compute(self, mset, dims, where, start, end, asof):
        """({key: {metric: (num, den, scale)}}, {metric: (num, den, scale)})"""
        self.set_period(start, end, asof)
        tdims = [d for d in dims if d in TIME_DIMS]
        bkind = tdims[0] if tdims else "none"
        view, metrics, dimcols = SETS[mset]
        if mset == "litigation":
            return self.litigation(dims, where)
        if mset == "loss_causes":
            return self.loss_causes(dims, where, bkind)
        cols = []
        for _, num, den in metrics:
            cols.append(num)
            cols.append(den or "0")

        def build(groups):
            res = {}
            for key, sums in groups.items():
                res[key] = {m[0]: (sums[2 * i], sums[2 * i + 1] if m[2] else None, 1)
                            for i, m in enumerate(metrics)}
            return res
        rows = build(self.grouped(view, cols, where, dims, dimcols, bkind))
        total = build(self.grouped(view, cols, where, [], dimcols, "none")).get(())
        if total is None:
            total = {m[0]: (0, 0 if m[2] else None, 1) for m in metrics}
        return rows, total

    def loss_causes(self, dims, where, bkind):
        dimcols = CASE_DIMS

        def one(ds, bk):
            den = self.grouped("case_facts", ["f_loss"], where, ds, dimcols, bk)
            res = {key: {"loss_cause:" + c: (0, v[0], 1) for c in CAUSES}
                   for key, v in den.items()}
            for cause in CAUSES:
                num = self.grouped("cause_facts", ["1"], where, ds, dimcols, bk,
                                   "cause = '%s'" % cause)
                for key, v in num.items():
                    m = "loss_cause:" + cause
                    res[key][m] = (v[0], res[key][m][1], 1)
            return res
        rows = one(dims, bkind)
        total = one([], "none").get(()) or {"loss_cause:" + c: (0, 0, 1) for c in CAUSES}
        return rows, total

    def litigation(self, dims, where):
        """litigation_per_10k, civil_fi_filed and admin_fi_filed, by district
        or not at all.  --where district=X keeps X's population rows only, so
        the city-wide figure is then over X's population."""
        wd = [v for d, v in where if d == "district"]

        def population(by_district):
            if by_district:
                pop = {(d,): p for d, p in self.db.execute(
                    "SELECT district, persons FROM district_population "
                    "WHERE persons IS NOT NULL")}
                return {k: v for k, v in pop.items() if not wd or k[0] in wd}
            if wd:
                return {(): self.db.execute(
                    "SELECT coalesce(sum(persons), 0) FROM district_population "
                    "WHERE district IN (%s)" % ",".join("?" * len(wd)), wd).fetchone()[0]}
            return {(): self.db.execute("SELECT persons FROM city_population").fetchone()[0]}

        def figures(ds):
            civ = self.grouped("civil_facts", ["f_civil"], where, ds, CIVIL_DIMS, "none")
            adm = self.grouped("case_facts", ["f_fi_filed"], where, ds, CASE_DIMS, "none")
            pop = population(bool(ds))
            res = {}
            for key in set(civ) | set(adm) | set(pop) | ({()} if not ds else set()):
                c = civ.get(key, [0])[0]
                a = adm.get(key, [0])[0]
                res[key] = {"litigation_per_10k": (c + a, pop.get(key) or 0, 10000),
                            "civil_fi_filed": (c, None, 1),
                            "admin_fi_filed": (a, None, 1)}
            return res
        return figures(dims), figures([])[()]


def figure(num, den, scale):
    """The JSON figure of metric (num, den): count when den is None."""
    if den is None:
        return {"value": num, "numerator": num, "denominator": None}
    val = None if den == 0 else (num / den * scale if scale != 1 else num / den)
    return {"value": val, "numerator": num, "denominator": den}


def expected(sql, group, dims, where, start, end, asof):
    """The rows and the total that `fuyuan query` should print."""
    rows, total = {}, {}
    parts = [sql.compute(mset, dims, where, start, end, asof) for mset in GROUPS[group]]
    zero = {}
    for prows, ptotal in parts:
        total.update(ptotal)
        zero.update({m: (0, None if d is None else 0, sc) for m, (n, d, sc) in ptotal.items()})
    for prows, _ in parts:
        for key in prows:
            rows.setdefault(key, dict(zero))
    every_bucket = len(dims) == 1 and dims[0] in TIME_DIMS
    if every_bucket:
        # metrics.md: a row for every bucket that intersects P
        for (label,) in sql.db.execute(
                "SELECT tlabel FROM buckets WHERE bkind = ?", (dims[0],)):
            rows.setdefault((label,), dict(zero))
    for prows, _ in parts:
        for key, ms in prows.items():
            rows[key].update(ms)
    exp_rows = {}
    for key, ms in rows.items():
        # a row exists when it has any data: a non-zero numerator or denominator
        if not dims or every_bucket or any(n or d for n, d, _ in ms.values()):
            exp_rows[key] = {m: figure(*v) for m, v in ms.items()}
    return exp_rows, {m: figure(*v) for m, v in total.items()}


# ---------------------------------------------------------------------------
# Program side and comparison

def run_program(fuyuan, folder, mset, dims, where, period, asof):
    args = [fuyuan, "query", "--metric", ",".join(metric_ids(mset))]
    if dims:
        args += ["--by", ",".join(dims)]
    args += period_args(period)
    for d, v in where:
        args += ["--where", "%s=%s" % (d, v)]
    if asof:
        args += ["--as-of", asof]
    args += ["--format", "json", "-q", folder]
    p = subprocess.run(args, capture_output=True)
    if p.returncode != 0:
        return args, None, "exit %d: %s" % (p.returncode,
                                           p.stderr.decode("utf-8", "replace").strip()[:300])
    try:
        return args, json.loads(p.stdout.decode("utf-8")), None
    except ValueError as e:
        return args, None, "bad JSON: %s" % e


def same_value(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))


def fmt_key(dims, key):
    if not dims:
        return "(no --by)"
    return ", ".join("%s=%s" % (d, "null" if v is None else v) for d, v in zip(dims, key))


def compare_metrics(where_s, exp, got, diffs):
    for m in exp:
        e = exp[m]
        g = got.get(m) if isinstance(got, dict) else None
        if g is None:
            diffs.append("%s: %s missing, expected %s" % (where_s, m, json.dumps(e, ensure_ascii=False)))
            continue
        for k in ("numerator", "denominator"):
            if g.get(k) != e[k] or (g.get(k) is not None and not isinstance(g.get(k), int)):
                diffs.append("%s: %s.%s expected %s, got %s" % (where_s, m, k, e[k], g.get(k)))
        if not same_value(e["value"], g.get("value")):
            diffs.append("%s: %s.value expected %r, got %r" % (where_s, m, e["value"], g.get("value")))
    if isinstance(got, dict):
        for m in got:
            if m not in exp:
                diffs.append("%s: unexpected metric %s" % (where_s, m))


def compare(dims, period_se, exp_rows, exp_total, doc):
    diffs = []
    if doc.get("period") != {"start": period_se[0], "end": period_se[1]}:
        diffs.append("period expected %s..%s, got %s" % (period_se[0], period_se[1], doc.get("period")))
    if doc.get("by") != list(dims):
        diffs.append("by expected %s, got %s" % (list(dims), doc.get("by")))
    got_rows = {}
    for r in doc.get("rows", []):
        extra = set(r) - set(dims) - {"metrics"}
        if extra:
            diffs.append("row has unexpected keys %s" % sorted(extra))
        key = tuple(r.get(d) for d in dims)
        if key in got_rows:
            diffs.append("row %s appears twice" % fmt_key(dims, key))
        got_rows[key] = r.get("metrics", {})
    for key in sorted(set(exp_rows) | set(got_rows), key=lambda k: [str(x) for x in k]):
        ks = "row " + fmt_key(dims, key)
        if key not in got_rows:
            diffs.append("%s: missing, expected %s" % (ks, brief(exp_rows[key])))
        elif key not in exp_rows:
            diffs.append("%s: unexpected row %s" % (ks, brief(got_rows[key])))
        else:
            compare_metrics(ks, exp_rows[key], got_rows[key], diffs)
    compare_metrics("total", exp_total, doc.get("total", {}).get("metrics", {}), diffs)
    return diffs


def brief(ms):
    return ", ".join("%s=%s/%s" % (m, v.get("numerator"), v.get("denominator"))
                     for m, v in ms.items())


# ---------------------------------------------------------------------------
# The plan

PERIODS = [("year", "2022"), ("year", "2023"), ("year", "2024"),
           ("quarter", "2024Q1"), ("quarter", "2024Q2"), ("quarter", "2024Q3"),
           ("quarter", "2024Q4"), ("quarter", "2023Q2"), ("month", "2024-02"),
           ("range", ("2023-07-01", "2024-06-30"))]

CASE_BY = [[]] + [[d] for d in ("court", "district", "defendant", "domain",
                                "action_type", "case_type", "disposition",
                                "month", "quarter", "year")] + \
          [["domain", "district"], ["court", "quarter"]]
SET_BY = {
    "cases": CASE_BY,
    "civil": [["court"], ["district"], ["district", "quarter"]],
    "litigation": [[], ["district"]],
    "recs": [["rec_kind"], ["recipient"], ["district"], ["rec_kind", "quarter"]],
    "time": [[], ["month"], ["quarter"], ["year"]],
}
# (metric group, by, where, period, as-of)
EXTRA = [
    ("cases", ["domain"], [("district", "东胜区")], ("year", "2024"), None),
    ("cases", ["court"], [("domain", "公安"), ("case_type", "行政一审")], ("year", "2023"), None),
    ("cases", ["quarter"], [("court", "鄂尔多斯市中级人民法院")], ("year", "2024"), None),
    ("cases", ["district"], [("domain", "自然资源")], ("range", ("2023-07-01", "2024-06-30")), None),
    ("cases", ["case_type"], [("disposition", "撤诉")], ("year", "2022"), None),
    ("cases", ["court"], [("disposition", "未填写")], ("year", "2024"), None),
    ("cases", ["disposition"], [("court", "市中院")], ("quarter", "2023Q4"), None),
    ("cases", ["quarter"], [], ("range", ("2023-07-15", "2024-06-20")), None),
    ("cases", ["month"], [], ("range", ("2023-07-15", "2024-06-20")), None),
    ("cases", ["year", "district"], [], ("range", ("2023-07-15", "2024-06-20")), None),
    ("recs", ["quarter"], [], ("range", ("2023-07-15", "2024-06-20")), None),
    ("hearings", ["month"], [], ("range", ("2023-07-15", "2024-06-20")), "2024-12-31"),
    ("recs", ["quarter"], [("rec_kind", "检察建议")], ("year", "2023"), None),
    ("recs", ["recipient"], [("rec_kind", "司法建议")], ("year", "2024"), None),
    ("recs", ["rec_kind"], [("district", "准格尔旗")], ("year", "2023"), None),
    ("recs", ["district"], [("district", "市本级")], ("year", "2024"), "2024-12-31"),
    ("recs", ["quarter"], [], ("year", "2023"), "2024-06-30"),
    ("recs", [], [], ("quarter", "2024Q2"), "2024-12-31"),
    ("recs", ["month"], [], ("year", "2023"), "2023-06-30"),
    ("hearings", ["month"], [], ("quarter", "2023Q2"), "2023-12-31"),
    ("litigation", [], [("district", "东胜区")], ("year", "2023"), None),
    ("litigation", ["district"], [("district", "准格尔旗")], ("year", "2024"), None),
    ("civil", ["court"], [("district", "市本级")], ("year", "2024"), None),
    # a multi-valued dimension by another, and filtered by a second 被告
    ("cases", ["defendant", "district"], [], ("year", "2023"), None),
    ("cases", ["defendant"], [("district", "准格尔旗")], ("year", "2024"), None),
    ("cases", ["district"], [("defendant", "准格尔旗人民政府")], ("year", "2023"), None),
    ("cases", ["defendant"], [("defendant", "东胜区人民政府")], ("year", "2024"), None),
    ("cases", [], [("defendant", "未填写")], ("year", "2023"), None),
]


def plan(quick):
    out = []
    periods = PERIODS[:1] + PERIODS[3:4] if quick else PERIODS
    for p in periods:
        for mset in ("cases", "civil", "litigation", "recs", "time"):
            for by in SET_BY[mset]:
                out.append((mset, by, [], p, None))
    return out + EXTRA


def describe(mset, by, where, period, asof):
    s = "sql %s %s %s" % (" ".join(period_args(period)), mset,
                          ("--by " + ",".join(by)) if by else "(no --by)")
    for d, v in where:
        s += " --where %s=%s" % (d, v)
    if asof:
        s += " --as-of " + asof
    return s


def main(argv):
    quick = "--quick" in argv
    argv = [a for a in argv if a != "--quick"]
    if len(argv) != 2:
        sys.stderr.write("usage: crosscheck.py [--quick] DATA_DIR\n")
        return 2
    folder = argv[1]
    fuyuan = os.environ.get("FUYUAN", "./fuyuan")
    todo = plan(quick)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as ex:
        # the program runs while SQLite loads and computes
        runs = [ex.submit(run_program, fuyuan, folder, mset, by, where, period, asof)
                for mset, by, where, period, asof in todo]
        sql = Sql(folder)
        failed = 0
        for (mset, by, where, period, asof), fut in zip(todo, runs):
            desc = describe(mset, by, where, period, asof)
            se = period_dates(period)
            exp_rows, exp_total = expected(sql, mset, by, where, se[0], se[1], asof)
            args, doc, err = fut.result()
            diffs = [err] if err else compare(by, se, exp_rows, exp_total, doc)
            if diffs:
                failed += 1
                print("not ok " + desc)
                print("#   " + " ".join(a if " " not in a else repr(a) for a in args[1:]))
                for d in diffs[:8]:
                    print("#   " + d)
                if len(diffs) > 8:
                    print("#   ... and %d more differences" % (len(diffs) - 8))
            else:
                print("ok " + desc)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
