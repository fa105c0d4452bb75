#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# validate.sh - end-to-end tests of `fuyuan validate`.
#
# 1. Every fixtures/e2e/NN-name/ folder is one case (curl's testNNNN, zstd's
#    cli-tests): `args` holds the arguments after `fuyuan` on one line, with
#    paths relative to the folder; `expected.exit` the exit status;
#    `expected.stderr` the exact standard error; `expected.stdout` and
#    `expected.rejects.csv` (the rejects.csv of the -o folder) when present.
#    The folder is copied to a scratch folder and run from there.
# 2. Hostile inputs too big to commit are generated here, in a scratch
#    folder: each must end with its message and exit status (timeout is a
#    hang guard only, not a timing assertion).
# 3. The shipped sample (fixtures/sample) must validate without rejections.
# 4. Runs under valgrind must show no memory error and no definite leak.
#
# Prints one line per test, "ok NAME" or "not ok NAME" followed by the
# difference, as tools/run-tests.sh counts them. FUYUAN names the binary
# (default: the one at the top of the tree). Messages are English:
# LANG=C.UTF-8 with LC_ALL and LANGUAGE empty.
#
# Usage: tests/e2e/validate.sh [--update] [NN-name...]
#   With names, only those fixtures run. --update rewrites their
#   expected.exit/.stderr/.rejects.csv from the current output: check every
#   line of the diff against the spec before committing it.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
FUYUAN=${FUYUAN:-$here/../../fuyuan}
case $FUYUAN in /*) ;; *) FUYUAN=$(pwd)/$FUYUAN ;; esac
fixtures=$top/fixtures/e2e
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
unset LC_MESSAGES LC_CTYPE

update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi

if [ ! -x "$FUYUAN" ]; then
    echo "not ok validate.sh: no fuyuan binary at $FUYUAN (run make)"
    exit 1
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/fuyuan-e2e.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# ok NAME; not ok NAME and the explanation, indented so that no line of a
# diff can be taken for an ok/not ok line.
pass() { echo "ok $1"; }
fail() {
    echo "not ok $1"
    printf '%s\n' "$2" | sed 's/^/    /'
}

# The -o/--output folder of an argument list, or "".
output_dir() {
    while [ $# -gt 0 ]; do
        case $1 in
        -o|--output) echo "${2:-}"; return ;;
        --output=*) echo "${1#--output=}"; return ;;
        -o?*) echo "${1#-o}"; return ;;
        esac
        shift
    done
}

# ------------------------------------------------------------------ #
# 1. Fixture folders                                                  #
# ------------------------------------------------------------------ #

run_fixture() {
    local dir=$1 name work out rc want msg odir
    local -a args
    name=$(basename "$dir")
    work=$scratch/$name
    out=$scratch/$name.out
    if [ ! -f "$dir/args" ]; then fail "$name" "no such fixture"; return; fi
    mkdir -p "$work" "$out"
    cp -R "$dir/." "$work/"
    read -r -a args < "$dir/args"
    (cd "$work" && exec timeout 60 "$FUYUAN" "${args[@]}") \
        > "$out/stdout" 2> "$out/stderr"
    rc=$?
    odir=$(output_dir "${args[@]}")
    if [ -n "$odir" ] && [ "${odir#/}" = "$odir" ]; then odir=$work/$odir; fi

    if [ "$update" -eq 1 ]; then
        echo "$rc" > "$dir/expected.exit"
        cp "$out/stderr" "$dir/expected.stderr"
        if [ -n "$odir" ] && [ -f "$odir/rejects.csv" ]; then
            cp "$odir/rejects.csv" "$dir/expected.rejects.csv"
        fi
        echo "ok $name # updated"
        return
    fi

    msg=""
    want=$(cat "$dir/expected.exit" 2>/dev/null || echo missing)
    if [ "$rc" = 124 ]; then
        msg+="timed out (hang?)"$'\n'
    elif [ "$rc" != "$want" ]; then
        msg+="exit status $rc, expected $want"$'\n'
    fi
    if [ -f "$dir/expected.stderr" ]; then
        msg+=$(diff -u --label expected.stderr --label stderr \
               "$dir/expected.stderr" "$out/stderr")
    else
        msg+="no expected.stderr"
    fi
    if [ -f "$dir/expected.stdout" ]; then
        msg+=$(diff -u --label expected.stdout --label stdout \
               "$dir/expected.stdout" "$out/stdout")
    fi
    if [ -f "$dir/expected.rejects.csv" ]; then
        if [ -z "$odir" ] || [ ! -f "$odir/rejects.csv" ]; then
            msg+="no rejects.csv was written"
        else
            msg+=$(diff -u --label expected.rejects.csv --label rejects.csv \
                   "$dir/expected.rejects.csv" "$odir/rejects.csv")
        fi
    fi
    if [ -z "$msg" ]; then pass "$name"; else fail "$name" "$msg"; fi
}

if [ $# -gt 0 ]; then
    for n in "$@"; do run_fixture "$fixtures/$(basename "$n")"; done
    exit 0
fi
for dir in "$fixtures"/*/; do
    run_fixture "${dir%/}"
