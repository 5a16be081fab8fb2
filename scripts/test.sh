#!/usr/bin/env bash
# Runs every check and test of Loket: formatting, lints, UI type checks and unit tests, the
# Rust unit/property tests, the CLI scenarios against the real `loket` binary, and the
# WebDriver suite that drives the real desktop window under Xvfb. Installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "setup (Debian packages, tauri-driver, npm packages; only what is missing)"
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "UI: svelte-check, vitest, build"
(cd ui && npm run check && npm test && npm run build)

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "no GUI crate in the core (cargo tree)"
if cargo tree -p loket-core -e normal --prefix none | grep -Ei '^(tauri|wry|tao|gtk|webkit2gtk)[ -]'; then
  echo "loket-core must not depend on tauri or any GUI crate" >&2
  exit 1
fi

step "build the binaries the end-to-end suites run (the desktop with the UI embedded)"
cargo build --workspace --bins --locked --features loket-desktop/custom-protocol

step "cargo test (unit, property, CLI scenarios, desktop WebDriver)"
# the step above built the desktop with the UI embedded; the suites use that binary as it is
LOKET_E2E_BUILD="${LOKET_E2E_BUILD:-0}" cargo test --workspace --locked

step "fuzz the bundle reader briefly (cargo fuzz)"
(cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run bundle_reader --sanitizer none -- \
  -max_total_time="${LOKET_FUZZ_SECONDS:-30}" -rss_limit_mb=512)
