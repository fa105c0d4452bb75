#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# walk.sh - fault injection, walked (docs/reliability.md, "Fault injection
# and valgrind"). For `annual` and `quarterly` on the small hand-made data
# set fixtures/stats, and for each kind of call of tests/fault/inject.c
# (open, read, write, fsync, rename, mkdir) and of fy_alloc.c's test hook
# (malloc), a counting run finds how many such calls fuyuan makes; then a
# run per N makes the Nth call fail (write: ENOSPC, the file on a full
# disk; malloc: NULL; the others: EIO) and checks:
#   - the exit status is a documented one: 3, 4 or 5 (docs/ERRORS.md), or
#     0 when the failure does not matter to the report (the sync of the
#     parent folder after the swap, the removal of the old report, which
#     is said or retried): then DEST is the new report, byte for byte
#     (the exit-0 runs are listed on the "ok" line); never a signal
#     (>= 128), never
#     an abort, never a sanitizer's report (make check SANITIZE=1 runs
#     this with the ASan+UBSan+LSan build: a leak on an error path fails);
#   - stderr names the failure: "Input/output error", "No space left on
#     device", "out of memory";
#   - DEST is byte for byte the earlier report (diff -r, its manifest
#     included) when the run failed;
#   - nothing is left beside DEST: no DEST.tmp-*, DEST.old-*, *.tmp-*, no
#     .DEST.lock. One exception, documented: when the old report cannot be
#     removed after the new one is in place (exit 0), fuyuan says so and
#     the next run into DEST removes it: the walk runs it and checks.
# Every N is walked for a kind with at most WALK_ALL calls (default 10);
# above that, N = 1..WALK_ALL, then every STRIDEth N (STRIDE chosen so a
# kind takes at most about WALK_ALL more runs), and the last 5 N (the
# commit and what follows it) whatever the stride stepped over.
# FAULT_FULL=1 walks every N of every kind.
#
# Prints "ok NAME" / "not ok NAME" (tools/run-tests.sh counts them).
set -u

. "$(dirname "$0")/../e2e/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000
unset LC_MESSAGES LC_CTYPE FY_TEST_PAUSE_AT FY_TEST_NO_EXCHANGE \
      FY_FAULT_CALL FY_FAULT_N FY_FAULT_COUNT FY_TEST_FAIL_ALLOC \
      FY_TEST_ALLOC_COUNT
WALK_ALL=${WALK_ALL:-10}
KINDS=${FAULT_KINDS:-open read write fsync rename mkdir malloc}

need_fuyuan "walk.sh"
new_scratch walk
cd "$scratch" || exit 1

inject=$scratch/inject.so
if ! cc -shared -fPIC -o "$inject" "$FY_TOP/tests/fault/inject.c" -ldl \
    2> "$scratch/inject.err"; then
    fail "fault-injector" "$(cat "$scratch/inject.err")"
    exit 1
fi
# an ASan build wants its runtime first: allow the injector before it;
# LSan: the libraries' own leaks are not ours (as tools/run-tests.sh)
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$FY_TOP/tests/lsan.supp:print_suppressions=0}
data=$FY_TOP/fixtures/stats

# walk NAME OLD-ARGS -- NEW-ARGS: DEST is made by OLD, each faulty run is NEW
walk() {
    local name=$1; shift
    local old=() new=() k n count step rc err bad=0 runs=0 absorbed=""
    while [ "$1" != "--" ]; do old+=("$1"); shift; done
    shift; new=("$@")
    local P=$scratch/$name D=$scratch/$name/r
    mkdir -p "$P"
    # the new report (into DEST: its manifest names it), for the runs a
    # failure does not stop
    if ! "$FUYUAN" "${new[@]}" -o "$D" 2> "$scratch/err"; then
        fail "$name-reference" "$(head -5 "$scratch/err")"
        return
    fi
    cp -a "$D" "$scratch/$name-new"
    # DEST: the old report; its copy; the counts of a run into it
    if ! "$FUYUAN" "${old[@]}" -o "$D" 2> "$scratch/err"; then
        fail "$name-old" "$(head -5 "$scratch/err")"
        return
    fi
    cp -a "$D" "$scratch/$name-old"
    if diff -rq "$scratch/$name-old" "$scratch/$name-new" >/dev/null; then
        fail "$name-old" "the old and the new report are the same: a swap would not show"
        return
    fi
    # two counting runs: the hook's own fopen at exit is an open
    rm -f "$scratch/count"
    if ! FY_FAULT_COUNT=$scratch/count LD_PRELOAD=$inject \
        "$FUYUAN" "${new[@]}" -o "$D" 2> "$scratch/err"; then
        fail "$name-count" "$(head -5 "$scratch/err")"
        return
    fi
    rm -rf "$D" && cp -a "$scratch/$name-old" "$D"
    if ! FY_TEST_ALLOC_COUNT=$scratch/count \
        "$FUYUAN" "${new[@]}" -o "$D" 2> "$scratch/err"; then
        fail "$name-count" "$(head -5 "$scratch/err")"
        return
    fi
    rm -rf "$D" && cp -a "$scratch/$name-old" "$D"
    local summary=""
    for k in $KINDS; do
        count=$(awk -v k="$k" '$1 == k { print $2 }' "$scratch/count")
        count=${count:-0}
        step=1
        if [ -z "${FAULT_FULL:-}" ] && [ "$count" -gt "$WALK_ALL" ]; then
            step=$(( (count - WALK_ALL + WALK_ALL - 1) / WALK_ALL ))
        fi
        local kruns=0
        for ((n = 1; n <= count; n = (n < WALK_ALL ? n + 1 : n + step))); do
            walk_one "$k" "$n" || bad=$((bad + 1))
            kruns=$((kruns + 1))
        done
        # and the last calls, every one: the commit is there (the swap,
        # what follows it), where a failure must leave DEST new or old
        for ((n = (count > 5 ? count - 4 : 1); n <= count; n++)); do
            [ "$n" -gt "$WALK_ALL" ] && [ $(( (n - WALK_ALL) % step )) -ne 0 ] ||
                continue # walked above
            walk_one "$k" "$n" || bad=$((bad + 1))
            kruns=$((kruns + 1))
        done
        runs=$((runs + kruns))
        summary+=" $k $kruns/$count"
    done
    if [ "$bad" -eq 0 ]; then
        pass "$name-walk ($runs runs:$summary; exit 0:${absorbed:- none})"
    fi
}

