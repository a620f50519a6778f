#!/usr/bin/env bash
# Build the Linux bundle (dist/article-studio/) and the Debian package (dist/article-studio_VERSION_ARCH.deb).
#
#   packaging/build-linux.sh            # bundle + .deb
#   packaging/build-linux.sh --deb-only # .deb from an existing dist/article-studio/
#
# PYTHON selects the interpreter that has the project installed (default: .venv/bin/python);
# PyInstaller is installed into it from packaging/requirements.txt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
BUNDLE=dist/article-studio

deb_only=0
[ "${1:-}" = "--deb-only" ] && deb_only=1

VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture)

if [ "$deb_only" = 0 ]; then
  "$PYTHON" -c 'import PyInstaller' 2>/dev/null || "$PYTHON" -m pip install -q -r packaging/requirements.txt
  "$PYTHON" packaging/make_icons.py build/icons >/dev/null
  start=$(date +%s)
  ARTICLE_STUDIO_VERSION=$VERSION "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/article-studio.spec
  echo "bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1)) built in $(( $(date +%s) - start ))s"
fi
[ -x "$BUNDLE/article-lint" ] && [ -x "$BUNDLE/article-studio" ] || { echo "no bundle in $BUNDLE" >&2; exit 1; }
[ -f build/icons/article-studio.png ] || "$PYTHON" packaging/make_icons.py build/icons >/dev/null

start=$(date +%s)
STAGE=build/deb/article-studio_${VERSION}_${ARCH}
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/icons/hicolor/256x256/apps" \
  "$STAGE/usr/share/mime/packages" "$STAGE/usr/share/doc/article-studio"
cp -a "$BUNDLE" "$STAGE/opt/article-studio"
ln -s /opt/article-studio/article-studio "$STAGE/usr/bin/article-studio"
ln -s /opt/article-studio/article-lint "$STAGE/usr/bin/article-lint"
install -m 644 resources/article-studio.desktop "$STAGE/usr/share/applications/article-studio.desktop"
install -m 644 resources/icons/article-studio.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/article-studio.svg"
install -m 644 build/icons/article-studio.png "$STAGE/usr/share/icons/hicolor/256x256/apps/article-studio.png"
install -m 644 resources/article-studio-mime.xml "$STAGE/usr/share/mime/packages/article-studio.xml"
{
  echo "Article Studio $VERSION, built from its source with PyInstaller; MIT licence."
  echo "The bundle in /opt/article-studio carries Python, Qt (LGPLv3), MeCab and the IPA dictionary,"
  echo "each under its own licence (see the files in /opt/article-studio/_internal)."
} > "$STAGE/usr/share/doc/article-studio/copyright"

# What the bundle takes from the system rather than carrying it: libc and the GL/EGL, DRM,
# Wayland and XCB libraries that PyInstaller leaves out (or that were missing at build time,
# such as the XCB utility libraries of Qt's xcb plugin), enchant with the en_US dictionary for
# the spelling rule, fontconfig's configuration and the CJK fonts.
# getconf rather than `ldd --version | head`: under pipefail, head closing the pipe early fails the build.
GLIBC=$(getconf GNU_LIBC_VERSION | awk '{print $2}')
DEPENDS="libc6 (>= $GLIBC), libgl1, libegl1, libdrm2, libwayland-client0, libwayland-cursor0, libwayland-egl1,
 libxcb1, libxcb-icccm4, libxcb-keysyms1, libfontconfig1, libenchant-2-2, hunspell-en-us, fonts-noto-cjk,
 fonts-noto-color-emoji"
cat > "$STAGE/DEBIAN/control" <<EOF
Package: article-studio
Version: $VERSION
Architecture: $ARCH
Maintainer: Article Studio maintainers <maintainers@article-studio.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
Depends: $DEPENDS
Recommends: shared-mime-info, desktop-file-utils
Section: editors
Priority: optional
Description: Markdown editor and linter for Japanese technical articles
 Article Studio is a desktop Markdown editor with live preview and built-in
 checks for Japanese technical writing (textlint's ja-technical-writing rules,
 spelling variants, front matter) and for the artifacts of generated drafts.
 .
 article-lint is the same linter on the command line, for CI.
EOF
mkdir -p dist
rm -f dist/article-studio_*.deb
dpkg-deb -Zgzip --root-owner-group --build "$STAGE" "dist/article-studio_${VERSION}_${ARCH}.deb" >/dev/null
DEB=dist/article-studio_${VERSION}_${ARCH}.deb
echo "deb: $DEB ($(du -h "$DEB" | cut -f1)) built in $(( $(date +%s) - start ))s"
