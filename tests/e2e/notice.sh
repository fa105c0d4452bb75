#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# notice.sh - the quarterly 通报's fair rankings and its counting of 被诉
# (white-paper.md, "The quarterly 通报"), on data made here so that every
# figure can be worked out on paper. 2024Q2, every case closed in the
# quarter:
#
#   准格尔旗自然资源局   1 case, lost           100% on n = 1: not ranked
#   杭锦旗公安局         4 cases, 1 lost         25%  } equal: rank 1, 并列
#   乌审旗市场监督管理局 4 cases, 1 lost         25%  }
#   达拉特旗人民政府     3 cases, none lost      0%    rank 3
#   鄂托克旗农牧局       2 first instance, 2 二审 (维持原判) and 2 非诉执行
#                        (准予执行): 被诉 2, not 6
#
# Checked, with the workbook read back by openpyxl and the notice's text:
# 1. the agencies' 败诉率 ranking: ranks, 并列, the 1-case agency after
#    the ranked ones with 不排名, the title's direction;
# 2. no ranking of courts anywhere (sheets, titles);
# 3. 被诉: 鄂托克旗农牧局's 一审新收 is 2 in 被诉机关, and the text states
#    the 二审 and 非诉执行 cases apart;
# 4. the 旗区 table equals `query --by district` for the year to date;
# 5. the profile's 文号 ({year}, {quarter}) and 主送 are in the notice, and
#    a court issuer's notice has 工作建议, a government issuer's 工作要求.
#
# Prints "ok NAME" / "not ok NAME" and indented details, as
# tools/run-tests.sh counts them.
set -u

. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL= LANGUAGE= SOURCE_DATE_EPOCH=1700000000 TZ=UTC
unset LC_MESSAGES LC_CTYPE
PY=/usr/bin/python3

need_fuyuan "notice.sh"
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    echo "ok notice.sh # skip openpyxl is missing (make deps)"
    exit 0
fi
new_scratch notice
mkdir -p "$scratch/data"

"$PY" - "$scratch/data/cases.csv" <<'EOF'
import sys
HEAD = "案号,经办法院,立案日期,结案日期,被告,结案方式,败诉原因,是否开庭,负责人出庭\n"
BASIC = "鄂尔多斯市康巴什区人民法院"
MID = "鄂尔多斯市中级人民法院"
rows, n = [], [0]

def case(defendant, disp="判决驳回诉讼请求", cause="", code="内0603行初",
         court=BASIC):
    n[0] += 1
    rows.append("（2024）%s%d号,%s,2024-04-01,2024-05-20,%s,%s,%s,是,是\n"
                % (code, n[0], court, defendant, disp, cause))

case("准格尔旗自然资源局", "判决撤销", "主要证据不足")
for who in ("杭锦旗公安局", "乌审旗市场监督管理局"):
    case(who, "判决撤销", "违反法定程序")
    for _ in range(3):
        case(who)
for _ in range(3):
    case("达拉特旗人民政府")
for _ in range(2):
    case("鄂托克旗农牧局")
    case("鄂托克旗农牧局", "维持原判", "", "内06行终", MID)
    case("鄂托克旗农牧局", "裁定准予执行", "", "内0603行审")
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(HEAD)
    f.writelines(rows)
EOF

cat > "$scratch/court.ini" <<'EOF'
[report]
issuers = 鄂尔多斯市中级人民法院
[notice]
number = 鄂中法〔{year}〕{quarter}号
to = 各旗区人民政府，市直各部门
EOF
cat > "$scratch/gov.ini" <<'EOF'
[report]
issuers = 鄂尔多斯市中级人民法院、鄂尔多斯市司法局
EOF

run() { # NAME ARGS...
    local name=$1
    shift
    if ! "$FUYUAN" quarterly --quarter 2024Q2 --quiet "$@" \
            > "$scratch/$name.out" 2> "$scratch/$name.err"; then
        fail "$name" "fuyuan quarterly $* failed:
$(head -5 "$scratch/$name.err")"
        return 1
    fi
}

run court --profile "$scratch/court.ini" -o "$scratch/court" \
    "$scratch/data" || exit 0
run gov --profile "$scratch/gov.ini" -o "$scratch/gov" "$scratch/data" \
    || exit 0

"$PY" - "$scratch" "$FUYUAN" <<'EOF'
import json, re, subprocess, sys
import openpyxl

scratch, fuyuan = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(scratch + "/court/quarterly-2024Q2.xlsx")
txt = open(scratch + "/court/quarterly-2024Q2.txt", encoding="utf-8").read()


def report(name, problems):
    if problems:
        print("not ok " + name)
        for p in problems[:12]:
            print("    " + p)
    else:
        print("ok " + name)


def table(prefix):
    """The data rows of the sheet whose name starts with prefix, as dicts."""
    names = [n for n in wb.sheetnames if prefix in n]
    if not names:
        return None, []
    ws = wb[names[0]]
    rows = list(ws.iter_rows(values_only=True))
    for i, r in enumerate(rows):
        if r and r[0] in ("排名", "旗区", "被告", "经办法院") and i > 0:
            head = list(r)
            body = [dict(zip(head, x)) for x in rows[i + 1:]
                    if x and x[0] != "合计" and any(v is not None for v in x)]
            return ws, body
    return ws, []


