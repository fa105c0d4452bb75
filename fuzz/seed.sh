#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# seed.sh - the seed inputs of each fuzz target, from fixtures/ and the
# profiles, into DIR/NAME/ (default build/fuzz/seeds). They are then
# minimised into fuzz/corpus/NAME with libFuzzer's -merge=1
# (docs/reliability.md, "Fuzzing"): the corpus is committed, this script
# says where it came from.
#
# Usage: fuzz/seed.sh [DIR]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/build/fuzz/seeds}
cd "$top"
rm -rf "$out"
mkdir -p "$out"/{csv,caseno,values,rules,courts,profile}

seed() { # seed TARGET < content: named by its SHA-1, as libFuzzer does
    local tmp
    tmp=$(mktemp "$out/$1/.new.XXXXXX")
    cat > "$tmp"
    mv -f "$tmp" "$out/$1/$(sha1sum < "$tmp" | cut -c1-40)"
}

# csv: every data file of the fixtures, the sample's cut to 40 lines
for f in $(find fixtures -name '*.csv' ! -name rules.csv ! -name courts.csv \
           | sort); do
    head -n 40 "$f" | seed csv
done

# caseno: the 案号 of the fixtures (first column of the cases files)
find fixtures -name 'cases*.csv' -exec cut -d, -f1 {} + 2>/dev/null \
    | tr -d '\r"' | grep -av '^案号' | sort -u | head -n 300 \
    | while IFS= read -r v; do printf '%s' "$v" | seed caseno; done

# values: the distinct cells of the fixtures' date, count, month and
# yes/no columns (every cell: the fuzzer's merge keeps what is new)
find fixtures/stats fixtures/e2e -name '*.csv' ! -name rules.csv \
        ! -name courts.csv -exec cat {} + \
    | tr -d '\r"' | tr ',' '\n' | LC_ALL=C sort -u | head -n 2000 \
    | while IFS= read -r v; do printf '%s' "$v" | seed values; done

# rules and courts: the fixtures' files
for f in $(find fixtures -name rules.csv | sort); do seed rules < "$f"; done
for f in $(find fixtures -name courts.csv | sort); do seed courts < "$f"; done

# profile: the shipped profiles
for f in profiles/*.ini; do seed profile < "$f"; done
