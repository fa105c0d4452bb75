#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# query.sh - `fuyuan query` end to end on the hand-made data set
# fixtures/stats (see its README.md): the JSON form of outputs.md, CSV
# with and without BOM, the terminal table, and the exit statuses.
# Every expected figure is worked out by hand from the fixture (the row
# names K01, A01, D01, ... are those of fixtures/stats/README.md).
# Prints "ok NAME" / "not ok NAME" lines; $FUYUAN is the program.
set -u
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
top=$(cd "$(dirname "$0")/../.." && pwd)
FUYUAN=${FUYUAN:-$top/fuyuan}
data=$top/fixtures/stats
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
not_ok() {
    echo "not ok $1"
    shift
    printf '%s\n' "$@" | sed 's/^/#   /'
}

# q ARGS...: fuyuan query ARGS on the fixture; stdout in $tmp/out, stderr
# in $tmp/err, the exit status in $rc.
q() {
    "$FUYUAN" query "$@" "$data" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# expect_rc NAME STATUS [TEXT...]: the last q exited with STATUS and its
# stderr holds every TEXT.
expect_rc() {
    local name=$1 want=$2 t
    shift 2
    if [ "$rc" -ne "$want" ]; then
        not_ok "$name" "exit status $rc, expected $want" "$(cat "$tmp/err")"
        return
    fi
    for t in "$@"; do
        if ! grep -qF -- "$t" "$tmp/err"; then
            not_ok "$name" "stderr lacks '$t'" "$(cat "$tmp/err")"
            return
        fi
    done
    ok "$name"
}

# JSON compared as data (json.load of both), numbers as numbers.
cat >"$tmp/json_eq.py" <<'EOF'
import json, math, sys

def same(a, b, path):
    if isinstance(a, bool) or isinstance(b, bool):
        ok = a is b
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        ok = math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    elif isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            sys.exit("%s: keys %s, expected %s" % (path, sorted(a), sorted(b)))
        return all(same(a[k], b[k], path + "." + k) for k in a)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            sys.exit("%s: %d items, expected %d" % (path, len(a), len(b)))
        return all(same(x, y, "%s[%d]" % (path, i))
                   for i, (x, y) in enumerate(zip(a, b)))
    else:
        ok = a == b
    if not ok:
        sys.exit("%s: %r, expected %r" % (path, a, b))
    return True

got = json.load(open(sys.argv[1], encoding="utf-8"))
exp = json.load(open(sys.argv[2], encoding="utf-8"))
same(got, exp, "$")
EOF

json_eq() { # NAME EXPECTED_FILE: compare $tmp/out with it
    local msg
    if [ "$rc" -ne 0 ]; then
        not_ok "$1" "exit status $rc" "$(cat "$tmp/err")"
    elif msg=$(python3 "$tmp/json_eq.py" "$tmp/out" "$2" 2>&1); then
        ok "$1"
    else
        not_ok "$1" "$msg" "$(cat "$tmp/out")"
    fi
}

# py NAME CODE: run python CODE with the parsed JSON output as `d`.
json_check() {
    local msg
    if [ "$rc" -ne 0 ]; then
        not_ok "$1" "exit status $rc" "$(cat "$tmp/err")"
    elif msg=$(python3 -c "import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
$2" "$tmp/out" 2>&1); then
        ok "$1"
    else
        not_ok "$1" "$msg" "$(cat "$tmp/out")"
    fi
}

# ------------------------------------------------------------------
# JSON
# ------------------------------------------------------------------

# filed and loss_rate by 旗区, 2024Q1. Filed: D01, D07 (东胜区), D02
# (准格尔旗), D04 (乌审旗), D03 (市本级). First instance closed: A16 L, D01 L
# (东胜区), A15 调解, D02 撤诉 (准格尔旗), K09 L (鄂托克前旗), A14 驳回诉讼请求
# (市本级). 乌审旗 has no first-instance closing: its rate is null.
cat >"$tmp/small.json" <<'EOF'
{
  "period": {"start": "2024-01-01", "end": "2024-03-31"},
  "by": ["district"],
  "rows": [
    {"district": "东胜区", "metrics": {
      "filed": {"value": 2, "numerator": 2, "denominator": null},
      "loss_rate": {"value": 1, "numerator": 2, "denominator": 2}}},
    {"district": "准格尔旗", "metrics": {
      "filed": {"value": 1, "numerator": 1, "denominator": null},
      "loss_rate": {"value": 0, "numerator": 0, "denominator": 2}}},
    {"district": "鄂托克前旗", "metrics": {
      "filed": {"value": 0, "numerator": 0, "denominator": null},
      "loss_rate": {"value": 1, "numerator": 1, "denominator": 1}}},
    {"district": "乌审旗", "metrics": {
      "filed": {"value": 1, "numerator": 1, "denominator": null},
      "loss_rate": {"value": null, "numerator": 0, "denominator": 0}}},
    {"district": "市本级", "metrics": {
      "filed": {"value": 1, "numerator": 1, "denominator": null},
      "loss_rate": {"value": 0, "numerator": 0, "denominator": 1}}}
  ],
  "total": {"metrics": {
    "filed": {"value": 5, "numerator": 5, "denominator": null},
    "loss_rate": {"value": 0.5, "numerator": 3, "denominator": 6}}}
}
EOF
q --metric filed,loss_rate --by district --quarter 2024Q1 --format json
json_eq json_small_query "$tmp/small.json"

# Without --by: exactly one row, without dimension keys, equal to the
# total. 2023: closed 23 of 旧存 5 + 新收 24; 9 losses of 18.
cat >"$tmp/noby.json" <<'EOF'
{
  "period": {"start": "2023-01-01", "end": "2023-12-31"},
  "by": [],
  "rows": [
    {"metrics": {
      "closure_rate": {"value": 0.7931034482758621, "numerator": 23,
                       "denominator": 29},
      "loss_rate": {"value": 0.5, "numerator": 9, "denominator": 18}}}
  ],
  "total": {"metrics": {
    "closure_rate": {"value": 0.7931034482758621, "numerator": 23,
                     "denominator": 29},
    "loss_rate": {"value": 0.5, "numerator": 9, "denominator": 18}}}
}
EOF
q --metric closure_rate,loss_rate --year 2023 --format json
json_eq json_without_by_one_row "$tmp/noby.json"
json_check json_without_by_equals_total \
    "assert len(d['rows']) == 1 and d['rows'][0] == d['total'], d"

# Undefined rates are null, never 0: 2024-02, R10 (issued 02-10) was
# answered only 03-01: 采纳率 0/0; H05 (02-29) not attended: 0/1 = 0.
cat >"$tmp/null.json" <<'EOF'
{
  "period": {"start": "2024-02-01", "end": "2024-02-29"},
  "by": [],
  "rows": [{"metrics": {
    "rec_adoption_rate": {"value": null, "numerator": 0, "denominator": 0},
    "hearing_attendance_rate": {"value": 0, "numerator": 0,
                                "denominator": 1}}}],
  "total": {"metrics": {
    "rec_adoption_rate": {"value": null, "numerator": 0, "denominator": 0},
    "hearing_attendance_rate": {"value": 0, "numerator": 0,
                                "denominator": 1}}}
}
EOF
q --metric rec_adoption_rate,hearing_attendance_rate --month 2024-02 \
  --format json
json_eq json_null_for_undefined "$tmp/null.json"

# A missing 被告 is a null dimension value (E01, filed 2023-02-28), last.
q --metric filed --by defendant --quarter 2023Q1 --format json
json_check json_null_dimension_value "
r = d['rows']
assert len(r) == 7, r
assert r[-1]['defendant'] is None, r[-1]
assert r[-1]['metrics']['filed']['numerator'] == 1, r[-1]
assert r[0]['defendant'] == '东胜区住房和城乡建设局', r[0]
assert r[0]['metrics']['filed']['value'] == 2, r[0]"

# litigation_per_10k: numerator the filings, denominator the population,
# value x 10000. 2023, 东胜区: A02, A09, A13, A16 + civil 410 = 414 over
# 585,200; 市本级: A03, A12, A14 + 中院 5 = 8 over none (null).
q --metric litigation_per_10k --by district --year 2023 --format json
json_check json_per_10k "
r = {x['district']: x['metrics']['litigation_per_10k'] for x in d['rows']}
assert r['东胜区'] == {'value': 414 / 585200 * 10000, 'numerator': 414,
                       'denominator': 585200}, r['东胜区']
assert r['市本级'] == {'value': None, 'numerator': 8, 'denominator': 0}, r
t = d['total']['metrics']['litigation_per_10k']
assert (t['numerator'], t['denominator']) == (604, 2220300), t"

# --compare yoy, 2024-02 against 2023-02-01..2023-02-28: filed 1 against
# A03, B01, E01 (3); losses 1 against 0 (change null); loss_rate 1/2
# against 0/1 (K02): +50 percentage points.
q --metric filed,agency_losses,loss_rate --month 2024-02 --compare yoy \
  --format json
json_check json_compare_yoy "
assert d['compare_period'] == {'start': '2023-02-01', 'end': '2023-02-28'}
m = d['total']['metrics']
assert m['filed']['previous']['numerator'] == 3, m
assert abs(m['filed']['change'] - (1 - 3) / 3) < 1e-12, m
assert m['agency_losses']['previous']['numerator'] == 0, m
assert m['agency_losses']['change'] is None, m
assert abs(m['loss_rate']['change'] - 50) < 1e-9, m"

# the population fallback is said on stderr: 东胜区 has no 2024 row
q --metric litigation_per_10k --by district --year 2024 --format json
json_check population_fallback_warning "
r = {x['district']: x['metrics']['litigation_per_10k'] for x in d['rows']}
assert r['东胜区']['denominator'] == 585200, r
assert d['total']['metrics']['litigation_per_10k']['denominator'] == 2208200"
if grep -q '东胜区.*2024.*2023' "$tmp/err"; then
    ok population_fallback_stderr
else
    not_ok population_fallback_stderr "$(cat "$tmp/err")"
fi

# ------------------------------------------------------------------
# CSV
# ------------------------------------------------------------------

# filed, loss_rate by 结案方式, 2024Q1: a row per category with data, the
# pending D03 in a row without a value, undefined rates empty, 合计 last.
# 驳回诉讼请求 A14; 撤销 A16, K09 (losses); 确认违法 D01; 撤诉 D02; 调解 A15;
# 维持原判 D04 (行终), 准予执行 D07 (行审): filed, no first instance.
printf '%s\n' \
    'disposition,filed,filed_numerator,filed_denominator,loss_rate,loss_rate_numerator,loss_rate_denominator' \
    '驳回诉讼请求,0,0,,0,0,1' \
    '撤销,0,0,,1,2,2' \
    '确认违法,1,1,,1,1,1' \
    '撤诉,1,1,,0,0,1' \
    '调解,0,0,,0,0,1' \
    '维持原判,1,1,,,0,0' \
    '准予执行,1,1,,,0,0' \
    ',1,1,,,0,0' \
    '合计,5,5,,0.5,3,6' >"$tmp/exp.csv"
q --metric filed,loss_rate --by disposition --quarter 2024Q1 --format csv
if [ "$rc" -eq 0 ] && cmp -s "$tmp/out" "$tmp/exp.csv"; then
    ok csv_header_and_rows
else
    not_ok csv_header_and_rows "$(diff -u "$tmp/exp.csv" "$tmp/out")"
fi
if [ "$(head -c 3 "$tmp/out" | od -An -tx1 | tr -d ' ')" != efbbbf ]; then
    ok csv_without_bom
else
    not_ok csv_without_bom "a BOM without --bom"
fi
cp "$tmp/out" "$tmp/plain.csv"
q --metric filed,loss_rate --by disposition --quarter 2024Q1 --format csv \
  --bom
if [ "$rc" -eq 0 ] \
   && [ "$(head -c 3 "$tmp/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] \
   && tail -c +4 "$tmp/out" | cmp -s - "$tmp/plain.csv"; then
    ok csv_bom
else
    not_ok csv_bom "$(head -c 16 "$tmp/out" | od -c | head -2)"
fi

# --compare: value, numerator, denominator of both periods and the change
# (2024Q1 against 2023Q1: filed 5 vs 8; loss_rate 3/6 vs 1/3, +16.67 pp)
q --metric filed,loss_rate --quarter 2024Q1 --compare yoy --format csv
if [ "$rc" -eq 0 ] && python3 - "$tmp/out" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
assert rows[0] == ["filed", "filed_numerator", "filed_denominator",
                   "filed_previous", "filed_previous_numerator",
                   "filed_previous_denominator", "filed_change",
                   "loss_rate", "loss_rate_numerator",
                   "loss_rate_denominator", "loss_rate_previous",
                   "loss_rate_previous_numerator",
                   "loss_rate_previous_denominator", "loss_rate_change"], rows
assert len(rows) == 2, rows
exp = [5, 5, None, 8, 8, None, (5 - 8) / 8,
       0.5, 3, 6, 1 / 3, 1, 3, (3 / 6 - 1 / 3) * 100]
for got, want in zip(rows[1], exp):
    if want is None:
        assert got == "", rows[1]
    else:
        assert abs(float(got) - want) < 1e-9, (got, want)
EOF
then
    ok csv_compare
else
    not_ok csv_compare "$(cat "$tmp/out" "$tmp/err")"
fi

# ------------------------------------------------------------------
# Terminal table
# ------------------------------------------------------------------

# fixtures/stats/query-table.expected: 一审审结, 败诉率 and 万人成讼率 by 旗区,
# 2023 (see test_stats.c for each figure); Han characters two columns
# wide, numbers right-aligned, rates as 66.67%, — for 市本级's undefined
# 万人成讼率, a 合计 row.
q --metric fi_closed,loss_rate,litigation_per_10k --by district --year 2023
if [ "$rc" -eq 0 ] && cmp -s "$tmp/out" "$data/query-table.expected"; then
    ok table_exact
else
    not_ok table_exact "$(diff -u "$data/query-table.expected" "$tmp/out")"
fi

# a missing value reads 未填写; a change of a count whose last value is 0
# reads —, a change of a rate is in 个百分点
q --metric filed --by defendant --quarter 2023Q1
if [ "$rc" -eq 0 ] && grep -q '^未填写  *1$' "$tmp/out"; then
    ok table_unfilled
else
    not_ok table_unfilled "$(cat "$tmp/out")"
fi
q --metric agency_losses,loss_rate --month 2024-02 --compare yoy
if [ "$rc" -eq 0 ] && grep -q '1  *0  *—  *50.00%  *0.00%  *+50.00个百分点$' \
                           "$tmp/out"; then
    ok table_compare
else
    not_ok table_compare "$(cat "$tmp/out")"
fi

# ------------------------------------------------------------------
# Exit statuses
# ------------------------------------------------------------------

q --metric filed,bogus --year 2023
expect_rc unknown_metric 2 "bogus" "filed" "closure_rate" \
    "hearing_attendance_rate" "loss_causes"
q --metric filed --by county --year 2023
expect_rc unknown_dimension 2 "county" "court" "district" "defendant" \
    "domain" "action_type" "case_type" "disposition" "month" "quarter" \
    "year" "rec_kind" "recipient"
q --metric filed --year 2023 --where district=东胜
expect_rc unknown_where_value 2 "东胜" "东胜区" "伊金霍洛旗" "市本级"
q --metric filed
expect_rc missing_period 2 "--year"
q --metric filed --quarter 2024Q5
expect_rc bad_period 2 "2024Q5"
q --metric litigation_per_10k --by court --year 2023
expect_rc cannot_split 2 "litigation_per_10k" "court"
q --metric filed --by month,year --year 2023
expect_rc two_time_dimensions 2
q --metric civil_fi_filed --from 2023-07-15 --to 2023-12-31
expect_rc civil_cuts_month 2 "cuts a month"

"$FUYUAN" query --metric filed --year 2023 "$tmp/no-such.csv" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc unreadable_input 3 "no-such.csv"
printf '案号,经办法院,立案日期\n(2023)内0603行初1号,\0,2023-01-01\n' \
    >"$tmp/nul.csv"
"$FUYUAN" query --metric filed --year 2023 "$tmp/nul.csv" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc input_not_csv 3 "nul.csv"

# --strict with a rejected row: status 1 and nothing on stdout. The row
# is a civil case (民初), which no administrative table takes.
mkdir "$tmp/bad"
cp "$data"/*.csv "$tmp/bad/"
echo '(2023)内0603民初1号,鄂尔多斯市康巴什区人民法院,2023-05-05,,某公司,,,,,,,' \
    >>"$tmp/bad/cases.csv"
"$FUYUAN" query --metric filed --year 2023 --strict "$tmp/bad" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ]; then
    ok strict_rejected_rows
else
    not_ok strict_rejected_rows "exit status $rc" "$(cat "$tmp/out")"
fi
# without --strict the rejected row is left out: filed is still 24
"$FUYUAN" query --metric filed --year 2023 --format csv "$tmp/bad" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(sed -n 2p "$tmp/out")" = "24,24," ] \
   && grep -q "rejected" "$tmp/err"; then
    ok rejected_rows_left_out
else
    not_ok rejected_rows_left_out "exit status $rc" "$(cat "$tmp/out" \
        "$tmp/err")"
fi

# Counts are capped at ingest (FY_MAX_CIVIL_COUNT, FY_MAX_POPULATION:
# 1,000,000,000): twelve months of 900,000,000,000,000,000 civil filings
# once summed past INT64_MAX and printed a negative figure. Each row is
# rejected, by the cap's name, and the figure is 0, not a wrapped sum.
mkdir "$tmp/huge"
{ echo '经办法院,月份,民事一审新收'
  for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
      echo "鄂尔多斯市康巴什区人民法院,2023-$m,900000000000000000"
  done; } >"$tmp/huge/civil.csv"
"$FUYUAN" query --metric civil_fi_filed --year 2023 --format csv \
    "$tmp/huge" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(sed -n 2p "$tmp/out")" = "0,0," ] \
   && grep -qF "12 rows rejected" "$tmp/err"; then
    ok civil_count_over_cap
else
    not_ok civil_count_over_cap "exit status $rc" "$(cat "$tmp/out" \
        "$tmp/err")"
fi
"$FUYUAN" validate -v "$tmp/huge" >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc civil_count_over_cap_named 1 \
    "civil.csv:13:3: 民事一审新收 '900000000000000000' is above the cap of 1,000,000,000 for a court's monthly count (FY_MAX_CIVIL_COUNT)"

# The caps themselves are accepted: 1,000,000,000 filings over
# 1,000,000,000 persons (100,000 万人) + 1,000,000,000 persons is
# 10000 x 1e9 / 2e9 = 5000 per 10k; cap + 1 is rejected.
mkdir "$tmp/cap"
printf '%s\n' '经办法院,月份,民事一审新收' \
    '鄂尔多斯市康巴什区人民法院,2023-01,"1,000,000,000"' \
    '鄂尔多斯市康巴什区人民法院,2023-02,1000000001' >"$tmp/cap/civil.csv"
printf '%s\n' '旗区,年份,常住人口(万人)' '东胜区,2023,100000' \
    '康巴什区,2023,100000.0001' >"$tmp/cap/pop-wan.csv"
printf '%s\n' '旗区,年份,常住人口' '达拉特旗,2023,1000000000' \
    '准格尔旗,2023,1000000001' >"$tmp/cap/pop.csv"
"$FUYUAN" query --metric civil_fi_filed,litigation_per_10k --year 2023 \
    --format csv "$tmp/cap" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(sed -n 2p "$tmp/out")" \
        = "1000000000,1000000000,,5000,1000000000,2000000000" ] \
   && grep -qF "3 rows rejected" "$tmp/err"; then
    ok count_caps_accepted
else
    not_ok count_caps_accepted "exit status $rc" "$(cat "$tmp/out" \
        "$tmp/err")"
fi
# Chinese on the command line (issue 13): --metric, --by and --where take
# the Chinese names of metrics and dimensions, and give the same answer
"$FUYUAN" query --metric loss_rate,loss_cause:违反法定程序 --by district \
    --where district=东胜区 --year 2023 --format csv "$top/fixtures/sample" \
    >"$tmp/en.csv" 2>/dev/null
"$FUYUAN" query --metric 行政机关败诉率,败诉原因：违反法定程序 --by 旗区 \
    --where 旗区=东胜区 --year 2023 --format csv "$top/fixtures/sample" \
    >"$tmp/zh.csv" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$tmp/zh.csv" ] && cmp -s "$tmp/en.csv" "$tmp/zh.csv"
then
    ok chinese_names
else
    not_ok chinese_names "exit status $rc" "$(cat "$tmp/zh.csv" "$tmp/err")"
fi
LANG=zh_CN.UTF-8 LANGUAGE=zh_CN "$FUYUAN" query --metric loss_rate \
    --where 旗区=某地 --year 2023 "$top/fixtures/sample" >/dev/null 2>"$tmp/err"
if grep -q "不是旗区（district）的取值" "$tmp/err"; then
    ok chinese_dimension_in_message
else
    not_ok chinese_dimension_in_message "$(cat "$tmp/err")"
fi
# every item of a 败诉原因 cell counts, however many it lists: the 17th
# used to be dropped without a word
mkdir -p "$tmp/many"
{
    echo "案号,经办法院,立案日期,结案日期,被告,结案方式,败诉原因,是否开庭,负责人出庭"
    printf '(2023)内0603行初1号,鄂尔多斯市康巴什区人民法院,2023-03-01,2023-06-01,'
    printf '东胜区自然资源局,判决撤销被诉行政行为,"'
    for i in $(seq 16); do printf '其他、'; done
    echo '超越职权",是,是'
} >"$tmp/many/cases.csv"
"$FUYUAN" query --metric loss_cause:超越职权,loss_cause:其他 --year 2023 \
    --format csv "$tmp/many" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(sed -n 2p "$tmp/out")" = "1,1,1,1,1,1" ]; then
    ok seventeenth_loss_cause
else
    not_ok seventeenth_loss_cause "exit status $rc" "$(cat "$tmp/out" \
        "$tmp/err")"
fi
exit 0