# walk_one KIND N: one faulty run into $D; 1 (and a "not ok") on a problem
walk_one() {
    local k=$1 n=$2 want why="" left
    if [ "$k" = malloc ]; then
        FY_TEST_FAIL_ALLOC=$n "$FUYUAN" "${new[@]}" -o "$D" \
            > /dev/null 2> "$scratch/err"
    else
        FY_FAULT_CALL=$k FY_FAULT_N=$n LD_PRELOAD=$inject \
            "$FUYUAN" "${new[@]}" -o "$D" > /dev/null 2> "$scratch/err"
    fi
    rc=$?
    case $k in
        write) want="No space left on device" ;;
        malloc) want="out of memory" ;;
        *) want="Input/output error" ;;
    esac
    case $rc in
        0)
            # the sync of the parent folder after the swap, the removal of
            # the old report (said; or a second pass over it succeeds)
            if ! diff -r "$D" "$scratch/$name-new" > "$scratch/diff" 2>&1; then
                why="exit 0 but DEST is not the new report: $(head -5 "$scratch/diff")"
            fi
            absorbed+=" $k-$n" ;;
        3|4|5)
            if ! grep -q "$want" "$scratch/err"; then
                why="exit $rc without \"$want\" on stderr"
            elif ! diff -r "$D" "$scratch/$name-old" > "$scratch/diff" 2>&1; then
                why="exit $rc and DEST changed: $(head -5 "$scratch/diff")"
            fi ;;
        *)  why="exit $rc (not 0, 3, 4 or 5)" ;;
    esac
    if grep -qE 'Sanitizer|runtime error|BUG at' "$scratch/err"; then
        why="${why:+$why; }a sanitizer or assertion report"
    fi
    left=$(cd "$P" && ls -A | grep -vx r)
    if [ "$rc" -eq 0 ] && [ -n "$left" ] &&
        grep -q 'cannot remove the previous report' "$scratch/err"; then
        # the new report is in place and says what is left: the next run
        # removes it (the recovery rule)
        "$FUYUAN" "${new[@]}" -o "$D" > /dev/null 2>&1
        left=$(cd "$P" && ls -A | grep -vx r)
    fi
    if [ -n "$left" ]; then
        why="${why:+$why; }left behind: $(printf '%s ' $left)"
    fi
    if [ -n "$why" ]; then
        fail "$name-$k-$n" "$why
stderr: $(head -8 "$scratch/err")"
        # put DEST and its folder back for the next run
        rm -rf "$P" && mkdir -p "$P" && cp -a "$scratch/$name-old" "$D"
        return 1
    fi
    [ "$rc" -ne 0 ] || { rm -rf "$D" && cp -a "$scratch/$name-old" "$D"; }
    return 0
}

walk annual annual --year 2023 --no-docx --quiet --jobs 1 --as-of 2024-01-31 "$data" \
    -- annual --year 2023 --no-docx --quiet --jobs 1 "$data"
walk quarterly quarterly --quarter 2023Q3 --no-docx --quiet --jobs 1 --as-of 2023-10-31 "$data" \
    -- quarterly --quarter 2023Q3 --no-docx --quiet --jobs 1 "$data"
