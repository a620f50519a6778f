"""Front matter: find the YAML (``---``) or TOML (``+++``) header and parse it.

A parse error never raises: it is kept with the absolute offset of the problem so that
FM001 can point at it. So is a header that would cost far more than its size: YAML aliases
that expand to more values than the header could spell out (an "alias bomb": a few hundred
bytes that stand for billions of values), or nesting deeper than ``MAX_DEPTH``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_YAML_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\n")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_TOML_OPEN = re.compile(r"\A(?:\ufeff)?\+\+\+[ \t]*\n")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*$", re.M)

# Far beyond any real header: a few levels, a few dozen values.
MAX_DEPTH = 64
MAX_EXTRA_VALUES = 10_000  # values beyond one per character of the header (only aliases make them)
_TOO_DEEP = "nested too deeply (more than {depth} levels)"


class _Parsed:
    """A field of ``FrontMatter`` that parsing fills in: reading it parses the header first."""

    def __set_name__(self, owner, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, fm, owner=None):
        if fm is None:
            return self
        fm._parse_once()
        return getattr(fm, self.slot)

    def __set__(self, fm, value) -> None:
        setattr(fm, self.slot, value)


class FrontMatter:
    """The header of a post.

    ``span`` covers the whole header including both fences; ``content_start`` is where
    the raw YAML/TOML text begins. ``data`` is the parsed mapping (empty on error).
    ``key_spans`` gives, for each top-level key, the span of its value in the file.

    The header is parsed when ``data``, ``error``, ``error_offset`` or ``key_spans`` is
    first read: a run whose rules never look at it (the JA rules) does not load YAML.
    """

    __slots__ = (
        "format",
        "raw",
        "span",
        "content_start",
        "closed",
        "_data",
        "_error",
        "_error_offset",
        "_key_spans",
        "_parsed",
    )

    def __init__(self, format: str, raw: str, span: tuple[int, int], content_start: int, closed: bool = True):
        self.format = format  # "yaml" | "toml"
        self.raw = raw
        self.span = span
        self.content_start = content_start
        self.closed = closed
        self._data: dict[str, Any] = {}
        self._error: str | None = None
        self._error_offset: int | None = None
        self._key_spans: dict[str, tuple[int, int]] = {}
        self._parsed = not closed  # an unclosed header has nothing to parse

    def _parse_once(self) -> None:
        if not self._parsed:
            self._parsed = True
            try:
                _parse(self)
            except Exception as exc:  # never "valid and empty": whatever went wrong is FM001's
                self._data, self._key_spans = {}, {}
                self._error = f"front matter cannot be read: {type(exc).__name__}: {exc}"
                self._error_offset = self.content_start

    data = _Parsed()
    error = _Parsed()
    error_offset = _Parsed()
    key_spans = _Parsed()

    @property
    def ok(self) -> bool:
        return self.error is None

    def value_span(self, key: str) -> tuple[int, int]:
        """Span of ``key``'s value, or of the whole header when the key is absent."""
        return self.key_spans.get(key, (self.span[0], self.content_start - 1 if self.content_start else self.span[1]))

    def __repr__(self) -> str:
        return f"FrontMatter({self.format!r}, span={self.span!r}, closed={self.closed!r})"


def find_front_matter(text: str) -> FrontMatter | None:
    """Return the front matter at the very start of ``text``, or None."""
    for fmt, opener, closer in (("yaml", _YAML_OPEN, _YAML_CLOSE), ("toml", _TOML_OPEN, _TOML_CLOSE)):
        m = opener.match(text)
        if not m:
            continue
        content_start = m.end()
        close = closer.search(text, content_start)
        if close is None:
            fm = FrontMatter(fmt, text[content_start:], (0, len(text)), content_start, closed=False)
            fm.error = "front matter is not closed (no closing '---' line)"
            fm.error_offset = 0
            return fm
        end = close.end()
        if end < len(text) and text[end] == "\n":
            end += 1
        return FrontMatter(fmt, text[content_start : close.start()], (0, end), content_start)
    return None


def _parse(fm: FrontMatter) -> None:
    if fm.format == "toml":
        import tomllib  # here: most headers are YAML, and a one-article run is mostly start-up

        try:
            data = tomllib.loads(fm.raw)
        except RecursionError:
            fm.error = "invalid TOML: " + _TOO_DEEP.format(depth=MAX_DEPTH)
            fm.error_offset = fm.content_start
            return
        except tomllib.TOMLDecodeError as exc:
            fm.error = str(exc)
            line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
            if line is None or column is None:  # before Python 3.14 the position is only in the message
                m = re.search(r"\(at line (\d+), column (\d+)\)", fm.error)
                line, column = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
            start = _offset_of_line(fm, line - 1)
            fm.error_offset = min(start + max(column - 1, 0), fm.content_start + len(fm.raw))
            return
        if _depth(data) > MAX_DEPTH:
            fm.error = "invalid TOML: " + _TOO_DEEP.format(depth=MAX_DEPTH)
            fm.error_offset = fm.content_start
            return
        fm.data = data
        return
    import yaml

    try:
        data, key_spans = _load_yaml(fm)
    except RecursionError:
        fm.error = "invalid YAML: " + _TOO_DEEP.format(depth=MAX_DEPTH)
        fm.error_offset = fm.content_start
        return
    except _TooCostly as exc:
        fm.error = f"invalid YAML: {exc}"
        fm.error_offset = fm.content_start
        return
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        fm.error = f"invalid YAML: {problem}"
        if mark is not None:
            fm.error_offset = min(fm.content_start + mark.index, fm.span[1])
            # mark.line counts from the YAML's first line; the opening fence is the file's line 1.
            fm.error = f"invalid YAML: {problem} (line {mark.line + 2}, column {mark.column + 1})"
        else:
            fm.error_offset = fm.content_start
        return
    if data is None:
        data = {}
    if not isinstance(data, dict):
        fm.error = f"front matter must be a mapping of keys to values, not {type(data).__name__}"
        fm.error_offset = fm.content_start
        return
    fm.data = {str(k): v for k, v in data.items()}
    fm.key_spans = key_spans


