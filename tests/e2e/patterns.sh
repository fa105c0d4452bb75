#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# patterns.sh - regression tests of issue 12's table ("Robustness"),
# the patterns and the small rows (docs/reliability.md); each failed on
# the code before its fix.
#
#  1. A --rules pattern that backtracks without end, (a+)+$, on
#     'aaaaaaaaaaaaaaaaaaaaaaaaaaaaab': an error (exit 3) naming the rule
#     (file:line, pattern) and the value at the row where it first
#     occurs, with and without the JIT, with one thread and with several
#     (was: 25-100 ms a value, then a silent "matches no rule").
#     The same for a 败诉原因 and a 管理领域 rule; and a pattern that does
#     not compile is reported at its file:line (exit 3).
#  2. `query --format xlsx` over a period with no case: the table sheet
#     has the header, a data row （无数据） and the 合计 row, all inside
#     the Excel table (was: the header and 合计 only, without the note
#     docs/workbook.md promises). Read back with openpyxl.
#  3. `quarterly` for a quarter in which no agency lost a case (and no
#     recommendation is overdue, no head was absent): exit 0, the notice
#     says 本季度无行政机关败诉案件, the 败诉案件 list says （无数据）. Its
#     empty lists were sorted with qsort_r(NULL, 0), which UBSan stops
#     (exit 1 under make check SANITIZE=1; fixed in a25f65b, this is the
#     test that catches it coming back).
#
# Prints "ok NAME" / "not ok NAME" and indented details.
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000
unset LC_MESSAGES LC_CTYPE FY_PCRE2_JIT FY_PART_BYTES

need_fuyuan "patterns.sh"
new_scratch patterns

# --------------------------------------------------------------------
# 1. Patterns that backtrack without end
# --------------------------------------------------------------------
d=$scratch/1
mkdir -p "$d"
bad=aaaaaaaaaaaaaaaaaaaaaaaaaaaaab
court=鄂尔多斯市康巴什区人民法院
{
    echo "案号,经办法院,立案日期,结案日期,被告,结案方式,败诉原因"
    echo "（2023）内0603行初1号,$court,2023-01-04,2023-02-01,鄂尔多斯市自然资源局,驳回起诉,"
    for i in 2 3 4 5; do
        echo "（2023）内0603行初$i号,$court,2023-01-05,2023-02-01,鄂尔多斯市自然资源局,$bad,"
    done
} > "$d/cases.csv"
printf '类型,模式,结果,计入\n结案方式,和解(结案)?,和解,调撤\n结案方式,(a+)+$,驳回诉讼请求,\n' \
    > "$d/rules.csv"
want="cases.csv:3:6: error: 结案方式 '$bad': the --rules pattern '(a+)+\$' (rules.csv:3) was stopped on it (PCRE2: match limit exceeded); the pattern backtracks too much: rewrite it without a repeat inside a repeat, such as (a+)+"

# run NAME ENV... -- ARGS...: fuyuan under `timeout 60` (a hang fails the
# test, it does not stop the suite) in $d; status in $rc, stderr in $err
run() {
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    (cd "$d" && env "${envs[@]}" timeout 60 "$FUYUAN" "$@") \
        > "$d/out" 2> "$d/err"
    rc=$?
    err=$(cat "$d/err")
}

for jit in 1 0; do
    for jobs in 1 3; do
        name="catastrophic-rule: jit=$jit jobs=$jobs"
        # parts of 150 bytes: the bad value is in several parts, read by
        # several threads; the error still names its first row
        run FY_PCRE2_JIT=$jit FY_PART_BYTES=150 -- \
            validate --jobs $jobs --rules rules.csv cases.csv
        if [ "$rc" = 3 ] && [ "$err" = "$want" ]; then
            pass "$name"
        else
            fail "$name" "exit $rc (want 3)
got:  $err
want: $want"
        fi
    done
done

# the reports stop too: nothing is counted as 其他 in silence
run -- query --metric closed --year 2023 --rules rules.csv cases.csv
if [ "$rc" = 3 ] && [ "$err" = "$want" ] && [ ! -s "$d/out" ]; then
    pass "catastrophic-rule: query"
