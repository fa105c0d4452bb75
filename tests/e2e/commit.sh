#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# commit.sh - end-to-end tests of how a report's folder is put in place
# (docs/reliability.md, "Outputs"), on the sample data set. The report
# DEST is made "old" (annual 2023, --as-of 2024-01-31, with .docx) and
# then replaced by a "new" run that makes fewer files (--no-docx); every
# check compares DEST byte for byte with a copy of each, and checks that
# its manifest.json lists exactly its files with their SHA-256.
#
# 1. fewer files: the new report replaces the old as a whole (no old chart
#    or .docx stays behind, outside the manifest); a file fuyuan did not
#    make in DEST: exit 4, DEST untouched; DEST a symlink: exit 4.
# 2. the private folder: a symlink named DEST.tmp-PID (the old predictable
#    name) or DEST.tmp-XXXXXX is never followed nor deleted through.
# 3. signals: SIGINT, SIGTERM, SIGHUP while the files are written (a
#    phase made deterministic by FY_TEST_PAUSE_AT: the run stops itself)
#    leave DEST entirely old and nothing beside it; between the swap and
#    the removal of the old report, and between the fallback's two
#    renames, DEST is entirely new; SIGKILL leaves the private folder, or
#    the old report set aside, which the next run removes or puts back;
#    SIGTERM while pandoc runs kills pandoc too (--jobs 1 and 2).
# 4. two runs into one DEST: the second waits for the first (a note on
#    stderr), and DEST is the second's, consistent with its manifest.
# 5. file outputs (validate -o DIR's rejects.csv, query -o FILE) on a full
#    disk (tests/fault/inject.c: FY_FAIL_WRITE) or through a symlink:
#    exit 4, "No space left on device", the old file as it was.
#
# Prints "ok NAME" / "not ok NAME" and indented details, as
# tools/run-tests.sh counts them. Uses FUYUAN and FY_TOP (set by
# tools/run-tests.sh; defaults: this tree) and FY_SAMPLE.
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000
unset LC_MESSAGES LC_CTYPE FY_TEST_PAUSE_AT FY_TEST_NO_EXCHANGE
PY=/usr/bin/python3

need_fuyuan "commit.sh"
new_scratch commit
cd "$scratch" || exit 1

