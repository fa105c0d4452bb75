#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# workbook.sh - end-to-end tests of the workbooks (outputs.md, "The
# workbook", "query"), on the sample data set:
#
# 1. annual 2023 and quarterly 2024Q2: tests/xlsx/check_workbook.py checks
#    the sheets and their order, one named Excel table per table sheet, the
#    headers, no merged cells, title and source rows, the frozen header,
#    hidden gridlines, 目录's links, number formats and "—", every 合计 row
#    and every data row against `fuyuan query --format json` (上年同期 and
#    同比 against --compare yoy), rankings, follow-up lists, 数据质量, the
#    workbook properties (created = SOURCE_DATE_EPOCH) and charts' alt text.
# 2. Reproducible: two runs give byte-identical files; manifest.json lists
#    every input and output with its SHA-256.
# 3. LibreOffice (soffice --headless) opens every workbook and shows the
#    same title and 表1 合计 row (skipped when soffice is not installed).
# 4. All-or-nothing: a run that fails midway (tests/fault/inject.c makes
#    the fopen() of manifest.json fail) or as it puts its folder in place
#    (the renameat2() of DIR.tmp-XXXXXX fails) leaves the previous files
#    as they were and no DIR.tmp-* behind; -o under a regular file exits 4;
#    --strict with a rejected row exits 1 and writes nothing.
# 5. query --format xlsx -o FILE: the one-table workbook; without -o, 2.
#
# Prints "ok NAME" / "not ok NAME" and indented details, as
# tools/run-tests.sh counts them. Uses FUYUAN and FY_TOP (set by
# tools/run-tests.sh; defaults: this tree) and FY_SAMPLE (default:
# fixtures/sample, generated into a scratch folder when absent).
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000
unset LC_MESSAGES LC_CTYPE
PY=/usr/bin/python3
CHECK=$FY_TOP/tests/xlsx/check_workbook.py

need_fuyuan "workbook.sh"
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    echo "ok workbook.sh # skip $PY has no openpyxl (make deps)"
    exit 0
fi
new_scratch wb
cd "$scratch" || exit 1   # a default reports/ folder lands here

# ------------------------------------------------------------------ #
# The data                                                            #
# ------------------------------------------------------------------ #

