#!/bin/sh
# SPDX-License-Identifier: MIT
#
# make-deb.sh - the Debian package, from a tree that `make install
# PREFIX=/usr DESTDIR=WORK/debian/fuyuan` filled (the Makefile's `deb`
# target does both; docs/debian.md):
#
#     tools/make-deb.sh WORK VERSION MAINTAINER
#
# Strips the program, compresses the man page, adds the copyright file and
# changelog, computes Depends (dpkg-shlibdeps for the libraries, plus the
# fonts and pandoc), writes DEBIAN/control and md5sums and builds
# WORK/fuyuan_VERSION_ARCH.deb with dpkg-deb, owned by root. With
# SOURCE_DATE_EPOCH set, the same tree gives the same bytes.
set -eu
work=$1 version=$2 maintainer=$3
top=$(cd "$(dirname "$0")/.." && pwd)
pkg=$work/debian/fuyuan
arch=$(dpkg --print-architecture)
deb=$work/fuyuan_${version}_$arch.deb
[ -x "$pkg/usr/bin/fuyuan" ] || { echo "make-deb.sh: no $pkg/usr/bin/fuyuan" >&2; exit 1; }

# the date of the changelog: SOURCE_DATE_EPOCH, else the last commit's
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$top" log -1 --format=%ct 2>/dev/null || date +%s)}
date=$(LC_ALL=C date -u -R -d "@$epoch")

# the program: no symbols (a package's binary is stripped)
strip --remove-section=.comment --remove-section=.note --strip-unneeded \
    "$pkg/usr/bin/fuyuan"
# the font licence of the source tree goes with fonts this package does
# not ship (fonts-noto-cjk has its own copyright file)
rm -f "$pkg/usr/share/fuyuan/fonts/LICENSE-NotoSansCJK.txt"
gzip -9nf "$pkg/usr/share/man/man1/fuyuan.1"

doc=$pkg/usr/share/doc/fuyuan
install -d "$doc"
install -m 644 "$top/packaging/debian/copyright" "$doc/copyright"
install -d "$pkg/usr/share/lintian/overrides"
install -m 644 "$top/packaging/debian/lintian-overrides" \
    "$pkg/usr/share/lintian/overrides/fuyuan"
sed -e "s|@VERSION@|$version|g" -e "s|@MAINTAINER@|$maintainer|g" \
    -e "s|@DATE@|$date|g" "$top/packaging/debian/changelog.in" |
    gzip -9n >"$doc/changelog.gz"

# modes as a package wants them, whatever the umask was
find "$pkg" -type d -exec chmod 755 {} +
find "$pkg" -type f -exec chmod 644 {} +
chmod 755 "$pkg/usr/bin/fuyuan"

# Depends: the shared libraries of the program, then what it runs and reads
rm -rf "$pkg/DEBIAN"
install -d -m 755 "$pkg/DEBIAN"   # how dpkg-shlibdeps knows a package's tree
printf 'Source: fuyuan\n\nPackage: fuyuan\nArchitecture: any\n' \
    >"$work/debian/control"
libs=$(cd "$work" && dpkg-shlibdeps -O debian/fuyuan/usr/bin/fuyuan |
       sed -n 's/^shlibs:Depends=//p')
[ -n "$libs" ] || { echo "make-deb.sh: dpkg-shlibdeps found nothing" >&2; exit 1; }
depends="$libs, fonts-noto-cjk, fonts-arphic-ukai, pandoc"

size=$(du -sk --apparent-size --exclude=DEBIAN "$pkg" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" \
    -e "s|@MAINTAINER@|$maintainer|" -e "s|@SIZE@|$size|" \
    -e "s|@DEPENDS@|$depends|" "$top/packaging/debian/control.in" \
    >"$pkg/DEBIAN/control"
(cd "$pkg" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' |
    LC_ALL=C sort | xargs -d '\n' md5sum) >"$pkg/DEBIAN/md5sums"
chmod 644 "$pkg/DEBIAN/control" "$pkg/DEBIAN/md5sums"

# every file dated SOURCE_DATE_EPOCH, so that the package is reproducible
find "$pkg" -exec touch -h -d "@$epoch" {} +
rm -f "$deb"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "$deb"
