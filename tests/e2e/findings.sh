#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# findings.sh - 存在的问题 (white-paper.md, "Findings"): each finding is
# tested on both sides of its threshold, with the default thresholds of
# outputs.md, on small data sets made here (every figure can be worked out
# on paper). "holds" data must produce the finding's paragraph in 七、存在的
# 问题; "just-not" data, one step below the threshold, must not. Also: the
# suggestion of each finding holding appears in 八、意见建议, and a year where
# nothing holds says so and keeps the standing suggestion (S0).
#
#   finding  holds                                just not
#   F1       3 losses of 20 closed (15.00%)       3 of 21 (14.29%)
#   F2       a domain 1 loss of 5 (20%), city     the domain 1 of 4 (n < 5)
#            1 of 40 (2.5%)
#   F3       one agency with 3 losses             2 losses
#   F4       4 losses, 4 causes: the first 25%    5 losses, 5 causes: 20%
#   F5       10 heard, 1 head absent (90%)        10 heard, all present
#   F6       复议 1 loss of 5 (20%), others 0/35   others 1 of 5 (20%, equal);
#                                                 also 复议 1 of 4 (n < 5)
#   F7       东胜区 万人成讼率 +10% and above       +9%
#            the city
#   F8       a 司法建议 past its due date, no      answered on time
#            reply
#   F9       一审新收 20 -> 22 (+10%)              20 -> 21 (+5%)
#   F10      10 行审 closed, 1 不准予执行 (10%)     11 closed, 1 (9.09%)
set -u
top=${FY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
fuyuan=${FUYUAN:-$top/fuyuan}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
out="$top/tests/out/findings"
rm -rf "$out"
mkdir -p "$out"

# make CASE: the data folder of CASE, written by python from the table below
/usr/bin/python3 - "$out" <<'EOF'
import os, sys
out = sys.argv[1]
HEAD = "案号,经办法院,立案日期,结案日期,被告,管理领域,结案方式,败诉原因,是否开庭,负责人出庭,是否经复议\n"
COURT = "鄂尔多斯市康巴什区人民法院"

def case(n, year=2023, defendant="准格尔旗公安局", domain="", disp="判决驳回诉讼请求",
         cause="", heard="是", head="是", code="行初", recon=""):
    return ("（%d）内0603%s%d号,%s,%d-02-01,%d-06-30,%s,%s,%s,%s,%s,%s,%s\n"
            % (year, code, n, COURT, year, year, defendant, domain, disp, cause,
               heard, head, recon))

def write(name, rows, extra=None):
    d = os.path.join(out, name)
    os.makedirs(d)
    with open(os.path.join(d, "cases.csv"), "w", encoding="utf-8") as f:
        f.write(HEAD)
        f.writelines(rows)
    for fname, text in (extra or {}).items():
        with open(os.path.join(d, fname), "w", encoding="utf-8") as f:
            f.write(text)

def plain(k, start=1, **kw):
    return [case(start + i, **kw) for i in range(k)]

def losses(k, start, **kw):
    kw.setdefault("disp", "判决撤销")
    kw.setdefault("cause", "主要证据不足")
    return [case(start + i, **kw) for i in range(k)]

# F1: 3/20 = 15.00% >= 15; 3/21 = 14.29% (no last year: no rise)
write("F1-holds", plain(17) + losses(3, 100, defendant="达拉特旗公安局"))
write("F1-not", plain(18) + losses(3, 100, defendant="达拉特旗公安局"))
# F2: 自然资源 1/5 = 20% >= 2.5% + 5; with 4 cases n < min_n
write("F2-holds", plain(35) + plain(4, 50, defendant="准格尔旗自然资源局")
      + losses(1, 100, defendant="准格尔旗自然资源局"))
write("F2-not", plain(36) + plain(3, 50, defendant="准格尔旗自然资源局")
      + losses(1, 100, defendant="准格尔旗自然资源局"))
# F3: 3 losses of one agency (of 60: 5% city rate, no F1)
write("F3-holds", plain(57) + losses(3, 100, defendant="杭锦旗市场监督管理局"))
write("F3-not", plain(58) + losses(2, 100, defendant="杭锦旗市场监督管理局"))
# F4: 4 losses, one cause each: the first 1/4 = 25%; 5 causes: 20%
causes = ["主要证据不足", "适用法律法规错误", "违反法定程序", "超越职权", "滥用职权"]
write("F4-holds", plain(76) + [case(100 + i, disp="判决撤销", cause=c,
                                    defendant="乌审旗林业和草原局%d" % i)
                               for i, c in enumerate(causes[:4])])
write("F4-not", plain(95) + [case(100 + i, disp="判决撤销", cause=c,
                                   defendant="乌审旗林业和草原局%d" % i)
                              for i, c in enumerate(causes)])
# F5: 10 heard, 1 head absent; all present
write("F5-holds", plain(9) + plain(1, 50, head="否"))
write("F5-not", plain(10))
# F3 with the 复议机关 as co-defendant in the 3 losses: counted under both
# agencies, said of the 人民政府 only
write("F3-review", plain(57) + losses(3, 100, recon="是",
      defendant="杭锦旗市场监督管理局、杭锦旗人民政府"))
# F6: 复议 1/5 = 20% against 0/35; against 1/5 (equal, not above); and
# 1 of 4 reconsidered (n < review_min)
write("F6-holds", plain(4, 200, recon="是") + losses(1, 300, recon="是")
      + plain(35))
write("F6-not", plain(4, 200, recon="是") + losses(1, 300, recon="是")
      + plain(4) + losses(1, 100))
write("F6-small", plain(3, 200, recon="是") + losses(1, 300, recon="是")
      + plain(35))
# F9: 一审新收 20 -> 22 (+10%) and 20 -> 21 (+5%)
write("F9-holds", plain(20, year=2022) + plain(22))
write("F9-not", plain(20, year=2022) + plain(21))
# F10: 行审 10 closed, 1 不准予执行 (10%); 11 closed, 1 (9.09%)
def exe(k, start, disp="裁定准予执行"):
    return [case(start + i, code="行审", disp=disp, heard="", head="")
            for i in range(k)]
write("F10-holds", plain(10) + exe(9, 1) + exe(1, 50, "裁定不准予执行"))
write("F10-not", plain(10) + exe(10, 1) + exe(1, 50, "裁定不准予执行"))
# F8: a 司法建议 issued 2023-03-01 (due 60 days later), no reply by the
# year's end; or replied on time
REC = "建议编号,建议类型,发出单位,发出日期,接收单位,反馈期限,反馈日期,采纳情况\n"
def rec(reply):
    return REC + ("康法建〔2023〕1号,司法建议,鄂尔多斯市康巴什区人民法院,2023-03-01,"
                  "杭锦旗自然资源局,,%s,%s\n" % (reply, "采纳" if reply else ""))
write("F8-holds", plain(10), {"recommendations.csv": rec("")})
write("F8-not", plain(10), {"recommendations.csv": rec("2023-04-01")})
# F7: 东胜区 10,000 people, 准格尔旗 10,000 each year; civil filings of
# 东胜区 100 -> 110 (+10%; 110/10000 above the city's 115/20000) or
# 100 -> 109 (+9%); 准格尔旗 5 each year
POP = "旗区,年份,常住人口\n东胜区,2022,10000\n东胜区,2023,10000\n准格尔旗,2022,10000\n准格尔旗,2023,10000\n"
def civil(n):
    return ("经办法院,月份,民事一审新收\n"
            "鄂尔多斯市东胜区人民法院,2022-01,100\n"
            "鄂尔多斯市东胜区人民法院,2023-01,%d\n"
            "准格尔旗人民法院,2022-01,5\n准格尔旗人民法院,2023-01,5\n" % n)
write("F7-holds", plain(10, defendant="准格尔旗公安局"),
      {"population.csv": POP, "civil.csv": civil(110)})
write("F7-not", plain(10, defendant="准格尔旗公安局"),
      {"population.csv": POP, "civil.csv": civil(109)})
EOF

# The lead sentence of each finding's paragraph, and a phrase of its
# suggestion (data/suggestions.csv).
declare -A LEAD=(
    [F1]="行政机关败诉率(有所上升|仍然偏高)"
    [F2]="部分领域败诉率明显高于全市平均水平"
    [F3]="个别行政机关败诉案件较为集中"
    [F4]="败诉原因相对集中"
    [F5]="出庭应诉率未达到100%的目标"
    [F6]="行政复议纠错功能有待进一步发挥"
    [F7]="部分旗区诉源治理压力加大"
    [F8]="反馈不够及时"
    [F9]="行政争议增长较快"
    [F10]="部分行政决定的合法性有待提高"
)
declare -A SUGG=(
    [F1]="纳入法治政府建设考核"
    [F2]="开展专项执法检查"
    [F3]="健全执法责任制"
    [F4]="加强执法规范化建设"
    [F5]="出庭、出声、出效果"
    [F6]="把纠错关口前移"
    [F7]="行政争议调解中心作用"
    [F8]="备案督办"
    [F9]="诉前调解"
    [F10]="申请人民法院强制执行前"
)

ok() { echo "ok $1"; }
notok() { echo "not ok $1"; shift; for l in "$@"; do echo "    $l"; done; }

# the text of 七 and 八 of the annual paper of folder $1
run() {
    local d="$out/$1"
    "$fuyuan" annual --year 2023 --quiet -o "$d/report" "$d" \
        >"$d/stdout" 2>"$d/stderr" || return 1
    sed -n '/^七、存在的问题/,/^八、意见建议/p' "$d/report/annual-2023.txt" \
        >"$d/problems.txt"
    sed -n '/^八、意见建议/,/^附录/p' "$d/report/annual-2023.txt" \
        >"$d/suggestions.txt"
    [ -s "$d/problems.txt" ] && [ -s "$d/suggestions.txt" ]
}

for f in F1 F2 F3 F4 F5 F6 F7 F8 F9 F10; do
    if ! run "$f-holds"; then
        notok "$f-holds" "annual failed: $(head -3 "$out/$f-holds/stderr")"
    elif grep -Eq "${LEAD[$f]}" "$out/$f-holds/problems.txt"; then
        ok "$f-holds"
        if grep -q "${SUGG[$f]}" "$out/$f-holds/suggestions.txt"; then
            ok "$f-holds:suggestion"
        else
            notok "$f-holds:suggestion" "八 lacks “${SUGG[$f]}”:" \
                "$(cat "$out/$f-holds/suggestions.txt")"
        fi
    else
        notok "$f-holds" "七 lacks “${LEAD[$f]}”:" \
            "$(cat "$out/$f-holds/problems.txt")"
    fi
    if ! run "$f-not"; then
        notok "$f-just-not" "annual failed: $(head -3 "$out/$f-not/stderr")"
    elif grep -Eq "${LEAD[$f]}" "$out/$f-not/problems.txt"; then
        notok "$f-just-not" "七 has “${LEAD[$f]}” below its threshold:" \
            "$(cat "$out/$f-not/problems.txt")"
    else
        ok "$f-just-not"
    fi
done

# nothing holds (F5-not: ten heard cases, all upheld, heads present):
# one sentence in 七, the standing suggestion S0 in 八
p="$out/F5-not/problems.txt"
if grep -q "未发现需要特别提示的突出问题" "$p" && [ "$(grep -c '（一）' "$p")" = 0 ]
then ok "none-holds:one-sentence"
else notok "none-holds:one-sentence" "$(cat "$p")"; fi
if grep -q "继续深化府院联动" "$out/F5-not/suggestions.txt"
then ok "none-holds:standing-suggestion"
else notok "none-holds:standing-suggestion" "$(cat "$out/F5-not/suggestions.txt")"; fi

# the figures of a finding: F3 names the agency with its losses and n
if grep -q "杭锦旗市场监督管理局（败诉3件，一审审结3件）" "$out/F3-holds/problems.txt"
then ok "F3-figures"
else notok "F3-figures" "$(cat "$out/F3-holds/problems.txt")"; fi
# F3: the losses as 复议机关 are said of the 人民政府, not of the agency
if ! run F3-review; then
    notok "F3-review" "annual failed: $(head -3 "$out/F3-review/stderr")"
elif grep -q "杭锦旗人民政府（败诉3件，一审审结3件，其中作为复议机关共同被告败诉3件）" \
        "$out/F3-review/problems.txt" \
    && grep -q "杭锦旗市场监督管理局（败诉3件，一审审结3件）" \
        "$out/F3-review/problems.txt"
then ok "F3-review"
else notok "F3-review" "$(cat "$out/F3-review/problems.txt")"; fi
# F6 gives both rates; with 4 reconsidered cases it is not judged
if grep -q "审结5件，行政机关败诉1件，败诉率20.00%，高于未经复议案件的0.00%" \
        "$out/F6-holds/problems.txt"
then ok "F6-figures"
else notok "F6-figures" "$(cat "$out/F6-holds/problems.txt")"; fi
if ! run F6-small; then
    notok "F6-small" "annual failed: $(head -3 "$out/F6-small/stderr")"
elif grep -q "${LEAD[F6]}" "$out/F6-small/problems.txt"; then
    notok "F6-small" "七 judges 4 reconsidered cases (review_min 5):" \
        "$(cat "$out/F6-small/problems.txt")"
else ok "F6-small"; fi
# F10 gives 1 of 10, 10.00%
if grep -q "不准予执行1件，占10.00%" "$out/F10-holds/problems.txt"
then ok "F10-figures"
else notok "F10-figures" "$(cat "$out/F10-holds/problems.txt")"; fi
