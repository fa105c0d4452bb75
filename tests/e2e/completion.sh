#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# completion.sh - completion/fuyuan.bash, sourced in bash as bash-completion
# would: COMP_WORDS and COMP_CWORD set as bash splits the line (at ':' and
# '=' too), `_fuyuan` called, COMPREPLY checked:
#
# - the commands of `fuyuan --help`, and the options of every command
#   exactly as its --help lists them;
# - --metric and --by offer every id and every Chinese name of `fuyuan
#   metrics --format csv` / `fuyuan dimensions --format csv`, complete the
#   last item of a comma-separated list, and the ids with a ':'
#   (loss_cause:<cause>) and the --opt=VALUE form as bash splits them;
# - --where offers DIM=, --compare, --format and --encoding their values;
# - files: --profile *.ini, DATA *.csv and folders, -o folders.
# The program is found as completed: by path, or as `fuyuan` on PATH.
#
# Prints "ok NAME" / "not ok NAME" lines; $FUYUAN is the program, $FY_TOP
# the tree (tools/run-tests.sh exports both).
set -u
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
here=$(cd "$(dirname "$0")" && pwd)
FY_TOP=${FY_TOP:-$(cd "$here/../.." && pwd)}
FUYUAN=${FUYUAN:-$FY_TOP/fuyuan}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
not_ok() {
    echo "not ok $1"
    shift
    printf '%s\n' "$@" | sed 's/^/#   /'
}

# shellcheck source=../../completion/fuyuan.bash
if ! . "$FY_TOP/completion/fuyuan.bash"; then
    not_ok completion-sources "completion/fuyuan.bash does not source"
    exit 1
fi
if [ "$(complete -p fuyuan 2>/dev/null)" = "complete -F _fuyuan fuyuan" ]; then
    ok completion-registered
else
    not_ok completion-registered "$(complete -p fuyuan 2>&1)"
fi

# comp WORD...: COMPREPLY for the line WORD... with the cursor at the end
# of the last WORD, one a line, sorted
comp() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _fuyuan
    [ "${#COMPREPLY[@]}" -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}" | sort
}

# expect NAME WANT WORD...: COMPREPLY is WANT (lines, sorted)
expect() {
    local name=$1 want=$2
    shift 2
    local got
    got=$(comp "$@")
    want=$(printf '%s\n' "$want" | sed '/^$/d' | sort)
    if [ "$got" = "$want" ]; then ok "$name"
    else not_ok "$name" "line: $*" "want: $(echo $want)" "got:  $(echo $got)"; fi
}

# --- commands and options ---------------------------------------------------

