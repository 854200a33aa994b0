#!/usr/bin/env bash
# Builds the runnable jar once for each platform DJL publishes a CPU libtorch for, checks that
# each holds exactly its own platform's native code, and runs the one of this machine.
#
#   scripts/platform-jars.sh [--out DIR] [CLASSIFIER...]
#
# CLASSIFIER: linux-x86_64, linux-aarch64, osx-aarch64, win-x86_64 (default: all four).
# --out DIR keeps the jars there (cifar-<classifier>.jar); without it they go to a temporary
# folder that is removed at the end. The build runs on a copy of the sources (git's tracked and
# untracked, not ignored, files), so target/cifar.jar and app/target/ stay as they are.
#
# Each jar is checked against DJL's own artifacts in the local Maven repository:
#   - pytorch/** is exactly pytorch/** of pytorch-native-cpu-<version>-<classifier>.jar (same
#     names, same CRCs), and native/lib/pytorch.properties names that classifier;
#   - jnilib/** is jnilib/pytorch.properties plus exactly pytorch-jni's jnilib/<classifier>/**;
#   - every native library in the jar (.so, .dylib, .dll, .jnilib, .a) lies under one of those
#     two folders, under JNA's folder for the same platform or under cifar/launch/<classifier>/
#     (the bundled tcmalloc, linux-x86_64 only): nothing of another platform;
#   - cifar-build.properties says native.classifier=<classifier>.
# Then `java -jar <this machine's jar> info`, with an empty DJL cache and DJL_OFFLINE=true,
# must extract libtorch from the jar and print flavor cpu. Exit 0 when all hold, 1 otherwise,
# 2 for bad arguments. Maven runs offline: the artifacts must be in the local repository
# (`mvn dependency:get -Dartifact=ai.djl.pytorch:pytorch-native-cpu:2.7.1:jar:osx-aarch64`).
set -euo pipefail

ALL=(linux-x86_64 linux-aarch64 osx-aarch64 win-x86_64)
# JNA names the same platforms its own way (com/sun/jna/<name>/); app/pom.xml has the same map.
declare -A JNA=([linux-x86_64]=linux-x86-64 [linux-aarch64]=linux-aarch64
  [osx-aarch64]=darwin-aarch64 [win-x86_64]=win32-x86-64)

usage() { sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; }

out=""
wanted=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out)
      [[ $# -ge 2 ]] || { echo "platform-jars.sh: --out needs a folder" >&2; exit 2; }
      out=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "platform-jars.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *)
      [[ -n "${JNA[$1]:-}" ]] \
        || { echo "platform-jars.sh: unknown platform '$1': one of ${ALL[*]}" >&2; exit 2; }
      wanted+=("$1"); shift ;;
  esac
done
[[ ${#wanted[@]} -gt 0 ]] || wanted=("${ALL[@]}")

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[[ -n "$out" ]] || out="$work/jars"
mkdir -p "$out"
out=$(cd "$out" && pwd)

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -1; }
djl=$(pom_property djl.version)
torch=$(pom_property pytorch.version)

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) host=linux-x86_64 ;;
  Linux-aarch64) host=linux-aarch64 ;;
  Darwin-arm64) host=osx-aarch64 ;;
  MINGW*-x86_64|MSYS*-x86_64|CYGWIN*-x86_64) host=win-x86_64 ;;
  *) host="" ;;
esac

echo "copying the sources to $work/src"
mkdir -p "$work/src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) \
  | tar -xf - -C "$work/src"

# Maven's output only when it fails (quiet Maven still prints terminal escapes).
maven() {
  if ! mvn -B -o -q "$@" >"$work/maven.log" 2>&1; then
    cat "$work/maven.log" >&2
    echo "platform-jars.sh: mvn $* failed" >&2
    exit 1
  fi
}
# DJL's artifacts, copied out of the local repository, to compare the jars with.
fetch() {
  maven dependency:copy -Dartifact="$1" -DoutputDirectory="$work/djl" -f "$work/src/pom.xml"
}
fetch "ai.djl.pytorch:pytorch-jni:$torch-$djl:jar"
jni="$work/djl/pytorch-jni-$torch-$djl.jar"

