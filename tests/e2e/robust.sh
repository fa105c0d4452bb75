#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# robust.sh - regression tests of issue 12's table ("Robustness"): each
# of these failed on the code before its fix.
#
#  1. `validate -o ""`: a clear error and exit 4 (was a heap overflow
#     read in fy_mkdir_p under ASan).
#  2. `--help`, `--version` into /dev/full: exit 4 and a message, as GNU
#     tools do (was exit 0).
#  3. `query --format csv -o FILE` (and json, table) writes FILE and
#     nothing on stdout (-o was ignored).
#  4. `-o` naming a FIFO or a symlink: an error, exit 4; the FIFO stays a
#     FIFO and the symlink's target is untouched (was renamed over or
#     written through).
#  5. CSV outputs are safe to open: a text cell starting with = + - @ gets
#     a leading ' in `query --format csv` and in rejects.csv; numbers stay
#     numbers.
#  6. A cell holding a terminal escape sequence is written out (\x1b) in
#     the messages on stderr, never sent raw.
#
# Prints "ok NAME" / "not ok NAME" and indented details.
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000
unset LC_MESSAGES LC_CTYPE

need_fuyuan "robust.sh"
new_scratch robust
SAMPLE=$FY_TOP/fixtures/sample

# 1. an empty output folder
"$FUYUAN" validate -o "" "$SAMPLE" > /dev/null 2> "$scratch/1.err"
rc=$?
if [ "$rc" = 4 ] && grep -q "empty name" "$scratch/1.err"; then
    pass "validate-empty-output"
else
    fail "validate-empty-output" "exit $rc: $(cat "$scratch/1.err")"
fi

# 2. a standard output that cannot be written
if [ -w /dev/full ]; then
    for a in --help --version "query --help"; do
        # shellcheck disable=SC2086
        "$FUYUAN" $a > /dev/full 2> "$scratch/2.err"
        rc=$?
        if [ "$rc" = 4 ] && grep -q "standard output" "$scratch/2.err"; then
            pass "stdout-full: $a"
        else
            fail "stdout-full: $a" "exit $rc: $(cat "$scratch/2.err")"
        fi
    done
else
    echo "ok stdout-full # skip no /dev/full"
fi

# 3. -o FILE for every text format
for f in csv json table; do
    "$FUYUAN" query --metric filed --year 2023 --format "$f" \
        -o "$scratch/q.$f" "$SAMPLE" > "$scratch/3.out" 2> "$scratch/3.err"
    rc=$?
    "$FUYUAN" query --metric filed --year 2023 --format "$f" "$SAMPLE" \
        > "$scratch/want.$f" 2> /dev/null
    if [ "$rc" = 0 ] && [ ! -s "$scratch/3.out" ] \
        && cmp -s "$scratch/q.$f" "$scratch/want.$f"; then
        pass "query-output-file: $f"
    else
        fail "query-output-file: $f" "exit $rc, stdout $(wc -c < "$scratch/3.out") bytes, file: $(head -c 200 "$scratch/q.$f" 2>&1)"
    fi
done

# 4. a FIFO or a symlink as the output
mkfifo "$scratch/fifo"
for f in csv xlsx; do
    timeout 20 "$FUYUAN" query --metric filed --year 2023 --format "$f" \
        -o "$scratch/fifo" "$SAMPLE" > /dev/null 2> "$scratch/4.err"
    rc=$?
    if [ "$rc" = 4 ] && [ -p "$scratch/fifo" ] \
        && grep -q "not a regular file" "$scratch/4.err"; then
        pass "output-fifo: $f"
    else
        fail "output-fifo: $f" "exit $rc: $(cat "$scratch/4.err")"
    fi
done
echo "keep me" > "$scratch/target"
ln -s "$scratch/target" "$scratch/link"
"$FUYUAN" query --metric filed --year 2023 --format csv -o "$scratch/link" \
    "$SAMPLE" > /dev/null 2> "$scratch/4b.err"
rc=$?
if [ "$rc" = 4 ] && [ -L "$scratch/link" ] \
    && [ "$(cat "$scratch/target")" = "keep me" ]; then
    pass "output-symlink"
else
    fail "output-symlink" "exit $rc, target: $(cat "$scratch/target"): $(cat "$scratch/4b.err")"
fi
mkdir -p "$scratch/v"
ln -s "$scratch/target" "$scratch/v/rejects.csv"
"$FUYUAN" validate -o "$scratch/v" "$SAMPLE" > /dev/null 2> "$scratch/4c.err"
rc=$?
if [ "$rc" = 4 ] && [ "$(cat "$scratch/target")" = "keep me" ]; then
    pass "rejects-symlink"
else
    fail "rejects-symlink" "exit $rc, target: $(head -c 80 "$scratch/target"): $(cat "$scratch/4c.err")"
fi

# 5. formula-like cells
mkdir -p "$scratch/f"
printf '%s\n' "案号,经办法院,立案日期,结案日期,被告,结案方式" \
    "（2023）内0603行初1号,鄂尔多斯市康巴什区人民法院,2023-01-05,2023-02-01,=HYPERLINK(\"x\"),判决撤销" \
    "（2023）内0603行初2号,鄂尔多斯市康巴什区人民法院,@SUM(A1),2023-02-01,准格尔旗公安局,判决撤销" \
    > "$scratch/f/cases.csv"
"$FUYUAN" query --metric filed --by defendant --year 2023 --format csv \
    "$scratch/f" > "$scratch/5.csv" 2> /dev/null
"$FUYUAN" validate -o "$scratch/f/out" "$scratch/f/cases.csv" > /dev/null \
    2>&1
if grep -q "^\"'=HYPERLINK(\"\"x\"\")\",1," "$scratch/5.csv" \
    && ! grep -q "^=" "$scratch/5.csv" \
    && grep -q ",\"'@SUM(A1)\"," "$scratch/f/out/rejects.csv" \
    && grep -q '^合计,1,1,' "$scratch/5.csv"; then
    pass "csv-formula-cells"
else
    fail "csv-formula-cells" "query: $(cat "$scratch/5.csv")
rejects: $(cat "$scratch/f/out/rejects.csv" 2>&1)"
fi

# 6. terminal escapes in a cell
mkdir -p "$scratch/e"
printf '案号,经办法院,立案日期,结案日期,被告,结案方式\n（2023）内0603行初1号,鄂尔多斯市康巴什区人民法院,2023-01-0\033[2J5,2023-02-01,准格尔旗公安局,判决撤销\n' \
    > "$scratch/e/cases.csv"
"$FUYUAN" validate "$scratch/e/cases.csv" > "$scratch/6.out" 2>&1
if grep -q "$(printf '\033')" "$scratch/6.out"; then
    fail "terminal-escapes" "an ESC byte reached the terminal: $(cat -v "$scratch/6.out")"
elif grep -q '\\x1b\[2J' "$scratch/6.out"; then
    pass "terminal-escapes"
else
    fail "terminal-escapes" "the value is not shown: $(cat -v "$scratch/6.out")"
fi
