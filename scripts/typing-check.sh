#!/usr/bin/env bash
# Types into the real release binary, in a real X session with a window manager, as fast as
# people type (xdotool, 10 ms between keys) while both cores are kept busy, saves with Ctrl+S,
# and checks that the file holds exactly what was typed. Not part of CI (it needs a release
# build); run it after a change to key handling:
#   cargo build --release && bash scripts/typing-check.sh [target/release/fitcanvas]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/fitcanvas}
[[ -x $bin ]] || { echo "no $bin: cargo build --release first"; exit 2; }
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
trap 'kill "${busy[@]}" $app $wm $xp 2>/dev/null || true' EXIT
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

type() { xdotool type --delay 10 -- "$1"; }
key() { xdotool key --delay 10 "$@"; }
key ctrl+2
type "Fast one alpha"; key Return
type "Fast two bravo"; key Return
type "vtnf 12345"; key Escape
key ctrl+1
type "Order fresh produce"; key Return
type "Plan the menu"; key Escape
key ctrl+s
sleep 2
kill "${busy[@]}" 2>/dev/null || true

python3 - "$canvas" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
got = {k: [n["text"] for n in doc.get(k, [])] for k in ("pains", "jobs")}
want = {"pains": ["Fast one alpha", "Fast two bravo", "vtnf 12345"],
        "jobs": ["Order fresh produce", "Plan the menu"]}
votes = sum(n.get("votes", 0) for k in ("pains", "jobs") for n in doc.get(k, []))
print("saved:", got, "votes:", votes)
sys.exit(0 if got == want and votes == 0 else 1)
EOF
echo "typing check passed: what was typed is what was saved"
