#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# paper.sh - end-to-end tests of the white-paper draft and the quarterly
# notification (outputs.md, "The white-paper draft", "Charts"; domain.md,
# "Conventions of the reports", "A quarterly 通报"), on the sample data:
# `fuyuan annual --year 2023` and `fuyuan quarterly --quarter 2024Q2`.
#
# 1. pdffonts: every font embedded as a subset; a Noto Sans CJK font.
# 2. pdfinfo: A4 pages, a sensible page count, Title/Author/Subject/Creator,
#    CreationDate = SOURCE_DATE_EPOCH (2023-11-14 22:13:20 UTC) and raw
#    dates with the "D:" prefix.
# 3. pdftotext: every section heading, in order; the 目录 gives the pages
#    the headings really are on (and every page shows its number; the
#    notice, a 公文, has no cover and no 目录: its pages are numbered from
#    the first, tests/e2e/notice_form.sh checks its page); the key
#    figures of every section are those of `fuyuan query --format json`,
#    worded as the report words them (the rules of report_words.c, redone
#    here from the JSON numerators and denominators: rounding half away
#    from zero on the exact fraction); the lists of the notification have
#    as many entries as the engine counts.
# 4. The .txt is the PDF's narrative: each of its headings and paragraphs
#    is in the PDF's text, in the same order.
# 5. Reproducible: two runs into different folders give byte-identical
#    PDFs, TXTs and charts.
# 6. Every charts/NN-name.png has the pixel size of its PDF twin's points
#    x 300 / 72 and a pHYs of 300 dpi (11811 px/m).
# 7. White-paper.md's chart rules in the drawn charts: each chart (alone
#    and in the paper) has a unit line and ends with its source line; no
#    category of the 旗区 charts is empty (市本级 without a 万人成讼率 is
#    left out). 附录 附表: a long agency table shows its top 20 (a tie at
#    the cut whole or said so), in the workbook's order, with a line
#    naming the sheet and the number of rows of the full list.
#
# Prints "ok NAME" / "not ok NAME" and indented details, as
# tools/run-tests.sh counts them. Uses FUYUAN and FY_TOP (set by
# tools/run-tests.sh; defaults: this tree).
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000 TZ=UTC
unset LC_MESSAGES LC_CTYPE
export FUYUAN
PY=/usr/bin/python3
SAMPLE=$FY_TOP/fixtures/sample

need_fuyuan "paper.sh"
for tool in pdffonts pdfinfo pdftotext; do
    if ! command -v "$tool" >/dev/null; then
        echo "ok paper.sh # skip $tool is not installed (make deps)"
        exit 0
    fi
done
new_scratch paper
cd "$scratch" || exit 1

# ------------------------------------------------------------------ #
# The runs: each report twice, into different folders                 #
# ------------------------------------------------------------------ #

run() { # NAME ARGS...
    local name=$1 rc
    shift
    "$FUYUAN" "$@" --quiet > "$scratch/$name.out" 2> "$scratch/$name.err"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        fail "$name" "fuyuan $* exited $rc:
$(head -20 "$scratch/$name.err")"
        return 1
    fi
    pass "$name"
}

run annual-run annual --year 2023 -o "$scratch/a1" "$SAMPLE" || exit 1
run annual-rerun annual --year 2023 -o "$scratch/a2/deeper" "$SAMPLE" || exit 1
run quarterly-run quarterly --quarter 2024Q2 -o "$scratch/q1" "$SAMPLE" || exit 1
run quarterly-rerun quarterly --quarter 2024Q2 -o "$scratch/q2/x" "$SAMPLE" \
    || exit 1

A=$scratch/a1/annual-2023
Q=$scratch/q1/quarterly-2024Q2

# ------------------------------------------------------------------ #
# 1. Fonts                                                            #
# ------------------------------------------------------------------ #

check_fonts() { # NAME PDF
    local out
    out=$(pdffonts "$2" 2>&1) || { fail "$1" "pdffonts failed: $out"; return; }
    local bad
    bad=$(printf '%s\n' "$out" | awk 'NR > 2 {
        n = NF; emb = $(n - 4); sub_ = $(n - 3)
        if (emb != "yes" || sub_ != "yes") print }')
    if [ "$(printf '%s\n' "$out" | awk 'NR > 2' | wc -l)" -eq 0 ]; then
        fail "$1" "no fonts at all:
$out"
    elif [ -n "$bad" ]; then
        fail "$1" "fonts not embedded as subsets:
$bad"
    elif ! printf '%s\n' "$out" | grep -q 'NotoSansCJK'; then
        fail "$1" "no Noto Sans CJK font:
$out"
    else
        pass "$1"
    fi
}
check_fonts annual-fonts "$A.pdf"
check_fonts quarterly-fonts "$Q.pdf"

# ------------------------------------------------------------------ #
# 2. Document information                                             #
# ------------------------------------------------------------------ #

check_info() { # NAME PDF MIN-PAGES MAX-PAGES
    local info raw why=""
    info=$(pdfinfo -isodates "$2" 2>&1)
    raw=$(pdfinfo -rawdates "$2" 2>&1)
    printf '%s\n' "$info" | grep -q '^Page size: *595\.27[0-9]* x 841\.8[0-9]* pts (A4)' \
        || why+="not A4; "
    local pages
    pages=$(printf '%s\n' "$info" | sed -n 's/^Pages: *//p')
    if [ -z "$pages" ] || [ "$pages" -lt "$3" ] || [ "$pages" -gt "$4" ]; then
        why+="$pages pages, not $3-$4; "
    fi
    for key in Title Author Subject Creator; do
        printf '%s\n' "$info" | grep -q "^$key: *[^ ]" || why+="no $key; "
    done
    printf '%s\n' "$info" | grep -q '^CreationDate: *2023-11-14T22:13:20\(Z\|+00\)' \
        || why+="CreationDate is not 2023-11-14 22:13:20 UTC; "
    printf '%s\n' "$raw" | grep -q '^CreationDate: *D:20231114221320' \
        || why+="raw CreationDate does not start with D:; "
    printf '%s\n' "$raw" | grep -q '^ModDate: *D:' || why+="raw ModDate without D:; "
    if [ -n "$why" ]; then
        fail "$1" "$why
$info
$raw"
    else
        pass "$1"
    fi
}
check_info annual-info "$A.pdf" 15 60
check_info quarterly-info "$Q.pdf" 6 40

