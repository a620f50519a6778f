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
import os
import sys
from pathlib import Path
from typing import Sequence

from .cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, _Parser

_EXCERPT = 40


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="article-lint export",
                description="Clean generated drafts (markers, cut sentences, repeats, fixes, reading_time) "
                            "and write them where the site expects them.")
    p.add_argument("paths", nargs="+", help="posts, or folders searched for *.md, *.markdown")
    p.add_argument("--out", "-o", metavar="DIR", help="output folder (posts go to DIR/_posts, DIR/articles, ...)")
    p.add_argument("--unsafe-fixes", action="store_true",
                   help="also turn bold lines into headings, trim unfinished sentences, unify spellings")
    p.add_argument("--force", action="store_true", help="write a post even when errors remain")
    p.add_argument("--overwrite", action="store_true", help="replace existing files in DIR (never an input)")
    p.add_argument("--diff", action="store_true", help="print the changes as a unified diff; write nothing")
    p.add_argument("--format", "-f", choices=["text", "json"], default="text",
                   help="report as text on stderr (default) or JSON on stdout")
    p.add_argument("--config", "-c", metavar="FILE", help="use this config file instead of discovery")
    return p


def _note(msg: str) -> None:
    print(msg, file=sys.stderr)


def _common_base(files: list[str]) -> str:
    parents = [os.path.dirname(os.path.abspath(f)) for f in files]
    try:
        return os.path.commonpath(parents) if parents else os.getcwd()
    except ValueError:  # different drives
        return os.path.dirname(os.path.abspath(files[0]))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _diff(name: str, before: str, after: str) -> str:
    if before == after:
        return ""
    out = "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                       fromfile=f"a/{name}", tofile=f"b/{name}"))
    return out if out.endswith("\n") else out + "\n\\ No newline at end of file\n"


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT else flat[:_EXCERPT] + "…"


def _text_report(entry: dict) -> str:
    """The human report for one file."""
    lines = [f"{entry['path']} -> {entry.get('destination') or '(no target)'}: {entry['status']}"]
    for c in entry.get("changes", []):
        where = f"line {c['line']}" if c["line"] == c["end_line"] else f"lines {c['line']}-{c['end_line']}"
        detail = c["detail"].splitlines()[0] if c["detail"] else ""
        if c["step"] == "reading-time":
            lines.append(f"  {where}: {detail}")
            continue
        if c["original_line"]:
            detail += f" (line {c['original_line']})"
        text = f"「{_excerpt(c['removed'])}」" if c["removed"].strip() else ""
        if c["inserted"].strip():
            text += f" → 「{_excerpt(c['inserted'])}」"
        lines.append(f"  {where}: {c['step']} ({c['code']}) {detail}{': ' + text if text else ''}")
    chars = entry.get("characters")
    if chars:
        lines.append(f"  {len(entry.get('changes', []))} changes, {chars['before'] - chars['after']:,} characters "
                     f"removed ({chars['before']:,} -> {chars['after']:,})")
    for d in entry.get("remaining", []):
        lines.append(f"  error {d['line']}:{d['column']} {d['code']} {d['message']}")
    for n in entry.get("notes", []):
        lines.append(f"  note: {n}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if not args.diff and not args.out:
        _note("article-lint export: --out DIR is required (or --diff to only show the changes)")
        return EXIT_USAGE

    from . import ReadError, read_source, write_atomic
    from .config import ConfigError, config_for, load_config_file
    from .export import export_post
    from .runner import expand_paths

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
    base = _common_base(files) if files else None
    taken: set[Path] = set()
    entries = []

    for f in files:
        entry: dict = {"path": f}
        entries.append(entry)
        try:
            source = read_source(f)
            config = explicit if explicit is not None else config_for(f)
        except (ReadError, ConfigError) as exc:
            _note(f"article-lint export: {exc}")
            entry.update(status="unreadable", error=str(exc))
            status = EXIT_USAGE
            continue
        try:
            result = export_post(source.text, f, config, unsafe=args.unsafe_fixes, base=base)
        except Exception as exc:  # a bug of ours must not stop the other files
            _note(f"article-lint export: {f}: internal error: {exc.__class__.__name__}: {exc}")
            entry.update(status="internal error", error=str(exc))
            status = EXIT_USAGE
            continue
        entry.update(result.as_dict())
        dest = out_dir / result.target if out_dir is not None and result.target else None
        entry["destination"] = str(dest) if dest else None
        refusal = None
        if result.target is None:
            refusal = "not written: no target path"
        elif dest is not None and any(_same_file(dest, i) for i in inputs):
            refusal = "not written: the target is an input file"
        elif dest is not None and dest.resolve() in taken:
            refusal = "not written: another input already exports to this file"
        elif dest is not None and dest.exists() and not args.overwrite and not args.diff:
            refusal = "not written: the file exists (--overwrite replaces it)"
        elif result.remaining and not args.force:
            refusal = f"not written: {len(result.remaining)} error(s) left (--force writes it anyway)"
        if args.diff:
            diff = _diff(f, source.text, result.text)
            if args.format == "json":
                entry["diff"] = diff
            else:
                sys.stdout.write(diff)
        if refusal:
            entry["status"] = refusal
            status = max(status, EXIT_FINDINGS)
        elif args.diff:
            entry["status"] = "not written (--diff)"
        else:
            try:
                dest.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(dest, source.encode(result.text))
            except (OSError, UnicodeEncodeError) as exc:
                _note(f"article-lint export: {dest}: cannot write: {exc}")
                entry["status"] = f"not written: {exc}"
                status = EXIT_USAGE
                continue
            taken.add(dest.resolve())
            entry["status"] = "written"
        entry["written"] = entry["status"] == "written"
        if args.format == "text":
            _note(_text_report(entry))

    if args.format == "json":
        json.dump({"files": entries}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if not files and not errors:
        _note("article-lint export: no Markdown files found")
        return EXIT_USAGE
    return status
