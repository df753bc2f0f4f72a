#!/usr/bin/env bash
# Start-up of the release editor, on the bundled FieldFresh example, against a bare eframe
# window built with the same crates and profile (crates/fitcanvas-app/examples/bare_window.rs): the time from
# starting the program to its window being on screen (eframe shows the window once its first
# frame is drawn), and the memory in use a second later (VmRSS: resident pages, the program's
# own mapped code included). Median of RUNS runs each, alternating, with the lowest and highest,
# under Xvfb twice: with no window manager, where the time is the programs' own (what a user
# feels as the extra over a bare window), and with openbox, as on a desktop, where the window
# manager's own work (about 0.4 s here) is added to both. The target is the extra over a bare
# window, in milliseconds. WM=none or WM=openbox runs one of the two. With BREAKDOWN=1 it also says where the resident memory is
# (from /proc/PID/smaps, median MB of each kind). Build first:
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
wm=
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
  [[ -z ${BREAKDOWN:-} ]] || breakdown "$pid" "$1" >>"$home/breakdown-${1##*/}"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(((t1 - t0) / 1000000)) $rss"
}

# The resident kB of a running program by kind of mapping, one "kind kB" line each: its own
# file (code and read-only data, fonts included), the main heap, other anonymous memory (thread
# arenas, the renderer's buffers, stacks), and the shared libraries.
breakdown() {
  awk -v prog="$(realpath "$2")" '
    /^[0-9a-f]+-[0-9a-f]+ / {
      path = $6
      kind = path == prog ? "program-file" : path == "[heap]" ? "main-heap" \
        : (path == "" || path ~ /^\[/) ? "other-anonymous" : "libraries"
    }
    /^Rss:/ { kb[kind] += $2 }
    END { for (k in kb) print k, kb[k] }' "/proc/$1/smaps"
}

# Median, then lowest–highest in brackets: the editor's memory comes out in two clusters some
# 5 MB apart (see BENCHMARKS.md), so a median alone hides which one a run of starts fell on.
median() { sort -n | awk '{a[NR]=$1} END {printf "%s (%s–%s)", a[int((NR + 1) / 2)], a[1], a[NR]}'; }

# Both programs RUNS times, alternating, then their figures.
bench() {
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
  echo "  each start's MB, sorted: bare $(printf '%s\n' "${bare[@]}" | cut -d' ' -f2 | sort -n | xargs);" \
    "fitcanvas $(printf '%s\n' "${app[@]}" | cut -d' ' -f2 | sort -n | xargs)"
  awk -v a="${app_ms%% *}" -v b="${bare_ms%% *}" \
    'BEGIN {printf "extra over a bare window: %d ms (ratio %.2f)\n", a - b, a / b}'
  if [[ -n ${BREAKDOWN:-} ]]; then
    for kind in program-file main-heap other-anonymous libraries; do
      b=$(awk -v k="$kind" '$1 == k {print int($2 / 1024)}' "$home/breakdown-bare_window" | median)
      a=$(awk -v k="$kind" '$1 == k {print int($2 / 1024)}' "$home/breakdown-fitcanvas" | median)
      echo "  $kind MB: bare $b, fitcanvas $a"
    done
  fi
}

modes=${WM:-none openbox}
for mode in $modes; do
  case $mode in
    none) echo "== no window manager" ;;
    openbox)
      openbox >/dev/null 2>&1 & wm=$!
      sleep 0.5
      echo "== openbox" ;;
    *) echo "WM is none or openbox, not $mode" >&2; exit 2 ;;
  esac
  rm -f "$home"/breakdown-*
  bench
done
