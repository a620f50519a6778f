#!/usr/bin/env bash
# Verify the built Debian package (dist/article-studio_*.deb, from packaging/build-linux.sh):
#  - unpacked with dpkg-deb -x, the bundled article-lint run with an empty environment (env -i)
#    exits 1 with the same findings as `python -m article_studio.rules --format json` from the source (also with --jobs 2);
#  - the bundled article-studio --smoke-test, offscreen, reports the same diagnostics;
#  - as root: apt-get install ./dist/article-studio_*.deb, /usr/bin/article-lint --version and a
#    lint run, every bundled library resolves, then apt-get remove.
# The checks are tests/packaging/test_bundle.py; this runs them. Extra arguments go to pytest.
#
#   packaging/test-bundle.sh [PYTEST-ARGS...]      # ARTICLE_STUDIO_DEB=FILE to test another .deb
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
export ARTICLE_STUDIO_TEST_BUNDLE=1
exec "$PYTHON" -m pytest -p no:cacheprovider -o addopts="" -v tests/packaging/test_bundle.py "$@"
