#!/usr/bin/env bash
# Everything `npm test` needs beyond node_modules, installed when missing (the pretest step and .ci/run
# run this): Debian's chromium for the headless browser test (playwright-core cannot download its own
# browser on these machines) and redis-server for the rate-limit tests (they start their own server on
# a free port in a temporary directory; no system service is used). Idempotent; when it cannot
# install, it fails loudly, and the tests never skip instead.
set -euo pipefail

# package=command pairs; a package is installed when its command is missing.
wanted=(chromium=/usr/bin/chromium redis-server=redis-server)

missing=()
for pair in "${wanted[@]}"; do
  package=${pair%%=*}
  command=${pair#*=}
  if command -v "$command" >/dev/null 2>&1; then
    echo "install-test-deps: $package is installed ($(command -v "$command"))"
  else
    missing+=("$package")
  fi
done
[ "${#missing[@]}" -eq 0 ] && exit 0

# Root installs directly; anyone else needs sudo, and without it there is nothing this script can do.
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-test-deps: not root and sudo is not available; install the Debian packages ${missing[*]} by hand" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"

for pair in "${wanted[@]}"; do
  command=${pair#*=}
  if ! command -v "$command" >/dev/null 2>&1; then
    echo "install-test-deps: apt-get finished but $command is missing" >&2
    exit 1
  fi
done
echo "install-test-deps: installed ${missing[*]}"
