#!/usr/bin/env bash
# Side by side: cifar.jar's `train` against PyTorch's own blitz loop (scripts/bench/blitz.py),
# same data files, batch, seed and thread count, taking turns, at batch 4 and 32. PyTorch's
# side runs two loops (blitz.py --loop): "lean", the training set as one tensor and batches
# sliced from a permutation per epoch, the loop a PyTorch user who cares about speed writes and
# the one to compare against; and "tutorial", the tutorial's DataLoader, reported beside it
# (the only comparator until 2026-12-02). Both sides run on tcmalloc by default: scripts/cifar
# preloads it for the Java side (as `java -jar` preloads its bundled copy), PYTORCH_MALLOC for
# PyTorch's. Prints images/s per round, the medians and the ratio java/pytorch, for each loop:
# of the medians, and per round with its median (a round's runs are close in time, which tames
# the machine's swings). With the date, the machine, the loops, the allocators and the exact
# commands, ready for docs/BENCHMARKS.md.
#
# usage: scripts/bench-train.sh            (from anywhere; full data, 3 rounds: ~15-20 min)
# Environment (defaults in brackets):
#   DATA_DIR     dir for cifar-10-batches-bin/, prepared if missing  [./data]
#   PREPARE      the data preparation script          [<repo>/../shared/cifar10/prepare]
#   ROUNDS       rounds per batch size                               [3]
#   BATCHES      batch sizes                                         ["4 32"]
#   THREADS      threads for both sides                              [2]
#   JAVA_THREADS the Java side's --threads instead; "auto" = its default
#                (1 intra-op thread for batches up to 8, one per core above) [$THREADS]
#   JAVA_MALLOC  the Java side's allocator, as scripts/cifar's CIFAR_MALLOC  [auto]
#   PYTORCH_MALLOC  tcmalloc (LD_PRELOAD of libtcmalloc_minimal.so.4, as the Java side has),
#                or system for glibc's malloc                        [tcmalloc]
#   EPOCHS       epochs per run                                      [1]
#   TRAIN_LIMIT  train on the first N images only (quick checks)     [all]
#   IMPLS        which sides to run: java, and PyTorch's loops lean and tutorial; the
#                ratios are java's against each loop      ["java lean tutorial"]
#   JAVA_OPTS    extra JVM options for the Java side                 []
#   LOCKSTEP_PAIRS  instead of rounds of whole epochs, this many pairs of turns in lockstep
#                (scripts/bench/lockstep.py: blitz.py --lockstep, each loop in IMPLS, against
#                `scripts/cifar bench turns`, the same TURN_IMAGES images each turn, back to back)
#                and the median ratio per pair against each loop     []
#   TURN_IMAGES  images per turn in lockstep                         [2000]
# Quick check: TRAIN_LIMIT=2000 ROUNDS=1 scripts/bench-train.sh
# Lockstep:    LOCKSTEP_PAIRS=30 BATCHES=4 JAVA_THREADS=auto scripts/bench-train.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
data_dir=${DATA_DIR:-$PWD/data}
prepare=${PREPARE:-$root/../shared/cifar10/prepare}
rounds=${ROUNDS:-3}
batches=${BATCHES:-4 32}
threads=${THREADS:-2}
java_threads=${JAVA_THREADS:-$threads}
java_malloc=${JAVA_MALLOC:-auto}
pytorch_malloc=${PYTORCH_MALLOC:-tcmalloc}
epochs=${EPOCHS:-1}
train_limit=${TRAIN_LIMIT:-}
impls=${IMPLS:-java lean tutorial}
jar=$root/target/cifar.jar
py=/usr/bin/python3   # Debian's python, where python3-torch lives (not a pyenv one on PATH)

loops=()   # PyTorch's loops among the sides
for impl in $impls; do
  case "$impl" in
    java) ;;
    lean | tutorial) loops+=("$impl") ;;
    *) echo "IMPLS: '$impl' is not one of java, lean, tutorial" >&2; exit 2 ;;
  esac
done

if [ ! -f "$data_dir/cifar-10-batches-bin/test_batch.bin" ]; then
  echo "preparing CIFAR-10 in $data_dir with $prepare" >&2
  "$prepare" "$data_dir" >&2
