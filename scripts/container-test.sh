#!/usr/bin/env bash
# Builds the Dockerfile's cpu target with a real container engine and runs the image the way
# users do (scripts/docker-cpu.sh), checking what a unit test cannot:
#   scripts/container-test.sh [DATA_DIR]          (DATA_DIR holds cifar-10-batches-bin/)
#
# 1. the build stage's tests pass inside the image (mvn package, all but @Tag("environment"))
# 2. `info` runs, as the image's non-root user
# 3. a tiny sweep runs with --network=none, /data read-only, /runs writable, and its table
#    prints ±, Δ and — as UTF-8
# 4. the same sweep again resumes: it trains nothing new
# 5. the image's own HEALTHCHECK command succeeds
# 6. a sweep file with a typo in a field name stops with exit code 2 and names the field
# 7. the gpu target's wiring on a CPU stand-in (NOT a GPU test: no CUDA anywhere): a base that
#    lays out DJL's CPU libtorch where the PyTorch image has its CUDA one (site-packages/
#    torch/lib), built with TORCH_FLAVOR=cpu; `info` must load libtorch from that folder, extract
#    nothing into DJL's cache, and name the flavor cpu
#
# For machines without a registry (CI here): the base images are stand-ins made from Debian
# (debootstrap --variant=minbase bookworm, imported into the engine, with Debian's JDK and Maven
# for the build stage and its JRE for the runtime), and Maven runs offline on the host's local
# repository, mounted as an overlay (the build writes nothing into it). Populate it first with
# `mvn -B dependency:go-offline` and one `mvn -B package` on the host.
#
# Names: everything this script makes is called localhost/cifar-test-*; it never tags or
# removes any other image. The test images are removed at the end; the three stand-in bases are
# kept as a cache (localhost/cifar-test-base-build:bookworm, ...-runtime:bookworm,
# ...-gpu-standin:bookworm) and reused by the next run; CONTAINER_TEST_CLEAN=1 removes them too.
#
# Needs root, podman (its CLI: `healthcheck run`), runc, debootstrap and unzip (apt-get install
# podman runc debootstrap unzip).
# Environment (defaults in brackets):
#   ENGINE                the engine command                        [podman --runtime runc]
#   M2_REPO               the host's local Maven repository         [~/.m2]
#   CONTAINER_TEST_CLEAN  1 = also remove the stand-in bases at the end  [0]
#   DEBIAN_MIRROR         for debootstrap                    [http://deb.debian.org/debian]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data_dir=$(cd "${1:-$root/data}" && pwd)
read -r -a engine <<< "${ENGINE:-podman --runtime runc}"
m2=${M2_REPO:-$HOME/.m2}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
build_base=localhost/cifar-test-base-build:bookworm
runtime_base=localhost/cifar-test-base-runtime:bookworm
gpu_base=localhost/cifar-test-base-gpu-standin:bookworm
image=localhost/cifar-test:cpu
gpu_image=localhost/cifar-test:gpu-standin
user_uid=10001 # the Dockerfile's `useradd --uid`
# podman as root asks runc for 1048576 open files and 4194304 processes; where the host allows
# fewer, runc stops with "error setting rlimits ... type 7" (or 6). So: the host's open-files
# limit, and at most 32768 processes, which is plenty for one JVM and libtorch's threads (on the
# CI machine even the host's own 96363 was refused, 32768 accepted).
nproc=$(ulimit -Hu)
if [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; then nproc=32768; fi
run_opts=(--rm --network=none --ulimit "nofile=$(ulimit -Hn)" --ulimit "nproc=$nproc")
# No timer for the image's HEALTHCHECK in the one-shot runs (podman would ask systemd for one);
# the health-check step below runs it by hand.
once_opts=("${run_opts[@]}" --no-healthcheck)

fail() { echo "container-test: FAIL: $*" >&2; exit 1; }
step() { echo "== $* ($(date -u +%T))"; }

if [ ! -f "$data_dir/cifar-10-batches-bin/test_batch.bin" ]; then
  echo "container-test: no CIFAR-10 binary files in $data_dir/cifar-10-batches-bin" >&2
  exit 2
fi
[ -d "$m2/repository" ] || { echo "container-test: no Maven repository at $m2/repository" >&2; exit 2; }

work=$(mktemp -d /var/tmp/cifar-container-test.XXXXXX)
cleanup() {
  local rc=$?
  if [ -n "${container:-}" ]; then "${engine[@]}" rm -f -t 0 "$container" >/dev/null 2>&1 || true; fi
  "${engine[@]}" rmi -f "$image" "$gpu_image" >/dev/null 2>&1 || true
  if [ "${CONTAINER_TEST_CLEAN:-0}" = 1 ]; then
    "${engine[@]}" rmi -f "$gpu_base" "$build_base" "$runtime_base" >/dev/null 2>&1 || true
  fi
  # Dangling layers of this build (the build stage's image) go with it.
  "${engine[@]}" image prune -f --filter label=cifar-test >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

# A Debian bookworm root file system with these packages, imported as image $1.
make_base() {
  local name=$1 packages=$2 dir="$work/rootfs-${1##*-base-}"
  dir=${dir%:*}
  step "stand-in $name: debootstrap bookworm + $packages"
  mkdir -p "$work/debs"
  debootstrap --variant=minbase --cache-dir="$work/debs" --include="$packages" \
    bookworm "$dir" "$mirror" > "$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap of $name"; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | "${engine[@]}" import --quiet \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/bash"]' - "$name" >/dev/null
  rm -rf "$dir"
}

start=$(date +%s)
if ! "${engine[@]}" image exists "$build_base"; then
  make_base "$build_base" openjdk-17-jdk-headless,maven,ca-certificates
fi
if ! "${engine[@]}" image exists "$runtime_base"; then
  make_base "$runtime_base" openjdk-17-jre-headless,ca-certificates
fi

# Builds the Dockerfile's target $1 as image $2 on the stand-in bases, Maven offline on the
# host's repository, logging to $3; further arguments go to the build.
# --format docker: the OCI image format has no HEALTHCHECK, podman would drop it.
build_target() {
  local target=$1 tag=$2 log=$3
  shift 3
  "${engine[@]}" build --format docker --target "$target" --tag "$tag" --label cifar-test \
    --build-arg BUILD_IMAGE="$build_base" --build-arg RUNTIME_IMAGE="$runtime_base" \
    --build-arg MAVEN_FLAGS=-o "$@" \
    --volume "$m2:/root/.m2:O" \
    --file "$root/Dockerfile" "$root" > "$log" 2>&1 \
    || { tail -60 "$log" >&2; fail "$target image build (log above)"; }
}

step "build --target cpu (the build stage runs the test suite)"
build_start=$(date +%s)
build_target cpu "$image" "$work/build.log"
build_s=$(( $(date +%s) - build_start ))
grep -E "Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$" "$work/build.log" \
  | tail -1 | sed 's/^/build stage tests: /'
size=$("${engine[@]}" image inspect --format '{{.Size}}' "$image")
echo "image $image: $size bytes ($(( size / 1024 / 1024 )) MiB), built in ${build_s}s"

# The run options of scripts/docker-run.sh, with no network at all.
runs="$work/runs"
mkdir -p "$runs" "$work/hyperparams"
chown "$user_uid" "$runs"
run() {
  "${engine[@]}" run "${once_opts[@]}" --user "$user_uid" \
    -v "$data_dir:/data:ro" -v "$runs:/runs" -v "$work/hyperparams:/hyperparams:ro" \
    "$image" "$@"
}

step "info"
run info > "$work/info.txt" 2>&1 || { cat "$work/info.txt" >&2; fail "info"; }
cat "$work/info.txt"
user=$("${engine[@]}" run "${once_opts[@]}" --entrypoint id "$image" -un)
[ "$user" = app ] || fail "the image runs as '$user', not as the non-root user app"

# Two configs, two seeds each (--repeats 2, so the table has a ± std), 200 images apiece.
cat > "$work/hyperparams/tiny.yaml" <<'YAML'
name: tiny
reference_accuracy: 0.62
baseline: {epochs: 1, train_limit: 200, test_limit: 100, batch_size: 32}
runs:
  - name: baseline
  - name: lr-0.005
    set: {lr: 0.005}
YAML
sweep=(sweep /hyperparams/tiny.yaml --data-dir /data --out /runs/tiny --cores 1 --repeats 2)

step "sweep (no network, /data read-only)"
run "${sweep[@]}" > "$work/sweep1.txt" 2>&1 || { cat "$work/sweep1.txt" >&2; fail "sweep"; }
cat "$work/sweep1.txt"
[ -n "$(find "$runs/tiny" -user "$user_uid" -type f | head -1)" ] \
  || fail "the sweep wrote no files into /runs as uid $user_uid"
records=$(find "$runs/tiny" -type f | sort)
# UTF-8: the table's signs must arrive as their UTF-8 bytes, not as '?'.
for sign in '±' 'Δ' '—'; do
  grep -q "$sign" "$work/sweep1.txt" || fail "the table has no '$sign' (locale: not UTF-8?)"
done
if grep -q '?' "$work/sweep1.txt"; then
  grep -n '?' "$work/sweep1.txt" >&2
  fail "the output has '?' where a character could not be encoded"
fi

step "rerun: resumes, trains nothing new"
run "${sweep[@]}" > "$work/sweep2.txt" 2>&1 || { cat "$work/sweep2.txt" >&2; fail "rerun"; }
cat "$work/sweep2.txt"
grep -q "4 already recorded, 0 to train" "$work/sweep2.txt" || fail "the rerun did not resume"
cmp -s <(echo "$records") <(find "$runs/tiny" -type f | sort) \
  || fail "the rerun changed the set of files in /runs/tiny"

step "health check"
check=$("${engine[@]}" image inspect --format '{{json .HealthCheck.Test}}' "$image")
echo "HEALTHCHECK $check"
[ "$check" = '["CMD","/app/cifar","info"]' ] || fail "unexpected health check $check"
# The engine runs the image's own check in a running container: healthy means exit code 0.
# (Without systemd podman logs that it cannot add a timer for the check: kept in health.log.)
container=$("${engine[@]}" run "${run_opts[@]}" --detach --entrypoint sleep "$image" 300 \
  2> "$work/health.log")
"${engine[@]}" healthcheck run "$container" 2>> "$work/health.log" \
  || { cat "$work/health.log" >&2; fail "the health check failed"; }
"${engine[@]}" rm -f -t 0 "$container" > /dev/null 2>> "$work/health.log"
container=
echo "healthy"

step "bad input: exit code 2"
sed 's/train_limit/trian_limit/' "$work/hyperparams/tiny.yaml" > "$work/hyperparams/typo.yaml"
set +e
run sweep /hyperparams/typo.yaml --data-dir /data --out /runs/typo > "$work/typo.txt" 2>&1
rc=$?
set -e
cat "$work/typo.txt"
[ "$rc" = 2 ] || fail "a sweep file with a typo exited $rc, not 2"
grep -q trian_limit "$work/typo.txt" || fail "the message does not name the field trian_limit"
[ ! -e "$runs/typo" ] || fail "bad input still created /runs/typo"

step "gpu target's wiring on a CPU stand-in (not a GPU test)"
# The versions and the Python of the PyTorch image, as the Dockerfile names them.
arg() { sed -n "s/^ARG $1=//p" "$root/Dockerfile"; }
torch_version=$(arg TORCH_VERSION)
site_packages=/opt/conda/lib/python$(arg TORCH_PYTHON)/site-packages
if ! "${engine[@]}" image exists "$gpu_base"; then
  native="$m2/repository/ai/djl/pytorch/pytorch-native-cpu/$torch_version/pytorch-native-cpu-$torch_version-linux-x86_64.jar"
  [ -f "$native" ] || fail "no $native in the local Maven repository (run mvn package first)"
  ctx="$work/gpu-standin"
  mkdir -p "$ctx/torch/lib"
  unzip -q -j "$native" 'pytorch/cpu/linux-x86_64/*' -d "$ctx/torch/lib"
  # What the wheel's torch/version.py says for a CPU build: Flavor reads it as a witness.
  printf "__version__ = '%s+cpu'\ncuda: Optional[str] = None\n" "$torch_version" \
    > "$ctx/torch/version.py"
  # JRE_IMAGE must hold a JRE in /opt/java/openjdk. Debian's keeps its config under /etc,
  # which the gpu stage has too, because this image is also its GPU_BASE_IMAGE.
  cat > "$ctx/Containerfile" <<CONTAINERFILE
FROM $runtime_base
RUN mkdir -p /opt/java && cp -a "\$(dirname "\$(dirname "\$(readlink -f /usr/bin/java)")")" /opt/java/openjdk
COPY torch $site_packages/torch
CONTAINERFILE
  "${engine[@]}" build --format docker --tag "$gpu_base" --file "$ctx/Containerfile" "$ctx" \
    > "$work/gpu-base.log" 2>&1 || { tail -20 "$work/gpu-base.log" >&2; fail "the gpu stand-in base"; }
  rm -rf "$ctx"
fi
gpu_start=$(date +%s)
build_target gpu "$gpu_image" "$work/gpu-build.log" \
  --build-arg JRE_IMAGE="$gpu_base" --build-arg GPU_BASE_IMAGE="$gpu_base" \
  --build-arg TORCH_FLAVOR=cpu
echo "gpu stand-in image built in $(( $(date +%s) - gpu_start ))s"
"${engine[@]}" run "${once_opts[@]}" --entrypoint /bin/sh "$gpu_image" -c \
  '/app/cifar info && echo "files in the DJL cache: $(find "$DJL_CACHE_DIR" -type f | wc -l)"' \
  > "$work/gpu-info.txt" 2>&1 || { cat "$work/gpu-info.txt" >&2; fail "info in the gpu stand-in"; }
cat "$work/gpu-info.txt"
grep -q "^native libraries: $site_packages/torch/lib\$" "$work/gpu-info.txt" \
  || fail "info did not load libtorch from $site_packages/torch/lib"
grep -q '^flavor: *cpu$' "$work/gpu-info.txt" || fail "info did not name the flavor cpu"
grep -q '^files in the DJL cache: 0$' "$work/gpu-info.txt" \
  || fail "DJL extracted natives into its cache although PYTORCH_LIBRARY_PATH names libtorch"

echo "container-test: OK in $(( $(date +%s) - start ))s (image build ${build_s}s, $size bytes)"
