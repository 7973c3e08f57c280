#!/usr/bin/env bash
# Builds the release app with the bundled sample digests and serves it from a plain static
# file server under a sub-path, as a publisher would host it. PORT=8080 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release --offline
exec node tests/e2e/server.mjs dist "${PORT:-8080}"
