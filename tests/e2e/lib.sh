# SPDX-License-Identifier: MIT
# lib.sh - what the end-to-end scripts share, sourced after `set -u`:
#
#   . "$(dirname "$0")/lib.sh"
#
# here (the script's folder), FY_TOP (the repository, unless given),
# FUYUAN (the program, made absolute: scripts cd), and pass NAME /
# fail NAME [DETAILS]: the "ok NAME" / "not ok NAME" lines that
# tools/run-tests.sh counts, with the details indented below. Each script
# still sets its own locale, environment and scratch folder: they differ.
here=$(cd "$(dirname "$0")" && pwd)
FY_TOP=${FY_TOP:-$(cd "$here/../.." && pwd)}
FUYUAN=${FUYUAN:-$FY_TOP/fuyuan}
case $FUYUAN in /*) ;; *) FUYUAN=$(pwd)/$FUYUAN ;; esac

pass() { echo "ok $1"; }
fail() {
    echo "not ok $1"
    [ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/    /'
}

# need_fuyuan NAME: fail NAME and exit when the program is not built.
need_fuyuan() {
    if [ ! -x "$FUYUAN" ]; then
        fail "$1" "no fuyuan binary at $FUYUAN (run make)"
        exit 1
    fi
}

# new_scratch NAME: a scratch folder in $scratch, removed at exit.
new_scratch() {
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/fuyuan-$1.XXXXXX")
    trap 'rm -rf "$scratch"' EXIT
}
