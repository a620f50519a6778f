"""Terminology across a site: a multi-file run compares spellings over all its files.

Each file's term occurrences come back from the worker with its result; here the spellings
are counted over the whole run, and a file that consistently writes a spelling the rest of
the site does not (「サーバ」 where the others write 「サーバー」) gets TM001 findings.

The comparison is two steps, so that a cached run (``sitecache``) can redo only what a changed
post affects: ``decide`` says what a file that writes only ``surface`` for a group gets, from
the counts over the site; ``file_findings`` turns those decisions into one file's findings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import cast

from ..model import Diagnostic, Edit, Fix, LineIndex, Severity
from ..terminology.terms import (
    case_verdict,
    fit_case,
    is_english_word,
    is_known_word,
    near_miss_groups,
    preferred_spelling,
    same_spelling,
    spelling_edit,
)
from .registry import pick

RULE_CODE, RULE_NAME = "TM001", "inconsistent-spelling"
MIN_FILES = 2  # the site's spelling must be used in at least this many other files

# What a file that writes only one spelling of a group gets: None, or the spelling the site
# prefers, how often and in how many files the site writes it, and "fix" or "report".
Decision = tuple[str, int, int, str]


def apply_site_terms(results: list) -> None:
    """Add site-wide TM001 findings to ``results`` (in place)."""
    usable = [r for r in results if not r.error and r.terms is not None]
    if len(usable) < 2:
        return
    totals: dict[str, Counter] = defaultdict(Counter)
    files: dict[str, Counter] = defaultdict(Counter)
    for r in usable:
        for key, surfaces in r.terms.items():
            for surface, spans in surfaces.items():
                totals[key][surface] += len(spans)
                files[key][surface] += 1
    near = near_miss_groups(totals, is_known_word)
    names: dict[str, str] = {}
    for r in usable:
        names.update(r.terms_names or {})
    decisions: dict[tuple[str, str], Decision | None] = {}

    def decision(key: str, surface: str) -> Decision | None:
        pair = (key, surface)
        if pair not in decisions:
            decisions[pair] = decide(key, surface, totals, files, near, names)
        return decisions[pair]

    for r in usable:
        added = file_findings(r.text, r.terms, decision, own_spans(r.diagnostics), r.terms_severity, r.terms_language)
        if added:
            r.diagnostics = merge_findings(r.diagnostics, added)


def decide(
    key: str,
    surface: str,
    totals: Mapping[str, Counter],
    files: Mapping[str, Counter],
    near: Mapping[str, str],
    names: Mapping[str, str],
) -> Decision | None:
    """What a file whose only spelling of group ``key`` is ``surface`` gets from the site's counts:
    None, or (the site's spelling, its uses, the files using it, "fix" or "report")."""
    target_key = near.get(key, key)
    site = totals[target_key]
    preferred = preferred_spelling(site, names.get(target_key))
    count = site[preferred]
    if key == target_key:
        if count <= site[surface]:
            return None
        verdict = (
            case_verdict(surface, preferred, names.get(key), is_english_word)
            if key.startswith("latin:")
            else (None if same_spelling(surface, preferred) else "fix")
        )
        if verdict is None:
            return None
        in_files = files[key][preferred]
    else:
        verdict = "fix"
        in_files = files[target_key][preferred]
        preferred = fit_case(surface, preferred)
    if in_files < MIN_FILES:
        return None
    return preferred, count, in_files, verdict


def own_spans(diagnostics: Iterable[Diagnostic]) -> set[tuple[int, int]]:
    """Where the file's own TM001 findings are: the site's are not reported there again."""
    return {(d.start, d.end) for d in diagnostics if d.code == RULE_CODE}


def file_findings(
    text: str,
    terms: Mapping[str, Mapping[str, list]],
    decision: Callable[[str, str], Decision | None],
    already: set[tuple[int, int]],
    severity: str | None,
    lang: str | None,
) -> list[Diagnostic]:
    """The site-wide TM001 findings of one file, in the order of its terms."""
    added: list[Diagnostic] = []
    index = None
    for key, surfaces in terms.items():
        if len(surfaces) != 1:
            continue  # inconsistent inside the file: the file's own findings say so
        ((surface, spans),) = surfaces.items()
        found = decision(key, surface)
        if found is None:
            continue
        preferred, count, in_files, verdict = found
        for start, end in spans:
            if (start, end) in already:
                continue
            index = index or LineIndex(text)
            line, col = index.position(start)
            end_line, end_col = index.position(end)
            message = pick(
                lang,
                ja=f"「{surface}」は、ほかの記事では「{preferred}」と書かれています（{in_files}ファイルで{count}回）。",
                en=f"「{surface}」: the other articles of this run write 「{preferred}」 "
                f"({count} times in {in_files} files).",
            )
            edit = spelling_edit(text, start, end, surface, preferred) if verdict == "fix" else None
            fix = (
                Fix((Edit(*edit),), "unsafe", pick(lang, ja=f"「{preferred}」にする", en=f"Write 「{preferred}」"))
                if edit is not None
                else None
            )
            added.append(
                Diagnostic(
                    RULE_CODE,
                    RULE_NAME,
                    cast(Severity, severity or "warning"),
                    message,
                    start,
                    end,
                    fix,
                    (),
                    line,
                    col,
                    end_line,
                    end_col,
                    {"site": True, "preferred": preferred},
                )
            )
    return added


def merge_findings(own: list[Diagnostic], added: list[Diagnostic]) -> list[Diagnostic]:
    """A file's findings with the site's added, in the engine's order."""
    return sorted(own + added, key=lambda d: (d.start, d.code, d.end))
