#!/usr/bin/env bash
# Installs the Debian packages Fitcanvas needs to build and to run its UI tests headless: a C
# toolchain (Rust links with `cc`), X11/Wayland client libraries for the window, and Mesa's
# software Vulkan driver (lavapipe) so snapshot tests render the same picture on any machine,
# with or without a GPU. Debian 12 or later, Ubuntu 22.04 or later; run as root or with sudo.
# Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(
  # The linker and C compiler Rust's build needs (some dependencies compile C), pkg-config
  # to find the system libraries.
  build-essential pkg-config
  # For the README's rustup step (curl https://sh.rustup.rs).
  curl ca-certificates
  libxkbcommon-dev libxkbcommon-x11-0 libx11-dev libxcursor1 libxrandr2 libxi6
  libwayland-dev libgl1-mesa-dri mesa-vulkan-drivers libvulkan1
  # The timer's one-minute tone plays through ALSA (rodio and cpal link libasound).
  libasound2-dev
  # pdftotext: crates/fitcanvas/tests/export.rs checks that exported PDFs hold every note as searchable text.
  poppler-utils
  # crates/fitcanvas-room/tests/room_browser.rs opens the room's phone page in a real browser (headless), driven by
  # playwright-core from npm; crates/fitcanvas/tests/room_cli.rs runs `fitcanvas present --room` under Xvfb.
  chromium xvfb
  # scripts/typing-check.sh types into the release binary in a real X session with a window
  # manager, as fast as people type.
  xdotool openbox
  # Those drivers, and the live co-editing tests (crates/fitcanvas-live/tests/live_sync.rs), which run a real
  # y-websocket server and a Yjs client, need Node.js.
  nodejs
)
# Debian's nodejs comes without npm; a nodejs that bundles it (NodeSource's) conflicts with it.
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
install_missing() {
if [ ${#missing[@]} -eq 0 ]; then
  return 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=
elif command -v sudo >/dev/null; then
  SUDO=sudo
else
  echo "Run this as root (su -c 'bash $0') or install sudo: it installs Debian packages." >&2
  exit 1
fi
echo "Installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
install_missing

# The pinned y-websocket server and Yjs client of the live tests, from their lockfile; again
# only when the lockfile changed since the last install.
live_node="$(dirname "$0")/../crates/fitcanvas-live/tests/live-node"
if [ ! -f "$live_node/node_modules/.package-lock.json" ] \
  || [ "$live_node/package-lock.json" -nt "$live_node/node_modules/.package-lock.json" ]; then
  (cd "$live_node" && npm ci --no-audit --no-fund --loglevel=error)
fi
