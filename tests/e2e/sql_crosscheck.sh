#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sql_crosscheck.sh - every figure of `fuyuan query --format json` on the
# shipped sample (fixtures/sample) against an independent implementation of
# the spec in SQLite (tests/sql/: load.py reads the CSV files, normalise.sql
# applies the data contract, metrics.sql the metrics; crosscheck.py runs
# both and compares every row, numerator, denominator and value).
# Prints one "ok ..." / "not ok ..." line per (period, metric set, --by);
# skipped (ok # skip) when the sample, python3 or its sqlite3 module is
# missing. $FUYUAN is the program (default: the one at the top of the tree).
set -u
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
top=$(cd "$(dirname "$0")/../.." && pwd)
FUYUAN=${FUYUAN:-$top/fuyuan}
case $FUYUAN in /*) ;; *) FUYUAN=$(pwd)/$FUYUAN ;; esac
export FUYUAN
data=$top/fixtures/sample

py=
for p in /usr/bin/python3 python3; do
    if command -v "$p" >/dev/null 2>&1 &&
       "$p" -c 'import sqlite3, csv, codecs' >/dev/null 2>&1; then
        py=$p
        break
    fi
done
if [ -z "$py" ]; then
    echo "ok # skip sql crosscheck: no python3 with the sqlite3 module"
    exit 0
fi
if ! ls "$data"/*.csv >/dev/null 2>&1; then
    echo "ok # skip sql crosscheck: no $data"
    exit 0
fi
if [ ! -x "$FUYUAN" ]; then
    echo "not ok sql crosscheck: no program $FUYUAN"
    exit 1
fi
"$py" "$top/tests/sql/crosscheck.py" "$data"
