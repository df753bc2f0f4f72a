#!/usr/bin/env bash
# Installs the .deb that scripts/package-deb.sh built and checks it as a desktop would see it:
# the binary runs, the desktop entry is valid, a canvas (named *.json or *.fitcanvas.json) is
# application/x-fitcanvas+json, and Fitcanvas is its default application. For CI, as root or
# with sudo, on Debian 12 or later:
#
#   bash scripts/package-deb.sh && bash scripts/check-deb.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
deb=${1:-$(ls -t "${CARGO_TARGET_DIR:-target}"/debian/fitcanvas_*.deb | head -n 1)}
app_id=org.fitcanvas.Fitcanvas

# desktop-file-validate; xdg-mime, which asks gio (libglib2.0-bin) on a GNOME desktop.
$SUDO apt-get install -y -qq --no-install-recommends \
  desktop-file-utils shared-mime-info xdg-utils libglib2.0-bin >/dev/null
# apt takes a local package only as a path (with a slash).
case $deb in /*) ;; *) deb=./$deb ;; esac
$SUDO apt-get install -y -qq --no-install-recommends "$deb" >/dev/null

fail() { echo "check-deb: $*" >&2; exit 1; }

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
fitcanvas --version | grep -qx "fitcanvas $version" || fail "fitcanvas --version: $(fitcanvas --version)"
desktop-file-validate "/usr/share/applications/$app_id.desktop"
for size in 16 24 32 48 64 128 256 512; do
  [ -f "/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png" ] || fail "no ${size} px icon"
done

export XDG_CURRENT_DESKTOP=GNOME
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp assets/examples/farm-to-restaurant.json "$scratch/plain-name.json"
cp assets/examples/farm-to-restaurant.json "$scratch/farm.fitcanvas.json"
echo '{"not": "a canvas"}' > "$scratch/other.json"
for file in plain-name.json farm.fitcanvas.json; do
  type=$(xdg-mime query filetype "$scratch/$file")
  [ "$type" = application/x-fitcanvas+json ] || fail "$file is $type"
done
type=$(xdg-mime query filetype "$scratch/other.json")
[ "$type" = application/json ] || fail "other JSON is $type"
default=$(xdg-mime query default application/x-fitcanvas+json)
[ "$default" = "$app_id.desktop" ] || fail "default application: '$default'"
echo "check-deb: $deb installs and is recognised"
