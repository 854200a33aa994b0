#!/usr/bin/env bash
# Build the 'cpu' image and run the study's sweep in it. Options: scripts/docker-cpu.sh --help
set -euo pipefail
exec "$(dirname "$0")/docker-run.sh" cpu "$@"
