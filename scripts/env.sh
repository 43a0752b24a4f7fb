# Sourced by the other scripts: puts the pinned tools first on PATH. npm's binaryen comes before
# anything else, because Debian's wasm-opt 108 silently breaks the wasm (shared/toolchain.md).
# shellcheck shell=bash
YIDI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$YIDI_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk must never download a tool: offline builds, no version check against GitHub.
export TRUNK_SKIP_VERSION_CHECK=true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROME_PATH=/usr/bin/chromium
export CHROMEDRIVER=/usr/bin/chromedriver
