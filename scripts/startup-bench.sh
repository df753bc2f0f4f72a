#!/usr/bin/env bash
# Start-up of the release editor, on the bundled FieldFresh example, against a bare eframe
# window built with the same crates and profile (examples/bare_window.rs): the time from
# starting the program to its window being on screen (eframe shows the window once its first
# frame is drawn), and the memory in use a second later. Median of RUNS runs each, alternating,
# under Xvfb with a window manager. Build first:
#   cargo build --release --bin fitcanvas --example bare_window
set -euo pipefail
cd "$(dirname "$0")/.."
release=${CARGO_TARGET_DIR:-target}/release
runs=${RUNS:-15}
for t in Xvfb xdotool openbox; do
  command -v "$t" >/dev/null || { echo "needs $t (apt-get install xvfb xdotool openbox)" >&2; exit 1; }
done
n=120; while [[ -e /tmp/.X$n-lock ]]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1920x1080x24 >/dev/null 2>&1 & xvfb=$!
export DISPLAY=":$n"
for _ in $(seq 1 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.05; done
openbox >/dev/null 2>&1 & wm=$!
home=$(mktemp -d)
trap 'kill $wm $xvfb 2>/dev/null; rm -rf "$home"' EXIT
export HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data
export XDG_RUNTIME_DIR=$home/run; mkdir -p -m 700 "$XDG_RUNTIME_DIR"

# One start: milliseconds to the window, and resident memory (MB) a second after.
start_once() {
  local t0 t1 pid rss
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 & pid=$!
  xdotool search --sync --onlyvisible --pid "$pid" >/dev/null 2>&1
  t1=$(date +%s%N)
  sleep 1
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(((t1 - t0) / 1000000)) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

bare=(); app=()
for _ in $(seq 1 "$runs"); do
  bare+=("$(start_once "$release/examples/bare_window")")
  app+=("$(start_once "$release/fitcanvas" assets/examples/farm-to-restaurant.json)")
done
bare_ms=$(printf '%s\n' "${bare[@]}" | cut -d' ' -f1 | median)
app_ms=$(printf '%s\n' "${app[@]}" | cut -d' ' -f1 | median)
bare_mb=$(printf '%s\n' "${bare[@]}" | cut -d' ' -f2 | median)
app_mb=$(printf '%s\n' "${app[@]}" | cut -d' ' -f2 | median)
echo "bare eframe window: ${bare_ms} ms to the window, ${bare_mb} MB"
echo "fitcanvas on FieldFresh: ${app_ms} ms to the window, ${app_mb} MB"
awk -v a="$app_ms" -v b="$bare_ms" 'BEGIN {printf "ratio %.2f\n", a / b}'
