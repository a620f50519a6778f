"""Where linting time goes: CPU seconds per rule over a set of files, in one process.

Prints one JSON object: the total, the time spent parsing documents, and each rule's time
(most expensive first), all CPU time, which other work on the machine skews less. Rules
share caches (tokens of a sentence, parsed nodes), so the first rule to need something
pays for it; run with ``--order reverse`` to see that shift. ``tokenize`` says how much of
it MeCab took (text sent to it, and the CPU seconds of each rule's first requests), the
largest single cost of the JA rules.
Usage::

    python bench/rule_times.py [--corpus DIR] [--limit N] [--config FILE] [--order forward|reverse] [FILES ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO / "tests" / "data"

from article_studio.rules.engine.config import config_for, load_config_file  # noqa: E402
from article_studio.rules.engine.gcpolicy import tune_for_linting  # noqa: E402
from article_studio.rules.engine.registry import RuleContext  # noqa: E402
from article_studio.rules.engine.run import resolve_rules  # noqa: E402
from article_studio.rules.reading import morph  # noqa: E402
from article_studio.rules.reading.document import Document  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--corpus", type=Path, default=DATA / "corpus")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--config", type=Path, help="a config file for every file (default: each file's own)")
    parser.add_argument("--order", choices=("forward", "reverse"), default="forward")
    args = parser.parse_args()
    tune_for_linting()  # as article-lint does

    files = args.files or sorted(
        p for p in args.corpus.rglob("*.md") if p.name != "SOURCE.md" and p.parent != args.corpus
    )
    if args.limit:
        files = files[: args.limit]
    per_rule: Counter[str] = Counter()
    tokenize_s: Counter[str] = Counter()
    tokenized_chars: Counter[str] = Counter()
    current = ["parse"]

    def timed(tokenize_once):
        def tokenize(text):
            t0 = time.process_time()
            try:
                return tokenize_once(text)
            finally:
                tokenize_s[current[0]] += time.process_time() - t0
                tokenized_chars[current[0]] += len(text)

        return tokenize

    # Cache misses only: what MeCab really gets (morph.tokenize caches by text).
    morph._tokenize_lines = timed(morph._tokenize_lines)
    morph._tokenize_rows = timed(morph._tokenize_rows)
    parse_s = 0.0
    chars = 0
    start_all = time.process_time()
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        chars += len(text)
        config = load_config_file(args.config) if args.config else config_for(path)
        settings = resolve_rules(config, str(path))
        if args.order == "reverse":
            settings = settings[::-1]
        t0 = time.process_time()
        current[0] = "parse"
        doc = Document(text, str(path))
        doc.blocks, doc.sentences  # noqa: B018 - parse eagerly so it is counted here
        parse_s += time.process_time() - t0
        cache: dict = {}
        for setting in settings:
            rule = setting.rule()
            current[0] = f"{rule.code} {rule.name}"
            ctx = RuleContext(rule, setting.options, setting.severity, config, cache, None)
            t0 = time.process_time()
            try:
                list(rule.check(doc, ctx) or ())
            except Exception:  # noqa: BLE001 - timing only; the tests cover errors
                pass
            per_rule[f"{rule.code} {rule.name}"] += time.process_time() - t0
    total = time.process_time() - start_all
    print(
        json.dumps(
            {
                "files": len(files),
                "characters": chars,
                "total_s": round(total, 3),
                "parse_s": round(parse_s, 3),
                "rules_s": round(sum(per_rule.values()), 3),
                "per_rule_s": {k: round(v, 4) for k, v in per_rule.most_common()},
                "tokenize": {
                    "s": round(sum(tokenize_s.values()), 3),
                    "characters": sum(tokenized_chars.values()),
                    "by_first_rule": {
                        k: {"s": round(tokenize_s[k], 4), "characters": tokenized_chars[k]}
                        for k, _ in tokenize_s.most_common()
                    },
                },
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
