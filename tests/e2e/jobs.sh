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