done

# ------------------------------------------------------------------ #
# 2. Hostile inputs, generated                                        #
# ------------------------------------------------------------------ #

H='案号,经办法院,立案日期,结案日期,被告,结案方式'
R='(2023)内0603行初1号,鄂尔多斯市康巴什区人民法院,2023-01-05,,鄂尔多斯市公安局,'
hostile=$scratch/hostile
mkdir -p "$hostile"

# rep CHAR N: N copies of CHAR, no newline.
rep() { head -c "$2" /dev/zero | tr '\0' "$1"; }

# hostile NAME FILE EXIT LINE: validate FILE; the exit status must be EXIT
# and LINE the first line of stderr (with EXIT 1: a line of stderr).
hostile() {
    local name=$1 file=$2 want=$3 line=$4 rc got
    (cd "$hostile" && exec timeout 60 "$FUYUAN" validate "$file") \
        > /dev/null 2> "$hostile/$name.err"
    rc=$?
    if [ "$want" = 1 ]; then
        got=$(grep -F -x -m 1 -- "$line" "$hostile/$name.err")
    else
        got=$(head -n 1 "$hostile/$name.err")
    fi
    if [ "$rc" = 124 ]; then
        fail "hostile-$name" "timed out (hang?)"
    elif [ "$rc" != "$want" ] || [ "$got" != "$line" ]; then
        fail "hostile-$name" "exit status $rc (expected $want), stderr:
$(head -c 2000 "$hostile/$name.err")
expected the line:
$line"
    else
        pass "hostile-$name"
    fi
    rm -f "$hostile/$file"
}

# A 2 MiB field: over FY_MAX_FIELD_BYTES, the file is not an export.
{ printf '%s\n%s\n(2023)内0603行初2号,' "$H" "$R"; rep a 2097152
  printf ',2023-01-05,,x,\n'; } > "$hostile/field.csv"
hostile field-2mb field.csv 3 "field.csv:3: error: a field is larger than 1 MiB; this is not a case export (is a quote character missing its pair?)"

# The same inside quotes, opened on line 3 and running over many lines.
{ printf '%s\n%s\n(2023)内0603行初2号,"' "$H" "$R"
  yes "$(rep b 32767)" | head -n 64; } > "$hostile/qfield.csv"
hostile quoted-field-2mb qfield.csv 3 "qfield.csv:3: error: a field is larger than 1 MiB; this is not a case export (is a quote character missing its pair?)"

# A data row of 100,000 columns: rejected, not read.
{ printf '%s\n%s\n' "$H" "$R"; yes x | head -n 100000 | paste -s -d ,; } \
    > "$hostile/cols.csv"
hostile columns-100k cols.csv 1 "  cols.csv:3: the row is too large (100000 fields; at most 2048 fields and 4 MiB)"

# A header of 100,000 columns.
{ printf '%s' "$H"; rep , 99994; printf '\n%s\n' "$R"; } > "$hostile/hcols.csv"
hostile header-100k hcols.csv 3 "hcols.csv:1: error: the header has more than 2048 columns"

# A row of 5 fields of 1,000,000 bytes: under the field limit, over the
# record limit (4 MiB).
{ printf '%s\n%s\n' "$H" "$R"
  for _ in 1 2 3 4 5; do rep c 1000000; printf ','; done; printf 'x\n'; } \
    > "$hostile/record.csv"
hostile record-5mb record.csv 1 "  record.csv:3: the row is too large (6 fields; at most 2048 fields and 4 MiB)"

# 3 MiB of nothing but quote characters.
rep '"' 3145728 > "$hostile/quotes.csv"
hostile only-quotes quotes.csv 3 "quotes.csv:1: error: a field is larger than 1 MiB; this is not a case export (is a quote character missing its pair?)"

# One quote opened on line 3 and never closed, 1 MB (under the field limit)
# of lines after it: the error names the line of the quote.
{ printf '%s\n%s\n(2023)内0603行初2号,"' "$H" "$R"
  yes abcdefghi | head -n 100000; } > "$hostile/unterminated.csv"
hostile unterminated-1mb unterminated.csv 3 "unterminated.csv:3: error: a quoted field is never closed: a quote character (\") is missing its pair"

