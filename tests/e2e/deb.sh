#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# deb.sh - the Debian package of `make deb` (docs/debian.md), built with
# `make deb-package` (no lintian needed) into build/deb/, then:
#
# - its control: name, the version of `fuyuan --version`, and Depends
#   naming the package of every shared library the program needs
#   (objdump -p, dpkg -S), the fonts and pandoc;
# - its files: program, man page, completion, catalogue, fonts.conf,
#   profile, sample, suggestion table and reference documents, docs;
# - unpacked into a scratch root (dpkg -x), the program runs from there
#   and finds everything under that root: --version, an annual report of
#   the shipped sample, a quarterly one with the shipped profile, Chinese
#   messages from the package's catalogue; the man page renders with the
#   installed paths; the completion completes;
# - the same tree gives the same bytes (SOURCE_DATE_EPOCH);
# - lintian finds no error or warning (skipped without lintian: `make deb`
#   installs it).
#
# Prints "ok NAME" / "not ok NAME" lines; $FUYUAN is the program, $FY_TOP
# the tree (tools/run-tests.sh exports both).
set -u
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
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

for tool in dpkg-deb dpkg-shlibdeps make strip; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "ok deb # skip $tool is not installed"
        exit 0
    fi
done

version=$("$FUYUAN" --version | sed 's/^fuyuan //')
arch=$(dpkg --print-architecture)
deb=$FY_TOP/build/deb/fuyuan_${version}_$arch.deb

# build: the package's own program, for /usr, in build/deb/obj
make -C "$FY_TOP" --no-print-directory deb-package >"$tmp/build.log" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && [ -f "$deb" ]; then
    ok deb-builds
else
    not_ok deb-builds "make deb-package: exit $rc" "$(tail -20 "$tmp/build.log")"
    exit 0
fi
cp "$deb" "$tmp/first.deb"

# --- control ----------------------------------------------------------------

dpkg-deb -f "$deb" Package Version Architecture Depends >"$tmp/control"
depends=$(dpkg-deb -f "$deb" Depends)
if grep -qx 'Package: fuyuan' "$tmp/control" \
   && grep -qx "Version: $version" "$tmp/control" \
   && grep -qx "Architecture: $arch" "$tmp/control"; then
    ok deb-control
else
    not_ok deb-control "$(cat "$tmp/control")"
fi

# every library the program needs is in Depends by its package
missing=""
for p in fonts-noto-cjk fonts-arphic-ukai pandoc libc6; do
    printf '%s\n' "$depends" | grep -qE "(^|, )$p( |,|$)" || missing+=" $p"
done
mkdir -p "$tmp/root"
dpkg-deb -x "$deb" "$tmp/root"
prog=$tmp/root/usr/bin/fuyuan
if command -v objdump >/dev/null 2>&1; then
    for so in $(objdump -p "$prog" | awk '$1 == "NEEDED" { print $2 }'); do
        path=$(ldconfig -p | awk -v so="$so" '$1 == so { print $NF; exit }')
        pkg=$( { [ -n "$path" ] && dpkg -S "$path" 2>/dev/null; } ||
               dpkg -S "*/$so" 2>/dev/null)
        pkg=$(printf '%s\n' "$pkg" | head -1 | cut -d: -f1)
        [ -n "$pkg" ] || { missing+=" ($so: no package)"; continue; }
        printf '%s\n' "$depends" | grep -qE "(^|, )$pkg( |,|$)" ||
            missing+=" $pkg ($so)"
    done
fi
if [ -z "$missing" ]; then ok deb-depends
else not_ok deb-depends "missing from Depends:$missing" "Depends: $depends"; fi

# --- files ------------------------------------------------------------------

missing=""
for f in usr/bin/fuyuan usr/share/man/man1/fuyuan.1.gz \
         usr/share/bash-completion/completions/fuyuan \
         usr/share/locale/zh_CN/LC_MESSAGES/fuyuan.mo \
         usr/share/fuyuan/fonts/fonts.conf \
         usr/share/fuyuan/profiles/ordos.ini \
         usr/share/fuyuan/sample/hearings.csv \
         usr/share/fuyuan/data/suggestions.csv \
         usr/share/fuyuan/data/reference.docx \
         usr/share/fuyuan/data/reference-notice.docx \
         usr/share/doc/fuyuan/copyright usr/share/doc/fuyuan/changelog.gz \
         usr/share/doc/fuyuan/README.md usr/share/doc/fuyuan/用户手册.md \
         usr/share/lintian/overrides/fuyuan; do
    [ -f "$tmp/root/$f" ] || missing+=" $f"
