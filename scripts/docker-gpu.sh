#!/usr/bin/env bash
# Build the 'gpu' image and run the study's sweep in it. Options: scripts/docker-gpu.sh --help
set -euo pipefail
exec "$(dirname "$0")/docker-run.sh" gpu "$@"
