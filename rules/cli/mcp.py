"""``article-lint mcp``: an MCP server over stdio, so that AI tools check and clean their own writing.

Tools: ``lint`` (text or a file; findings as structured data), ``fix`` (safe fixes, or unsafe ones
too when asked; the new text and a diff, optionally written back), ``export`` (a draft to a clean
post, with the same refusals as ``article-lint export``), ``explain_rule`` and ``list_rules``.
A generator's loop: write → ``lint`` → ``fix`` → ``export``.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mcp.server.mcpserver import MCPServer

from .. import (
    Config,
    Diagnostic,
    ReadError,
    __version__,
    config_for,
    explain,
    fix_text,
    lint_text,
    list_rules,
    load_config,
    read_source,
    write_atomic,
)

INSTRUCTIONS = (
    "Checks Japanese technical articles in Markdown (generation artifacts such as ---END--- markers, "
    "cut-off or repeated passages, terminology, front matter, textlint's ja-technical-writing rules). "
    "Call lint on a draft, fix to apply the safe fixes, export to write the clean post; explain_rule "
    "says what a finding's rule wants."
)

server = MCPServer("article-lint", instructions=INSTRUCTIONS, version=__version__)


class ToolInputError(ValueError):
    """A request the tool cannot carry out; the message says what to send instead."""


def _config(path: str | None, config: str | None, language: str | None) -> Config:
    cfg = load_config(config) if config else config_for(path)
    return cfg.with_overrides(language=language) if language else cfg


def _input(text: str | None, path: str | None) -> tuple[str, str | None, Any]:
    """The text to work on (given, or read from ``path``), its path, and the file's encoding."""
    if text is None and path is None:
        raise ToolInputError("give either 'text' (the Markdown) or 'path' (a file to read)")
    if text is not None:
        return text.replace("\r\n", "\n"), path, None
    try:
        source = read_source(path)  # type: ignore[arg-type]
    except ReadError as exc:
        raise ToolInputError(str(exc)) from None
    return source.text, path, source


def finding(d: Diagnostic) -> dict[str, Any]:
    """One finding as plain data: where (1-based lines and columns, and code-point offsets), what, the fixes."""

    def fix(f) -> dict[str, Any]:
        return {
            "applicability": f.applicability,
            "description": f.description,
            "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in f.edits],
        }

    return {
        "code": d.code,
        "rule": d.name,
        "severity": d.severity,
        "message": d.message,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "start": d.start,
        "end": d.end,
        "fix": fix(d.fix) if d.fix else None,
        "suggestions": [fix(s) for s in d.suggestions],
    }


def _summary(found: list[Diagnostic]) -> dict[str, int]:
    return {
        "errors": sum(d.severity == "error" for d in found),
        "warnings": sum(d.severity == "warning" for d in found),
        "infos": sum(d.severity == "info" for d in found),
        "fixable_safe": sum(bool(d.fix and d.fix.applicability == "safe") for d in found),
        "fixable_unsafe": sum(bool(d.fix and d.fix.applicability == "unsafe") for d in found),
    }


def _diff(name: str, before: str, after: str) -> str:
    if before == after:
        return ""
    out = "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{name}", tofile=f"b/{name}"
        )
    )
    return out if out.endswith("\n") else out + "\n\\ No newline at end of file\n"


