#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# inputs.sh - the input side of issue 12 ("Robustness"), the promises of
# docs/reliability.md, "Inputs". Each test failed on the code before its
# fix (said below for each):
#
#  1. A FIFO named *.csv in the data folder, or given as a data file,
#     --courts, --rules, --profile or --typical-cases: an error naming it,
#     exit 3 (blocked forever in open()). A device: an error naming it.
#  2. An input truncated while it is read (tests/fault/inject.c truncates
#     it right after fuyuan measured it): an error naming it, exit 3 (was
#     SIGBUS, exit 135: the file was mapped).
#  3. An input replaced during a run (inject.c saves it again when fuyuan
#     closes it): manifest.json has the SHA-256 of the bytes that were
#     read (was the file's at the end of the run).
#  4. Lock files of Excel/WPS (~$x.csv) and LibreOffice (.~lock.x.csv#)
#     in the data folder: not read, with a note (~$x.csv stopped the run,
#     exit 3).
#  5. fuyuan's own outputs in the data folder: `validate -o . .` twice,
#     and a file listed in the folder's manifest.json, are not read, with
#     a note (the second run read rejects.csv: exit 3).
#  6. A --courts or --rules file that breaks its format: exit 3, as
#     docs/ERRORS.md says.
#  7. The caps, each exceeded: a field over 1 MiB, a header over 2048
#     columns (errors, exit 3); a row over 2048 fields or 4 MiB (rejected,
#     naming the cap); a file over FY_MAX_LINES lines, a run over
#     FY_MAX_FILES files (lowered by FY_TEST_MAX_LINES and
#     FY_TEST_MAX_FILES) and a file over 16 GiB (sparse): errors, exit 3
#     (the last three were read).
#
# A test that would block on the code before its fix is run under
# `timeout 120`: a guard, never a measure (the fixed code does not wait).
# Prints "ok NAME" / "not ok NAME" and indented details.
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000
unset LC_MESSAGES LC_CTYPE FY_TEST_MAX_LINES FY_TEST_MAX_FILES

need_fuyuan "inputs.sh"
new_scratch inputs
SAMPLE=$FY_TOP/fixtures/sample

# run NAME STATUS ARGS...: fuyuan ARGS with stderr in $scratch/NAME.err;
# 0 when it exits STATUS, else a failure is printed.
run() {
    local name=$1 want=$2
    shift 2
    timeout 120 "$FUYUAN" "$@" > "$scratch/$name.out" 2> "$scratch/$name.err"
    local rc=$?
    if [ "$rc" != "$want" ]; then
        fail "$name" "exit $rc, not $want: fuyuan $*
$(head -c 2000 "$scratch/$name.err")"
        return 1
    fi
    return 0
}

# expect NAME PATTERN: the test passes when $scratch/NAME.err matches.
expect() {
    if grep -qE -- "$2" "$scratch/$1.err"; then
        pass "$1"
    else
        fail "$1" "stderr does not match /$2/:
$(head -c 2000 "$scratch/$1.err")"
    fi
}

# A small data folder: one table.
data=$scratch/data
mkdir -p "$data"
cp "$SAMPLE/hearings.csv" "$data/"

# ------------------------------------------------------------------ #
# 1. FIFOs and devices
# ------------------------------------------------------------------ #
fifo=$scratch/fifo
mkdir -p "$fifo"
cp "$SAMPLE/hearings.csv" "$fifo/"
mkfifo "$fifo/pipe.csv"
run fifo-in-folder 3 validate "$fifo" \
    && expect fifo-in-folder "pipe\.csv: error: is a FIFO \(named pipe\), not a regular file"
run fifo-given 3 validate "$fifo/pipe.csv" \
    && expect fifo-given "pipe\.csv: error: is a FIFO"
run fifo-courts 3 validate --courts "$fifo/pipe.csv" "$data" \
    && expect fifo-courts "pipe\.csv: error: is a FIFO"
run fifo-rules 3 validate --rules "$fifo/pipe.csv" "$data" \
    && expect fifo-rules "pipe\.csv: error: is a FIFO"
mkfifo "$fifo/profile.ini"
run fifo-profile 3 validate --profile "$fifo/profile.ini" "$data" \
    && expect fifo-profile "profile\.ini: error: is a FIFO"
run fifo-typical-cases 3 annual --year 2023 --no-docx --quiet \
    -o "$scratch/out-typical" --typical-cases "$fifo/pipe.csv" "$SAMPLE" \
    && expect fifo-typical-cases "pipe\.csv: error: is a FIFO"
if [ -c /dev/null ]; then
    run device 3 validate /dev/null \
        && expect device "/dev/null: error: is a device, not a regular file"
fi

# ------------------------------------------------------------------ #
# 2. and 3. An input that changes while it is read, or during the run
# ------------------------------------------------------------------ #
inject=$scratch/inject.so
asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
if ! cc -shared -fPIC -o "$inject" "$FY_TOP/tests/fault/inject.c" -ldl \
    2> "$scratch/inject.err"; then
    fail "fault-injector" "$(cat "$scratch/inject.err")"
