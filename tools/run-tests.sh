#!/usr/bin/env bash
# Run every test tier and print one closing line:
# "N passed, N failed, N skipped" (CI parses it: keep the format).
# Usage: tools/run-tests.sh [--unit-only] BUILD_DIR UNIT_BINARY...
# Tiers: cmocka unit binaries, then tests/e2e/*.sh and tests/fault/*.sh
# (the fault injection walk) (each prints
# "ok NAME" / "not ok NAME" lines, TAP-like). A test that cannot run
# prints "ok NAME # skip REASON" (TAP's directive, any case): it is
# counted as skipped, never as passed.
set -u
unit_only=0
if [ "${1:-}" = "--unit-only" ]; then unit_only=1; shift; fi
build=$1; shift
passed=0; failed=0; skipped=0
top=$(cd "$(dirname "$0")/.." && pwd)
export FUYUAN="$top/fuyuan" FY_TOP="$top"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
# What cairo and fontconfig leak themselves is not ours (tests/lsan.supp).
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"
export FY_VALGRIND_SUPP="$top/tests/valgrind.supp"
log="$top/tests/out/test.log"
mkdir -p "$top/tests/out"; : > "$log"

for bin in "$@"; do
    out=$(CMOCKA_MESSAGE_OUTPUT=stdout "$bin" 2>&1); rc=$?
    printf '%s\n' "$out" >> "$log"
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    s=$(printf '%s\n' "$out" | sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' | tail -1)
    p=${p:-0}; f=${f:-0}; s=${s:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    if [ "$f" -ne 0 ]; then
        echo "FAIL $(basename "$bin"):"
        printf '%s\n' "$out" | grep -E '^\[  (FAILED|ERROR) \]|error:|Failure|failure' | head -20
    else
        echo "ok   $(basename "$bin") ($p tests$([ "$s" -ne 0 ] && echo ", $s skipped"))"
    fi
done

if [ "$unit_only" -eq 0 ]; then
    for t in "$top"/tests/e2e/*.sh "$top"/tests/fault/*.sh; do
        [ -e "$t" ] || continue
        [ "$(basename "$t")" = lib.sh ] && continue # sourced by the others
        out=$(bash "$t" 2>&1); rc=$?
        printf '%s\n' "$out" >> "$log"
        p=$(printf '%s\n' "$out" | grep -c '^ok ')
        s=$(printf '%s\n' "$out" | grep -ci '^ok .*# *skip')
        p=$((p - s))
        f=$(printf '%s\n' "$out" | grep -c '^not ok ')
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
        passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
        if [ "$f" -ne 0 ]; then
            echo "FAIL $(basename "$t"):"
            printf '%s\n' "$out" | grep -A12 '^not ok ' | head -60
        else
            echo "ok   $(basename "$t") ($p tests$([ "$s" -ne 0 ] && echo ", $s skipped"))"
            printf '%s\n' "$out" | grep -i '^ok .*# *skip' | sed 's/^/     /'
        fi
    done
fi
echo "full log: tests/out/test.log"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
