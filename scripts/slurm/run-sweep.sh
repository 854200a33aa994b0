#!/usr/bin/env bash
# Runs one sweep on a Slurm cluster: the shards as a job array, then the report.
#
#   CIFAR_JAR=/shared/cifar.jar CIFAR_DATA=/shared/cifar10 CIFAR_SWEEP_DIR=/shared/runs/study \
#     scripts/slurm/run-sweep.sh [SWEEP_FILE] [sbatch options for the array, e.g. --array=0-7]
#
# CIFAR_SWEEP_DIR must be on a file system that every node sees (NFS, Lustre, GPFS, ...).
# Extra sweep options go in CIFAR_SWEEP_ARGS, e.g. CIFAR_SWEEP_ARGS="--repeats 3".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export SWEEP_FILE="$(realpath "${1:-hyperparams/study.yaml}")"
shift || true
: "${CIFAR_JAR:?set CIFAR_JAR}" "${CIFAR_DATA:?set CIFAR_DATA}" "${CIFAR_SWEEP_DIR:?set CIFAR_SWEEP_DIR}"

array_id="$(sbatch --parsable --export=ALL "$@" "$here/sweep.sbatch")"
report_id="$(sbatch --parsable --export=ALL --dependency="afterany:${array_id}" "$here/report.sbatch")"
echo "submitted shards as job array ${array_id}, report as job ${report_id}"
echo "results: ${CIFAR_SWEEP_DIR}/results.md once job ${report_id} has run"
