#!/usr/bin/env bash
# Runs one sweep on Kubernetes: the shards as an Indexed Job, then the report step.
#
#   scripts/k8s/run-sweep.sh [SWEEP_FILE]      # default hyperparams/study.yaml
#
# Uses the current kubectl context and namespace. Expects the volumes of volumes.yaml (with the
# data in cifar-data) and the image named in sweep-job.yaml. The table ends up in the cifar-runs
# volume under study/ and is printed at the end.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sweep_file="${1:-hyperparams/study.yaml}"

kubectl create configmap cifar-sweep --from-file=sweep.yaml="$sweep_file" \
  --dry-run=client -o yaml | kubectl apply -f -
# A finished Job cannot be changed; delete the old one (its records stay in the volume).
kubectl delete job cifar-sweep cifar-sweep-report --ignore-not-found
kubectl apply -f "$here/sweep-job.yaml"

# Wait until the Job completes or fails (a failed shard still leaves its records behind).
while true; do
  state="$(kubectl get job cifar-sweep -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}')"
  case "$state" in
    *Complete*) echo "sweep: all shards finished"; break ;;
    *Failed*) echo "sweep: some shards failed; reporting what there is" >&2; break ;;
  esac
  sleep 30
done

kubectl apply -f "$here/report-job.yaml"
kubectl wait --for=condition=complete job/cifar-sweep-report --timeout=15m
kubectl logs job/cifar-sweep-report
