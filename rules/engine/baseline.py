"""Baselines: adopt article-lint on a site that already has thousands of findings.

``article-lint --baseline FILE`` writes the current findings to FILE the first time; later
runs report (and fail on) only findings that are not in it. A finding is known by stable
keys, not by line numbers: the file, the rule, the flagged text and a little of the text
around it. Edits elsewhere in a file therefore do not churn the baseline, and a finding
that is fixed simply stops matching.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections import Counter
from pathlib import Path

from ..reading.safe_write import write_atomic

VERSION = 1
CONTEXT = 16  # characters kept on each side of the flagged text, within its own lines


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file."""


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def finding_key(path: str, text: str, diag) -> tuple[str, str, str, str]:
    """(file, rule code, flagged text, context) of one finding."""
    rel = Path(os.path.relpath(os.path.abspath(path))).as_posix()
    flagged = text[diag.start : diag.end]
    # The context stays on the finding's own lines, so a paragraph added above or below
    # does not change the key.
    before = text[max(0, diag.start - CONTEXT) : diag.start].rsplit("\n", 1)[-1]
    after = text[diag.end : diag.end + CONTEXT].split("\n", 1)[0]
    return rel, diag.code, _squash(flagged), _squash(before + "\u2026" + after)


def write_baseline(path: str | os.PathLike, results) -> int:
    counts: Counter = Counter()
    for r in results:
        if r.error:
            continue
        for d in r.diagnostics:
            counts[finding_key(r.path, r.text, d)] += 1
    entries = [
        {"file": f, "code": c, "text": t, "context": x, "count": n} for (f, c, t, x), n in sorted(counts.items())
    ]
    data = {"version": VERSION, "tool": "article-lint", "findings": entries}
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return sum(counts.values())


def load_baseline(path: str | os.PathLike) -> Counter:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a baseline file ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not an article-lint baseline (version {VERSION})")
    counts: Counter = Counter()
    try:
        for e in data["findings"]:
            counts[(e["file"], e["code"], e["text"], e["context"])] += int(e.get("count", 1))
    except (KeyError, TypeError, ValueError) as exc:
        raise BaselineError(f"{path}: malformed entry in the baseline ({exc})") from None
    return counts


def drop_known(results, known: Counter) -> int:
    """Remove from ``results`` the findings the baseline knows; return how many were dropped."""
    remaining = Counter(known)
    dropped = 0
    for r in results:
        if r.error:
            continue
        kept = []
        for d in r.diagnostics:
            key = finding_key(r.path, r.text, d)
            if remaining[key] > 0:
                remaining[key] -= 1
                dropped += 1
            else:
                kept.append(d)
        r.diagnostics = kept
    return dropped
