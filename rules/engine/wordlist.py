"""Adding a word to the project's known words (the ``words`` list of ``.article-lint.toml``).

The file is edited in place, not rewritten from its table, so its comments and layout stay; the
result is parsed again and checked to hold exactly one more word before it is written (atomically).
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

from ..reading.safe_write import write_atomic
from .config import CONFIG_FILE, ConfigError, config_from_mapping, find_config_file


class WordListError(Exception):
    """The word could not be added; the message says why and names the file."""


_WORDS_KEY = re.compile(r"^[ \t]*words[ \t]*=[ \t]*\[", re.M)
_TABLE = re.compile(r"^[ \t]*\[", re.M)


def add_word(word: str, start: str | os.PathLike, config_path: str | os.PathLike | None = None) -> Path:
    """Add ``word`` to the ``words`` of the config that applies to ``start`` (a file or folder),
    or of ``config_path``; a new ``.article-lint.toml`` is made beside ``start`` if there is none.
    Returns the file written."""
    word = word.strip()
    if not word or "\n" in word:
        raise WordListError(f"not a word: {word!r}")
    path = Path(config_path) if config_path else find_config_file(Path(start))
    if path is None:
        folder = Path(start) if Path(start).is_dir() else Path(start).parent
        path = folder / CONFIG_FILE
    if path.name == "pyproject.toml":
        raise WordListError(
            f"{path}: add the word to [tool.article-lint] words yourself (pyproject.toml is not edited)"
        )
    try:
        raw = path.read_bytes() if path.exists() else None
        text = raw.decode("utf-8-sig") if raw is not None else ""
        before = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise WordListError(f"{path}: cannot read the config: {exc}") from None
    words = before.get("words", [])
    if not isinstance(words, list):
        raise WordListError(f"{path}: 'words' is not a list")
    if word in words:
        return path
    new_text = _with_word(text, word, bool(words))
    try:
        after = tomllib.loads(new_text)
        config_from_mapping(after, path)
    except (tomllib.TOMLDecodeError, ConfigError) as exc:
        raise WordListError(
            f"{path}: the word list could not be edited safely ({exc}); add {word!r} yourself"
        ) from None
    if after.get("words") != [*words, word] or {k: v for k, v in after.items() if k != "words"} != {
        k: v for k, v in before.items() if k != "words"
    }:
        raise WordListError(f"{path}: the word list could not be edited safely; add {word!r} yourself")
    # Written only if the file is still what was read (or still missing): a change made meanwhile
    # in another editor is not overwritten.
    try:
        write_atomic(path, new_text.encode("utf-8"), expect=[raw], parents=True)
    except OSError as exc:  # WriteConflict, WriteError: one line that names the file
        raise WordListError(str(exc)) from None
    return path


def _with_word(text: str, word: str, has_words: bool) -> str:
    quoted = json.dumps(word, ensure_ascii=False)  # a TOML basic string is JSON's string syntax
    m = _WORDS_KEY.search(text)
    first_table = next((t for t in _TABLE.finditer(text) if _is_table_header(text, t)), None)
    if m and (first_table is None or m.start() < first_table.start()):
        close = _closing_bracket(text, m.end())
        if close is not None:
            inner = text[m.end() : close]
            body = inner.rstrip()
            trailing = inner[len(body) :]
            if not has_words:
                return text[: m.end()] + quoted + text[close:]
            sep = "" if body.endswith(",") else ","
            spacing = "\n" + _indent_of(inner) if "\n" in inner.strip("\n") or inner.startswith("\n") else " "
            return text[: m.end()] + body + sep + spacing + quoted + trailing + text[close:]
    # No top-level list yet: one line before the first table.
    line = f"words = [{quoted}]\n"
    if first_table is not None:
        return text[: first_table.start()] + line + text[first_table.start() :]
    return text + ("" if not text or text.endswith("\n") else "\n") + line


def _is_table_header(text: str, m: re.Match) -> bool:
    line_end = text.find("\n", m.start())
    line = text[m.start() : line_end if line_end != -1 else len(text)].strip()
    return line.startswith("[") and "=" not in line.split("]", 1)[0]


def _indent_of(inner: str) -> str:
    for line in inner.splitlines():
        if line.strip():
            return line[: len(line) - len(line.lstrip())]
    return "    "


def _closing_bracket(text: str, i: int) -> int | None:
    """The ``]`` that closes the array opened just before ``i`` (strings and comments skipped)."""
    depth = 0
    while i < len(text):
        ch = text[i]
        if ch in "\"'":
            end = text.find(ch, i + 1)
            while ch == '"' and end != -1 and text[end - 1] == "\\":
                end = text.find(ch, end + 1)
            if end == -1:
                return None
            i = end + 1
            continue
        if ch == "#":
            nl = text.find("\n", i)
            i = nl if nl != -1 else len(text)
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return None
