#!/usr/bin/env bash
# Runs a sweep on a real Slurm cluster: a one-node cluster on localhost (Debian's slurmctld,
# slurmd and munge, installed with apt when missing), started from its own slurm.conf in a
# temporary folder and stopped again on exit. The sweep goes through run-sweep.sh as
# docs/SWEEPS.md tells users, on a cluster without a default partition (so the report job only
# runs when the partition option reaches it too). Checks:
#   - from the wrong directory run-sweep.sh refuses a relative sweep file and submits nothing;
#     a partial --array without CIFAR_SHARDS is refused;
#   - a 2-task array and the report job finish; every run of the sweep has one record; each
#     task trained exactly the runs that `sweep --dry-run --shard I/N` lists for its shard; the
#     merged report counts every record;
#   - a second sweep with one task cancelled (scancel) after its first run: resubmitting that
#     task alone (CIFAR_SHARDS=2 --array=1) keeps its shard and trains only the missing runs,
#     leaving the records already there untouched.
#
#   scripts/slurm/cluster-test.sh        # as root; needs target/cifar.jar and CIFAR-10
#
# CIFAR_DATA (or CIFAR_DATA_DIR) names the data, CIFAR_JAR the jar (default target/cifar.jar).
# CLUSTER_TEST_KEEP=1 keeps the temporary folder (logs, sweep directories); CLUSTER_TEST_TIMEOUT
# (seconds, default 900) bounds the whole test. The sweeps are smoke-sized.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$(realpath -e "${CIFAR_JAR:-$repo/target/cifar.jar}")"
data="${CIFAR_DATA:-${CIFAR_DATA_DIR:?set CIFAR_DATA to the directory with CIFAR-10}}"
timeout_s="${CLUSTER_TEST_TIMEOUT:-900}"
started=$SECONDS

