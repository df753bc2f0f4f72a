#!/usr/bin/env bash
# Builds a Debian package of Fitcanvas: target/debian/fitcanvas_<version>_<arch>.deb, holding
# the binary, its desktop entry, the app icon (SVG and the hicolor PNG sizes), the canvas file
# type (application/x-fitcanvas+json) and the licences. Needs dpkg-dev (build-essential has it).
#
#   bash scripts/package-deb.sh            # build, then package
#   sudo apt install ./target/debian/fitcanvas_*.deb
#
# Why plain dpkg-deb and not cargo-deb: dpkg-deb and dpkg-shlibdeps are already on every Debian
# machine that can build Fitcanvas, while `cargo install cargo-deb` compiles for several minutes
# on a 2-core machine (and again on every fresh CI runner, inside its 90 minutes). The package is
# small enough to lay out by hand here. The icon, menu and file type need no maintainer scripts:
# Debian's hicolor-icon-theme, desktop-file-utils and shared-mime-info refresh their caches from
# dpkg triggers on the folders these files go to.
#
# An AppImage is not built: it needs appimagetool, which is not packaged in Debian 12 and cannot
# be downloaded on the build machines.
set -euo pipefail
cd "$(dirname "$0")/.."

app_id=org.fitcanvas.Fitcanvas
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
arch=$(dpkg --print-architecture)
target_dir=${CARGO_TARGET_DIR:-target}
out_dir=$target_dir/debian
deb=$out_dir/fitcanvas_${version}_${arch}.deb

if [ "${SKIP_BUILD:-}" != 1 ]; then
  cargo build --release --locked --bin fitcanvas
fi
binary=$target_dir/release/fitcanvas
[ -x "$binary" ] || { echo "no binary at $binary (build it, or unset SKIP_BUILD)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pkg=$work/pkg

install -D -m 0755 "$binary" "$pkg/usr/bin/fitcanvas"
strip --strip-unneeded "$pkg/usr/bin/fitcanvas"
install -D -m 0644 "packaging/linux/$app_id.desktop" "$pkg/usr/share/applications/$app_id.desktop"
install -D -m 0644 "packaging/linux/$app_id.xml" "$pkg/usr/share/mime/packages/$app_id.xml"
install -D -m 0644 assets/icon/fitcanvas.svg "$pkg/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
for png in assets/icon/hicolor/*/apps/"$app_id".png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  install -D -m 0644 "$png" "$pkg/usr/share/icons/hicolor/$size/apps/$app_id.png"
done
doc=$pkg/usr/share/doc/fitcanvas
install -d "$doc/fonts"
install -m 0644 assets/fonts/README.md assets/fonts/LICENSE-*.txt "$doc/fonts/"
cat > "$doc/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Fitcanvas

Files: *
License: MIT or Apache-2.0

Files: fonts bundled in /usr/bin/fitcanvas
License: SIL OFL 1.1 (Noto), Apache-2.0 (Droid Sans Fallback), free (Symbola)
Comment: the licence texts and sources are in /usr/share/doc/fitcanvas/fonts/.
EOF

# The shared libraries the binary links against, as Debian package names and versions.
mkdir -p "$work/debian"
printf 'Source: fitcanvas\n\nPackage: fitcanvas\nArchitecture: any\n' > "$work/debian/control"
shlibs=$(cd "$work" && dpkg-shlibdeps -O -e pkg/usr/bin/fitcanvas 2>/dev/null | sed -n 's/^shlibs:Depends=//p')

# The window libraries winit and wgpu open at run time (dlopen), which dpkg-shlibdeps cannot see.
runtime="libxkbcommon0, libxkbcommon-x11-0, libx11-6, libxcursor1, libxrandr2, libxi6, \
libwayland-client0, libwayland-cursor0, libwayland-egl1, libvulkan1 | libegl1"

install -d "$pkg/DEBIAN"
cat > "$pkg/DEBIAN/control" <<EOF
Package: fitcanvas
Version: $version
Architecture: $arch
Maintainer: Fitcanvas <dev@fitcanvas.invalid>
Section: misc
Priority: optional
Depends: ${shlibs:+$shlibs, }$runtime
Recommends: mesa-vulkan-drivers, xdg-desktop-portal-gtk | xdg-desktop-portal-kde | zenity
Installed-Size: $(du -sk "$pkg" | cut -f1)
Description: Value Proposition Canvas editor
 Fitcanvas builds a customer profile (jobs, pains, gains) and a value map (products,
 pain relievers, gain creators), scores how well they fit, and keeps each canvas as a
 small JSON file. It exports SVG, PNG, PDF and Markdown, and compares two versions.
EOF

mkdir -p "$out_dir"
dpkg-deb --root-owner-group --build "$pkg" "$deb" >/dev/null
echo "$deb"
