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
from collections.abc import Sequence
from pathlib import Path

from ..engine.registry import pick
from .main import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, _Parser

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


def _common_base(files: list[str]) -> str:
    parents = [os.path.dirname(os.path.abspath(f)) for f in files]
    try:
        return os.path.commonpath(parents) if parents else os.getcwd()
    except ValueError:  # different drives
        return os.path.dirname(os.path.abspath(files[0]))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.realpath(a) == os.path.realpath(b) or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


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


def write_post(dest: Path, out_dir: Path, source, text: str, overwrite: bool) -> str | None:
    """Write the post at ``dest``, which must lie inside ``out_dir`` once every symbolic link is
    followed, and must not exist unless ``overwrite``; the problem, if it was not written.
    ``source`` is the input's ``SourceText`` (its encoding and line endings are kept), or None
    for text that came from no file (written as UTF-8)."""
    from .. import write_atomic

    try:
        data = source.encode(text) if source is not None else text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        column = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
        bad = text[exc.start : exc.end]
        return f"{dest}:{line}:{column}: {bad!r} cannot be written as {source.label}"
    try:
        write_atomic(dest, data, within=out_dir, parents=True, exclusive=not overwrite)
    except OSError as exc:
        return str(exc)
    return None


def _not_written(language: str | None, ja: str, en: str) -> str:
    return pick(language, ja=f"書き出していません: {ja}", en=f"not written: {en}")


def refusal_for(
    result,
    dest: Path | None,
    inputs: list[Path],
    taken: set[str],
    *,
    overwrite: bool,
    force: bool,
    diff: bool,
    lang: str | None,
) -> str | None:
    """Why the exported ``result`` must not be written to ``dest`` (None: it may be).

    The same refusals wherever a post is exported (this command, the MCP server): no target,
    the target is an input or taken by another input, an existing file (unless ``overwrite``),
    error-level findings left (unless ``force``)."""
    if result.target is None:
        return _not_written(lang, "出力先のパスがありません", "no target path")
    if dest is not None and any(_same_file(dest, i) for i in inputs):
        return _not_written(lang, "出力先が入力ファイルです", "the target is an input file")
    if dest is not None and os.path.realpath(dest) in taken:
        return _not_written(
            lang, "別の入力がすでにこのファイルに書き出しています", "another input already exports to this file"
        )
    # lexists: a dangling symbolic link at the target is a file in the way too.
    if dest is not None and os.path.lexists(dest) and not overwrite and not diff:
        return _not_written(
            lang,
            "ファイルがすでにあります（--overwrite で置き換えます）",
            "the file exists (--overwrite replaces it)",
        )
    if result.remaining and not force:
        left = len(result.remaining)
        return _not_written(
            lang,
            f"エラーが{left}件残っています（--force で書き出せます）",
            f"{left} error(s) left (--force writes it anyway)",
        )
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if not args.diff and not args.out:
        _note("article-lint export: --out DIR is required (or --diff to only show the changes)")
        return EXIT_USAGE

    from .. import ReadError, read_source
    from ..engine.config import ConfigError, config_for, load_config_file
    from ..engine.runner import expand_paths
    from ..export.pipeline import export_post

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
    taken: set[str] = set()  # real paths written in this run
    entries = []

    for f in files:
        entry: dict = {"path": f}
        entries.append(entry)
        lang = args.lang or (explicit.language if explicit is not None else None)
        try:
            source = read_source(f)
            config = (explicit if explicit is not None else config_for(f)).with_overrides(language=args.lang)
        except (ReadError, ConfigError) as exc:
            _note(f"article-lint export: {exc}")
            entry.update(status=pick(lang, ja="読み込めません", en="unreadable"), error=str(exc))
            status = EXIT_USAGE
            continue
        lang = config.language
        try:
            result = export_post(source.text, f, config, unsafe=args.unsafe_fixes, base=base)
        except Exception as exc:  # a bug of ours must not stop the other files
            _note(f"article-lint export: {f}: internal error: {exc.__class__.__name__}: {exc}")
            entry.update(status=pick(lang, ja="内部エラー", en="internal error"), error=str(exc))
            status = EXIT_USAGE
            continue
        entry.update(result.as_dict())
        dest = out_dir / result.target if out_dir is not None and result.target else None
        entry["destination"] = str(dest) if dest else None
        refusal = refusal_for(
            result, dest, inputs, taken, overwrite=args.overwrite, force=args.force, diff=args.diff, lang=lang
        )
        if args.diff:
            diff = _diff(f, source.text, result.text)
            if args.format == "json":
                entry["diff"] = diff
            else:
                sys.stdout.write(diff)
        written = False
        if refusal:
            entry["status"] = refusal
            status = max(status, EXIT_FINDINGS)
        elif args.diff:
            entry["status"] = pick(lang, ja="書き出していません（--diff）", en="not written (--diff)")
        else:
            assert dest is not None and out_dir is not None  # a target without --out is a refusal above
            problem = write_post(dest, out_dir, source, result.text, args.overwrite)
            if problem:
                _note(f"article-lint export: {problem}")
                entry["status"] = _not_written(lang, problem, problem)
                status = EXIT_USAGE
                continue
            taken.add(os.path.realpath(dest))
            entry["status"] = pick(lang, ja="書き出しました", en="written")
            written = True
        entry["written"] = written
        if args.format == "text":
            _note(_text_report(entry, lang))

    if args.format == "json":
        json.dump({"files": entries}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if not files and not errors:
        _note("article-lint export: no Markdown files found")
        return EXIT_USAGE
    return status
