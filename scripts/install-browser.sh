#!/usr/bin/env bash
# Installs the Chromium the browser end-to-end tests drive (test/e2e/browser-upload.test.ts).
# Debian's package, because playwright-core cannot download its own browser on these machines.
# Idempotent: does nothing when /usr/bin/chromium is already there. Called by scripts/install-test-deps.sh (npm pretest, .ci/run).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "install-browser: $CHROMIUM is already installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

# Root installs directly; anyone else needs sudo, and without it there is nothing this script can do.
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-browser: not root and sudo is not available; install the Debian package 'chromium' by hand" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "install-browser: apt-get finished but $CHROMIUM is missing" >&2
  exit 1
fi
echo "install-browser: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
