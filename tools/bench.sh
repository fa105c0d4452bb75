#!/bin/sh
# tools/bench.sh - `make bench`: fuyuan against DuckDB and pandas on data
# sets made by tools/gen_data.py (docs/performance.md). Not a test: it
# prints times, MB/s, peak RSS, the ratios of issue 11's targets, whether
# each is met, and whether the three engines agree on every figure.
#
# Everything it makes is in $BENCH_DIR (.bench/, ignored by git): the data
# sets (kept between runs, remade when the generator or the size changes),
# DuckDB (npm @duckdb/node-api, from tools/bench/package.json), the
# outputs, hyperfine's JSON and the table (results.md).
#
#   BENCH_CASES  cases a year of the "2M" set (3 years; the 4M set has twice
#                as many); default 625000, about 2 million rows
#   BENCH_RUNS   runs of each command (hyperfine; the median is used), 3
#   BENCH_JOBS   --jobs of fuyuan and the threads of DuckDB, 2
set -eu
cd "$(dirname "$0")/.."
B=${BENCH_DIR:-.bench}
CASES=${BENCH_CASES:-625000}
RUNS=${BENCH_RUNS:-3}
JOBS=${BENCH_JOBS:-2}
YEAR=2023
PY=/usr/bin/python3
FY=$PWD/fuyuan
mkdir -p "$B/out" "$B/rss"
B=$(cd "$B" && pwd)

# A data set: remade only when the generator or its arguments change.
gen() {
    dir=$1
    shift
    want="$(sha1sum tools/gen_data.py | cut -c1-16) $*"
    if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$want" ]; then
        return 0
    fi
    echo "bench: generating $dir ($*)"
    rm -rf "$dir"
    $PY tools/gen_data.py --out "$dir" "$@" 2>/dev/null
    echo "$want" > "$dir/.stamp"
}
gen "$B/data-2m" --cases-per-year "$CASES" --encoding utf-8
gen "$B/data-4m" --cases-per-year $((CASES * 2)) --encoding utf-8
gen "$B/data-2m-gb18030" --cases-per-year "$CASES" --encoding gb18030

# DuckDB from npm, into $B/duckdb
command -v npm >/dev/null 2>&1 || tools/deps.sh npm
if ! cmp -s tools/bench/package.json "$B/duckdb/package.json" \
   || [ ! -d "$B/duckdb/node_modules/@duckdb/node-api" ]; then
    echo "bench: npm install @duckdb/node-api into $B/duckdb"
    mkdir -p "$B/duckdb"
    cp tools/bench/package.json "$B/duckdb/package.json"
    (cd "$B/duckdb" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
export DUCKDB_DIR="$B/duckdb"

rm -f "$B"/rss/*
METRICS=fi_closed,agency_losses,mediated_withdrawn,hearings_held,head_appearances
T="/usr/bin/time -a -f %M -o"
Q="query --quiet --jobs $JOBS --metric $METRICS --by court --year $YEAR --format csv"
set -- \
  -n query-2m "$T $B/rss/query-2m $FY $Q $B/data-2m > $B/out/query-2m.csv" \
  -n validate-2m "$T $B/rss/validate-2m $FY validate --quiet --jobs $JOBS $B/data-2m" \
  -n annual-2m "$T $B/rss/annual-2m $FY annual --quiet --jobs $JOBS --year $YEAR -o $B/out/annual-2m $B/data-2m" \
  -n annual-sample "$T $B/rss/annual-sample $FY annual --quiet --jobs $JOBS --year $YEAR -o $B/out/annual-sample fixtures/sample" \
  -n query-4m "$T $B/rss/query-4m $FY $Q $B/data-4m > $B/out/query-4m.csv" \
  -n query-2m-gb18030 "$T $B/rss/query-2m-gb18030 $FY $Q $B/data-2m-gb18030 > $B/out/query-2m-gb18030.csv" \
  -n duckdb-2m "$T $B/rss/duckdb-2m node tools/bench/duckdb_figures.mjs $B/data-2m $YEAR $JOBS > $B/out/duckdb-2m.csv" \
  -n duckdb-naive-2m "$T $B/rss/duckdb-naive-2m node tools/bench/duckdb_figures.mjs $B/data-2m $YEAR $JOBS naive > $B/out/duckdb-naive-2m.csv" \
  -n pandas-2m "$T $B/rss/pandas-2m $PY tools/bench/pandas_figures.py $B/data-2m $YEAR > $B/out/pandas-2m.csv"
SOURCE_DATE_EPOCH=1700000000 hyperfine --style basic --runs "$RUNS" \
    --export-json "$B/hyperfine.json" "$@"
$PY tools/bench/report.py "$B"
