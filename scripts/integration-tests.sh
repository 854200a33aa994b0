#!/usr/bin/env bash
# The integration checks that run the real thing, one after another, as CI runs them after
# `mvn -B verify` (.ci/run):
#   1. scripts/container-test.sh     the cpu image built and run with podman + runc, and the gpu
#                                    target's wiring on a CPU stand-in (not a GPU test)
#   2. scripts/slurm/cluster-test.sh a one-node Slurm cluster running a sharded sweep
#   3. scripts/platform-jars.sh      the jar of each of the four platforms, checked; this
#                                    machine's run
#
#   scripts/integration-tests.sh     # as root, from anywhere; after `mvn -B verify`
#
# What they need and this script provides: Debian's podman, runc, debootstrap, unzip (and the
# rootless helpers podman asks for), slurmctld, slurmd, munge and jq, installed with apt where
# missing; CIFAR-10 in the official binary layout (CIFAR_DATA, or prepared into a temporary
# folder from ../shared/cifar10/prepare); the local Maven repository holding everything the
# offline builds inside the image and for the other platforms take (fetched here, online).
# Each check cleans up after itself; the temporary data folder goes at the end.
# Environment: CIFAR_DATA  a folder with cifar-10-batches-bin/ [prepared into a temporary one]
#              PREPARE     the data preparation script [<repo>/../shared/cifar10/prepare]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

say() { echo "integration-tests: $*"; }
[ "$(id -u)" -eq 0 ] || { echo "integration-tests: run as root" >&2; exit 2; }
[ -f target/cifar.jar ] || { echo "integration-tests: no target/cifar.jar (mvn -B verify first)" >&2; exit 2; }

packages=(podman runc debootstrap fuse-overlayfs slirp4netns uidmap unzip slurmctld slurmd munge jq)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

tmp=$(mktemp -d /var/tmp/cifar-integration.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
data=${CIFAR_DATA:-}
if [ -z "$data" ]; then
  data="$tmp/data"
  prepare=${PREPARE:-$root/../shared/cifar10/prepare}
  say "preparing CIFAR-10 into $data with $prepare"
  "$prepare" "$data" > "$tmp/prepare.log" 2>&1 || { cat "$tmp/prepare.log" >&2; exit 1; }
fi

# The offline builds: the image's build stage (Maven offline on this repository, mounted) and
# the other platforms' jars (their CPU libtorch). cifar-vugrad goes into the local repository so
# that go-offline can resolve the app module on its own.
say "filling the local Maven repository for the offline builds"
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }
torch=$(pom_property pytorch.version)
mvn -B -q install -pl vugrad -am -DskipTests
mvn -B -q dependency:go-offline -pl app
for c in linux-aarch64 osx-aarch64 win-x86_64; do
  mvn -B -q dependency:get -Dtransitive=false \
    -Dartifact="ai.djl.pytorch:pytorch-native-cpu:$torch:jar:$c"
done

timed() {
  local name=$1 start=$SECONDS
  shift
  say "== $name"
  "$@"
  say "== $name: OK in $(( SECONDS - start )) s"
}
timed "container test" scripts/container-test.sh "$data"
timed "Slurm cluster test" env CIFAR_DATA="$data" scripts/slurm/cluster-test.sh
timed "platform jars" scripts/platform-jars.sh
say "all OK"
