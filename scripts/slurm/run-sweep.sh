#!/usr/bin/env bash
# Runs one sweep on a Slurm cluster: the shards as a job array, then the report.
#
#   CIFAR_JAR=/shared/cifar.jar CIFAR_DATA=/shared/cifar10 CIFAR_SWEEP_DIR=/shared/runs/study \
#     scripts/slurm/run-sweep.sh [SWEEP_FILE] [sbatch options]
#
# SWEEP_FILE defaults to the project's hyperparams/study.yaml. CIFAR_SWEEP_DIR must be on a file
# system that every node sees (NFS, Lustre, GPFS, ...). Extra sweep options go in
# CIFAR_SWEEP_ARGS, e.g. CIFAR_SWEEP_ARGS="--repeats 3".
#
# Shards: the sweep has CIFAR_SHARDS shards (default 4) and array task i trains shard i+1 of
# them, whichever tasks are submitted. --array=0-7 alone means 8 shards; to resubmit part of a
# sweep, name its shard count: CIFAR_SHARDS=8 ... --array=3 trains shard 4 of 8 again.
#
# Every sbatch option given (--partition, --account, --qos, --chdir, ...) goes to both the
# array and the report job, except --array, which only the array gets.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

die() {
  echo "run-sweep.sh: $*" >&2
  exit 2
}

sweep_file="$here/../../hyperparams/study.yaml"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  sweep_file="$1"
  shift
fi
[ -f "$sweep_file" ] || die "sweep file not found: $sweep_file (from $(pwd)); give its path"
SWEEP_FILE="$(realpath -e "$sweep_file")" || die "cannot resolve sweep file $sweep_file"
export SWEEP_FILE
: "${CIFAR_JAR:?set CIFAR_JAR}" "${CIFAR_DATA:?set CIFAR_DATA}" "${CIFAR_SWEEP_DIR:?set CIFAR_SWEEP_DIR}"
[ -f "$CIFAR_JAR" ] || die "CIFAR_JAR=$CIFAR_JAR is not a file"
CIFAR_JAR="$(realpath -e "$CIFAR_JAR")" || die "cannot resolve CIFAR_JAR=$CIFAR_JAR"
export CIFAR_JAR

# Splits the options: --array (-a) for the array only, everything else for both jobs.
array=""
common=()
while [ $# -gt 0 ]; do
  case "$1" in
    --array=*) array="${1#--array=}" ;;
    --array | -a) [ $# -ge 2 ] || die "$1 needs a value"; array="$2"; shift ;;
    -a?*) array="${1#-a}" ;;
    *) common+=("$1") ;;
  esac
  shift
done

# The array ids as a list, e.g. "0-3,6%2" -> 0 1 2 3 6 (steps "0-7:2" included).
array_ids() {
  local spec="${1%%\%*}" item first last step
  local IFS=,
  for item in $spec; do
    [[ "$item" =~ ^([0-9]+)(-([0-9]+)(:([0-9]+))?)?$ ]] || die "--array=$1: not an array of task ids"
    first="${BASH_REMATCH[1]}"
    last="${BASH_REMATCH[3]:-$first}"
    step="${BASH_REMATCH[5]:-1}"
    seq "$first" "$step" "$last"
  done
}

# The shard count is never taken from the submitted array's size: a task resubmitted alone
# (--array=3) must train the shard it had, not the whole sweep as shard 1/1.
if [ -n "${CIFAR_SHARDS:-}" ]; then
  [[ "$CIFAR_SHARDS" =~ ^[1-9][0-9]*$ ]] || die "CIFAR_SHARDS=$CIFAR_SHARDS is not a number of shards"
  array="${array:-0-$((CIFAR_SHARDS - 1))}"
elif [ -z "$array" ]; then
  CIFAR_SHARDS=4
  array="0-3"
elif [[ "$array" =~ ^0-([0-9]+)(%[0-9]+)?$ ]]; then
  CIFAR_SHARDS=$((BASH_REMATCH[1] + 1))
else
  die "--array=$array is not the whole sweep (0-N): set CIFAR_SHARDS to the sweep's number of" \
    "shards, e.g. CIFAR_SHARDS=4, so that each task keeps its shard"
fi
ids="$(array_ids "$array")" || exit 2
for id in $ids; do
  [ "$id" -lt "$CIFAR_SHARDS" ] || die "--array=$array: task $id has no shard: the sweep has" \
    "$CIFAR_SHARDS shards (CIFAR_SHARDS), tasks 0-$((CIFAR_SHARDS - 1))"
done
export CIFAR_SHARDS

array_id="$(sbatch --parsable --export=ALL "${common[@]}" --array="$array" "$here/sweep.sbatch")"
array_id="${array_id%%;*}"
report_id="$(sbatch --parsable --export=ALL "${common[@]}" --dependency="afterany:${array_id}" \
  "$here/report.sbatch")"
report_id="${report_id%%;*}"
echo "submitted shards as job array ${array_id} (tasks ${array} of ${CIFAR_SHARDS} shards)," \
  "report as job ${report_id}"
echo "results: ${CIFAR_SWEEP_DIR}/results.md once job ${report_id} has run"
