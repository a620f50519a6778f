"""The built Debian package: its bundled programs give the same findings as the source.

Runs only with ARTICLE_STUDIO_TEST_BUNDLE=1 (``packaging/test-bundle.sh`` sets it), against
``dist/article-studio_*.deb`` (or the file in ARTICLE_STUDIO_DEB), which
``packaging/build-linux.sh`` makes. It is opt-in rather than "whenever a .deb exists": a
package left in dist/ by an earlier build would otherwise fail the suite as soon as a rule
changes in the source.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "2025-10-26-2-googleanthropictpu.md"
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]

pytestmark = [
    pytest.mark.skipif(
        os.environ.get("ARTICLE_STUDIO_TEST_BUNDLE") != "1",
        reason="set ARTICLE_STUDIO_TEST_BUNDLE=1 to test the built .deb (packaging/test-bundle.sh)",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .deb is Linux only"),
]


@pytest.fixture(scope="module")
def deb() -> Path:
    if os.environ.get("ARTICLE_STUDIO_DEB"):
        path = Path(os.environ["ARTICLE_STUDIO_DEB"])
    else:
        found = sorted((REPO / "dist").glob(f"article-studio_{VERSION}_*.deb"))
        if not found:
            pytest.fail(f"no dist/article-studio_{VERSION}_*.deb: run packaging/build-linux.sh first")
        path = found[-1]
    assert path.is_file(), path
    return path


@pytest.fixture(scope="module")
def unpacked(deb, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


@pytest.fixture(scope="module")
def source_findings() -> list[dict]:
    """``python -m article_studio.rules --format json`` on the example, from the source tree."""
    proc = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", "--format", "json", str(EXAMPLE)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 1, proc.stderr
    return _messages(proc.stdout)


def _messages(stdout: str) -> list[dict]:
    """The findings of every file, without the file path (which differs between runs)."""
    return [m for result in json.loads(stdout) for m in result["messages"]]


def test_control_file(deb):
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Depends"], check=True, capture_output=True, text=True
    ).stdout
    assert "Package: article-studio" in fields
    assert f"Version: {VERSION}" in fields
    for needed in (
        "libenchant-2-2",
        "hunspell-en-us",
        "fonts-noto-cjk",
        "fonts-noto-color-emoji",
        "libgl1",
        "libegl1",
        "libxcb-icccm4",
    ):
        assert needed in fields


def test_layout(unpacked):
    opt = unpacked / "opt" / "article-studio"
    for program in ("article-studio", "article-lint"):
        assert os.access(opt / program, os.X_OK)
        assert os.readlink(unpacked / "usr" / "bin" / program) == f"/opt/article-studio/{program}"
    internal = opt / "_internal"
    assert (internal / "resources" / "preview.css").is_file()
    assert (internal / "ipadic" / "dicdir" / "sys.dic").is_file()
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqoffscreen.so").is_file()
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").is_file()
    assert list((internal / "PySide6" / "Qt" / "translations").glob("qtbase_ja.qm"))
    desktop = (unpacked / "usr" / "share" / "applications" / "article-studio.desktop").read_text(encoding="utf-8")
    assert "Exec=article-studio %F" in desktop and "MimeType=text/markdown;" in desktop
    assert (unpacked / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / "article-studio.svg").is_file()
    assert "text/markdown" in (unpacked / "usr" / "share" / "mime" / "packages" / "article-studio.xml").read_text()


def test_bundled_lint_matches_source(unpacked, source_findings, tmp_path):
    lint = unpacked / "opt" / "article-studio" / "article-lint"
    # An empty environment: no PATH, no HOME, no PYTHONPATH, no locale.
    proc = subprocess.run(
        ["env", "-i", str(lint), "--format", "json", str(EXAMPLE)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 1, proc.stderr
    assert _messages(proc.stdout) == source_findings
    assert "skipped" not in proc.stderr  # e.g. "spelling (TM003) skipped: ..." when enchant is unusable


def test_bundled_lint_parallel_jobs(unpacked, source_findings, tmp_path):
    """--jobs 2 runs worker processes: the frozen program must serve them (freeze_support)."""
    for name in ("a.md", "b.md"):
        shutil.copy(EXAMPLE, tmp_path / name)
    lint = unpacked / "opt" / "article-studio" / "article-lint"
    proc = subprocess.run(
        ["env", "-i", str(lint), "--jobs", "2", "--format", "json", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 1, proc.stderr
    results = json.loads(proc.stdout)
    assert len(results) == 2
    assert [r["messages"] for r in results] == [source_findings, source_findings]


def test_bundled_editor_smoke_test(unpacked, source_findings, tmp_path):
    studio = unpacked / "opt" / "article-studio" / "article-studio"
    shot = tmp_path / "shot.png"
    proc = subprocess.run(
        [
            "env",
            "-i",
            "QT_QPA_PLATFORM=offscreen",
            f"HOME={tmp_path}",
            f"XDG_RUNTIME_DIR={tmp_path}",
            f"ARTICLE_STUDIO_RECOVERY_DIR={tmp_path / 'recovery'}",
            str(studio),
            "--smoke-test",
            str(EXAMPLE),
            "--screenshot",
            str(shot),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["diagnostics"] == len(source_findings)
    assert report["by_code"] == dict(Counter(m["code"] for m in source_findings))
    assert report["preview_chars"] > 0
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("apt-get"), reason="installing needs root and apt-get")
def test_apt_install_and_remove(deb, source_findings, tmp_path):
    installed = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "article-studio"], capture_output=True, text=True)
    if "install ok installed" in installed.stdout:
        pytest.skip("article-studio is already installed on this machine; not touching it")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", str(deb.resolve())], check=True, env=env, capture_output=True, text=True
    )
    try:
        version = subprocess.run(["/usr/bin/article-lint", "--version"], capture_output=True, text=True)
        assert version.returncode == 0, version.stderr
        assert version.stdout.strip() == f"article-lint {VERSION}"
        proc = subprocess.run(
            ["env", "-i", "/usr/bin/article-lint", "--format", "json", str(EXAMPLE)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        assert proc.returncode == 1, proc.stderr
        assert _messages(proc.stdout) == source_findings
        # Depends is complete: with the package's dependencies installed, every library of the
        # bundle (Qt's xcb and wayland plugins included) resolves.
        missing = []
        for lib in Path("/opt/article-studio").rglob("*.so*"):
            if lib.is_file() and not lib.is_symlink():
                out = subprocess.run(
                    ["ldd", str(lib)],
                    capture_output=True,
                    text=True,
                    env={"LD_LIBRARY_PATH": "/opt/article-studio/_internal"},
                ).stdout
                missing += [f"{lib.name}: {line.strip()}" for line in out.splitlines() if "not found" in line]
        assert missing == []
        assert Path("/usr/share/applications/article-studio.desktop").is_file()
    finally:
        subprocess.run(
            ["apt-get", "remove", "-y", "-qq", "article-studio"], check=True, env=env, capture_output=True, text=True
        )
    assert not Path("/usr/bin/article-lint").exists()
    assert not Path("/opt/article-studio").exists()