else
    fail "catastrophic-rule: query" "exit $rc (want 3): $err"
fi

# the searched tables: 败诉原因 items and 被告 (管理领域)
{
    echo "案号,经办法院,立案日期,结案日期,被告,结案方式,败诉原因"
    echo "（2023）内0603行初1号,$court,2023-01-04,2023-02-01,鄂尔多斯市自然资源局,判决撤销,证据不足;xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxz"
} > "$d/causes.csv"
printf 'kind,pattern,result\nloss_cause,(x+x+)+$,主要证据不足\n' > "$d/rules-cause.csv"
run -- validate --rules rules-cause.csv causes.csv
if [ "$rc" = 3 ] \
    && [ "${err%%:*}" = "causes.csv" ] \
    && printf '%s' "$err" | grep -qF "causes.csv:2:7: error: 败诉原因 item 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxz': the --rules pattern '(x+x+)+\$' (rules-cause.csv:2) was stopped on it (PCRE2: match limit exceeded)"; then
    pass "catastrophic-rule: 败诉原因"
else
    fail "catastrophic-rule: 败诉原因" "exit $rc (want 3): $err"
fi
{
    echo "案号,经办法院,立案日期,结案日期,被告,结案方式"
    echo "（2023）内0603行初1号,$court,2023-01-04,2023-02-01,局局局局局局局局局局局局局局局局局局局局局局局局局局局局局局长,驳回起诉"
} > "$d/domain.csv"
printf '类型,模式,结果\n管理领域,(局|局局)+$,教育\n' > "$d/rules-domain.csv"
run FY_PCRE2_JIT=0 -- validate --rules rules-domain.csv domain.csv
if [ "$rc" = 3 ] \
    && printf '%s' "$err" | grep -qF "domain.csv:2:5: error: 被告 '局局局局局局局局局局局局局局局局局局局局局局局局局局局局局局长': the --rules pattern '(局|局局)+\$' (rules-domain.csv:2) was stopped on it"; then
    pass "catastrophic-rule: 管理领域"
else
    fail "catastrophic-rule: 管理领域" "exit $rc (want 3): $err"
fi

# the same rules on values they match: no error, the rule counts
{
    echo "案号,经办法院,立案日期,结案日期,被告,结案方式"
    echo "（2023）内0603行初1号,$court,2023-01-04,2023-02-01,鄂尔多斯市自然资源局,aaaa"
} > "$d/good.csv"
run -- query --metric closed --by disposition --year 2023 --format csv \
    --rules rules.csv good.csv
if [ "$rc" = 0 ] && grep -q '^驳回诉讼请求,1' "$d/out"; then
    pass "catastrophic-rule: a matching value"
else
    fail "catastrophic-rule: a matching value" "exit $rc: $err
$(cat "$d/out")"
fi

# a pattern that does not compile: its file:line, before any data
printf '类型,模式,结果\n结案方式,和解(结案,和解\n' > "$d/rules-bad.csv"
run -- validate --rules rules-bad.csv cases.csv
if [ "$rc" = 3 ] && [ "$(sed -n 1p "$d/err")" = "rules-bad.csv:2: error: pattern '和解(结案' does not compile at offset 5: missing closing parenthesis" ]; then
    pass "rules-compile-error-names-line"
else
    fail "rules-compile-error-names-line" "exit $rc (want 3): $err"
fi

# --------------------------------------------------------------------
# 2. An empty period in a workbook
# --------------------------------------------------------------------
d=$scratch/2
mkdir -p "$d"
PY=/usr/bin/python3
if ! "$PY" -c 'import openpyxl' 2> /dev/null; then
    echo "ok xlsx-empty-period # skip no python3-openpyxl"
else
    # what the sheet of the query's table holds: its non-empty rows, then
    # the Excel table's range and totals-row count
    sheet_rows() {
        "$PY" - "$1" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["表1 查询结果"]
for row in ws.iter_rows(min_row=4, values_only=True):
    if any(v is not None for v in row):
        print("|".join("" if v is None else str(v) for v in row))
for name in ws.tables:
    t = ws.tables[name]
    print("table %s %s totals=%s" % (name, t.ref, t.totalsRowCount))
PYEOF
    }
    SAMPLE=$FY_TOP/fixtures/sample
    "$FUYUAN" query --metric filed --by court --year 2019 --format xlsx \
        -o "$d/empty.xlsx" "$SAMPLE" > /dev/null 2> "$d/err"
    rc=$?
    got=$(sheet_rows "$d/empty.xlsx" 2>&1)
    want="经办法院|新收
