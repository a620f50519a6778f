from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.jscomments import comments
from ...terminology.prh import PrhError, load_dictionaries, resolve_dictionary
from ...terminology.safe_edits import not_prose_spans, overlaps, word_safe_edit

# Inline marks whose text is never prose for prh (textlint has no Str node inside them).
_ALWAYS_SKIPPED = frozenset({"code", "math", "image", "html"})


def str_segments(block, skipped: frozenset[str]) -> list[tuple[int, int]]:
    """The plain-text ranges of ``block`` that textlint would see as separate Str nodes.

    Every inline mark starts a new node; ranges inside a ``skipped`` mark are left out.
    """
    text_len = len(block.text)
    cuts = {0, text_len}
    # How many skipped marks open (+1) and close (-1) at each offset: a range is inside one
    # of them when the count, summed up to its start, is positive (one sweep, not a search
    # of every mark for every range: a paragraph can hold a hundred thousand marks).
    steps: dict[int, int] = {}
    for m in block.marks:
        cuts.add(m.start)
        cuts.add(m.end)
        if m.kind in skipped and m.end > m.start:
            steps[m.start] = steps.get(m.start, 0) + 1
            steps[m.end] = steps.get(m.end, 0) - 1
    points = sorted(c for c in cuts if 0 <= c <= text_len)
    inside = sum(step for at, step in steps.items() if at < 0)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        inside += steps.get(a, 0)
        if a < b and not inside:
            out.append((a, b))
    return out


def _not_prose(block) -> list[tuple[int, int]]:
    spans = block.views.get("not_prose")
    if spans is None:
        spans = block.views["not_prose"] = not_prose_spans(block.text)
    return spans