@lru_cache(maxsize=1)
def _text_date_loader():
    """SafeLoader that keeps timestamps as text, for headers with impossible dates."""
    import yaml

    class TextDateLoader(yaml.SafeLoader):
        pass

    TextDateLoader.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return TextDateLoader


def _load_yaml(fm: FrontMatter) -> tuple[Any, dict[str, tuple[int, int]]]:
    """The header's data (as ``yaml.safe_load`` gives it) and the spans of its top-level
    values, from one parse.

    ``date: 2025-02-30`` stays the string it is: PyYAML raises a bare ValueError for an
    impossible date, but the header is still valid YAML, and FM005 reports the date.
    """
    import yaml  # only when a header is read: YAML takes longer to import than to parse one

    loader = yaml.SafeLoader(fm.raw)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_cost(node, len(fm.raw))
        key_spans = _yaml_key_spans(fm, node)
        try:
            data = loader.construct_document(node) if node is not None else None
        except (ValueError, OverflowError):
            data = yaml.load(fm.raw, Loader=_text_date_loader())  # noqa: S506 - a SafeLoader subclass
    finally:
        loader.dispose()
    return data, key_spans


def _offset_of_line(fm: FrontMatter, line: int) -> int:
    offset = fm.content_start
    for _ in range(max(line, 0)):
        nl = fm.raw.find("\n", offset - fm.content_start)
        if nl == -1:
            break
        offset = fm.content_start + nl + 1
    return offset


def _yaml_key_spans(fm: FrontMatter, node) -> dict[str, tuple[int, int]]:
    """Absolute spans of top-level values, from the marks of the composed ``node``."""
    import yaml

    spans: dict[str, tuple[int, int]] = {}
    if not isinstance(node, yaml.MappingNode):
        return spans
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue  # a list or mapping as a key: nothing a rule looks up
        key = str(key_node.value)
        start = value_node.start_mark.index
        end = value_node.end_mark.index
        if end <= start:  # an empty value: point at the key
            start, end = key_node.start_mark.index, key_node.end_mark.index
        spans[key] = (fm.content_start + start, fm.content_start + end)
    return spans


class _TooCostly(Exception):
    """The header's YAML would expand to far more than it spells out, or nests too deeply."""


def _check_cost(root, length: int) -> None:
    """Raise ``_TooCostly`` when the composed YAML ``root`` is deeper than ``MAX_DEPTH`` or
    stands for more values than ``length`` characters can spell out plus ``MAX_EXTRA_VALUES``.

    Aliases make a node appear in several places, so the values the data would hold are counted
    once per place, without building them: each node's count is kept (a depth-first walk,
    without recursion).
    """
    limit = length + MAX_EXTRA_VALUES
    counted: dict[int, tuple[int, int]] = {}  # id(node) -> (values it stands for, depth)
    open_: set[int] = set()  # the nodes on the path from the root
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        children = _children(node)
        if finished:
            open_.discard(key)
            values = 1 + sum(counted[id(c)][0] for c in children)
            depth = 1 + max((counted[id(c)][1] for c in children), default=0)
            if values > limit:
                raise _TooCostly(
                    f"its aliases (*name) expand to more than {limit:,} values; "
                    "write the values out instead of repeating them through aliases"
                )
            if depth > MAX_DEPTH:
                raise _TooCostly(_TOO_DEEP.format(depth=MAX_DEPTH))
            counted[key] = (values, depth)
            continue
        if key in counted:
            continue
        if key in open_:
            raise _TooCostly("an alias (*name) refers to a value that contains it")
        open_.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in open_:
                raise _TooCostly("an alias (*name) refers to a value that contains it")
            if id(child) not in counted:
                stack.append((child, False))


def _children(node) -> list:
    value = node.value
    if not isinstance(value, list):
        return []  # a scalar
    if value and isinstance(value[0], tuple):  # a mapping: (key, value) pairs
        return [part for pair in value for part in pair]
    return value


def _depth(data: Any) -> int:
    """How deeply ``data`` (parsed TOML: dicts and lists) nests, counted without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return deepest
