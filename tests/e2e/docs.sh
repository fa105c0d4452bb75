#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# docs.sh - the metric table is one table (include/fuyuan/metrics.def);
# what lists metrics is held to it:
#
# 1. `fuyuan metrics` lists every id of metrics.def (parsed here, so a
#    line added to the .def is required in the output), with its 名称, in
#    the table, CSV and JSON forms; the loss_cause family and loss_causes
#    too; every id it lists is accepted by `query --metric`.
# 2. `fuyuan dimensions` lists every dimension of the dimension table
#    (stats_metrics.c), and a metric under a dimension exactly when
#    `fuyuan metrics` says the metric can be split by it.
# 3. `query --help` names every metric and dimension id.
# 4. docs/query.md: its metric table is what tools/doc-tables.sh makes of
#    `fuyuan metrics --format csv` (ids, 名称, 口径, split by), and its
#    dimension table has the ids and 名称 of `fuyuan dimensions`, in order.
#    Each check is also run on a copy of the docs with a row dropped or
#    changed, and must fail there.
#
# Prints "ok NAME" / "not ok NAME" lines; $FUYUAN is the program, $FY_TOP
# the tree (tools/run-tests.sh exports both).
set -u
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
here=$(cd "$(dirname "$0")" && pwd)
FY_TOP=${FY_TOP:-$(cd "$here/../.." && pwd)}
FUYUAN=${FUYUAN:-$FY_TOP/fuyuan}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
not_ok() {
    echo "not ok $1"
    shift
    printf '%s\n' "$@" | sed 's/^/#   /'
}

# --- what the sources say ---------------------------------------------------

# "id<TAB>名称" of every FY_METRIC line of metrics.def (entries span lines)
tr '\n' ' ' <"$FY_TOP/include/fuyuan/metrics.def" |
    grep -o 'FY_METRIC( *[A-Z0-9_]*, *"[^"]*", *"[^"]*"' |
    sed 's/^FY_METRIC( *[A-Z0-9_]*, *"\([^"]*\)", *"\([^"]*\)"$/\1\t\2/' \
    >"$tmp/def"
# "id<TAB>名称" of the dimension table
grep -o '\[DIM_[A-Z_]*\] = {"[^"]*", "[^"]*"}' \
    "$FY_TOP/src/stats/stats_metrics.c" |
    sed 's/^.*{"\([^"]*\)", "\([^"]*\)"}$/\1\t\2/' >"$tmp/dimdef"

if [ "$(wc -l <"$tmp/def")" -lt 20 ] || [ "$(wc -l <"$tmp/dimdef")" -lt 10 ]
then
    not_ok parse-sources "metrics.def or the dimension table not understood" \
        "$(cat "$tmp/def" "$tmp/dimdef")"
    exit 1
fi

# csv2tsv: CSV (no newlines in fields) to tab-separated fields
csv2tsv() {
    LC_ALL=C awk '{
        n = 0; f = ""; q = 0; out = ""
        for (i = 1; i <= length($0); i++) {
            c = substr($0, i, 1)
            if (q) {
                if (c == "\"") {
                    if (substr($0, i + 1, 1) == "\"") { f = f "\""; i++ }
                    else q = 0
                } else f = f c
            } else if (c == "\"") q = 1
            else if (c == ",") { out = out f "\t"; f = "" }
            else f = f c
        }
        print out f
    }'
}

"$FUYUAN" metrics --format csv >"$tmp/m.csv" 2>"$tmp/err"
rc=$?
csv2tsv <"$tmp/m.csv" >"$tmp/m.tsv"
"$FUYUAN" dimensions --format csv >"$tmp/d.csv" 2>>"$tmp/err"
rc=$((rc + $?))
csv2tsv <"$tmp/d.csv" >"$tmp/d.tsv"
if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
    not_ok list-commands-run "fuyuan metrics/dimensions failed" \
        "$(cat "$tmp/err")"
fi

# --- 1. fuyuan metrics ------------------------------------------------------

if [ "$(head -1 "$tmp/m.tsv")" = \
     "$(printf 'id\tname\tkind\tsource\tnumerator\tdenominator\tdimensions')" ]
then ok metrics-csv-header
else not_ok metrics-csv-header "$(head -1 "$tmp/m.csv")"; fi

# the table's lines first, in the .def's order, with their 名称
tail -n +2 "$tmp/m.tsv" | cut -f1,2 | head -n "$(wc -l <"$tmp/def")" \
    >"$tmp/m.idname"
if diff "$tmp/def" "$tmp/m.idname" >"$tmp/diff"; then
    ok metrics-lists-every-def-entry
else
    not_ok metrics-lists-every-def-entry \
        "< metrics.def, > fuyuan metrics --format csv" "$(cat "$tmp/diff")"
fi

# then loss_cause:<cause> lines and loss_causes last
rest=$(tail -n +2 "$tmp/m.tsv" | tail -n +"$(( $(wc -l <"$tmp/def") + 1 ))" |
       cut -f1)
