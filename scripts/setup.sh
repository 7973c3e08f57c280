#!/usr/bin/env bash
# Installs what building (and, with --browser, testing) needs; skips whatever is already present.
# Versions are pinned: trunk 0.21.14 (newer needs a newer rustc), wasm-bindgen-cli exactly as
# Cargo.lock's wasm-bindgen, wasm-opt from the npm package binaryen (package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The take-over module's pinned nightly (hydrate/rust-toolchain.toml), with the standard library's
# source (it is rebuilt for size) and the wasm32 target.
nightly=$(awk -F'"' '/^channel = / { print $2 }' hydrate/rust-toolchain.toml)
if ! rustup "+$nightly" component list --installed 2>/dev/null | grep -q '^rust-src' \
  || ! rustup "+$nightly" target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "installing the $nightly toolchain for the take-over module (rust-src, wasm32)"
  rustup toolchain install "$nightly" --profile minimal --component rust-src --target wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.14$'; then
  say "installing trunk 0.21.14 (takes several minutes, once)"
  cargo install trunk --version 0.21.14 --locked
fi

bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $bindgen\$"; then
  say "installing wasm-bindgen-cli $bindgen (matches Cargo.lock)"
  cargo install wasm-bindgen-cli --version "$bindgen"
fi
if ! grep -q "wasm_bindgen = \"$bindgen\"" Trunk.toml; then
  echo "Trunk.toml's [tools] wasm_bindgen must be $bindgen, as in Cargo.lock" >&2
  exit 1
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/playwright-core ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing the npm tools (binaryen's wasm-opt, playwright-core) from package-lock.json"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--browser" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq chromium chromium-driver
  fi
  # tests/e2e/nginx.test.mjs runs the README's nginx recipe in real nginx (its own config, on a
  # free port); with Debian's ngx_brotli module it also checks the recipe's brotli_static line.
  brotli_module=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
  has_brotli_package() { apt-cache show libnginx-mod-http-brotli-static >/dev/null 2>&1; }
  if [ ! -x /usr/sbin/nginx ] || { [ ! -e "$brotli_module" ] && has_brotli_package; }; then
    say "installing Debian's nginx (and its brotli_static module, where Debian has it)"
    $sudo apt-get update -qq
    nginx_packages="nginx"
    if has_brotli_package; then nginx_packages="$nginx_packages libnginx-mod-http-brotli-static"; fi
    # shellcheck disable=SC2086 # a list of package names
    $sudo apt-get install -y -qq $nginx_packages
  fi
fi
