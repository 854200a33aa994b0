# syntax=docker/dockerfile:1
#
# One Dockerfile, two images:
#   docker build --target cpu -t cifar:cpu .    # libtorch CPU from inside the fat jar
#   docker build --target gpu -t cifar:gpu .    # libtorch CUDA 12.8 from the official PyTorch image
# See docs/GPU.md for how to run them. Both images run the jar through scripts/cifar (which
# preloads tcmalloc) as a non-root user, read data from /data and write runs to /runs.
#
# Versions live in pom.xml; the ARGs below must name the same ones. VersionPinTest fails the
# build when they drift apart, so change both together. The ARGs are named TORCH_* rather than
# PYTORCH_*: the base image sets ENV PYTORCH_VERSION itself, and an ENV always shadows an ARG of
# the same name inside a stage.
ARG DJL_VERSION=0.36.0
ARG TORCH_VERSION=2.7.1
# DJL names a CUDA build of libtorch by its "flavor": cu + the CUDA version without the dot.
ARG TORCH_FLAVOR=cu128
ARG TORCH_CUDA=12.8
ARG TORCH_CUDNN=9
ARG JAVA_MAJOR=17
# The Python inside pytorch/pytorch:2.7.1-cuda12.8-cudnn9-runtime. PyTorch's own top-level
# Dockerfile installs Python (ARG PYTHON_VERSION=3.11) with conda into /opt/conda and
# pip-installs the torch wheel there; the 2.5.x runtime images are known to ship Python 3.11.
# Not checked against the real 2.7.1 image here (no Docker engine on the build machines), so
# the gpu stage checks it at build time and names the right value if the path is wrong: a
# different Python fails the build, not the first run.
ARG TORCH_PYTHON=3.11
# The base images. The defaults are the official ones; a build on a machine without a registry
# names local stand-ins instead (scripts/container-test.sh does, with Debian's own JDK and JRE).
# BUILD_IMAGE needs mvn and a JDK, RUNTIME_IMAGE a JRE on PATH and apt, GPU_BASE_IMAGE the
# PyTorch layout checked in the gpu stage, JRE_IMAGE a JRE in /opt/java/openjdk.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-${JAVA_MAJOR}
ARG RUNTIME_IMAGE=eclipse-temurin:${JAVA_MAJOR}-jre
ARG JRE_IMAGE=eclipse-temurin:${JAVA_MAJOR}-jre
ARG GPU_BASE_IMAGE=pytorch/pytorch:${TORCH_VERSION}-cuda${TORCH_CUDA}-cudnn${TORCH_CUDNN}-runtime

# ---------------------------------------------------------------------------------------------
# build: compile, run the fast tests, package target/cifar.jar
# ---------------------------------------------------------------------------------------------
FROM ${BUILD_IMAGE} AS build
# Extra Maven options for every mvn below: "-o" where Maven Central cannot be reached and the
# build gets a local repository mounted at /root/.m2 instead (podman build -v ...:/root/.m2:O).
ARG MAVEN_FLAGS=
WORKDIR /src
# Dependencies first, in their own layer: editing a source file then does not re-download them.
# app depends on vugrad, a module of this build: install vugrad's poms (an empty jar) first, so
# that go-offline resolves app's dependencies before any source is here.
COPY pom.xml .
COPY vugrad/pom.xml vugrad/
COPY app/pom.xml app/
RUN mvn -B ${MAVEN_FLAGS} -q install -pl vugrad -am -DskipTests \
 && mvn -B ${MAVEN_FLAGS} -q dependency:go-offline -pl app
COPY vugrad ./vugrad
COPY app ./app
# The sweep files are packed into the jar (and read by the tests), so they travel too.
COPY hyperparams ./hyperparams
# What the tests read besides the sources: the launcher and cluster scripts, the published
# study, and this file with its .dockerignore.
COPY scripts ./scripts
COPY docs/results ./docs/results
COPY Dockerfile .dockerignore ./
# Every test but those tagged @Tag("environment") (they check this machine, not the code:
# the allocator, the launcher, glibc's memory; see README's test section).
RUN mvn -B ${MAVEN_FLAGS} package -DexcludedGroups=environment