say() { echo "cluster-test: $*"; }
fail() {
  echo "cluster-test: FAILED: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "run as root (slurmd starts the jobs; apt installs the daemons)"
missing=()
for tool in slurmctld:slurmctld slurmd:slurmd munged:munge jq:jq; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

work="$(mktemp -d /tmp/cifar-slurm-test.XXXXXX)"
pids=()
stop() {
  local rc=$? jobs deadline
  # The jobs first, so that no training outlives the cluster.
  jobs="$(squeue -h -o %A 2>/dev/null | sort -u || true)"
  if [ -n "$jobs" ]; then
    scancel $jobs 2>/dev/null || true
    deadline=$((SECONDS + 30))
    while [ -n "$(squeue -h -o %A 2>/dev/null)" ] && [ $SECONDS -lt $deadline ]; do sleep 1; done
  fi
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$rc" -ne 0 ]; then
    for log in "$work"/slurmctld.log "$work"/slurmd.log "$work"/logs/*.out; do
      [ -f "$log" ] && { echo "--- $log (last lines)"; tail -n 20 "$log"; }
    done
  fi
  if [ -n "${CLUSTER_TEST_KEEP:-}" ]; then echo "cluster-test: kept $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap stop EXIT

# A free TCP port on localhost.
free_port() {
  local port
  for port in $(shuf -i 20000-29999 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "no free port"
}

# --- munge, with its own key and socket ------------------------------------------------------
mkdir -p "$work/munge" "$work/ctld" "$work/spool" "$work/logs" "$work/runs"
chmod 755 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --foreground --force --key-file="$work/munge/munge.key" \
  --socket="$work/munge/munge.socket" --pid-file="$work/munge/munged.pid" \
  --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed" \
  >"$work/munge/munged.stdout" 2>&1 &
pids+=($!)

# --- slurm.conf: one node, this machine; no cgroups, no accounting, no default partition ----
node_line="$(slurmd -C | head -n 1)"
node="$(sed -E 's/^NodeName=([^ ]+).*/\1/' <<<"$node_line")"
[ "$node" = "$(hostname -s)" ] || fail "slurmd -C names node '$node', not $(hostname -s)"
cat >"$work/slurm.conf" <<CONF
ClusterName=cifartest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$work/ctld
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=3600
KillWait=10
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=cifartest Nodes=$node Default=NO MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -D -i -f "$SLURM_CONF" >"$work/slurmctld.stdout" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$work/slurmd.stdout" 2>&1 &
pids+=($!)

deadline=$((SECONDS + 60))
until sinfo -h -N -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; do
  [ $SECONDS -lt $deadline ] || fail "the node did not come up: $(sinfo -N 2>&1 | tail -n 1)"
  sleep 1
done
say "cluster up: $(sinfo -h -N -o '%N %c CPUs %T')"

# --- helpers -----------------------------------------------------------------------------------
sweep_file=hyperparams/smoke.yaml
sbatch_opts=(--partition=cifartest --chdir="$work/logs" --cpus-per-task=1 --mem=1G)

# Runs run-sweep.sh from the project directory, as docs/SWEEPS.md shows; prints its output and
# sets array_id and report_id from it.
submit() {
  local dir="$1" out
  shift
  out="$(cd "$repo" && CIFAR_JAR="$jar" CIFAR_DATA="$data" CIFAR_SWEEP_DIR="$dir" \
    scripts/slurm/run-sweep.sh "$@")" || fail "run-sweep.sh $* failed: $out"
  echo "$out"
  array_id="$(sed -nE 's/.*job array ([0-9]+).*/\1/p' <<<"$out")"
  report_id="$(sed -nE 's/.*report as job ([0-9]+).*/\1/p' <<<"$out")"
  [ -n "$array_id" ] && [ -n "$report_id" ] || fail "no job ids in: $out"
}

# Waits until none of the given jobs is queued or running.
wait_jobs() {
  local deadline=$((started + timeout_s))
  while [ -n "$(squeue -h -j "$(
    IFS=,
    echo "$*"
  )" -o %i 2>/dev/null)" ]; do
    [ $SECONDS -lt $deadline ] || fail "jobs $* still queued or running after ${timeout_s}s: $(squeue)"
    sleep 2
  done
}

# "STATE EXIT" of one job or array task, e.g. "COMPLETED 0:0".
job_state() {
  scontrol -o show job "$1" | sed -nE 's/.*JobState=([A-Z_]+).* ExitCode=([0-9:]+).*/\1 \2/p' | head -n 1
}

expect_state() {
  local state
  state="$(job_state "$1")"
  [[ "$state" == "$2"* ]] || fail "job $1 is '$state', expected $2"
}

# The run ids that the sweep's dry run lists (for a shard when one is given).
planned_ids() {
  local dir="$1"
  shift
  # shellcheck disable=SC2086 # CIFAR_SWEEP_ARGS is a list of options, as sweep.sbatch uses it
  (cd "$repo" && java -jar "$jar" sweep "$sweep_file" --dry-run --out "$dir" --data-dir "$data" \
    ${CIFAR_SWEEP_ARGS:-} "$@") | { grep -oE '^[0-9a-f]{12} ' || true; } | tr -d ' ' | sort
}

# The run ids that an array task's log says it trained ("[k/n] ID name ...").
trained_ids() {
  sed -nE 's/^\[[0-9]+\/[0-9]+\] ([0-9a-f]{12}) .*/\1/p' "$1" | sort
}

recorded_ids() {
  find "$1/records" -name '*.json' -printf '%f\n' 2>/dev/null | sed 's/\.json$//' | sort
}

same() {
  [ "$2" = "$3" ] || fail "$1: expected [$(echo $2)], got [$(echo $3)]"
}

# Checks the merged report: records.json holds every planned run once, results.md counts them.
check_report() {
  local dir="$1" planned="$2" merged count
  merged="$(jq -r '.records[].id' "$dir/records.json" | sort)"
  same "records.json of $dir" "$planned" "$merged"
  [ -z "$(uniq -d <<<"$merged")" ] || fail "records.json of $dir repeats $(uniq -d <<<"$merged")"
  count="$(wc -l <<<"$planned")"
  grep -qx "<!-- records: $count -->" "$dir/results.md" \
    || fail "$dir/results.md does not count $count records: $(tail -n 1 "$dir/results.md")"
  ! grep -q 'Missing runs' "$dir/results.md" || fail "$dir/results.md lists missing runs"
}

# --- the traps run-sweep.sh must refuse, before anything is submitted --------------------------
if out="$(cd "$work" && CIFAR_JAR="$jar" CIFAR_DATA="$data" CIFAR_SWEEP_DIR="$work/runs/x" \
  "$repo/scripts/slurm/run-sweep.sh" "$sweep_file" "${sbatch_opts[@]}" 2>&1)"; then
  fail "run-sweep.sh from the wrong directory submitted: $out"
fi
grep -q "sweep file not found: $sweep_file" <<<"$out" || fail "unclear message: $out"
if out="$(cd "$repo" && CIFAR_JAR="$jar" CIFAR_DATA="$data" CIFAR_SWEEP_DIR="$work/runs/x" \
  scripts/slurm/run-sweep.sh "$sweep_file" --array=1 "${sbatch_opts[@]}" 2>&1)"; then
  fail "run-sweep.sh --array=1 without CIFAR_SHARDS submitted: $out"
fi
grep -q "CIFAR_SHARDS" <<<"$out" || fail "unclear message: $out"
[ -z "$(squeue -h -o %i)" ] || fail "jobs were submitted: $(squeue)"
say "refused: a sweep file not found and a partial array without CIFAR_SHARDS"

# --- 1: a 2-task array and the report ------------------------------------------------------------
dir="$work/runs/smoke"
submit "$dir" "$sweep_file" --array=0-1 "${sbatch_opts[@]}"
wait_jobs "$array_id" "$report_id"
for task in 0 1; do expect_state "${array_id}_$task" COMPLETED; done
expect_state "$report_id" COMPLETED
planned="$(planned_ids "$dir")"
same "records in $dir" "$planned" "$(recorded_ids "$dir")"
for shard in 1 2; do
  log="$work/logs/cifar-sweep-${array_id}_$((shard - 1)).out"
  grep -q "in shard $shard/2 " "$log" || fail "task $((shard - 1)) did not run shard $shard/2: $(head -n 1 "$log")"
  same "runs of task $((shard - 1))" "$(planned_ids "$dir" --shard "$shard/2")" "$(trained_ids "$log")"
done
check_report "$dir" "$planned"
say "1: tasks ${array_id}_0 and ${array_id}_1 trained shards 1/2 and 2/2 as the dry run lists;" \
  "report job $report_id merged $(wc -l <<<"$planned") records"

# --- 2: a task cancelled mid-run, then resubmitted alone -------------------------------------------
# Runs long enough (a few seconds each) to cancel the second task while it trains its second run.
export CIFAR_SWEEP_ARGS="--train-limit 10000 --test-limit 500"
dir="$work/runs/smoke-cancel"
submit "$dir" "$sweep_file" --array=0-1 "${sbatch_opts[@]}"
shard2="$(planned_ids "$dir" --shard 2/2)"
log="$work/logs/cifar-sweep-${array_id}_1.out"
deadline=$((started + timeout_s))
until [ -f "$log" ] && [ -n "$(trained_ids "$log")" ]; do
  [ $SECONDS -lt $deadline ] || fail "task ${array_id}_1 trained nothing in time"
  [ "$(job_state "${array_id}_1" | cut -d' ' -f1)" != COMPLETED ] || fail "task 1 finished before it could be cancelled"
  sleep 0.5
done
sleep 2 # into the next run's training
scancel "${array_id}_1"
wait_jobs "$array_id" "$report_id"
expect_state "${array_id}_0" COMPLETED
expect_state "${array_id}_1" CANCELLED
expect_state "$report_id" COMPLETED
before="$(recorded_ids "$dir")"
missing="$(comm -23 <(echo "$shard2") <(echo "$before"))"
[ -n "$missing" ] || fail "the cancelled task had recorded all its runs"
grep -q 'Missing runs' "$dir/results.md" || fail "the report after the cancel lists no missing runs"
sums="$(cd "$dir/records" && sha256sum ./*.json)"
say "2: cancelled task ${array_id}_1 after $(trained_ids "$log" | wc -l) run(s);" \
  "$(wc -l <<<"$missing") of its $(wc -l <<<"$shard2") runs missing"

CIFAR_SHARDS=2 submit "$dir" "$sweep_file" --array=1 "${sbatch_opts[@]}"
wait_jobs "$array_id" "$report_id"
expect_state "${array_id}_1" COMPLETED
expect_state "$report_id" COMPLETED
log="$work/logs/cifar-sweep-${array_id}_1.out"
grep -q "in shard 2/2 " "$log" || fail "the resubmitted task did not run shard 2/2: $(head -n 1 "$log")"
same "runs trained by the resubmitted task" "$missing" "$(trained_ids "$log")"
say "2: $(grep -m 1 '^sweep ' "$log")"
(cd "$dir/records" && sha256sum --quiet -c - <<<"$sums") || fail "records already there changed"
planned="$(planned_ids "$dir")"
same "records in $dir" "$planned" "$(recorded_ids "$dir")"
check_report "$dir" "$planned"
say "2: resubmitted task ${array_id}_1 kept shard 2/2 and trained only the $(wc -l <<<"$missing")" \
  "missing run(s); report job $report_id merged $(wc -l <<<"$planned") records"

say "passed in $((SECONDS - started)) s"
