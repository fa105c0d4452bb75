#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# docx.sh - end-to-end tests of the editable drafts (white-paper.md,
# "Editable drafts"; outputs.md, "Outputs of annual"): annual-2023.docx
# (with the typical cases of fixtures/typical) and quarterly-2024Q2.docx
# on the sample data, read back without fuyuan's code.
#
# 1. tests/docx/check_docx.py on each: the cover or the 公文 head and
#    落款; headings in Word's heading styles, the PDF's bookmarks level
#    for level; one Word table per table of the PDF, titled above and
#    sourced below; every figure of every table equal to the workbook's
#    cell (openpyxl); the charts' PNGs as pictures, byte for byte; A4
#    and the GB/T 9704 margins; the reference's faces; every line of
#    the .txt in `pandoc -t plain`; created = SOURCE_DATE_EPOCH. The
#    checker must fail on a copy with a figure changed and a heading made
#    body text.
# 2. Reproducible: two runs into different folders (one with a blank and
#    a colon in its name) give byte-identical .docx; manifest.json lists
#    the .docx with its SHA-256.
# 3. Without pandoc on PATH the run fails with exit status 4 and a
#    message naming pandoc, and leaves nothing: no new folder, no
#    DEST.tmp-*, an existing report untouched; a pandoc that fails (exit
#    status 3) is named with its status and message; --no-docx writes
#    everything but the .docx, without pandoc.
# 4. LibreOffice (soffice --headless, with Writer) converts both drafts
#    to PDF: A4 pages, every heading and the last line in the text
#    (skipped without soffice or Writer).
#
# Prints "ok NAME" / "not ok NAME" and indented details, as
# tools/run-tests.sh counts them. Uses FUYUAN and FY_TOP (set by
# tools/run-tests.sh; defaults: this tree).
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000 TZ=UTC
unset LC_MESSAGES LC_CTYPE
PY=/usr/bin/python3
SAMPLE=$FY_TOP/fixtures/sample
TYPICAL=$FY_TOP/fixtures/typical/typical-cases.csv
CHECK=$FY_TOP/tests/docx/check_docx.py

need_fuyuan "docx.sh"
new_scratch docx
cd "$scratch" || exit 1

# a PATH with nothing on it: fuyuan needs no program but pandoc
mkdir -p "$scratch/nopath"

# ------------------------------------------------------------------ #
# 3. Without pandoc (first: it needs no pandoc)                        #
# ------------------------------------------------------------------ #

# run_rc NAME EXPECTED-STATUS ENV... -- ARGS...: fuyuan with that
# environment; stdout and stderr in $scratch/NAME.{out,err}
run_rc() {
    local name=$1 want=$2 rc
    shift 2
    local env=()
    while [ "$1" != "--" ]; do env+=("$1"); shift; done
    shift
    env "${env[@]}" "$FUYUAN" "$@" > "$scratch/$name.out" \
        2> "$scratch/$name.err"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "$name" "exit status $rc, expected $want:
$(head -20 "$scratch/$name.err")"
        return 1
    fi
    return 0
}

