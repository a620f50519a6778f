"""How evenly a one-file run's rules are split between its two processes.

``article-lint`` on a single long file forks (``rules/engine/two_cores.py``): the rules that
declare ``second_process`` run in the child, the others in the parent. The run takes as long
as the slower half, so the halves should cost about the same, and a text should go through
MeCab in one half only. This runs each half alone, in a fresh process as the fork would
(what ``prepare_shared`` does before the fork, then the half's parse of the document when it
is short enough to be parsed in each, then its rules loaded and run), ``--runs`` times, and
prints one JSON object: for each half the least CPU time of that shared preparation, of its
parse, of loading its rules and of running them (``total_ms``: the parse, the loading and
the rules), each rule's time in that run (the first rule to need MeCab or a shared view pays
for it), and the text both halves sent to MeCab (work done twice).

Usage::

    python bench/two_halves.py [--runs N] [FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "tests" / "data" / "corpus" / "seed" / "2025-10-26-2-googleanthropictpu.md"


def run_half(path: str, half: str) -> dict:
    """One half's times in this process (called in a fresh interpreter)."""
    sys.path.insert(0, str(REPO))
    from article_studio.rules.engine.config import config_for
    from article_studio.rules.engine.gcpolicy import tune_for_linting
    from article_studio.rules.engine.run import collect, resolve_rules, running_entries
    from article_studio.rules.engine.two_cores import prepare_shared, shared_document
    from article_studio.rules.reading import morph
    from article_studio.rules.reading.document import Document

    tune_for_linting()
    config = config_for(path)
    text = Path(path).read_text(encoding="utf-8")
    t0 = time.process_time()
    shared = shared_document(text, path)
    prepare_shared([entry for entry, _ in running_entries(config, path)], shared)  # before the fork, as in a real run
    shared_ms = (time.process_time() - t0) * 1000
    t0 = time.process_time()
    doc = Document(text, path) if shared is None else shared
    doc.blocks, doc.sentences  # noqa: B018 - the parse, timed here
    parse_ms = (time.process_time() - t0) * 1000
    sent: set[tuple[str, int]] = set()
    tokenize_once = morph._tokenize_lines

    def tokenize(text, offset=0):
        sent.add((hashlib.blake2b(text.encode(), digest_size=8).hexdigest(), len(text)))
        return tokenize_once(text, offset)

    morph._tokenize_lines = tokenize
    in_child = half == "child"
    t0 = time.process_time()
    settings = resolve_rules(config, path, lambda entry: entry.second_process == in_child)
    resolve_ms = (time.process_time() - t0) * 1000
    rules = {}
    for setting in settings:
        t0 = time.process_time()
        collect(doc, config, [setting], None, [])
        rules[setting.rule.code] = round((time.process_time() - t0) * 1000, 1)
    return {
        "shared_ms": round(shared_ms, 1),
        "parse_ms": round(parse_ms, 1),
        "resolve_ms": round(resolve_ms, 1),
        "rules_ms": rules,
        "mecab": sorted(sent),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--half", choices=("child", "parent"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.half:
        print(json.dumps(run_half(str(args.file), args.half)))
        return 0
    report: dict = {"file": str(args.file), "runs": args.runs}
    sent = {}
    for half in ("child", "parent"):
        best = None
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, __file__, "--half", half, str(args.file)], capture_output=True, text=True, check=True
            )
            result = json.loads(out.stdout)
            result["total_ms"] = round(result["parse_ms"] + result["resolve_ms"] + sum(result["rules_ms"].values()), 1)
            if best is None or result["total_ms"] < best["total_ms"]:
                best = result
        sent[half] = {tuple(piece) for piece in best.pop("mecab")}
        best["rules_ms"] = dict(sorted(best["rules_ms"].items(), key=lambda kv: -kv[1]))
        report[half] = best
    both = sent["child"] & sent["parent"]
    report["mecab_in_both"] = {"pieces": len(both), "characters": sum(length for _, length in both)}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
