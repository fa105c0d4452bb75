#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# guide-tables.sh - the tables of docs/用户手册.md that come from the
# program: the 口径 of every metric ("## 十二、指标口径") from `fuyuan
# metrics --format csv`, and the dimensions ("## 十三、维度") from `fuyuan
# dimensions --format csv`, in Chinese. After a metric or dimension is
# added or its 口径 changed, run it and paste its output over the table:
#
#     tools/guide-tables.sh metrics    [FUYUAN]
#     tools/guide-tables.sh dimensions [FUYUAN]
#
# tests/e2e/guide.sh fails while they differ. 可按维度 abbreviates the
# seven case dimensions as 案件各维度 and 月、季度、年 as 时间.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
what=${1:?usage: guide-tables.sh metrics|dimensions [FUYUAN]}
FUYUAN=${2:-${FUYUAN:-$top/fuyuan}}

ask() { LANG=C.UTF-8 LC_ALL= LANGUAGE= "$FUYUAN" "$1" --format csv; }

# The awk program shared by both tables: csv() splits a CSV line (no line
# breaks in fields) into F[1..n]; src() names a table as the data contract
# does.
common='
function csv(line,    i, c, f, q, n) {
    n = 0; f = ""; q = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q) {
            if (c == "\"") {
                if (substr(line, i + 1, 1) == "\"") { f = f "\""; i++ }
                else q = 0
            } else f = f c
        } else if (c == "\"") q = 1
        else if (c == ",") { F[++n] = f; f = "" }
        else f = f c
    }
    F[++n] = f
    return n
}
function src(ids,    s, n, i, out, name) {
    n = split(ids, s, /[ ,]+/)
    out = ""
    for (i = 1; i <= n; i++) {
        name = s[i] == "cases" ? "行政案件明细" \
             : s[i] == "population" ? "常住人口" \
             : s[i] == "civil_filings" ? "民事一审收案" \
             : s[i] == "recommendations" ? "建议台账" \
             : s[i] == "hearings" ? "检察听证会" : s[i]
        out = out (out == "" ? "" : "、") name
    }
    return out
}'

case $what in
metrics)
    # the dimensions' 名称 first (file 1), then the metrics (file 2)
    LC_ALL=C awk "$common"'
    FNR == 1 { delete F; csv($0); delete col; for (i = 1; i in F; i++) col[F[i]] = i; next }
    NR == FNR { delete F; csv($0); dname[F[col["id"]]] = F[col["name"]]; next }
    function all(have, set,    s, n, i) {
        n = split(set, s, " ")
        for (i = 1; i <= n; i++) if (!(s[i] in have)) return 0
        return 1
    }
    function split_by(dims,    d, n, i, have, out, caseset, timeset, k) {
        n = split(dims, d, " ")
        for (i = 1; i <= n; i++) have[d[i]] = 1
        caseset = "court district defendant domain action_type case_type disposition"
        timeset = "month quarter year"
        out = ""
        if (all(have, caseset)) {
            out = "案件各维度"
            k = split(caseset, s, " ")
            for (i = 1; i <= k; i++) delete have[s[i]]
        }
        for (i = 1; i <= n; i++)
            if (d[i] in have && index(" " timeset " ", " " d[i] " ") == 0)
                out = out (out == "" ? "" : "、") dname[d[i]]
        if (all(have, timeset)) out = out (out == "" ? "" : "、") "时间"
        else for (i = 1; i <= n; i++)
            if (d[i] in have && index(" " timeset " ", " " d[i] " "))
                out = out (out == "" ? "" : "、") dname[d[i]]
        return out
    }
    FNR == 2 && !header {
        print "| 指标 | 代码 | 类型 | 分子 | 分母 | 数据 | 可按维度 |"
        print "|---|---|---|---|---|---|---|"
        header = 1
    }
    {
        delete F
        csv($0)
        den = F[col["denominator"]]
        printf "| %s | `%s` | %s | %s | %s | %s | %s |\n", F[col["name"]],
               F[col["id"]], F[col["kind"]], F[col["numerator"]],
               den == "" ? "—" : den, src(F[col["source"]]),
               split_by(F[col["dimensions"]])
    }' <(ask dimensions) <(ask metrics)
    ;;
dimensions)
    ask dimensions | LC_ALL=C awk "$common"'
    NR == 1 {
        csv($0)
        for (i = 1; i in F; i++) col[F[i]] = i
        print "| 维度 | 代码 | 数据 |"
        print "|---|---|---|"
        next
    }
    {
        delete F
        csv($0)
        printf "| %s | `%s` | %s |\n", F[col["name"]], F[col["id"]],
               src(F[col["sources"]])
    }'
    ;;
*)
    echo "usage: guide-tables.sh metrics|dimensions [FUYUAN]" >&2
    exit 2
    ;;
esac
