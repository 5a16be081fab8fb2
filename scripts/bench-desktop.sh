#!/usr/bin/env bash
# Desktop benchmark (issue 3; a benchmark, not a test): start-up time to the first screen with a
# year of demo data, and memory (PSS of the app and its WebKit processes) against a blank Tauri
# window measured the same way in the same run.
#
#   scripts/bench-desktop.sh [RUNS]        (default 5 runs each; release build)
#
# Goals: first screen < 1000 ms; Loket's PSS within 15 % of the blank window's.
# Start-up is measured from the moment the script starts the process to the moment the UI reports
# its first painted screen (the login screen, filled from the database: the UI calls the shell's
# `startup_ready` after two animation frames; LOKET_STARTUP_PROBE names the file it writes). The
# blank window reports when its page has loaded. PSS is read from /proc/PID/smaps_rollup of the
# process and all its descendants (WebKitWebProcess, WebKitNetworkProcess) 3 s after the first
# screen. The first run follows a page-cache drop when the system allows it (a true cold start).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"

if [ "${LOKET_SKIP_SETUP:-0}" != "1" ]; then scripts/setup.sh; fi
(cd ui && npm run build --silent)
cargo build --release --locked -p loket-cli -p loket-desktop --bins --example blank_window
bin=target/release
data=target/bench-data
mkdir -p "$data"
db="$data/year.db"
if [ ! -s "$db" ]; then
  echo "==> demo data: loket demo --scale mpp --days 365 (once; kept in $db)"
  "$bin/loket" --db "$db.tmp" demo --scale mpp --days 365 --seed 1
  mv "$db.tmp" "$db"
  rm -f "$db.tmp-wal" "$db.tmp-shm"
fi
events=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM events").fetchone()[0])' "$db" 2>/dev/null || echo "?")

work=$(mktemp -d)
cleanup() {
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1

now_ms() { date +%s%3N; }

# PSS in KiB of a process and all its descendants.
tree_pss() {
  local pids=("$1") i=0
  while [ $i -lt ${#pids[@]} ]; do
    for c in $(pgrep -P "${pids[$i]}" || true); do pids+=("$c"); done
    i=$((i + 1))
  done
  local total=0
  for p in "${pids[@]}"; do
    local v
    v=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

drop_caches() {
  sync
  if echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then echo "cold"; else echo "warm"; fi
}

# measure NAME RUN CMD...: prints "<ms> <pss KiB>"
measure() {
  local name=$1 run=$2
  shift 2
  local probe="$work/$name-$run.probe" home="$work/home-$name"
  mkdir -p "$home"
  rm -f "$probe"
  local t0
  t0=$(now_ms)
  DISPLAY="$display" HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    LOKET_STARTUP_PROBE="$probe" "$@" >"$work/$name.log" 2>&1 &
  local pid=$!
  local waited=0
  while [ ! -s "$probe" ]; do
    sleep 0.02
    waited=$((waited + 1))
    if [ $waited -gt 3000 ] || ! kill -0 "$pid" 2>/dev/null; then
      echo "$name did not show its first screen; log:" >&2
      cat "$work/$name.log" >&2
      kill "$pid" 2>/dev/null || true
      return 1
    fi
  done
  local t1
  t1=$(awk '{print $2; exit}' "$probe")
  sleep 3
  local pss
  pss=$(tree_pss "$pid")
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "$((t1 - t0)) $pss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

declare -A start pss
# Loket turns WebKit's accelerated compositing off (src-tauri/src/main.rs); the blank window is
# measured with the same setting ("blank", the comparison) and with WebKit's default
# ("blank_default", for reference).
unset WEBKIT_DISABLE_COMPOSITING_MODE
for name in loket blank blank_default; do
  : >"$work/$name.start"
  : >"$work/$name.pss"
  for run in $(seq 1 "$runs"); do
    kind="warm"
    if [ "$run" = 1 ]; then kind=$(drop_caches); fi
    case "$name" in
      loket) read -r ms kib < <(measure loket "$run" "$bin/loket-desktop" --db "$db") ;;
      blank) read -r ms kib < <(measure blank "$run" env WEBKIT_DISABLE_COMPOSITING_MODE=1 "$bin/examples/blank_window") ;;
      blank_default) read -r ms kib < <(measure blank_default "$run" "$bin/examples/blank_window") ;;
    esac
    echo "$name run $run ($kind): first screen ${ms} ms, PSS $((kib / 1024)) MiB"
    echo "$ms" >>"$work/$name.start"
    echo "$kib" >>"$work/$name.pss"
  done
  start[$name]=$(median <"$work/$name.start")
  pss[$name]=$(median <"$work/$name.pss")
done

loket_first=$(head -1 "$work/loket.start")
ratio=$(awk -v a="${pss[loket]}" -v b="${pss[blank]}" 'BEGIN {printf "%.3f", a / b}')
echo
echo "database: $db ($(du -h "$db" | cut -f1), events: $events)"
echo "Loket first screen: first run ${loket_first} ms, median ${start[loket]} ms (goal < 1000 ms)"
echo "blank window loaded: median ${start[blank]} ms"
echo "PSS median: Loket $((pss[loket] / 1024)) MiB, blank $((pss[blank] / 1024)) MiB (same WebKit settings), ratio ${ratio} (goal <= 1.15)"
echo "PSS median of the blank window with WebKit's default compositing: $((pss[blank_default] / 1024)) MiB"
awk -v s="${start[loket]}" -v f="$loket_first" -v r="$ratio" 'BEGIN {
  print ((s < 1000 && f < 1000) ? "start-up: goal met" : "start-up: goal MISSED");
  print ((r <= 1.15) ? "memory: goal met" : "memory: goal MISSED");
}'
