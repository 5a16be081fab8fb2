#!/usr/bin/env bash
# Desktop end-to-end tests: builds the UI and a debug `loket-desktop` that embeds it (feature
# custom-protocol: no dev server), then drives the real window under Xvfb through tauri-driver.
# Extra arguments go to the test harness (e.g. `-- --nocapture`). LOKET_E2E=0 skips the suite.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${LOKET_SKIP_SETUP:-0}" != "1" ]; then
  scripts/setup.sh
fi

(cd ui && npm run build --silent)
cargo build -p loket-desktop --features custom-protocol
# The test would build the same things itself; they are fresh now.
LOKET_E2E_BUILD=0 cargo test -p loket-tests --test desktop -- "$@"
