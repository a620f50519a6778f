"""Peak memory of ``article-lint`` on large and hostile inputs, against the input's size.

Each input is written to a temporary folder and linted by a fresh ``python -m
article_studio.rules --format json FILE`` process (its two processes when it forks); the
peak is the largest resident set of that process tree (``ru_maxrss`` of the waited-for
descendants of a wrapper process made for that run alone). Prints one JSON object: for each
input its size, the peak, the peak above that of a run on a one-line article, that excess
per byte of input, the seconds taken and the size of the report.

Usage::

    python bench/memory.py [--only NAME[,NAME...]]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

INPUTS = {
    "tiny": lambda: "# t\n\n準備です。\n",
    "ascii_paragraph_1mb": lambda: "# t\n\n" + "word " * 200_000 + "\n",
    "ascii_words_line_5mb": lambda: "# t\n\n" + "some words in a line, " * 230_000 + "\n",
    "japanese_line_5mb": lambda: "# t\n\n" + "これは長い文章です、" * 170_000 + "\n",
    "one_character_line_6mb": lambda: "# t\n\n" + "あ" * 2_000_000 + "\n",
    "table_2mb": lambda: (
        "# t\n\n| a | b | c |\n|---|---|---|\n"
        + "".join(f"| セル{i} | 値 {i * 7} | 説明のテキスト{i} |\n" for i in range(40_000))
    ),
    "real_prose_2mb": lambda: _real_prose(2_000_000),
}

# Runs the linter as its only child and prints the peak of that child's process tree.
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run([sys.executable, '-m', 'article_studio.rules', '--format', 'json', sys.argv[1]],"
    " stdout=open(sys.argv[2], 'wb'), stderr=subprocess.DEVNULL, cwd=sys.argv[3])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _real_prose(size: int) -> str:
    """The corpus's articles, bodies only, one after another, up to ``size`` bytes."""
    parts, total = ["# t\n\n"], 0
    for path in sorted((REPO / "tests" / "data" / "corpus").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        parts.append(body + "\n\n")
        total += len(body.encode())
        if total >= size:
            break
    return "".join(parts)


def measure(name: str, text: str, folder: Path) -> dict:
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    report = folder / f"{name}.json"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(path), str(report), str(REPO)], capture_output=True, text=True, check=True
    )
    return {
        "bytes": path.stat().st_size,
        "peak_mb": round(int(done.stdout) / 1024, 1),
        "seconds": round(time.perf_counter() - started, 2),
        "report_bytes": report.stat().st_size,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated input names (tiny is always run)")
    args = parser.parse_args()
    names = [n for n in INPUTS if n == "tiny" or not args.only or n in args.only.split(",")]
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            out[name] = measure(name, INPUTS[name](), Path(tmp))
    base = out["tiny"]["peak_mb"]
    for result in out.values():
        above = result["peak_mb"] - base
        result["above_tiny_mb"] = round(above, 1)
        result["above_tiny_per_input_byte"] = round(above * 1024 * 1024 / result["bytes"], 1)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
