#!/usr/bin/env bash
# Installs what building and testing Yidi needs, and only what is missing.
#
#   scripts/bootstrap.sh          tools to build and run the app
#   scripts/bootstrap.sh --test   also what the tests need (PostgreSQL, Schemathesis)
#
# Every tool is pinned. Nothing here downloads from GitHub (unreachable on our machines): Trunk
# and wasm-bindgen-cli come from crates.io, wasm-opt from npm `binaryen`, Chromium from Debian.
# A second run only checks, and takes seconds. cargo and npm install atomically, so a failed
# step never leaves a half-installed tool that a later run would take for a good one.
set -euo pipefail

TRUNK_VERSION=0.21.14
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
ok() { printf '    %s\n' "$*"; }
fail() {
  printf '\033[31mbootstrap: %s\033[0m\n' "$*" >&2
  exit 1
}
current=""
trap 'rc=$?; [ $rc -ne 0 ] && [ -n "$current" ] && printf "\033[31mbootstrap: step \"%s\" failed (exit %s); see the output above. Nothing half-installed was kept; fix the cause and run again.\033[0m\n" "$current" "$rc" >&2' EXIT

export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo >/dev/null || fail "cargo not found: install Rust with rustup first."
command -v npm >/dev/null || fail "npm not found: install Node.js 20 first."

current="wasm32 target"
step "$current"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  ok "present"
else
  rustup target add wasm32-unknown-unknown
fi

# The wasm-bindgen CLI must be exactly the version of the `wasm-bindgen` crate in Cargo.lock.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wb_version" ] || fail "could not read the wasm-bindgen version from Cargo.lock"

current="trunk $TRUNK_VERSION"
step "$current"
if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  ok "present"
else
  ok "installing from crates.io (several minutes on 2 cores)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

current="wasm-bindgen-cli $wb_version"
step "$current"
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $wb_version" ]; then
  ok "present"
else
  # Not --locked: its own lockfile names a webpki-roots release the registry no longer serves.
  ok "installing from crates.io (a few minutes)"
  cargo install --force "wasm-bindgen-cli@$wb_version"
fi

# fonts-wqy-microhei: a CJK font, so screenshots taken here show Chinese instead of empty boxes.
apt_packages=(chromium chromium-driver brotli fonts-wqy-microhei)
[ $want_test = 1 ] && apt_packages+=(postgresql)
current="Debian packages: ${apt_packages[*]}"
step "$current"
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  ok "present"
else
  [ "$(id -u)" = 0 ] || fail "need root to apt-get install ${missing[*]}"
  ok "installing ${missing[*]}"
  apt-get update -qq || fail "apt-get update failed: is the Debian mirror reachable, or apt locked by another process?"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm dev tools (binaryen's wasm-opt, Playwright, Lighthouse) from the committed lockfile. The stamp
# records which lockfile node_modules was installed from, so an unchanged one is not reinstalled.
current="npm dev tools"
step "$current"
stamp=node_modules/.yidi-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  ok "present"
else
  rm -f "$stamp"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi

# Schemathesis (scripts/schemathesis.sh) from PyPI, every package pinned, in a virtual environment
# of its own. The stamp records which requirements file it was made from.
if [ $want_test = 1 ]; then
  current="Schemathesis (Python virtual environment .venv-schemathesis)"
  step "$current"
  venv=.venv-schemathesis
  reqs=scripts/schemathesis/requirements.txt
  want=$(sha256sum "$reqs" | cut -d' ' -f1)
  if [ -f "$venv/.yidi-reqs-sha256" ] && [ "$(cat "$venv/.yidi-reqs-sha256")" = "$want" ]; then
    ok "present"
  else
    command -v python3 >/dev/null || fail "python3 not found (apt-get install python3 python3-venv)"
    # A venv cannot be moved (its scripts name their own path): it is made in place, and only
    # the stamp, written last, makes it count as installed.
    rm -rf "$venv"
    python3 -m venv "$venv" || fail "python3 -m venv failed (apt-get install python3-venv)"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$reqs"
    echo "$want" >"$venv/.yidi-reqs-sha256"
  fi
fi

current=""
step "bootstrap done"
