#!/usr/bin/env bash
# Publishes a folder of digests as a complete static site (spec section 9):
#
#   bash scripts/publish.sh <digests-dir> <site.json> <out-dir> [digest-site options]
#
# Installs what is missing and builds the app (trunk, release) and the publish command first,
# then runs `digest-site publish`. Exit status 0 when the site was written; otherwise every
# problem of every file is listed on standard error and nothing is written.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: bash scripts/publish.sh <digests-dir> <site.json> <out-dir> [--skip-invalid] [--format json]" >&2
  exit 2
fi
# Paths are the caller's: resolve them before moving to the repository.
abs() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
digests=$(abs "$1"); site=$(abs "$2"); out=$(abs "$3"); shift 3
cd "$(dirname "$0")/.."
{
  bash scripts/setup.sh
  export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
  trunk build --release --offline
  cargo build --profile site -p digest-publish --quiet
} >&2
exec target/site/digest-site publish "$digests" --site "$site" --out "$out" --app dist "$@"
