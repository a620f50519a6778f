"""Output formats of ``article-lint``: stylish, json (textlint's), sarif, github, checkstyle."""

from __future__ import annotations

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


def _json_part(r, diagnostics: list[Diagnostic], color: bool) -> str:
    import json

    pos = _Positions(r)
    # Compact, as textlint prints it; an indent would also make json use its slow pure-Python
    # encoder (a tenth of a second on a hundred files).
    part = {"filePath": os.path.abspath(r.path), "messages": [_json_message(d, pos) for d in diagnostics]}
    return json.dumps(part, ensure_ascii=False, separators=(",", ":"))


def _json_whole(parts: list[bytes], counts: list[int], color: bool, frame) -> list[bytes]:
    out = [b"["]
    for part in parts:
        out += (part, b",")
    out[-1] = b"]\n" if parts else b"[]\n"
    return out


_COLORS = {
    "error": "\033[31m",
    "warning": "\033[33m",
    "info": "\033[36m",
    "dim": "\033[2m",
    "bold": "\033[1m",
    "reset": "\033[0m",
    "underline": "\033[4m",
}


def _paint(color: bool) -> Callable[[str, str], str]:
    def c(name: str, s: str) -> str:
        return f"{_COLORS[name]}{s}{_COLORS['reset']}" if color else s

    return c


def _stylish_part(r, diagnostics: list[Diagnostic], color: bool) -> str:
    if not diagnostics:
        return ""
    c = _paint(color)
    lines = [c("underline", r.path)]
    for d in diagnostics:
        sev = c(d.severity, f"{d.severity:<7}")
        message = d.message.replace("\n", " ")
        lines.append(f"  {d.line:>4}:{d.column:<4} {sev} {message}  {c('dim', f'{d.code} {d.name}')}")
    lines.append("")
    return "".join(line + "\n" for line in lines)


def _stylish_whole(parts: list[bytes], counts: list[int], color: bool, frame) -> list[bytes]:
    count, errors, warnings, fixable = counts
    if not count:
        return parts
    c = _paint(color)
    summary = (
        f"✖ {count} problem{'s' if count != 1 else ''} ({errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''})"
    )
    tail = c("bold", c("error" if errors else "warning", summary)) + "\n"
    if fixable:
        tail += f"  {fixable} fixable with --fix\n"
    return [*parts, tail.encode("utf-8")]


def _github_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_escape_prop(s: str) -> str:
    return _github_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _github_part(r, diagnostics: list[Diagnostic], color: bool) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    path = _relative(r.path)
    out = []
    for d in diagnostics:
        props = (
            f"file={_github_escape_prop(path)},line={d.line},col={d.column},"
            f"endLine={d.end_line},endColumn={d.end_column},"
            f"title={_github_escape_prop(f'{d.code} {d.name}')}"
        )
        out.append(f"::{level.get(d.severity, 'warning')} {props}::{_github_escape_data(d.message)}\n")
    return "".join(out)


def _joined(parts: list[bytes], counts: list[int], color: bool, frame) -> list[bytes]:
    return parts


def _checkstyle_part(r, diagnostics: list[Diagnostic], color: bool) -> str:
    # Imported here: xml.sax.saxutils pulls in urllib.request and http.client (~15 ms at start-up).
    from xml.sax.saxutils import quoteattr

    out = [f"  <file name={quoteattr(os.path.abspath(r.path))}>\n"]
    for d in diagnostics:
        out.append(
            f'    <error line="{d.line}" column="{d.column}" severity="{d.severity}" '
            f"message={quoteattr(d.message)} source={quoteattr(f'article-lint.{d.code}.{d.name}')} />\n"
        )
    out.append("  </file>\n")
    return "".join(out)


def _checkstyle_whole(parts: list[bytes], counts: list[int], color: bool, frame) -> list[bytes]:
    head = b'<?xml version="1.0" encoding="utf-8"?>\n<checkstyle version="4.3">\n'
    return [head, *parts, b"</checkstyle>\n"]


def _relative(path: str) -> str:
    try:
        rel = Path(path).resolve().relative_to(Path.cwd().resolve())
        return rel.as_posix()
    except ValueError:
        return Path(path).as_posix()


_SARIF_INDENT = " " * 8  # of a result in the SARIF document (runs[0].results[i])
_SARIF_RESULTS = "@@results@@"


def _sarif_part(r, diagnostics: list[Diagnostic], color: bool) -> str:
    import json

    from ..engine.catalog import rule_catalog

    index_of = {entry.code: i for i, entry in enumerate(rule_catalog())}  # all_rules' order: by code
    uri = _relative(r.path)
    out = []
    for d in diagnostics:
        item: dict[str, Any] = {
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
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + _SARIF_INDENT)
        out.append(",\n" + _SARIF_INDENT + text)
    return "".join(out)


