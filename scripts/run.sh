#!/usr/bin/env bash
# Runs the Loket desktop app on a fresh machine: installs what is missing (scripts/setup.sh),
# builds the UI and the app (release, UI embedded), and starts it. Arguments go to the app,
# e.g. `scripts/run.sh --db /path/to/loket.db` (default: $LOKET_DB, else ~/.local/share/loket/loket.db).
# LOKET_BUILD=debug builds faster but runs slower.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
(cd ui && npm run build --silent)

profile=(--release)
if [ "${LOKET_BUILD:-release}" = "debug" ]; then profile=(); fi
exec cargo run "${profile[@]}" -p loket-desktop --features custom-protocol -- "$@"
