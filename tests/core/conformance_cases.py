"""Running textlint's own test cases through article-lint: shared by the conformance tests.

A case (see ``tests/data/conformance/README.md``) becomes ``.article-lint.toml`` with
``select = [rule]`` and ``[rules.<rule>]`` holding the case's options, then its text is
linted as a file. Cases listed in a known-cases file are expected to differ from textlint
(strict xfail, with the reason).
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomli_w

from article_studio.rules import LineIndex, lint_file
from tests.conftest import DATA

HERE = Path(__file__).parent


def load_cases(name: str) -> list[dict]:
    """The cases of ``tests/data/conformance/<name>`` (none when the file is missing)."""
    path = DATA / "conformance" / name
    if not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def load_known(name: str) -> dict[str, str]:
    """Case id → reason, from ``[differs]`` of a known-cases file next to the tests: either
    ``"id" = "reason"`` or one table per rule (``[differs.rule-name]``)."""
    table = tomllib.loads((HERE / name).read_text(encoding="utf-8")).get("differs", {})
    known: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            known.update(value)
        else:
            known[key] = value
    return known


def case_params(cases: list[dict], known: dict[str, str]) -> list:
    """One pytest param per case, a strict xfail for the known ones."""
    params = []
    for case in cases:
        reason = known.get(case["id"])
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@dataclass
class Finding:
    """One of our findings, as textlint would show it: UTF-16 start, message, fix."""

    start: int
    message: str
    fix: dict | None  # {"range": [start, end], "text": ...} in UTF-16 units


def _absolutize(options: dict, base: Path) -> dict:
    out = dict(options)
    if "rulePaths" in out:
        out["rulePaths"] = [str((base / p).resolve()) for p in out["rulePaths"]]
    return out


def lint_case(case: dict, tmp_path: Path, language: str | None = None) -> list[Finding]:
    """Lint one case; our findings sorted by start, then message."""
    config: dict = {"select": [case["rule"]]}
    if language:
        config["language"] = language
    if case.get("options"):
        config["rules"] = {case["rule"]: _absolutize(case["options"], DATA / "conformance")}
    (tmp_path / ".article-lint.toml").write_text(tomli_w.dumps(config), encoding="utf-8")
    doc = tmp_path / f"case{case['ext']}"
    doc.write_text(case["text"], encoding="utf-8", newline="")
    result = lint_file(doc)
    assert result.error is None, result.error
    assert not result.notes, result.notes
    index = LineIndex(result.text)
    found = []
    for d in result.diagnostics:
        fix = None
        if d.fix is not None and len(d.fix.edits) == 1:
            edit = d.fix.edits[0]
            fix = {"range": [index.utf16(edit.start), index.utf16(edit.end)], "text": edit.text}
        found.append(Finding(index.utf16(d.start), d.message, fix))
    return sorted(found, key=lambda f: (f.start, f.message))


def textlint_findings(case: dict) -> list[dict]:
    """textlint's messages of a case, sorted as ``lint_case`` sorts ours."""
    return sorted(case["textlint_messages"], key=lambda m: (m["range"][0], m["message"]))
