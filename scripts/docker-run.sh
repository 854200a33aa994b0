#!/usr/bin/env bash
# Shared body of docker-cpu.sh and docker-gpu.sh: build one target of the Dockerfile, then run
# `sweep` in it with the data and runs directories mounted. Call those two scripts instead.
set -euo pipefail

target=${1:?usage: docker-run.sh cpu|gpu [sweep options...]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)

usage() {
  cat <<USAGE
usage: scripts/docker-${target}.sh [sweep options...]

Builds the '${target}' image from the Dockerfile and runs
  cifar sweep --data-dir /data --device ${device} --out /runs/\$SWEEP_NAME [sweep options...]
with DATA_DIR mounted read-only at /data and RUNS_DIR at /runs (created if missing). Files
in RUNS_DIR belong to you: the container runs with your user and group ids.

Environment (defaults in brackets):
  IMAGE        image name to build and run              [cifar:${target}]
  DATA_DIR     dir holding cifar-10-batches-bin/          [./data]
  RUNS_DIR     where sweeps are written                   [./runs]
  SWEEP_NAME   sweep directory inside RUNS_DIR            [study]
  HYPERPARAMS  dir of sweep files, mounted at /hyperparams [./hyperparams, if it exists]
  BUILD        1 = docker build first, 0 = use IMAGE as is [1]
  DOCKER       docker command                            [docker]
USAGE
  if [ "$target" = gpu ]; then
    cat <<USAGE
  GPUS         value of docker run --gpus                [all]
Needs an NVIDIA driver for CUDA 12.8 (>= 570) and the NVIDIA Container Toolkit.
USAGE
  fi
  cat <<USAGE

Example: DATA_DIR=~/cifar RUNS_DIR=~/runs scripts/docker-${target}.sh --repeats 3 --parallel 2
USAGE
}

case "$target" in
  cpu) device=cpu; gpu_flags=() ;;
  gpu) device=gpu; gpu_flags=(--gpus "${GPUS:-all}") ;;
  *) echo "docker-run.sh: unknown target '$target' (cpu or gpu)" >&2; exit 2 ;;
esac
if [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then usage; exit 0; fi

docker=${DOCKER:-docker}
image=${IMAGE:-cifar:$target}
data_dir=${DATA_DIR:-$PWD/data}
runs_dir=${RUNS_DIR:-$PWD/runs}
sweep_name=${SWEEP_NAME:-study}
hyperparams=${HYPERPARAMS:-$root/hyperparams}

if [ ! -f "$data_dir/cifar-10-batches-bin/test_batch.bin" ]; then
  echo "no CIFAR-10 binary files in $data_dir/cifar-10-batches-bin (set DATA_DIR)" >&2
  exit 2
fi
mkdir -p "$runs_dir"
mounts=(-v "$(cd "$data_dir" && pwd):/data:ro" -v "$(cd "$runs_dir" && pwd):/runs")
if [ -d "$hyperparams" ]; then
  mounts+=(-v "$(cd "$hyperparams" && pwd):/hyperparams:ro")
fi

if [ "${BUILD:-1}" = 1 ]; then
  (set -x; "$docker" build --target "$target" -t "$image" "$root")
fi
user="$(id -u):$(id -g)"
set -x
exec "$docker" run --rm ${gpu_flags[@]+"${gpu_flags[@]}"} --user "$user" "${mounts[@]}" "$image" \
  sweep --data-dir /data --device "$device" --out "/runs/$sweep_name" "$@"