fi
if [[ " $impls " == *" java "* ]] && [ ! -f "$jar" ]; then
  echo "building $jar" >&2
  (cd "$root" && mvn -B -q package -DskipTests) >&2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pytorch_env=()   # the PyTorch side's allocator: an LD_PRELOAD, or nothing for glibc's
pytorch_malloc_lib=""
case "$pytorch_malloc" in
  system) ;;
  tcmalloc)
    tc=$(ls /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 2>/dev/null \
      || ldconfig -p | awk '$1 == "libtcmalloc_minimal.so.4" { print $NF; exit }')
    if [ -z "$tc" ]; then echo "PYTORCH_MALLOC=tcmalloc: libtcmalloc-minimal4 is not installed" >&2; exit 2; fi
    pytorch_env=(env "LD_PRELOAD=$tc")
    pytorch_malloc_lib=" ($tc)" ;;
  *) echo "PYTORCH_MALLOC: value '$pytorch_malloc' is not one of system, tcmalloc" >&2; exit 2 ;;
esac
java_thread_args=(--threads "$java_threads")
if [ "$java_threads" = auto ]; then java_thread_args=(); fi

limit_args=()
if [ -n "$train_limit" ]; then limit_args=(--train-limit "$train_limit"); fi

# Each run prints one line "<images/s>" on stdout; its own output goes to stderr.
run_java() { # batch round
  local out="$work/java-b$1-r$2"
  # Through the launcher, as users run it: it preloads tcmalloc when installed (JAVA_MALLOC).
  local cmd=(env "CIFAR_MALLOC=$java_malloc" "CIFAR_JAR=$jar" "$root/scripts/cifar" train
    --data-dir "$data_dir" --epochs "$epochs" --batch-size "$1" ${java_thread_args[@]+"${java_thread_args[@]}"}
    --seed 1 --out "$out" ${limit_args[@]+"${limit_args[@]}"})
  echo "\$ ${cmd[*]}" >&2
  "${cmd[@]}" >&2
  # Images over seconds across the epochs (seconds exclude evaluation, as in blitz.py).
  "$py" -c 'import json, sys
epochs = json.load(open(sys.argv[1]))["epochs"]
images = sum(e["images_per_second"] * e["seconds"] for e in epochs)
print("%.1f" % (images / sum(e["seconds"] for e in epochs)))' "$out/metrics.json"
}

run_pytorch() { # loop batch round
  local cmd=(${pytorch_env[@]+"${pytorch_env[@]}"} "$py" "$root/scripts/bench/blitz.py" --loop "$1" --data-dir "$data_dir"
    --epochs "$epochs" --batch-size "$2" --threads "$threads" --seed 1 ${limit_args[@]+"${limit_args[@]}"})
  echo "\$ ${cmd[*]}" >&2
  "${cmd[@]}" | tee /dev/stderr | sed -n 's/^RESULT .*images_per_s=\([0-9.]*\).*/\1/p'
}

