#!/usr/bin/env bash
# Times vugrad (see docs/BENCHMARKS.md, section "vugrad"):
#   1. one epoch of the synthetic task (hidden 8, batch 128): the training pass over the 60,000
#      training rows (469 batches) plus the validation pass over the 10,000 validation rows, as
#      numpy vugrad's train_mlp.py runs an epoch; and the training pass alone; and
#   2. forward + backward of one batch of 128 through a 784 -> 3136 -> 10 MLP on random data.
# The timing happens inside one JVM after a warm-up of 60 repeats (median of the next 15); this script
# builds the jar if needed and prints the results with the date, the machine and the command.
# Usage: scripts/bench-vugrad.sh [--repeats N] [--warmup N]
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/cifar.jar
if [[ ! -f "$jar" ]] || [[ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]]; then
  echo "building $jar ..." >&2
  mvn -B -q package -DskipTests
fi

cmd=(java -jar "$jar" vugrad bench "$@")
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:    $(java -version 2>&1 | head -1)"
echo "command: ${cmd[*]}"
"${cmd[@]}"
echo "reference: numpy vugrad, about 0.24 s per synthetic epoch on these machines; the target is 20x faster (<= 12 ms)"
