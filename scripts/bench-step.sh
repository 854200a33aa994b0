#!/usr/bin/env bash
# Times the batch-4 training step with the forward pass through DJL's Block.forward ("block")
# against one libtorch call per layer ("direct", what `train` uses), in one process, taking turns
# every 100 steps so that the machine's slow and fast stretches hit both alike (see
# docs/BENCHMARKS.md). Both train the baseline from seed 1 on the same images and must print the
# same loss. Runs through scripts/cifar, as users do (tcmalloc when installed).
#
# usage: scripts/bench-step.sh [--images N] [--epochs N] [--chunk STEPS]   (defaults 20000, 2, 100)
# Environment: DATA_DIR (holds cifar-10-batches-bin/, prepared from ../shared/cifar10 if missing) [./data]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data_dir=${DATA_DIR:-$PWD/data}
prepare=${PREPARE:-$root/../shared/cifar10/prepare}
jar=$root/target/cifar.jar

if [ ! -f "$data_dir/cifar-10-batches-bin/test_batch.bin" ]; then
  echo "preparing CIFAR-10 in $data_dir with $prepare" >&2
  "$prepare" "$data_dir" >&2
fi
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/src" "$root/pom.xml" -newer "$jar" -print -quit)" ]]; then
  echo "building $jar ..." >&2
  (cd "$root" && mvn -B -q package -DskipTests) >&2
fi

cmd=("$root/scripts/cifar" bench step --data-dir "$data_dir" "$@")
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "command: ${cmd[*]}"
CIFAR_JAR=$jar "${cmd[@]}"