# ------------------------------------------------------------------ #
# 3 and 4. The text: headings, contents, figures, the .txt            #
# ------------------------------------------------------------------ #

pdftotext "$A.pdf" "$scratch/annual.text"
pdftotext -layout -f 2 -l 2 "$A.pdf" "$scratch/annual.contents"
pdftotext "$Q.pdf" "$scratch/quarterly.text"
pdftotext -layout -f 2 -l 2 "$Q.pdf" "$scratch/quarterly.contents"

cat > "$scratch/check_text.py" <<'PYEOF'
"""Check a report's text against the engine (see paper.sh)."""
import json
import os
import re
import subprocess
import sys
from fractions import Fraction

FUYUAN = os.environ["FUYUAN"]
SAMPLE = sys.argv[2]
KIND = sys.argv[1]            # annual | quarterly
SCRATCH = sys.argv[3]
TXT = sys.argv[4]

results = []


def report(name, problems):
    if problems:
        print("not ok %s" % name)
        for p in problems[:25]:
            print("    " + p)
        if len(problems) > 25:
            print("    ... %d more" % (len(problems) - 25))
    else:
        print("ok %s" % name)


def squash(s):
    """Text without any white space (pdftotext breaks lines anywhere)."""
    return re.sub(r"[\s\u3000]+", "", s)


# ---------------------------------------------------------------- words
def rhaz(fr):
    """A fraction rounded half away from zero."""
    fr = Fraction(fr)
    n, d = fr.numerator, fr.denominator
    q = (2 * abs(n) + d) // (2 * d)
    return q if n >= 0 else -q


def count(n, unit="件"):
    return "{:,}{}".format(n, unit)


