#!/usr/bin/env bash
# Regenerates the app icons (a blue rounded square with a white "L") with ImageMagick.
# The PNGs must be RGBA (PNG32): Tauri refuses RGB icons.
set -euo pipefail
cd "$(dirname "$0")"
src=$(mktemp --suffix=.png)
trap 'rm -f "$src"' EXIT
convert -size 1024x1024 xc:none -fill '#1d4ed8' -draw "roundrectangle 64,64 960,960 180,180" \
  -fill white -font DejaVu-Sans-Bold -pointsize 720 -gravity center -annotate +20+10 'L' "PNG32:$src"
for size in 32 128 256 512; do
  convert "$src" -resize ${size}x${size} "PNG32:icon-$size.png"
done
mv icon-32.png 32x32.png
mv icon-128.png 128x128.png
mv icon-256.png 128x128@2x.png
mv icon-512.png icon.png
convert "$src" -define icon:auto-resize=256,128,64,48,32,24,16 icon.ico
