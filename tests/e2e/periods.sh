#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# periods.sh - end-to-end tests of empty and small periods (white-paper.md,
# "Empty and small periods"; issue 8, deliverable 4): a period with no cases,
# no losses, no hearings or no comparison period is a normal run, and every
# sentence that needs a figure it does not have says there were none. No
# sentence is left with a gap (「较多的是，」「集中在等领域」), no claim is made
# from nothing (「负责人均出庭」), no chart is referred to that is not drawn,
# and no rate is compared when either side is undefined.
#
# The data are small folders of CSV files written here by hand (headers of
# data-contract.md), each with figures that can be worked out on paper, plus
# the shipped sample for a year (2021) and a quarter (2021Q4) before its data.
#
#   case            data                                run
#   sample-2021     fixtures/sample (2022-2024)         annual --year 2021
#   sample-2021q4   fixtures/sample                     quarterly --quarter 2021Q4
#   other-year      every table in 2022 only            annual --year 2023
#   no-hearing-q    2023Q2 closed, none heard;          quarterly --quarter 2023Q2
#                   2022Q2 one heard case
#   single-case     one 行初 case in 2023, a loss       annual --year 2023
#   no-losses       2023: 6 行初, none lost;            annual --year 2023
#                   2022: 3 行初, one lost
#   no-last-year    every table in 2023 only            annual --year 2023,
#                                                       quarterly --quarter 2023Q2
#   sample-2023,    fixtures/sample (controls: the      annual --year 2023,
#   sample-2024q2   generic checks on full periods)     quarterly --quarter 2024Q2
#
# Every document's .txt (its narrative, one paragraph a line) gets the
# generic checks (patterns that must not occur; figures and tables referred
# to must be drawn), then the checks of its case. The PDF (pdftotext) gives
# the captions of what is drawn (图N, 表N) and a second look at the gaps.
#
# Checks (NAME = CASE:CHECK):
#   every document   exit-0, wrote-txt-and-pdf, no-empty-list, no-zero-per-10k-
#                    ranking, no-dash-before-reference, no-dash-percent,
#                    no-undefined-compared, no-still-zero, no-nan,
#                    no-list-announced-for-nothing, charts-referred-are-drawn,
#                    charts-numbered-without-gaps, tables-referred-are-printed,
#                    pdf-no-gaps
#   no cases         no-ranking-from-nothing, no-charts-of-nothing (annual),
#                    features-say-none (annual)
#   no losses        loss-section-says-none, loss-section-no-ranking
#   no hearings      no-all-appeared-claim, hearing-section-says-none,
#                    hearing-section-no-gap-claim
#   quarterly        requests-name-no-missing-list (工作要求 vs the lists)
#   no last year     no-yoy-against-zero, no-rate-change-against-undefined,
#                    no-flat-against-zero, says-no-comparison
#   and the figures of each hand-made case (see its comment).
#
# Prints "ok NAME" / "not ok NAME" followed by the offending text (line
# number of the .txt: excerpt), indented, as tools/run-tests.sh counts them.
# A missing document is a "not ok" of every check on it: nothing passes
# vacuously. Uses FUYUAN and FY_TOP (set by tools/run-tests.sh; defaults:
# this tree). The folders are left in tests/out/periods/ for inspection.
#
# Usage: tests/e2e/periods.sh [CASE...]   (default: every case)
set -u

