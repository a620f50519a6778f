"""``article-lint --cache`` on a site of 2,437 posts: a cold run, a rerun with nothing changed, and a
rerun with one post changed, each a whole ``article-lint`` process as CI runs it.

The site is built in a temporary folder from the 87 generated posts of the test corpus, each
written 28 times (29 for the first) with its own date, file name and title, and a sentence of its
own, so that no two posts are the same text. Prints one JSON object.

    .venv/bin/python bench/cache_site.py [--posts 2437] [--format json] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GENERATED = REPO / "tests" / "data" / "corpus" / "generated"
_DATE = re.compile(r"^date:.*$", re.M)
_TITLE = re.compile(r"^title:\s*(.*)$", re.M)


def build_site(folder: Path, count: int) -> list[Path]:
    sources = sorted(GENERATED.rglob("_posts/*.md"))
    posts = folder / "_posts"
    posts.mkdir(parents=True)
    start = dt.date(2020, 1, 1)
    written = []
    for i in range(count):
        src = sources[i % len(sources)]
        variant = i // len(sources)
        day = start + dt.timedelta(days=i)
        text = src.read_text(encoding="utf-8")
        text = _DATE.sub(f"date: {day.isoformat()}", text, count=1)
        text = _TITLE.sub(lambda m, v=variant: f"title: {m.group(1).rstrip()} {v}" if v else m.group(0), text, count=1)
        if variant:
            text = text.rstrip("\n") + f"\n\nこの記事は第{variant}版です。\n"
        slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", src.stem)
        path = posts / f"{day.isoformat()}-{slug}-{variant}.md"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def run(site: Path, cache: Path, fmt: str) -> tuple[float, int, int]:
    cmd = [sys.executable, "-m", "article_studio.rules", "--cache-location", str(cache), "--format", fmt, "_posts"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=site, capture_output=True, check=False)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr.decode("utf-8", "replace"))
    return elapsed, len(proc.stdout), proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=2437)
    parser.add_argument("--format", default="json", help="the output format of the runs (default: json)")
    parser.add_argument("--keep", metavar="DIR", help="build the site in DIR and keep it (with its cache)")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cache-site-"))
    if folder.exists() and any(folder.iterdir()):
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    posts = build_site(folder, args.posts)
    cache = folder / ".article-lint-cache"
    cold, out_bytes, _ = run(folder, cache, args.format)
    warm, warm_bytes, _ = run(folder, cache, args.format)
    changed = posts[len(posts) // 2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n追記した段落です。\n", encoding="utf-8")
    one, _, _ = run(folder, cache, args.format)
    same = warm_bytes == out_bytes
    result = {
        "posts": len(posts),
        "cpus": os.cpu_count(),
        "format": args.format,
        "cold_s": round(cold, 2),
        "unchanged_s": round(warm, 2),
        "one_changed_s": round(one, 2),
        "cache_mb": round(cache.stat().st_size / 1e6, 1),
        "output_mb": round(out_bytes / 1e6, 1),
        "unchanged_output_same_size": same,
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
