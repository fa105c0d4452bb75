#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# progress.sh - the progress line (--progress): megabytes read of the
# total, rows per second and the time so far on one line of stderr,
# rewritten in place and cleared at the end; never in a pipe unless
# forced; -q silences it. Nothing here is timed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
FUYUAN=${FUYUAN:-$top/fuyuan}
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
unset LC_MESSAGES LC_CTYPE

scratch=$(mktemp -d "${TMPDIR:-/tmp}/fuyuan-progress.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
pass() { echo "ok $1"; }
fail() { echo "not ok $1"; printf '%s\n' "$2" | sed 's/^/    /'; }

"$FUYUAN" validate --progress "$top/fixtures/sample" > /dev/null 2> "$scratch/forced"
total=$(du -cb "$top"/fixtures/sample/*.csv | tail -1 | cut -f1)
mb=$(awk -v b="$total" 'BEGIN { printf "%.0f", b / 1e6 }')
line=$(tr '\r' '\n' < "$scratch/forced" | grep -a "MB read" | head -1)
if printf '%s' "$line" | grep -Eq "^fuyuan: [0-9]+ of $mb MB read, [0-9]+ rows/s, [0-9.]+ s \(file 1 of [0-9]+: "; then
    pass "progress-forced-line"
else
    fail "progress-forced-line" "first line: $(printf '%s' "$line" | cat -v)"
fi
# cleared at the end: the summary starts right after \r ESC [K
if grep -aq $'\r\033\\[KData quality' "$scratch/forced"; then
    pass "progress-cleared"
else
    fail "progress-cleared" "$(cat -v "$scratch/forced" | tail -c 300)"
fi

"$FUYUAN" validate "$top/fixtures/sample" > /dev/null 2> "$scratch/pipe"
if grep -aq "MB read" "$scratch/pipe"; then
    fail "progress-not-in-pipes" "$(cat -v "$scratch/pipe" | head -5)"
else
    pass "progress-not-in-pipes"
fi

"$FUYUAN" validate --progress -q "$top/fixtures/sample" > /dev/null 2> "$scratch/quiet"
if grep -aq "MB read" "$scratch/quiet"; then
    fail "progress-quiet" "$(cat -v "$scratch/quiet" | head -5)"
else
    pass "progress-quiet"
fi
