#!/usr/bin/env bash
# Strong scaling of `povsim run` on one node: threads 1 → 2 (one process) and MPI ranks 1 → 2
# (one thread each), best of REPEATS runs, household-months per second and parallel efficiency
# (speed-up / workers) as JSON. Ranks are skipped when the build has no MPI (POVSIM_MPI off).
#
#   scripts/bench-scaling.sh [BUILD_DIR] [OUT.json] [SCENARIO...]
#
# Defaults: build, BUILD_DIR/bench/scaling.json, scenarios/bench-1m.yaml and
# scenarios/bench-1m-regions.yaml (the same million households in eight regions: ranks can only
# split a run between regions, so bench-1m's 825,000-household region bounds 2 ranks at 1.21×).
set -euo pipefail
build=${1:-build}
out=${2:-$build/bench/scaling.json}
shift $(($# < 2 ? $# : 2))
scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(scenarios/bench-1m.yaml scenarios/bench-1m-regions.yaml)
repeats=${REPEATS:-3}
povsim=$build/povsim
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mpi=0
grep -q '^POVSIM_MPI:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null && command -v mpirun >/dev/null && mpi=1
mpirun_flags=(--oversubscribe --bind-to none)
[ "$(id -u)" -eq 0 ] && mpirun_flags+=(--allow-run-as-root)

# wall seconds of the best of $repeats runs: best_wall RANKS THREADS SCENARIO
best_wall() {
  local ranks=$1 threads=$2 scenario=$3 best="" w
  for _ in $(seq "$repeats"); do
    rm -rf "$tmp/out"
    if [ "$ranks" -eq 0 ]; then
      "$povsim" run "$scenario" --threads "$threads" --out "$tmp/out" >/dev/null
    else
      mpirun "${mpirun_flags[@]}" -n "$ranks" "$povsim" run "$scenario" --threads "$threads" \
        --out "$tmp/out" >/dev/null
    fi
    w=$(grep -o '"wall_seconds": [0-9.e+-]*' "$tmp/out/manifest.json" | awk '{print $2}')
    best=$(awk -v a="$best" -v b="$w" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  echo "$best"
}
hm() {  # household-months of one replication: hm SCENARIO_OUT_DIR
  grep -o '"households": [0-9]*' "$1/manifest.json" | head -1 | awk '{print $2 * 60}'
}

{
  echo "{"
  echo "  \"commit\": \"$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)\","
  echo "  \"cores\": $(nproc),"
  echo "  \"repeats\": $repeats,"
  echo "  \"scenarios\": ["
  first=1
  for s in "${scenarios[@]}"; do
    t1=$(best_wall 0 1 "$s")
    units=$(hm "$tmp/out")
    t2=$(best_wall 0 2 "$s")
    [ $first -eq 0 ] && echo "    ,"
    first=0
    echo "    {\"scenario\": \"$s\", \"household_months\": $units,"
    awk -v t1="$t1" -v t2="$t2" -v u="$units" 'BEGIN {
      printf "     \"threads\": {\"1\": {\"wall_seconds\": %.3f, \"household_months_per_second\": %.4g},\n", t1, u / t1
      printf "                 \"2\": {\"wall_seconds\": %.3f, \"household_months_per_second\": %.4g},\n", t2, u / t2
      printf "                 \"speedup\": %.3f, \"efficiency\": %.3f}", t1 / t2, t1 / t2 / 2 }'
    if [ $mpi -eq 1 ]; then
      r1=$(best_wall 1 1 "$s")
      r2=$(best_wall 2 1 "$s")
      echo ","
      awk -v t1="$r1" -v t2="$r2" -v u="$units" 'BEGIN {
        printf "     \"ranks\": {\"1\": {\"wall_seconds\": %.3f, \"household_months_per_second\": %.4g},\n", t1, u / t1
        printf "               \"2\": {\"wall_seconds\": %.3f, \"household_months_per_second\": %.4g},\n", t2, u / t2
        printf "               \"speedup\": %.3f, \"efficiency\": %.3f, \"threads_per_rank\": 1}}\n", t1 / t2, t1 / t2 / 2 }'
    else
      echo "}"
    fi
  done
  echo "  ],"
  echo "  \"mpi\": $([ $mpi -eq 1 ] && echo true || echo false)"
  echo "}"
} >"$out"
cat "$out"
