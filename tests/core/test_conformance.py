"""textlint's own test cases for the Japanese rules, run through a config file.

Each case becomes ``.article-lint.toml`` with ``select = [rule]`` and ``[rules.<rule>]``
holding the case's options, then the case text is linted as a file (``conformance_cases``).
The number of findings must equal textlint's, and each finding must start where textlint's
does (``range[0]`` in UTF-16 code units) with textlint's message: the cases run with
``language = "en"``, in which article-lint keeps textlint's wording where textlint writes
English. Cases listed in ``conformance_known.toml`` are expected to differ (strict xfail,
with the reason); the totals must stay above the acceptance thresholds.
"""

from __future__ import annotations

import pytest

from tests.core.conformance_cases import case_params, lint_case, load_cases, load_known, textlint_findings

CASES = load_cases("textlint-cases.json")
KNOWN = load_known("conformance_known.toml")


def run_case(case: dict, tmp_path) -> tuple[list[int], list[int]]:
    """Lint one case; return (our starts, textlint's starts) in UTF-16 units."""
    ours = [f.start for f in lint_case(case, tmp_path, language="en")]
    theirs = sorted(m["range"][0] for m in case["textlint_messages"] if "range" in m)
    return ours, theirs


@pytest.mark.parametrize("case", case_params(CASES, KNOWN))
def test_textlint_case(case, tmp_path):
    found = lint_case(case, tmp_path, language="en")
    ours = [f.start for f in found]
    theirs = sorted(m["range"][0] for m in case["textlint_messages"] if "range" in m)
    assert len(ours) == case["textlint_errors"], f"{case['text']!r}: ours at {ours}, textlint at {theirs}"
    if theirs and len(theirs) == len(ours):
        assert ours == theirs, f"{case['text']!r}: starts differ"
        assert [f.message for f in found] == [m["message"] for m in textlint_findings(case)]


def test_conformance_totals(tmp_path_factory):
    """At least 97% of the cases give textlint's count; 90% of those with positions, its starts."""
    assert len(CASES) == 484
    count_ok = pos_total = pos_ok = 0
    for case in CASES:
        ours, theirs = run_case(case, tmp_path_factory.mktemp("c"))
        count_ok += len(ours) == case["textlint_errors"]
        if theirs:
            pos_total += 1
            pos_ok += ours == theirs
    assert count_ok / len(CASES) >= 0.97, f"{count_ok}/{len(CASES)} counts agree"
    assert pos_ok / pos_total >= 0.90, f"{pos_ok}/{pos_total} positions agree"