here=$(cd "$(dirname "$0")" && pwd)
FY_TOP=${FY_TOP:-$(cd "$here/../.." && pwd)}
FUYUAN=${FUYUAN:-$FY_TOP/fuyuan}
case $FUYUAN in /*) ;; *) FUYUAN=$(pwd)/$FUYUAN ;; esac
export LANG=C.UTF-8 LC_ALL= LANGUAGE= TZ=UTC
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
unset LC_MESSAGES LC_CTYPE
SAMPLE=$FY_TOP/fixtures/sample
work=$FY_TOP/tests/out/periods

pass() { echo "ok $1"; }
fail() {
    echo "not ok $1"
    [ $# -lt 2 ] || printf '%s\n' "$2" | head -12 | sed 's/^/    /'
}

if [ ! -x "$FUYUAN" ]; then
    fail "periods.sh" "no fuyuan binary at $FUYUAN (run make)"
    exit 1
fi
have_pdftotext=1
command -v pdftotext >/dev/null || have_pdftotext=0

rm -rf "$work"
mkdir -p "$work" || { fail "periods.sh" "cannot make $work"; exit 1; }

wanted() { # CASE: is it among the command line's cases (or are there none)?
    [ ${#only[@]} -eq 0 ] && return 0
    local c
    for c in "${only[@]}"; do [ "$c" = "$1" ] && return 0; done
    return 1
}
only=("$@")

# ------------------------------------------------------------------ #
# Text helpers                                                        #
# ------------------------------------------------------------------ #

# The paragraphs of the section(s) whose heading (一、… 十、, 附表, 附录)
# contains KEY, heading included; nothing when there is none.
section() { # FILE KEY
    awk -v key="$2" '
        /^([一二三四五六七八九十]+、|附表|附录|表注|前言)/ { ins = index($0, key) > 0 }
        ins { printf "%d:%s\n", NR, $0 }' "$1" 2>/dev/null
}

# Excerpts of FILE (lines "N:text", N the line of the .txt) matching the
# ERE: "N: ...text around the match...", at most 8.
excerpts() { # FILE ERE
    local l
    grep -E "$2" "$1" 2>/dev/null | while IFS= read -r l; do
        printf '%s\n' "${l#*:}" | grep -oE ".{0,30}($2).{0,20}" |
            sed "s/^/${l%%:*}: /"
    done | head -10
}

# A text the checks read: FILE must exist and be non-empty.
need() { # NAME FILE
    if [ ! -s "$2" ]; then
        fail "$1" "no text to check: $2 is missing or empty"
        return 1
    fi
}

# NAME FILE ERE [HINT]: the pattern must not occur in FILE.
mustnot() {
    need "$1" "$2" || return
    if ! grep -qE "$3" "$2"; then pass "$1"; return; fi
    fail "$1" "${4:+$4
}$(excerpts "$2" "$3")"
}

# NAME FILE ERE [HINT]: the pattern must occur in FILE.
must() {
    need "$1" "$2" || return
    if grep -qE "$3" "$2"; then
        pass "$1"
    else
        fail "$1" "${4:-expected /$3/} — the text has:
$(head -c 1500 "$2")"
    fi
}

# Is WORD one of the lines of LIST?
inlist() { # WORD LIST
    case $'\n'$2$'\n' in *$'\n'$1$'\n'*) return 0 ;; esac
    return 1
}

# A section of the .txt into a file of its own (numbered lines), for
# must/mustnot; an absent section gives an empty file, which fails them.
sect() { # TXT KEY OUT
    section "$1" "$2" > "$3"
}

# ------------------------------------------------------------------ #
# Generic checks: every document of every case                        #
# ------------------------------------------------------------------ #

# NAME TXT PDFTEXT CHARTS-DIR
generic() {
    local n=$1 txt=$2 pdf=$3 charts=$4
    local lined=$txt.lines
    [ -s "$txt" ] && awk '{ printf "%d:%s\n", NR, $0 }' "$txt" > "$lined"
    [ -s "$txt" ] || : > "$lined"

    # An empty list leaves its introducer or its punctuation behind.
    mustnot "$n:no-empty-list" "$lined" \
'(较多|较高|较低|较大|最多|最高|主要)的?(是|为)[，。；：（]|的是[，。]|(是|为)[，。；]合计|[在及和]等(领域|方面|机关|类型)|、等|其中[，。；]?（见|其中[，。；]（|其中。|[、，；：]）|（[、，；）]|：[。，；]|[，、][，。；]' \
        "a list left empty: 「较多的是，」「集中在等领域」「其中（见图」「、）」「（）」"
    mustnot "$n:no-zero-per-10k-ranking" "$lined" '（0\.00）' \
        "a 万人成讼率 of 0.00 named as if it were a finding"
    mustnot "$n:no-dash-before-reference" "$lined" '—（见' \
        "an undefined figure (—) pointing at a chart or table"
    mustnot "$n:no-dash-percent" "$lined" '—%' "「%」 after an undefined figure"
    mustnot "$n:no-undefined-compared" "$lined" \
        '—[，；、]?(同比|较上年同期|比上年同期|较上年)?(上升|下降|增长|减少|增加|提高|降低|持平)' \
        "an undefined rate (—) compared with last year"
    mustnot "$n:no-still-zero" "$lined" '仍有0[件个项名]' \
        "「仍有0件」: a claim about nothing"
    mustnot "$n:no-nan" "$lined" '(^|[^A-Za-z])(NaN|nan|-?inf|null)([^A-Za-z]|$)'

    # A paragraph announcing a list (ending in ：) must be followed by the
    # list, not by a sentence saying there is none, nor by the next heading.
    local colon
    if [ -s "$txt" ]; then
        colon=$(awk '
            NF == 0 { next }
            prev != "" {
                if ($0 !~ /^　/ || $0 ~ /^(　)*(本期|本季度|本年度|本年|全年|[0-9]+—[0-9]+月)?(无|没有|未)/)
                    printf "%d:%s\n%d:%s\n", pn, prev, NR, $0
                prev = ""
            }
            /^　.*：$/ { prev = $0; pn = NR }  # paragraphs; not the 主送
            END { if (prev != "") printf "%d:%s\n(end of the text)\n", pn, prev }' "$txt")
        if [ -n "$colon" ]; then
            fail "$n:no-list-announced-for-nothing" "「如下：」 followed by no list:
$colon"
        else
            pass "$n:no-list-announced-for-nothing"
        fi
    else
        need "$n:no-list-announced-for-nothing" "$txt"
    fi

    # Charts: every 图N referred to is drawn (the PDF carries its caption
    # 「图N 标题」; without pdftotext, charts/ holds at least N pictures), and
    # the charts drawn are numbered 图1..图K, K the pictures in charts/ (a
    # chart left out leaves no gap in the numbering).
    local drawn refs bad="" r caps="" want
    drawn=$(find "$charts" -maxdepth 1 -name '*.png' 2>/dev/null | wc -l)
    if [ "$have_pdftotext" -eq 1 ] && [ -s "$pdf" ]; then
        caps=$(tr -d '\f' < "$pdf" | grep -oE '^图[0-9]+ ' | tr -d ' ' | sort -u)
    fi
    if need "$n:charts-referred-are-drawn" "$txt"; then
        refs=$(grep -oE '图[0-9]+' "$txt" | sort -u)
        for r in $refs; do
            if { [ "$have_pdftotext" -eq 1 ] && ! inlist "$r" "$caps"; } ||
               { [ "$have_pdftotext" -eq 0 ] && [ "${r#图}" -gt "$drawn" ]; }; then
                bad+="$r is referred to but not drawn (no caption $r in the PDF; $drawn chart(s) in charts/):
$(grep -noE ".{0,30}$r([^0-9].{0,10}|$)" "$txt" | head -2 | sed 's/^/  /')
"
            fi
        done
        if [ -n "$bad" ]; then
            fail "$n:charts-referred-are-drawn" "$bad"
        else
            pass "$n:charts-referred-are-drawn"
        fi
    fi
    if [ "$have_pdftotext" -eq 1 ] && need "$n:charts-numbered-without-gaps" "$pdf"; then
        want=$(seq 1 "$drawn" 2>/dev/null | sed 's/^/图/' | sort -u)
        if [ "$caps" = "$want" ]; then
            pass "$n:charts-numbered-without-gaps"
        else
            fail "$n:charts-numbered-without-gaps" "$drawn chart(s) in charts/ ($(cd "$charts" 2>/dev/null && ls *.png 2>/dev/null | tr '\n' ' ')), captions in the PDF: $(printf '%s\n' "$caps" | sort -V | tr '\n' ' ')"
        fi
    fi

    # Tables: every 表N the narrative names (not the workbook's) is in the
    # PDF with its caption.
    if [ "$have_pdftotext" -eq 1 ] && need "$n:tables-referred-are-printed" "$txt"; then
        local tcaps
        tcaps=$(tr -d '\f' < "$pdf" 2>/dev/null | grep -oE '^表[0-9]+ ' | tr -d ' ' | sort -u)
        bad=""
        refs=$(grep -oE '(工作簿)?表[0-9]+' "$txt" | grep -v '^工作簿' | sort -u)
        for r in $refs; do
            inlist "$r" "$tcaps" || bad+="$r (no caption $r in the PDF)
"
        done
        if [ -n "$bad" ]; then
            fail "$n:tables-referred-are-printed" "$bad"
        else
            pass "$n:tables-referred-are-printed"
        fi
    fi

    # The PDF's text, lines joined (pdftotext breaks lines anywhere): the
    # same gaps, where no table cell can make them up.
    if [ "$have_pdftotext" -eq 1 ]; then
        if need "$n:pdf-no-gaps" "$pdf"; then
            { printf 'pdf:'; tr -d '\n\f' < "$pdf" | sed 's/— *[0-9][0-9]* *—//g'; echo; } > "$pdf.joined"
            local re='较多的是，|在等领域|其中（见图|（0\.00）|—（见|—%' m
            m=$(grep -oE ".{0,30}($re).{0,12}" "$pdf.joined" | head -10 | sed 's/^/pdf: /')
            if [ -n "$m" ]; then fail "$n:pdf-no-gaps" "$m"; else pass "$n:pdf-no-gaps"; fi
        fi
    fi
}

# ------------------------------------------------------------------ #
# Checks by case                                                      #
# ------------------------------------------------------------------ #

# Nothing to compare with: last year's counts are 0 and its rates undefined.
nocompare() { # NAME TXT.lines
    mustnot "$1:no-yoy-against-zero" "$2" \
        '同比(上升|下降|增长|减少|增加)[0-9.,]+%|(较|比)上年(同期)?(上升|下降|增长|减少|增加)[0-9.,]+%' \
        "a 同比 percentage although last year's count is 0 (undefined)"
    mustnot "$1:no-rate-change-against-undefined" "$2" \
        '(上升|下降|增加|减少|提高|降低)[0-9.]+个百分点' \
        "a rate compared with last year's undefined rate"
    mustnot "$1:no-flat-against-zero" "$2" '[1-9][0-9,]*[件场个]，(与上年同期|同比)持平' \
        "a count above 0 called 持平 with last year's 0"
    must "$1:says-no-comparison" "$2" \
        '上年同期(为0|无|没有|未)|无上年|无可比' \
        "the comparison period is empty: the text should say so (上年同期为0 / 无可比数据)"
}

# No case at all in the period.
nocases() { # NAME TXT.lines
    mustnot "$1:no-ranking-from-nothing" "$2" \
        '较多的|较高的是|较低的是|主要集中|主要为|排名前|依次为' \
        "a ranking or a 'mainly' in a period without cases"
}

# A year without cases draws no chart of its cases (bars of 0, an empty
# pie): only the trend over the years with data (历年) may be drawn.
nocharts() { # NAME PDFTEXT
    if [ "$have_pdftotext" -eq 0 ]; then
        echo "ok $1:no-charts-of-nothing # skip pdftotext is not installed"
        return
    fi
    need "$1:no-charts-of-nothing" "$2" || return
    local m
    m=$(tr -d '\f' < "$2" | grep -E '^图[0-9]+ ' | grep -v '历年')
    if [ -n "$m" ]; then
        fail "$1:no-charts-of-nothing" "charts drawn for a year without cases:
$m"
    else
        pass "$1:no-charts-of-nothing"
    fi
}

# No agency loss in the period.
nolosses() { # NAME TXT DIR
    local s=$3/$(basename "$2").loss
    sect "$2" 败诉 "$s"
    must "$1:loss-section-says-none" "$s" \
        '(无|没有|未发生|未出现)[^。]{0,6}败诉' \
        "the loss section should say there was no agency loss (本年度无行政机关败诉案件)"
    mustnot "$1:loss-section-no-ranking" "$s" \
        '败诉率较高|败诉案件较多|较高的是|较多的是|主要为|败诉原因看' \
        "a ranking of losses, or of causes, in a period without losses"
}

# No hearing in the period.
nohearings() { # NAME TXT DIR
    local s=$3/$(basename "$2").hear
    sect "$2" 出庭 "$s"
    mustnot "$1:no-all-appeared-claim" "$3/$(basename "$2").lines" \
        '均出庭|均已出庭|均为100%' \
        "「负责人均出庭」/「均为100%」 claimed although nothing was heard"
    must "$1:hearing-section-says-none" "$s" \
        '(无|没有|未)[^。]{0,8}开庭|开庭审理[^。0-9]{0,12}0件' \
        "the 出庭 section should say that no case was heard"
    mustnot "$1:hearing-section-no-gap-claim" "$s" \
        '仍有差距|(上升|下降|提高|降低)[0-9.]+个百分点|较低的是|未达到100%的' \
        "a shortfall, a change or a ranking of an undefined 出庭应诉率"
}

# The quarterly's 工作要求 may not point at lists the notice does not have.
# WHAT: any of losses, absences, overdue.
nolists_asked() { # NAME TXT DIR WHAT...
    local n=$1 txt=$2 dir=$3 w re="" s
    shift 3
    for w in "$@"; do
        case $w in
        losses) re+='|本通报列明败诉案件' ;;
        absences) re+='|本通报列明负责人未出庭' ;;
        overdue) re+='|逾期未反馈[^。]{0,20}接收单位' ;;
        esac
    done
    s=$dir/$(basename "$txt").work
    sect "$txt" 工作 "$s"
    mustnot "$n:requests-name-no-missing-list" "$s" "${re#|}" \
        "the 工作要求 refer to a list (败诉案件/未出庭/逾期) that this notice does not have"
}

# ------------------------------------------------------------------ #
# Runs                                                                #
# ------------------------------------------------------------------ #

# The cases below are read twice (stage launch, then stage check): the
# first pass writes the data and starts every run in the background, the
# second, after they have all ended, checks them.
stage=launch

# NAME DATA ARGS...: runs fuyuan ARGS -o tests/out/periods/NAME/out DATA.
# Launch stage: starts it and returns 1 (no checks yet). Check stage:
# checks the exit status and the documents written, sets DOC (the
# document's path without .txt/.pdf) and OUT, runs the generic checks and
# returns 0.
DOC=; OUT=
run() {
    local name=$1 data=$2 rc
    shift 2
    OUT=$work/$name/out
    if [ "$stage" = launch ]; then
        mkdir -p "$work/$name"
        ( "$FUYUAN" "$@" -o "$OUT" --quiet "$data" \
              > "$work/$name/stdout" 2> "$work/$name/stderr"
          echo $? > "$work/$name/rc" ) &
        return 1
    fi
    rc=$(cat "$work/$name/rc" 2>/dev/null)
    if [ "$rc" = 0 ]; then
        pass "$name:exit-0"
    else
        fail "$name:exit-0" "fuyuan $* exited ${rc:-?}:
$(head -8 "$work/$name/stderr" 2>&1)"
    fi
    DOC=$(find "$OUT" -maxdepth 1 \( -name 'annual-*.txt' -o -name 'quarterly-*.txt' \) \
        2>/dev/null | head -1)
    DOC=${DOC%.txt}
    if [ -n "$DOC" ] && [ -s "$DOC.txt" ] && [ -s "$DOC.pdf" ]; then
        pass "$name:wrote-txt-and-pdf"
    else
        fail "$name:wrote-txt-and-pdf" "no annual-*.txt/quarterly-*.txt with its .pdf in $OUT:
$(ls -A "$OUT" 2>&1)"
    fi
    mkdir -p "$OUT"
    [ -n "$DOC" ] || DOC=$OUT/missing
    if [ "$have_pdftotext" -eq 1 ] && [ -s "$DOC.pdf" ]; then
        pdftotext "$DOC.pdf" "$DOC.pdftext" 2> /dev/null || : > "$DOC.pdftext"
    else
        : > "$DOC.pdftext"
    fi
    [ -s "$DOC.txt" ] && awk '{ printf "%d:%s\n", NR, $0 }' "$DOC.txt" > "$DOC.txt.lines"
    [ -s "$DOC.txt" ] || : > "$DOC.txt.lines"
    generic "$name" "$DOC.txt" "$DOC.pdftext" "$OUT/charts"
    return 0
}

# A case folder and the CSV files in it: write FILE (here-document).
folder() { mkdir -p "$work/$1/data"; }
csv() { # CASE FILE < TEXT (written at the launch stage only)
    if [ "$stage" = launch ]; then cat > "$work/$1/data/$2"; else cat > /dev/null; fi
}

CASES_H='案号,经办法院,立案日期,结案日期,被告,结案方式,败诉原因,是否开庭,负责人出庭,行政行为种类'
KBS=鄂尔多斯市康巴什区人民法院

cases() {
# ---------------------------------------------------------------- #
# sample-2021: the sample has no case (nor civil filing nor           #
# recommendation nor hearing) in 2021, but the population of 2021.    #
# ---------------------------------------------------------------- #
if wanted sample-2021; then
    if run sample-2021 "$SAMPLE" annual --year 2021; then
        L=$DOC.txt.lines
        nocases sample-2021 "$L"
        nocharts sample-2021 "$DOC.pdftext"
        s=$DOC.txt.features; sect "$DOC.txt" 案件特点 "$s"
        must sample-2021:features-say-none "$s" \
            '(无|没有|未)[^。]{0,8}(收|受理|新收|发生|涉及|案件)|无[^。]{0,6}案件' \
            "案件特点 should say there was no case (本年度未新收一审行政案件)"
        nolosses sample-2021 "$DOC.txt" "$OUT"
        nohearings sample-2021 "$DOC.txt" "$OUT"
    fi
fi

# ---------------------------------------------------------------- #
# sample-2021q4: nothing filed, closed or heard in 2021.              #
# ---------------------------------------------------------------- #
if wanted sample-2021q4; then
    if run sample-2021q4 "$SAMPLE" quarterly --quarter 2021Q4; then
        nocases sample-2021q4 "$DOC.txt.lines"
        nolosses sample-2021q4 "$DOC.txt" "$OUT"
        nohearings sample-2021q4 "$DOC.txt" "$OUT"
        nolists_asked sample-2021q4 "$DOC.txt" "$OUT" losses absences overdue
    fi
fi

# ---------------------------------------------------------------- #
# other-year: every table in 2022, the report for 2023.              #
# 2022: 3 行初 closed (1 loss 违反法定程序: 33.33%; 2 heard, 1 head:   #
# 50.00%), 1 行终, 1 行审; civil filings 80; 2 recommendations       #
# answered in time; 1 hearing. 2023: nothing at all - every count 0  #
# (同比 -100% is right), every rate undefined (—), 万人成讼率 0.00   #
# (population given, no filing): nothing to rank, nothing to chart.  #
# ---------------------------------------------------------------- #
if wanted other-year; then
    folder other-year
    csv other-year cases.csv <<EOF
$CASES_H
(2022)内0603行初1号,$KBS,2022-02-10,2022-05-20,鄂尔多斯市东胜区自然资源局,判决撤销,违反法定程序,是,是,行政处罚
(2022)内0603行初2号,$KBS,2022-03-01,2022-06-30,准格尔旗市场监督管理局,判决驳回诉讼请求,,是,否,行政处罚
(2022)内0603行初3号,$KBS,2022-04-01,2022-07-15,鄂尔多斯市公安局,准予撤诉,,否,,行政处罚
(2022)内06行终1号,鄂尔多斯市中级人民法院,2022-08-01,2022-10-10,鄂尔多斯市东胜区自然资源局,维持原判,,是,是,行政处罚
(2022)内0602行审1号,鄂尔多斯市东胜区人民法院,2022-09-01,2022-09-30,鄂尔多斯市东胜区综合行政执法局,准予执行,,,,行政处罚
EOF
    csv other-year population.csv <<'EOF'
旗区,年份,常住人口
鄂尔多斯市,2022,2200000
东胜区,2022,600000
准格尔旗,2022,380000
鄂尔多斯市,2023,2200000
东胜区,2023,600000
准格尔旗,2023,380000
EOF
    csv other-year civil_filings.csv <<'EOF'
经办法院,月份,民事一审新收
鄂尔多斯市东胜区人民法院,2022-03,50
准格尔旗人民法院,2022-04,30
EOF
    csv other-year recommendations.csv <<'EOF'
建议编号,建议类型,发出单位,发出日期,接收单位,反馈期限,反馈日期,采纳情况
SF-2022-1,司法建议,鄂尔多斯市中级人民法院,2022-03-01,鄂尔多斯市东胜区自然资源局,2022-04-30,2022-04-20,采纳
JC-2022-1,检察建议,鄂尔多斯市人民检察院,2022-05-10,准格尔旗市场监督管理局,2022-07-10,2022-07-01,部分采纳
EOF
    csv other-year hearings.csv <<'EOF'
听证编号,听证日期,行政机关,负责人出席
TZ-2022-1,2022-06-15,鄂尔多斯市东胜区自然资源局,是
EOF
    if run other-year "$work/other-year/data" annual --year 2023; then
        L=$DOC.txt.lines
        nocases other-year "$L"
        nocharts other-year "$DOC.pdftext"
        s=$DOC.txt.features; sect "$DOC.txt" 案件特点 "$s"
        must other-year:features-say-none "$s" \
            '(无|没有|未)[^。]{0,8}(收|受理|新收|发生|涉及|案件)|无[^。]{0,6}案件' \
            "案件特点 should say there was no case"
        nolosses other-year "$DOC.txt" "$OUT"
        nohearings other-year "$DOC.txt" "$OUT"
        # Every 2023 rate is undefined, so no change in percentage points.
        mustnot other-year:no-rate-change-from-undefined "$L" \
            '(上升|下降|增加|减少|提高|降低)[0-9.]+个百分点'
        s=$DOC.txt.recs; sect "$DOC.txt" 司法建议 "$s"
        must other-year:recommendations-say-none "$s" \
            '(无|没有|未)[^。]{0,10}建议|建议[^。0-9]{0,4}0件' \
            "the recommendations section should say none was issued or due"
    fi
fi

# ---------------------------------------------------------------- #
# no-hearing-q: 2023Q2 closes 3 行初 (驳回诉讼请求, 准予撤诉, 驳回起诉), #
# none heard (是否开庭 = 否), no loss; nothing else in 2023. 2022Q2 had #
# one 行初 heard with the head present (上年同期 出庭应诉率 100.00%):  #
# this quarter's rate is undefined and may not be compared with it.  #
# ---------------------------------------------------------------- #
if wanted no-hearing-q; then
    folder no-hearing-q
    csv no-hearing-q cases.csv <<EOF
$CASES_H
(2023)内0603行初1号,$KBS,2023-02-01,2023-04-10,鄂尔多斯市东胜区自然资源局,判决驳回诉讼请求,,否,,行政处罚
(2023)内0603行初2号,$KBS,2023-03-01,2023-05-10,准格尔旗市场监督管理局,准予撤诉,,否,,行政处罚
(2023)内0603行初3号,$KBS,2023-04-03,2023-06-20,鄂尔多斯市公安局,裁定驳回起诉,,否,,行政强制
(2022)内0603行初1号,$KBS,2022-03-01,2022-05-10,鄂尔多斯市东胜区自然资源局,判决驳回诉讼请求,,是,是,行政处罚
EOF
    if run no-hearing-q "$work/no-hearing-q/data" quarterly --quarter 2023Q2; then
        nohearings no-hearing-q "$DOC.txt" "$OUT"
        nolosses no-hearing-q "$DOC.txt" "$OUT"
        nolists_asked no-hearing-q "$DOC.txt" "$OUT" losses absences overdue
        must no-hearing-q:closed-count "$DOC.txt.lines" '审结[^。0-9]{0,12}3件' \
            "the quarter closed 3 cases (审结3件)"
    fi
fi

# ---------------------------------------------------------------- #
# single-case: one 行初 case in 2023 and nothing else (no population, #
# civil filing, recommendation or hearing): 东胜区, 自然资源, 行政处罚, #
# 判决撤销 for 主要证据不足, heard, head present. Figures: 新收 1, 审结 1,#
# 败诉 1, 败诉率 100.00%, 主要证据不足 1 (100.00%), 开庭 1, 出庭 1,    #
# 出庭应诉率 100.00%. One item is no ranking (no 前三, 依次为), one    #
# year is no trend, and 2022 is empty (no 同比).                      #
# ---------------------------------------------------------------- #
if wanted single-case; then
    folder single-case
    csv single-case cases.csv <<EOF
$CASES_H
(2023)内0603行初1号,$KBS,2023-03-01,2023-06-15,鄂尔多斯市东胜区自然资源局,判决撤销,主要证据不足,是,是,行政处罚
EOF
    if run single-case "$work/single-case/data" annual --year 2023; then
        L=$DOC.txt.lines
        s=$DOC.txt.basic; sect "$DOC.txt" 基本情况 "$s"
        must single-case:one-case "$s" '[^0-9,]1件' "基本情况 should count the one case (1件)"
        s=$DOC.txt.loss; sect "$DOC.txt" 败诉 "$s"
        must single-case:loss-rate-100 "$s" '100\.00%' "败诉率 1/1 = 100.00%"
        must single-case:loss-cause "$s" '主要证据不足' "the one loss's cause"
        s=$DOC.txt.hear; sect "$DOC.txt" 出庭 "$s"
        must single-case:appearance-100 "$s" '100\.00%' "出庭应诉率 1/1 = 100.00%"
        must single-case:district "$L" '东胜区' "the one case's 旗区"
        mustnot single-case:no-ranking-of-one "$L" '前三|前五|前十|排名前|名列|依次为|位居|居首|第一位' \
            "a ranking made of one item"
        mustnot single-case:no-trend-from-one-year "$L" '历年[^。]{0,12}见图' \
            "a trend chart from a single year of data (a trend needs 3 years, 2 a grouped bar)"
        nocompare single-case "$L"
    fi
fi

# ---------------------------------------------------------------- #
# no-losses: 2023 closes 6 行初, 4 驳回诉讼请求 and 2 撤诉: no loss    #
# (败诉率 0.00%); 4 heard, 3 heads (75.00%); 调撤 2 (33.33%). 2022:   #
# 3 行初, one 判决撤销 (违反法定程序): 33.33%, so 下降33.33个百分点 is #
# right. No cause, no domain, no agency to rank by losses.           #
# ---------------------------------------------------------------- #
if wanted no-losses; then
    folder no-losses
    csv no-losses cases.csv <<EOF
$CASES_H
(2023)内0603行初1号,$KBS,2023-01-05,2023-03-20,鄂尔多斯市东胜区自然资源局,判决驳回诉讼请求,,是,是,行政处罚
(2023)内0603行初2号,$KBS,2023-02-06,2023-05-10,准格尔旗市场监督管理局,驳回诉讼请求,,是,是,行政处罚
(2023)内0603行初3号,$KBS,2023-03-07,2023-04-11,鄂尔多斯市公安局,准予撤诉,,否,,行政处罚
(2023)内0603行初4号,$KBS,2023-04-03,2023-07-12,鄂尔多斯市东胜区人民政府,判决驳回诉讼请求,,是,否,行政征收
(2023)内0603行初5号,$KBS,2023-05-08,2023-06-13,准格尔旗自然资源局,撤诉,,否,,行政强制
(2023)内0603行初6号,$KBS,2023-06-05,2023-10-16,鄂尔多斯市生态环境局,判决驳回诉讼请求,,是,是,行政处罚
(2022)内0603行初1号,$KBS,2022-02-10,2022-05-20,鄂尔多斯市东胜区自然资源局,判决撤销,违反法定程序,是,是,行政处罚
(2022)内0603行初2号,$KBS,2022-03-01,2022-06-30,准格尔旗市场监督管理局,判决驳回诉讼请求,,是,是,行政处罚
(2022)内0603行初3号,$KBS,2022-04-01,2022-07-15,鄂尔多斯市公安局,准予撤诉,,否,,行政处罚
EOF
    if run no-losses "$work/no-losses/data" annual --year 2023; then
        nolosses no-losses "$DOC.txt" "$OUT"
        s=$DOC.txt.loss
        must no-losses:loss-rate-zero "$s" '0\.00%' "败诉率 0/6 = 0.00%"
        mustnot no-losses:no-cause-paragraph "$DOC.txt.lines" '从败诉原因看' \
            "a paragraph on loss causes in a year without losses"
        must no-losses:appearance-75 "$DOC.txt.lines" '75\.00%' "出庭应诉率 3/4 = 75.00%"
    fi
fi

# ---------------------------------------------------------------- #
# no-last-year: every table in 2023 only; 2022 (上年同期) is empty.   #
# 2023: 5 行初 closed, 2 losses (违反法定程序, 主要证据不足): 40.00%;  #
# 4 heard, 3 heads: 75.00%; 1 行终, 1 行审; civil 200; population     #
# 2023 only (2022's 万人成讼率 undefined); 2 recommendations (1       #
# overdue); 1 hearing. Q2: 3 行初 closed, 2 losses (66.67%), 3 heard, #
# 3 heads (100.00%). No 同比 percentage, no change in points.         #
# ---------------------------------------------------------------- #
if wanted no-last-year; then
    folder no-last-year
    csv no-last-year cases.csv <<EOF
$CASES_H
(2023)内0603行初1号,$KBS,2023-01-10,2023-04-20,鄂尔多斯市东胜区自然资源局,判决撤销,违反法定程序,是,是,行政处罚
(2023)内0603行初2号,$KBS,2023-02-14,2023-05-10,准格尔旗市场监督管理局,判决确认违法,主要证据不足,是,是,行政处罚
(2023)内0603行初3号,$KBS,2023-03-01,2023-06-01,鄂尔多斯市公安局,判决驳回诉讼请求,,是,是,行政处罚
(2023)内0603行初4号,$KBS,2023-05-05,2023-08-01,鄂尔多斯市东胜区人民政府,准予撤诉,,否,,行政征收
(2023)内0603行初5号,$KBS,2023-06-06,2023-10-15,准格尔旗自然资源局,判决驳回诉讼请求,,是,否,行政强制
(2023)内06行终1号,鄂尔多斯市中级人民法院,2023-07-01,2023-09-01,鄂尔多斯市东胜区自然资源局,维持原判,,是,是,行政处罚
(2023)内0602行审1号,鄂尔多斯市东胜区人民法院,2023-08-01,2023-08-30,鄂尔多斯市东胜区综合行政执法局,准予执行,,,,行政处罚
EOF
    csv no-last-year population.csv <<'EOF'
旗区,年份,常住人口
鄂尔多斯市,2023,2200000
东胜区,2023,600000
准格尔旗,2023,380000
EOF
    csv no-last-year civil_filings.csv <<'EOF'
经办法院,月份,民事一审新收
鄂尔多斯市东胜区人民法院,2023-03,120
准格尔旗人民法院,2023-05,80
EOF
    csv no-last-year recommendations.csv <<'EOF'
建议编号,建议类型,发出单位,发出日期,接收单位,反馈期限,反馈日期,采纳情况
SF-2023-1,司法建议,鄂尔多斯市中级人民法院,2023-02-01,鄂尔多斯市东胜区自然资源局,2023-04-01,2023-03-20,采纳
JC-2023-1,检察建议,鄂尔多斯市人民检察院,2023-06-01,准格尔旗市场监督管理局,2023-08-01,,
EOF
    csv no-last-year hearings.csv <<'EOF'
听证编号,听证日期,行政机关,负责人出席
TZ-2023-1,2023-05-20,准格尔旗市场监督管理局,是
EOF
    if run no-last-year "$work/no-last-year/data" annual --year 2023; then
        nocompare no-last-year "$DOC.txt.lines"
        must no-last-year:loss-rate "$DOC.txt.lines" '40\.00%' "败诉率 2/5 = 40.00%"
    fi
    if run no-last-year-q "$work/no-last-year/data" quarterly --quarter 2023Q2; then
        nocompare no-last-year-q "$DOC.txt.lines"
        # Every Q2 hearing had its head, and nothing was overdue on 2023-06-30.
        nolists_asked no-last-year-q "$DOC.txt" "$OUT" absences overdue
        must no-last-year-q:loss-rate "$DOC.txt.lines" '66\.67%' "本季度败诉率 2/3 = 66.67%"
    fi
fi

# ---------------------------------------------------------------- #
# Controls: a full year and a full quarter of the sample get the     #
# generic checks too, so that no pattern above condemns a normal     #
# sentence.                                                          #
# ---------------------------------------------------------------- #
if wanted sample-2023; then
    run sample-2023 "$SAMPLE" annual --year 2023 || :
fi
if wanted sample-2024q2; then
    run sample-2024q2 "$SAMPLE" quarterly --quarter 2024Q2 || :
fi
}

cases
wait
stage=check
cases

exit 0
