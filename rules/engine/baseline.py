"""Baselines: adopt article-lint on a site that already has thousands of findings.

``article-lint --baseline FILE`` writes the current findings to FILE the first time; later
runs report (and fail on) only findings that are not in it. A finding is known by stable
keys, not by line numbers: the file, the rule, the flagged text and a little of the text
around it. Edits elsewhere in a file therefore do not churn the baseline, and a finding
that is fixed simply stops matching. Files are named relative to the baseline's own folder,
so the same baseline matches whatever folder article-lint runs from.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections import Counter
from pathlib import Path

from ..reading.safe_write import write_atomic
from ..reading.textio import ReadError, read_regular_file

VERSION = 1
CONTEXT = 16  # characters kept on each side of the flagged text, within its own lines


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file."""


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# Baselines written before files were named relative to the baseline named them relative to
# the working folder; they have no "paths" field.
PATHS = "relative to this file"


def baseline_root(path: str | os.PathLike) -> str:
    """The folder the files in the baseline ``path`` are named relative to."""
    return os.path.dirname(os.path.abspath(path))


def _relative(path: str, root: str) -> str:
    try:
        return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()
    except ValueError:  # another drive
        return Path(os.path.abspath(path)).as_posix()


def finding_key(path: str, text: str, diag, root: str | None = None) -> tuple[str, str, str, str]:
    """(file relative to ``root`` (default: the working folder), rule code, flagged text, context)."""
    rel = _relative(path, root or os.getcwd())
    flagged = text[diag.start : diag.end]
    # The context stays on the finding's own lines, so a paragraph added above or below
    # does not change the key.
    before = text[max(0, diag.start - CONTEXT) : diag.start].rsplit("\n", 1)[-1]
    after = text[diag.end : diag.end + CONTEXT].split("\n", 1)[0]
    return rel, diag.code, _squash(flagged), _squash(before + "\u2026" + after)


def write_baseline(path: str | os.PathLike, results) -> int:
    root = baseline_root(path)
    counts: Counter = Counter()
    for r in results:
        if r.error:
            continue
        for d in r.diagnostics:
            counts[finding_key(r.path, r.text, d, root)] += 1
    entries = [
        {"file": f, "code": c, "text": t, "context": x, "count": n} for (f, c, t, x), n in sorted(counts.items())
    ]
    data = {"version": VERSION, "tool": "article-lint", "paths": PATHS, "findings": entries}
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return sum(counts.values())


def load_baseline(path: str | os.PathLike) -> Counter:
    """The findings the baseline ``path`` knows, with files named relative to its folder."""
    try:
        data = json.loads(read_regular_file(path).decode("utf-8"))
    except ReadError as exc:
        raise BaselineError(f"cannot read the baseline: {exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a baseline file ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not an article-lint baseline (version {VERSION})")
    root = baseline_root(path)
    legacy = data.get("paths") != PATHS
    counts: Counter = Counter()
    try:
        for e in data["findings"]:
            file = _relative(os.path.join(os.getcwd(), e["file"]), root) if legacy else e["file"]
            counts[(file, e["code"], e["text"], e["context"])] += int(e.get("count", 1))
    except (KeyError, TypeError, ValueError) as exc:
        raise BaselineError(f"{path}: malformed entry in the baseline ({exc})") from None
    return counts


def drop_known(results, known: Counter, root: str | None = None) -> int:
    """Remove from ``results`` the findings the baseline knows; return how many were dropped.

    ``root``: the folder the baseline names files relative to (``baseline_root``)."""
    remaining = Counter(known)
    dropped = 0
    for r in results:
        if r.error:
            continue
        kept = []
        for d in r.diagnostics:
            key = finding_key(r.path, r.text, d, root)
            if remaining[key] > 0:
                remaining[key] -= 1
                dropped += 1
            else:
                kept.append(d)
        r.diagnostics = kept
    return dropped
