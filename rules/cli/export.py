"""``article-lint export PATH... --out DIR``: write clean posts for the site.

Exit status: 0 when every post was written (or, with ``--diff``, could be); 1 when any was
refused (still not publishable without ``--force``, or its target is an input or an
existing file without ``--overwrite``); 2 for usage, config, unreadable-input or write
errors. The report goes to stderr, or to stdout as JSON with ``--format json``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ..engine.registry import pick
from ..export.publish import common_base, publish_post, refusal_for, write_post
from .main import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, _Parser

__all__ = ["build_parser", "main", "refusal_for", "write_post"]

_EXCERPT = 40


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="article-lint export",
        description="Clean generated drafts (markers, cut sentences, repeats, fixes, reading_time) "
        "and write them where the site expects them.",
    )
    p.add_argument("paths", nargs="+", help="posts, or folders searched for *.md, *.markdown")
    p.add_argument("--out", "-o", metavar="DIR", help="output folder (posts go to DIR/_posts, DIR/articles, ...)")
    p.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="also turn bold lines into headings, trim unfinished sentences, unify spellings",
    )
    p.add_argument("--force", action="store_true", help="write a post even when errors remain")
    p.add_argument("--overwrite", action="store_true", help="replace existing files in DIR (never an input)")
    p.add_argument("--diff", action="store_true", help="print the changes as a unified diff; write nothing")
    p.add_argument(
        "--format",
        "-f",
        choices=["text", "json"],
        default="text",
        help="report as text on stderr (default) or JSON on stdout",
    )
    p.add_argument("--config", "-c", metavar="FILE", help="use this config file instead of discovery")
    p.add_argument("--lang", choices=["ja", "en"], help="language of the report (default: ja, or the config's)")
    return p


def _note(msg: str) -> None:
    print(msg, file=sys.stderr)


def _diff(name: str, before: str, after: str) -> str:
    if before == after:
        return ""
    out = "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{name}", tofile=f"b/{name}"
        )
    )
    return out if out.endswith("\n") else out + "\n\\ No newline at end of file\n"


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT else flat[:_EXCERPT] + "…"


def _where(first: int, last: int, language: str | None) -> str:
    if first == last:
        return pick(language, ja=f"{first}行目", en=f"line {first}")
    return pick(language, ja=f"{first}〜{last}行目", en=f"lines {first}-{last}")


def _text_report(entry: dict, language: str | None = None) -> str:
    """The human report for one file, in ``language`` (Japanese unless "en")."""
    target = entry.get("destination") or pick(language, ja="（出力先なし）", en="(no target)")
    lines = [f"{entry['path']} -> {target}: {entry['status']}"]
    for c in entry.get("changes", []):
        where = _where(c["line"], c["end_line"], language)
        detail = c["detail"].splitlines()[0] if c["detail"] else ""
        if c["step"] == "reading-time":
            lines.append(f"  {where}: {detail}")
            continue
        if c["original_line"]:
            detail += pick(language, ja=f"（{c['original_line']}行目）", en=f" (line {c['original_line']})")
        text = f"「{_excerpt(c['removed'])}」" if c["removed"].strip() else ""
        if c["inserted"].strip():
            text += f" → 「{_excerpt(c['inserted'])}」"
        lines.append(f"  {where}: {c['step']} ({c['code']}) {detail}{': ' + text if text else ''}")
    chars = entry.get("characters")
    if chars:
        count, removed = len(entry.get("changes", [])), chars["before"] - chars["after"]
        lines.append(
            "  "
            + pick(
                language,
                ja=f"変更{count}件、{removed:,}字を削除（{chars['before']:,} → {chars['after']:,}字）",
                en=f"{count} changes, {removed:,} characters removed ({chars['before']:,} -> {chars['after']:,})",
            )
        )
    error = pick(language, ja="エラー", en="error")
    for d in entry.get("remaining", []):
        lines.append(f"  {error} {d['line']}:{d['column']} {d['code']} {d['message']}")
    note = pick(language, ja="注", en="note")
    for n in entry.get("notes", []):
        lines.append(f"  {note}: {n}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if not args.diff and not args.out:
        _note("article-lint export: --out DIR is required (or --diff to only show the changes)")
        return EXIT_USAGE

    from ..engine.config import ConfigError, config_for, load_config_file
    from ..engine.runner import expand_paths

    try:
        explicit = load_config_file(args.config) if args.config else None
    except ConfigError as exc:
        _note(f"article-lint export: {exc}")
        return EXIT_USAGE
    files, errors = expand_paths(args.paths)
    for e in errors:
        _note(f"article-lint export: {e}")
    status = EXIT_USAGE if errors else EXIT_OK
    out_dir = Path(args.out) if args.out else None
    inputs = [Path(f) for f in files]
    base = common_base(files) if files else None
    taken: set[str] = set()  # real paths written in this run
    entries = []

    def config_of(path: str):
        return (explicit if explicit is not None else config_for(path)).with_overrides(language=args.lang)

    for f in files:
        lang = args.lang or (explicit.language if explicit is not None else None)
        published = publish_post(
            f,
            config_of,
            out_dir,
            inputs=inputs,
            taken=taken,
            base=base,
            unsafe=args.unsafe_fixes,
            force=args.force,
            overwrite=args.overwrite,
            diff=args.diff,
            lang=lang,
        )
        entries.append(published.entry)
        if published.problem:
            _note(f"article-lint export: {published.problem}")
        if args.diff and published.result is not None and published.source is not None:
            diff = _diff(f, published.source.text, published.result.text)
            if args.format == "json":
                published.entry["diff"] = diff
            else:
                sys.stdout.write(diff)
        if published.outcome == "failed":
            status = EXIT_USAGE
            continue
        if published.outcome == "refused":
            status = max(status, EXIT_FINDINGS)
        if args.format == "text":
            _note(_text_report(published.entry, published.language))

    if args.format == "json":
        json.dump({"files": entries}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if not files and not errors:
        _note("article-lint export: no Markdown files found")
        return EXIT_USAGE
    return status