@server.tool()
def lint(
    text: str | None = None,
    path: str | None = None,
    config: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """Lint a Markdown article: pass its ``text`` (``path`` then only names it, for the config, the
    front-matter profile and the file-name date), or the ``path`` of a file to read. ``config`` is a
    config file instead of discovery; ``language`` "ja" (default) or "en" for the messages.
    Returns every finding with its position, message and fixes, and counts by severity."""
    body, name, _ = _input(text, path)
    cfg = _config(name, config, language)
    notes: list[str] = []
    found = lint_text(body, name, cfg, notes)
    return {"path": name, "summary": _summary(found), "findings": [finding(d) for d in found], "notes": notes}


@server.tool()
def fix(
    text: str | None = None,
    path: str | None = None,
    unsafe: bool = False,
    write: bool = False,
    config: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """Apply the safe fixes (and the unsafe ones with ``unsafe``) until nothing changes. Returns the
    new text, a unified diff and the findings left. With ``write`` and a ``path`` (and no ``text``),
    the file is rewritten atomically in its own encoding."""
    body, name, source = _input(text, path)
    cfg = _config(name, config, language)
    fixed = fix_text(body, name, cfg, unsafe=unsafe)
    left = lint_text(fixed, name, cfg)
    written = False
    if write:
        if source is None or name is None:
            raise ToolInputError("'write' rewrites the file at 'path': give 'path' and no 'text'")
        if fixed != body:
            try:
                write_atomic(name, source.encode(fixed), expect=source.raw)
            except (OSError, UnicodeEncodeError) as exc:
                raise ToolInputError(f"{name}: cannot write the fixes: {exc}") from None
            written = True
    return {
        "path": name,
        "changed": fixed != body,
        "written": written,
        "text": fixed,
        "diff": _diff(name or "article.md", body, fixed),
        "summary": _summary(left),
        "remaining": [finding(d) for d in left],
    }


@server.tool()
def export(
    path: str | None = None,
    text: str | None = None,
    out: str | None = None,
    unsafe: bool = False,
    force: bool = False,
    overwrite: bool = False,
    config: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """Turn a draft into a clean post, as ``article-lint export`` does: markers removed, cut sentences
    stitched, repeats and chatter dropped, fixes applied (unsafe ones with ``unsafe``), reading_time
    recomputed. With ``out`` (the site's folder) the post is written where the site expects it
    (``_posts/YYYY-MM-DD-slug.md``, ``articles/slug.md``), unless refused: no target path, the
    target is the input, the file exists (unless ``overwrite``), or error-level findings remain
    (unless ``force``). Without ``out`` nothing is written. Returns the clean text, a diff, every
    change with its reason, the errors left, and the refusal if any."""
    from ..export.pipeline import export_post
    from ..export.publish import refusal_for, write_post

    body, name, source = _input(text, path)
    cfg = _config(name, config, language)
    result = export_post(body, name, cfg, unsafe=unsafe)
    report = result.as_dict()
    dest = Path(out) / result.target if out and result.target else None
    inputs = [Path(name)] if name and source is not None else []
    refusal = refusal_for(
        result, dest, inputs, set(), overwrite=overwrite, force=force, diff=out is None, lang=cfg.language
    )
    written = False
    if out is not None and refusal is None and dest is not None:
        # The same guarded write as the CLI's: inside ``out`` once links are followed, never over
        # an existing file unless ``overwrite``.
        problem = write_post(dest, Path(out), source, result.text, overwrite)
        written = problem is None
        refusal = None if written else f"not written: {problem}"
    report.update(
        path=name,
        destination=str(dest) if dest else None,
        written=written,
        refused=refusal,
        text=result.text,
        diff=_diff(name or "article.md", body, result.text),
    )
    return report


@server.tool()
def explain_rule(rule: str) -> dict[str, Any]:
    """What a rule checks, why, an example and how to fix it, by code (``AG001``) or name (``end-marker``)."""
    doc = explain(rule)
    if doc is None:
        raise ToolInputError(f"no rule named {rule!r}; list_rules gives them all")
    info = next(r for r in list_rules() if r.code.upper() == rule.upper() or r.name == rule.strip())
    return {
        "code": info.code,
        "rule": info.name,
        "severity": info.severity,
        "enabled_by_default": info.default_enabled,
        "fixable": info.fixable,
        "options": info.options,
        "documentation": doc,
    }


@server.tool(name="list_rules")
def list_all_rules() -> dict[str, Any]:
    """Every rule: code, name, default severity, a one-line summary, whether it has fixes."""
    return {
        "rules": [
            {
                "code": r.code,
                "rule": r.name,
                "severity": r.severity,
                "summary": r.summary,
                "fixable": r.fixable,
                "enabled_by_default": r.default_enabled,
            }
            for r in list_rules()
        ]
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="article-lint mcp",
        description="Run the MCP server on standard input and output (started by an AI tool).",
    )
    parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    os.environ.setdefault("NO_COLOR", "1")
    server.run("stdio")
    return 0
