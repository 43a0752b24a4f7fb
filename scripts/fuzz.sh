#!/usr/bin/env bash
# Fuzzes the core's parsers with cargo-fuzz (libFuzzer): every target of fuzz/Cargo.toml, one
# after the other, for SECONDS each (default 60).
#
#   scripts/fuzz.sh [seconds]
#
# Needs nightly Rust (installed here through rustup, minimal profile, if missing) and cargo-fuzz
# (installed here from crates.io, pinned, if missing). Not part of scripts/test.sh: a campaign is
# run on purpose, and the tests never install a toolchain. Each target starts from its committed
# seed corpus (fuzz/corpus/<target>, read-only here) and a working corpus under fuzz/target/
# that grows between runs. Prints, per target, the executions and whether it crashed; a crash
# leaves its input in fuzz/artifacts/<target>/ (turn it into a regression test in crates/core)
# and makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

CARGO_FUZZ_VERSION=0.13.1
seconds=${1:-60}
[[ $seconds =~ ^[0-9]+$ ]] && [ "$seconds" -ge 1 ] || { echo "usage: scripts/fuzz.sh [seconds]" >&2; exit 2; }

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "==> installing nightly Rust (rustup, minimal profile)"
  RUSTUP_AUTO_INSTALL=1 rustup toolchain install nightly --profile minimal
fi
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  echo "==> installing cargo-fuzz $CARGO_FUZZ_VERSION from crates.io"
  cargo install --locked "cargo-fuzz@$CARGO_FUZZ_VERSION"
fi

cd fuzz
targets=$(cargo +nightly fuzz list)
failed=0
summary=()
for target in $targets; do
  work=target/corpus-work/$target
  mkdir -p "$work" "corpus/$target"
  log=target/fuzz-$target.log
  echo "==> $target for ${seconds}s"
  set +e
  cargo +nightly fuzz run "$target" "$work" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -n1)
  corpus=$(find "$work" -type f | wc -l)
  if [ $rc -eq 0 ]; then
    summary+=("$target: ${seconds}s, ${runs:-?} executions, corpus $corpus, no crash")
  else
    failed=1
    summary+=("$target: CRASH after ${runs:-?} executions (exit $rc); input in fuzz/artifacts/$target/, log $PWD/$log")
    tail -n 40 "$log" >&2
  fi
done
echo
printf '%s\n' "${summary[@]}"
exit $failed