# ---------------------------------------------------------------------------------------------
# gpu-jni: the DJL JNI bridge for CUDA libtorch, which ships inside the fat jar (from
# ai.djl.pytorch:pytorch-jni). Take exactly that file out for the gpu image, and check that it
# is the JNI for our versions. A stage of its own, which only the gpu image uses: a jar built
# for another platform (a cpu image on arm64) has no linux-x86_64 JNI, and needs none.
# ---------------------------------------------------------------------------------------------
FROM build AS gpu-jni
ARG DJL_VERSION
ARG TORCH_VERSION
ARG TORCH_FLAVOR
RUN mkdir -p /jni && cd /jni \
 && jar xf /src/target/cifar.jar jnilib/pytorch.properties \
        "jnilib/linux-x86_64/${TORCH_FLAVOR}/libdjl_torch.so" \
 && grep -qx "jni_version=${TORCH_VERSION}-${DJL_VERSION}" jnilib/pytorch.properties \
 && mv "jnilib/linux-x86_64/${TORCH_FLAVOR}/libdjl_torch.so" \
       "/jni/${DJL_VERSION}-libdjl_torch.so" \
 && rm -rf jnilib

# ---------------------------------------------------------------------------------------------
# jre: the Java runtime that the gpu image borrows
# ---------------------------------------------------------------------------------------------
FROM ${JRE_IMAGE} AS jre

# ---------------------------------------------------------------------------------------------
# cpu: the fat jar as it is; DJL extracts its CPU libtorch into DJL_CACHE_DIR on first use
# ---------------------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE} AS cpu
# LANG: without a UTF-8 locale Java 17 writes stdout in ASCII and the tables' ±, Δ and — come
# out as '?'. C.UTF-8 is built into glibc, so it needs no locales package.
ENV LANG=C.UTF-8 \
    DJL_OFFLINE=true \
    DJL_CACHE_DIR=/home/app/.djl.ai \
    CIFAR_JAR=/app/cifar.jar
