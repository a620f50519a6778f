"""Wide character classes compile in one step, to the same programs as before."""

from __future__ import annotations

import re
import subprocess
import sys
from re import _compiler, _parser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_studio.rules.engine import charset_speed

# The classes behind a short run's compile time: the rules' Japanese classes and PyYAML's reader.
REAL_CLASSES = [
    "[々〇〻\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\uff00-\uffefぁ-んァ-ヶー。、・−]",
    "[々〇〻\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]{6,}",
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]",
    "[\u4e00-\u9fff々]",
    r"[A-Za-z0-9_À-ɏＡ-Ｚａ-ｚ０-９]",
]


def _program(pattern: str, flags: int, optimize) -> list[int]:
    """The code ``re`` compiles ``pattern`` to, with ``optimize`` as its class optimizer."""
    saved = _compiler._optimize_charset
    _compiler._optimize_charset = optimize
    try:
        return _compiler._code(_parser.parse(pattern, flags), flags)
    finally:
        _compiler._optimize_charset = saved


@pytest.fixture(scope="module")
def optimizers():
    """The interpreter's class optimizer and the one ``speed_up_wide_classes`` puts in place."""
    original = charset_speed.original_optimizer()
    assert charset_speed.speed_up_wide_classes(), "the loop to replace was not found in this Python"
    return original, _compiler._optimize_charset


def test_the_replacement_is_in_place_and_not_the_original(optimizers):
    original, faster = optimizers
    assert faster is not original
    assert faster.__name__ == original.__name__


@pytest.mark.parametrize("pattern", REAL_CLASSES)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_real_classes_compile_to_the_same_program(optimizers, pattern, flags):
    original, faster = optimizers
    assert _program(pattern, flags, faster) == _program(pattern, flags, original)


_code_points = st.one_of(
    st.integers(0, 0x17F),  # around the first table's end at 256
    st.integers(0x3000, 0xFFFF),
    st.integers(0xFF00, 0x1_0100),  # around the end of the Basic Multilingual Plane
    st.integers(0, 0x10FFFF),
)
_items = st.one_of(
    _code_points.map(lambda c: ("one", c)),
    st.tuples(_code_points, st.integers(0, 70_000)).map(lambda p: ("range", p[0], min(p[0] + p[1], 0x10FFFF))),
    st.sampled_from([r"\d", r"\w", r"\s", r"\W"]).map(lambda c: ("escape", c)),
)


def _escaped(c: int) -> str:
    return f"\\U{c:08x}"


def _class(negated: bool, items: list) -> str:
    parts = []
    for item in items:
        if item[0] == "one":
            parts.append(_escaped(item[1]))
        elif item[0] == "range":
            parts.append(f"{_escaped(item[1])}-{_escaped(item[2])}")
        else:
            parts.append(item[1])
    return "[" + ("^" if negated else "") + "".join(parts) + "]"


@settings(max_examples=300, deadline=None)
@given(st.booleans(), st.lists(_items, min_size=1, max_size=6), st.sampled_from([0, re.IGNORECASE, re.ASCII]))
def test_any_class_compiles_to_the_same_program(optimizers, negated, items, flags):
    original, faster = optimizers
    pattern = _class(negated, items) + "x" + _class(not negated, items[::-1])
    assert _program(pattern, flags, faster) == _program(pattern, flags, original)


def test_a_compiler_without_the_loop_is_left_as_it_is():
    source = "def _optimize_charset(charset):\n    for i in charset:\n        pass\n"
    assert charset_speed._replace_loop(source) is None


def test_a_function_without_a_readable_source_is_left_as_it_is():
    scope: dict = {}
    exec(compile("def _optimize_charset(charset):\n    return charset\n", "/nonexistent/_compiler.py", "exec"), scope)
    assert charset_speed._source_of(scope["_optimize_charset"], "/nonexistent/_compiler.py") is None


def test_a_source_named_by_a_relative_path_is_never_read(tmp_path, monkeypatch):
    # A frozen bundle's modules name relative files: one in the current folder is not theirs.
    (tmp_path / "re").mkdir()
    (tmp_path / "re" / "_compiler.py").write_text("def _optimize_charset(charset):\n    return charset\n")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile("def _optimize_charset(charset):\n    return charset\n", "re/_compiler.py", "exec"), scope)
    assert charset_speed._source_of(scope["_optimize_charset"], "re/_compiler.py") is None
    assert charset_speed._source_of(scope["_optimize_charset"], str(tmp_path / "re" / "_compiler.py")) is None


def test_a_lint_process_compiles_with_it_and_a_library_user_does_not():
    script = (
        "from re import _compiler\n"
        "before = _compiler._optimize_charset\n"
        "import article_studio.rules\n"
        "print(_compiler._optimize_charset is before)\n"
        "article_studio.rules.tune_for_linting()\n"
        "print(_compiler._optimize_charset is before)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_a_bundle_reads_the_source_it_ships(tmp_path, monkeypatch):
    (tmp_path / "re").mkdir()
    (tmp_path / "re" / "_compiler.py").write_text("def _optimize_charset(charset):\n    return charset\n")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    scope: dict = {}
    exec(compile("def _optimize_charset(charset):\n    return charset\n", "re/_compiler.py", "exec"), scope)
    # The module itself comes from the bundle's archive of the standard library.
    module_file = str(tmp_path / "base_library.zip" / "re" / "_compiler.pyc")
    assert charset_speed._source_of(scope["_optimize_charset"], module_file) == (
        "def _optimize_charset(charset):\n    return charset\n"
    )
    elsewhere = str(tmp_path.parent / "elsewhere" / "re" / "_compiler.pyc")
    assert charset_speed._source_of(scope["_optimize_charset"], elsewhere) is None
