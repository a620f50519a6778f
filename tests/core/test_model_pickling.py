"""Findings cross process boundaries (the editor's lint process, the second core) by pickle."""

from __future__ import annotations

import copy
import pickle

from article_studio import rules
from article_studio.rules.model import Diagnostic, Edit, Fix


def fields_of(d: Diagnostic) -> tuple:
    return (d.code, d.name, d.severity, d.message, d.start, d.end, d.fix, d.suggestions, d.line, d.column)


def test_a_finding_comes_back_from_pickle_and_copies_whole():
    d = Diagnostic(
        "XX001",
        "name",
        "warning",
        "message",
        3,
        9,
        Fix((Edit(3, 5, "ab"), Edit(7, 9, "")), "unsafe", "rewrite"),
        (Fix((Edit(3, 9, "x"),), "display"),),
        2,
        4,
        2,
        10,
        {"word": ["a", "b"]},
    )
    for again in (pickle.loads(pickle.dumps(d)), copy.copy(d), copy.deepcopy(d)):
        assert type(again) is Diagnostic and again == d
        assert (again.end_line, again.end_column, again.data) == (2, 10, {"word": ["a", "b"]})  # data: not compared
        assert again.fix is not None and again.fix.edits[1] == Edit(7, 9, "")


def test_an_articles_findings_come_back_from_pickle_the_same(seed_text):
    found = rules.lint_text(seed_text, None, rules.config_for(None))
    assert any(d.fix for d in found) and any(d.data for d in found)
    again = pickle.loads(pickle.dumps(found))
    assert [fields_of(d) + (d.data,) for d in again] == [fields_of(d) + (d.data,) for d in found]