else
    cp "$SAMPLE/cases-kbs-2023.csv" "$scratch/shrinks.csv"
    size=$(stat -c %s "$scratch/shrinks.csv")
    if ASAN_OPTIONS=$asan FY_TRUNCATE_AFTER_FSTAT=shrinks.csv \
        LD_PRELOAD=$inject run truncated 3 validate "$scratch/shrinks.csv"
    then
        expect truncated "shrinks\.csv: error: the file changed while it was read \($size bytes when opened, $((size / 2 / 4096 * 4096)) read\)"
    fi

    # a file of more than 8 MiB is read in slices on --jobs threads
    {
        echo '听证编号,听证日期,行政机关,负责人出席'
        yes 'H1,2023-01-10,鄂尔多斯市人民政府,是' | head -n 250000
    } > "$scratch/shrinks-large.csv"
    size=$(stat -c %s "$scratch/shrinks-large.csv")
    if ASAN_OPTIONS=$asan FY_TRUNCATE_AFTER_FSTAT=shrinks-large.csv \
        LD_PRELOAD=$inject run truncated-large 3 validate --jobs 2 \
        "$scratch/shrinks-large.csv"
    then
        expect truncated-large "shrinks-large\.csv: error: the file changed while it was read \($size bytes when opened, $((size / 2 / 4096 * 4096)) read\)"
    fi
    rm -f "$scratch/shrinks-large.csv"

    # every file of the sample given by name (a folder scan would open
    # and close them before they are read), hearings.csv saved again as
    # soon as fuyuan closes it
    mkdir -p "$scratch/changes"
    cp "$SAMPLE"/*.csv "$scratch/changes/"
    want=$(sha256sum < "$scratch/changes/hearings.csv" | cut -c1-64)
    if ASAN_OPTIONS=$asan FY_REPLACE_AFTER_CLOSE=/changes/hearings.csv \
        LD_PRELOAD=$inject run changed-during-run 0 annual --year 2023 \
        --no-docx --quiet -o "$scratch/out-changed" "$scratch"/changes/*.csv
    then
        now=$(sha256sum < "$scratch/changes/hearings.csv" | cut -c1-64)
        got=$(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
print([i["sha256"] for i in m["inputs"] if i["path"].endswith("/hearings.csv")][0])
' "$scratch/out-changed/manifest.json" 2>&1)
        if [ "$now" = "$want" ]; then
            fail changed-during-run "hearings.csv was not replaced (inject.c)"
        elif [ "$got" != "$want" ]; then
            fail changed-during-run "manifest.json: hearings.csv $got, the bytes read were $want (the file now: $now)"
        else
            pass changed-during-run
        fi
    fi
fi

# ------------------------------------------------------------------ #
# 4. Lock files
# ------------------------------------------------------------------ #
locks=$scratch/locks
mkdir -p "$locks"
cp "$SAMPLE/hearings.csv" "$locks/"
# what Excel writes: the user's name in a binary record
printf '\005Wang Li\000\000\000\000\000\000\000\000' > "$locks/~\$hearings.csv"
printf 'Wang Li,pc,wang,06.12.2026 20:00,file:///home/wang/.config/libreoffice/4;\n' \
    > "$locks/.~lock.hearings.csv#"
if run lock-files 0 validate "$locks"; then
    n=$(grep -c "not read: the lock file of" "$scratch/lock-files.err")
    if grep -q "files of a data folder not read" "$scratch/lock-files.err" \
        && grep -qF "~\$hearings.csv: not read: the lock file of a workbook open in Excel" "$scratch/lock-files.err" \
        && grep -qF ".~lock.hearings.csv#: not read: the lock file of a file open in LibreOffice" "$scratch/lock-files.err" \
        && [ "$n" = 2 ]; then
        pass lock-files
    else
        fail lock-files "$(cat "$scratch/lock-files.err")"
    fi
fi

# ------------------------------------------------------------------ #
# 5. fuyuan's own outputs in the data folder
# ------------------------------------------------------------------ #
own=$scratch/own
mkdir -p "$own"
cp "$SAMPLE/hearings.csv" "$own/"
if run own-rejects-1 0 validate -o "$own" "$own" \
    && run own-rejects 0 validate -o "$own" "$own"; then
    expect own-rejects "own/rejects\.csv: not read: the rejects\.csv of an earlier run"
fi
man=$scratch/manifest
mkdir -p "$man"
cp "$SAMPLE/hearings.csv" "$man/"
# an output of an earlier run that is a table (a copy of hearings.csv
# would reject every row as given twice if it were read)
cp "$SAMPLE/hearings.csv" "$man/table-1.csv"
cat > "$man/manifest.json" <<'EOF'
{
  "program": "fuyuan",
  "inputs": [
    {"path": "hearings.csv", "sha256": "0"}
  ],
  "outputs": [
    {"file": "annual-2023.xlsx", "sha256": "0"},
    {"file": "table-1.csv", "sha256": "0"}
  ]
}
EOF
if run own-manifest 0 validate "$man"; then
    expect own-manifest "manifest/table-1\.csv: not read: an output of fuyuan \(listed in the folder's manifest\.json\)"
fi

# ------------------------------------------------------------------ #
# 6. --courts and --rules that break their format: 3, as ERRORS.md says
# ------------------------------------------------------------------ #
printf '法院名称,法院代字\n鄂尔多斯市中级人民法院,内06\n' > "$scratch/courts.csv"
run courts-malformed 3 validate --courts "$scratch/courts.csv" "$data" \
    && expect courts-malformed "courts\.csv:1: error: the header has no column 层级"
printf '类型,模式\n结案方式,撤诉\n' > "$scratch/rules.csv"
run rules-malformed 3 validate --rules "$scratch/rules.csv" "$data" \
    && expect rules-malformed "rules\.csv:1: error: the header has no column 结果"
row=$(grep -E '^\| 3 \|' "$FY_TOP/docs/ERRORS.md")
case $row in
    *"a \`--courts\` or \`--rules\` file that breaks its format"*)
        pass errors-md-config-3 ;;
    *) fail errors-md-config-3 "docs/ERRORS.md's status 3 row: $row" ;;
esac

# ------------------------------------------------------------------ #
# 7. The caps
# ------------------------------------------------------------------ #
caps=$scratch/caps
mkdir -p "$caps"
header='听证编号,听证日期,行政机关,负责人出席'
first='H1,2023-01-10,鄂尔多斯市人民政府,是'
# a field over 1 MiB (FY_MAX_FIELD_BYTES), quoted, on line 3
{
    printf '%s\n%s\n"' "$header" "$first"
    head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' x
    printf '",x,y,z\n'
} > "$caps/field.csv"
run cap-field 3 validate "$caps/field.csv" \
    && expect cap-field "field\.csv:3: error: a field is larger than 1 MiB"
# a header over 2048 columns (FY_MAX_FIELDS)
{
    printf '%s' "$header"
    for i in $(seq 1 2050); do printf ',c%d' "$i"; done
    printf '\n%s\n' "$first"
} > "$caps/columns.csv"
run cap-columns 3 validate "$caps/columns.csv" \
    && expect cap-columns "columns\.csv:1: error: the header has more than 2048 columns"
# a row over 2048 fields, and one over 4 MiB (FY_MAX_RECORD_BYTES):
# rejected, naming the caps
{
    printf '%s\n%s\nH2,2023-01-11,x,是' "$header" "$first"
    for i in $(seq 1 2050); do printf ','; done
    printf '\nH3,2023-01-12,x,"'
    for i in 1 2 3 4 5; do
        head -c $((1000 * 1000)) /dev/zero | tr '\0' y
        printf '","'
    done
    printf '"\n'
} > "$caps/row.csv"
if run cap-row 1 validate -v "$caps/row.csv"; then
    n=$(grep -cE "row\.csv:[34]: the row is too large \(.*at most 2048 fields and 4 MiB\)" "$scratch/cap-row.err")
    if [ "$n" = 2 ]; then pass cap-row
    else fail cap-row "$(head -c 3000 "$scratch/cap-row.err")"; fi
fi
# more lines than FY_MAX_LINES (lowered to 5 for the test): the 6th line
# of hearings.csv is past it, and a file of 5 lines passes
head -5 "$SAMPLE/hearings.csv" > "$caps/five.csv"
FY_TEST_MAX_LINES=5 run cap-lines 3 validate "$data/hearings.csv" \
    && expect cap-lines "data/hearings\.csv:6: error: the file has more than 5 lines \(a cap of fuyuan, FY_MAX_LINES\)"
FY_TEST_MAX_LINES=5 run cap-lines-at 0 validate "$caps/five.csv" \
    && pass cap-lines-at
# more files than FY_MAX_FILES (lowered to 2): nothing is read
FY_TEST_MAX_FILES=2 run cap-files 3 validate "$SAMPLE" \
    && expect cap-files "sample: error: more than 2 data files \(a cap of fuyuan, FY_MAX_FILES\)"
# a file over 16 GiB (FY_MAX_FILE_BYTES): sparse, so no disk is used
if truncate -s 17G "$caps/huge.csv" 2> /dev/null; then
    run cap-file-bytes 3 validate "$caps/huge.csv" \
        && expect cap-file-bytes "huge\.csv: error: the file is larger than 16 GiB \(a cap of fuyuan, FY_MAX_FILE_BYTES\)"
    rm -f "$caps/huge.csv"
else
    echo "ok cap-file-bytes # skip no sparse file of 17 GiB here"
fi
