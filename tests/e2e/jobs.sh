#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# jobs.sh - the output does not depend on --jobs nor on where files are
# cut into parts (docs/performance.md, "Both cores").
#
# 1. Every fixture of tests/e2e/validate.sh again, each file cut into parts
#    of about 40 bytes (FY_PART_BYTES) and read by as many threads as there
#    are cores: the same exit status, messages and rejects.csv as expected.
# 2. `annual` on the sample with --jobs 1 and --jobs 2, the second with its
#    files cut into parts of 3000 bytes and its figures counted over
#    slices of the cases on two threads (FY_SLICE_MIN): every output file
#    byte-identical.
# 3. `validate -v` on the sample with --jobs 1, 2 and 3 and parts of 100
#    bytes to 2 MB: the same summary, notes and rejects.csv.
# 4. `quarterly` on the sample with --jobs 1 and 2: byte-identical (the
#    documents are made on two threads with --jobs 2).
# 5. `annual`'s messages with --jobs 1 and 2: the fonts' warnings and a
#    failing pandoc's error, the same and in the same order.
#
# Prints "ok NAME" / "not ok NAME" lines for tools/run-tests.sh.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
FUYUAN=${FUYUAN:-$top/fuyuan}
case $FUYUAN in /*) ;; *) FUYUAN=$(pwd)/$FUYUAN ;; esac
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
unset LC_MESSAGES LC_CTYPE FY_PART_BYTES FY_SLICE_MIN

if [ ! -x "$FUYUAN" ]; then
    echo "not ok jobs.sh: no fuyuan binary at $FUYUAN (run make)"
    exit 1
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/fuyuan-jobs.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

pass() { echo "ok $1"; }
fail() {
    echo "not ok $1"
    printf '%s\n' "$2" | sed 's/^/    /'
}

# 1. The fixtures, cut small
FY_PART_BYTES=40 bash "$here/validate.sh" $(cd "$top/fixtures/e2e" && ls) \
    > "$scratch/fixtures.out" 2>&1
bad=$(grep -c '^not ok' "$scratch/fixtures.out")
n=$(grep -c '^ok' "$scratch/fixtures.out")
if [ "$bad" -eq 0 ] && [ "$n" -gt 0 ]; then
    pass "fixtures-in-small-parts ($n fixtures)"
else
    fail "fixtures-in-small-parts" "$(grep -A20 '^not ok' "$scratch/fixtures.out" | head -60)"
fi

# 2. annual, --jobs 1 and 2 (manifest.json records the command line: its
#    "arguments" line differs, and only that line)
mkdir -p "$scratch/a1" "$scratch/a2"
(cd "$scratch/a1" && "$FUYUAN" annual --quiet --year 2023 --jobs 1 -o out \
    "$top/fixtures/sample") > "$scratch/a1.log" 2>&1
rc1=$?
(cd "$scratch/a2" && FY_PART_BYTES=3000 FY_SLICE_MIN=1 "$FUYUAN" annual \
    --quiet --year 2023 --jobs 2 -o out "$top/fixtures/sample") \
    > "$scratch/a2.log" 2>&1
rc2=$?
for m in a1 a2; do
    grep -v '^  "arguments": ' "$scratch/$m/out/manifest.json" \
        > "$scratch/$m/manifest" 2>/dev/null
    rm -f "$scratch/$m/out/manifest.json"
done
if [ "$rc1" != 0 ] || [ "$rc2" != 0 ]; then
    fail "annual-jobs-1-and-2" "exit status $rc1 and $rc2: $(cat "$scratch/a1.log" "$scratch/a2.log")"
elif d=$(diff -r "$scratch/a1" "$scratch/a2" 2>&1); then
    pass "annual-jobs-1-and-2 ($(find "$scratch/a1" -type f | wc -l) files)"
else
    fail "annual-jobs-1-and-2" "$d"
fi

# 3. validate, several --jobs and part sizes
ref=""
msg=""
for pb in 100 1000 7777 2097152; do
    for j in 1 2 3; do
        out=$scratch/v-$pb-$j
        FY_PART_BYTES=$pb "$FUYUAN" validate -v --jobs "$j" -o "$out" \
            "$top/fixtures/sample" > "$out.stdout" 2> "$out.stderr"
        echo "exit $?" >> "$out.stderr"
        if [ -z "$ref" ]; then
            ref=$out
            continue
        fi
        msg+=$(diff -u "$ref.stderr" "$out.stderr")
        msg+=$(diff -u "$ref.stdout" "$out.stdout")
        if [ -f "$ref/rejects.csv" ] || [ -f "$out/rejects.csv" ]; then
            msg+=$(cmp "$ref/rejects.csv" "$out/rejects.csv" 2>&1)
        fi
    done
done
if [ -z "$msg" ]; then pass "validate-any-jobs-any-parts"; else fail "validate-any-jobs-any-parts" "$msg"; fi

# 4. quarterly, --jobs 1 and 2 (no charts: pandoc starts first)
mkdir -p "$scratch/q1" "$scratch/q2"
for j in 1 2; do
    (cd "$scratch/q$j" && "$FUYUAN" quarterly --quiet --quarter 2023Q3 \
        --jobs $j -o out "$top/fixtures/sample") > "$scratch/q$j.log" 2>&1
    echo "exit $?" >> "$scratch/q$j.log"
    grep -v '^  "arguments": ' "$scratch/q$j/out/manifest.json" \
        > "$scratch/q$j/manifest" 2>/dev/null
    rm -f "$scratch/q$j/out/manifest.json"
done
if ! grep -qx "exit 0" "$scratch/q1.log" || ! grep -qx "exit 0" "$scratch/q2.log"; then
    fail "quarterly-jobs-1-and-2" "$(cat "$scratch/q1.log" "$scratch/q2.log")"
elif d=$(diff -r "$scratch/q1" "$scratch/q2" 2>&1); then
    pass "quarterly-jobs-1-and-2 ($(find "$scratch/q1" -type f | wc -l) files)"
else
    fail "quarterly-jobs-1-and-2" "$d"
fi

# 5. annual's messages with --jobs 1 and 2: the fonts' warnings (two
#    agencies with a character no font has, in the PDF and the charts),
#    each once and in the order of the files, and a failing pandoc's
#    error (a stand-in), after every thread and pandoc are done: the
#    same stderr, exit 4, nothing left beside DEST
cp -r "$top/fixtures/stats" "$scratch/marks"
rm -f "$scratch/marks/README.md" "$scratch/marks/query-table.expected"
sed -i 's/东胜区自然资源局/东胜区自然资源局ก/; s/准格尔旗公安局/准格尔旗公安局ب/' \
    "$scratch/marks/cases.csv"
mkdir -p "$scratch/bin"
printf '#!/bin/sh\necho "pandoc: broken on purpose" >&2\nexit 3\n' > "$scratch/bin/pandoc"
chmod +x "$scratch/bin/pandoc"
msg=""
for run in ok broken; do
    for j in 1 2; do
        out=$scratch/m-$run-$j
        mkdir -p "$out"
        if [ $run = ok ]; then
            (cd "$out" && "$FUYUAN" annual --year 2023 --jobs $j -o r \
                "$scratch/marks") > /dev/null 2> "$out.stderr"
        else
            (cd "$out" && PATH="$scratch/bin:$PATH" "$FUYUAN" annual \
                --year 2023 --jobs $j -o r "$scratch/marks") \
                > /dev/null 2> "$out.stderr"
        fi
        echo "exit $?" >> "$out.stderr"
        [ $run = ok ] || [ -z "$(ls -A "$out")" ] ||
            msg+="left in $out: $(ls -A "$out")"$'\n'
    done
    msg+=$(diff -u "$scratch/m-$run-1.stderr" "$scratch/m-$run-2.stderr")
done
grep -q "U+0E01" "$scratch/m-ok-1.stderr" && grep -q "U+0628" "$scratch/m-ok-1.stderr" ||
    msg+="no warnings: $(cat "$scratch/m-ok-1.stderr")"
[ "$(grep -c "no loaded font" "$scratch/m-broken-2.stderr")" = 2 ] ||
    msg+="not two warnings: $(cat "$scratch/m-broken-2.stderr")"
grep -q "annual-2023.docx: error: pandoc failed (exit status 3): pandoc: broken on purpose" \
    "$scratch/m-broken-2.stderr" && grep -qx "exit 4" "$scratch/m-broken-2.stderr" ||
    msg+="not pandoc's error: $(cat "$scratch/m-broken-2.stderr")"
if [ -z "$msg" ]; then pass "annual-messages-jobs-1-and-2"; else fail "annual-messages-jobs-1-and-2" "$msg"; fi
