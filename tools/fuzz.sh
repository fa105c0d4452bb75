#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# fuzz.sh - run each fuzz target with libFuzzer for SECONDS (`make fuzz`,
# docs/reliability.md "Fuzzing"). A target starts from its committed
# corpus fuzz/corpus/NAME and regression inputs fuzz/regress/NAME, copied
# into build/fuzz/work/NAME (the committed corpus is not changed by a
# run), with the dictionary fuzz/dict/NAME.dict. Its log is
# build/fuzz/log/NAME.log; an input that crashes it, or fails one of its
# checks, is left in build/fuzz/found/NAME/ to be fixed and then kept in
# fuzz/regress/NAME/.
#
# Usage: tools/fuzz.sh SECONDS NAME...   (the binaries: build/fuzz/fuzz/)
set -u
secs=$1; shift
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
failed=0
for t in "$@"; do
    bin=build/fuzz/fuzz/fuzz_$t
    case $t in
    csv) max_len=16384 ;;
    caseno|values) max_len=256 ;;
    *) max_len=4096 ;;
    esac
    work=build/fuzz/work/$t found=build/fuzz/found/$t log=build/fuzz/log/$t.log
    rm -rf "$work"
    mkdir -p "$work" "$found" build/fuzz/log
    cp fuzz/corpus/"$t"/* "$work"/ 2>/dev/null
    [ -d fuzz/regress/"$t" ] && cp fuzz/regress/"$t"/* "$work"/ 2>/dev/null
    # the library's messages go to a scratch folder's log, not the screen
    FY_PCRE2_JIT=${FY_PCRE2_JIT:-1} \
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
    "$bin" -max_total_time="$secs" -max_len="$max_len" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 \
        -dict=fuzz/dict/"$t".dict -artifact_prefix="$found"/ \
        "$work" > "$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    if [ "$rc" -ne 0 ]; then
        failed=1
        echo "FAIL fuzz_$t after ${runs:-?} runs ($cov): see $log and $found/"
        grep -m3 -E 'ERROR|fuzz check failed|runtime error' "$log" | sed 's/^/     /'
    else
        echo "ok   fuzz_$t: ${runs:-?} runs in ${secs}s, $cov"
    fi
done
exit $failed
