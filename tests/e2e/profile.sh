#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# profile.sh - end-to-end tests of run profiles (outputs.md, "Run
# profiles"; docs/profiles.md):
#
# 1. A profile in a folder of its own (data, output and courts relative to
#    it, run from elsewhere): its issuers are the workbook's 封面 发布单位
#    (read back with openpyxl) and the PDF cover's (pdftotext), its city
#    the workbook's title; the report lands in <output>/<year>/; the
#    manifest's "settings" give every key's value and where it came from;
#    the 说明 sheet lists them (but the output folder), paths as the
#    profile writes them.
# 2. The command line wins: --feedback-days over feedback_days, DATA over
#    data, --courts over courts.
# 3. Errors name file:line and exit 2 (unknown key, unknown section, a bad
#    or negative number, an empty issuers, an indented continuation line,
#    a key given twice) or 3 (a missing courts file, a missing profile).
# 4. The shipped profiles/ordos.ini loads (inline comments included) and
#    annual runs with it.
#
# Prints "ok NAME" / "not ok NAME" and indented details, as
# tools/run-tests.sh counts them. Uses FUYUAN and FY_TOP (set by
# tools/run-tests.sh; defaults: this tree).
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000
unset LC_MESSAGES LC_CTYPE
PY=/usr/bin/python3

need_fuyuan "profile.sh"
if ! "$PY" -c 'import openpyxl' 2>/dev/null || ! command -v pdftotext \
        >/dev/null; then
    echo "ok profile.sh # skip openpyxl or pdftotext missing (make deps)"
    exit 0
