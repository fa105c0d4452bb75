#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# lang.sh - the documents are Chinese whatever LANG is, and name no folder
# of the machine (issue 13); the terminal follows LANG.
#
# The data: the sample and two more folders in a scratch folder with a
# distinctive name (fyLangData-Qx7): extra/ (rows rejected: too few and
# too many fields, an impossible date, 负责人出席 '有', a population row
# given twice) and notes/ (several 被告 in one cell), each with its own
# cases.csv. annual 2023, quarterly 2023Q4 and validate -o run under
#   C             LANG=C
#   en            LANG=en_US.UTF-8 (not generated here: C.UTF-8, English)
#   zh            LANG=zh_CN.UTF-8
#   zh-nolocale   LANG=zh_CN.UTF-8 with LOCPATH at an empty folder (no
#                 locale generated at all)
# and must give:
# 1. the same documents: every file but manifest.json byte for byte (the
#    PDFs too: Pango lays the text out as zh-cn, not in the locale's
#    language), and, to show what differs when they do not, the same text
#    (cells of every sheet read with openpyxl, chart titles, pdftotext of
#    every PDF, rejects.csv);
# 2. Chinese: the 数据质量 sheet's reasons and notes, the table kind,
#    rejects.csv's reasons for known rows, the 说明 sheet's data source;
#    no English sentence anywhere;
# 3. no path of the machine: the data folder's name is in manifest.json
#    (which keeps the paths as given) and in no other document; files are
#    named relative to the folder of the data (extra/cases.csv and
#    notes/cases.csv told apart);
# 4. the terminal in English under C (the paths as given), in Chinese
#    under zh.
#
# Prints "ok NAME" / "not ok NAME" and indented details, as
# tools/run-tests.sh counts them. Uses FUYUAN and FY_TOP (set by
# tools/run-tests.sh; defaults: this tree).
set -u

. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1700000000
unset LC_ALL LANGUAGE LC_MESSAGES LC_CTYPE LOCPATH
PY=/usr/bin/python3

need_fuyuan "lang.sh"
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    echo "ok lang.sh # skip $PY has no openpyxl (make deps)"
    exit 0
fi
if ! command -v pdftotext >/dev/null || ! command -v unzip >/dev/null; then
    echo "ok lang.sh # skip no pdftotext or unzip (make deps)"
    exit 0
fi
new_scratch lang
cd "$scratch" || exit 1

# ------------------------------------------------------------------ #
# The data                                                            #
# ------------------------------------------------------------------ #

mark=fyLangData-Qx7
data=$scratch/$mark
fx=$FY_TOP/fixtures/e2e
mkdir -p "$data/extra" "$data/notes" "$scratch/no-locales"
cp -R "$FY_TOP/fixtures/sample" "$data/sample"
cp "$fx/74-output-rejects-csv/data/cases.csv" \
   "$fx/74-output-rejects-csv/data/hearings.csv" "$data/extra/"
printf '地区,年份,常住人口(人)\n东胜区,2020,574242\n' \
    > "$data/extra/population.csv"
cp "$fx/62-several-defendants/data/cases.csv" "$data/notes/"
# a folder with a slash at its end, as the shell completes it
inputs=("$data/extra" "$data/notes/" "$data/sample")

# ------------------------------------------------------------------ #
# The runs                                                            #
# ------------------------------------------------------------------ #

variants="C en zh zh-nolocale"
run_variant() {
    local v=$1 out=$scratch/$1
    local -a env
    case $v in
    C) env=(LANG=C) ;;
    en) env=(LANG=en_US.UTF-8) ;;
    zh) env=(LANG=zh_CN.UTF-8) ;;
    zh-nolocale) env=(LANG=zh_CN.UTF-8 LOCPATH=$scratch/no-locales) ;;
    esac
    mkdir -p "$out"
    env "${env[@]}" "$FUYUAN" annual --year 2023 -o "$out/annual" \
        "${inputs[@]}" >"$out/annual.stdout" 2>"$out/annual.stderr"
    echo $? >"$out/annual.rc"
    env "${env[@]}" "$FUYUAN" quarterly --quarter 2023Q4 \
        -o "$out/quarterly" "${inputs[@]}" \
        >"$out/quarterly.stdout" 2>"$out/quarterly.stderr"
    echo $? >"$out/quarterly.rc"
    env "${env[@]}" "$FUYUAN" validate -o "$out/validate" "${inputs[@]}" \
        >"$out/validate.stdout" 2>"$out/validate.stderr"
    echo $? >"$out/validate.rc"
}
for v in $variants; do run_variant "$v"; done

