#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# manpage.sh - man/fuyuan.1 is held to the program's own help:
#
# 1. it renders without a warning: `groff -k -ww -man -Tutf8` and
#    `man --warnings -l` (skipped when groff or man is not installed);
# 2. its COMMANDS are the commands of `fuyuan --help`;
# 3. for every command, the options of the OPTIONS groups that name it
#    ("Input options (annual, quarterly, query, validate)") are exactly
#    the options of `fuyuan COMMAND --help`: an option added to the help
#    and not to the page fails, and so does one the page has and the help
#    has not;
# 4. its EXIT STATUS lists the statuses of `fuyuan --help`, and .TH gives
#    the version `fuyuan --version` prints.
# The checks are also run on copies of the page with an option dropped,
# one added and a command dropped, and must fail there.
#
# Prints "ok NAME" / "not ok NAME" lines; $FUYUAN is the program, $FY_TOP
# the tree (tools/run-tests.sh exports both).
set -u
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
here=$(cd "$(dirname "$0")" && pwd)
FY_TOP=${FY_TOP:-$(cd "$here/../.." && pwd)}
FUYUAN=${FUYUAN:-$FY_TOP/fuyuan}
page=$FY_TOP/man/fuyuan.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
not_ok() {
    echo "not ok $1"
    shift
    printf '%s\n' "$@" | sed 's/^/#   /'
}

# --- 1. rendering -----------------------------------------------------------

if command -v groff >/dev/null 2>&1; then
    groff -k -ww -man -Tutf8 "$page" >"$tmp/out" 2>"$tmp/err"
    if [ -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then ok groff-no-warnings
    else not_ok groff-no-warnings "$(cat "$tmp/err")"; fi
else
    echo "ok groff-no-warnings # skip groff is not installed"
fi
if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man --warnings=w -l "$page" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq 0 ] && grep -q 'EXIT STATUS' "$tmp/out" \
       && grep -q '行政审判白皮书' "$tmp/out" && [ ! -s "$tmp/err" ]; then
        ok man-renders
    else
        not_ok man-renders "exit $rc" "$(cat "$tmp/err")"
    fi
else
    echo "ok man-renders # skip man is not installed"
fi

# --- what the program says --------------------------------------------------

# the commands of `fuyuan --help`: "  name  summary" lines under Commands:
"$FUYUAN" --help >"$tmp/help" 2>&1
awk '/^Commands:/ { c = 1; next } c && /^$/ { exit }
     c && /^  [a-z]/ { print $1 }' "$tmp/help" | sort >"$tmp/cmds"
if [ "$(wc -l <"$tmp/cmds")" -lt 6 ]; then
    not_ok parse-help "fewer than 6 commands in fuyuan --help" \
        "$(cat "$tmp/help")"
    exit 1
fi

# help_opts CMD: the options of `fuyuan CMD --help`, from its option lines
# (those that start with spaces and a dash), one a line, sorted
help_opts() {
    "$FUYUAN" "$1" --help 2>&1 | grep -E '^ +-' |
        grep -oE '(^|[ |,])--?[a-z][a-z-]*' | sed 's/^[ |,]*//' | sort -u
}

# --- what the page says -----------------------------------------------------

# page_cmds PAGE: the .SS names of COMMANDS
page_cmds() {
    awk '/^\.SH / { s = $2 } s == "COMMANDS" && /^\.SS / { print $2 }' "$1" |
        sort
}

# page_opts PAGE CMD: the options of the OPTIONS groups whose heading
# names CMD in its parentheses; an option is a tag, the line after .TP
page_opts() {
    awk -v cmd="$2" '
        /^\.SH / { s = $2; take = 0; next }
        s != "OPTIONS" { next }
        /^\.SS / {
            take = 0
            if (match($0, /\([^)]*\)/)) {
                n = split(substr($0, RSTART + 1, RLENGTH - 2), c, /, */)
                for (i = 1; i <= n; i++) if (c[i] == cmd) take = 1
            }
            next
        }
        /^\.TP/ { tag = 1; next }
        tag { tag = 0; if (take) print }' "$1" |
        sed 's/\\-/-/g' | grep -oE '(^|[ "])--?[a-z][a-z-]*' |
        sed 's/^[ "]*//' | sort -u
}

# check PAGE: every check of 2-4; prints what differs, fails when anything
check() {
    local bad=0 c
    if ! diff "$tmp/cmds" <(page_cmds "$1") >"$tmp/d"; then
        echo "commands (< fuyuan --help, > the page's COMMANDS):"
        cat "$tmp/d"
        bad=1
    fi
    while read -r c; do
        if ! diff <(help_opts "$c") <(page_opts "$1" "$c") >"$tmp/d"; then
            echo "options of '$c' (< fuyuan $c --help, > the page's OPTIONS):"
            cat "$tmp/d"
            bad=1
        fi
    done <"$tmp/cmds"
    return $bad
}

if check "$page" >"$tmp/why"; then ok page-matches-help
else not_ok page-matches-help "$(cat "$tmp/why")"; fi

# every command has options in the page (the parse found something)
empty=$(while read -r c; do
    [ -n "$(page_opts "$page" "$c")" ] || echo "$c"; done <"$tmp/cmds")
if [ -z "$empty" ]; then ok page-options-parsed
else not_ok page-options-parsed "no option found for: $empty"; fi

# exit statuses: "Exit status: 0 done, 1 rows ..." in the help
want=$(tr '\n' ' ' <"$tmp/help" | sed 's/.*Exit status://' |
       grep -oE '(^|, |\s)[0-9] [a-z]' | grep -oE '[0-9]' | sort -u)
got=$(awk '/^\.SH / { s = $0 } s ~ /EXIT STATUS/ && prev ~ /^\.TP/ {
             print $2 } { prev = $0 }' "$page" | sort -u)
if [ -n "$want" ] && [ "$want" = "$got" ]; then ok page-exit-statuses
else not_ok page-exit-statuses "help: $want" "page: $got"; fi

version=$("$FUYUAN" --version)
if grep -q "^\.TH FUYUAN 1 [^ ]* \"$version\"" "$page"; then
    ok page-version
else
    not_ok page-version "fuyuan --version says '$version'; the page:" \
        "$(grep '^\.TH' "$page")"
fi

# --- the check can fail -----------------------------------------------------

# an option dropped (the tag line of --strict and its .TP)
awk '/^\.TP/ { held = $0; next }
     held != "" { if ($0 !~ /strict/) print held; held = ""
                  if ($0 ~ /strict/) next }
     { print }' "$page" >"$tmp/drop.1"
# an option the program does not have
sed 's/^\.SS "Report options (annual, quarterly)"$/&\n.TP\n.B \\-\\-no\\-pdf\nNo PDF./' \
    "$page" >"$tmp/extra.1"
# a command's group no longer naming it
sed 's/^\(\.SS "Input options (annual, quarterly, query\), validate)"$/\1)"/' \
    "$page" >"$tmp/nocmd.1"
for f in drop extra nocmd; do
    if ! cmp -s "$page" "$tmp/$f.1" && ! check "$tmp/$f.1" >/dev/null; then
        ok "page-check-fails-$f"
    else
        not_ok "page-check-fails-$f" "the changed copy passed the check"
    fi
done
