#!/usr/bin/env bash
# Fetches the tcmalloc that cifar.jar bundles (Debian 12's libtcmalloc-minimal4 2.10-1, amd64)
# with apt-get download, checks the package's and the library's SHA-256 against
# app/src/main/resources/cifar/launch/linux-x86_64/tcmalloc.properties, and writes the library
# and the package's copyright file there. The build itself never runs this: the library is
# committed, so `mvn package` needs no Debian and no network. Run it on Debian 12 to check
# that the committed file is the one Debian ships, or after changing the version there.
#
# usage: scripts/bundle-tcmalloc.sh [--check]   (--check: compare only, write nothing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/app/src/main/resources/cifar/launch/linux-x86_64
props=$dir/tcmalloc.properties
prop() { sed -n "s/^$1=//p" "$props"; }
version=$(prop version)
want_deb=$(prop package.sha256)
want_lib=$(prop sha256)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download "libtcmalloc-minimal4:amd64=$version" >&2)
deb=$(ls "$work"/*.deb)
if [ "$(sha256sum < "$deb" | cut -d' ' -f1)" != "$want_deb" ]; then
  echo "bundle-tcmalloc: $deb: SHA-256 is not package.sha256 of $props" >&2
  exit 1
fi
dpkg-deb -x "$deb" "$work/x"
lib=$work/x/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10
if [ "$(sha256sum < "$lib" | cut -d' ' -f1)" != "$want_lib" ]; then
  echo "bundle-tcmalloc: $lib: SHA-256 is not sha256 of $props" >&2
  exit 1
fi
if [ "${1:-}" = --check ]; then
  cmp "$lib" "$dir/libtcmalloc_minimal.so.4"
  cmp "$work/x/usr/share/doc/libtcmalloc-minimal4/copyright" "$dir/COPYRIGHT-gperftools"
  echo "bundle-tcmalloc: the committed library and copyright are Debian's $version"
  exit 0
fi
cp "$lib" "$dir/libtcmalloc_minimal.so.4"
cp "$work/x/usr/share/doc/libtcmalloc-minimal4/copyright" "$dir/COPYRIGHT-gperftools"
echo "bundle-tcmalloc: wrote $dir/libtcmalloc_minimal.so.4 ($version)"
