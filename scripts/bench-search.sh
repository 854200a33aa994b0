#!/usr/bin/env bash
# Issue 20's target: ASHA on hyperparams/search.yaml for 20 minutes of wall time, random search
# on the same trials for the same 20 minutes, then both winners retrained with three seeds
# against the study's best config, conv-20-25, in one table (Welch's interval and p, Holm's
# correction over the two comparisons). Prints each step's wall time and the tables, ready for
# docs/BENCHMARKS.md ("Search").
#
# usage: scripts/bench-search.sh [asha|random|retrain|all]      (default all: about 55-60 min)
# Environment (defaults in brackets):
#   DATA_DIR     CIFAR-10 binary files (DIR/cifar-10-batches-bin/ or DIR)      [/work/data]
#   OUT          where the three sweep directories go                          [runs]
#   MINUTES      the wall-time budget of each search (sweep --time-limit)      [20]
#   CIFAR        the command that runs cifar.jar                  [<repo>/scripts/cifar]
#   EXTRA        more sweep options for all three steps, e.g. "--train-limit 2000 --test-limit
#                1000" for a quick try (it changes the run ids: never mixed with real runs) []
# Each step resumes where it stopped when run again (kill -9 included); a finished one is a no-op.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
data_dir=${DATA_DIR:-/work/data}
out=${OUT:-runs}
minutes=${MINUTES:-20}
cifar=${CIFAR:-$root/scripts/cifar}
read -r -a extra <<< "${EXTRA:-}"
step=${1:-all}

timed() {
  local name=$1
  shift
  echo "== $name: $*"
  local start
  start=$(date +%s)
  "$@"
  echo "== $name took $(( $(date +%s) - start )) s"
}

asha() {
  timed asha "$cifar" sweep "$root/hyperparams/search.yaml" --data-dir "$data_dir" \
    --out "$out/search" --time-limit "$minutes" "${extra[@]}"
}

random() {
  timed random "$cifar" sweep "$root/hyperparams/search.yaml" --method random \
    --data-dir "$data_dir" --out "$out/search-random" --time-limit "$minutes" "${extra[@]}"
}

retrain() {
  timed retrain "$cifar" sweep "$out/search/best.yaml" "$out/search-random/best.yaml" \
    --repeats 3 --data-dir "$data_dir" --out "$out/search-retrain" "${extra[@]}"
}

echo "== $(date -u +%FT%TZ) on $(hostname): $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown commit)"
case "$step" in
  asha) asha ;;
  random) random ;;
  retrain) retrain ;;
  all) asha; random; retrain ;;
  *) echo "usage: $0 [asha|random|retrain|all]" >&2; exit 2 ;;
esac
