#!/usr/bin/env bash
# Submits a povsim sweep to Slurm as a job array of N shards plus a dependent merge job.
#
#   scripts/slurm/submit-sweep.sh SWEEP.yaml OUT N [sbatch options for the shards...]
#
# Environment: POVSIM (default: povsim on PATH), POVSIM_FLAGS (extra flags for every shard, e.g.
# "--scale 0.1 --seed 7"). Prints the two job ids (array, merge). The merged sweep lands in
# OUT/merged; the shards in OUT/shard-1 .. OUT/shard-N; Slurm's logs in OUT/logs.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,9p' "$0" >&2
  exit 2
fi
sweep=$(realpath "$1")
out=$(realpath -m "$2")
shards=$3
shift 3
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "submit-sweep.sh: N must be a positive integer, found \"$shards\"" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
povsim=$(command -v "${POVSIM:-povsim}") || { echo "submit-sweep.sh: povsim not found (set POVSIM)" >&2; exit 2; }
mkdir -p "$out/logs"
export POVSIM=$povsim SWEEP=$sweep OUT=$out SHARDS=$shards POVSIM_FLAGS=${POVSIM_FLAGS:-}
array=$(sbatch --parsable --export=ALL --array="1-$shards" --chdir="$out/logs" \
  --output="$out/logs/shard-%a.out" "$@" "$here/sweep-shard.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --export=ALL --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --chdir="$out/logs" --output="$out/logs/merge.out" "$here/sweep-merge.sbatch")
merge=${merge%%;*}
echo "$array $merge"
