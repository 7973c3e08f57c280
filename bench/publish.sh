#!/usr/bin/env bash
# The publishing benchmark: times `digest-site publish` on generated folders of 1,000, 10,000 and
# 100,000 digests (full publish, re-publish after one change, re-publish with nothing changed),
# with peak memory and output size, next to baselines from the same run (`cp -r` of the input,
# `digest-site check`), prints the tables and writes the "## Publishing" section of BENCHMARKS.md.
#
#   bash bench/publish.sh                        # about 10 minutes on 2 cores
#   SIZES="1000 10000" bash bench/publish.sh     # other sizes
#   SIZES="10000 100000 300000" CHECK_SIZES=1000000 bash bench/publish.sh
#
# Builds the release app into dist/ only if it is missing (BENCH_BUILD=1 rebuilds it), and
# always builds the command (cargo build --profile site -p digest-publish): from the working tree,
# or with BENCH_REF=<commit> (e.g. HEAD) from a clean copy of that commit, so work in progress in
# publish/ is not what gets measured. Generated folders are cached in target/bench-publish/.
# Other options: see bench/publish.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[bench:publish]\033[0m %s\n' "$*" >&2; }

if [ ! -x /usr/bin/time ]; then
  say "installing Debian's time (for /usr/bin/time -v: peak memory)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq time
fi

export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [ ! -f dist/index.html ] || [ -n "${BENCH_BUILD:-}" ]; then
  bash scripts/setup.sh
  say "building the release app (trunk build --release --offline)"
  trunk build --release --offline
fi
if [ -n "${BENCH_REF:-}" ]; then
  # A committed revision, from a clean copy of it: others may be editing publish/ meanwhile.
  rev=$(git rev-parse --short=12 "$BENCH_REF^{commit}")
  src="target/bench-publish/ref-$rev"
  if [ ! -f "$src/Cargo.toml" ]; then
    rm -rf "$src" && mkdir -p "$src"
    git archive "$rev" | tar -x -C "$src"
  fi
  say "building digest-site at $rev (cargo build --profile site -p digest-publish in $src)"
  cargo build --profile site -p digest-publish --quiet --manifest-path "$src/Cargo.toml" \
    --target-dir target/bench-publish/cargo
  export DIGEST_SITE="$PWD/target/bench-publish/cargo/site/digest-site" BENCH_REF_COMMIT="$rev"
else
  say "building digest-site (cargo build --profile site -p digest-publish)"
  cargo build --profile site -p digest-publish --quiet
  export DIGEST_SITE="$PWD/target/site/digest-site"
fi

exec node bench/publish.mjs "$@"
