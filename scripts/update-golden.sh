#!/usr/bin/env bash
# Golden outputs: runs a few small scenarios that together exercise every mechanism and records
# the SHA-256 of each output table in tests/golden/outputs.sha256 ("<sha256>  <run>/<file>", the
# format of sha256sum). The model version (manifest.json "model_version") is the SHA-256 of that
# file, so it changes exactly when some output number changes.
#   scripts/update-golden.sh [BIN]          regenerate tests/golden/outputs.sha256
#   scripts/update-golden.sh --check [BIN]  compare against it (the GoldenOutputs test); exit 1
#                                           and name the files that differ on a mismatch
# BIN defaults to build/povsim. A change meant to move numbers regenerates the file in the same
# commit and says why in its body; any other change must leave it alone.
set -euo pipefail
check=0
if [ "${1:-}" = "--check" ]; then
  check=1
  shift
fi
bin=$(realpath "${1:-build/povsim}")
cd "$(dirname "$0")/.."
golden=tests/golden/outputs.sha256
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run NAME ARGS…: `povsim run ARGS… --out $tmp/NAME`.
run() {
  local name=$1
  shift
  "$bin" run "$@" --out "$tmp/$name" > "$tmp/$name.log" 2>&1 ||
    { cat "$tmp/$name.log" >&2; echo "povsim run $* failed" >&2; exit 2; }
}
# compare NAME ARGS…: `povsim compare ARGS… --out $tmp/NAME`.
compare() {
  local name=$1
  shift
  "$bin" compare "$@" --out "$tmp/$name" > "$tmp/$name.log" 2>&1 ||
    { cat "$tmp/$name.log" >&2; echo "povsim compare $* failed" >&2; exit 2; }
}

small="--replications 2"
# Five regions of unequal size (the MPI and checkpoint test population): monitoring, cadres,
# enterprises and links, every assistance programme, budgets without funds.
run multi-region tests/data/multi-region.yaml
# The same stopped at month 17 and restarted from its checkpoints: must equal the run above.
"$bin" run tests/data/multi-region.yaml --out "$tmp/multi-region-restart" \
  --checkpoint "$tmp/checkpoints" --checkpoint-every 5 --stop-at-month 17 > "$tmp/stop.log" 2>&1 ||
  { cat "$tmp/stop.log" >&2; exit 2; }
run multi-region-restart tests/data/multi-region.yaml --restart "$tmp/checkpoints"
# Funds on: ledger, lapses and carry-over, 小额信贷 loans, 贴息 and risk compensation.
run qinxian-microcredit scenarios/qinxian-microcredit.yaml --scale 0.02 $small
# Funds on with fixed yearly amounts, enterprise subsidies and extra jobs, consumption support.
run changji-2023 scenarios/changji-2023.yaml --scale 0.01 $small
# Covariate shocks: a disaster year, and migrant demand cut for some months (policy epochs).
run disaster-year scenarios/disaster-year.yaml --scale 0.02 $small
run lockdown-2022 tests/data/lockdown-2022.yaml --scale 0.5
# Every place profile (village, 南疆 county, 博湖县, 兵团 regiment, 沁县), and eight regions of
# one profile family as the MPI scaling runs share them among ranks.
run seed-places scenarios/seed-places.yaml --scale 0.02 $small
run regions scenarios/bench-1m-regions.yaml --scale 0.002 $small
# Weekly grid screening and department data with a one-month lag.
run strong-monitoring scenarios/strong-monitoring.yaml --scale 0.02 $small
# No monitoring and no enterprises (the foundation alone).
run foundation scenarios/bench-1m-foundation.yaml --scale 0.001 $small
# Policy epochs changing budgets mid-period and monitoring switched off, as a paired comparison
# (compare.csv and cost.csv on common random numbers).
compare compare scenarios/baseline.yaml scenarios/early-withdrawal.yaml scenarios/taper-2024.yaml \
  --scale 0.02 $small

(cd "$tmp" && find . -name '*.csv' -printf '%P\n' | LC_ALL=C sort | xargs sha256sum) > "$tmp/outputs.sha256"

# The restarted run must have written the bytes of the one that never stopped.
if ! diff <(grep ' multi-region/' "$tmp/outputs.sha256" | awk '{print $1}') \
          <(grep ' multi-region-restart/' "$tmp/outputs.sha256" | awk '{print $1}') > /dev/null; then
  echo "golden: the run restarted from checkpoints differs from the run that never stopped" >&2
  exit 1
fi

if [ "$check" = 0 ]; then
  cp "$tmp/outputs.sha256" "$golden"
  echo "updated $golden ($(wc -l < "$golden") files); model version $(sha256sum "$golden" | cut -c1-64)"
  exit 0
fi
# The program stamps the model version it was built with (engine/CMakeLists.txt) into manifests.
stamped=$(sed -n 's/^ *"model_version": "\([^"]*\)".*/\1/p' "$tmp/multi-region/manifest.json")
if [ "$stamped" != "$(sha256sum "$golden" | cut -c1-64)" ]; then
  echo "golden: $bin stamps model version $stamped, not the SHA-256 of $golden" \
    "(configure and build again)" >&2
  exit 1
fi
if cmp -s "$tmp/outputs.sha256" "$golden"; then
  echo "golden outputs match ($(wc -l < "$golden") files)"
  exit 0
fi
echo "golden outputs differ from $golden:" >&2
join -j 2 -a 1 -a 2 -e missing -o 0,1.1,2.1 <(sort -k 2 "$golden") <(sort -k 2 "$tmp/outputs.sha256") |
  awk '$2 != $3 { printf "  %s (expected %s, found %s)\n", $1, substr($2, 1, 12), substr($3, 1, 12) }' >&2
echo "If the change is meant to move numbers, run scripts/update-golden.sh $bin, commit" \
  "tests/golden/outputs.sha256 with the change and say why in the commit body." >&2
exit 1
