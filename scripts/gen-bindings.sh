#!/usr/bin/env bash
# Regenerates the TypeScript types in ui/src/lib/bindings from the Rust command layer.
set -euo pipefail
cd "$(dirname "$0")/.."
LOKET_UPDATE_BINDINGS=1 cargo test -q -p loket-core --test bindings
