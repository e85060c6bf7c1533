#!/usr/bin/env bash
# Installs the Debian packages povsim builds and tests with; does nothing when all are present.
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config git clang-format
  libtbb-dev libyaml-cpp-dev libeigen3-dev libboost-graph-dev libgtest-dev libgmock-dev
  libbenchmark-dev libcli11-dev libssl-dev nlohmann-json3-dev librandom123-dev libicu-dev
  libopenmpi-dev openmpi-bin
  libcpp-httplib-dev
  chromium fonts-noto-cjk
  pybind11-dev python3-dev python3-pandas)
# Fuzzing (make fuzz, make test) and make tidy: clang 16 with libFuzzer and the sanitizer
# runtimes (clang 14, Debian's default, lacks std::source_location with GCC 12's library).
packages+=(clang-16 libclang-rt-16-dev clang-tidy-16)
# report.html: npm installs the chart libraries at build time (report/package-lock.json);
# Debian's nodejs and npm unless an npm is already on PATH (e.g. from NodeSource). Chromium and
# a CJK font are for the headless-browser test of the report. pybind11, the Python headers and
# pandas build and test the Python interface (python/). cpp-httplib serves `povsim serve`; its
# browser test drives the same chromium with puppeteer-core (npm, tests/serve/package.json).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
# Sweeps on a cluster: a real single-node Slurm for scripts/slurm/test-local-slurm.sh (jq compares
# the manifests).
packages+=(slurm-wlm munge jq)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