# "CRC name" of every file of a jar whose name starts with a prefix, sorted (unzip -v: the
# CRC-32 is the 7th column, the name the 8th).
entries() {
  unzip -v "$1" | awk -v p="$2" 'NF == 8 && index($8, p) == 1 && $8 !~ /\/$/ { print $7, $8 }' \
    | sort
}

failed=0
fail() { echo "FAIL $1: $2" >&2; failed=1; }

for c in "${wanted[@]}"; do
  jar="$out/cifar-$c.jar"
  echo "building $jar"
  start=$(date +%s)
  # The app's classes and resources from the platform before must not travel into this jar.
  rm -rf "$work/src/app/target"
  maven -f "$work/src/pom.xml" package -DskipTests -Dcifar.native.classifier="$c" \
    -Dcifar.jar.path="$jar"
  seconds=$(( $(date +%s) - start ))
  fetch "ai.djl.pytorch:pytorch-native-cpu:$torch:jar:$c"
  native="$work/djl/pytorch-native-cpu-$torch-$c.jar"
  # Read into files first: grep -q stops reading early, which pipefail would count as a failure.
  unzip -Z1 "$jar" >"$work/names"
  unzip -p "$jar" native/lib/pytorch.properties >"$work/native.properties" || true
  unzip -p "$jar" jnilib/pytorch.properties >"$work/jni.properties" || true
  unzip -p "$jar" cifar-build.properties >"$work/build.properties" || true

  if ! diff <(entries "$jar" pytorch/) <(entries "$native" pytorch/) >"$work/diff"; then
    fail "$c" "pytorch/ is not that of $(basename "$native"): $(head -5 "$work/diff" | tr '\n' ' ')"
  fi
  grep -qx "classifier=$c" "$work/native.properties" \
    || fail "$c" "native/lib/pytorch.properties does not say classifier=$c"
  if ! diff <(entries "$jar" jnilib/ | grep -v ' jnilib/pytorch.properties$') \
      <(entries "$jni" "jnilib/$c/") >"$work/diff"; then
    fail "$c" "jnilib/ is not jnilib/$c/ of $(basename "$jni"): $(head -5 "$work/diff" | tr '\n' ' ')"
  fi
  grep -qx "jni_version=$torch-$djl" "$work/jni.properties" \
    || fail "$c" "jnilib/pytorch.properties does not say jni_version=$torch-$djl"
  strays=$(grep -E '\.(so(\.[0-9]+)*|dylib|dll|jnilib|a)$' \
    "$work/names" \
    | grep -vE "^(pytorch/cpu/$c/|jnilib/$c/|com/sun/jna/${JNA[$c]}/|cifar/launch/$c/)" || true)
  [[ -z "$strays" ]] || fail "$c" "native files of other platforms: $(echo "$strays" | tr '\n' ' ')"
  grep -q "^com/sun/jna/${JNA[$c]}/[a-z]*jnidispatch\." "$work/names" \
    || fail "$c" "JNA's dispatch library com/sun/jna/${JNA[$c]}/ is missing"
  grep -qx "native.classifier=$c" "$work/build.properties" \
    || fail "$c" "cifar-build.properties does not say native.classifier=$c"
  awk -v c="$c" -v b="$(wc -c <"$jar")" -v s="$seconds" -v j="$jar" \
    'BEGIN { printf "%-14s %6.1f MB (%d bytes), built in %d s: %s\n", c, b / 1e6, b, s, j }'
done

if [[ -n "$host" && " ${wanted[*]} " == *" $host "* ]]; then
  echo "running java -jar cifar-$host.jar info (empty DJL cache, offline)"
  cache="$work/djl-cache"
  if ! info=$(DJL_CACHE_DIR="$cache" DJL_OFFLINE=true java -jar "$out/cifar-$host.jar" info 2>&1); then
    fail "$host" "info exited non-zero"
  fi
  echo "$info"
  grep -qx 'flavor: *cpu' <<<"$info" || fail "$host" "info does not print the line 'flavor: cpu'"
  grep -q "^native libraries: $cache/pytorch/" <<<"$info" \
    || fail "$host" "libtorch was not extracted from the jar into the empty cache $cache"
else
  echo "not run: this machine ($(uname -s) $(uname -m)) is not one of: ${wanted[*]}"
fi

[[ $failed -eq 0 ]] || exit 1
echo "all ${#wanted[@]} jars hold exactly their platform's libtorch, JNI and JNA natives"
