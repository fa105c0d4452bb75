#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# revisions.sh - figures.json and --previous DIR (issue 13, item 3;
# docs/revisions.md), on data made here: 2024, seven first-instance cases
# of one court (杭锦旗公安局 4, one of them lost; 达拉特旗人民政府 3).
#
#   r1  the seven cases
#   r2  --previous r1, a file cases-2.csv added (one more case, lost by
#       达拉特旗人民政府): the changed figures are exactly those whose text
#       differs between the two figures.json, with 新增1件（cases-2.csv）
#   r3  --previous r2, one row corrected (结案方式 判决驳回诉讼请求 → 撤诉):
#       更正1件（结案方式 驳回诉讼请求→撤诉）
#   r4  --previous r3, the same data: 与上次结果相同（无修订）, no PDF line
#   r5  --previous r4, one row broken (rejected): 拒收1件
#   qa, qb  the 通报 of 2024Q2 on d1, then d2 --previous qa: a list table
#       keyed by 案号 (败诉案件) explained, the line in the 通报;
#   a --previous folder without figures.json: exit 3, nothing written;
#   a quarterly report against an annual one: exit 3;
#   the profile's [report] previous; a rerun into the folder it compares
#   with.
#
# Prints "ok NAME" / "not ok NAME" and indented details, as
# tools/run-tests.sh counts them.
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000 TZ=UTC
unset LC_MESSAGES LC_CTYPE
PY=/usr/bin/python3

need_fuyuan "revisions.sh"
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    echo "ok revisions.sh # skip openpyxl is missing (make deps)"
    exit 0
fi
if ! command -v pdftotext >/dev/null; then
    echo "ok revisions.sh # skip pdftotext is missing (make deps)"
    exit 0
fi
new_scratch revisions
cd "$scratch" || exit 1