bad=""
for v in $variants; do
    for c in annual:0 quarterly:0 validate:1; do
        got=$(cat "$scratch/$v/${c%%:*}.rc")
        [ "$got" = "${c#*:}" ] \
            || bad+="$v ${c%%:*}: exit $got, not ${c#*:}: $(head -3 "$scratch/$v/${c%%:*}.stderr")"$'\n'
    done
done
if [ -n "$bad" ]; then
    fail "lang runs" "$bad"
    exit 1
fi
pass "lang runs (annual, quarterly, validate -o under $variants)"

# ------------------------------------------------------------------ #
# 1. The same documents                                               #
# ------------------------------------------------------------------ #

# The text of every document of a run, file by file, in a stable order.
cat > "$scratch/dump.py" <<'EOF'
import os, re, subprocess, sys, zipfile
import openpyxl

root = sys.argv[1]
out = sys.stdout
for dirpath, dirs, files in sorted(os.walk(root)):
    dirs.sort()
    for f in sorted(files):
        path = os.path.join(dirpath, f)
        rel = os.path.relpath(path, root)
        # the documents are in the runs' folders; manifest.json keeps the
        # paths as given, a PNG holds no text
        if dirpath == root or f == "manifest.json" or f.endswith(".png"):
            continue
        out.write("=== %s\n" % rel)
        if f.endswith(".xlsx"):
            wb = openpyxl.load_workbook(path)
            p = wb.properties
            for k in ("title", "subject", "creator", "keywords",
                      "description", "category"):
                out.write("property\t%s\t%s\n" % (k, getattr(p, k)))
            for ws in wb.worksheets:
                out.write("--- sheet %s\n" % ws.title)
                for row in ws.iter_rows():
                    for c in row:
                        if c.value is not None:
                            out.write("%s\t%s\n" % (c.coordinate, c.value))
                for hf in (ws.oddHeader, ws.oddFooter):
                    for part in (hf.left, hf.center, hf.right):
                        if part.text:
                            out.write("header/footer\t%s\n" % part.text)
            # charts and pictures: titles, series names, alt text
            with zipfile.ZipFile(path) as z:
                for n in sorted(z.namelist()):
                    if n.startswith(("xl/charts/", "xl/drawings/")) \
                            and n.endswith(".xml"):
                        x = z.read(n).decode("utf-8")
                        for t in re.findall(r"<(?:a:t|c:v)>([^<]*)<", x):
                            out.write("%s\t%s\n" % (n, t))
                        for t in re.findall(r'descr="([^"]*)"', x):
                            out.write("%s\tdescr\t%s\n" % (n, t))
        elif f.endswith(".pdf"):
            out.write(subprocess.run(["pdftotext", "-layout", path, "-"],
                                     capture_output=True, text=True,
                                     check=True).stdout)
            info = subprocess.run(["pdfinfo", path], capture_output=True,
                                  text=True).stdout
            for line in info.splitlines():
                if line.split(":")[0] in ("Title", "Subject", "Author",
                                          "Keywords"):
                    out.write("info\t%s\n" % line)
        elif f.endswith(".docx"):
            with zipfile.ZipFile(path) as z:
                x = z.read("word/document.xml").decode("utf-8")
                out.write("\n".join(re.findall(r"<w:t[^>]*>([^<]*)<", x)))
                out.write("\n")
        else:
            with open(path, encoding="utf-8-sig") as fh:
                out.write(fh.read())
EOF

bad=""
for v in $variants; do
    "$PY" "$scratch/dump.py" "$scratch/$v" > "$scratch/$v.text" 2>&1 \
        || bad+="$v: cannot read the documents: $(tail -3 "$scratch/$v.text")"$'\n'
done
for v in $variants; do
    [ "$v" = zh ] && continue
    d=$(diff "$scratch/zh.text" "$scratch/$v.text" | head -20)
    [ -z "$d" ] || bad+="LANG of $v against zh_CN.UTF-8, the text differs:"$'\n'"$d"$'\n'
    d=""
    while IFS= read -r f; do
        rel=${f#"$scratch/zh/"}
        case $rel in */manifest.json) continue ;; esac
        cmp -s "$f" "$scratch/$v/$rel" || d+=" $rel"
    done < <(find "$scratch/zh" -type f -path "$scratch/zh/*/*" | sort)
    [ -z "$d" ] || bad+="$v against zh: files differ:$d"$'\n'
done
n=$(find "$scratch/zh" -type f -path "$scratch/zh/*/*" | wc -l)
if [ -z "$bad" ] && [ "$n" -gt 20 ]; then
    pass "lang same documents under every LANG ($n files)"
else
    fail "lang same documents under every LANG ($n files)" "$bad"
fi

# ------------------------------------------------------------------ #
# 2. Chinese                                                          #
# ------------------------------------------------------------------ #

