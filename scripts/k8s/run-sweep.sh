#!/usr/bin/env bash
# Runs one sweep on Kubernetes: the shards as an Indexed Job, then the report step.
#
#   scripts/k8s/run-sweep.sh [SWEEP_FILE]      # default: the project's hyperparams/study.yaml
#
# Uses the current kubectl context and namespace. Expects the volumes of volumes.yaml (with the
# data in cifar-data) and the image named in sweep-job.yaml. Each sweep has its own directory in
# the cifar-runs volume, named after the sweep (its `name:`, else the file's name without
# .yaml): the table ends up in <name>/ there and is printed at the end.
#
# CIFAR_SWEEP_TIMEOUT (seconds, default 86400) bounds the wait for the shards, and
# CIFAR_REPORT_TIMEOUT (default 900) the wait for the report; past either the script stops with a
# message and exit code 124, leaving the Job running.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sweep_file="${1:-$here/../../hyperparams/study.yaml}"
sweep_timeout="${CIFAR_SWEEP_TIMEOUT:-86400}"
report_timeout="${CIFAR_REPORT_TIMEOUT:-900}"
poll="${CIFAR_POLL_SECONDS:-30}"

# die [EXIT_CODE] MESSAGE...: exit code 2 (bad input) unless given.
die() {
  local code=2
  if [[ "$1" =~ ^[0-9]+$ ]]; then
    code="$1"
    shift
  fi
  echo "run-sweep.sh: $*" >&2
  exit "$code"
}

[ -f "$sweep_file" ] || die "sweep file not found: $sweep_file (from $(pwd)); give its path"
for t in "$sweep_timeout" "$report_timeout" "$poll"; do
  [[ "$t" =~ ^[1-9][0-9]*$ ]] || die "timeouts and CIFAR_POLL_SECONDS are whole seconds, not '$t'"
done

# The sweep's name as `cifar sweep` takes it: the top-level `name:`, else the file name without
# its extension. It names the sweep directory, so a second sweep never lands in the first one's.
file="$(basename "$sweep_file")"
name_line="$(grep -m 1 -E '^name:' "$sweep_file" || true)"
if [ -n "$name_line" ]; then
  name="$(sed -E "s/^name:[[:space:]]*//; s/[[:space:]]+#.*$//; s/[[:space:]]*$//;
    s/^\"(.*)\"$/\\1/; s/^'(.*)'$/\\1/" <<<"$name_line")"
else
  name="${file%.*}"
fi
[[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] \
  || die "cannot take a sweep name from $sweep_file ('$name'): give it a plain name: line"
[[ "$file" =~ ^[A-Za-z0-9._-]+$ ]] && [ "$file" != file ] && [ "$file" != name ] \
  || die "rename $sweep_file: a ConfigMap key cannot be '$file'"

# Waits for a Job's Complete or Failed condition; prints which, or stops after $2 seconds.
wait_job() {
  local job="$1" limit="$2" deadline=$((SECONDS + $2)) state
  while true; do
    state="$(kubectl get job "$job" \
      -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}')" \
      || die 1 "cannot read job $job"
    case "$state" in
      *Complete*) echo Complete; return ;;
      *Failed*) echo Failed; return ;;
    esac
    [ $SECONDS -lt $deadline ] || die 124 "job $job has not finished after ${limit} s and keeps" \
      "running (kubectl get pods -l job-name=$job). When it is done, apply" \
      "$here/report-job.yaml for the table; or raise CIFAR_SWEEP_TIMEOUT / CIFAR_REPORT_TIMEOUT"
    sleep "$poll"
  done
}

# A Job still running would lose its pods when replaced below: refuse before touching anything.
active="$(kubectl get job cifar-sweep --ignore-not-found -o jsonpath='{.status.active}')"
if [ -n "$active" ] && [ "$active" != 0 ]; then
  die "job cifar-sweep is still running ($active pods); wait for it or delete it first"
fi

kubectl create configmap cifar-sweep --from-file="$file=$sweep_file" \
  --from-literal=file="$file" --from-literal=name="$name" \
  --dry-run=client -o yaml | kubectl apply -f -
# A finished Job cannot be changed; delete the old one (its records stay in the volume).
kubectl delete job cifar-sweep cifar-sweep-report --ignore-not-found
kubectl apply -f "$here/sweep-job.yaml"

# A failed shard still leaves its records behind, so the report runs after a failure, unless a
# shard rejected its input (exit code 2): then the table would not be this sweep's.
state="$(wait_job cifar-sweep "$sweep_timeout")"
if [ "$state" = Complete ]; then
  echo "sweep $name: all shards finished"
else
  codes="$(kubectl get pods -l job-name=cifar-sweep -o \
    jsonpath='{range .items[*]}{.metadata.name}{" "}{.status.containerStatuses[?(@.name=="sweep")].state.terminated.exitCode}{"\n"}{end}')"
  bad="$(awk '$2 == 2 {print $1; exit}' <<<"$codes")"
  if [ -n "$bad" ]; then
    kubectl logs "$bad" -c sweep --tail=20 >&2 || true
    die "sweep $name: pod $bad rejected its input (exit code 2, its log above); no report"
  fi
  echo "sweep $name: some shards failed; reporting what there is" >&2
fi

kubectl apply -f "$here/report-job.yaml"
state="$(wait_job cifar-sweep-report "$report_timeout")"
kubectl logs job/cifar-sweep-report
[ "$state" = Complete ] || die 1 "the report job failed (its log above)"
echo "results: results.md in $name/ of the cifar-runs volume"
