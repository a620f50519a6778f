"""The test cases of @textlint-ja/textlint-rule-preset-ai-writing 1.7.0, through the AW rules.

Each case runs as the JA conformance cases do (``conformance_cases``), with the default
language: the preset writes its messages in Japanese, so ours must be the same text. The
count must equal textlint's, and where it does, each finding's start (UTF-16), message and
fix (range and text) must be textlint's. Cases listed per rule in
``conformance_ai_writing_known.toml`` are expected to differ (strict xfail, with the reason).
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.core.conformance_cases import case_params, lint_case, load_cases, load_known, textlint_findings

CASES = load_cases("ai-writing-cases.json")
KNOWN = load_known("conformance_ai_writing_known.toml")
RULES = {
    "no-ai-list-formatting",
    "no-ai-hype-expressions",
    "no-ai-emphasis-patterns",
    "no-ai-colon-continuation",
    "ai-tech-writing-guideline",
}


def test_the_cases_are_the_presets():
    assert len(CASES) == 148
    assert {case["rule"] for case in CASES} == RULES
    assert set(KNOWN) <= {case["id"] for case in CASES}


@pytest.mark.parametrize("case", case_params(CASES, KNOWN))
def test_ai_writing_case(case, tmp_path):
    found = lint_case(case, tmp_path)
    theirs = textlint_findings(case)
    assert len(found) == case["textlint_errors"], f"{case['text']!r}: ours {found}, textlint {theirs}"
    assert [f.start for f in found] == [m["range"][0] for m in theirs], f"{case['text']!r}: starts differ"
    assert [f.message for f in found] == [m["message"] for m in theirs]
    for ours, their in zip(found, theirs, strict=True):
        if "fix" in their:
            assert ours.fix == their["fix"], f"{case['text']!r}: fix differs"


def test_ai_writing_totals(tmp_path_factory):
    """At least 97% of the cases give textlint's count; 90% of those with positions, its starts."""
    count_ok: Counter[str] = Counter()
    pos_ok: Counter[str] = Counter()
    pos_total: Counter[str] = Counter()
    for case in CASES:
        found = lint_case(case, tmp_path_factory.mktemp("c"))
        ours = [f.start for f in found]
        theirs = [m["range"][0] for m in textlint_findings(case)]
        count_ok[case["rule"]] += len(ours) == case["textlint_errors"]
        if theirs:
            pos_total[case["rule"]] += 1
            pos_ok[case["rule"]] += ours == theirs
    counts, positions, with_positions = sum(count_ok.values()), sum(pos_ok.values()), sum(pos_total.values())
    assert counts / len(CASES) >= 0.97, f"{counts}/{len(CASES)} counts agree: {dict(count_ok)}"
    assert positions / with_positions >= 0.90, f"{positions}/{with_positions} positions agree: {dict(pos_ok)}"