def rate(c):
    num, den = c
    if not den:
        return "—"
    h = rhaz(Fraction(num * 10000, den))
    return "%d.%02d%%" % (h // 100, h % 100)


def per10k(c):
    num, den = c
    h = rhaz(Fraction(num * 1000000, den))
    return "%d.%02d" % (h // 100, h % 100)


def pct1(num, den):
    t = rhaz(Fraction(num * 1000, den))
    return "%d.%d%%" % (t // 10, t % 10)


def count_change(cur, prev):
    if prev == 0:
        return "与上年同期持平" if cur == 0 else "上年同期为0"
    if cur == prev:
        return "与上年同期持平"
    t = rhaz(Fraction((cur - prev) * 1000, prev))
    a = abs(t)
    if a == 0:
        return "与上年同期基本持平"
    return "同比%s%d.%d%%" % ("上升" if cur > prev else "下降", a // 10, a % 10)


def rate_change(c, p):
    if not p[1] or not c[1]:
        return "上年同期无可比数据"
    n = c[0] * p[1] - p[0] * c[1]
    d = c[1] * p[1]
    if n == 0:
        return "与上年同期持平"
    h = rhaz(Fraction(n * 10000, d))
    a = abs(h)
    if a == 0:
        return "与上年同期基本持平"
    return "同比%s%d.%02d个百分点" % ("上升" if n > 0 else "下降",
                                   a // 100, a % 100)


VERDICTS = {
    "驳回诉讼请求": "判决驳回诉讼请求", "撤销": "判决撤销",
    "履行": "判决履行法定职责", "给付": "判决给付",
    "确认违法": "判决确认违法", "确认无效": "判决确认无效",
    "变更": "判决变更", "赔偿": "判决赔偿", "驳回起诉": "裁定驳回起诉",
    "撤诉": "撤诉", "调解": "调解", "维持原判": "二审维持原判",
    "撤回上诉": "撤回上诉", "改判": "二审改判", "发回重审": "发回重审",
    "准予执行": "裁定准予执行", "不准予执行": "裁定不准予执行",
    "其他": "以其他方式结案",
}


def is_rest(label):
    return label is None or label in ("其他", "未填写")


# ---------------------------------------------------------------- engine
class Fig:
    """A metric of a row: (numerator, denominator) now and last year."""

    def __init__(self, m):
        self.num = m["numerator"]
        self.den = m["denominator"] or 0
        p = m.get("previous") or {"numerator": 0, "denominator": 0}
        self.pnum = p["numerator"]
        self.pden = p["denominator"] or 0

    @property
    def c(self):
        return (self.num, self.den)

    @property
    def p(self):
        return (self.pnum, self.pden)


def query(metrics, period, by=None):
    args = [FUYUAN, "query", "--metric", metrics, "--compare", "yoy",
            "--format", "json"] + period
    if by:
        args += ["--by", by]
    out = subprocess.run(args + [SAMPLE], check=True, capture_output=True,
                         text=True).stdout
    d = json.loads(out)
    total = {k: Fig(v) for k, v in d["total"]["metrics"].items()}
    rows = [((r.get(by) if by else None),
             {k: Fig(v) for k, v in r["metrics"].items()})
            for r in d["rows"]]
    return total, rows


def top(rows, metric, k, keep=lambda label, f: True):
    """The k largest rows by numerator (stable, 其他/未填写 left out)."""
    chosen = [(label, m) for label, m in rows
              if not is_rest(label) and m[metric].num and keep(label, m)]
    chosen.sort(key=lambda lm: -lm[1][metric].num)
    return chosen[:k]


def by_rate(rows, metric):
    defined = [(label, m) for label, m in rows if m[metric].den]
    defined.sort(key=lambda lm: -Fraction(lm[1][metric].num,
                                           lm[1][metric].den))
    return defined


# ---------------------------------------------------------------- text
def load_pages(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\f")


pages = load_pages(os.path.join(SCRATCH, KIND + ".text"))
# the white paper's cover and 目录; the notice (a 公文) has neither
FRONT = 2 if KIND == "annual" else 0
body_pages = pages[FRONT:]
FOOTER = re.compile(r"^—\s*(\d+)\s*—$")


def body_text():
    lines = []
    for pg in body_pages:
        for line in pg.split("\n"):
            if not FOOTER.match(line.strip()):
                lines.append(line)
    return "\n".join(lines)


BODY = squash(body_text())
HEADINGS = {
    "annual": ["前言", "一、基本情况", "二、案件特点",
               "三、行政机关败诉情况及原因分析", "四、行政机关负责人出庭应诉情况",
               "五、诉源治理", "六、司法建议与检察建议", "七、存在的问题", "八、意见建议",
               "附录　附表"],
    "quarterly": ["一、基本情况", "二、各旗区情况", "三、被诉机关情况",
                  "四、败诉案件及原因", "五、行政机关负责人出庭应诉",
                  "六、司法建议、检察建议反馈", "七、工作建议"],
}[KIND]

# headings, in order, each alone on a line
problems = []
where = []
for h in HEADINGS:
    hs = squash(h)
    found = None
    for i, pg in enumerate(pages):
        if i < FRONT:
            continue
        lines = [squash(line) for line in pg.split("\n") if line.strip()]
        # alone on its line (pdftotext may cut it at a wide space)
        if any(line == hs or (k + 1 < len(lines) and line + lines[k + 1] == hs
                              and line)
               for k, line in enumerate(lines)):
            found = i + 1
            break
    if found is None:
        problems.append("heading %s is missing" % h)
    where.append(found)
known = [w for w in where if w]
if known != sorted(known):
    problems.append("headings out of order: %s" % list(zip(HEADINGS, where)))
pos = -1
for h in HEADINGS:
    at = BODY.find(squash(h), pos + 1)
    if at < 0:
        problems.append("heading %s not after the one before" % h)
    else:
        pos = at
report("%s-headings" % KIND, problems)

# the contents page: every heading with the page it is on (the notice:
# no 目录 at all, its pages numbered from the first)
problems = []
with open(os.path.join(SCRATCH, KIND + ".contents"), encoding="utf-8") as f:
    contents = {}
    for line in f:
        m = re.match(r"^\s*(\S.*?)\s+(\d+)\s*$", line)
        if m:
            contents[squash(m.group(1))] = int(m.group(2))
for h, phys in zip(HEADINGS, where):
    h = squash(h)
    if not FRONT:
        break
    if h not in contents:
        problems.append("目录 lacks %s" % h)
    elif phys is not None and contents[h] != phys - FRONT:
        problems.append("目录 says %s is on page %d, it is on page %d"
                        % (h, contents[h], phys - FRONT))
if not FRONT and any("目录" in squash(pg) for pg in pages[:2]):
    problems.append("the notice has a 目录")
for i, pg in enumerate(pages[FRONT:], start=1):
    if not pg.strip():
        continue
    nums = [int(m.group(1)) for m in (FOOTER.match(line.strip())
                                      for line in pg.split("\n")) if m]
    if nums != [i]:
        problems.append("page %d shows the number(s) %s" % (i, nums))
report("%s-contents" % KIND, problems)

# the .txt is the PDF's narrative, in order
problems = []
with open(TXT, encoding="utf-8") as f:
    txt = f.read()
# the white paper's .txt starts with its cover's title and subtitle; the
# notice's with its head (issuers, 文号, 标题, 主送), printed as they are
items = [line for line in txt.split("\n")[FRONT:] if line.strip()]
if len(items) < 10:
    problems.append("the .txt has only %d headings and paragraphs"
                    % len(items))
pos = 0
for item in items:
    s = squash(item)
    at = BODY.find(s, pos)
    if at < 0:
        where_else = BODY.find(s)
        problems.append("%s: %s" % ("out of order" if where_else >= 0
                                    else "not in the PDF", item.strip()[:60]))
    else:
        pos = at + len(s)
report("%s-txt-is-narrative" % KIND, problems)

TXT_SQ = squash(txt)


def expect(problems, what, *fragments):
    """Each fragment must be in both the PDF's text and the .txt."""
    for frag in fragments:
        s = squash(frag)
        if s not in BODY:
            problems.append("%s: PDF lacks “%s”" % (what, frag))
        if s not in TXT_SQ:
            problems.append("%s: .txt lacks “%s”" % (what, frag))


def section(title, nxt):
    a = BODY.find(squash(title))
    b = BODY.find(squash(nxt), a + 1) if nxt else len(BODY)
    return BODY[a:b] if a >= 0 else ""


# ---------------------------------------------------------------- annual
def annual():
    Y = ["--year", "2023"]
    out = []

    p = []
    t, rows = query("filed,closed,pending_end,closure_rate", Y, "case_type")
    klass = {"行政一审": 0, "行政赔偿一审": 0, "行政二审": 1, "行政赔偿二审": 1,
             "非诉行政行为申请执行审查": 2, "非诉执行审查复议": 2}
    sums = [0, 0, 0, 0]   # 一审, 二审, 非诉执行审查, the rest
    comp = 0              # 行政赔偿一审, within 一审
    for label, m in rows:
        sums[klass.get(label, 3)] += m["filed"].num
        if label == "行政赔偿一审":
            comp += m["filed"].num
    # the parts add up to 新收 (white-paper.md: 一、基本情况)
    if sum(sums) != t["filed"].num:
        p.append("the parts of 新收 do not add up: %r" % sums)
    f, c, pe, cr = t["filed"], t["closed"], t["pending_end"], t["closure_rate"]
    expect(p, "一、基本情况",
           "2023年，全市两级法院共新收各类行政案件%s，%s。"
           % (count(f.num), count_change(f.num, f.pnum)),
           "其中一审行政案件%s（含行政赔偿一审%s），二审行政案件%s，"
           "非诉行政行为申请执行审查案件%s，申请再审审查、再审等其他行政案件%s。"
           % (count(sums[0]), count(comp), count(sums[1]), count(sums[2]),
              count(sums[3])),
           "全年审结各类行政案件%s，%s，结案率为%s，%s；年末未结%s。"
           % (count(c.num), count_change(c.num, c.pnum), rate(cr.c),
              rate_change(cr.c, cr.p), count(pe.num)))
    out.append(("annual-figures-basics", p))

    p = []
    t, rows = query("admin_fi_filed", Y, "district")
    a = t["admin_fi_filed"]
    best = top(rows, "admin_fi_filed", 3)
    expect(p, "（一）旗区",
           "全市新收一审行政案件%s，%s。" % (count(a.num),
                                    count_change(a.num, a.pnum)),
           "案件较多的是%s，合计占全市的%s" % (
               "、".join("%s（%s）" % (lb, count(m["admin_fi_filed"].num))
                        for lb, m in best),
               pct1(sum(m["admin_fi_filed"].num for _, m in best), a.num)))
    t, rows = query("admin_fi_filed", Y, "domain")
    best = top(rows, "admin_fi_filed", 3)
    expect(p, "（二）管理领域",
           "主要集中在%s等领域，合计占比%s" % (
               "、".join(lb for lb, _ in best),
               pct1(sum(m["admin_fi_filed"].num for _, m in best),
                    t["admin_fi_filed"].num)))
    t, rows = query("admin_fi_filed", Y, "action_type")
    best = top(rows, "admin_fi_filed", 3)
    expect(p, "（三）行政行为",
           "数量较多的是%s，合计占%s" % (
               "、".join("%s（%s）" % (lb, count(m["admin_fi_filed"].num))
                        for lb, m in best),
               pct1(sum(m["admin_fi_filed"].num for _, m in best),
                    t["admin_fi_filed"].num)))
    t, rows = query("fi_closed", Y, "disposition")
    best = top(rows, "fi_closed", 4)
    expect(p, "（四）结案方式",
           "全年审结一审行政案件%s，其中%s" % (
               count(t["fi_closed"].num),
               "；".join("%s%s，占%s" % (VERDICTS[lb],
                                        count(m["fi_closed"].num),
                                        pct1(m["fi_closed"].num,
                                             t["fi_closed"].num))
                        for lb, m in best)))
    # （五）经复议的案件: share, both loss rates, co-defendants
    t, _ = query("fi_closed,agency_losses,reconsidered,reconsidered_share,"
                 "reconsidered_loss_rate,joint_defendant", Y)
    rc, rs, rl = t["reconsidered"], t["reconsidered_share"], \
        t["reconsidered_loss_rate"]
    jd, fc, al = t["joint_defendant"], t["fi_closed"], t["agency_losses"]
    expect(p, "（五）复议",
           "经行政复议后起诉的%s，%s，占审结案件的%s。"
           % (count(rc.num), count_change(rc.num, rc.pnum), rate(rs.c)),
           "经复议案件中行政机关败诉%s，败诉率%s；未经复议案件败诉率%s。"
           % (count(rl.num), rate(rl.c),
              rate((al.num - rl.num, fc.num - rc.num))),
           "作共同被告的%s，占经复议案件的%s。"
           % (count(jd.num), rate((jd.num, rc.num))))
    # the 旗区 table's text: the 旗区 with a 败诉率 above the city's, worst
    # first, n >= 5, at most three (ties whole)
    t, rows = query("loss_rate", Y, "district")
    city = t["loss_rate"]
    above = [(lb, m) for lb, m in by_rate(rows, "loss_rate")
             if lb and m["loss_rate"].den >= 5
             and Fraction(*m["loss_rate"].c) > Fraction(*city.c)]
    if len(above) > 3:
        cut = 3
        while cut and Fraction(*above[cut - 1][1]["loss_rate"].c) == \
                Fraction(*above[cut][1]["loss_rate"].c):
            cut -= 1
        above = above[:cut]
    if above:
        expect(p, "（一）旗区概况", "行政机关败诉率较高的是%s，%s高于全市的%s" % (
            "、".join("%s（%s）" % (lb, rate(m["loss_rate"].c))
                     for lb, m in above),
            "均" if len(above) > 1 else "", rate(city.c)))
    out.append(("annual-figures-features", p))

    p = []
    t, _ = query("fi_closed,agency_losses,loss_rate", Y)
    fc, al, lr = t["fi_closed"], t["agency_losses"], t["loss_rate"]
    expect(p, "三、败诉",
           "全年审结一审行政案件%s，行政机关败诉%s，%s；败诉率为%s，%s。"
           % (count(fc.num), count(al.num), count_change(al.num, al.pnum),
              rate(lr.c), rate_change(lr.c, lr.p)))
    t, rows = query("loss_rate", Y, "domain")
    # rates are judged on at least min_n = 5 cases (white-paper.md)
    best = [(lb, m) for lb, m in by_rate(rows, "loss_rate")
            if not is_rest(lb) and m["loss_rate"].num
            and m["loss_rate"].den >= 5][:3]
    expect(p, "败诉率（管理领域）", "败诉率较高的是%s领域" % "、".join(
        "%s（审结%s，败诉率%s）" % (lb, count(m["loss_rate"].den),
                                rate(m["loss_rate"].c)) for lb, m in best))
    t, _ = query("agency_losses,loss_causes", Y)
    causes = [(k.split(":", 1)[1], v) for k, v in t.items()
              if k.startswith("loss_cause:")]
    causes = [(k, v) for k, v in causes if k not in ("其他", "未填写") and v.num]
    causes.sort(key=lambda kv: -kv[1].num)
    expect(p, "败诉原因", "从败诉原因看，主要为%s" % "、".join(
        "%s（%s，占%s）" % (k, count(v.num), rate(v.c)) for k, v in causes[:4]))
    unknown = t.get("loss_cause:未填写")
    if unknown and unknown.num:
        expect(p, "败诉原因未填写",
               "另有%s败诉案件未列明败诉原因" % count(unknown.num))
    out.append(("annual-figures-losses", p))

    p = []
    t, _ = query("hearings_held,head_appearances,appearance_rate", Y)
    hh, ha, ar = t["hearings_held"], t["head_appearances"], t["appearance_rate"]
    expect(p, "四、出庭应诉",
           "全年开庭审理一审行政案件%s，行政机关负责人出庭应诉%s，出庭应诉率为"
           "%s，%s" % (count(hh.num), count(ha.num), rate(ar.c),
                      rate_change(ar.c, ar.p)))
    # by 旗区, not by court (white-paper.md, 四): the 旗区 with a head absent
    t, rows = query("hearings_held,head_appearances,appearance_rate", Y,
                    "district")
    for lb, m in rows:
        absent = m["hearings_held"].num - m["head_appearances"].num
        if lb and absent:
            expect(p, "出庭应诉率（旗区）", "%s%s（出庭应诉率%s）"
                   % (lb, count(absent), rate(m["appearance_rate"].c)))
    out.append(("annual-figures-appearances", p))

    p = []
    t, _ = query("litigation_per_10k,mediated_withdrawn,"
                 "mediation_withdrawal_rate", Y)
    lp, mw, mr = (t["litigation_per_10k"], t["mediated_withdrawn"],
                  t["mediation_withdrawal_rate"])
    expect(p, "五、诉源治理",
           "全年全市法院新收民事、行政一审案件%s，万人成讼率为%s%s。"
           % (count(lp.num), per10k(lp.c),
              "，上年同期为" + per10k(lp.p) if lp.pnum and lp.pden else ""),
           "一审行政案件以调解、撤诉方式结案%s，调撤率为%s，%s。"
           % (count(mw.num), rate(mr.c), rate_change(mr.c, mr.p)))
    t, rows = query("litigation_per_10k", Y, "district")
    best = [(lb, m) for lb, m in by_rate(rows, "litigation_per_10k") if lb][:3]
    expect(p, "万人成讼率（旗区）", "万人成讼率较高的是%s" % "、".join(
        "%s（%s）" % (lb, per10k(m["litigation_per_10k"].c)) for lb, m in best))
    out.append(("annual-figures-governance", p))

    p = []
    t, rows = query("rec_issued,rec_due,rec_on_time,rec_feedback_rate,"
                    "rec_overdue,rec_adoption_rate", Y, "rec_kind")
    ri, rd, ro = t["rec_issued"], t["rec_due"], t["rec_on_time"]
    fr, ov, ad = t["rec_feedback_rate"], t["rec_overdue"], t["rec_adoption_rate"]
    expect(p, "六、建议",
           "全年发出司法建议、检察建议%s（其中%s），%s。"
           % (count(ri.num), "、".join("%s%s" % (lb, count(m["rec_issued"].num))
                                       for lb, m in rows),
              count_change(ri.num, ri.pnum)),
           "反馈期限在本年内的建议%s，按期书面反馈%s，按期反馈率为%s，%s。"
           % (count(rd.num), count(ro.num), rate(fr.c), rate_change(fr.c, fr.p)),
           "本年发出并已反馈的建议%s，采纳率为%s。" % (count(ad.den), rate(ad.c)),
           "截至2023年12月31日，仍有%s建议逾期未反馈" % count(ov.num))
    t, _ = query("hearing_count,hearing_attendance_rate", Y)
    hc, hr = t["hearing_count"], t["hearing_attendance_rate"]
    expect(p, "检察听证会",
           "全年检察机关召开行政检察听证会%s，%s；行政机关负责人出席听证会的"
           "比率为%s，%s。" % (count(hc.num, "场"), count_change(hc.num, hc.pnum),
                             rate(hr.c), rate_change(hr.c, hr.p)))
    out.append(("annual-figures-recommendations", p))
    return out


# ---------------------------------------------------------------- quarterly
def quarterly():
    QP = ["--quarter", "2024Q2"]
    YP = ["--from", "2024-01-01", "--to", "2024-06-30"]
    out = []

    # 一、基本情况: the quarter and the year to date against last year,
    # with the first-instance filings inside
    p = []
    mets = "filed,closed,pending_end,admin_fi_filed"
    tq, _ = query(mets, QP)
    ty, _ = query(mets, YP)

    def fc(t):
        f, c, a = t["filed"], t["closed"], t["admin_fi_filed"]
        return "新收行政案件%s，%s（其中一审行政案件%s，%s）；审结%s，%s" % (
            count(f.num), count_change(f.num, f.pnum), count(a.num),
            count_change(a.num, a.pnum), count(c.num),
            count_change(c.num, c.pnum))
    expect(p, "一、基本情况",
           "2024年第二季度，全市法院%s；季末未结%s。"
           % (fc(tq), count(tq["pending_end"].num)),
           "2024年1—6月，全市法院累计%s。" % fc(ty))
    out.append(("quarterly-figures-basics", p))

    # 二、各旗区情况: the city's 调撤率 and 万人成讼率, and the 旗区 table
    # equal to query --by district for the year to date
    p = []
    t, rows = query("admin_fi_filed,loss_rate,appearance_rate,"
                    "mediation_withdrawal_rate,litigation_per_10k", YP,
                    "district")
    mw, lit = t["mediation_withdrawal_rate"], t["litigation_per_10k"]
    expect(p, "二、各旗区情况",
           "2024年1—6月，全市一审行政案件调撤率为%s，%s；万人成讼率为%s"
           % (rate(mw.c), rate_change(mw.c, mw.p), per10k(lit.c)))
    sec = section("二、各旗区情况", "三、被诉机关情况")
    for lb, m in rows:
        cells = [count(m["admin_fi_filed"].num, "")]
        for k in ("loss_rate", "appearance_rate", "mediation_withdrawal_rate"):
            cells.append(rate(m[k].c))
        cells.append(per10k(m["litigation_per_10k"].c)
                     if m["litigation_per_10k"].den else "—")
        if squash(lb + "".join(cells)) not in sec:
            p.append("旗区 table: no row %s %s" % (lb, " ".join(cells)))
    out.append(("quarterly-figures-districts", p))

    # 三、被诉机关情况: first instance only; 二审 and 非诉执行 apart
    p = []
    t, rows = query("admin_fi_filed", YP, "defendant")
    named = [(lb, m) for lb, m in rows if lb and m["admin_fi_filed"].num]
    expect(p, "三、被诉机关",
           "2024年1—6月，全市法院新收一审行政案件%s，涉及被诉行政机关（含派出"
           "机构）%d个" % (count(t["admin_fi_filed"].num), len(named)))
    best = sorted(named, key=lambda lm: -lm[1]["admin_fi_filed"].num)
    if best:
        lb, m = best[0]
        expect(p, "三、被诉机关（最多）", "被诉较多的是%s（%s）"
               % (lb, count(m["admin_fi_filed"].num)))
    _, types = query("filed", YP, "case_type")
    second = sum(m["filed"].num for lb, m in types if lb in ("行政二审",
                                                               "行政赔偿二审"))
    exe = sum(m["filed"].num for lb, m in types
              if lb in ("非诉行政行为申请执行审查", "非诉执行审查复议"))
    if second and exe:
        expect(p, "三、二审和非诉执行", "另有二审行政案件%s、行政机关申请人民"
               "法院强制执行的非诉审查案件%s，不计入被诉案件"
               % (count(second), count(exe)))
    out.append(("quarterly-figures-agencies", p))

    def two(metrics, what, what_ytd, part, rname):
        names = metrics.split(",")
        res = []
        for label, period, w in (("本季度，", QP, what),
                                 ("1—6月累计", YP, what_ytd)):
            t, _ = query(metrics, period)
            a, b, r = (t[n] for n in names)
            res.append("%s%s%s，%s%s，%s%s，%s" % (
                label, w, count(a.num), part, count(b.num), rname, rate(r.c),
                rate_change(r.c, r.p)))
        return "；".join(res) + "。"

    p = []
    expect(p, "四、败诉", two("fi_closed,agency_losses,loss_rate",
                            "全市法院审结一审行政案件", "审结一审行政案件",
                            "行政机关败诉", "败诉率"))
    t, _ = query("agency_losses", QP)
    n = t["agency_losses"].num
    sec = section("四、败诉案件及原因", "五、行政机关负责人出庭应诉")
    items = [int(x) for x in re.findall(r"(\d+)．", sec)]
    if items != list(range(1, n + 1)):
        p.append("the quarter's loss cases are numbered %s, the engine counts "
                 "%d" % (items, n))
    out.append(("quarterly-figures-losses", p))

    p = []
    expect(p, "五、出庭应诉", two("hearings_held,head_appearances,"
                              "appearance_rate", "开庭审理一审行政案件",
                              "开庭审理一审行政案件", "行政机关负责人出庭应诉",
                              "出庭应诉率"))
    t, _ = query("hearings_held,head_appearances", QP)
    n = t["hearings_held"].num - t["head_appearances"].num
    sec = section("五、行政机关负责人出庭应诉", "六、司法建议、检察建议反馈")
    items = [int(x) for x in re.findall(r"(\d+)．", sec)]
    if items != list(range(1, n + 1)):
        p.append("the quarter's absent heads are numbered %s, the engine "
                 "counts %d heard cases without the head" % (items, n))
    # by 旗区, not by court: each 旗区 below 100% in the year to date
    _, rows = query("hearings_held,head_appearances,appearance_rate", YP,
                    "district")
    for lb, m in rows:
        ar = m["appearance_rate"]
        if ar.den and ar.num != ar.den:
            expect(p, "五、旗区", "%s（开庭%s，负责人出庭%s，出庭应诉率%s）"
                   % (lb, count(m["hearings_held"].num),
                      count(m["head_appearances"].num), rate(ar.c)))
    out.append(("quarterly-figures-appearances", p))

    p = []
    res = []
    for label, period in (("本季度，", QP), ("1—6月累计", YP)):
        t, _ = query("rec_issued,rec_due,rec_on_time,rec_feedback_rate", period)
        ri, rd, ro, fr = (t["rec_issued"], t["rec_due"], t["rec_on_time"],
                          t["rec_feedback_rate"])
        res.append("%s发出司法建议、检察建议%s，%s；反馈期限届满的%s，按期反馈%s，"
                   "按期反馈率%s。" % (label, count(ri.num),
                                   count_change(ri.num, ri.pnum),
                                   count(rd.num), count(ro.num), rate(fr.c)))
    t, rows = query("rec_overdue", YP, "recipient")
    res.append("截至2024年6月30日，逾期未书面反馈的建议共%s"
               % count(t["rec_overdue"].num))
    expect(p, "六、建议", *res)
    sec = section("六、司法建议、检察建议反馈", "七、工作建议")
    items = [int(x) for x in re.findall(r"(\d+)．", sec)]
    if items != list(range(1, t["rec_overdue"].num + 1)):
        p.append("the overdue recommendations are numbered %s, the engine has "
                 "%d" % (items, t["rec_overdue"].num))
    for lb, m in rows:
        if m["rec_overdue"].num and squash(lb) not in sec:
            p.append("overdue recipient %s is not named" % lb)
    # by 旗区 (registry order), as the follow-up lists are
    order = ["东胜区", "康巴什区", "达拉特旗", "准格尔旗", "鄂托克前旗", "鄂托克旗",
             "杭锦旗", "乌审旗", "伊金霍洛旗", "市本级"]
    seen = [d for d in re.findall(r"\d+．(%s)" % "|".join(order), sec)]
    if seen != sorted(seen, key=order.index):
        p.append("overdue recommendations not by 旗区: %s" % seen)
    out.append(("quarterly-figures-recommendations", p))

    # 七、工作建议: to the agencies, never to the courts, no orders from a court
    p = []
    sec = section("七、工作建议", "附件：")
    for bad in ("法院要", "经办法院", "补录", "三十日内", "十五日内"):
        if squash(bad) in sec:
            p.append("七 has “%s”" % bad)
    out.append(("quarterly-requests", p))
    return out


for name, probs in (annual() if KIND == "annual" else quarterly()):
    report(name, probs)
PYEOF

"$PY" "$scratch/check_text.py" annual "$SAMPLE" "$scratch" "$A.txt"
"$PY" "$scratch/check_text.py" quarterly "$SAMPLE" "$scratch" "$Q.txt"

# Tables that read (issue 10): no court's name is broken into lines of
# three characters or fewer in any table of either document (pdftotext
# -bbox-layout gives each printed line of each cell). Charts may wrap a
# 旗区 under its bar; a court's name in a table may take two lines.
names_check() { # NAME PDF
    "$PY" - "$1" "$2" "$FY_TOP" <<'PYEOF'
import re, subprocess, sys
name, pdf, top = sys.argv[1], sys.argv[2], sys.argv[3]
src = open(top + "/src/norm/norm_registry.c", encoding="utf-8").read()
names = set(re.findall(r'"([^"]*人民法院)"', src))
# a 旗区 in a cell of its own, or wrapped under a chart's bar, is not a
# court's name broken
districts = set(re.findall(r'"([^"]*(?:旗|区))"', src))
xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                     capture_output=True, text=True).stdout
bad = set()
for line in re.findall(r"<line[^>]*>(.*?)</line>", xml, re.S):
    t = "".join(re.findall(r">([^<]*)</word>", line)).strip()
    if 0 < len(t) <= 3 and any(t in n and t != n for n in names) \
            and not any(t in d for d in districts):
        bad.add(t)
if bad:
    print("not ok " + name)
    print("    fragments of names on lines of their own: %s" % sorted(bad))
else:
    print("ok " + name)
PYEOF
}
names_check annual-names-whole "$A.pdf"
names_check quarterly-names-whole "$Q.pdf"

# ------------------------------------------------------------------ #
# 5. Reproducible                                                     #
# ------------------------------------------------------------------ #

same() { # NAME DIR1 DIR2 FILES...
    local name=$1 d1=$2 d2=$3 diffs=""
    shift 3
    for f in "$@"; do
        cmp -s "$d1/$f" "$d2/$f" || diffs+="$f differs
"
    done
    if [ -n "$diffs" ]; then fail "$name" "$diffs"; else pass "$name"; fi
}
charts=$(cd "$scratch/a1" && ls charts/*.pdf charts/*.png 2>/dev/null)
# shellcheck disable=SC2086
same annual-reproducible "$scratch/a1" "$scratch/a2/deeper" \
    annual-2023.pdf annual-2023.txt $charts
same quarterly-reproducible "$scratch/q1" "$scratch/q2/x" \
    quarterly-2024Q2.pdf quarterly-2024Q2.txt

# ------------------------------------------------------------------ #
# 6. The charts' files                                                #
# ------------------------------------------------------------------ #

"$PY" - "$scratch/a1/charts" <<'PYEOF'
"""Every PNG: its PDF twin's size x 300 / 72 pixels, pHYs 300 dpi."""
import glob
import os
import re
import struct
import subprocess
import sys

folder = sys.argv[1]
problems = []
pngs = sorted(glob.glob(os.path.join(folder, "*.png")))
pdfs = sorted(glob.glob(os.path.join(folder, "*.pdf")))
if len(pngs) < 5:
    problems.append("only %d charts" % len(pngs))
if [p[:-4] for p in pngs] != [p[:-4] for p in pdfs]:
    problems.append("PNGs and PDFs do not pair: %s / %s"
                    % ([os.path.basename(p) for p in pngs],
                       [os.path.basename(p) for p in pdfs]))
for png in pngs:
    name = os.path.basename(png)
    if not re.match(r"^\d\d-[a-z0-9-]+\.png$", name):
        problems.append("%s: not named NN-name.png" % name)
    with open(png, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        problems.append("%s: not a PNG" % name)
        continue
    w, h = struct.unpack(">II", data[16:24])
    phys = None
    pos = 8
    while pos + 8 <= len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"pHYs":
            phys = struct.unpack(">IIB", data[pos + 8:pos + 17])
        pos += 12 + n
    if phys != (11811, 11811, 1):
        problems.append("%s: pHYs %s, not 11811 px/m" % (name, phys))
    twin = png[:-4] + ".pdf"
    if not os.path.exists(twin):
        problems.append("%s: no PDF twin" % name)
        continue
    info = subprocess.run(["pdfinfo", twin], capture_output=True,
                          text=True).stdout
    m = re.search(r"Page size:\s*([\d.]+) x ([\d.]+) pts", info)
    if not m:
        problems.append("%s: no page size in its PDF" % name)
        continue
    pw, ph = (float(m.group(1)), float(m.group(2)))
    want = (int(pw * 300 / 72 + 0.5), int(ph * 300 / 72 + 0.5))
    if abs(w - want[0]) > 1 or abs(h - want[1]) > 1:
        problems.append("%s: %dx%d px, its PDF is %gx%g pt (%dx%d px at 300 "
                        "dpi)" % (name, w, h, pw, ph, want[0], want[1]))
if problems:
    print("not ok chart-files")
    for p in problems:
        print("    " + p)
else:
    print("ok chart-files")
PYEOF

# ------------------------------------------------------------------ #
# 7. Chart rules; the annex's agency tables                          #
# ------------------------------------------------------------------ #

"$PY" - "$scratch/a1" "$A.pdf" "$A.xlsx" <<'PYEOF'
"""Unit and source lines of every chart; no empty category; the annex
shows the top 20 agencies and says where the rest are."""
import glob
import os
import re
import subprocess
import sys

import openpyxl

out, pdf, xlsx = sys.argv[1:4]


def text(path, layout=False, first=None, last=None):
    args = ["pdftotext"] + (["-layout"] if layout else [])
    if first:
        args += ["-f", str(first), "-l", str(last)]
    return subprocess.run(args + [path, "-"], capture_output=True,
                          text=True).stdout


def flat(s):
    return re.sub(r"\s+", "", s)


problems = []
charts = sorted(glob.glob(os.path.join(out, "charts", "*.pdf")))
if len(charts) < 5:
    problems.append("only %d charts" % len(charts))
sources = set()
for c in charts:
    lines = [ln.strip() for ln in text(c, True).splitlines() if ln.strip()]
    name = os.path.basename(c)
    if not any(re.search(r"单位：\S", ln) for ln in lines[:4]):
        problems.append("%s: no unit line under the title: %s"
                        % (name, lines[:4]))
    # the last line, under the plot: the source of the input tables
    if not re.fullmatch(r"资料来源：鄂尔多斯市\S*(案件管理系统|建议台账|"
                        r"常住人口）)", lines[-1]):
        problems.append("%s: does not end with its source line: %s"
                        % (name, lines[-1]))
    sources.add(lines[-1])
# in the paper: every figure has its source line on its page
pages = text(pdf, True).split("\f")
for no, page in enumerate(pages, 1):
    lines = [ln.strip() for ln in page.splitlines()]
    figs = [ln for ln in lines if re.match(r"图\d+\s", ln)]
    srcs = [ln for ln in lines if ln in sources]
    if len(figs) != len(srcs):
        problems.append("page %d: %d figures, %d chart source lines"
                        % (no, len(figs), len(srcs)))
paper = text(pdf)
# 万人成讼率: 市本级 has no population, so no bar (no empty slot)
lit = [c for c in charts if "litigation" in c]
if not lit:
    problems.append("no 万人成讼率 chart")
elif "市本级" in text(lit[0]):
    problems.append("the 万人成讼率 chart has an empty 市本级 slot")
if problems:
    print("not ok chart-rules")
    for p in problems:
        print("    " + p)
else:
    print("ok chart-rules")

# the annex: agency tables of more than 20 rows
TOP, TIE_MAX = 20, 30
wb = openpyxl.load_workbook(xlsx)
annex = paper[paper.rfind("附表"):]
annex_layout = text(pdf, True)
annex_layout = annex_layout[annex_layout.rfind("附表"):]
problems = []
checked = 0
for sheet in wb.sheetnames:
    ws = wb[sheet]
    if not ws.tables:
        continue
    t = list(ws.tables.values())[0]
    if t.name.split("_", 1)[-1] not in ("LossByDefendant",
                                         "AppearanceByDefendant",
                                         "RecsByRecipient"):
        continue
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True)]
    header, data = rows[0], [r for r in rows[1:] if r[0] != "合计"]
    num = sheet.split()[0]
    m = re.search(num + r"仅列出“([^”]+)”最多的(\d+)个(\S+?)（按所属旗区排列，"
                  r"市本级在前）(.*?)；全部(\d+)行见统计工作簿“" +
                  re.escape(flat(sheet)) + "”工作表。", flat(annex))
    if not m:
        problems.append("%s: no line under it saying where the full list "
                        "is" % sheet)
        continue
    checked += 1
    fig, k, nrows = m.group(1), int(m.group(2)), int(m.group(5))
    if nrows != len(data):
        problems.append("%s: the line says %d rows, the sheet has %d"
                        % (sheet, nrows, len(data)))
    col = header.index(fig)
    cand = sorted([r for r in data if isinstance(r[col], (int, float))
                   and r[col] > 0 and r[0] not in ("未填写", "其他")],
                  key=lambda r: -r[col])
    want = min(TOP, len(cand))
    said_tie = m.group(4)
    if want < len(cand) and cand[want - 1][col] == cand[want][col]:
        f = cand[want - 1][col]
        s = min(i for i, r in enumerate(cand) if r[col] == f)
        e = max(i for i, r in enumerate(cand) if r[col] == f)
        want = e + 1 if e + 1 <= TIE_MAX else s
        if "第%d至%d位" % (s + 1, e + 1) not in said_tie:
            problems.append("%s: the tie at row %d (rows %d-%d) is not "
                            "said: %r" % (sheet, TOP, s + 1, e + 1, said_tie))
    elif said_tie:
        problems.append("%s: a tie said where there is none: %r"
                        % (sheet, said_tie))
    if k != want or k > TIE_MAX:
        problems.append("%s: %d rows shown, expected %d" % (sheet, k, want))
    # the rows shown: the table's caption up to the line under it
    start = flat(annex).find(flat(ws["A1"].value))
    end = flat(annex).find(num + "仅列出")
    part = flat(annex)[start:end]
    shown = [r[0] for r in cand[:want]]
    missing = [x for x in shown if x not in part]
    if missing:
        problems.append("%s: top rows not in the annex: %s"
                        % (sheet, missing[:5]))
    # a row not in the top, whose name no shown name contains, is absent
    extra = [r[0] for r in data if r[0] not in shown and
             not any(r[0] in x for x in shown) and r[0] in part]
    if extra:
        problems.append("%s: rows beyond the top in the annex: %s"
                        % (sheet, extra[:5]))
    # in the workbook's order (旗区 groups, then figure, then pinyin): the
    # line each shown row starts on in the layout text
    lay = annex_layout
    lo = lay.find(ws["A1"].value)
    hi = lay.find(num + "仅列出", lo)
    rowlines = [ln.strip() for ln in lay[lo:hi].splitlines()]
    pos = [min([i for i, ln in enumerate(rowlines) if ln.startswith(x)] or
               [-1]) for x in shown]
    if -1 in pos:
        problems.append("%s: rows not at the start of a line: %s"
                        % (sheet, [x for x, p in zip(shown, pos)
                                   if p < 0][:5]))
    order = [x for _, x in sorted(zip([data.index(r) for r in cand[:want]],
                                      shown))]
    if [x for _, x in sorted(zip(pos, shown))] != order:
        problems.append("%s: the annex rows are not in the workbook's "
                        "order" % sheet)
if checked < 2:
    problems.append("only %d long agency tables in the annex" % checked)
if problems:
    print("not ok annex-top-20")
    for p in problems:
        print("    " + p)
else:
    print("ok annex-top-20")
PYEOF