def _sarif_frame() -> str:
    """The SARIF document around its results (the rules' metadata), with a mark where they go."""
    import json

    from ..engine.registry import all_rules
    from ..version import __version__

    rules_meta: list[dict[str, Any]] = []
    for rule in all_rules():
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
                "results": _SARIF_RESULTS,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _sarif_whole(parts: list[bytes], counts: list[int], color: bool, frame) -> list[bytes]:
    import json

    head, _, tail = frame.partition(json.dumps(_SARIF_RESULTS).encode())
    parts = [p for p in parts if p]
    if not parts:
        return [head, b"[]", tail]
    parts[0] = parts[0][2:]  # the first result has no comma before it
    return [head, b"[\n", *parts, b"\n" + _SARIF_INDENT[2:].encode() + b"]", tail]


def _sarif_level(severity: str) -> str:
    return {"error": "error", "warning": "warning", "info": "note"}.get(severity, "warning")


class _Form:
    """An output format: each file's part, and the whole made of the parts."""

    def __init__(self, part, whole, counted: bool = False, frame=None):
        self.part, self.whole, self.counted, self.frame = part, whole, counted, frame


_FORMS = {
    "stylish": _Form(_stylish_part, _stylish_whole, counted=True),
    "json": _Form(_json_part, _json_whole),
    "sarif": _Form(_sarif_part, _sarif_whole, frame=_sarif_frame),
    "github": _Form(_github_part, _joined),
    "checkstyle": _Form(_checkstyle_part, _checkstyle_whole),
}


def _shown(result, quiet: bool) -> list[Diagnostic]:
    diagnostics = result.diagnostics
    return [d for d in diagnostics if d.severity == "error"] if quiet else diagnostics


def _counts(result, shown: list[Diagnostic] | None, quiet: bool) -> tuple[int, int, int, int]:
    """(findings, errors, warnings, safely fixable) of what the report shows of ``result``."""
    counts = getattr(result, "counts", None)
    if shown is None and counts is not None:
        return counts(quiet)  # a cached result: without decoding its findings
    shown = _shown(result, quiet) if shown is None else shown
    return (
        len(shown),
        sum(d.severity == "error" for d in shown),
        sum(d.severity == "warning" for d in shown),
        sum(d.fix is not None and d.fix.applicability == "safe" for d in shown),
    )


def render_bytes(fmt: str, results: Sequence, color: bool = False, quiet: bool = False, store=None) -> list[bytes]:
    """The report of ``results`` in format ``fmt``, as pieces of UTF-8 (errors only with ``quiet``).

    ``store`` (a ``LintCache``) gives each file's part as the last run wrote it, when its
    findings and everything else the part shows are the same, and keeps the parts made now."""
    form = _FORMS[fmt]
    cwd = os.getcwd()
    parts: list[bytes] = []
    totals = [0, 0, 0, 0]
    for r in results:
        if r.error:
            continue
        variant = (fmt, r.path, cwd, color, quiet)
        data = store.fragment(r, variant) if store is not None else None
        shown = None
        if data is None:
            shown = _shown(r, quiet)
            data = form.part(r, shown, color).encode("utf-8", "surrogatepass")
            if store is not None:
                store.keep_fragment(r, variant, data)
        parts.append(data)
        if form.counted:
            for i, n in enumerate(_counts(r, shown, quiet)):
                totals[i] += n
    frame = None
    if form.frame is not None:
        name = f"{fmt}\0{cwd}"
        frame = store.part(name) if store is not None else None
        if frame is None:
            frame = form.frame().encode("utf-8", "surrogatepass")
            if store is not None:
                store.keep_part(name, frame)
    return form.whole(parts, totals, color, frame)


def _formatter(fmt: str) -> Callable[..., str]:
    def format_(results, color: bool = False, **_) -> str:
        return b"".join(render_bytes(fmt, results, color=color)).decode("utf-8", "surrogatepass")

    format_.__name__ = f"format_{fmt}"
    return format_


FORMATTERS: dict[str, Callable[..., str]] = {name: _formatter(name) for name in _FORMS}
format_stylish, format_json, format_sarif = FORMATTERS["stylish"], FORMATTERS["json"], FORMATTERS["sarif"]
format_github, format_checkstyle = FORMATTERS["github"], FORMATTERS["checkstyle"]


def render(fmt: str, results: Sequence, color: bool = False) -> str:
    return FORMATTERS[fmt](results, color=color)
