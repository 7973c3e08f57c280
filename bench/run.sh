#!/usr/bin/env bash
# The benchmark (issue 6): builds the release output, installs what bench/ needs (Lighthouse,
# pinned in bench/package-lock.json) if missing, measures the build in headless Chromium against
# baselines measured in the same run, prints the tables and writes BENCHMARKS.md.
#
#   bash bench/run.sh                 # about 5-10 minutes on 2 cores
#   BENCH_SKIP_BUILD=1 bash bench/run.sh   # measure the dist/ that is there
#
# RUNS, LARGE_RUNS, LIBRARY_RUNS and SKIP_LIGHTHOUSE are passed on to bench/run.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[bench]\033[0m %s\n' "$*"; }

bash scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  say "building the release output (trunk build --release --offline)"
  trunk build --release --offline
fi

if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  say "installing bench/'s tools (lighthouse) from bench/package-lock.json"
  npm ci --prefix bench --no-audit --no-fund
fi

exec node bench/run.mjs "$@"
