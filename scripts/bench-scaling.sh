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

# "WALL CPU" of the best of $repeats runs (wall: the run's own wall_seconds from manifest.json;
# CPU: user + system seconds of every process, which a busy machine does not inflate the way it
# inflates wall time): best_run RANKS THREADS SCENARIO (RANKS 0 = no mpirun)
best_run() {
  local ranks=$1 threads=$2 scenario=$3 best="" cpu="" w c
  for _ in $(seq "$repeats"); do
    rm -rf "$tmp/out"
    local TIMEFORMAT='%U %S'
    if [ "$ranks" -eq 0 ]; then
      { time "$povsim" run "$scenario" --threads "$threads" --out "$tmp/out" >/dev/null 2>&1; } 2>"$tmp/time"
    else
      { time mpirun "${mpirun_flags[@]}" -n "$ranks" "$povsim" run "$scenario" --threads "$threads" \
        --out "$tmp/out" >/dev/null 2>&1; } 2>"$tmp/time"
    fi
    w=$(grep -o '"wall_seconds": [0-9.e+-]*' "$tmp/out/manifest.json" | awk '{print $2}')
    c=$(awk '{print $1 + $2}' "$tmp/time")
    if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$w
      cpu=$c
    fi
  done
  echo "$best $cpu"
}
hm() {  # household-months of a run: hm OUT_DIR
  local m="$1/manifest.json" h n r
  h=$(grep -o '"households": [0-9]*' "$m" | head -1 | awk '{print $2}')
  n=$(grep -o '"months": [0-9]*' "$m" | head -1 | awk '{print $2}')
  r=$(grep -o '"replications": [0-9]*' "$m" | head -1 | awk '{print $2}')
  echo $((h * n * r))
}

{
  echo "{"
  echo "  \"commit\": \"$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)\","
  echo "  \"cores\": $(nproc),"
  echo "  \"repeats\": $repeats,"
  echo "  \"load_average_at_start\": $(awk '{print $1}' /proc/loadavg),"
  echo "  \"scenarios\": ["
  first=1
  for s in "${scenarios[@]}"; do
    read -r t1 c1 <<<"$(best_run 0 1 "$s")"
    units=$(hm "$tmp/out")
    read -r t2 c2 <<<"$(best_run 0 2 "$s")"
    [ $first -eq 0 ] && echo "    ,"
    first=0
    echo "    {\"scenario\": \"$s\", \"household_months\": $units,"
    # efficiency = speed-up / workers; cpu_ratio = CPU seconds of 1 worker / of all (1 = no
    # parallel overhead, whatever else runs on the machine).
    awk -v t1="$t1" -v t2="$t2" -v c1="$c1" -v c2="$c2" -v u="$units" 'BEGIN {
      printf "     \"threads\": {\"1\": {\"wall_seconds\": %.3f, \"cpu_seconds\": %.3f, \"household_months_per_second\": %.4g},\n", t1, c1, u / t1
      printf "                 \"2\": {\"wall_seconds\": %.3f, \"cpu_seconds\": %.3f, \"household_months_per_second\": %.4g},\n", t2, c2, u / t2
      printf "                 \"speedup\": %.3f, \"efficiency\": %.3f, \"cpu_ratio\": %.3f}", t1 / t2, t1 / t2 / 2, c1 / c2 }'
    if [ $mpi -eq 1 ]; then
      read -r r1 d1 <<<"$(best_run 1 1 "$s")"
      read -r r2 d2 <<<"$(best_run 2 1 "$s")"
      echo ","
      awk -v t1="$r1" -v t2="$r2" -v c1="$d1" -v c2="$d2" -v u="$units" 'BEGIN {
        printf "     \"ranks\": {\"1\": {\"wall_seconds\": %.3f, \"cpu_seconds\": %.3f, \"household_months_per_second\": %.4g},\n", t1, c1, u / t1
        printf "               \"2\": {\"wall_seconds\": %.3f, \"cpu_seconds\": %.3f, \"household_months_per_second\": %.4g},\n", t2, c2, u / t2
        printf "               \"speedup\": %.3f, \"efficiency\": %.3f, \"cpu_ratio\": %.3f, \"threads_per_rank\": 1}}\n", t1 / t2, t1 / t2 / 2, c1 / c2 }'
    else
      echo "}"
    fi
  done
  echo "  ],"
  echo "  \"mpi\": $([ $mpi -eq 1 ] && echo true || echo false)"
  echo "}"
} >"$out"
cat "$out"
