#!/usr/bin/env bash
# Set up Article Studio in ./.venv and run it on the example article.
# With a display: opens the editor. Without one: lints the article and exports a clean post to ./out/.
set -euo pipefail
cd "$(dirname "$0")"

# enchant + en_US (spelling), Noto CJK (Japanese glyphs), Noto Color Emoji (Zenn's emoji:), what Qt's X11
# platform plugin loads, and what the tests use besides: Neovim (the editor the language server's tests
# drive) and Debian's Jekyll with the site's plugins (exported posts are built as the site builds them).
DEBIAN_PACKAGES=(libenchant-2-2 hunspell-en-us fonts-noto-cjk fonts-noto-color-emoji libgl1 libegl1 libxkbcommon0
                 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
                 libxcb-keysyms1 libxcb-render-util0 libxcb-xkb1 libxcb-randr0 libxcb-shape0 libx11-xcb1
                 neovim jekyll ruby-jekyll-feed ruby-jekyll-seo-tag ruby-jekyll-sitemap ruby-jekyll-paginate
                 ruby-jekyll-redirect-from)

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[editor,dev,servers]'

ARTICLE=examples/2025-10-26-2-googleanthropictpu.md
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${1:-}" != "--headless" ]; then
  exec .venv/bin/article-studio "$ARTICLE"
fi

echo "== article-lint $ARTICLE"
.venv/bin/article-lint "$ARTICLE" || true
echo "== article-lint export --unsafe-fixes --out out/ $ARTICLE"
.venv/bin/article-lint export --unsafe-fixes --overwrite --out out "$ARTICLE"
echo "== the clean post:"
ls out/_posts/
