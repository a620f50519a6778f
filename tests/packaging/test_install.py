"""The installed package: one import package, article_studio, and the two commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a copy of what the wheel holds, so the checkout gets no build/ folder.
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    for folder in ("rules", "editor", "resources"):
        shutil.copytree(REPO / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    return next(out.glob("article_studio-*.whl"))


def test_wheel_installs_one_top_level_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/", 1)[0] for n in names if not n.split("/", 1)[0].endswith(".dist-info")} == {"article_studio"}
    assert "article_studio/rules/__init__.py" in names
    assert "article_studio/rules/checks/ag/end_marker.py" in names
    assert "article_studio/editor/__init__.py" in names
    assert "article_studio/resources/schemas/jekyll.json" in names
    assert "article_studio/__init__.py" not in names  # a namespace package


def test_installed_wheel_imports_article_studio_only(wheel, tmp_path):
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    # Only the installed copy of the project is importable (not the checkout's editable one); the
    # dependencies come from this environment.
    script = (
        "import importlib.util, sys\n"
        f"sys.path.insert(0, {str(target)!r})\n"
        "sys.meta_path = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]\n"
        "assert importlib.util.find_spec('rules') is None, 'rules is importable'\n"
        "assert importlib.util.find_spec('editor') is None, 'editor is importable'\n"
        "import article_studio.rules as core\n"
        f"assert core.__file__.startswith({str(target)!r}), core.__file__\n"
        "print(core.__version__, [d.code for d in core.lint_text('本文です。\\n\\n---END---\\n')])\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split(maxsplit=1) == ["0.1.0", "['AG001']\n"]


def test_commands_answer():
    bin_dir = Path(sys.executable).parent
    lint = subprocess.run([bin_dir / "article-lint", "--version"], capture_output=True, text=True)
    assert lint.returncode == 0 and lint.stdout.startswith("article-lint ")
    studio = subprocess.run([bin_dir / "article-studio", "--help"], capture_output=True, text=True)
    assert studio.returncode == 0, studio.stderr
    assert "usage" in studio.stdout.lower()