HEAD="案号,经办法院,立案日期,结案日期,被告,结案方式,败诉原因,是否开庭,负责人出庭"
COURT=鄂尔多斯市康巴什区人民法院
row() { # N DEFENDANT DISPOSITION CAUSE [CLOSED]
    echo "（2024）内0603行初$1号,$COURT,2024-04-01,${5:-2024-05-20},$2,$3,$4,是,是"
}
mkdir d1 d2 d3 d5
{
    echo "$HEAD"
    row 1 杭锦旗公安局 判决撤销 违反法定程序
    for n in 2 3 4; do row $n 杭锦旗公安局 判决驳回诉讼请求 ""; done
    for n in 5 6 7; do row $n 达拉特旗人民政府 判决驳回诉讼请求 ""; done
} > d1/cases-1.csv
cp d1/cases-1.csv d2/
{ echo "$HEAD"; row 8 达拉特旗人民政府 判决撤销 违反法定程序; } > d2/cases-2.csv
cp d2/* d3/
sed -i 's/^\(（2024）内0603行初2号.*\),判决驳回诉讼请求,/\1,撤诉,/' d3/cases-1.csv
cp d3/* d5/
# case 3 closed before it was filed: the row is rejected
sed -i 's/^\(（2024）内0603行初3号,[^,]*,2024-04-01,\)2024-05-20/\12024-03-01/' \
    d5/cases-1.csv

run() { # NAME DATA ARGS...: fuyuan annual into NAME; the status in NAME.rc
    local name=$1 data=$2
    shift 2
    "$FUYUAN" annual --year 2024 --no-docx --quiet -o "$name" "$@" "$data" \
        > "$name.out" 2> "$name.err"
    echo $? > "$name.rc"
}

run r1 d1
SOURCE_DATE_EPOCH=1704412800 run r2 d2 --previous r1
run r3 d3 --previous r2
run r4 d3 --previous r3
run r5 d5 --previous r4
run missing d3 --previous nowhere
"$FUYUAN" quarterly --quarter 2024Q2 --no-docx --quiet -o q1 --previous r4 \
    d3 > q1.out 2> q1.err
echo $? > q1.rc
# the 通报: a list table keyed by 案号 (表 败诉案件) explained too; timeout
# only guards against a hang (an explanation once looped on such a key)
for q in qa qb; do
    data=d1 prev=""
    [ $q = qb ] && data=d2 prev="--previous qa"
    # shellcheck disable=SC2086
    timeout 300 "$FUYUAN" quarterly --quarter 2024Q2 --no-docx --quiet -o $q \
        $prev $data > $q.out 2> $q.err
    echo $? > $q.rc
    [ -f $q/quarterly-2024Q2.pdf ] \
        && pdftotext -layout $q/quarterly-2024Q2.pdf $q.txt 2>/dev/null
done
printf '[report]\nprevious = r3\n' > prev.ini
run p1 d3 --profile prev.ini
cp -r r4 again
run again d2 --previous again

# format 1, an earlier version's file (fixtures/revisions/README.md): the
# run of d2 against it gives r2's revisions
SOURCE_DATE_EPOCH=1704412800 run v1 d2 --previous "$FY_TOP/fixtures/revisions/format-1"
# a 被告 with a quote, a backslash, a control character and a tab: through
# figures.json and back (r7 corrects it to 杭锦旗公安局)
mkdir d6
{
    echo "$HEAD"
    printf '%s,%s,2024-04-01,2024-05-20,"杭锦旗""公安\\局\a甲\t乙",%s,%s,是,是\n' \
        （2024）内0603行初1号 $COURT 判决撤销 违反法定程序
    sed 1,2d d1/cases-1.csv
} > d6/cases-1.csv
run r6 d6
run r7 d1 --previous r6

# the sample's figures.json, laid out otherwise (indented, over the
# reader's 1 MiB piece; or its members in reverse order, the cases before
# their case_values), a figure and the last case's 被告 changed: the
# reader reads it whole, whatever the layout
"$FUYUAN" annual --year 2023 --no-docx --quiet -o s0 "$FY_TOP/fixtures/sample" \
    > s0.out 2>&1
mkdir lay1 lay2
"$PY" - <<'EOF'
import json
f = json.load(open("s0/figures.json", encoding="utf-8"))
cols = f["case_columns"]
last = f["cases"][-1]
d = cols.index("defendants")
f["case_values"]["defendants"].append("某某")
last[d] = len(f["case_values"]["defendants"]) - 1
for x in f["figures"]:
    if x[:3] == ["CasesByCourt", "合计", "新收"]:
        x[5] = "0"
json.dump(f, open("lay1/figures.json", "w", encoding="utf-8"),
          ensure_ascii=False, indent=1)
json.dump(dict(reversed(list(f.items()))),
          open("lay2/figures.json", "w", encoding="utf-8"),
          ensure_ascii=False)
EOF
for l in lay1 lay2; do
    "$FUYUAN" annual --year 2023 --no-docx --quiet -o "s$l" --previous $l \
        "$FY_TOP/fixtures/sample" > "s$l.out" 2> "s$l.err"
    echo $? > "s$l.rc"
done
# cut short, or something after it: not a figures.json (exit 3)
mkdir cut
head -c 30000 s0/figures.json > cut/figures.json
run cut1 d1 --previous cut
cp r1/figures.json cut/
echo '{}' >> cut/figures.json
run cut2 d1 --previous cut

for r in r1 r2 r3 r4 r5 again p1; do
    pdftotext -layout "$r/annual-2024.pdf" "$r.txt" 2>/dev/null
done

"$PY" - <<'EOF'
import json, os, re
import openpyxl

def ok(name, problems):
    if isinstance(problems, BaseException):
        problems = ["%s: %s" % (type(problems).__name__, problems)]
    if problems:
        print("not ok " + name)
        for p in problems[:12]:
            print("    " + p)
    else:
        print("ok " + name)

def rc(name):
    return int(open(name + ".rc").read())

def figures(d):
    if not os.path.exists(d + "/figures.json"):
        return {"command": None, "period": None, "figures": [],
                "cases": []}, {}
    f = json.load(open(d + "/figures.json", encoding="utf-8"))
    # rows are arrays in the order of their columns
    f["figures"] = [dict(zip(f["figure_columns"], x)) for x in f["figures"]]
    f["cases"] = [decode_case(f, x) for x in f["cases"]]
    return f, {(x["table"], x["row"], x["column"]): x for x in f["figures"]}

def decode_case(f, x):
    """A case as {column: text}: format 2 gives most columns as an index
    into the head's case_values, "at" as [file index, line]."""
    values = f.get("case_values", {})
    c = {}
    for k, v in zip(f["case_columns"], x):
        if k == "at" and isinstance(v, list):
            v = "%s:%d" % (values["at"][v[0]], v[1])
        elif k in values and isinstance(v, int):
            v = values[k][v]
        c[k] = v
    return c

def sheet(d):
    if not os.path.exists(d + "/annual-2024.xlsx"):
        return None
    wb = openpyxl.load_workbook(d + "/annual-2024.xlsx")
    if "修订说明" not in wb.sheetnames:
        return None
    ws = wb["修订说明"]
    rows = []
    for r in ws.iter_rows(min_row=5, values_only=True):
        if r[0] is not None:
            rows.append(tuple("" if v is None else str(v) for v in r))
    return rows

def manifest(d):
    if not os.path.exists(d + "/manifest.json"):
        return {"outputs": [], "revisions": [], "settings": {}}
    return json.load(open(d + "/manifest.json", encoding="utf-8"))

def pdf(d):
    if not os.path.exists(d + ".txt"):
        return ""
    return re.sub(r"\s+", "", open(d + ".txt", encoding="utf-8").read())

def changed(a, b):
    """The keys whose text differs, or that only one run has."""
    _, fa = figures(a)
    _, fb = figures(b)
    keys = set(fa) | set(fb)
    return {k for k in keys
            if k not in fa or k not in fb or fa[k]["text"] != fb[k]["text"]}

def by_key(m):
    return {(r["table"], r["row"], r["column"]): r for r in m["revisions"]}

# --- 1. figures.json is an output like every other --------------------
p = []
for d in ("r1",):
    if rc(d) != 0:
        p.append("%s: exit %d: %s" % (d, rc(d), open(d + ".err").read()))
        break
    m = manifest(d)
    files = [o["file"] for o in m["outputs"]]
    if "figures.json" not in files:
        p.append("figures.json is not in manifest.json's outputs")
    if "revisions" in m or "previous" in m:
        p.append("a run without --previous has revisions in its manifest")
    f, fig = figures(d)
    if f.get("format") != 2 or "case_values" not in f:
        p.append("figures.json is not of format 2 (case values indexed): %r"
                 % f.get("format"))
    if f["command"] != "annual" or f["period"] != {"start": "2024-01-01",
                                                   "end": "2024-12-31"}:
        p.append("figures.json's command/period: %r %r"
                 % (f["command"], f["period"]))
    x = fig.get(("CasesByCourt", "合计", "新收"))
    if not x or x["value"] != 7 or x["text"] != "7":
        p.append("CasesByCourt 合计 新收 is %r, not 7" % x)
    x = fig.get(("Dispositions", "驳回诉讼请求", "一审审结"))
    if not x or x["text"] != "6":
        p.append("Dispositions 驳回诉讼请求 一审审结 is %r, not 6" % x)
    cases = {c["case_no"]: c for c in f["cases"]}
    c = cases.get("（2024）内0603行初2号")
    if len(cases) != 7 or not c or c["at"] != "cases-1.csv:3" \
            or c["defendants"] != "杭锦旗公安局" \
            or c["disposition"] != "驳回诉讼请求" \
            or c["court"] != "鄂尔多斯市康巴什区人民法院":
        p.append("case summary of 行初2号: %r (of %d)" % (c, len(cases)))
    if sheet(d) is not None:
        p.append("a 修订说明 sheet without --previous")
    if "修订" in pdf(d):
        p.append("the PDF speaks of revisions without --previous")
ok("figures.json: every figure keyed, the cases summed up, in the manifest",
   p)

# --- 2. a file added ---------------------------------------------------
def check_run(name, d, prev, expect):
    p = []
    if rc(d) != 0:
        return ["exit %d: %s" % (rc(d), open(d + ".err").read())]
    m = manifest(d)
    want = changed(prev, d)
    got = by_key(m)
    if set(got) != want:
        p.append("revisions differ from the figures that changed: extra %r, "
                 "missing %r" % (sorted(set(got) - want)[:3],
                                 sorted(want - set(got))[:3]))
    _, fa = figures(prev)
    _, fb = figures(d)
    for k, r in got.items():
        old = fa[k]["text"] if k in fa else None
        new = fb[k]["text"] if k in fb else None
        if (r["old"], r["new"]) != (old, new):
            p.append("%r: old/new %r/%r, not %r/%r"
                     % (k, r["old"], r["new"], old, new))
    if m["previous"]["folder"] != prev:
        p.append("previous.folder is %r" % m["previous"]["folder"])
    import hashlib
    h = hashlib.sha256(open(prev + "/figures.json", "rb").read()).hexdigest()
    if m["previous"]["figures_sha256"] != h:
        p.append("previous.figures_sha256 is not the SHA-256 of %s/figures.json"
                 % prev)
    prevm = manifest(prev)
    if {"file": "figures.json", "sha256": h} not in prevm["outputs"]:
        p.append("%s's manifest lists another figures.json" % prev)
    rows = sheet(d)
    if rows is None:
        p.append("no 修订说明 sheet")
        rows = []
    if len(rows) != max(len(got), 1):
        p.append("修订说明 has %d rows, manifest %d revisions"
                 % (len(rows), len(got)))
    for k, (sheetname, old, new, change, why) in expect.items():
        r = got.get(k)
        if not r:
            p.append("%r is not among the revisions" % (k,))
            continue
        line = (sheetname, "%s／%s" % (k[1], k[2]), old, new, change, why)
        if line not in rows:
            p.append("修订说明 lacks %r; has %r" % (line, [x for x in rows
                     if x[1] == line[1]]))
    n = len(got)
    text = pdf(d)
    want_line = "的上次结果相比，%d项数字有修订，详见统计工作簿“修订说明”工作表。" % n
    if n and want_line not in text:
        p.append("the PDF lacks the line %r" % want_line)
    if not n and "修订" in text:
        p.append("the PDF speaks of revisions when nothing changed")
    return p

p = check_run("r2", "r2", "r1", {
    ("CasesByCourt", "合计", "新收"):
        ("表1 收结案(法院)", "7", "8", "+1", "新增1件（cases-2.csv）"),
    ("LossByDefendant", "达拉特旗人民政府",
     "行政机关败诉"):
        ("表9 败诉(被告)", "0", "1", "+1", "新增1件（cases-2.csv）"),
    ("LossByDefendant", "达拉特旗人民政府", "行政机关败诉率"):
        ("表9 败诉(被告)", "0.00%", "25.00%", "+25.00个百分点",
         "新增1件（cases-2.csv）"),
})
n2 = len(manifest("r2")["revisions"]) if rc("r2") == 0 else 0
if n2 and "与2023年11月14日的上次结果相比，%d项" % n2 not in pdf("r2"):
    p.append("the PDF line does not date the previous run 2023年11月14日")
# 杭锦旗公安局's figures did not change (its share did, with the total)
for k in by_key(manifest("r2")) if rc("r2") == 0 else []:
    if k[1] == "杭锦旗公安局":
        p.append("杭锦旗公安局 changed: %r" % (k,))
ok("--previous with a file added: every changed figure, 新增", p)

# --- 3. a row corrected -------------------------------------------------
why = "更正1件（结案方式 驳回诉讼请求→撤诉）"
p = check_run("r3", "r3", "r2", {
    ("Dispositions", "驳回诉讼请求", "一审审结"):
        ("表7 结案方式", "6", "5", "-1", why),
    ("Dispositions", "撤诉", "一审审结"):
        ("表7 结案方式", "（无）", "1", "新增", why),
    ("MediationByCourt", "合计", "调撤"):
        ("表11 调撤(法院)", "0", "1", "+1", why),
})
if rc("r3") == 0:
    got = by_key(manifest("r3"))
    if any(k[0] == "CasesByCourt" for k in got):
        p.append("收结案 changed with a corrected 结案方式")
ok("--previous with a row corrected: the changed figures, 更正", p)

# --- 4. the same data ---------------------------------------------------
p = check_run("r4", "r4", "r3", {})
if rc("r4") == 0:
    if manifest("r4")["revisions"] != []:
        p.append("revisions is not empty")
    if sheet("r4") != [("与上次结果相同（无修订）", "", "", "", "", "")]:
        p.append("修订说明 is %r" % sheet("r4")[:3])
ok("--previous with the same data: 无修订, no PDF line", p)

# --- 5. a row rejected --------------------------------------------------
p = check_run("r5", "r5", "r4", {
    ("CasesByCourt", "合计", "新收"):
        ("表1 收结案(法院)", "8", "7", "-1", "拒收1件（cases-1.csv:4）"),
})
ok("--previous with a row rejected: 拒收", p)

# --- 5b. the 通报 ---------------------------------------------------------
p = []
if rc("qb") != 0:
    p.append("quarterly --previous: exit %d: %s"
             % (rc("qb"), open("qb.err").read()))
else:
    want = changed("qa", "qb")
    got = by_key(manifest("qb"))
    if set(got) != want:
        p.append("revisions differ from the figures that changed")
    r = got.get(("LossCases", "（2024）内0603行初8号", "被告"))
    if not r or (r["old"], r["new"], r["change"], r["explanation"]) != (
            None, "达拉特旗人民政府", "新增", "新增1件（cases-2.csv）"):
        p.append("LossCases 行初8号: %r" % r)
    line = "的上次结果相比，%d项数字有修订" % len(got)
    if line not in pdf("qb"):
        p.append("the 通报 lacks %r" % line)
    if "修订" in pdf("qa"):
        p.append("the 通报 without --previous speaks of revisions")
ok("--previous in the 通报: a list table by 案号, the line", p)

# --- 6. errors ----------------------------------------------------------
p = []
err = open("missing.err").read()
if rc("missing") != 3:
    p.append("a missing --previous folder exits %d, not 3" % rc("missing"))
if "nowhere/figures.json" not in err:
    p.append("the error does not name nowhere/figures.json: %r" % err)
if os.path.exists("missing"):
    p.append("the run wrote its folder anyway")
err = open("q1.err").read()
if rc("q1") != 3 or "annual" not in err:
    p.append("quarterly against an annual run: exit %d, %r" % (rc("q1"), err))
if os.path.exists("q1"):
    p.append("the quarterly run wrote its folder anyway")
ok("--previous errors: no figures.json, another kind of report (exit 3)", p)

# --- 7. the profile's previous; a rerun into the folder compared ---------
p = []
if rc("p1") != 0:
    p.append("profile previous: exit %d: %s" % (rc("p1"), open("p1.err").read()))
else:
    m = manifest("p1")
    if not m.get("previous", {}).get("folder", "").endswith("r3"):
        p.append("the profile's previous is not compared with: %r"
                 % m.get("previous"))
    if m["settings"]["report"]["previous"]["from"] != "profile":
        p.append("settings.report.previous: %r" % m["settings"]["report"]["previous"])
if rc("again") != 0:
    p.append("rerun into its --previous folder: exit %d: %s"
             % (rc("again"), open("again.err").read()))
else:
    got = by_key(manifest("again"))
    r = got.get(("Dispositions", "撤诉", "一审审结"))
    if not r or (r["old"], r["new"]) != ("1", None):
        p.append("rerun into the folder compared: 撤诉 %r" % r)
ok("--previous: the profile key, and the folder the run replaces", p)

# --- 8. an earlier version's figures.json (format 1) --------------------
p = []
if rc("v1") != 0:
    p.append("exit %d: %s" % (rc("v1"), open("v1.err").read()))
elif rc("r2") == 0:
    a, b = manifest("v1")["revisions"], manifest("r2")["revisions"]
    if not a or a != b:
        p.append("against format 1: %d revisions, against r1 %d; first "
                 "differing: %r" % (len(a), len(b),
                                    [x for x in a if x not in b][:1]))
ok("--previous: a figures.json of format 1 (an earlier version) compares",
   p)

# --- 9. a value with a quote, a backslash, control characters -----------
p = []
weird = '杭锦旗"公安\\局\x07甲\t乙'
if rc("r6") != 0 or rc("r7") != 0:
    p.append("exit %d, %d: %s" % (rc("r6"), rc("r7"), open("r7.err").read()))
else:
    f, fig = figures("r6")
    c = {c["case_no"]: c for c in f["cases"]}.get("（2024）内0603行初1号")
    if not c or c["defendants"] != weird:
        p.append("r6's case 1: %r" % c)
    if ("LossByDefendant", weird, "行政机关败诉") not in fig:
        p.append("r6 has no LossByDefendant row %r" % weird)
    got = by_key(manifest("r7"))
    why = "更正1件（被告 %s→杭锦旗公安局）" % weird
    r = got.get(("LossByDefendant", "杭锦旗公安局", "行政机关败诉"))
    if not r or (r["old"], r["new"], r["explanation"]) != ("0", "1", why):
        p.append("LossByDefendant 杭锦旗公安局: %r, not 0 → 1, %r" % (r, why))
    r = got.get(("LossByDefendant", weird, "行政机关败诉"))
    if not r or (r["old"], r["new"]) != ("1", None):
        p.append("LossByDefendant %r: %r" % (weird, r))
ok("--previous: a 被告 with a quote, a backslash and control characters "
   "round-trips", p)

# --- 10. the reader: any layout, a file cut short ----------------------
p = []
f, _ = figures("s0")
cols = f["case_columns"]
want = "更正1件（被告 某某→%s）" % f["cases"][-1]["defendants"]
for l in ("lay1", "lay2"):
    if rc("s" + l) != 0:
        p.append("%s: exit %d: %s" % (l, rc("s" + l),
                                      open("s%s.err" % l).read()))
        continue
    r = by_key(manifest("s" + l)).get(("CasesByCourt", "合计", "新收"))
    if not r or r["old"] != "0" or r["explanation"] != want:
        p.append("%s: CasesByCourt 合计 新收 %r, not from 0 with %r"
                 % (l, r, want))
for n in ("cut1", "cut2"):
    err = open(n + ".err").read()
    if rc(n) != 3 or "not a figures.json" not in err:
        p.append("%s: exit %d: %r" % (n, rc(n), err))
ok("--previous: figures.json read in pieces, in any layout; cut short or "
   "with more after it, exit 3", p)
EOF