# 1. the agencies' 败诉率 ranking
p = []
ws, rows = table("排名(机关败诉率)")
if ws is None:
    p.append("no sheet 排名(机关败诉率)")
else:
    if "按败诉率从高到低" not in (ws["A1"].value or ""):
        p.append("title %r lacks its direction" % ws["A1"].value)
    got = [(r["被诉行政机关"], None if r["排名"] == "—" else r["排名"],
            r["备注"] or "") for r in rows]
    few = "一审审结不足3件，不排名"
    # the two at 25% on 4 cases share rank 1 (their order is the names')
    want = [{("杭锦旗公安局", 1, "并列"), ("乌审旗市场监督管理局", 1, "并列")},
            {("达拉特旗人民政府", 3, "")},
            # unranked after, by n: 2 cases, then 1 (100% on one case)
            {("鄂托克旗农牧局", None, few)},
            {("准格尔旗自然资源局", None, few)}]
    at = 0
    for group in want:
        if set(got[at:at + len(group)]) != group:
            p.append("rows %d-%d: %s, expected %s"
                     % (at + 1, at + len(group), got[at:at + len(group)],
                        sorted(group, key=str)))
        at += len(group)
    if len(got) != at:
        p.append("%d rows, expected %d: %s" % (len(got), at, got))
report("ranking-fair", p)

# 2. no court is ranked
p = [n for n in wb.sheetnames if "排名" in n and "法院" in n]
for n in wb.sheetnames:
    if "排名" in n and (wb[n]["A1"].value or "").find("法院") >= 0:
        p.append("%s: %s" % (n, wb[n]["A1"].value))
if re.search(r"法院.{0,6}排名|排名.{0,6}法院", txt):
    p.append("the text ranks courts")
report("no-court-ranking", p)

# 3. 被诉 counts first instance only
p = []
ws, rows = table("被诉机关")
row = [r for r in rows if r.get("被告") == "鄂托克旗农牧局"]
if not row:
    p.append("鄂托克旗农牧局 is not in 被诉机关")
else:
    fi = [v for k, v in row[0].items() if k and "行政一审新收" in k
          and "上年" not in k and "同比" not in k]
    if fi != [2, 2]:
        p.append("鄂托克旗农牧局 一审新收 %s, expected 2 in both windows" % fi)
if "另有二审行政案件2件、行政机关申请人民法院强制执行的非诉审查案件2件，不计入被诉案件" \
        not in txt:
    p.append("the text does not state the 二审 and 非诉执行 cases apart")
if "涉及被诉行政机关（含派出机构）5个" not in txt:
    p.append("the text does not count 5 agencies sued")
report("sued-first-instance-only", p)

# 4. the 旗区 table is query --by district for the year to date
p = []
q = json.loads(subprocess.run(
    [fuyuan, "query", "--from", "2024-01-01", "--to", "2024-06-30",
     "--metric", "admin_fi_filed,loss_rate,appearance_rate,"
     "mediation_withdrawal_rate,litigation_per_10k", "--by", "district",
     "--format", "json", scratch + "/data"],
    check=True, capture_output=True, text=True).stdout)
ws, rows = table("旗区概况")
byname = {r["旗区"]: r for r in rows}
names = {"admin_fi_filed": "行政一审新收", "loss_rate": "行政机关败诉率",
         "appearance_rate": "行政机关负责人出庭应诉率",
         "mediation_withdrawal_rate": "调撤率"}
for qr in q["rows"]:
    d = qr["district"]
    if d not in byname:
        p.append("旗区 %s missing" % d)
        continue
    for mid, col in names.items():
        v = qr["metrics"][mid]["value"]
        got = [v for k, v in byname[d].items() if k and k.endswith(col)
               and not k.endswith("出庭" + col)]
        got = got[0] if len(got) == 1 else ("columns", got)
        if v is None:
            ok = got in (None, "—")
        else:
            ok = isinstance(got, (int, float)) and abs(got - v) < 1e-12
        if not ok:
            p.append("%s %s: %r, query says %r" % (d, col, got, v))
report("district-table-is-query", p)

# 5. 文号 and 主送 of the profile; the voice by issuer
p = []
if "鄂中法〔2024〕2号" not in txt:
    p.append("no 文号 鄂中法〔2024〕2号")
if "各旗区人民政府，市直各部门：" not in txt:
    p.append("no 主送")
if "七、工作建议" not in txt or "七、工作要求" in txt:
    p.append("a court's notice does not have 七、工作建议")
gov = open(scratch + "/gov/quarterly-2024Q2.txt", encoding="utf-8").read()
if "七、工作要求" not in gov:
    p.append("a notice issued with 司法局 lacks 七、工作要求")
if "〔2024〕　　号" not in gov:
    p.append("no blank 文号 without [notice] number")
report("notice-head-and-voice", p)
EOF