（无数据）|
合计|0
table T01_Query A4:B6 totals=1"
    if [ "$rc" = 0 ] && [ "$got" = "$want" ]; then
        pass "xlsx-empty-period"
    else
        fail "xlsx-empty-period" "exit $rc: $(cat "$d/err")
got:
$got
want:
$want"
    fi
    # a period with cases: no note, the 合计 right under the rows
    "$FUYUAN" query --metric filed --by court --year 2023 --format xlsx \
        -o "$d/full.xlsx" "$SAMPLE" > /dev/null 2> "$d/err"
    rc=$?
    got=$(sheet_rows "$d/full.xlsx" 2>&1)
    nrows=$(printf '%s\n' "$got" | grep -vc '^table \|^经办法院|')
    if [ "$rc" = 0 ] && ! printf '%s' "$got" | grep -q '无数据' \
        && printf '%s\n' "$got" | grep -q "^table T01_Query A4:B$((4 + nrows)) totals=1\$" \
        && [ "$(printf '%s\n' "$got" | grep -v '^table ' | tail -1 | cut -d'|' -f1)" = 合计 ]; then
        pass "xlsx-period-with-cases"
    else
        fail "xlsx-period-with-cases" "exit $rc: $(cat "$d/err")
$got"
    fi
fi

# --------------------------------------------------------------------
# 3. A quarter with no agency loss
# --------------------------------------------------------------------
d=$scratch/3
mkdir -p "$d/data"
{
    echo "案号,经办法院,立案日期,结案日期,被告,结案方式,败诉原因,是否开庭,负责人出庭"
    for i in 1 2 3; do
        echo "（2024）内0603行初$i号,$court,2024-04-0$i,2024-05-20,达拉特旗人民政府,判决驳回诉讼请求,,是,是"
    done
    echo "（2024）内0603行初4号,$court,2024-04-05,2024-06-20,杭锦旗公安局,准予撤诉,,否,"
    echo "（2024）内0603行初5号,$court,2024-01-08,2024-02-20,杭锦旗公安局,判决驳回诉讼请求,,是,是"
} > "$d/data/cases.csv"
"$FUYUAN" quarterly --quarter 2024Q2 --no-docx --quiet -o "$d/out" \
    "$d/data" > "$d/stdout" 2> "$d/err"
rc=$?
txt=$d/out/quarterly-2024Q2.txt
if [ "$rc" = 0 ] && grep -q '本季度无行政机关败诉案件。' "$txt" \
    && grep -q '本季度，全市法院审结一审行政案件4件，行政机关败诉0件' "$txt" \
    && ! grep -q 'runtime error' "$d/err"; then
    pass "quarterly-no-agency-loss"
else
    fail "quarterly-no-agency-loss" "exit $rc (want 0)
$(head -5 "$d/err")
$(grep -n '败诉' "$txt" 2> /dev/null | head -5)"
fi
if [ -x "$PY" ] && "$PY" -c 'import openpyxl' 2> /dev/null; then
    got=$("$PY" - "$d/out/quarterly-2024Q2.xlsx" <<'PYEOF' 2>&1
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
name = [n for n in wb.sheetnames if n.endswith("败诉案件")][0]
for row in wb[name].iter_rows(min_row=3, values_only=True):
    if any(v is not None for v in row):
        print("|".join("" if v is None else str(v) for v in row))
PYEOF
)
    want="旗区|案号|经办法院|被告|结案方式|败诉原因|结案日期
（无数据）||||||"
    if [ "$rc" = 0 ] && [ "$got" = "$want" ]; then
        pass "quarterly-no-agency-loss: workbook list"
    else
        fail "quarterly-no-agency-loss: workbook list" "got:
$got"
    fi
fi