# every file of a folder with its checksum
tree_sums() {
    (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
}

if run_rc no-pandoc 4 PATH="$scratch/nopath" -- annual --year 2023 \
    -o "$scratch/np/report" "$SAMPLE"; then
    left=$(ls -A "$scratch/np" 2>/dev/null || true)
    if ! grep -q 'pandoc' "$scratch/no-pandoc.err"; then
        fail no-pandoc "the message does not name pandoc:
$(cat "$scratch/no-pandoc.err")"
    elif [ -e "$scratch/np" ]; then
        fail no-pandoc "left behind: $scratch/np ($left)"
    else
        pass no-pandoc
    fi
fi

# a report already there stays as it was
mkdir -p "$scratch/old"
printf 'old\n' > "$scratch/old/annual-2023.pdf"
printf 'old\n' > "$scratch/old/keep.txt"
before=$(tree_sums "$scratch/old")
if run_rc no-pandoc-keeps 4 PATH="$scratch/nopath" -- annual --year 2023 \
    -o "$scratch/old" "$SAMPLE"; then
    left=$(ls -A "$scratch" | grep '^old\.tmp-' || true)
    if [ "$(tree_sums "$scratch/old")" != "$before" ] || [ -n "$left" ]; then
        fail no-pandoc-keeps "the previous report changed${left:+, left: $left}:
$(tree_sums "$scratch/old")"
    else
        pass no-pandoc-keeps
    fi
fi

# a pandoc that fails: its status and message in the error
mkdir -p "$scratch/badbin"
printf '#!/bin/sh\necho "pandoc: broken on purpose" >&2\nexit 3\n' \
    > "$scratch/badbin/pandoc"
chmod +x "$scratch/badbin/pandoc"
if run_rc pandoc-fails 4 PATH="$scratch/badbin:$PATH" -- quarterly \
    --quarter 2024Q2 -o "$scratch/bad" "$SAMPLE"; then
    if ! grep -q 'pandoc failed (exit status 3): pandoc: broken on purpose' \
        "$scratch/pandoc-fails.err"; then
        fail pandoc-fails "$(cat "$scratch/pandoc-fails.err")"
    elif [ -e "$scratch/bad" ]; then
        fail pandoc-fails "left behind: $(ls -A "$scratch/bad")"
    else
        pass pandoc-fails
    fi
fi

# --no-docx: everything else, without pandoc
if run_rc no-docx 0 PATH="$scratch/nopath" -- quarterly --quarter 2024Q2 \
    --no-docx -o "$scratch/nd" "$SAMPLE"; then
    if [ -e "$scratch/nd/quarterly-2024Q2.docx" ] \
        || grep -q '\.docx' "$scratch/nd/manifest.json" \
        || [ ! -s "$scratch/nd/quarterly-2024Q2.pdf" ] \
        || grep -q '\.docx' "$scratch/no-docx.err"; then
        fail no-docx "a .docx written or named, or no PDF:
$(ls "$scratch/nd"; cat "$scratch/no-docx.err")"
    else
        pass no-docx
    fi
fi

if ! command -v pandoc > /dev/null 2>&1; then
    echo "ok docx # skip pandoc is not installed (make deps)"
    exit 0
fi
for mod in openpyxl PyPDF2; do
    if ! "$PY" -c "import $mod" 2>/dev/null; then
        echo "ok docx # skip python3 cannot import $mod (make deps)"
        exit 0
    fi
done

# ------------------------------------------------------------------ #
# The runs: each draft twice, into different folders                  #
# ------------------------------------------------------------------ #

run() { # NAME ARGS...
    local name=$1
    shift
    run_rc "$name" 0 PATH="$PATH" -- "$@" --quiet && pass "$name"
}

run annual-run annual --year 2023 --typical-cases "$TYPICAL" \
    -o "$scratch/a1" "$SAMPLE" || exit 1
# the second run into a folder with a blank and a colon (pandoc's
# --resource-path separator): its pictures are found all the same, and
# no folder's name ends up in the bytes
A2="$scratch/a2/deeper one:x"
run annual-rerun annual --year 2023 --typical-cases "$TYPICAL" \
    -o "$A2" "$SAMPLE" || exit 1
run quarterly-run quarterly --quarter 2024Q2 -o "$scratch/q1" "$SAMPLE" \
    || exit 1
run quarterly-rerun quarterly --quarter 2024Q2 -o "$scratch/q2/x" "$SAMPLE" \
    || exit 1

# ------------------------------------------------------------------ #
# 1. The drafts read back                                             #
# ------------------------------------------------------------------ #

check() { # KIND DIR STEM
    "$PY" "$CHECK" "$1" "$2/$3.docx" "$2/$3.pdf" "$2/$3.txt" "$2/$3.xlsx" \
        "$2/charts" 2>&1 || echo "not ok $1-checker (it crashed)"
}
check annual "$scratch/a1" annual-2023
check quarterly "$scratch/q1" quarterly-2024Q2

# the checker sees a wrong figure and a heading that is not one
"$PY" - "$scratch/a1/annual-2023.docx" "$scratch/bad.docx" <<'EOF'
import re, sys, zipfile
src, dst = sys.argv[1:3]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w") as out:
    for info in z.infolist():
        data = z.read(info.filename)
        if info.filename == "word/document.xml":
            xml = data.decode("utf-8")
            xml = xml.replace(">1,200<", ">1,201<", 1)
            xml = xml.replace('w:val="Heading2"', 'w:val="BodyText"', 1)
            data = xml.encode("utf-8")
        out.writestr(info, data)
EOF
bad=$("$PY" "$CHECK" mutated "$scratch/bad.docx" \
    "$scratch/a1/annual-2023.pdf" "$scratch/a1/annual-2023.txt" \
    "$scratch/a1/annual-2023.xlsx" "$scratch/a1/charts" 2>&1)
if printf '%s\n' "$bad" | grep -q '^not ok mutated-workbook' \
    && printf '%s\n' "$bad" | grep -q '^not ok mutated-headings'; then
    pass checker-fails-on-a-changed-draft
else
    fail checker-fails-on-a-changed-draft "$bad"
fi

# ------------------------------------------------------------------ #
# 2. Reproducible, and in the manifest                                #
# ------------------------------------------------------------------ #

same_bytes() { # NAME A B
    if cmp -s "$2" "$3"; then pass "$1"
    else fail "$1" "$2 and $3 differ"; fi
}
same_bytes annual-reproducible "$scratch/a1/annual-2023.docx" \
    "$A2/annual-2023.docx"
same_bytes quarterly-reproducible "$scratch/q1/quarterly-2024Q2.docx" \
    "$scratch/q2/x/quarterly-2024Q2.docx"

in_manifest() { # NAME DIR FILE
    local sum
    sum=$(sha256sum "$2/$3" | cut -d' ' -f1)
    if "$PY" - "$2/manifest.json" "$3" "$sum" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
want = {"file": sys.argv[2], "sha256": sys.argv[3]}
sys.exit(0 if any(o.get("file") == want["file"]
                  and o.get("sha256") == want["sha256"]
                  for o in m.get("outputs", [])) else 1)
EOF
    then pass "$1"
    else fail "$1" "$3 ($sum) is not in $2/manifest.json"; fi
}
in_manifest annual-manifest "$scratch/a1" annual-2023.docx
in_manifest quarterly-manifest "$scratch/q1" quarterly-2024Q2.docx

# ------------------------------------------------------------------ #
# 4. LibreOffice opens them                                           #
# ------------------------------------------------------------------ #

if ! command -v soffice > /dev/null 2>&1; then
    echo "ok libreoffice-docx # skip soffice is not installed"
    exit 0
fi
# Writer (libreoffice-writer-nogui) opens .docx; Calc alone cannot
if [ ! -e /usr/lib/libreoffice/program/libswlo.so ]; then
    echo "ok libreoffice-docx # skip LibreOffice Writer is not installed (make deps)"
    exit 0
fi
lo=$scratch/lo
mkdir -p "$lo/home" "$lo/pdf"
HOME=$lo/home timeout 180 soffice "-env:UserInstallation=file://$lo/profile" \
    --headless --convert-to pdf --outdir "$lo/pdf" \
    "$scratch/a1/annual-2023.docx" "$scratch/q1/quarterly-2024Q2.docx" \
    > "$lo/log" 2>&1
rc=$?
for stem in annual-2023 quarterly-2024Q2; do
    dir=$scratch/a1
    [ "$stem" = annual-2023 ] || dir=$scratch/q1
    pdf=$lo/pdf/$stem.pdf
    if [ ! -s "$pdf" ]; then
        fail "libreoffice-$stem" "soffice exited $rc, no PDF:
$(tail -5 "$lo/log")"
        continue
    fi
    why=$("$PY" - "$pdf" "$dir/$stem.txt" "$dir/$stem.pdf" <<'EOF'
import re, subprocess, sys
import PyPDF2
pdf, txt, ours = sys.argv[1:4]
r = PyPDF2.PdfReader(pdf)
bad = []
for i, p in enumerate(r.pages):
    w, h = float(p.mediabox.width), float(p.mediabox.height)
    if abs(w - 595.3) > 1 or abs(h - 841.9) > 1:
        bad.append("page %d is %.0f x %.0f pt, not A4" % (i + 1, w, h))
        break
n, m = len(r.pages), len(PyPDF2.PdfReader(ours).pages)
if not m // 2 <= n <= 3 * m:
    bad.append("%d pages, the PDF has %d" % (n, m))
text = subprocess.run(["pdftotext", pdf, "-"], check=True,
                      stdout=subprocess.PIPE).stdout.decode("utf-8")
# the page numbers between the lines of a paragraph that turns a page
text = "".join(re.sub(r"\n\s*— \d+ —\s*\n", "\n", text).split())
with open(txt, encoding="utf-8") as f:
    lines = [l.strip().strip("\u3000") for l in f if l.strip()]
heads = [l for l in lines if len(l) < 40 and l[:2] in
         ("一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、")]
for l in heads + lines[-1:]:
    if "".join(l.split()) not in text:
        bad.append("not in the converted text: %s" % l)
print("\n".join(bad))
EOF
)
    if [ -n "$why" ]; then fail "libreoffice-$stem" "$why"
    else pass "libreoffice-$stem"; fi
done
exit 0