cmds=$("$FUYUAN" --help | awk '/^Commands:/ { c = 1; next } c && /^$/ { exit }
                               c && /^  [a-z]/ { print $1 }')
expect commands "$cmds" "$FUYUAN" ""
expect commands-prefix "$(printf 'quarterly\nquery')" "$FUYUAN" q
expect main-options "$(printf -- '--help\n--version')" "$FUYUAN" --

bad=""
for c in $cmds; do
    want=$("$FUYUAN" "$c" --help | grep -E '^ +-' |
           grep -oE '(^|[ |,])--?[a-z][a-z-]*' | sed 's/^[ |,]*//' | sort -u)
    got=$(comp "$FUYUAN" "$c" -)
    [ "$got" = "$want" ] || bad+="$c: want $(echo $want); got $(echo $got)"$'\n'
done
if [ -z "$bad" ] && [ -n "$cmds" ]; then ok options-of-every-command
else not_ok options-of-every-command "$bad"; fi
expect options-prefix "$(printf -- '--feedback-days\n--format\n--from')" \
    "$FUYUAN" query --f
# annual takes --year only: --to is not offered
expect options-of-annual "--typical-cases" "$FUYUAN" annual --t
expect options-not-of-command "" "$FUYUAN" validate --met

# --- metrics and dimensions: ids and names ----------------------------------

"$FUYUAN" metrics --format csv | awk -F, 'NR > 1 { print $1; print $2 }' |
    sort -u >"$tmp/m"
"$FUYUAN" dimensions --format csv | awk -F, 'NR > 1 { print $1; print $2 }' |
    sort -u >"$tmp/d"
if [ "$(wc -l <"$tmp/m")" -lt 40 ] || [ "$(wc -l <"$tmp/d")" -lt 20 ]; then
    not_ok parse-lists "fuyuan metrics/dimensions gave too little" \
        "$(head -3 "$tmp/m" "$tmp/d")"
fi
comp "$FUYUAN" query --metric "" | sort -u >"$tmp/got"
if diff "$tmp/m" "$tmp/got" >"$tmp/diff"; then ok metric-ids-and-names
else not_ok metric-ids-and-names "< fuyuan metrics, > completion" \
    "$(cat "$tmp/diff")"; fi
comp "$FUYUAN" query --by "" | sort -u >"$tmp/got"
if diff "$tmp/d" "$tmp/got" >"$tmp/diff"; then ok dimension-ids-and-names
else not_ok dimension-ids-and-names "< fuyuan dimensions, > completion" \
    "$(cat "$tmp/diff")"; fi

expect metric-chinese-name \
    "$(grep '^行政' "$tmp/m")" "$FUYUAN" query --metric 行政
expect metric-id "$(printf 'loss_rate')" "$FUYUAN" query --metric loss_r
expect metric-list-last-item "$(printf 'filed,行政机关败诉\nfiled,行政机关败诉率')" \
    "$FUYUAN" query --metric filed,行政机关败诉
expect metric-list-by-id "$(printf 'filed,loss_rate')" \
    "$FUYUAN" query --metric filed,loss_r
# bash splits loss_cause:主要 into loss_cause, :, 主要; the reply replaces
# the word after the ':'
expect metric-colon "主要证据不足" "$FUYUAN" query --metric loss_cause : 主要
expect metric-colon-empty "$(grep '^loss_cause:' "$tmp/m" | sed 's/^loss_cause://')" \
    "$FUYUAN" query --metric loss_cause :
# --metric=fil: --metric, =, fil
expect metric-equals "filed" "$FUYUAN" query --metric = fil
expect dimension-chinese-name "旗区" "$FUYUAN" query --by 旗
expect dimension-list "$(printf 'court,disposition\ncourt,district')" \
    "$FUYUAN" query --by court,dis
expect where-dimension "旗区=" "$FUYUAN" query --where 旗
expect where-dimension-id "$(printf 'defendant=\ndisposition=\ndistrict=\ndomain=')" \
    "$FUYUAN" query --where d
expect compare "$(printf 'prev\nyoy')" "$FUYUAN" query --compare ""
expect format-query "$(printf 'csv\njson\ntable\nxlsx')" \
    "$FUYUAN" query --format ""
expect format-metrics "$(printf 'csv\njson\ntable')" \
    "$FUYUAN" metrics --format ""
expect encoding "gb18030" "$FUYUAN" validate --encoding g
expect year-no-guess "" "$FUYUAN" annual --year ""

# --- files ------------------------------------------------------------------

mkdir -p "$tmp/w/exports" "$tmp/w/emptydir"
: >"$tmp/w/a.ini"; : >"$tmp/w/b.txt"; : >"$tmp/w/c.csv"; : >"$tmp/w/D.CSV"
cd "$tmp/w" || exit 1
expect profile-ini "$(printf 'a.ini\nemptydir\nexports')" \
    "$FUYUAN" annual --profile ""
expect data-csv-and-folders "$(printf 'D.CSV\nc.csv\nemptydir\nexports')" \
    "$FUYUAN" validate ""
expect output-folders "$(printf 'emptydir\nexports')" "$FUYUAN" annual -o ""
expect output-file-of-query "$(printf 'b.txt')" "$FUYUAN" query -o b
expect metrics-takes-no-data "" "$FUYUAN" metrics ""

# --- the program as completed -----------------------------------------------

mkdir -p "$tmp/bin"
ln -s "$FUYUAN" "$tmp/bin/fuyuan"
PATH="$tmp/bin:$PATH" expect program-on-path "$(printf 'quarterly\nquery')" \
    fuyuan q
cp "$FUYUAN" "$tmp/w/fuyuan"
expect program-relative "$(printf 'quarterly\nquery')" ./fuyuan q
expect program-missing "" ./no-such-fuyuan q
