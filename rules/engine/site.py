"""Terminology across a site: a multi-file run compares spellings over all its files.

Each file's term occurrences come back from the worker with its result; here the spellings
are counted over the whole run, and a file that consistently writes a spelling the rest of
the site does not (「サーバ」 where the others write 「サーバー」) gets TM001 findings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
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
    for r in usable:
        added: list[Diagnostic] = []
        severity = cast(Severity, r.terms_severity or "warning")
        already = {(d.start, d.end) for d in r.diagnostics if d.code == RULE_CODE}
        index = None
        for key, surfaces in r.terms.items():
            if len(surfaces) != 1:
                continue  # inconsistent inside the file: the file's own findings say so
            ((surface, spans),) = surfaces.items()
            target_key = near.get(key, key)
            site = totals[target_key]
            preferred = preferred_spelling(site, names.get(target_key))
            count = site[preferred]
            if key == target_key:
                if count <= site[surface]:
                    continue
                verdict = (
                    case_verdict(surface, preferred, names.get(key), is_english_word)
                    if key.startswith("latin:")
                    else (None if same_spelling(surface, preferred) else "fix")
                )
                if verdict is None:
                    continue
                in_files = files[key][preferred]
            else:
                verdict = "fix"
                in_files = files[target_key][preferred]
                preferred = fit_case(surface, preferred)
            if in_files < MIN_FILES:
                continue
            for start, end in spans:
                if (start, end) in already:
                    continue
                index = index or LineIndex(r.text)
                line, col = index.position(start)
                end_line, end_col = index.position(end)
                lang = r.terms_language
                message = pick(
                    lang,
                    ja=f"「{surface}」は、ほかの記事では「{preferred}」と書かれています"
                    f"（{in_files}ファイルで{count}回）。",
                    en=f"「{surface}」: the other articles of this run write 「{preferred}」 "
                    f"({count} times in {in_files} files).",
                )
                edit = spelling_edit(r.text, start, end, surface, preferred) if verdict == "fix" else None
                fix = (
                    Fix(
                        (Edit(*edit),),
                        "unsafe",
                        pick(lang, ja=f"「{preferred}」にする", en=f"Write 「{preferred}」"),
                    )
                    if edit is not None
                    else None
                )
                added.append(
                    Diagnostic(
                        RULE_CODE,
                        RULE_NAME,
                        severity,
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
        if added:
            r.diagnostics = sorted(r.diagnostics + added, key=lambda d: (d.start, d.code, d.end))
