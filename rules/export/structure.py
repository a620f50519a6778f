"""The exporter's structural pass: markers, cut sentences, restarts, copies, title, chatter.

Everything here removes text (a stitch removes the marker and the words the next chunk
wrote again), so the pass is a list of deletions on one ``Document``. Each comes with the
step that asked for it, for the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.registry import pick
from ..model import Diagnostic, Edit
from ..reading.boundaries import Boundary, boundaries, restated_opening, stitch
from ..reading.document import Block, Document
from ..reading.markers import line_bounds, removal
from ..reading.prose import COMPLETE_ENDINGS, last_sentence_start, normalize
from ..reading.repetition import LONG_CHARS, Copy, candidate_blocks, find_copies, prose_text


@dataclass(frozen=True)
class Planned:
    """A deletion (or small replacement) with the step and rule behind it, in pass offsets."""

    edit: Edit
    step: str
    code: str
    detail: str
    original: tuple[int, int] | None = None  # for copies: the span of what it repeats


@dataclass(frozen=True)
class Unresolved:
    """A cut the exporter did not repair (no continuation found, unsafe fixes off)."""

    start: int
    end: int
    message: str


def _skip_blank_lines(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == "\n":
        pos += 1
    return pos


def block_deletion(doc: Document, block: Block) -> tuple[int, int]:
    """The span that removes ``block`` with the blank lines after it."""
    start = doc.lines.starts[doc.lines.line_of(block.start)]
    return start, _skip_blank_lines(doc.text, block.end)


# Where an unfinished sentence was cut, which decides the report's wording.
_CUT_AT_END = "end"
_CUT_BEFORE_MARKER = "marker"
_CUT_IN_BRACKET = "bracket"


def _trim_detail(where: str, language: str | None) -> str:
    if where == _CUT_AT_END:
        return pick(
            language, ja="記事末尾の途中で切れた文を削除", en="unfinished sentence at the end of the article removed"
        )
    if where == _CUT_BEFORE_MARKER:
        return pick(
            language,
            ja="チャンク区切り前の途中で切れた文を削除",
            en="unfinished sentence before a chunk marker removed",
        )
    return pick(
        language, ja="括弧が閉じないまま切れた文を削除", en="unfinished sentence inside an unclosed bracket removed"
    )


def _unresolved_message(shown: str, where: str, language: str | None) -> str:
    if where == _CUT_AT_END:
        return pick(
            language,
            ja=f"「…{shown}」で記事が途中で終わっています（--unsafe-fixes で削除できます）",
            en=f"「…{shown}」 stops mid-sentence at the end of the article; --unsafe-fixes removes it",
        )
    return pick(
        language,
        ja=f"「…{shown}」でチャンクが途中で切れています（--unsafe-fixes で削除できます）",
        en=f"「…{shown}」 stops mid-sentence before a chunk marker; --unsafe-fixes removes it",
    )


def _marker_removal(doc: Document, boundary: Boundary, language: str | None) -> Planned:
    text = doc.text
    m = boundary.marker
    assert m is not None  # only boundaries at a marker come here
    if m.alone:
        start, end = line_bounds(text, m.start)
        end = _skip_blank_lines(text, end)
        # Without a blank line on each side, the texts around the marker would run together.
        glued = start > 0 and text[start - 1] == "\n" and (start < 2 or text[start - 2] != "\n")
        joiner = "\n" if glued and end < len(text) else ""
    else:
        start, end, joiner = removal(text, m)  # the text sharing its line stays
    return Planned(
        Edit(start, end, joiner),
        "remove-marker",
        "AG001",
        pick(language, ja="チャンク区切りを削除", en="chunk marker removed"),
    )


def _trim(doc: Document, block: Block, where: str, language: str | None) -> Planned:
    """Remove the unfinished last sentence of ``block`` (the whole block when that is all of it)."""
    text = block.text.rstrip()
    first = last_sentence_start(text)
    if first == 0:
        start, end = block_deletion(doc, block)
    else:
        start = block.source_span(first, len(text))[0]
        end = block.source_span(0, len(text))[1]
        while start > block.start and doc.text[start - 1] in " \u3000":
            start -= 1
    return Planned(Edit(start, end, ""), "trim-cut-off", "AG002", _trim_detail(where, language))


def droppable_copies(doc: Document, generated: bool = False) -> list[Copy]:
    """The copies the exporter drops.

    All of them in a post that shows a generator at work: chunk markers, a long repeated
    paragraph, a passage of three blocks or more written again, or a stutter (a copy right
    after its original). Elsewhere a short paragraph repeated far from its original (a refrain,
    a line of an outline) may be meant: AG003 still reports it, but the exporter leaves it to
    the author. ``generated`` says an earlier pass already saw such signs (the markers are
    gone by the second pass, the post is no less generated).
    """
    copies = find_copies(doc)
    if doc.markers or generated:
        return copies
    position = {b.start: i for i, b in enumerate(candidate_blocks(doc))}
    copied = {position[c.block.start] for c in copies}

    def looks_generated(c: Copy) -> bool:
        at = position[c.block.start]
        return (
            len(normalize(prose_text(c.block))) >= LONG_CHARS
            or at == position[c.original.start] + 1
            or {at - 1, at + 1} <= copied
            or {at + 1, at + 2} <= copied
            or {at - 2, at - 1} <= copied
        )

    return copies if any(looks_generated(c) for c in copies) else []


def _copy_removal(doc: Document, copy: Copy, language: str | None) -> Planned:
    """Drop a later copy; the sentences it adds that stand nowhere else stay in its place."""
    percent = round(copy.similarity * 100)
    if percent >= 100:
        detail = pick(language, ja="前に書かれた内容の繰り返し", en="repeats an earlier passage")
    else:
        detail = pick(
            language,
            ja=f"前に書かれた内容とほぼ同じ繰り返し（{percent}%一致）",
            en=f"nearly repeats ({percent}%) an earlier passage",
        )
    original = (copy.original.start, copy.original.end)
    block = copy.block
    if not copy.extra:
        s, e = block_deletion(doc, block)
        return Planned(Edit(s, e, ""), "drop-copy", "AG003", detail, original)
    kept = "".join(doc.text[slice(*block.source_span(s, e))] for s, e in copy.extra)
    shown = kept if len(kept) <= 40 else kept[:40] + "…"
    detail += pick(
        language,
        ja=f"。ほかにない文は残しました：「{shown}」",
        en=f"; kept the sentences found nowhere else: 「{shown}」",
    )
    content_start = block.source_span(0, 1)[0]
    return Planned(Edit(content_start, block.end, kept), "drop-copy", "AG003", detail, original)


def _cut_inside_bracket(text: str) -> bool:
    """The paragraph stops mid-sentence with a bracket left open (「…「空いた): a cut without a marker."""
    text = text.rstrip()
    last = text[last_sentence_start(text) :]
    return bool(text) and text[-1] not in COMPLETE_ENDINGS and last.count("「") > last.count("」")


def plan(
    doc: Document,
    diagnostics: list[Diagnostic],
    unsafe: bool,
    language: str | None = None,
    generated: bool = False,
) -> tuple[list[Planned], list[Unresolved]]:
    """The deletions that clean ``doc``, and the cuts left as they are.

    ``diagnostics`` are the document's AG005/AG007/AG008 findings, whose fixes are deletions.
    ``generated`` when an earlier pass showed a generator at work (see ``droppable_copies``).
    The details and messages are in ``language`` (Japanese unless "en").
    """
    planned: list[Planned] = []
    unresolved: list[Unresolved] = []
    copies = {c.block.start: c for c in droppable_copies(doc, generated)}
    kept_tails: set[int] = set()  # copies that end in a cut sentence the next chunk continues
    continued_heads: set[int] = set()

    for b in boundaries(doc):
        join = stitch(doc, b)
        if b.marker is not None and join is None:  # a stitch removes its marker
            planned.append(_marker_removal(doc, b, language))
        if join is not None and b.tail is not None and b.head is not None:  # a stitch joins two blocks
            tail_text = b.tail.text.rstrip()
            tail = tail_text[-15:]
            if join.repeated:
                detail = pick(
                    language,
                    ja=f"「…{tail}」を続きの文と連結し、繰り返された「{join.repeated}」を削除",
                    en=f"joined 「…{tail}」 with its continuation, dropping the repeated 「{join.repeated}」",
                )
            else:
                detail = pick(
                    language, ja=f"「…{tail}」を続きの文と連結", en=f"joined 「…{tail}」 with its continuation"
                )
            planned.append(Planned(Edit(join.start, join.end, ""), "stitch", "AG004", detail))
            continued_heads.add(b.head.start)
            if b.tail.start in copies:
                # The tail repeats an earlier paragraph up to the cut sentence: drop the repeat, keep
                # the sentence the next chunk finishes.
                kept_tails.add(b.tail.start)
                first = last_sentence_start(tail_text)
                if first > 0:
                    copy = copies[b.tail.start]
                    cut_at = b.tail.source_span(first, first + 1)[0]
                    planned.append(
                        Planned(
                            Edit(b.tail.start, cut_at, ""),
                            "drop-copy",
                            "AG003",
                            pick(
                                language,
                                ja="切れた文の前の繰り返された文を削除",
                                en="repeated sentences before a cut sentence",
                            ),
                            (copy.original.start, copy.original.end),
                        )
                    )
            continue
        if b.tail_cut and b.tail is not None:
            where = _CUT_AT_END if b.head is None else _CUT_BEFORE_MARKER
            if unsafe:
                planned.append(_trim(doc, b.tail, where, language))
            else:
                text = b.tail.text.rstrip()
                start, end = b.tail.source_span(last_sentence_start(text), len(text))
                shown = doc.text[start:end][-20:]
                unresolved.append(Unresolved(start, end, _unresolved_message(shown, where, language)))
        span = restated_opening(doc, b)
        head = b.head
        if span is not None and head is not None and head.start not in copies:
            if span[0] == 0 and span[1] >= len(head.text.rstrip()):
                start, end = block_deletion(doc, head)
            else:
                start = head.source_span(*span)[0]
                end = head.source_span(span[1], span[1] + 1)[0] if span[1] < len(head.text) else head.end
                while end < head.end and doc.text[end] in " \u3000\n":
                    end += 1
            planned.append(
                Planned(
                    Edit(start, end, ""),
                    "drop-restated",
                    "AG004",
                    pick(
                        language,
                        ja="前の内容を繰り返すチャンクの書き出し",
                        en="chunk opening that restates earlier text",
                    ),
                )
            )

    if unsafe:
        ends = {b.tail.start for b in boundaries(doc) if b.tail is not None}
        for block in doc.prose_blocks():
            if block.kind == "paragraph" and block.start not in ends and _cut_inside_bracket(block.text):
                planned.append(_trim(doc, block, _CUT_IN_BRACKET, language))

    for start, copy in copies.items():
        if start in kept_tails or start in continued_heads:
            continue
        planned.append(_copy_removal(doc, copy, language))

    steps = {
        "AG005": ("drop-title", pick(language, ja="タイトルを繰り返す段落", en="paragraph repeating the title")),
        "AG007": ("drop-chatter", pick(language, ja="生成AIの応答文", en="assistant chatter")),
    }
    for d in diagnostics:
        if d.code in steps and d.fix is not None and all(e.text == "" for e in d.fix.edits):
            step, detail = steps[d.code]
            for e in d.fix.edits:
                planned.append(Planned(e, step, d.code, detail))
    if generated or doc.markers or copies:
        planned.extend(_doubled_rules(doc, language))
    if unsafe:
        planned = _drop_prompts(planned, diagnostics, language)
    return planned, unresolved


def _doubled_rules(doc: Document, language: str | None) -> list[Planned]:
    """A rule (``---``) right under another, nothing between them: what stays of the sections
    a removal took out from between them. One rule is enough."""
    out = []
    for prev, block in zip(doc.blocks, doc.blocks[1:], strict=False):
        if block.kind == "hr" and prev.kind == "hr" and not doc.text[prev.end : block.start].strip():
            start, end = block_deletion(doc, block)
            out.append(
                Planned(
                    Edit(start, end, ""),
                    "drop-rule",
                    "AG003",
                    pick(language, ja="削除した箇所の間に残った区切り線", en="rule left between removed passages"),
                )
            )
    return out


def _drop_prompts(planned: list[Planned], diagnostics: list[Diagnostic], language: str | None) -> list[Planned]:
    """Add the removal of every leaked prompt (AG008), and leave out the other steps' edits
    inside one: markers, cut sentences and copies inside a prompt go with it."""
    spans: list[tuple[int, int]] = []
    prompts: list[Planned] = []
    for d in diagnostics:
        if d.code != "AG008" or d.fix is None:
            continue
        for e in d.fix.edits:
            spans.append((e.start, e.end))
            lines = d.data.get("lines", 0)
            prompts.append(
                Planned(
                    e,
                    "drop-prompt",
                    "AG008",
                    pick(
                        language,
                        ja=f"生成AIへの指示・その検討の文（{lines}行）",
                        en=f"the generator's prompt or the model's reasoning about it ({lines} lines)",
                    ),
                )
            )
    if not prompts:
        return planned
    kept = [p for p in planned if not any(s <= p.edit.start and p.edit.end <= e for s, e in spans)]
    return kept + prompts