class Prh(Rule):
    """Terms that a prh dictionary says to write another way.

    **What it does**: reads prh dictionaries (the YAML that ``prh`` and
    ``textlint-rule-prh`` use, with ``imports``, ``/regex/`` patterns, ``regexpMustEmpty``,
    ``wordBoundary`` and ``specs``) and reports every match in prose with the message
    ``<matched> => <expected>``, followed by the rule's ``prh`` note when it has one,
    exactly as textlint-rule-prh does. Code (inline and blocks), links, emphasis and block
    quotes are skipped unless the options below turn them on. The rule runs only when a
    dictionary is configured: ``rulePaths`` here, or ``dictionaries = [...]`` at the top of
    the config. Paths are relative to the config file. The dictionaries of prh/rules are
    built in: ``builtin:WEB+DB_PRESS``, ``builtin:techbooster``, ``builtin:trademark``,
    ``builtin:typo``, ``builtin:javascript``, ``builtin:android``, ``builtin:software``,
    ``builtin:terms/review`` (also by path, e.g. ``builtin:media/WEB+DB_PRESS``).
    A dictionary whose ``specs`` fail, or that cannot be read, is reported once at the top
    of the file, naming the file; so is a pattern that takes too long on the document (one
    that backtracks without end), which is then not used there.

    **Why**: a house style (「ディフォルト」→「デフォルト」, ``jquery`` → ``jQuery``) is kept in
    one dictionary that the whole team, and textlint users, share.

    **Example**::

        # .article-lint.toml
        dictionaries = ["builtin:WEB+DB_PRESS", "prh.yml"]
        [rules.prh]
        checkBlockQuote = true

        jqueryではディフォルトの設定を使う。   →  jquery => jQuery, ディフォルト => デフォルト

    **Fix**: replaces the match with the expected text, ``$1``-style groups filled in (safe).
    No fix is made where it would damage a word: a match that starts or ends inside a Latin
    word (``table`` in ``Immutable``, ``0から`` in ``JGD2000から``), a word in capitals
    re-cased (``TODO`` → ``ToDo``), or text that is not prose (an address, a path, a file
    name, an identifier, a literal in double quotes, a quoted error message); those are
    reported only. A change in a code comment is offered in the editor, never applied by
    ``--fix``.

    Options (textlint-rule-prh's): ``rulePaths`` (list of dictionaries), ``checkLink``
    (false), ``checkBlockQuote`` (false), ``checkEmphasis`` (false), ``checkHeader`` (true),
    ``checkParagraph`` (true), ``checkCodeComment`` (code block languages whose ``//`` and
    ``/* */`` comments are checked, e.g. ``["js"]``; default none).
    """

    code = "TM002"
    name = "prh"
    severity = "warning"
    options = Options(
        Option(
            "rulePaths",
            [],
            "prh dictionaries to load, as textlint-rule-prh names them (also the config's dictionaries).",
        ),
        Option("checkLink", False, "Check link text."),
        Option("checkBlockQuote", False, "Check block quotes."),
        Option("checkEmphasis", False, "Check emphasised text."),
        Option("checkHeader", True, "Check headings."),
        Option("checkParagraph", True, "Check paragraphs."),
        Option("checkCodeComment", [], "Languages whose code comments are checked."),
    )
    fixes = "mixed"
    textlint_id = "prh"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        names = list(ctx.config.dictionaries or []) + list(ctx.options.get("rulePaths") or [])
        if not names:
            return
        try:
            paths = [resolve_dictionary(str(n), ctx.config.resolve) for n in names]
            dictionary = load_dictionaries(paths)
        except PrhError as exc:
            yield ctx.report(0, 0, ctx.msg(ja=f"prh辞書を使えません（{exc}）。", en=f"prh dictionary unusable: {exc}"))
            return
        if not dictionary.rules:
            return
        slow: list = []  # rules whose pattern took too long here: left out, and reported
        yield from self._check_prose(doc, ctx, dictionary, slow)
        langs = ctx.options.get("checkCodeComment") or []
        if langs:
            yield from self._check_code(doc, ctx, dictionary, set(langs), slow)
        for pattern in dict.fromkeys(f"/{r.js_pattern}/ ({r.origin})" for r in slow):
            yield ctx.report(
                0,
                0,
                ctx.msg(
                    ja=f"prh辞書のパターン {pattern} は時間がかかりすぎるため、この文書では使いませんでした。",
                    en=f"The prh pattern {pattern} took too long on this document and was not used.",
                ),
            )

    def _check_prose(self, doc, ctx, dictionary, slow):
        opts = ctx.options
        skipped = set(_ALWAYS_SKIPPED)
        if not opts.get("checkLink"):
            skipped.add("link")
        if not opts.get("checkEmphasis"):
            skipped.add("em")
        skipped = frozenset(skipped)
        # All Str nodes of the document joined by "\n", so each rule scans once; a match
        # that crosses a join is dropped.
        pieces, starts, owners = [], [], []
        pos = 0
        for block in doc.prose_blocks():
            if not self._block_checked(block, opts):
                continue
            for a, b in str_segments(block, skipped):
                pieces.append(block.text[a:b])
                starts.append(pos)
                owners.append((block, a, b))
                pos += b - a + 1
        if not pieces:
            return
        big = "\n".join(pieces)
        for change in dictionary.changes(big, slow):
            if change.actual == change.expected:
                continue
            i = bisect_right(starts, change.start) - 1
            block, a, b = owners[i]
            plain_start = a + change.start - starts[i]
            plain_end = a + change.end - starts[i]
            if plain_end > b:
                continue
            start, end = block.source_span(plain_start, plain_end)
            prose = not overlaps(_not_prose(block), plain_start, plain_end)
            yield self._report(doc, ctx, start, end, change, "safe" if prose else None)

    @staticmethod
    def _block_checked(block, opts) -> bool:
        if not opts["checkBlockQuote"] and "blockquote" in block.containers:
            return False
        if block.kind == "heading":
            return bool(opts["checkHeader"])
        if block.kind == "table_cell":
            return True
        return bool(opts["checkParagraph"])

    def _check_code(self, doc, ctx, dictionary, langs, slow):
        for block in doc.blocks:
            if block.kind != "code" or not block.info or block.info.split()[0] not in langs:
                continue
            line_starts = self._content_line_starts(doc, block)
            if line_starts is None:
                continue
            code = block.text
            # Offsets of each content line inside ``code``, to map back to the source lines.
            code_lines = [0]
            for k, ch in enumerate(code):
                if ch == "\n":
                    code_lines.append(k + 1)
            for comment in comments(code):
                text = code[comment.start : comment.end]
                for change in dictionary.changes(text, slow):
                    if change.actual == change.expected:
                        continue
                    at = comment.start + change.start
                    line = bisect_right(code_lines, at) - 1
                    if line >= len(line_starts):
                        continue
                    start = line_starts[line] + (at - code_lines[line])
                    # Code is never rewritten by --fix: the editor offers the change.
                    yield self._report(doc, ctx, start, start + len(change.actual), change, "display")

    @staticmethod
    def _content_line_starts(doc, block) -> list[int] | None:
        """Source offset of each line of a fenced block's content (container prefixes removed)."""
        out = []
        for k, content_line in enumerate(block.text.split("\n")):
            line = block.line + 1 + k
            if line >= block.end_line:
                break
            s, e = doc.lines.line_span(line)
            if not doc.text[s:e].endswith(content_line):
                return None
            out.append(e - len(content_line))
        return out

    @staticmethod
    def _report(doc, ctx, start, end, change, applicability):
        """The finding, with a fix only where the source holds the match as it is and the
        change damages no word (``word_safe_edit``); ``applicability`` None: no fix."""
        note = change.rule.note
        message = f"{change.actual} => {change.expected}" + (f"\n{note}" if note is not None else "")
        edit = None
        if applicability is not None and doc.text[start:end] == change.actual:
            edit = word_safe_edit(doc.text, start, end, change.expected)
        if edit is None:
            return ctx.report(start, end, message)
        fix = ctx.replace(
            *edit,
            applicability,
            ctx.msg(ja=f"「{change.expected}」に置き換える", en=f"Replace with {change.expected}"),
        )
        return ctx.report(start, end, message, fix)
