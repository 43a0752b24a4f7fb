#!/usr/bin/env bash
# One command to set up and run every test: formatting, lints (native and wasm), the native tests,
# the server suite on SQLite and on a throwaway PostgreSQL, the wasm tests in headless Chromium,
# the release build, and the Playwright end-to-end suite against the release server on 127.0.0.1.
# Every part runs; the command fails if any part fails or cannot run. Nothing is skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test || exit 1
source scripts/env.sh

passed=0 failed=0 failures=()
part() {
  local name=$1
  shift
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    printf '\033[32m<== %s: ok (%ds)\033[0m\n' "$name" $((SECONDS - start))
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf '\033[31m<== %s: FAILED (%ds)\033[0m\n' "$name" $((SECONDS - start))
  fi
}

wasm_tests() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test -p yidi-app --target wasm32-unknown-unknown
}

release_build() {
  scripts/build-web.sh && cargo build --release -p yidi-server -p yidi-cli
}

part "cargo fmt --check" cargo fmt --all -- --check
part "clippy (native)" cargo clippy --workspace --all-targets -- -D warnings
part "clippy (wasm32)" cargo clippy -p yidi-app --target wasm32-unknown-unknown --all-targets -- -D warnings
part "core, CLI and SPA logic tests (native)" cargo test --workspace --exclude yidi-server
part "server tests on SQLite and PostgreSQL" scripts/pg-test.sh
part "wasm tests in headless Chromium" wasm_tests
part "release build (SPA, server, CLI)" release_build
part "end-to-end (Playwright, Chromium)" npx playwright test
part "Schemathesis against the release server" scripts/schemathesis.sh
part "size report" scripts/size-report.sh

echo
if [ $failed -gt 0 ]; then
  printf 'failed parts: %s\n' "${failures[*]}"
fi
echo "test.sh: $passed passed, $failed failed"
[ $failed -eq 0 ]