ncauses=$(printf '%s\n' "$rest" | grep -c '^loss_cause:.')
if [ "$ncauses" -ge 2 ] && [ "$(printf '%s\n' "$rest" | tail -1)" = loss_causes ] \
   && [ "$(printf '%s\n' "$rest" | wc -l)" -eq $((ncauses + 1)) ] \
   && printf '%s\n' "$rest" | grep -qx 'loss_cause:未填写'; then
    ok metrics-lists-loss-causes
else
    not_ok metrics-lists-loss-causes "$rest"
fi

# kinds, and a denominator exactly for the rates
bad=$(tail -n +2 "$tmp/m.tsv" | awk -F'\t' '
    !($3 == "计数" && $6 == "" || ($3 == "比率" || $3 == "每万人") && $6 != "") \
    || $5 == "" || $4 == "" || $7 == ""')
if [ -z "$bad" ]; then ok metrics-kinds-and-definitions
else not_ok metrics-kinds-and-definitions "$bad"; fi

# every id it lists is one query accepts (all at once: at most 64)
ids=$(tail -n +2 "$tmp/m.tsv" | cut -f1 | paste -sd, -)
"$FUYUAN" query --metric "$ids" --year 2023 --format csv \
    "$FY_TOP/fixtures/stats" >"$tmp/q.csv" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ]; then ok metrics-ids-accepted-by-query
else not_ok metrics-ids-accepted-by-query "exit $rc" "$(cat "$tmp/err")"; fi

# the table form: every id at the start of a line, and the 名称 column
# (and every later one) starts at the same display column on every line
"$FUYUAN" metrics >"$tmp/m.txt" 2>"$tmp/err"
missing=$(tail -n +2 "$tmp/m.tsv" | cut -f1 | while read -r id; do
    grep -q "^$id " "$tmp/m.txt" || echo "$id"; done)
widths=$(grep -v '^---' "$tmp/m.txt" | while IFS= read -r line; do
    kind=$(printf '%s\n' "$line" | sed -n 's/^\(.*\)  \(计数\|比率\|每万人\|kind\)  .*$/\1/p')
    printf '%s' "$kind" | wc -L
done | sort -u)
if [ -z "$missing" ] && [ "$(printf '%s\n' "$widths" | wc -l)" -eq 1 ]; then
    ok metrics-table-aligned
else
    not_ok metrics-table-aligned "missing: $missing" \
        "kind column starts at: $widths" "$(head -5 "$tmp/m.txt")"
fi

"$FUYUAN" metrics --format json >"$tmp/m.json" 2>"$tmp/err"
missing=$(cut -f1 "$tmp/def" | while read -r id; do
    grep -qF "{\"id\": \"$id\", " "$tmp/m.json" || echo "$id"; done)
if [ -z "$missing" ] && grep -q '"denominator": null' "$tmp/m.json" \
   && grep -q '"dimensions": \["district"\]' "$tmp/m.json"; then
    ok metrics-json
else
    not_ok metrics-json "missing: $missing" "$(head -3 "$tmp/m.json")"
fi
if command -v python3 >/dev/null 2>&1; then
    for f in metrics dimensions; do
        if "$FUYUAN" "$f" --format json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
assert isinstance(rows, list) and rows and all("id" in r for r in rows)
' 2>"$tmp/err"; then ok "$f-json-parses"
        else not_ok "$f-json-parses" "$(cat "$tmp/err")"; fi
    done
else
    echo "ok metrics-json-parses # skip no python3"
fi

# --- 2. fuyuan dimensions ---------------------------------------------------

if diff "$tmp/dimdef" <(tail -n +2 "$tmp/d.tsv" | cut -f1,2) >"$tmp/diff"
then ok dimensions-lists-every-dimension
else not_ok dimensions-lists-every-dimension \
    "< the dimension table, > fuyuan dimensions" "$(cat "$tmp/diff")"; fi

# metric M under dimension D <=> D in M's dimensions (the family of
# loss_cause:<cause> is listed as loss_causes)
tail -n +2 "$tmp/m.tsv" | awk -F'\t' '$1 !~ /^loss_cause:/ {
    n = split($7, d, " "); for (i = 1; i <= n; i++) print d[i] "\t" $1 }' |
    sort >"$tmp/pairs.m"
tail -n +2 "$tmp/d.tsv" | awk -F'\t' '{
    n = split($4, m, " "); for (i = 1; i <= n; i++) print $1 "\t" m[i] }' |
    sort >"$tmp/pairs.d"
if diff "$tmp/pairs.m" "$tmp/pairs.d" >"$tmp/diff" && [ -s "$tmp/pairs.d" ]
then ok dimensions-agree-with-metrics
else not_ok dimensions-agree-with-metrics \
    "< fuyuan metrics, > fuyuan dimensions" "$(cat "$tmp/diff")"; fi
if grep -q $'^litigation_per_10k\t.*\tdistrict$' "$tmp/m.tsv" \
   && grep -q $'^hearing_count\t.*\tmonth quarter year$' "$tmp/m.tsv"; then
    ok dimensions-of-other-tables
