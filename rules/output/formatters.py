"""Output formats of ``article-lint``: stylish, json (textlint's), sarif, github, checkstyle."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..model import Diagnostic, LineIndex

TEXTLINT_SEVERITY = {"error": 2, "warning": 1, "info": 1}


class _Positions:
    """Offsets of one file's diagnostics in the file as it is on disk (CRLF kept, UTF-16 units)."""

    def __init__(self, result):
        self.index = LineIndex(result.text)
        self.crlf = bool(result.source and result.source.newline == "\r\n")

    def utf16(self, offset: int) -> int:
        # The linter sees "\n"; on disk every earlier line break is one unit longer.
        extra = self.index.line_of(offset) if self.crlf else 0
        return self.index.utf16(offset) + extra

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column in UTF-16 units, as textlint (JavaScript) counts."""
        line = self.index.line_of(offset)
        start = self.index.starts[line]
        return line + 1, self.index.utf16(offset) - self.index.utf16(start) + 1


def _json_message(d: Diagnostic, pos: _Positions) -> dict:
    start, end = pos.utf16(d.start), pos.utf16(d.end)
    line, column = pos.line_column(d.start)
    end_line, end_column = pos.line_column(d.end)
    msg = {
        "type": "lint",
        "ruleId": d.name,
        "code": d.code,
        "message": d.message,
        "index": start,
        "line": line,
        "column": column,
        "range": [start, end],
        "loc": {"start": {"line": line, "column": column}, "end": {"line": end_line, "column": end_column}},
        "severity": TEXTLINT_SEVERITY.get(d.severity, 1),
    }
    if d.fix is not None:
        edits = d.fix.edits
        s, e = min(x.start for x in edits), max(x.end for x in edits)
        text = pos.index.text
        replacement = text[s:e]
        for x in sorted(edits, key=lambda x: x.start, reverse=True):
            replacement = replacement[: x.start - s] + x.text + replacement[x.end - s :]
        if pos.crlf:
            replacement = replacement.replace("\n", "\r\n")
        msg["fix"] = {"range": [pos.utf16(s), pos.utf16(e)], "text": replacement, "applicability": d.fix.applicability}
    return msg


def format_json(results, **_) -> str:
    out = []
    for r in results:
        if r.error:
            continue
        pos = _Positions(r)
        out.append({"filePath": os.path.abspath(r.path), "messages": [_json_message(d, pos) for d in r.diagnostics]})
    # Compact, as textlint prints it; an indent would also make json use its slow pure-Python
    # encoder (a tenth of a second on a hundred files).
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n"


_COLORS = {
    "error": "\033[31m",
    "warning": "\033[33m",
    "info": "\033[36m",
    "dim": "\033[2m",
    "bold": "\033[1m",
    "reset": "\033[0m",
    "underline": "\033[4m",
}


def format_stylish(results, color: bool = False, **_) -> str:
    def c(name: str, s: str) -> str:
        return f"{_COLORS[name]}{s}{_COLORS['reset']}" if color else s

    lines: list[str] = []
    errors = warnings = fixable = 0
    for r in results:
        if r.error or not r.diagnostics:
            continue
        lines.append(c("underline", r.path))
        for d in r.diagnostics:
            errors += d.severity == "error"
            warnings += d.severity == "warning"
            fixable += d.fix is not None and d.fix.applicability == "safe"
            sev = c(d.severity, f"{d.severity:<7}")
            message = d.message.replace("\n", " ")
            lines.append(f"  {d.line:>4}:{d.column:<4} {sev} {message}  {c('dim', f'{d.code} {d.name}')}")
        lines.append("")
    total = errors + warnings
    if total or any(r.diagnostics for r in results if not r.error):
        count = sum(len(r.diagnostics) for r in results if not r.error)
        summary = (
            f"✖ {count} problem{'s' if count != 1 else ''} ({errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''})"
        )
        lines.append(c("bold", c("error" if errors else "warning", summary)))
        if fixable:
            lines.append(f"  {fixable} fixable with --fix")
        lines.append("")
    return "\n".join(lines)


def _github_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_escape_prop(s: str) -> str:
    return _github_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def format_github(results, **_) -> str:
    out = []
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for r in results:
        if r.error:
            continue
        path = _relative(r.path)
        for d in r.diagnostics:
            props = (
                f"file={_github_escape_prop(path)},line={d.line},col={d.column},"
                f"endLine={d.end_line},endColumn={d.end_column},"
                f"title={_github_escape_prop(f'{d.code} {d.name}')}"
            )
            out.append(f"::{level.get(d.severity, 'warning')} {props}::{_github_escape_data(d.message)}")
    return "\n".join(out) + ("\n" if out else "")


def format_checkstyle(results, **_) -> str:
    # Imported here: xml.sax.saxutils pulls in urllib.request and http.client (~15 ms at start-up).
    from xml.sax.saxutils import quoteattr

    out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">']
    for r in results:
        if r.error:
            continue
        out.append(f"  <file name={quoteattr(os.path.abspath(r.path))}>")
        for d in r.diagnostics:
            out.append(
                f'    <error line="{d.line}" column="{d.column}" severity="{d.severity}" '
                f"message={quoteattr(d.message)} source={quoteattr(f'article-lint.{d.code}.{d.name}')} />"
            )
        out.append("  </file>")
    out.append("</checkstyle>")
    return "\n".join(out) + "\n"


def _relative(path: str) -> str:
    try:
        rel = Path(path).resolve().relative_to(Path.cwd().resolve())
        return rel.as_posix()
    except ValueError:
        return Path(path).as_posix()


def format_sarif(results, **_) -> str:
    from ..engine.registry import all_rules
    from ..version import __version__

    rules_meta: list[dict[str, Any]] = []
    index_of: dict[str, int] = {}
    for rule in all_rules():
        index_of[rule.code] = len(rules_meta)
        rules_meta.append(
            {
                "id": rule.code,
                "name": "".join(p.capitalize() for p in rule.name.replace("_", "-").split("-")),
                "shortDescription": {"text": rule.summary()},
                "fullDescription": {"text": rule.doc() or rule.summary()},
                "help": {"text": rule.doc() or rule.summary(), "markdown": rule.doc() or rule.summary()},
                "defaultConfiguration": {"level": _sarif_level(rule.severity)},
                "properties": {"tags": [rule.category()], "textlintRuleId": rule.name},
            }
        )
    sarif_results = []
    for r in results:
        if r.error:
            continue
        uri = _relative(r.path)
        for d in r.diagnostics:
            item = {
                "ruleId": d.code,
                "level": _sarif_level(d.severity),
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                            "region": {
                                "startLine": d.line,
                                "startColumn": d.column,
                                "endLine": d.end_line,
                                "endColumn": d.end_column,
                            },
                        }
                    }
                ],
            }
            if d.code in index_of:
                item["ruleIndex"] = index_of[d.code]
            sarif_results.append(item)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "article-lint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/article-studio/",
                        "rules": rules_meta,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _sarif_level(severity: str) -> str:
    return {"error": "error", "warning": "warning", "info": "note"}.get(severity, "warning")


FORMATTERS: dict[str, Callable[..., str]] = {
    "stylish": format_stylish,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
    "checkstyle": format_checkstyle,
}


def render(fmt: str, results: Sequence, color: bool = False) -> str:
    return FORMATTERS[fmt](results, color=color)