sample=${FY_SAMPLE:-$FY_TOP/fixtures/sample}
if ! ls "$sample"/*.csv >/dev/null 2>&1; then
    sample=$scratch/sample
    if ! "$PY" "$FY_TOP/tools/gen_data.py" --out "$sample" >/dev/null; then
        fail "sample" "tools/gen_data.py failed"
        exit 1
    fi
fi

D=$scratch/out/r            # DEST
OLD=(annual --year 2023 --quiet --as-of 2024-01-31 -o "$D" "$sample")
NEW=(annual --year 2023 --quiet --no-docx -o "$D" "$sample")

# run NAME EXPECTED-STATUS ARGS...: run fuyuan, stderr into $scratch/NAME.err
run() {
    local name=$1 want=$2 rc
    shift 2
    "$FUYUAN" "$@" > "$scratch/$name.out" 2> "$scratch/$name.err"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "$name" "fuyuan $* exited $rc, not $want:
$(head -20 "$scratch/$name.err")"
        return 1
    fi
    return 0
}

# manifest_ok DIR: nothing when DIR/manifest.json lists exactly the files
# of DIR (but itself), each with its SHA-256; else what is wrong
manifest_ok() {
    "$PY" - "$1" <<'EOF'
import hashlib, json, os, sys
d = sys.argv[1]
try:
    m = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
except Exception as e:
    print("no manifest.json: %s" % e); sys.exit(0)
listed = {o["file"]: o["sha256"] for o in m["outputs"]}
files = set()
for root, dirs, names in os.walk(d):
    for n in names:
        files.add(os.path.relpath(os.path.join(root, n), d))
files.discard("manifest.json")
for f in sorted(files - set(listed)):
    print("in DEST, not in the manifest: " + f)
for f in sorted(set(listed) - files):
    print("in the manifest, not in DEST: " + f)
for f in sorted(files & set(listed)):
    h = hashlib.sha256(open(os.path.join(d, f), "rb").read()).hexdigest()
    if h != listed[f]:
        print("SHA-256 differs: " + f)
EOF
}

# is DIR: nothing when $D holds the same files as the copy DIR and agrees
# with its manifest, and nothing fuyuan made is left beside it
is() {
    diff -r "$1" "$D" 2>&1 | sed "s|$scratch/||g" | head -5
    manifest_ok "$D"
    ls -A "$scratch/out" | grep -v '^r$' | sed 's/^/left beside DEST: /'
}

# stopped PID: wait until PID has stopped itself (FY_TEST_PAUSE_AT); 1 if
# it ended instead (a bound, not a timing: the run stops within seconds)
stopped() {
    local i state
    for ((i = 0; i < 1200; i++)); do
        state=$(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null) ||
            return 1
        [ "$state" = T ] && return 0
        [ "$state" = Z ] && return 1
        sleep 0.1
    done
    return 1
}

# old: make $D the old report again
old() {
    rm -rf "$scratch/out" && mkdir -p "$scratch/out" &&
        cp -a "$scratch/ref-old" "$D"
}

# ------------------------------------------------------------------ #
# 1. fewer files, foreign files, a symlink                            #
# ------------------------------------------------------------------ #

if ! run ref-old 0 "${OLD[@]}"; then exit 1; fi
cp -a "$D" "$scratch/ref-old"
if [ -z "$(ls "$D"/*.docx 2>/dev/null)" ]; then
    fail "ref-old" "the old report has no .docx: $(ls "$D")"
fi
# the new report made into a fresh DEST: what it alone makes
rm -rf "$scratch/out"
if ! run ref-new 0 "${NEW[@]}"; then exit 1; fi
cp -a "$D" "$scratch/ref-new"

old
if run fewer-files 0 "${NEW[@]}"; then
    d=$(is "$scratch/ref-new")
    if [ -z "$d" ]; then pass "fewer-files"; else fail "fewer-files" "$d"; fi
fi

old
echo "notes" > "$D/mine.txt"
if run foreign-file 4 "${NEW[@]}"; then
    if ! grep -q "out/r: error: holds mine.txt, which is not in its manifest.json" \
        "$scratch/foreign-file.err"; then
        fail "foreign-file" "$(cat "$scratch/foreign-file.err")"
    elif [ "$(cat "$D/mine.txt")" != notes ] ||
        [ -n "$(diff -r -x mine.txt "$scratch/ref-old" "$D")" ] ||
        [ "$(ls -A "$scratch/out")" != r ]; then
        fail "foreign-file" "DEST changed: $(ls -A "$D" "$scratch/out")"
    else
        pass "foreign-file"
    fi
fi

old
mv "$D" "$scratch/out/real"
ln -s real "$D"
if run dest-symlink 4 "${NEW[@]}"; then
    if grep -q "out/r: error: a symbolic link" "$scratch/dest-symlink.err" &&
        [ -z "$(diff -r "$scratch/ref-old" "$scratch/out/real")" ]; then
        pass "dest-symlink"
    else
        fail "dest-symlink" "$(cat "$scratch/dest-symlink.err")"
    fi
fi

# ------------------------------------------------------------------ #
# 2. the private folder is never followed                             #
# ------------------------------------------------------------------ #

# DEST.tmp-PID a symlink to a folder of someone else's: the run made
# DEST.tmp-PID and removed it first (following the link, emptying the
# victim); now it has a name of its own, and a symlink of the form of
# its names is left alone as well
old
mkdir -p "$scratch/victim" && echo keep > "$scratch/victim/keep.txt"
ln -s "$scratch/victim" "$D.tmp-abcdef"
bash -c 'ln -s "$1" "$2.tmp-$$" && shift 2 && exec "$@"' sh \
    "$scratch/victim" "$D" "$FUYUAN" "${NEW[@]}" \
    > "$scratch/tmp-symlink.out" 2> "$scratch/tmp-symlink.err"
rc=$?
if [ "$rc" -ne 0 ]; then
    fail "tmp-symlink" "exited $rc: $(head -5 "$scratch/tmp-symlink.err")"
elif [ "$(cat "$scratch/victim/keep.txt" 2>/dev/null)" != keep ]; then
    fail "tmp-symlink" "the symlink was followed: victim holds $(ls -A "$scratch/victim")"
else
    rm -f "$D".tmp-*
    d=$(is "$scratch/ref-new")
    if [ -z "$d" ]; then pass "tmp-symlink"; else fail "tmp-symlink" "$d"; fi
fi

# ------------------------------------------------------------------ #
# 3. signals                                                          #
# ------------------------------------------------------------------ #

# signalled NAME SIG PHASE WANT [ENV...]: run NEW into the old DEST, stop
# at PHASE, send SIG, let it go on; it must die of SIG and leave DEST as
# the copy WANT (ref-old or ref-new) with nothing beside it
signalled() {
    local name=$1 sig=$2 phase=$3 want=$4 pid rc n
    shift 4
    old
    # env: a background job of a script ignores SIGINT; undo that
    env --default-signal=INT FY_TEST_PAUSE_AT="$phase" "$@" \
        "$FUYUAN" "${NEW[@]}" > "$scratch/$name.out" 2> "$scratch/$name.err" &
    pid=$!
    if ! stopped $pid; then
        wait $pid
        fail "$name" "it did not stop at $phase (exit $?): $(head -5 "$scratch/$name.err")"
        return 1
    fi
    kill -s "$sig" $pid
    kill -s CONT $pid
    { wait $pid; } 2>/dev/null   # no "Hangup" from bash
    rc=$?
    n=$((128 + $(kill -l "$sig")))
    if [ "$rc" -ne "$n" ]; then
        fail "$name" "exited $rc, not $n: $(head -5 "$scratch/$name.err")"
        return 1
    fi
    [ "$sig" != KILL ] || return 0   # the caller looks at what is left
    d=$(is "$scratch/$want")
    if [ -z "$d" ]; then pass "$name"; else fail "$name" "$d"; fi
}

for sig in INT TERM HUP; do
    for phase in begin written; do
        signalled "sig$sig-$phase" $sig $phase ref-old
    done
done
# during the commit the signal waits: DEST is new when it ends the run
signalled sigTERM-exchanged TERM exchanged ref-new
signalled sigTERM-aside TERM aside ref-new FY_TEST_NO_EXCHANGE=1

# SIGTERM while pandoc makes the .docx (a stand-in that says its pid and
# waits): the run kills and reaps it before it removes its private folder
# (a pandoc left running would write into it, or live on); with --jobs 2
# it runs beside the threads that draw the rest
fake=$scratch/fake-pandoc
mkdir -p "$fake"
printf '#!/bin/sh\necho $$ > "$FAKE_PANDOC_PID"\nexec sleep 60\n' > "$fake/pandoc"
chmod +x "$fake/pandoc"
for jobs in 1 2; do
    name=sigTERM-pandoc-jobs$jobs
    old
    rm -f "$scratch/pandoc.pid"
    env --default-signal=INT FAKE_PANDOC_PID="$scratch/pandoc.pid" \
        PATH="$fake:$PATH" "$FUYUAN" "${OLD[@]}" --jobs $jobs \
        > "$scratch/$name.out" 2> "$scratch/$name.err" &
    pid=$!
    for ((i = 0; i < 600; i++)); do # a bound: pandoc starts within seconds
        [ -s "$scratch/pandoc.pid" ] && break
        sleep 0.1
    done
    ppid=$(cat "$scratch/pandoc.pid" 2>/dev/null)
    kill -s TERM $pid
    { wait $pid; } 2>/dev/null
    rc=$?
    state=
    [ -z "$ppid" ] || state=$(sed 's/.*) \(.\).*/\1/' "/proc/$ppid/stat" 2>/dev/null)
    if [ -z "$ppid" ]; then
        fail "$name" "pandoc did not start (exit $rc): $(head -5 "$scratch/$name.err")"
    elif [ -n "$state" ] && [ "$state" != Z ]; then
        kill "$ppid" 2>/dev/null
        fail "$name" "pandoc ($ppid) still runs after the run ended (exit $rc)"
    elif [ "$rc" -ne 143 ]; then
        fail "$name" "exited $rc, not 143: $(head -5 "$scratch/$name.err")"
    else
        d=$(is "$scratch/ref-old")
        if [ -z "$d" ]; then pass "$name"; else fail "$name" "$d"; fi
    fi
