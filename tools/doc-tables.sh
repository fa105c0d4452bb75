#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# doc-tables.sh - the metric table of docs/query.md ("## Metrics"), made
# from `fuyuan metrics --format csv`, that is from metrics.def. After
# adding a metric, run it and paste its output over the old table:
#
#     tools/doc-tables.sh [FUYUAN]
#
# tests/e2e/docs.sh fails while the two differ. "split by" abbreviates
# the seven case dimensions as *case* and month, quarter, year as *time*.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
FUYUAN=${1:-${FUYUAN:-$top/fuyuan}}

LANG=C.UTF-8 LC_ALL= LANGUAGE= "$FUYUAN" metrics --format csv |
LC_ALL=C awk '
# split a CSV line (no newlines in fields) into F[1..n]
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
# the dimension ids "a b c" as the docs write them
function split_by(dims,    d, n, i, have, out, caseset, timeset, k) {
    n = split(dims, d, " ")
    for (i = 1; i <= n; i++) have[d[i]] = 1
    caseset = "court district defendant domain action_type case_type disposition"
    timeset = "month quarter year"
    out = ""
    if (all(have, caseset)) { out = "case"; drop(have, caseset) }
    for (i = 1; i <= n; i++)
        if (d[i] in have && index(" " timeset " ", " " d[i] " ") == 0)
            out = out (out == "" ? "" : ", ") "`" d[i] "`"
    if (all(have, timeset)) out = out (out == "" ? "" : ", ") "time"
    else for (i = 1; i <= n; i++)
        if (d[i] in have && index(" " timeset " ", " " d[i] " "))
            out = out (out == "" ? "" : ", ") "`" d[i] "`"
    return out
}
function all(have, set,    s, n, i) {
    n = split(set, s, " ")
    for (i = 1; i <= n; i++) if (!(s[i] in have)) return 0
    return 1
}
function drop(have, set,    s, n, i) {
    n = split(set, s, " ")
    for (i = 1; i <= n; i++) delete have[s[i]]
}
NR == 1 {
    csv($0)
    for (i = 1; i in F; i++) col[F[i]] = i
    print "| id | 名称 | numerator (分子) | denominator (分母) | split by |"
    print "|---|---|---|---|---|"
    next
}
{
    delete F
    csv($0)
    den = F[col["denominator"]]
    printf "| `%s` | %s | %s | %s | %s |\n", F[col["id"]], F[col["name"]],
           F[col["numerator"]], den == "" ? "—" : den,
           split_by(F[col["dimensions"]])
}'
