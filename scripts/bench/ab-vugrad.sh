#!/usr/bin/env bash
# Compares two builds of cifar.jar on the synthetic vugrad epoch (scripts/bench/VugradAB.java):
# one JVM with OLD loaded first, then one with NEW loaded first, PAIRS alternated epochs each,
# and the speed-up of NEW over OLD as the geometric mean of the two orders (which cancels the
# small edge that the second-loaded jar gets; a same-jar control read 1.013).
# Usage: scripts/bench/ab-vugrad.sh OLD.jar NEW.jar [PAIRS]   (PAIRS default 250, about 40 s)
set -euo pipefail
if (( $# < 2 )); then
  echo "usage: $0 OLD.jar NEW.jar [PAIRS]" >&2
  exit 2
fi
old=$1 new=$2 pairs=${3:-250}
for jar in "$old" "$new"; do
  if [[ ! -f "$jar" ]]; then echo "$0: no jar at $jar" >&2; exit 2; fi
done
src=$(dirname "$0")/VugradAB.java
first=$(java "$src" "$old" "$new" "$pairs" | tee /dev/stderr | sed -n 's/^RESULT .*a_over_b_median=\([0-9.]*\).*/\1/p')
second=$(java "$src" "$new" "$old" "$pairs" | tee /dev/stderr | sed -n 's/^RESULT .*a_over_b_median=\([0-9.]*\).*/\1/p')
awk -v f="$first" -v s="$second" 'BEGIN {
  printf "old/new with old first %.3f, new/old with new first %.3f: NEW is %.3fx as fast as OLD\n", f, s, sqrt(f / s) }'
