"""One article from the command line: this working tree against an earlier commit, alternating.

This machine's speed drifts by a third over a day, so a one-article time taken today is
compared with nothing measured yesterday. This times whole ``python -m article_studio.rules``
processes on one file (the example article by default), alternating between the working tree
and a copy of ``--against`` (``git archive`` of the package's folders into a temporary folder,
put first on ``PYTHONPATH``), and prints one JSON object: each side's median, quartiles and
least time in ms, and the median of the paired differences (working tree minus the commit).

Usage::

    python bench/cli_ab.py [--against REV] [--runs 30] [FILE]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "tests" / "data" / "corpus" / "seed" / "2025-10-26-2-googleanthropictpu.md"
# The folders that install as the article_studio package (see pyproject.toml).
PACKAGE_FOLDERS = ("rules", "editor", "resources")


def snapshot(rev: str, into: Path) -> Path:
    """The package as it was at ``rev``, under ``into/article_studio``."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev, *PACKAGE_FOLDERS], capture_output=True, check=True
    ).stdout
    target = into / "article_studio"
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return into


def one_run(env: dict[str, str], path: Path, cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "article_studio.rules", str(path)],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return (time.perf_counter() - start) * 1000


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "q1_ms": round(ordered[len(ordered) // 4], 1),
        "q3_ms": round(ordered[(3 * len(ordered)) // 4], 1),
        "min_ms": round(ordered[0], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--against", default="HEAD", help="the commit to compare with (default: HEAD)")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # both sides with their bytecode cached, as installed
    with tempfile.TemporaryDirectory(prefix="cli-ab-") as folder:
        earlier = dict(env, PYTHONPATH=str(snapshot(args.against, Path(folder) / "src")))
        # Outside the repository, so neither side finds a configuration the other does not.
        sides: dict[str, list[float]] = {"working_tree": [], args.against: []}
        for i in range(args.runs + 2):
            for name, side_env in (("working_tree", env), (args.against, earlier)):
                elapsed = one_run(side_env, args.file.resolve(), folder)
                if i >= 2:  # the first two runs of each side warm the caches
                    sides[name].append(elapsed)
    paired = [now - then for now, then in zip(sides["working_tree"], sides[args.against], strict=True)]
    report = {
        "file": str(args.file),
        "runs": args.runs,
        **{name: summary(times) for name, times in sides.items()},
        "paired_difference_median_ms": round(statistics.median(paired), 1),
    }
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
