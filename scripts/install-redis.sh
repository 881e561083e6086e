#!/usr/bin/env bash
# Installs redis-server for the rate-limit tests (test/limits/redis-*.test.ts), which start their own
# server on a free port in a temporary directory and stop it: no system service is used or needed.
# Debian's package. Idempotent: does nothing when redis-server is already on the PATH.
# Called by scripts/install-test-deps.sh (npm pretest, .ci/run).
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  echo "install-redis: $(command -v redis-server) is already installed ($(redis-server --version | head -n 1))"
  exit 0
fi

# Root installs directly; anyone else needs sudo, and without it there is nothing this script can do.
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-redis: not root and sudo is not available; install the Debian package 'redis-server' by hand" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends redis-server

if ! command -v redis-server >/dev/null 2>&1; then
  echo "install-redis: apt-get finished but redis-server is missing" >&2
  exit 1
fi
echo "install-redis: installed $(redis-server --version | head -n 1)"