else
    not_ok dimensions-of-other-tables "$(grep -E '^(litigation|hearing)' "$tmp/m.tsv")"
fi

"$FUYUAN" dimensions >"$tmp/d.txt" 2>&1
missing=$(cut -f1,2 "$tmp/dimdef" | while IFS=$'\t' read -r id name; do
    grep -qE "^$id +$name " "$tmp/d.txt" || echo "$id $name"; done)
if [ -z "$missing" ]; then ok dimensions-table
else not_ok dimensions-table "missing: $missing" "$(head -4 "$tmp/d.txt")"; fi

# usage: no data, no -o, no period, table|csv|json
for args in "metrics $FY_TOP/fixtures/stats" "metrics -o x" \
            "metrics --format xlsx" "dimensions --year 2023" \
            "dimensions --courts x.csv"; do
    # shellcheck disable=SC2086
    "$FUYUAN" $args >/dev/null 2>"$tmp/err"
    rc=$?
    name="usage-$(printf '%s' "$args" | sed "s|$FY_TOP/||; s/[^a-z0-9]\+/-/g")"
    if [ "$rc" -eq 2 ] && grep -q "Try 'fuyuan" "$tmp/err"; then ok "$name"
    else not_ok "$name" "exit $rc" "$(cat "$tmp/err")"; fi
done

# --- 3. query --help --------------------------------------------------------

"$FUYUAN" query --help >"$tmp/help" 2>&1
missing=$(cut -f1 "$tmp/def" "$tmp/dimdef" | while read -r id; do
    grep -qE "(^|[ ,])$id(,|$)" "$tmp/help" || echo "$id"; done)
if [ -z "$missing" ] && grep -q "fuyuan metrics" "$tmp/help" \
   && grep -q "fuyuan dimensions" "$tmp/help"; then
    ok query-help-lists-ids
else
    not_ok query-help-lists-ids "missing: $missing" "$(cat "$tmp/help")"
fi
for c in metrics dimensions; do
    if "$FUYUAN" --help | grep -qE "^  $c +[a-z]"; then ok "main-help-$c"
    else not_ok "main-help-$c" "$("$FUYUAN" --help)"; fi
done

# --- 4. docs/query.md -------------------------------------------------------

"$FY_TOP/tools/doc-tables.sh" "$FUYUAN" >"$tmp/want.md"

# the table lines of section $2 of markdown file $1 (its first table)
section_table() {
    awk -v h="$2" '
        $0 == h { in_s = 1; next }
        in_s && /^## / { exit }
        in_s && /^\|/ { t = 1; print; next }
        in_s && t { exit }' "$1"
}

# check_metrics FILE: the metric table of FILE is the made one
check_metrics() {
    section_table "$1" "## Metrics" | diff "$tmp/want.md" - >"$tmp/diff"
}

# check_dims FILE: the dimension table's ids and 名称, in order
check_dims() {
    section_table "$1" "## Dimensions" | tail -n +3 |
        awk -F'|' '{ gsub(/^ *`?|`? *$/, "", $2); gsub(/^ *| *$/, "", $3)
                     print $2 "\t" $3 }' |
        diff <(tail -n +2 "$tmp/d.tsv" | cut -f1,2) - >"$tmp/diff"
}

docs=$FY_TOP/docs/query.md
if check_metrics "$docs"; then
    ok docs-metric-table
else
    not_ok docs-metric-table \
        "docs/query.md's metric table is not what tools/doc-tables.sh makes" \
        "of 'fuyuan metrics' (< made, > docs); paste its output over it:" \
        "$(cat "$tmp/diff")"
fi
if check_dims "$docs"; then
    ok docs-dimension-table
else
    not_ok docs-dimension-table \
        "docs/query.md's dimension table (< fuyuan dimensions, > docs):" \
        "$(cat "$tmp/diff")"
fi

# The checks can fail: a metric missing from the docs, a metric the
# program does not have, a changed 口径, a missing dimension.
grep -v '^| `loss_rate` ' "$docs" >"$tmp/drop.md"
sed 's/^| `filed` .*$/&\n| `filed_twice` | 新收 | 立案日期在期内的案件 | — | case, time |/' \
    "$docs" >"$tmp/extra.md"
sed 's/^\(| `closed` | 审结 | \)结案日期/\1审结日期/' "$docs" >"$tmp/text.md"
grep -v '^| `recipient` ' "$docs" >"$tmp/nodim.md"
for f in drop extra text; do
    if ! cmp -s "$docs" "$tmp/$f.md" && ! check_metrics "$tmp/$f.md"; then
        ok "docs-check-fails-$f"
    else
        not_ok "docs-check-fails-$f" "the changed copy passed the check"
    fi
done
if ! cmp -s "$docs" "$tmp/nodim.md" && ! check_dims "$tmp/nodim.md"; then
    ok docs-check-fails-nodim
else
    not_ok docs-check-fails-nodim "the changed copy passed the check"
fi