done

# SIGKILL cannot be caught: the private folder stays, DEST intact; the
# next run into DEST removes it
if signalled sigKILL-written KILL written ref-old; then
    left=$(ls -A "$scratch/out" | grep '^r\.tmp-......$')
    if [ -z "$left" ] || [ -n "$(diff -r "$scratch/ref-old" "$D")" ]; then
        fail "sigKILL-written" "expected DEST old and r.tmp-XXXXXX: $(ls -A "$scratch/out")"
    elif run sigKILL-recover 0 "${NEW[@]}"; then
        d=$(is "$scratch/ref-new")
        if ! grep -q "removed $left beside" "$scratch/sigKILL-recover.err"; then
            fail "sigKILL-recover" "no note: $(cat "$scratch/sigKILL-recover.err")"
        elif [ -n "$d" ]; then
            fail "sigKILL-recover" "$d"
        else
            pass "sigKILL-recover"
        fi
    fi
fi

# SIGKILL between the fallback's two renames: DEST missing, the old
# report in r.old-XXXXXX. The next run puts it back first (shown by a
# run that then fails, tests/fault/inject.c), then replaces it
inject=$scratch/inject.so
if ! cc -shared -fPIC -o "$inject" "$FY_TOP/tests/fault/inject.c" -ldl \
    2> "$scratch/inject.err"; then
    fail "fault-injector" "$(cat "$scratch/inject.err")"
    inject=
