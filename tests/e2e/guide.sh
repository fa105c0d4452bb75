#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# guide.sh - docs/用户手册.md, the user guide in Chinese, is held to the
# program:
#
# 1. its metric table ("## 十二、指标口径") is what tools/guide-tables.sh
#    makes of `fuyuan metrics --format csv` (名称, id, kind, 口径 of the
#    numerator and denominator, tables, dimensions), and its dimension
#    table ("## 十三、维度") what it makes of `fuyuan dimensions`; each
#    check also runs on a copy with a row dropped, a 口径 changed and a
#    metric added, and must fail there;
# 2. every `fuyuan ...` command in its code blocks names a command of
#    `fuyuan --help` and only options of that command's --help, --by and
#    --where name dimensions (id or 名称), --metric names metrics;
# 3. the output it shows under each `fuyuan query` example is what that
#    command prints on the sample data today (run with the guide's
#    ordos.ini, data = the sample);
# 4. the README links to it.
#
# Prints "ok NAME" / "not ok NAME" lines; $FUYUAN is the program, $FY_TOP
# the tree (tools/run-tests.sh exports both).
set -u
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
here=$(cd "$(dirname "$0")" && pwd)
FY_TOP=${FY_TOP:-$(cd "$here/../.." && pwd)}
FUYUAN=${FUYUAN:-$FY_TOP/fuyuan}
guide=$FY_TOP/docs/用户手册.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
not_ok() {
    echo "not ok $1"
    shift
    printf '%s\n' "$@" | sed 's/^/#   /'
}

if [ ! -f "$guide" ]; then
    not_ok guide-exists "no docs/用户手册.md"
    exit 1
fi

# --- 1. the tables ----------------------------------------------------------

"$FY_TOP/tools/guide-tables.sh" metrics "$FUYUAN" >"$tmp/metrics.md"
"$FY_TOP/tools/guide-tables.sh" dimensions "$FUYUAN" >"$tmp/dims.md"
if [ "$(wc -l <"$tmp/metrics.md")" -lt 30 ] || [ "$(wc -l <"$tmp/dims.md")" -lt 12 ]
then
    not_ok guide-tables-made "tools/guide-tables.sh made too little" \
        "$(head -3 "$tmp/metrics.md" "$tmp/dims.md")"
fi

# the first table of the section whose heading ends with $2, in file $1
section_table() {
    awk -v h="$2" '
        /^## / { in_s = (substr($0, length($0) - length(h) + 1) == h); t = 0; next }
        in_s && /^\|/ { t = 1; print; next }
        in_s && t { exit }' "$1"
}
check_metrics() {
    section_table "$1" "指标口径" | diff "$tmp/metrics.md" - >"$tmp/diff"
}
check_dims() {
    section_table "$1" "、维度" | diff "$tmp/dims.md" - >"$tmp/diff"
}

if check_metrics "$guide"; then ok guide-metric-table
else not_ok guide-metric-table \
    "the guide's metric table is not what tools/guide-tables.sh metrics" \
    "makes (< made, > guide); paste its output over it:" "$(cat "$tmp/diff")"
fi
if check_dims "$guide"; then ok guide-dimension-table
else not_ok guide-dimension-table \
    "the guide's dimension table is not what tools/guide-tables.sh dimensions" \
    "makes (< made, > guide); paste its output over it:" "$(cat "$tmp/diff")"
fi

grep -v '^| 行政机关败诉率 | `loss_rate` ' "$guide" >"$tmp/drop.md"
sed 's/^\(| 审结 | `closed` | 计数 | \)结案日期/\1审结日期/' "$guide" >"$tmp/text.md"
sed 's/^| 新收 | `filed` .*$/&\n| 新收二 | `filed_twice` | 计数 | 立案日期在期内的案件 | — | 行政案件明细 | 时间 |/' \
    "$guide" >"$tmp/extra.md"
grep -v '^| 接收单位 | `recipient` ' "$guide" >"$tmp/nodim.md"
for f in drop text extra; do
    if ! cmp -s "$guide" "$tmp/$f.md" && ! check_metrics "$tmp/$f.md"; then
        ok "guide-check-fails-$f"
    else
        not_ok "guide-check-fails-$f" "the changed copy passed the check"
    fi
done
if ! cmp -s "$guide" "$tmp/nodim.md" && ! check_dims "$tmp/nodim.md"; then
    ok guide-check-fails-nodim
else
    not_ok guide-check-fails-nodim "the changed copy passed the check"
fi

# --- 2. the commands --------------------------------------------------------