ratio() { # java pytorch: java/pytorch to 2 digits, n/a when either is n/a
  "$py" -c 'import sys
j, p = sys.argv[1:]
print(f"{float(j) / float(p):.2f}" if "n/a" not in (j, p) else "n/a")' "$1" "$2"; }

median() { # digits value...
  "$py" -c 'import statistics, sys; d = int(sys.argv[1]); v = [float(a) for a in sys.argv[2:]]
print(f"{statistics.median(v):.{d}f}" if v else "n/a")' "$@"; }

echo "# bench-train $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
echo "java: $(java -version 2>&1 | head -1); torch: $("$py" -c 'import torch; print(torch.__version__)' 2>/dev/null || echo 'not installed yet')"
echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "settings: epochs=$epochs threads=$threads java_threads=$java_threads rounds=$rounds train_limit=${train_limit:-all} data=$data_dir"
echo "allocators: java $java_malloc ($(CIFAR_JAR=$jar CIFAR_MALLOC=$java_malloc "$root/scripts/cifar" info 2>/dev/null | sed -n 's/^memory allocator: //p')), pytorch $pytorch_malloc$pytorch_malloc_lib"
echo "pytorch loops: ${loops[*]:-none}${loops[*]:+ (blitz.py --loop; the first is the one to compare against)}"
echo

if [ -n "${LOCKSTEP_PAIRS:-}" ]; then
  # Turns of the same images back to back meet the same spell of the machine: the ratio per
  # pair (PyTorch's seconds over ours, i.e. our images/s over PyTorch's) is the one to read.
  # Every round takes a turn of each loop and of ours; each loop gets its ratio against ours.
  if [[ " $impls " != *" java "* ]] || [ ${#loops[@]} -eq 0 ]; then
    echo "LOCKSTEP_PAIRS: IMPLS must hold java and at least one of lean, tutorial" >&2; exit 2
  fi
  turn_images=${TURN_IMAGES:-2000}
  for batch in $batches; do
    references=()
    for loop in "${loops[@]}"; do
      ref="${pytorch_env[*]:+${pytorch_env[*]} }$py $root/scripts/bench/blitz.py --loop $loop --data-dir $data_dir --batch-size $batch --threads $threads --seed 1 --lockstep $turn_images"
      echo "batch $batch, $loop: $ref"
      references+=(--reference "$ref" --name "$loop")
    done
    ours="env CIFAR_MALLOC=$java_malloc CIFAR_JAR=$jar $root/scripts/cifar bench turns --data-dir $data_dir --batch-size $batch ${java_thread_args[*]:+${java_thread_args[*]} }--seed 1 --turn-images $turn_images"
    echo "batch $batch, ours: $ours"
    "$py" "$root/scripts/bench/lockstep.py" --pairs "$LOCKSTEP_PAIRS" "${references[@]}" --ours "$ours" \
      | sed "s/^RESULT /RESULT batch=$batch turn_images=$turn_images /"
  done
  exit 0
fi

summary=()
for batch in $batches; do
  declare -A ips=() ratios=()   # per side: " images/s ..."; per loop: " java/loop per round ..."
  for round in $(seq 1 "$rounds"); do
    declare -A this_round=()
    # Alternate who goes first, so no side always runs on a warmer machine.
    order=$impls
    if (( round % 2 == 0 )); then order=$(echo "$impls" | tr ' ' '\n' | tac | tr '\n' ' '); fi
    for impl in $order; do
      if [ "$impl" = java ]; then run=(run_java); else run=(run_pytorch "$impl"); fi
      if value=$("${run[@]}" "$batch" "$round"); [ -n "$value" ]; then
        echo "batch $batch round $round $impl: $value images/s"
        ips[$impl]+=" $value"
        this_round[$impl]=$value
      else
        echo "batch $batch round $round $impl: FAILED (see the output above)"
      fi
    done
    # The runs of a round are minutes apart at most, so their ratio is less exposed to the
    # machine's slow and fast stretches than the ratio of the medians.
    for loop in ${loops[@]+"${loops[@]}"}; do
      if [ -n "${this_round[java]:-}" ] && [ -n "${this_round[$loop]:-}" ]; then
        ratios[$loop]+=" $(ratio "${this_round[java]}" "${this_round[$loop]}")"
      fi
    done
    unset this_round
  done
  read -r -a java_values <<< "${ips[java]:-}"
  java_median=$(median 1 ${java_values[@]+"${java_values[@]}"})
  # One row per PyTorch loop, java's figures repeated in each ("none" when only java ran).
  for loop in "${loops[@]:-none}"; do
    read -r -a pytorch_values <<< "${ips[$loop]:-}"
    pytorch_median=$(median 1 ${pytorch_values[@]+"${pytorch_values[@]}"})
    medians_ratio=$(ratio "$java_median" "$pytorch_median")
    read -r -a ratio_values <<< "${ratios[$loop]:-}"
    round_median=$(median 2 ${ratio_values[@]+"${ratio_values[@]}"})
    summary+=("| $batch | $loop | $java_threads / $threads | $java_malloc / $pytorch_malloc |${ips[java]:- n/a} | $java_median |${ips[$loop]:- n/a} | $pytorch_median | $medians_ratio |${ratios[$loop]:- n/a} | $round_median |")
  done
  unset ips ratios
done

echo
echo "| batch | pytorch loop | threads java / pytorch | malloc java / pytorch | java images/s (rounds) | java median | pytorch images/s (rounds) | pytorch median | java/pytorch (medians) | java/pytorch per round | its median |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${summary[@]}"