text=$scratch/C.text
bad=""
want() { # FILE STRING...: each string must be in FILE
    local f=$1; shift
    for s in "$@"; do
        grep -qF -- "$s" "$f" || bad+="$(basename "$f") lacks: $s"$'\n'
    done
}
# rejects.csv, as under LANG=zh_CN: reasons, names relative to the data
rej=$scratch/C/validate/rejects.csv
want "$rej" \
    '文件,行号,列号,列名,值,原因,原因说明,原始记录' \
    '"extra/cases.csv","3","","","","字段数不符","该行字段数：5，表头字段数：6；缺少字段（是否有多余的换行或逗号？）"' \
    '"extra/cases.csv","4","3","立案日期","2023-01-32","不是有效日期","立案日期“2023-01-32”不是有效日期（应写作 2023-01-05）"' \
    '"extra/hearings.csv","2","4","负责人出席","有","不是“是”或“否”","负责人出席“有”不是“是”或“否”（应填写是或否）"' \
    '"sample/population.csv","2","1","地区","东胜区","编号或关键字段重复","东胜区2020年数据重复，保留 extra/population.csv:2 处的一行"'
cmp -s "$rej" "$scratch/C/annual/rejects.csv" \
    || bad+="annual's rejects.csv is not validate's"$'\n'
# the 数据质量 sheet: files, table kinds, reasons and notes in Chinese
sheet=$scratch/quality.text
sed -n '/^=== annual\/annual-2023.xlsx$/,/^=== /p' "$text" \
    | sed -n '/^--- sheet 数据质量$/,/^--- sheet /p' > "$sheet"
want "$sheet" $'\textra/cases.csv' $'\tnotes/cases.csv' \
    $'\tsample/cases-kbs-2023.csv' $'\t行政案件明细' $'\t检察机关听证会' \
    $'\t字段数不符' $'\t不是有效日期' $'\t编号或关键字段重复' \
    $'\t同一单元格内有多个被告（分别统计）' $'\t案号重复出现（只采用其中一行）' \
    $'\tUTF-8（带BOM）'
# the 说明 sheet: where the data came from, named without the machine's
# folders
want "$text" $'\textra；notes；sample' $'\t命令行'
# no English sentence: no two words of letters in a row, and none of the
# English the documents held before
eng=$(grep -nP '[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}' "$text" | head -5)
[ -z "$eng" ] || bad+="English in the documents:"$'\n'"$eng"$'\n'
for s in 'wrong number of fields' 'not a date' 'several 被告' \
         'rows skipped' 'is not yes or no' 'given twice'; do
    ! grep -qF -- "$s" "$text" || bad+="English in the documents: $s"$'\n'
done
if [ -z "$bad" ]; then
    pass "lang documents in Chinese under LANG=C"
else
    fail "lang documents in Chinese under LANG=C" "$bad"
fi

# ------------------------------------------------------------------ #
# 3. No path of the machine                                           #
# ------------------------------------------------------------------ #

# Every byte of text a document holds: the members of .xlsx and .docx,
# pdftotext and pdfinfo and the raw bytes of PDFs, .csv and .txt as they
# are.
bad=""
for v in C zh; do
    while IFS= read -r f; do
        case $f in
        *.xlsx|*.docx) unzip -p "$f" ;;
        *.pdf) pdftotext "$f" -; pdfinfo "$f"; cat "$f" ;;
        *) cat "$f" ;;
        esac > "$scratch/bytes"
        if grep -aqF -e "$mark" -e "$scratch" "$scratch/bytes"; then
            case $f in
            */manifest.json) ;;
            *) bad+="$v: ${f#"$scratch/"} names the machine's folder"$'\n' ;;
            esac
        elif [ "${f##*/}" = manifest.json ]; then
            bad+="$v: ${f#"$scratch/"} lacks the paths as given"$'\n'
        fi
    done < <(find "$scratch/$v" -type f -path "$scratch/$v/*/*" | sort)
done
if [ -z "$bad" ]; then
    pass "lang no path of the machine in a document"
else
    fail "lang no path of the machine in a document" "$bad"
fi

# A profile that gives the data by an absolute path ending in a slash:
# 说明's 运行设置 names it by its last name.
printf '[report]\ndata = %s/sample/\n' "$data" > "$scratch/abs.ini"
LANG=C "$FUYUAN" annual --year 2023 -q --profile "$scratch/abs.ini" \
    -o "$scratch/profile" >"$scratch/profile.stdout" \
    2>"$scratch/profile.stderr"
rc=$?
bad=""
[ "$rc" = 0 ] || bad+="exit $rc: $(head -3 "$scratch/profile.stderr")"$'\n'
unzip -p "$scratch/profile/annual-2023.xlsx" > "$scratch/bytes" 2>/dev/null
if grep -aqF -e "$mark" -e "$scratch" "$scratch/bytes"; then
    bad+="the workbook names the machine's folder"$'\n'
