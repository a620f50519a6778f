"""Linting speed: files/s and characters/s over the shared corpus, and one process on the seed.

Prints one JSON object. Usage::

    python bench/lint_corpus.py [--corpus DIR] [--jobs 2] [--repeat 5]

``seed_process_s`` is the median wall time of a whole ``article-lint --format json`` process
on the example article (interpreter start and imports included), over ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"


def corpus_files(root: Path) -> list[Path]:
    """The articles: every Markdown file but the corpus's own SOURCE.md and README.md notes."""
    return sorted(p for p in root.rglob("*.md") if p.name != "SOURCE.md" and p.parent != root)


def run_process(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "article_studio.rules", *args],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DATA / "corpus")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    files = corpus_files(args.corpus)
    chars = sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in files)
    seed = next((p for p in files if "seed" in p.parts), None)

    corpus_runs = [
        run_process(["--format", "json", "--jobs", str(args.jobs), *map(str, files)])
        for _ in range(max(1, args.repeat // 2))
    ]
    corpus_s = statistics.median(corpus_runs)
    seed_runs = [run_process(["--format", "json", str(seed)]) for _ in range(args.repeat)] if seed else []

    print(
        json.dumps(
            {
                "files": len(files),
                "characters": chars,
                "jobs": args.jobs,
                "corpus_wall_s": round(corpus_s, 3),
                "files_per_s": round(len(files) / corpus_s, 1),
                "characters_per_s": round(chars / corpus_s),
                "seed_process_s": round(statistics.median(seed_runs), 3) if seed_runs else None,
                "seed_process_runs_s": [round(x, 3) for x in seed_runs],
                "python": sys.version.split()[0],
                "cpus": os.cpu_count(),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
