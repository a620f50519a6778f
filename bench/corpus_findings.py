"""Findings per rule on the human and generated corpora, and how many terminology fixes damage a word.

    .venv/bin/python bench/corpus_findings.py [--rules TM001,TM002,TM003,AG006,FM002] [--jobs 2]

Each author's folder of ``tests/data/corpus/human`` and each ``_posts`` folder of
``tests/data/corpus/generated`` is linted as one run (so TM001 also compares spellings across
the run's files), with the built-in prh dictionaries WEB+DB_PRESS, techbooster, trademark,
software and typo for TM002. Prints one JSON object: counts per corpus and rule (and files
with findings), and the number of TM001/TM002 fixes that start or end inside a Latin word, glue
letters onto the word beside them or re-case a word in capitals, with examples.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from article_studio.rules import Config, lint_paths

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
DICTIONARIES = [
    "builtin:WEB+DB_PRESS",
    "builtin:techbooster",
    "builtin:trademark",
    "builtin:software",
    "builtin:typo",
]
_WORD_CHAR = re.compile(r"[A-Za-z0-9_]")
_WORD = re.compile(r"[A-Za-z0-9_]+")


def _all_caps(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2 and not any(c.islower() for c in word)


def _runs() -> list[tuple[str, str, list[Path]]]:
    out = []
    for folder in sorted((DATA / "human").iterdir()):
        files = sorted(p for p in folder.rglob("*.md") if p.name != "SOURCE.md")
        out.append(("human", folder.name, files))
    for folder in sorted((DATA / "generated").glob("*/_posts")):
        out.append(("generated", folder.parent.name, sorted(folder.glob("*.md"))))
    return out


def damage(text: str, start: int, end: int, new: str) -> str | None:
    """Why replacing ``text[start:end]`` by ``new`` damages a word, or None."""

    def inside(pos: int) -> bool:
        return 0 < pos < len(text) and bool(_WORD_CHAR.match(text[pos - 1]) and _WORD_CHAR.match(text[pos]))

    if inside(start):
        return "starts inside a word"
    if inside(end):
        return "ends inside a word"
    if new and start > 0 and _WORD_CHAR.match(text[start - 1]) and _WORD_CHAR.match(new[0]):
        return "joins the word before"
    if new and end < len(text) and _WORD_CHAR.match(text[end]) and _WORD_CHAR.match(new[-1]):
        return "joins the word after"
    new_words = _WORD.findall(new)
    for word in _WORD.findall(text[start:end]):
        if _all_caps(word) and any(w != word and w.casefold() == word.casefold() for w in new_words):
            return "re-cases an all-capitals token"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default="TM001,TM002,TM003,AG006,FM002")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()
    codes = args.rules.split(",")
    config = Config(select=codes, dictionaries=list(DICTIONARIES))
    counts: dict[str, Counter] = {"human": Counter(), "generated": Counter()}
    files_with: dict[str, Counter] = {"human": Counter(), "generated": Counter()}
    fixes = Counter()
    damaged: Counter = Counter()
    examples: list[str] = []
    for corpus, _name, files in _runs():
        for result in lint_paths(files, config, jobs=args.jobs):
            seen = set()
            for d in result.diagnostics:
                counts[corpus][d.code] += 1
                seen.add(d.code)
                if d.code in ("TM001", "TM002") and d.fix is not None:
                    for edit in d.fix.edits:
                        fixes[d.code] += 1
                        why = damage(result.text, edit.start, edit.end, edit.text)
                        if why:
                            damaged[d.code] += 1
                            if len(examples) < args.examples * 2:
                                line = result.text[: edit.start].count("\n") + 1
                                ctx = result.text[max(0, edit.start - 15) : edit.end + 15].replace("\n", " ")
                                examples.append(
                                    f"{d.code} {Path(result.path).name}:{line} {why}: "
                                    f"{result.text[edit.start : edit.end]!r} -> {edit.text!r} in {ctx!r}"
                                )
            for code in seen:
                files_with[corpus][code] += 1
    out = {
        "findings": {corpus: {c: counts[corpus][c] for c in codes} for corpus in counts},
        "files_with_findings": {corpus: {c: files_with[corpus][c] for c in codes} for corpus in files_with},
        "terminology_fixes": dict(fixes),
        "damaging_fixes": dict(damaged),
        "damage_examples": examples,
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
