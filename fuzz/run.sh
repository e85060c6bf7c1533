#!/usr/bin/env bash
# Runs one libFuzzer target of fuzz/ (see docs/reliability.md, "Fuzzing and sanitizers").
#   run.sh smoke TARGET BINARY WORKDIR SECONDS   every seed and regression input once, then
#                                                SECONDS of fuzzing from the seeds (ctest)
#   run.sh fuzz  TARGET BINARY WORKDIR SECONDS   SECONDS of fuzzing on the kept corpus
#                                                (WORKDIR/corpus/TARGET, grows run to run)
# Seeds are made from the shipped inputs (scenarios/, tests/data/) at every run; inputs that
# crashed once are kept in fuzz/regressions/TARGET/ and replayed first. Any crash, sanitizer
# report, leak, timeout or exception other than povsim's InputError fails with the input
# saved under WORKDIR/artifacts/TARGET/. One process, one core.
set -euo pipefail
mode=$1 target=$2 seconds=$5
bin=$(realpath "$3") work=$(realpath -m "$4")
src=$(cd "$(dirname "$0")/.." && pwd)
seeds=$work/seeds/$target
artifacts=$work/artifacts/$target
rm -rf "$seeds"
mkdir -p "$seeds" "$artifacts"

# A seed for a YAML reader: the file, with a first line saying where it lives in the tree (its
# relative paths resolve from there; fuzz/fuzz_input.hpp).
seed_yaml() {
  local rel=$1
  { printf '#@ %s\n' "$rel"; cat "$src/$rel"; } >"$seeds/$(echo "$rel" | tr / _)"
}
cd "$src"
case $target in
  scenario_loader)
    # Not national.yaml: its 832-row table takes ~25 s to load under ASan (the per-row cost of
    # validation), which would make every mutation of it a timeout.
    for f in $(find scenarios tests/data -name '*.yaml' ! -name national.yaml | sort); do
      seed_yaml "$f"
    done ;;
  regions_table)
    for f in $(find scenarios tests/data -name '*.csv' | sort); do
      cp "$f" "$seeds/$(echo "$f" | tr / _)"
    done ;;
  sweep_spec)
    for f in tests/data/sweeps/*.yaml scenarios/sweeps/*.yaml; do seed_yaml "$f"; done ;;
  calibration_spec)
    for f in tests/data/calibration/*.yaml scenarios/calibration/*.yaml; do seed_yaml "$f"; done ;;
  checkpoint)
    export POVSIM_FUZZ_WRITE_SEED=$seeds ;;  # the target writes a valid checkpoint at start-up
  *) echo "run.sh: unknown target $target" >&2; exit 2 ;;
esac

# -timeout: an input taking this long is a finding (a hang or a quadratic path), not patience.
# Memory: 2 GB per process, enforced by ASan's hard_rss_limit_mb (the input is saved as crash-*
# within a second) and libFuzzer's -malloc_limit_mb (one allocation), not libFuzzer's
# -rss_limit_mb: that one prints ASan's heap profile before it saves the input, which on a
# 2 GB heap of small blocks takes many minutes (it made ctest's Fuzz.sweep_spec run past its
# 300 s limit on yaml-cpp's endless documents: fuzz/regressions/sweep_spec/).
timeout=25 memory_mb=2048
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=$memory_mb"
flags=(-timeout=$timeout -rss_limit_mb=0 -malloc_limit_mb=$memory_mb -print_final_stats=1
  -artifact_prefix="$artifacts/")
regressions=$src/fuzz/regressions/$target
if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
  echo "== $target: replaying $(ls "$regressions" | wc -l) regression inputs"
  "$bin" "${flags[@]}" "$regressions"/*
fi

if [ "$mode" = smoke ]; then
  corpus=$work/smoke-corpus/$target
  rm -rf "$corpus"
else
  corpus=$work/corpus/$target
fi
mkdir -p "$corpus"
echo "== $target: fuzzing for ${seconds}s (corpus $corpus, seeds $seeds)"
log=$work/$target.$mode.log
# A backstop for a fuzzer that does not stop by itself (a report that hangs, a stuck exit): the
# run ends with a message saying so well before ctest's limit, instead of at it.
bound=$((seconds + 2 * timeout + 30))
set +e
timeout -k 10 "$bound" "$bin" "${flags[@]}" -max_total_time="$seconds" "$corpus" "$seeds" \
  >"$log" 2>&1
rc=$?
set -e
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
  echo "== $target: the fuzzer did not stop within ${bound}s (-max_total_time=$seconds); killed" >&2
fi
grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs)' \
  "$log" || true
if [ $rc -ne 0 ]; then
  tail -n 60 "$log"
  echo "== $target: FINDING (exit $rc); inputs in $artifacts; full log $log" >&2
  exit 1
fi
echo "== $target: clean ($(ls "$corpus" | wc -l) corpus inputs)"
