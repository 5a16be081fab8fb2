#!/usr/bin/env bash
# Saves PNGs of the main desktop screens (1366×768, under Xvfb) into docs/screenshots/ (or the
# directory given as $1), by running the ignored `screenshots` WebDriver test on the real app.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if [ "${LOKET_SKIP_SETUP:-0}" != "1" ]; then
  scripts/setup.sh
fi

(cd ui && npm run build --silent)
cargo build -p loket-desktop --features custom-protocol
LOKET_E2E=1 LOKET_E2E_BUILD=0 LOKET_SCREENSHOTS_DIR="$out" \
  cargo test -p loket-tests --test desktop -- --ignored screenshots --nocapture --test-threads=1
echo "screenshots in $out"