fi
"$PY" -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["说明"]
for row in ws.iter_rows(values_only=True):
    if row and row[0] == "report.data":
        print("%s|%s|%s" % row[:3])
' "$scratch/profile/annual-2023.xlsx" > "$scratch/profile.data" 2>&1
[ "$(cat "$scratch/profile.data")" = "report.data|sample|运行设置文件 abs.ini" ] \
    || bad+="说明's report.data: $(cat "$scratch/profile.data")"$'\n'
if [ -z "$bad" ]; then
    pass "lang no path of the machine from a profile's absolute path"
else
    fail "lang no path of the machine from a profile's absolute path" "$bad"
fi

# ------------------------------------------------------------------ #
# 4. The terminal follows LANG                                        #
# ------------------------------------------------------------------ #

bad=""
want "$scratch/C/validate.stderr" 'Rejected rows by reason' \
    'wrong number of fields' \
    "$data/extra/cases.csv:3: fields in the row: 5, in the header: 6" \
    "the row at $data/extra/population.csv:2 is kept"
want "$scratch/en/validate.stderr" 'wrong number of fields'
want "$scratch/C/annual.stderr" 'rows rejected and left out of every figure'
want "$scratch/zh/validate.stderr" '字段数不符' \
    "$data/extra/cases.csv:3: 该行字段数：5"
if [ -z "$bad" ]; then
    pass "lang terminal follows LANG"
else
    fail "lang terminal follows LANG" "$bad"
fi

# ------------------------------------------------------------------ #
# 5. Without the catalogue                                            #
# ------------------------------------------------------------------ #

# A copy of the program alone in a folder finds no fuyuan.mo (nor, here,
# an installed one): it says so, and writes the documents all the same.
mkdir -p "$scratch/alone"
cp "$FUYUAN" "$scratch/alone/fuyuan"
# the LOCALEDIR compiled into the program
localedir=$(grep -aoE '/[[:alnum:]_/.-]*/locale' "$FUYUAN" | grep share | head -1)
if [ -e "$localedir/zh_CN/LC_MESSAGES/fuyuan.mo" ]; then
    echo "ok lang without the catalogue # skip fuyuan is installed here"
else
    LANG=C "$scratch/alone/fuyuan" validate -o "$scratch/alone/out" \
        "$data/extra" >"$scratch/alone.stdout" 2>"$scratch/alone.stderr"
    rc=$?
    bad=""
    [ "$rc" = 1 ] || bad+="exit $rc, not 1"$'\n'
    want "$scratch/alone.stderr" \
        'fuyuan: warning: cannot read the Chinese message catalogue' \
        'zh_CN/LC_MESSAGES/fuyuan.mo: the reasons and notes in the documents are in English'
    want "$scratch/alone/out/rejects.csv" \
        '"cases.csv","4","3","立案日期","2023-01-32","not a date"'
    LANG=C "$FUYUAN" validate -o "$scratch/with" "$data/extra" \
        >/dev/null 2>"$scratch/with.stderr"
    ! grep -q 'catalogue' "$scratch/with.stderr" \
        || bad+="a warning with the catalogue there"$'\n'
    if [ -z "$bad" ]; then
        pass "lang without the catalogue: a warning, the documents written"
    else
        fail "lang without the catalogue: a warning, the documents written" \
            "$bad"
    fi
fi

# A catalogue that is there but cannot be read (damaged here; an I/O
# error is walked by tests/fault/walk.sh) is an error, exit 3, nothing
# written: not a silent switch of the documents to English.
mkdir -p "$scratch/damaged/locale/zh_CN/LC_MESSAGES"
cp "$FUYUAN" "$scratch/damaged/fuyuan"
printf 'not a catalogue\n' \
    >"$scratch/damaged/locale/zh_CN/LC_MESSAGES/fuyuan.mo"
LANG=C "$scratch/damaged/fuyuan" validate -o "$scratch/damaged/out" \
    "$data/extra" >/dev/null 2>"$scratch/damaged.stderr"
rc=$?
bad=""
[ "$rc" = 3 ] || bad+="exit $rc, not 3"$'\n'
want "$scratch/damaged.stderr" \
    'zh_CN/LC_MESSAGES/fuyuan.mo: error: cannot read the Chinese message catalogue: not a message catalogue'
[ ! -e "$scratch/damaged/out/rejects.csv" ] \
    || bad+="rejects.csv written"$'\n'
if [ -z "$bad" ]; then
    pass "lang damaged catalogue: an error, nothing written"
else
    fail "lang damaged catalogue: an error, nothing written" "$bad"
fi
