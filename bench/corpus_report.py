"""Generation artifacts over the corpus: findings per rule, and what export leaves behind.

Prints one JSON object::

    python bench/corpus_report.py [--select AG] [--jobs 2] [--no-export]

- ``human``: findings per rule on ``tests/data/corpus/human`` (false positives: every AG
  finding there is one), with the files of each rule;
- ``generated``: findings per rule on each folder of ``tests/data/corpus/generated``;
- ``export``: ``export_post`` with unsafe fixes (as ``article-lint export --unsafe-fixes``
  without ``--force``) on every generated post: how many would be written, the ones refused
  and why, and in what would be written the chunk markers, leaked-prompt lines (the lines
  listed in ``leaked-prompt-lines.json``), error-level AG findings and the longest line and
  heading left; and whether exporting the export changes it again.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "corpus"
# Any END marker, wherever it sits in a line: what a reader would see on the page.
ANY_MARKER = re.compile(r"(?:-{3,}|={3,}|—)[ \t]*END[ \t]*(?:-{3,}|={3,}|—)", re.I)
_HEADING = re.compile(r"^#{1,6}\s")


def posts(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.md") if p.name != "SOURCE.md")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _lint(args: tuple[str, str, list[str]]) -> dict[str, int]:
    from article_studio.rules import Config, lint_text

    path, text, select = args
    return dict(Counter(d.code for d in lint_text(text, path, Config(select=select))))


def findings(files: list[Path], select: list[str], jobs: int) -> dict:
    per_rule: Counter[str] = Counter()
    files_per_rule: dict[str, list[str]] = defaultdict(list)
    work = [(str(p), p.read_text(encoding="utf-8"), select) for p in files]
    with ProcessPoolExecutor(jobs) as pool:
        for p, counts in zip(files, pool.map(_lint, work, chunksize=4), strict=True):
            for code, n in counts.items():
                per_rule[code] += n
                files_per_rule[code].append(f"{p.relative_to(CORPUS)} ({n})")
    return {
        "files": len(files),
        "findings": dict(sorted(per_rule.items())),
        "files_per_rule": {k: v for k, v in sorted(files_per_rule.items())},
    }


def _left(text: str, request_lines: list[str]) -> dict:
    from article_studio.rules import Config, lint_text

    lines = text.split("\n")
    markers = sum(len(ANY_MARKER.findall(line)) for line in lines)
    body = _norm(text)
    prompts = [r for r in request_lines if len(_norm(r)) >= 8 and _norm(r) in body]
    headings = [len(line) for line in lines if _HEADING.match(line)]
    errors = [d for d in lint_text(text, None, Config(select=["AG"])) if d.severity == "error"]
    return {
        "markers": markers,
        "prompt_lines": len(prompts),
        "ag_errors": dict(Counter(d.code for d in errors)),
        "longest_line": max((len(line) for line in lines), default=0),
        "longest_heading": max(headings, default=0),
    }


def _export(args: tuple[str, str, list[str], bool]) -> dict:
    from article_studio.rules.engine.config import config_for
    from article_studio.rules.export.pipeline import export_post

    path, text, request_lines, again = args
    config = config_for(path)
    result = export_post(text, path, config, unsafe=True)
    entry: dict = {"path": str(Path(path).relative_to(CORPUS)), "written": result.publishable}
    entry["steps"] = dict(Counter(c.step for c in result.changes))
    if not result.publishable:
        entry["refused"] = sorted({f"{d.code} line {d.line}" for d in result.remaining}) + list(result.notes)
        return entry
    entry["left"] = _left(result.text, request_lines)
    if again:
        entry["idempotent"] = export_post(result.text, path, config, unsafe=True).text == result.text
    return entry


def export_summary(files: list[Path], jobs: int, again: bool) -> dict:
    labelled = json.loads((CORPUS / "generated" / "leaked-prompt-lines.json").read_text(encoding="utf-8"))
    work = []
    for p in files:
        text = p.read_text(encoding="utf-8")
        lines = text.split("\n")
        request = [lines[n - 1] for n in labelled.get(str(p.relative_to(CORPUS / "generated")), {}).get("request", [])]
        work.append((str(p), text, request, again))
    with ProcessPoolExecutor(jobs) as pool:
        entries = list(pool.map(_export, work, chunksize=2))
    written = [e for e in entries if e["written"]]
    with_left = [
        e["path"] for e in written if e["left"]["markers"] or e["left"]["prompt_lines"] or e["left"]["ag_errors"]
    ]
    summary = {
        "posts": len(entries),
        "written": len(written),
        "refused": {e["path"]: e["refused"] for e in entries if not e["written"]},
        "written_with_markers": sum(1 for e in written if e["left"]["markers"]),
        "markers_left": sum(e["left"]["markers"] for e in written),
        "written_with_prompt_lines": sum(1 for e in written if e["left"]["prompt_lines"]),
        "prompt_lines_left": sum(e["left"]["prompt_lines"] for e in written),
        "written_with_ag_errors": dict(Counter(code for e in written for code in e["left"]["ag_errors"]).most_common()),
        "longest_heading_written": max((e["left"]["longest_heading"] for e in written), default=0),
        "longest_line_written": max((e["left"]["longest_line"] for e in written), default=0),
        "written_with_anything_left": with_left,
        "steps": dict(sum((Counter(e["steps"]) for e in entries), Counter()).most_common()),
    }
    if again:
        summary["not_idempotent"] = [e["path"] for e in written if not e["idempotent"]]
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--select", nargs="*", default=["AG"], help="rules to count (default: AG)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-export", action="store_true", help="only count findings")
    parser.add_argument("--no-idempotence", action="store_true", help="do not export the exports again")
    args = parser.parse_args()

    human = posts(CORPUS / "human")
    generated = {d.name: posts(d) for d in sorted((CORPUS / "generated").iterdir()) if d.is_dir() and posts(d)}
    report: dict = {
        "human": findings(human, args.select, args.jobs),
        "generated": {name: findings(files, args.select, args.jobs) for name, files in generated.items()},
    }
    if not args.no_export:
        every = [p for files in generated.values() for p in files]
        report["export"] = export_summary(every, args.jobs, not args.no_idempotence)
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