fi
new_scratch profile
mkdir -p "$scratch/city/conf" "$scratch/city/data" "$scratch/elsewhere"
cp "$FY_TOP"/fixtures/sample/*.csv "$scratch/city/data/"
cd "$scratch/elsewhere" || exit 1

# run NAME EXPECTED-STATUS ARGS...: run fuyuan, stderr into $scratch/NAME.err
run() {
    local name=$1 want=$2 rc
    shift 2
    "$FUYUAN" "$@" > "$scratch/$name.out" 2> "$scratch/$name.err"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "$name" "fuyuan $* exited $rc, not $want:
$(head -20 "$scratch/$name.err")"
        return 1
    fi
    return 0
}

# ------------------------------------------------------------------ #
# 1. A profile of its own                                             #
# ------------------------------------------------------------------ #

P=../city/conf/city.ini
cat > "$scratch/city/conf/city.ini" <<'EOF'
; a city's profile; paths are relative to this folder
[report]
city = 测试市                         ; the documents' city
issuers = 测试市中级人民法院、测试市人民检察院   ; two bodies
data = ../data
output = ../out
feedback_days = 30

[notice]
number = 测中法〔{year}〕7号
min_cases = 4

[findings]
growth = 12.5
min_n = 6
EOF

if run annual 0 annual --quiet --year 2023 --profile "$P" \
        --feedback-days 45; then
    if [ -f "$scratch/city/out/2023/annual-2023.xlsx" ] \
       && [ ! -e reports ]; then
        pass "relative output: <profile folder>/../out/2023"
    else
        fail "relative output: <profile folder>/../out/2023" \
             "$(cd "$scratch" && find . -name 'annual-2023.xlsx')"
    fi
    out=$("$PY" - "$scratch/city/out/2023" <<'EOF' 2>&1
import json, sys
import openpyxl
d = sys.argv[1]
wb = openpyxl.load_workbook(d + "/annual-2023.xlsx")
cover = {r[0]: r[1] for r in wb["封面"].iter_rows(values_only=True) if r[0]}
problems = []
if cover.get("发布单位") != "测试市中级人民法院、测试市人民检察院":
    problems.append("封面 发布单位 is %r" % cover.get("发布单位"))
title = wb["封面"]["A1"].value
if not title.startswith("测试市2023年"):
    problems.append("封面 title is %r" % title)
# 运行设置 on 说明: key, value, where from
rows = list(wb["说明"].iter_rows(values_only=True))
at = [i for i, r in enumerate(rows) if r[0] == "运行设置"]
if not at:
    problems.append("说明 has no 运行设置 block")
else:
    got = {r[0]: (r[1], r[2]) for r in rows[at[0] + 2:] if r[0]}
    want = {
        "report.city": ("测试市", "运行设置文件 city.ini"),
        "report.data": ("../data", "运行设置文件 city.ini"),
        "report.feedback_days": (45, "命令行"),
        "notice.number": ("测中法〔{year}〕7号", "运行设置文件 city.ini"),
        "notice.min_cases": (4, "运行设置文件 city.ini"),
        "findings.growth": (12.5, "运行设置文件 city.ini"),
        "findings.min_n": (6, "运行设置文件 city.ini"),
        "findings.loss_level": (15, "默认"),
        "report.courts": ("（内置）", "默认"),
    }
    for k, v in want.items():
        if got.get(k) != v:
            problems.append("说明 %s is %r, not %r" % (k, got.get(k), v))
    if len(got) != 21 or "report.output" in got:
        problems.append("说明 lists %d settings, not the 21 but output"
                        % len(got))
    for k, (v, _) in got.items():
        if isinstance(v, str) and v.startswith("/"):
            problems.append("说明 shows a machine path: %s = %s" % (k, v))
m = json.load(open(d + "/manifest.json"))
s = m["settings"]
want = {
    ("report", "issuers"): ("测试市中级人民法院、测试市人民检察院", "profile"),
    ("report", "data"): ("../city/data", "profile"),
    ("report", "output"): ("../city/out", "profile"),
    ("report", "feedback_days"): (45, "command line"),
    ("report", "courts"): (None, "default"),
    ("notice", "to"): ("各旗区人民政府，市直各部门", "default"),
    ("findings", "growth"): (12.5, "profile"),
    ("findings", "cause_share"): (25, "default"),
}
for (sec, key), (v, f) in want.items():
    e = s[sec][key]
    if (e["value"], e["from"]) != (v, f):
        problems.append("manifest %s.%s is %r" % (sec, key, e))
if s["profile"] != "../city/conf/city.ini":
    problems.append("manifest profile is %r" % s["profile"])
if sum(len(s[k]) for k in ("report", "notice", "findings")) != 23:
    problems.append("manifest settings do not hold the 23 keys")
if m["options"]["feedback_days"] != 45:
    problems.append("options.feedback_days is %r" % m["options"]["feedback_days"])
if not all(i["path"].startswith("../city/data/") for i in m["inputs"]):
    problems.append("inputs not from the profile's data: %r" % m["inputs"][0])
print("\n".join(problems))
EOF
)
    if [ -z "$out" ]; then
        pass "profile: 封面, 说明 运行设置 and manifest settings"
    else
        fail "profile: 封面, 说明 运行设置 and manifest settings" "$out"
    fi
    cover=$(pdftotext -l 1 "$scratch/city/out/2023/annual-2023.pdf" - 2>&1)
    if printf '%s\n' "$cover" | grep -q '测试市中级人民法院、测试市人民检察院'; then
        pass "profile: the PDF cover names the profile's issuers"
    else
        fail "profile: the PDF cover names the profile's issuers" "$cover"
    fi
fi

# ------------------------------------------------------------------ #
# 2. The command line wins                                            #
# ------------------------------------------------------------------ #

# DATA over data: one file of the sample against all of it
q() { "$FUYUAN" query --quiet --metric filed --year 2023 --format csv "$@" \
        2>&1 | tail -1; }
all=$(q --profile "$P")
one=$(q --profile "$P" "$FY_TOP/fixtures/sample/cases-ds-2022-2024.csv")
plain=$(q "$FY_TOP/fixtures/sample/cases-ds-2022-2024.csv")
whole=$(q)
if [ "$all" = "$whole" ] && [ "$one" = "$plain" ] && [ "$one" != "$all" ]; then
    pass "command line wins: DATA over the profile's data"
else
    fail "command line wins: DATA over the profile's data" \
         "profile: $all; sample: $whole; profile+DATA: $one; DATA: $plain"
fi

# courts from the profile, and --courts over it
mkdir -p "$scratch/other"
cp "$FY_TOP"/fixtures/e2e/68-courts-other-city/data/*.csv "$scratch/other/"
printf '[report]\ncourts = courts.csv\ndata = cases.csv\n' \
    > "$scratch/other/p.ini"
"$FUYUAN" validate --profile ../other/p.ini > /dev/null 2> "$scratch/c1.err"
"$FUYUAN" validate --profile ../other/p.ini \
    --courts "$scratch/other/cases.csv" > /dev/null 2> "$scratch/c2.err"
if grep -q '5 rows read, 3 used, 2 rejected' "$scratch/c1.err" \
   && grep -q 'cases.csv:1: error' "$scratch/c2.err"; then
    pass "courts from the profile; --courts wins"
else
    fail "courts from the profile; --courts wins" \
         "$(cat "$scratch/c1.err" "$scratch/c2.err" | head -20)"
fi

# ------------------------------------------------------------------ #
# 3. Errors name file:line                                            #
# ------------------------------------------------------------------ #

# bad NAME STATUS LINE TEXT CONTENT: a profile holding CONTENT exits
# STATUS with "bad.ini:LINE: error: ...TEXT..."
bad() {
    local name=$1 want=$2 line=$3 text=$4
    printf '%b' "$5" > "$scratch/other/bad.ini"
    if run "$name" "$want" validate --quiet --profile ../other/bad.ini; then
        local first
        first=$(head -1 "$scratch/$name.err")
        if [ "$(wc -l < "$scratch/$name.err")" -eq 1 ] \
           && printf '%s\n' "$first" \
              | grep -qF "../other/bad.ini:$line: error: " \
           && printf '%s\n' "$first" | grep -qF -- "$text"; then
            pass "$name"
        else
            fail "$name" "$(cat "$scratch/$name.err")"
        fi
    fi
}
bad "error: unknown key" 2 3 "unknown key 'citty' in [report]" \
    '[report]\ncity = 甲市\ncitty = 乙市\n'
bad "error: unknown section" 2 4 "unknown section [reprot]" \
    '[report]\ncity = 甲市\n\n[reprot]\n'
bad "error: not a number" 2 2 "growth needs a number, not '10%'" \
    '[findings]\ngrowth = 10%  ; x\n'
bad "error: negative count" 2 3 "min_n needs a whole number of at least 0" \
    '[findings]\n; the smallest n\nmin_n = -1\n'
bad "error: percentage over 100" 2 2 "cause_share needs a percentage" \
    '[findings]\ncause_share = 125\n'
bad "error: empty issuers" 2 2 "issuers needs a value" \
    '[report]\nissuers =   ; none\n'
bad "error: an empty name in issuers" 2 2 "issuers holds an empty name" \
    '[report]\nissuers = 甲法院、、乙法院\n'
bad "error: continuation line" 2 3 "not a [section] nor a 'key = value' line" \
    '[report]\nissuers = 甲法院\n    乙法院\n'
bad "error: key given twice" 2 3 "given twice in [report] (first on line 2)" \
    '[report]\ncity = 甲市\ncity = 乙市\n'
bad "error: key outside a section" 2 1 "outside a section" \
    'city = 甲市\n'
bad "error: feedback_days" 2 2 "feedback_days needs a number of days" \
    '[report]\nfeedback_days = 60天\n'
bad "error: missing courts file (exit 3)" 3 2 \
    "courts: cannot open '../other/nope.csv'" \
    '[report]\ncourts = nope.csv\n'
bad "error: not UTF-8" 2 2 "not UTF-8" \
    '[report]\ncity = \xb6\xf5\xb6\xfb\xb6\xe0\xcb\xb9\n'
if run "error: no profile file" 3 validate --profile ../other/none.ini \
   && grep -q '^\.\./other/none.ini: error: cannot open' \
       "$scratch/error: no profile file.err"; then
    pass "error: no profile file"
elif [ -s "$scratch/error: no profile file.err" ]; then
    fail "error: no profile file" "$(cat "$scratch/error: no profile file.err")"
fi

# ------------------------------------------------------------------ #
# 4. The shipped profile                                              #
# ------------------------------------------------------------------ #

if run ordos 0 annual --quiet --year 2023 \
        --profile "$FY_TOP/profiles/ordos.ini" -o "$scratch/ordos"; then
    out=$("$PY" - "$scratch/ordos" "$FY_TOP" <<'EOF' 2>&1
import json, sys
import openpyxl
d, top = sys.argv[1], sys.argv[2]
s = json.load(open(d + "/manifest.json"))["settings"]
problems = []
r = s["report"]
if (r["issuers"]["value"], r["issuers"]["from"]) != \
        ("鄂尔多斯市中级人民法院", "profile"):
    problems.append("issuers %r" % r["issuers"])
if r["data"]["value"] != top + "/fixtures/sample":
    problems.append("data %r" % r["data"])
if r["output"]["from"] != "command line":
    problems.append("output %r" % r["output"])
n = s["notice"]["number"]
if (n["value"], n["from"]) != ("鄂中法〔{year}〕12号", "profile"):
    problems.append("notice.number %r (inline comment?)" % n)
if s["findings"]["enforcement_refused"] != {"value": 10, "from": "profile"}:
    problems.append("enforcement_refused %r" % s["findings"]["enforcement_refused"])
rows = list(openpyxl.load_workbook(d + "/annual-2023.xlsx")["说明"]
            .iter_rows(values_only=True))
got = {r[0]: r[1] for r in rows if r[0] and "." in str(r[0])}
if got.get("report.data") != "../fixtures/sample":
    problems.append("说明 report.data is %r" % got.get("report.data"))
print("\n".join(problems))
EOF
)
    if [ -z "$out" ]; then
        pass "profiles/ordos.ini: annual runs with it"
    else
        fail "profiles/ordos.ini: annual runs with it" "$out"
    fi
fi

if run help 0 annual --help && grep -q -- '--profile FILE' "$scratch/help.out"
then
    pass "--help mentions --profile"
else
    fail "--help mentions --profile" "$(cat "$scratch/help.out")"
fi
