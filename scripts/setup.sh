#!/usr/bin/env bash
# Installs what Loket needs on a fresh Debian/Ubuntu machine, only what is missing.
# Used by scripts/run.sh (the app) and scripts/test.sh (every test). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# System packages: WebKitGTK and friends for the Tauri build, Xvfb + WebKitWebDriver for the
# real-window tests, espeak-ng/sox for the voice clips, imagemagick for screenshots.
PKGS=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libayatana-appindicator3-dev
      librsvg2-dev libxdo-dev xvfb xauth webkit2gtk-driver imagemagick espeak-ng sox
      fonts-dejavu-core poppler-utils)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi

# Rust components used by the checks.
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt

# tauri-driver for the WebDriver suite.
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: cargo install tauri-driver"
  cargo install tauri-driver --locked
fi

# cargo-fuzz for the bundle reader's fuzz target.
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "setup: cargo install cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# UI dependencies at the versions of the lock file. `npm install` rather than `npm ci`: with
# this machine's npm 11 configuration the lock records only this platform's optional packages,
# which `npm ci` refuses; `npm install` installs exactly the locked versions all the same.
if [ -f ui/package-lock.json ]; then
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ] \
     || [ ui/package.json -nt ui/node_modules/.package-lock.json ]; then
    (cd ui && npm install --no-audit --no-fund)
  fi
fi
