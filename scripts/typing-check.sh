#!/usr/bin/env bash
# Types into the real release binary, in a real X session with a window manager, as fast as
# people type (xdotool, 10 ms between keys) while both cores are kept busy, and checks that the
# saved file holds exactly what was typed. CI runs it after building the release binary:
#   cargo build --release --bin fitcanvas && bash scripts/typing-check.sh [target/release/fitcanvas]
#
# The plan (scripts/typing_plan.py, seeded, so a failure can be replayed): NOTES notes of 40 to
# 120 characters into random areas, each opened with Ctrl+1…6 and ended by Esc, Enter, Tab or
# Ctrl+S sent the moment its last letter is (the next xdotool starts at once), and now and then
# a click on the status line followed by stray typing, which must land nowhere.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/fitcanvas}
notes=${NOTES:-50}
seed=${SEED:-$RANDOM}
[[ -x $bin ]] || { echo "no $bin: cargo build --release --bin fitcanvas first"; exit 2; }
for t in Xvfb xdotool openbox python3; do
  command -v "$t" >/dev/null || { apt-get update -qq && apt-get install -y -qq xvfb xdotool openbox >/dev/null; break; }
done

work=$(mktemp -d)
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_RUNTIME_DIR=$work/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
canvas=$work/typed.json
printf '{"format": "fitcanvas", "version": 1}\n' >"$canvas"

n=90; while [[ -e /tmp/.X$n-lock ]]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1366x768x24 >/dev/null 2>&1 & xp=$!
export DISPLAY=":$n"
for _ in $(seq 1 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.05; done
openbox >/dev/null 2>&1 & wm=$!
"$bin" "$canvas" >"$work/app.log" 2>&1 & app=$!
busy=()
trap 'kill "${busy[@]}" $app $wm $xp 2>/dev/null || true; rm -rf "$work"' EXIT
win=""
for _ in $(seq 1 200); do
  win=$(xdotool search --onlyvisible --pid "$app" 2>/dev/null | head -1) && [[ -n $win ]] && break
  sleep 0.05
done
[[ -n $win ]] || { echo "the window did not appear"; cat "$work/app.log"; exit 1; }
xdotool windowactivate --sync "$win" 2>/dev/null || true
sleep 1

# A busy machine: both cores taken while typing.
for _ in 1 2; do nice -n 5 sh -c 'while :; do :; done' & busy+=($!); done

echo "typing $notes notes (SEED=$seed)"
python3 scripts/typing_plan.py type "$seed" "$notes" "$win" "$work/expected.json"
# Whatever is still being typed is kept by the save.
xdotool key --delay 10 Escape ctrl+s
sleep 2
# SHOT=file.png keeps a picture of the screen as the check ends.
[[ -z ${SHOT:-} ]] || import -window root "$SHOT"
kill "${busy[@]}" 2>/dev/null || true
busy=()
python3 scripts/typing_plan.py check "$canvas" "$work/expected.json"
echo "typing check passed: what was typed is what was saved"
