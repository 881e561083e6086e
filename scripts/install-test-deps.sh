#!/usr/bin/env bash
# Everything `npm test` needs beyond node_modules, installed when missing (the pretest step runs this).
# Each script is idempotent and fails loudly when it cannot install; the tests never skip instead.
set -euo pipefail
cd "$(dirname "$0")"
bash ./install-browser.sh
bash ./install-redis.sh
