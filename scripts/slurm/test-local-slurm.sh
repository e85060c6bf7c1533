#!/usr/bin/env bash
# End-to-end test of the Slurm scripts on a real, single-node Slurm started here: writes a
# slurm.conf for this machine (all its CPUs, SlurmUser root, auth/none — or munge with
# POVSIM_SLURM_AUTH=munge), starts slurmctld and slurmd (and munged) in the foreground in a fresh
# temporary directory on free ports, submits SWEEP as a job array of SHARDS shards plus the
# dependent merge job (submit-sweep.sh), waits for them, checks that the merged sweep equals the
# unsharded sweep byte for byte (manifest.json: all but the fields describing the call), and stops
# the daemons it started — also when anything fails. Needs root (slurmd runs the jobs) and Debian's
# slurm-wlm; no systemd.
#
#   scripts/slurm/test-local-slurm.sh POVSIM_BINARY SWEEP.yaml [SHARDS=3]
#
# Exit 0 pass, 1 fail, 77 skipped (no slurm-wlm or not root).
set -euo pipefail
povsim=$(realpath "$1")
sweep=$(realpath "$2")
shards=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
auth=${POVSIM_SLURM_AUTH:-none}

for tool in slurmctld slurmd sbatch squeue scontrol jq; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed (scripts/install-deps.sh)"; exit 77; }
done
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root to run slurmd"; exit 77; }

tmp=$(mktemp -d /tmp/povsim-slurm.XXXXXX)
pids=()
jobs_submitted=""
cleanup() {
  local rc=$?
  # Cancel our jobs first (their steps would outlive slurmd), then stop only the daemons started
  # here, by their pids.
  if [ -n "$jobs_submitted" ]; then
    scancel "$jobs_submitted" 2>/dev/null || true
    for _ in $(seq 50); do
      [ -z "$(squeue -h -j "$jobs_submitted" 2>/dev/null || true)" ] && break
      sleep 0.2
    done
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ $rc -ne 0 ]; then
    echo "--- slurmctld.log (tail)"; tail -n 30 "$tmp/slurmctld.log" 2>/dev/null || true
    echo "--- slurmd.log (tail)"; tail -n 30 "$tmp/slurmd.log" 2>/dev/null || true
    for f in "$tmp"/out/logs/*.out; do [ -f "$f" ] && { echo "--- $f"; tail -n 20 "$f"; }; done
  fi
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Three free TCP ports (slurmctld, slurmd, srun) chosen at random and probed.
free_port() {
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo "no free port" >&2
  return 1
}
ctld_port=$(free_port)
slurmd_port=$(free_port)
while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port=$(free_port); done
node=$(hostname -s)
cpus=$(nproc)
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/out"

auth_lines="AuthType=auth/none
CredType=cred/none"
if [ "$auth" = munge ]; then
  command -v munged >/dev/null || { echo "SKIP: munged not installed"; exit 77; }
  mkdir -p "$tmp/munge"
  chmod 700 "$tmp/munge"
  dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$tmp/munge/munge.key"
  munged --foreground --force --key-file="$tmp/munge/munge.key" \
    --socket="$tmp/munge/munge.socket" --pid-file="$tmp/munge/munged.pid" \
    --log-file="$tmp/munge/munged.log" --seed-file="$tmp/munge/munged.seed" \
    >"$tmp/munge/munged.stdout" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do [ -S "$tmp/munge/munge.socket" ] && break; sleep 0.1; done
  auth_lines="AuthType=auth/munge
AuthInfo=socket=$tmp/munge/munge.socket
CredType=cred/munge"
fi

cat >"$tmp/slurm.conf" <<EOF
ClusterName=povsim-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
$auth_lines
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
PlugStackConfig=$tmp/plugstack.conf
ProctrackType=proctrack/pgid
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
: >"$tmp/plugstack.conf"
export SLURM_CONF=$tmp/slurm.conf

slurmctld -D -i -f "$SLURM_CONF" >"$tmp/slurmctld.stdout" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$node" >"$tmp/slurmd.stdout" 2>&1 &
pids+=($!)

# Wait (up to 60 s) for the node to be ready to take jobs.
ready=0
for _ in $(seq 120); do
  state=$(sinfo -h -N -o '%t' 2>/dev/null | head -n1 || true)
  case "$state" in idle | mix | alloc) ready=1; break ;; esac
  sleep 0.5
done
[ $ready -eq 1 ] || { echo "FAIL: the Slurm node did not come up (state: ${state:-none})"; exit 1; }
echo "slurm up: node $node, $cpus CPUs, ports $ctld_port/$slurmd_port, auth/$auth"

# The reference: the same sweep, unsharded, outside Slurm.
"$povsim" sweep "$sweep" --out "$tmp/whole" --threads 1 >/dev/null

read -r array merge < <(POVSIM=$povsim "$here/submit-sweep.sh" "$sweep" "$tmp/out" "$shards")
jobs_submitted="$array,$merge"
echo "submitted array job $array (shards 1-$shards) and merge job $merge"

# Wait (up to 240 s) until both jobs have left the queue.
for _ in $(seq 480); do
  [ -z "$(squeue -h -j "$array,$merge" 2>/dev/null || true)" ] && break
  sleep 0.5
done
[ -z "$(squeue -h -j "$array,$merge" 2>/dev/null || true)" ] || { echo "FAIL: jobs still queued"; squeue; exit 1; }
merge_state=$(scontrol show job "$merge" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -n1)
echo "merge job: $merge_state"
[ "$merge_state" = JobState=COMPLETED ] || { echo "FAIL: merge job not completed"; exit 1; }
for ((i = 1; i <= shards; i++)); do
  [ -f "$tmp/out/shard-$i/shard.json" ] || { echo "FAIL: shard $i wrote no shard.json"; exit 1; }
done

# Byte-identical to the unsharded sweep; the manifest but for the call's own fields.
status=0
for f in "$tmp"/whole/*; do
  name=$(basename "$f")
  if [ "$name" = manifest.json ]; then
    filter='del(.command_line, .threads, .resumed_points, .wall_seconds_this_call)'
    if ! cmp -s <(jq -S "$filter" "$f") <(jq -S "$filter" "$tmp/out/merged/$name"); then
      echo "FAIL: $name differs beyond the call's fields"; status=1
    fi
  elif ! cmp -s "$f" "$tmp/out/merged/$name"; then
    echo "FAIL: $name differs from the unsharded sweep"; status=1
  else
    echo "same: $name"
  fi
done
[ "$(ls "$tmp/whole" | wc -l)" = "$(ls "$tmp/out/merged" | wc -l)" ] || { echo "FAIL: file sets differ"; status=1; }
[ $status -eq 0 ] && echo "PASS: Slurm job array of $shards shards + merge equals the unsharded sweep"
exit $status