fi
asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
if [ -n "$inject" ] &&
    signalled sigKILL-aside KILL aside ref-old FY_TEST_NO_EXCHANGE=1; then
    aside=$(ls -A "$scratch/out" | grep '^r\.old-......$')
    if [ -e "$D" ] || [ -z "$aside" ]; then
        fail "sigKILL-aside" "expected no DEST and r.old-XXXXXX: $(ls -A "$scratch/out")"
    elif ASAN_OPTIONS=$asan FY_FAIL_FOPEN=1 LD_PRELOAD=$inject \
        run sigKILL-putback 4 "${NEW[@]}"; then
        d=$(is "$scratch/ref-old")
        if ! grep -q "out/r: put back from $aside" "$scratch/sigKILL-putback.err"; then
            fail "sigKILL-putback" "no note: $(cat "$scratch/sigKILL-putback.err")"
        elif [ -n "$d" ]; then
            fail "sigKILL-putback" "$d"
        else
            pass "sigKILL-putback"
        fi
    fi
fi

# ------------------------------------------------------------------ #
# 4. two runs into one DEST                                           #
# ------------------------------------------------------------------ #

old
FY_TEST_PAUSE_AT=written "$FUYUAN" "${OLD[@]}" \
    > "$scratch/first.out" 2> "$scratch/first.err" &
first=$!
if ! stopped $first; then
    wait $first
    fail "two-runs" "the first run did not stop (exit $?): $(head -5 "$scratch/first.err")"
else
    "$FUYUAN" "${NEW[@]}" > "$scratch/second.out" 2> "$scratch/second.err" &
    second=$!
    for ((i = 0; i < 1200; i++)); do
        grep -q 'waiting' "$scratch/second.err" && break
        kill -0 $second 2>/dev/null || break
        sleep 0.1
    done
    waiting=$(cat "$scratch/second.err")
    kill -s CONT $first
    wait $first; rc1=$?
    wait $second; rc2=$?
    d=$(is "$scratch/ref-new")
    if [ "$waiting" != "fuyuan: $D: another run is writing this folder; waiting for it to finish" ]; then
        fail "two-runs" "the second run did not wait (exit $rc2): $waiting"
    elif [ "$rc1$rc2" != 00 ]; then
        fail "two-runs" "exit $rc1 and $rc2: $(cat "$scratch/first.err" "$scratch/second.err")"
    elif [ -n "$d" ]; then
        fail "two-runs" "$d"
    else
        pass "two-runs"
    fi
fi

# ------------------------------------------------------------------ #
# 5. file outputs: a full disk, a symlink                             #
# ------------------------------------------------------------------ #

# full NAME FILE ARGS...: fuyuan ARGS on a full disk for FILE: exit 4,
# "No space left on device", FILE as it was, no FILE.tmp-* left
full() {
    local name=$1 file=$2
    shift 2
    echo "the old one" > "$file"
    if ASAN_OPTIONS=$asan FY_FAIL_WRITE=$(basename "$file") \
        LD_PRELOAD=$inject run "$name" 4 "$@"; then
        if ! grep -q "$(basename "$file"): error: cannot write: No space left on device" \
            "$scratch/$name.err"; then
            fail "$name" "$(cat "$scratch/$name.err")"
        elif [ "$(cat "$file")" != "the old one" ]; then
            fail "$name" "$file was replaced: $(head -c 200 "$file")"
        elif ls "$file".tmp-* >/dev/null 2>&1; then
            fail "$name" "left behind: $(ls "$file".tmp-*)"
        else
            pass "$name"
        fi
    fi
}

if [ -n "$inject" ]; then
    mkdir -p "$scratch/v"
    full validate-enospc "$scratch/v/rejects.csv" \
        validate --quiet -o "$scratch/v" "$sample"
    full query-enospc "$scratch/q.csv" \
        query --metric filed --by court --year 2023 --format csv -o "$scratch/q.csv" "$sample"
fi

# symlink FILE ARGS...: FILE a symlink: exit 4, its target untouched
echo "keep" > "$scratch/target"
rm -f "$scratch/v/rejects.csv" && ln -s "$scratch/target" "$scratch/v/rejects.csv"
if run validate-symlink 4 validate --quiet -o "$scratch/v" "$sample"; then
    if grep -q "rejects.csv: error: not a regular file" "$scratch/validate-symlink.err" &&
        [ "$(cat "$scratch/target")" = keep ]; then
        pass "validate-symlink"
    else
        fail "validate-symlink" "$(cat "$scratch/validate-symlink.err") target: $(head -c 100 "$scratch/target")"
    fi
fi