# Nothing, deeply: a million empty lines, a million CRLFs, two million
# commas, a thousand lines of a thousand spaces.
rep '\n' 1000000 > "$hostile/blank.csv"
hostile blank-lines blank.csv 3 "blank.csv: error: the file has no rows; export the table again"
yes $'\r' | head -n 1000000 > "$hostile/crlf.csv"
hostile crlf-lines crlf.csv 3 "crlf.csv: error: the file has no rows; export the table again"
rep , 2000000 > "$hostile/commas.csv"
hostile only-commas commas.csv 3 "commas.csv: error: the file has no rows; export the table again"
yes "$(rep ' ' 1000)" | head -n 1000 > "$hostile/spaces.csv"
hostile only-spaces spaces.csv 3 "spaces.csv: error: the file has no rows; export the table again"

# Many distinct strings, so that the ingest stage's memo table (an entry
# per distinct string) grows while a row is read, at every offset: no
# pointer into it may be kept across the growth (the sanitizer build sees
# it). The last row's 所属旗区 is the first use of that string.
memo_csv() {
    printf '案号,经办法院,立案日期,结案日期,被告,所属旗区,管理领域\n'
    seq 1 "$1" | sed 's/.*/(2023)内0603行初&号,鄂尔多斯市康巴什区人民法院,2023-01-05,,机关&局,,/'
    if [ "$2" = 1 ]; then   # one more distinct string (a short form)
        echo '(2023)内0603行初9001号,康巴什区人民法院,2023-01-05,,机关1局,,'
    fi
    echo '(2023)内0603行初9002号,鄂尔多斯市康巴什区人民法院,2023-01-05,,东胜区某局,东胜区,'
}
memo_fail=""
for k in $(seq 500 516); do
    for extra in 0 1; do
        memo_csv "$k" "$extra" > "$hostile/memo.csv"
        (cd "$hostile" && exec timeout 60 "$FUYUAN" validate -q memo.csv) \
            > /dev/null 2> "$hostile/memo.err"
        rc=$?
        if [ "$rc" != 0 ] && [ -z "$memo_fail" ]; then
            memo_fail="$k rows (+$extra): exit status $rc
$(head -c 2000 "$hostile/memo.err")"
        fi
    done
done
if [ -z "$memo_fail" ]; then pass memo-growth; else fail memo-growth "$memo_fail"; fi

# ------------------------------------------------------------------ #
# 3. The shipped sample                                               #
# ------------------------------------------------------------------ #

sample=$top/fixtures/sample
if ! ls "$sample"/*.csv > /dev/null 2>&1; then
    echo "ok sample # skip fixtures/sample is absent"
else
    (cd "$top" && exec timeout 300 "$FUYUAN" validate fixtures/sample) \
        > /dev/null 2> "$scratch/sample.err"
    rc=$?
    if [ "$rc" = 0 ] && grep -q ' 0 rejected' "$scratch/sample.err"; then
        pass sample
    else
        fail sample "exit status $rc (expected 0 and 0 rejected), stderr:
$(head -c 3000 "$scratch/sample.err")"
    fi
fi

# ------------------------------------------------------------------ #
# 4. valgrind                                                         #
# ------------------------------------------------------------------ #

# grind NAME FIXTURE EXIT: a fixture's arguments, under valgrind.
grind() {
    local name=$1 fx work=$scratch/vg-$1 rc
    local -a args
    fx=$(ls -d "$fixtures"/[0-9]*-"$2" 2>/dev/null | head -n 1)
    if [ -z "$fx" ]; then fail "valgrind-$name" "no fixture *-$2"; return; fi
    mkdir -p "$work"
    cp -R "$fx/." "$work/"
    read -r -a args < "$fx/args"
    (cd "$work" && FY_PCRE2_JIT=0 exec timeout 300 valgrind -q --error-exitcode=9 \
        --leak-check=full --errors-for-leak-kinds=definite,indirect \
        "$FUYUAN" "${args[@]}") > /dev/null 2> "$work/valgrind.err"
    rc=$?
    if [ "$rc" = "$3" ]; then
        pass "valgrind-$name"
    else
        fail "valgrind-$name" "exit status $rc (expected $3; 9: valgrind error)
$(grep '^==' "$work/valgrind.err" | head -40)"
    fi
}

sanitized=0
if [ "${FY_SANITIZE:-0}" = 1 ] \
    || nm "$FUYUAN" 2>/dev/null | grep -q __asan_init \
    || ldd "$FUYUAN" 2>/dev/null | grep -q libasan; then
    sanitized=1
fi
if ! command -v valgrind > /dev/null 2>&1; then
    echo "ok valgrind # skip valgrind is not installed"
elif [ "$sanitized" = 1 ]; then
    echo "ok valgrind # skip the binary is built with AddressSanitizer"
else
    grind rejects output-rejects-csv 1
    grind notes alias-headers 0
    grind gb18030 gb18030-detected 1
    grind unreadable error-unterminated-quote 3
    grind bad-regex error-rules-bad-regex 3
fi
exit 0