# every command line of the guide's ```sh blocks that runs fuyuan, with
# its continuation lines joined and a trailing # comment dropped
awk '/^```sh$/ { b = 1; next } /^```/ { b = 0; next }
     b { line = line $0
         if (line ~ /\\$/) { sub(/\\$/, " ", line); next }
         sub(/ +#.*$/, "", line); gsub(/  +/, " ", line)
         if (line ~ /^fuyuan /) print line
         line = "" }' "$guide" >"$tmp/commands"
if [ "$(wc -l <"$tmp/commands")" -lt 10 ]; then
    not_ok guide-commands-found "fewer than 10 fuyuan commands in the guide" \
        "$(cat "$tmp/commands")"
fi
"$FUYUAN" --help | awk '/^Commands:/ { c = 1; next } c && /^$/ { exit }
                        c && /^  [a-z]/ { print $1 }' >"$tmp/cmds"
"$FUYUAN" metrics --format csv | awk -F, 'NR > 1 { print $1; print $2 }' \
    >"$tmp/metric-names"
"$FUYUAN" dimensions --format csv | awk -F, 'NR > 1 { print $1; print $2 }' \
    >"$tmp/dim-names"
bad=""
while read -r -a w; do
    c=${w[1]}
    case $c in
    --version | --help) continue ;;
    esac
    if ! grep -qx -- "$c" "$tmp/cmds"; then
        bad+="unknown command: ${w[*]}"$'\n'
        continue
    fi
    opts=$("$FUYUAN" "$c" --help | grep -E '^ +-' |
           grep -oE '(^|[ |,])--?[a-z][a-z-]*' | sed 's/^[ |,]*//')
    for ((i = 2; i < ${#w[@]}; i++)); do
        a=${w[i]}
        case $a in
        -*) printf '%s\n' "$opts" | grep -qx -- "$a" ||
                bad+="'$a' is not an option of '$c': ${w[*]}"$'\n' ;;
        esac
        v=${w[i + 1]-}
        case $a in
        --by) for d in ${v//,/ }; do grep -qx -- "$d" "$tmp/dim-names" ||
                  bad+="'$d' is not a dimension: ${w[*]}"$'\n'; done ;;
        --where) grep -qx -- "${v%%=*}" "$tmp/dim-names" ||
                  bad+="'${v%%=*}' is not a dimension: ${w[*]}"$'\n' ;;
        --metric) for m in ${v//,/ }; do grep -qx -- "$m" "$tmp/metric-names" ||
                  bad+="'$m' is not a metric: ${w[*]}"$'\n'; done ;;
        esac
    done
done <"$tmp/commands"
if [ -z "$bad" ]; then ok guide-commands-are-the-programs
else not_ok guide-commands-are-the-programs "$bad"; fi

# --- 3. the query examples' output ------------------------------------------

# the guide's working folder: ordos.ini as the guide has it edited, its
# data the sample
work=$tmp/府院联动
mkdir -p "$work"
sed -e "s|^data = .*|data = $FY_TOP/fixtures/sample|" -e 's|^output = .*|output = 报告|' \
    "$FY_TOP/profiles/ordos.ini" >"$work/ordos.ini"
# each `fuyuan query` command alone in a ```sh block, and the ``` block
# right after it: "N<TAB>command" and file N.out
awk -v dir="$tmp" '
    /^```sh$/ { b = 1; cmd = ""; n_lines = 0; next }
    b && /^```$/ { b = 0; if (n_lines == 1 && cmd ~ /^fuyuan query / && cmd !~ / -o /) want = 1; next }
    b { line = $0; if (line ~ /\\$/) { sub(/\\$/, " ", line); cont = 1 } else cont = 0
        cmd = cmd line; if (!cont) n_lines++; next }
    want && /^```$/ && !o { o = 1; n++; gsub(/  +/, " ", cmd); print n "\t" cmd > (dir "/examples"); next }
    o && /^```$/ { o = 0; want = 0; next }
    o { print > (dir "/" n ".out"); next }
    want && !/^$/ { want = 0 }' "$guide"
n=0
bad=""
while IFS=$'\t' read -r i cmd; do
    n=$((n + 1))
    read -r -a w <<<"$cmd"
    (cd "$work" && LANG=zh_CN.UTF-8 "$FUYUAN" "${w[@]:1}" >"$tmp/$i.got" 2>&1)
    diff "$tmp/$i.out" "$tmp/$i.got" >"$tmp/diff" ||
        bad+="$cmd"$'\n'"(< guide, > program)"$'\n'"$(cat "$tmp/diff")"$'\n'
done <"$tmp/examples"
if [ "$n" -ge 3 ] && [ -z "$bad" ]; then ok guide-query-examples-are-real
else not_ok guide-query-examples-are-real "$n examples" "$bad"; fi

# --- 4. the README ----------------------------------------------------------

if grep -q '](docs/用户手册.md)' "$FY_TOP/README.md"; then ok readme-links-guide
else not_ok readme-links-guide "README.md has no link to docs/用户手册.md"; fi