sample=${FY_SAMPLE:-$FY_TOP/fixtures/sample}
if ! ls "$sample"/*.csv >/dev/null 2>&1; then
    sample=$scratch/sample
    if ! "$PY" "$FY_TOP/tools/gen_data.py" --out "$sample" >/dev/null; then
        fail "sample" "tools/gen_data.py failed"
        exit 1
    fi
fi

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

# same_files DIR1 DIR2: nothing when both hold the same files with the
# same bytes, else what differs
same_files() {
    diff -rq "$1" "$2" 2>&1 | sed "s|$scratch/||g"
}

# check_workbook NAME KIND FILE PERIOD...: the checker's ok/not ok lines
check_workbook() {
    local name=$1 kind=$2 file=$3 out
    shift 3
    out=$("$PY" "$CHECK" workbook --fuyuan "$FUYUAN" --kind "$kind" \
        --data "$sample" --epoch "$SOURCE_DATE_EPOCH" --name "$name" \
        "$file" -- "$@" 2>&1)
    if ! printf '%s\n' "$out" | grep -q '^\(not \)\?ok '; then
        fail "$name" "$out"   # the checker crashed
    else
        printf '%s\n' "$out"
    fi
}

# ------------------------------------------------------------------ #
# 1. annual and quarterly: content                                    #
# ------------------------------------------------------------------ #

annual=$scratch/annual
quarterly=$scratch/quarterly
have_annual=0 have_quarterly=0
if run annual-2023 0 annual --year 2023 -o "$annual" "$sample"; then
    have_annual=1
    pass "annual-2023"
    check_workbook annual-2023 annual "$annual/annual-2023.xlsx" \
        --year 2023
fi
if run quarterly-2024Q2 0 quarterly --quarter 2024Q2 -o "$quarterly" \
    "$sample"; then
    have_quarterly=1
    pass "quarterly-2024Q2"
    check_workbook quarterly-2024Q2 quarterly \
        "$quarterly/quarterly-2024Q2.xlsx" --quarter 2024Q2
fi

# ------------------------------------------------------------------ #
# 2. Reproducible, and the manifest                                   #
# ------------------------------------------------------------------ #

if [ $have_annual = 1 ]; then
    cp -R "$annual" "$scratch/annual.first"
    # the second run replaces the first's files in the same folder
    if run annual-rerun 0 annual --year 2023 -o "$annual" "$sample"; then
        d=$(same_files "$scratch/annual.first" "$annual")
        if [ -z "$d" ]; then pass "annual-reproducible"
        else fail "annual-reproducible" "$d"; fi
    fi
    out=$("$PY" "$CHECK" manifest --data "$sample" \
        --epoch "$SOURCE_DATE_EPOCH" --name annual-2023 "$annual" 2>&1)
    printf '%s\n' "$out" | grep -v '^# '
    # one input's digest by sha256sum, independently of Python
    read -r _ sum path <<EOF
$(printf '%s\n' "$out" | grep '^# ' | head -1)
EOF
    if [ -n "${path:-}" ] &&
        [ "$(sha256sum "$path" | cut -d' ' -f1)" = "$sum" ]; then
        pass "manifest-sha256sum"
    else
        fail "manifest-sha256sum" "manifest.json gives ${sum:-nothing} for \
${path:-no input}; sha256sum: $(sha256sum "${path:-/dev/null}")"
    fi
fi
if [ $have_quarterly = 1 ]; then
    mkdir -p "$scratch/q2"
    if run quarterly-rerun 0 quarterly --quarter 2024Q2 -o "$scratch/q2" \
        "$sample"; then
        d=$(cmp "$quarterly/quarterly-2024Q2.xlsx" \
            "$scratch/q2/quarterly-2024Q2.xlsx" 2>&1)
        if [ -z "$d" ]; then pass "quarterly-reproducible"
        else fail "quarterly-reproducible" "$d"; fi
    fi
fi

# ------------------------------------------------------------------ #
# 5. query --format xlsx                                              #
# ------------------------------------------------------------------ #

query=$scratch/query.xlsx
have_query=0
qargs=(query --metric filed,fi_closed,loss_rate,litigation_per_10k
       --by district --year 2023 --compare yoy)
if run query-xlsx 0 "${qargs[@]}" --format xlsx -o "$query" "$sample"; then
    have_query=1
    pass "query-xlsx"
    check_workbook query-xlsx query "$query" --year 2023
    left=$(ls -A "$scratch" | grep '^query\.xlsx\.tmp-' || true)
    if [ -z "$left" ]; then pass "query-xlsx-no-temp"
    else fail "query-xlsx-no-temp" "left behind: $left"; fi
fi
if run query-xlsx-again 0 "${qargs[@]}" --format xlsx -o "$query.2" \
    "$sample"; then
    if cmp -s "$query" "$query.2"; then pass "query-xlsx-reproducible"
    else fail "query-xlsx-reproducible" "two runs differ"; fi
fi
# 环比 (--compare prev), a quarter, two dimensions, a --where
if run query-xlsx-prev 0 query --metric closed,appearance_rate \
    --by court,disposition --quarter 2024Q2 --where district=东胜区 \
    --compare prev --format xlsx -o "$scratch/query-prev.xlsx" "$sample"
then
    pass "query-xlsx-prev"
    check_workbook query-xlsx-prev query "$scratch/query-prev.xlsx" \
        --quarter 2024Q2 --where district=东胜区
fi
mkdir -p "$scratch/q-no-o" && cd "$scratch/q-no-o" || exit 1
if run query-xlsx-no-output 2 "${qargs[@]}" --format xlsx "$sample"; then
    if grep -q -- '-o' "$scratch/query-xlsx-no-output.err" &&
        [ -z "$(ls -A)" ] && [ ! -s "$scratch/query-xlsx-no-output.out" ]
    then
        pass "query-xlsx-no-output"
    else
        fail "query-xlsx-no-output" "message: $(cat \
            "$scratch/query-xlsx-no-output.err"); files: $(ls -A)"
    fi
fi
cd "$scratch" || exit 1
: > "$scratch/plain"
if run query-xlsx-unwritable 4 "${qargs[@]}" --format xlsx \
    -o "$scratch/plain/q.xlsx" "$sample"; then
    if [ -s "$scratch/query-xlsx-unwritable.err" ]; then
        pass "query-xlsx-unwritable"
    else
        fail "query-xlsx-unwritable" "exit 4 without a message"
    fi
fi

# ------------------------------------------------------------------ #
# 3. LibreOffice opens them                                           #
# ------------------------------------------------------------------ #

if ! command -v soffice >/dev/null 2>&1; then
    echo "ok libreoffice # skip soffice is not installed (make deps)"
else
    lo=$scratch/lo
    mkdir -p "$lo/home" "$lo/csv"
    files=()
    [ $have_annual = 1 ] && files+=("$annual/annual-2023.xlsx")
    [ $have_quarterly = 1 ] && files+=("$quarterly/quarterly-2024Q2.xlsx")
    [ $have_query = 1 ] && files+=("$query")
    # every sheet (token 12: -1), figures as shown (token 9), UTF-8 (76)
    filter='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true'
    filter=$filter,false,false,-1
    HOME=$lo/home timeout 120 soffice \
        "-env:UserInstallation=file://$lo/profile" --headless \
        --convert-to "$filter" --outdir "$lo/csv" "${files[@]}" \
        > "$lo/log" 2>&1
    rc=$?
    for f in "${files[@]}"; do
        stem=$(basename "$f" .xlsx)
        if ! ls "$lo/csv/$stem"*.csv >/dev/null 2>&1; then
            fail "libreoffice-$stem" "soffice exited $rc, no CSV of $f:
$(tail -5 "$lo/log")"
            continue
        fi
        pass "libreoffice-$stem"
        "$PY" "$CHECK" lo --name "libreoffice-$stem" "$f" "$lo/csv" 2>&1 ||
            true
    done
fi

# ------------------------------------------------------------------ #
# 4. All-or-nothing                                                   #
# ------------------------------------------------------------------ #

# (a) a run that fails midway
inject=$scratch/inject.so
if ! cc -shared -fPIC -o "$inject" "$FY_TOP/tests/fault/inject.c" -ldl \
    2> "$scratch/inject.err"; then
    fail "fault-injector" "$(cat "$scratch/inject.err")"
elif [ $have_annual = 1 ]; then
    cp -R "$annual" "$scratch/annual.before"
    # an ASan build wants its runtime first: allow the injector before it
    asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
    if ASAN_OPTIONS=$asan FY_FAIL_FOPEN=1 LD_PRELOAD=$inject \
        run fail-midway 4 annual --year 2023 -o "$annual" "$sample"; then
        d=$(same_files "$scratch/annual.before" "$annual")
        left=$(ls -A "$scratch" | grep '^annual\.tmp-' || true)
        if ! grep -q 'manifest.json' "$scratch/fail-midway.err"; then
            fail "fail-midway" "the message does not name manifest.json:
$(cat "$scratch/fail-midway.err")"
        elif [ -n "$d$left" ]; then
            fail "fail-midway" "$d${left:+ left behind: $left}"
        else
            pass "fail-midway"
        fi
    fi
    # a run that fails as it swaps its finished folder with DEST: the
    # previous files stay. The run's files differ from the previous ones
    # (another as-of date).
    if ASAN_OPTIONS=$asan FY_FAIL_RENAME=1 LD_PRELOAD=$inject \
        run fail-commit 4 annual --year 2023 --as-of 2024-01-31 \
        -o "$annual" "$sample"; then
        d=$(same_files "$scratch/annual.before" "$annual")
        left=$(ls -A "$scratch" | grep '^annual\.tmp-' || true)
        if [ -n "$d$left" ]; then
            fail "fail-commit" "$d${left:+ left behind: $left}"
        else
            pass "fail-commit"
        fi
    fi
    # into a folder that does not exist yet: it is not created
    if ASAN_OPTIONS=$asan FY_FAIL_FOPEN=1 LD_PRELOAD=$inject \
        run fail-midway-new 4 annual --year 2023 -o "$scratch/fresh" \
        "$sample"; then
        left=$(ls -A "$scratch" | grep '^fresh' || true)
        if [ -z "$left" ]; then pass "fail-midway-new"
        else fail "fail-midway-new" "left behind: $left"; fi
    fi
    # an input is not read again for its SHA-256: the digest is of the
    # bytes read (docs/reliability.md, "Inputs"), so a failing fopen() of
    # hearings.csv changes nothing; an output that cannot be read back is
    # an output error (4)
    if ASAN_OPTIONS=$asan FY_FAIL_FOPEN_READ=hearings.csv LD_PRELOAD=$inject \
        run hash-input 0 annual --year 2023 -o "$scratch/hash-in" \
        "$sample"; then
        sum=$(sha256sum < "$sample/hearings.csv" | cut -c1-64)
        if grep -q "\"path\": \"[^\"]*/hearings.csv\", \"sha256\": \"$sum\"" \
            "$scratch/hash-in/manifest.json"; then
            pass "hash-input"
        else
            fail "hash-input" "manifest.json has not $sum for hearings.csv:
$(grep hearings.csv "$scratch/hash-in/manifest.json")"
        fi
    fi
    if ASAN_OPTIONS=$asan FY_FAIL_FOPEN_READ=.xlsx LD_PRELOAD=$inject \
        run hash-output 4 annual --year 2023 -o "$scratch/hash-out" \
        "$sample"; then
        if grep -q 'annual-2023.xlsx: error: cannot read: Input/output error' \
            "$scratch/hash-output.err" && [ ! -e "$scratch/hash-out" ]; then
            pass "hash-output"
        else
            fail "hash-output" "$(cat "$scratch/hash-output.err")"
        fi
    fi
fi

# (b) -o under a regular file
if run unwritable-output 4 annual --year 2023 -o "$scratch/plain/out" \
    "$sample"; then
    if grep -q "$scratch/plain" "$scratch/unwritable-output.err"; then
        pass "unwritable-output"
    else
        fail "unwritable-output" "the message does not name the folder:
$(cat "$scratch/unwritable-output.err")"
    fi
fi

# (c) --strict with a rejected row writes nothing
broken=$scratch/broken
cp -R "$sample" "$broken"
victim=$(ls "$broken"/cases-*.csv | head -1)
printf '\r\nbroken-row\r\n' >> "$victim"   # one field, the header has many
mkdir -p "$scratch/strict-cwd" && cd "$scratch/strict-cwd" || exit 1
if run strict-rejects 1 annual --year 2023 --strict -o "$scratch/strict" \
    "$broken"; then
    left=$(cd "$scratch" && ls -A | grep '^strict\(\.tmp-\|$\)' || true)
    if [ -z "$left$(ls -A)" ]; then pass "strict-rejects"
    else fail "strict-rejects" "written: $left $(ls -A)"; fi
fi
cd "$scratch" || exit 1
# without --strict the row is rejected, listed and summarised
if run rejects-summarised 0 annual --year 2023 -o "$scratch/rej" "$broken"
then
    n=$(($(wc -l < "$scratch/rej/rejects.csv") - 1))
    if [ "$n" -eq 1 ]; then pass "rejects-summarised"
    else fail "rejects-summarised" "rejects.csv lists $n rows, not 1"; fi
    "$PY" "$CHECK" workbook --fuyuan "$FUYUAN" --kind annual \
        --data "$broken" --groups structure,quality --name rejects-workbook \
        "$scratch/rej/annual-2023.xlsx" -- --year 2023 2>&1 || true
fi
exit 0
