#!/usr/bin/env bash
# Builds oneTBB with -fsanitize=thread into PREFIX, for `make test-tsan`.
#
# Why: Debian's libtbb is not instrumented, so ThreadSanitizer cannot see the synchronisation
# inside TBB's task hand-off and reports every parallel_for body that reads data written before
# the loop (about 780 false reports in test_model). A TBB built with -fsanitize=thread makes those
# hand-offs visible, so the remaining reports are real.
#
# The source is Debian's own package of the installed libtbb-dev version (`apt-get source`), so
# the headers povsim compiles against are the ones it would use in a normal build. A deb-src entry
# for the configured Debian mirrors is added when none exists. The result is cached: when
# PREFIX/.povsim-tbb-stamp names the same version and compiler, nothing is rebuilt.
#
# Usage: scripts/build-tsan-tbb.sh PREFIX [CXX]
set -euo pipefail
prefix=${1:?usage: build-tsan-tbb.sh PREFIX [CXX]}
cxx=${2:-c++}
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac

version=$(dpkg-query -W -f='${Version}' libtbb-dev)
# The compiler itself, not the name it was called by (c++ and g++ are one compiler).
cxx_id="$(readlink -f "$(command -v "$cxx")") $("$cxx" -dumpfullversion)"
stamp="$prefix/.povsim-tbb-stamp"
want="onetbb $version -fsanitize=thread $cxx_id"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
# dpkg-source (dpkg-dev) unpacks the source package.
if ! dpkg-query -W -f='${Status}' dpkg-dev 2>/dev/null | grep -q "install ok installed"; then
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null
fi

# apt-get source needs a deb-src entry; Debian 12's default sources carry only binary ones.
if ! apt-get source --print-uris -qq "onetbb=$version" >/dev/null 2>&1; then
  list=/etc/apt/sources.list.d/povsim-deb-src.sources
  echo "adding Debian source entries ($list) to fetch onetbb $version" >&2
  "${sudo_cmd[@]}" tee "$list" >/dev/null <<'EOF'
# Added by povsim scripts/build-tsan-tbb.sh: `apt-get source onetbb` for the TSan build.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  "${sudo_cmd[@]}" apt-get update -qq
fi

work="$prefix.src"
rm -rf "$work" "$prefix"
mkdir -p "$work"
(cd "$work" && apt-get source -qq "onetbb=$version" >/dev/null)
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'onetbb-*' | head -n1)
[ -n "$src" ] || { echo "build-tsan-tbb.sh: no onetbb source tree in $work" >&2; exit 1; }

# Only libtbb itself: povsim links TBB::tbb alone. TBB_SANITIZE adds -fsanitize=thread to
# compile and link; -O1 -g keep TSan's stacks readable at a tolerable speed.
cmake -S "$src" -B "$work/build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DTBB_SANITIZE=thread \
  -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBB_STRICT=OFF -DTBBMALLOC_BUILD=OFF -DTBB_ENABLE_IPO=OFF \
  -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib >/dev/null
# The build log is kept only on failure: TSan's -Wtsan notes on TBB's fences are expected.
cmake --build "$work/build" -j "${JOBS:-$(nproc)}" >"$work/build.log" 2>&1 ||
  { tail -n 40 "$work/build.log" >&2; exit 1; }
cmake --install "$work/build" >/dev/null
rm -rf "$work"
echo "$want" >"$stamp"
