"""textlint's own test cases for the Japanese rules, run through a config file.

Each case becomes ``.article-lint.toml`` with ``select = [rule]`` and ``[rules.<rule>]``
holding the case's options, then the case text is linted as a file. The number of
findings must equal textlint's, and each finding must start where textlint's does
(``range[0]`` in UTF-16 code units). Cases listed in ``conformance_known.toml`` are
expected to differ (strict xfail, with the reason); the totals must stay above the
acceptance thresholds.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import tomli_w

from article_studio.rules import LineIndex, lint_file

HERE = Path(__file__).parent
KNOWN = tomllib.loads((HERE / "conformance_known.toml").read_text(encoding="utf-8"))


def _cases():
    from tests.conftest import DATA

    path = DATA / "conformance" / "textlint-cases.json"
    if not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


CASES = _cases()


def _absolutize(options: dict, base: Path) -> dict:
    out = dict(options)
    if "rulePaths" in out:
        out["rulePaths"] = [str((base / p).resolve()) for p in out["rulePaths"]]
    return out


def run_case(case: dict, tmp_path: Path, data: Path) -> tuple[list[int], list[int]]:
    """Lint one case; return (our starts, textlint's starts) in UTF-16 units."""
    config: dict = {"select": [case["rule"]]}
    if case.get("options"):
        config["rules"] = {case["rule"]: _absolutize(case["options"], data / "conformance")}
    (tmp_path / ".article-lint.toml").write_text(tomli_w.dumps(config), encoding="utf-8")
    doc = tmp_path / f"case{case['ext']}"
    doc.write_text(case["text"], encoding="utf-8", newline="")
    result = lint_file(doc)
    assert result.error is None, result.error
    assert not result.notes, result.notes
    index = LineIndex(result.text)
    ours = sorted(index.utf16(d.start) for d in result.diagnostics)
    theirs = sorted(m["range"][0] for m in case["textlint_messages"] if "range" in m)
    return ours, theirs


def _params():
    for case in CASES:
        marks = []
        reason = KNOWN.get("differs", {}).get(case["id"])
        if reason:
            marks.append(pytest.mark.xfail(reason=reason, strict=True))
        yield pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_textlint_case(case, tmp_path, data):
    ours, theirs = run_case(case, tmp_path, data)
    assert len(ours) == case["textlint_errors"], f"{case['text']!r}: ours at {ours}, textlint at {theirs}"
    if theirs and len(theirs) == len(ours):
        assert ours == theirs, f"{case['text']!r}: starts differ"


def test_conformance_totals(tmp_path_factory, data):
    """At least 97% of the cases give textlint's count; 90% of those with positions, its starts."""
    assert len(CASES) == 484
    count_ok = pos_total = pos_ok = 0
    for case in CASES:
        ours, theirs = run_case(case, tmp_path_factory.mktemp("c"), data)
        count_ok += len(ours) == case["textlint_errors"]
        if theirs:
            pos_total += 1
            pos_ok += ours == theirs
    assert count_ok / len(CASES) >= 0.97, f"{count_ok}/{len(CASES)} counts agree"
    assert pos_ok / pos_total >= 0.90, f"{pos_ok}/{pos_total} positions agree"