# tcmalloc: the launcher (scripts/cifar) preloads it; batch-4 training on CPU is faster with it
# than with glibc's malloc (measured: docs/BENCHMARKS.md). Ubuntu 24.04 names the package
# with a t64 suffix, 22.04 without.
RUN apt-get update \
 && { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libtcmalloc-minimal4t64 \
   || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libtcmalloc-minimal4; } \
 && rm -rf /var/lib/apt/lists/*
# The cache is group- and world-writable (sticky, like /tmp) so the image also works under
# `docker run --user "$(id -u):$(id -g)"`, which the scripts use to keep /runs owned by you.
RUN useradd --create-home --uid 10001 --user-group app \
 && mkdir -p /app /data /runs "${DJL_CACHE_DIR}" \
 && chown app:app /data /runs "${DJL_CACHE_DIR}" \
 && chmod 1777 "${DJL_CACHE_DIR}"
COPY --from=build /src/target/cifar.jar /app/cifar.jar
COPY scripts/cifar /app/cifar
USER app
# Working directory /: the project's relative defaults (data/, runs/, hyperparams/) then land
# on the /data and /runs volumes and on a /hyperparams mount.
WORKDIR /
VOLUME ["/data", "/runs"]
HEALTHCHECK --interval=5m --timeout=2m --start-period=1m \
  CMD ["/app/cifar", "info"]
ENTRYPOINT ["/app/cifar"]

# ---------------------------------------------------------------------------------------------
# gpu: the libtorch, cuDNN and CUDA runtime of the official PyTorch image, driven from Java
# ---------------------------------------------------------------------------------------------
FROM ${GPU_BASE_IMAGE} AS gpu
ARG DJL_VERSION
ARG TORCH_VERSION
ARG TORCH_FLAVOR
ARG TORCH_CUDA
ARG TORCH_PYTHON
# The torch wheel carries libtorch in torch/lib; its CUDA libraries come as separate pip
# packages under site-packages/nvidia/<name>/lib (the wheel's RPATH points there too).
ENV JAVA_HOME=/opt/java/openjdk \
    LANG=C.UTF-8 \
    SITE_PACKAGES=/opt/conda/lib/python${TORCH_PYTHON}/site-packages
# PYTORCH_LIBRARY_PATH: DJL's LibUtils.getLibTorch() asks findOverrideLibrary() first, so a
#   directory holding libtorch.so named here wins over the CPU natives inside the jar, which are
#   then never extracted. With it, DJL takes version and flavor from the next two variables.
# LD_LIBRARY_PATH: cuDNN and the CUDA runtime. DJL counts GPUs through JNA's
#   Native.load("cudart") (ai.djl.util.cuda.CudaUtils), which dlopen()s "libcudart.so"; the pip
#   package only has libcudart.so.12, hence the symlink made below (without it JNA would only
#   find the versioned file through -Djna.library.path). The base image's own entries stay first.
ENV PATH=${JAVA_HOME}/bin:${PATH} \
    PYTORCH_LIBRARY_PATH=${SITE_PACKAGES}/torch/lib \
    PYTORCH_VERSION=${TORCH_VERSION} \
    PYTORCH_FLAVOR=${TORCH_FLAVOR} \
    LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH}:}${SITE_PACKAGES}/torch/lib:${SITE_PACKAGES}/nvidia/cudnn/lib:${SITE_PACKAGES}/nvidia/cuda_runtime/lib \
    DJL_OFFLINE=true \
    DJL_CACHE_DIR=/home/app/.djl.ai \
    CIFAR_JAR=/app/cifar.jar
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
# fontconfig and a font: XChart draws the sweep's PNG plots with Java2D, which needs them
# (eclipse-temurin images install fontconfig for the same reason). tcmalloc as in the cpu image
# (the launcher preloads it; on a GPU it matters less, the host side of a step is small).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
 && { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libtcmalloc-minimal4 \
   || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libtcmalloc-minimal4t64; } \
 && rm -rf /var/lib/apt/lists/*
# Fail the build, not the first run, when the base image is not what the ARGs say.
# TORCH_FLAVOR=cpu is for testing this stage's wiring without a GPU or a registry
# (scripts/container-test.sh): a stand-in base lays out DJL's CPU libtorch where the PyTorch
# image has its CUDA one, with no Python; then only the layout is checked. It is not a GPU image.
RUN set -e; \
    test -f "${PYTORCH_LIBRARY_PATH}/libtorch.so" \
      || { echo "no libtorch.so in ${PYTORCH_LIBRARY_PATH}: is GPU_BASE_IMAGE a PyTorch image with Python ${TORCH_PYTHON}?" >&2; exit 1; }; \
    if [ "${TORCH_FLAVOR}" = cpu ]; then \
      echo "gpu stage with TORCH_FLAVOR=cpu: the wiring only, on a CPU libtorch (not a GPU image)"; \
      ! test -e "${PYTORCH_LIBRARY_PATH}/libtorch_cuda.so" \
        || { echo "TORCH_FLAVOR=cpu, but ${PYTORCH_LIBRARY_PATH} holds a CUDA libtorch" >&2; exit 1; }; \
    else \
      actual=$(python -c 'import os, torch; print(os.path.dirname(torch.__file__))'); \
      [ "${actual}/lib" = "${PYTORCH_LIBRARY_PATH}" ] \
        || { echo "torch/lib is at ${actual}/lib, not ${PYTORCH_LIBRARY_PATH}: build with --build-arg TORCH_PYTHON=<the image's python>" >&2; exit 1; }; \
      python -c "import sys, torch; v, c = torch.__version__, torch.version.cuda; \
print('torch', v, 'cuda', c); sys.exit(0 if v.split('+')[0] == '${TORCH_VERSION}' and c == '${TORCH_CUDA}' else 1)"; \
      test -f "${PYTORCH_LIBRARY_PATH}/libtorch_cuda.so"; \
      ls "${SITE_PACKAGES}"/nvidia/cudnn/lib/libcudnn.so.* >/dev/null; \
      cd "${SITE_PACKAGES}/nvidia/cuda_runtime/lib"; \
      test -f libcudart.so.12; \
      [ -e libcudart.so ] || ln -s libcudart.so.12 libcudart.so; \
    fi; \
    java -version
# The JNI bridge goes where DJL looks first: LibUtils.findJniLibrary() tries
# <libtorch dir>/<djl version>-libdjl_torch.so before the cache dir
# ($DJL_CACHE_DIR/pytorch/<version>-<flavor>-linux-x86_64/) and before extracting it from the
# jar or downloading it. (loadLibTorch() skips names ending in libdjl_torch.so when it loads
# the libtorch directory, so the file sits there safely.)
COPY --from=gpu-jni /jni/${DJL_VERSION}-libdjl_torch.so ${PYTORCH_LIBRARY_PATH}/${DJL_VERSION}-libdjl_torch.so
RUN useradd --create-home --uid 10001 --user-group app \
 && mkdir -p /app /data /runs "${DJL_CACHE_DIR}" \
 && chown app:app /data /runs "${DJL_CACHE_DIR}" \
 && chmod 1777 "${DJL_CACHE_DIR}"
# The jar still holds the CPU natives; with PYTORCH_LIBRARY_PATH set they stay unused.
COPY --from=build /src/target/cifar.jar /app/cifar.jar
COPY scripts/cifar /app/cifar
USER app
# Working directory /: the project's relative defaults (data/, runs/, hyperparams/) then land
# on the /data and /runs volumes and on a /hyperparams mount.
WORKDIR /
VOLUME ["/data", "/runs"]
HEALTHCHECK --interval=5m --timeout=2m --start-period=2m \
  CMD ["/app/cifar", "info"]
ENTRYPOINT ["/app/cifar"]
