#!/usr/bin/env bash
# The workspace's layers, checked: each crate may depend only on the crates below it, and the
# model's dependency tree holds no window, renderer, web server or async runtime. Run by CI;
# fails with the offending path of `cargo tree`.
#
#   fitcanvas            the program (command line and window)
#   fitcanvas-app        the window
#   fitcanvas-live       live co-editing        fitcanvas-picture  layout and exports
#   fitcanvas-room       the room
#   fitcanvas-model      the model
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
# `cargo tree -e normal`: what a crate links, build scripts and tests left out.
deps_of() { cargo tree --locked -e normal -p "$1" --prefix none --format '{p}' | awk '{print $1}' | sort -u; }

forbid() {
  local crate=$1; shift
  local deps
  deps=$(deps_of "$crate")
  for banned in "$@"; do
    if grep -qx "$banned" <<<"$deps"; then
      echo "check-layers: $crate depends on $banned, which its layer must not:" >&2
      cargo tree --locked -e normal -p "$crate" -i "$banned" >&2 || true
      status=1
    fi
  done
}

# The model is pure: no window, no rendering, no network.
forbid fitcanvas-model egui eframe wgpu winit axum tokio hyper resvg krilla yrs \
  fitcanvas-picture fitcanvas-room fitcanvas-live fitcanvas-app fitcanvas
# The picture draws without a window or network.
forbid fitcanvas-picture egui eframe wgpu winit axum tokio \
  fitcanvas-room fitcanvas-live fitcanvas-app fitcanvas
# The room and live sit on the model; no window, no picture.
forbid fitcanvas-room egui eframe wgpu fitcanvas-picture fitcanvas-live fitcanvas-app fitcanvas
forbid fitcanvas-live egui eframe wgpu fitcanvas-picture fitcanvas-app fitcanvas
# The window is under the program, never over it.
forbid fitcanvas-app fitcanvas

if [ $status -eq 0 ]; then
  echo "check-layers: every crate depends only on the layers below it"
fi
exit $status
