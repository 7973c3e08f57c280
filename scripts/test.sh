#!/usr/bin/env bash
# Runs every test: formatting and lints, host tests of the model, browser tests of the
# components (headless Chromium), and end-to-end tests against the release build served
# under a sub-path by a plain static file server.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints (host and wasm)"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings

step "host tests: model, validation, search, routes, messages, property tests"
cargo test

step "browser tests: components and hostile content in headless Chromium"
cargo test --target wasm32-unknown-unknown --test web --test hostile

step "release build"
trunk build --release --offline

step "end-to-end tests: release build under /reader/ in Chromium"
node --test --test-concurrency=2 tests/e2e/

step "done in $(( $(date +%s) - start )) s"
