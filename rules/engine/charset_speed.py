"""Faster compilation of regular expressions with wide character classes, for lint processes.

``re`` compiles a class such as ``[\\u3400-\\u9fff]`` by marking each of its code points in a
table, one at a time, in Python: about 50 ns a code point, so 1-2 ms for a class of kanji, and
twice that for a pattern that starts with one (the class is optimized again to find the
pattern's first character). The Japanese rules and PyYAML's reader compile several such
classes, 17 ms of a one-article ``article-lint`` run in the process whose rules take longest.

``speed_up_wide_classes`` gives the interpreter's own ``_optimize_charset`` one change: a
range is marked with one slice assignment instead of a loop. The rest of the function is the
installed Python's, read from its source, so the compiled patterns are the same by
construction; the new function is also checked against the old on sample classes before it
replaces it. Where the source cannot be read (a frozen program that does not ship it; the
Linux bundle does) or the loop is not found as written (another Python), nothing changes and
patterns compile as before, only slower.

Only entry points call this, through ``tune_for_linting``: a program that imports ``rules``
as a library keeps its interpreter as it was.
"""

from __future__ import annotations

import importlib
import os
import sys
import textwrap

_MARK_EACH = """\
else:
    for i in r:
        charmap[i] = 1
"""
# The same marks: up to the table's end with one assignment, then the IndexError the loop
# would raise at the first code point past it (the caller widens the table or keeps the
# range for the matcher, as before).
_MARK_SLICE = """\
else:
    lo, hi = av
    if hi < len(charmap):
        charmap[lo : hi + 1] = b"\\x01" * (hi + 1 - lo)
    else:
        if lo < len(charmap):
            charmap[lo:] = b"\\x01" * (len(charmap) - lo)
        raise IndexError
"""
# Classes the new function must optimize exactly as the old one: narrow and wide ranges,
# one across the first 256 code points, one past the Basic Multilingual Plane, a negation.
_SAMPLES = (
    "[a-z]",
    "[\\x00-\\xff]",
    "[\\t\\n -~\\x85\\xa0-\\u07ff]",
    "[^a-c\\u3040-\\u30ff]",
    "[\\u00f0-\\u0110\\U0001f300-\\U0001f3ff]",
    "[x\\uff00-\\uffff\\U00010000-\\U0010ffff]",
    "[\\uff00-\\U00010100]",
)
_original = None  # the interpreter's optimizer, once replaced


def speed_up_wide_classes() -> bool:
    """Mark ranges of character classes in one step from now on; True when in place."""
    global _original
    if _original is not None:
        return True
    try:  # private modules, as named since Python 3.11 (sre_compile before)
        compiler = importlib.import_module("re._compiler")
        parser = importlib.import_module("re._parser")
    except ImportError:
        return False
    old = compiler._optimize_charset
    source = _source_of(old, compiler.__file__)
    new_source = _replace_loop(source) if source is not None else None
    if new_source is None:
        return False
    scope: dict = {}
    exec(compile(new_source, "<re._compiler: ranges marked in one step>", "exec"), vars(compiler), scope)
    new = scope[old.__name__]
    if not all(_same_result(old, new, parser, sample) for sample in _SAMPLES):
        return False
    _original = old
    setattr(compiler, "_optimize_charset", new)  # noqa: B010 - a private name mypy cannot see
    return True


def original_optimizer():
    """The interpreter's own class optimizer, whether or not it was replaced."""
    return _original if _original is not None else importlib.import_module("re._compiler")._optimize_charset


def _source_of(function, module_file: str | None) -> str | None:
    """The text of a module-level ``function`` of the module loaded from ``module_file``: its
    ``def`` line and the lines after it up to the next one that is not indented
    (``inspect.getsource`` would tokenize the whole file, a few ms, most of what this saves on
    a short run). None unless the function was compiled from that file by its absolute path,
    or is a PyInstaller bundle's, named relative to the bundle's folder and read from there; a
    relative path is never looked for in the folder the run started in (the text is executed)."""
    path = function.__code__.co_filename
    if not module_file:
        return None
    if os.path.isabs(path):
        if path != module_file:
            return None
    else:
        # A PyInstaller bundle names its modules' files relative to its own folder (the
        # module itself is loaded from an archive there), and the compiler's source is
        # shipped in that folder for this (packaging/article-studio.spec).
        bundle = getattr(sys, "_MEIPASS", None) if getattr(sys, "frozen", False) else None
        if not bundle or not module_file.startswith(os.path.join(bundle, "")):
            return None
        path = os.path.join(bundle, path)
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):  # no source shipped: bytecode only
        return None
    first = function.__code__.co_firstlineno - 1
    if not 0 <= first < len(lines) or not lines[first].startswith(f"def {function.__name__}("):
        return None
    end = first + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t"):
        end += 1
    return "".join(lines[first:end])


def _replace_loop(source: str) -> str | None:
    """``source`` with the one per-code-point loop of a range replaced, or None when that
    loop is not there exactly once, as written (another Python's compiler)."""
    lines = source.splitlines(keepends=True)
    body = _MARK_EACH.splitlines(keepends=True)
    found = []
    for n in range(len(lines) - len(body) + 1):
        indent = lines[n][: len(lines[n]) - len(lines[n].lstrip())]
        if lines[n].strip() == "else:" and textwrap.dedent("".join(lines[n : n + len(body)])) == _MARK_EACH:
            found.append((n, indent))
    if len(found) != 1:
        return None
    n, indent = found[0]
    return "".join([*lines[:n], textwrap.indent(_MARK_SLICE, indent), *lines[n + len(body) :]])


def _same_result(old, new, parser, sample: str) -> bool:
    (op, charset), *_ = parser.parse(sample).data
    return old(list(charset)) == new(list(charset))