done
nsample=$(find "$FY_TOP/fixtures/sample" -name '*.csv' | wc -l)
ngot=$(find "$tmp/root/usr/share/fuyuan/sample" -name '*.csv' | wc -l)
[ "$nsample" -eq "$ngot" ] || missing+=" sample: $ngot of $nsample files"
if [ -z "$missing" ]; then ok deb-files
else not_ok deb-files "missing:$missing" "$(dpkg-deb -c "$deb" 2>/dev/null | head -60)"; fi

# --- run from the scratch root ----------------------------------------------

got=$("$prog" --version 2>&1)
if [ "$got" = "fuyuan $version" ]; then ok installed-version
else not_ok installed-version "$got"; fi

docx=""
command -v pandoc >/dev/null 2>&1 || docx=--no-docx
mkdir -p "$tmp/run"
cd "$tmp/run" || exit 1
# no DATA: the sample of the package, under the scratch root
"$prog" annual --year 2023 -o out $docx >"$tmp/out" 2>"$tmp/err"
rc=$?
missing=""
for f in annual-2023.xlsx annual-2023.pdf annual-2023.txt rejects.csv \
         manifest.json charts/01-trend.png; do
    [ -s "out/$f" ] || missing+=" $f"
done
[ -z "$docx" ] && { [ -s out/annual-2023.docx ] || missing+=" annual-2023.docx"; }
if [ "$rc" -eq 0 ] && [ -z "$missing" ] \
   && grep -q "\"path\": \"$tmp/root/usr/share/fuyuan/sample/hearings.csv\"" \
        out/manifest.json; then
    ok installed-annual-report
else
    not_ok installed-annual-report "exit $rc, missing:$missing" \
        "$(cat "$tmp/err")" "$(grep -m3 '"path"' out/manifest.json 2>/dev/null)"
fi

# the shipped profile: its data (../sample) and the default output folder
"$prog" quarterly --quarter 2024Q2 -q $docx \
    --profile "$tmp/root/usr/share/fuyuan/profiles/ordos.ini" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && [ -s reports/2024Q2/quarterly-2024Q2.xlsx ] \
   && [ -s reports/2024Q2/quarterly-2024Q2.pdf ]; then
    ok installed-profile-quarterly
else
    not_ok installed-profile-quarterly "exit $rc" "$(cat "$tmp/err")" \
        "$(ls -R reports 2>&1 | head)"
fi

# messages from the package's catalogue (none is installed on the machine
# when this distinguishes it from the system's)
got=$(LANG=zh_CN.UTF-8 "$prog" --help 2>&1 | head -1)
if [ -e /usr/share/locale/zh_CN/LC_MESSAGES/fuyuan.mo ]; then
    echo "ok installed-catalogue # skip fuyuan.mo is installed on this machine"
elif printf '%s\n' "$got" | grep -q '用法'; then
    ok installed-catalogue
else
    not_ok installed-catalogue "$got"
fi

# the man page: the installed paths filled in, renders without warnings
man1=$tmp/root/usr/share/man/man1/fuyuan.1.gz
if zcat "$man1" | grep -q '^\.I /usr/share/fuyuan/profiles/ordos\.ini$' \
   && ! zcat "$man1" | grep -q '@[A-Z]*@'; then
    ok installed-man-paths
else
    not_ok installed-man-paths "$(zcat "$man1" | grep -n 'ordos\|@' | head)"
fi
if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man --warnings=w -l "$man1" >"$tmp/out" 2>"$tmp/err"
    if grep -q 'fuyuan validate' "$tmp/out" && [ ! -s "$tmp/err" ]; then
        ok installed-man-renders
    else
        not_ok installed-man-renders "$(cat "$tmp/err")"
    fi
else
    echo "ok installed-man-renders # skip man is not installed"
fi

got=$(bash -c '. "$1" && COMP_WORDS=("$2" q) COMP_CWORD=1 && _fuyuan &&
               printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' _ \
      "$tmp/root/usr/share/bash-completion/completions/fuyuan" "$prog")
if [ "$got" = "quarterly query " ]; then ok installed-completion
else not_ok installed-completion "got: $got"; fi
cd "$FY_TOP" || exit 1

# --- the same bytes again ---------------------------------------------------

make -C "$FY_TOP" --no-print-directory deb-package >"$tmp/build.log" 2>&1
if cmp -s "$tmp/first.deb" "$deb"; then ok deb-reproducible
else not_ok deb-reproducible "two builds of the same tree differ" \
    "$(tail -5 "$tmp/build.log")"; fi

# --- lintian ----------------------------------------------------------------

if command -v lintian >/dev/null 2>&1; then
    lintian --fail-on error,warning "$deb" >"$tmp/lint" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ]; then ok deb-lintian
    else not_ok deb-lintian "exit $rc" "$(grep -v '^N:' "$tmp/lint")"; fi
else
    echo "ok deb-lintian # skip lintian is not installed (make deb installs it)"
fi
