"""The generator's request, or the model's reasoning about it, left in a post.

A generator that asks a model to finish an article sends a request made of labelled parts
(a bracketed label such as 【要求事項】 followed by numbered instructions, or a label followed
by the article text it quotes), and sometimes the model writes the request back, or its
thoughts about it (「提供されたテキストは…矛盾している」), into the post.

The text is read line by line. Each line gets the signals it shows:

- a *label*: a bracketed section name alone on its line (【…】, ［…］, 〔…〕);
- a *directive*: an instruction addressed to the writer about the article, its text, its
  format or its marker (「記事の末尾に…を追加してください」, 「既存の内容を繰り返さない」);
- *meta-text*: words about "the provided text" or "the user's instructions" rather than about
  the article's subject, strong (「提供されたテキスト」「ユーザーが提供した記事本文」「この記事の続きを
  書いてください」) or weak (「ユーザーの指示」「矛盾」「ご要望に沿って」, a quoted marker);
- *quoted article text*: the lines under a label, when the article holds the same text
  elsewhere.

A region starts at a strong line or at a label whose content supports it (instructions, or
article text it quotes), and grows over the neighbouring lines that show any signal: the
other labels with their lists, weak meta-text, the quoted text. Each signal alone is common
in human writing (a tutorial says 〜してください, an article mentions ユーザーの指示); only
these combinations are reported.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .document import Block, Document
from .markers import MARKER_RE
from .prose import normalize

# A section label alone on its line: 【要求事項】, ［注意］, 〔文体〕 (a colon may follow).
_LABEL = re.compile(r"^[ \t]*(?:\*\*)?[【［〔]([^】］〕\n]{1,24})[】］〕](?:\*\*)?[ \t]*[:：]?[ \t]*$")
# Label names of the parts of a request: what to write, how, about what, from which text.
_REQUEST_NAME = re.compile(
    r"要求|要件|指示|条件|制約|注意|ルール|文体|口調|トーン|出力|形式|フォーマット|タスク|役割|ペルソナ|前提"
    r"|入力|既存|記事|文章|本文|テキスト|原稿|プロンプト|参考情報|構成|依頼|命令"
)
# Label names that say the part holds a text (what it quotes is the article itself).
_TEXT_NAME = re.compile(r"記事|文章|本文|テキスト|原稿|入力|部分")

# What an instruction to the writer is about: the text's own style, length, form and marker
# (not the operations a tutorial asks of its reader: 入力, クリック, 保存).
_WRITING = re.compile(
    r"文体|文章|表現|結論|続き|末尾|冒頭|フロントマター|Markdown|マークダウン|トーン|口調|語りかけ|スタイル"
    r"|マーカー|定型文|既存の内容|日本語として|締めくく|自然な|自然に|文字程度|\d+\s*文字|END"
)
# Words that tie instructions to this very generation task (continue the given text, its length, the marker).
_TASK = re.compile(
    r"続き|補完|完成させ|上記の|以下の記事|既存の|\d+\s*文字|文字程度|AIらしい|機械的|END|マーカー|フロントマター|繰り返さ|途切れ"
)
# An imperative, or the plain directive form of an instruction list (「〜を避ける」「〜しない」).
_IMPERATIVE = re.compile(r"(?:て|で)(?:ください|下さい)|なさい|(?:する|しない|ない)こと|せよ")
_PLAIN_DIRECTIVE = re.compile(
    r"(?:書く|避ける|含める|締めくくる|加える|追加する|完成させる|補完する|継続する|続ける|繰り返さない|使用する"
    r"|使う|意識する|出力する|守る|しない|する|入れる|終える|保つ)$"
)
_TRAILER = re.compile(r"[\s。．.!！:：]*(?:[（(][^）)]*[）)])?[\s。．.!！:：]*$")

# Strong meta-text: the text the model was given (with talk of the request: a "provided text"
# alone is common in tutorials), the request to continue it, the existing article it extends.
_PROVIDED_TEXT = re.compile(
    r"(?:(?:提供|入力|提示|共有|添付|指定)(?:され|し)た|与えられた)(?:テキスト|記事|文章|本文|原稿)"
    r"|ユーザー(?:が|から)(?:提供|入力|指定|共有)(?:した|された)[^。]{0,10}(?:記事|テキスト|文章|本文|原稿)"
)
_REQUEST_TALK = re.compile(r"指示|要求|要望|依頼|続き|補完|完成|矛盾|解釈|途中で|全文|最後の部分|冒頭|END|マーカー")
_STRONG = re.compile(
    r"続きを.{0,20}(?:書いて|完成させて|補完して|執筆して|作成して|生成して)(?:ください|下さい)"
    r"|既存の(?:記事|文章|テキスト|本文)[^。]{0,30}(?:続き|完成|補完|文字程度)"
)
# Weak meta-text: counts next to a strong line or a label, never alone.
_WEAK = re.compile(
    r"ユーザー(?:の|様の)?(?:指示|要求|依頼|要望|リクエスト|プロンプト)|ご(?:要望|指示|依頼)(?:に沿|どおり|通り|のとおり)"
    r"|指示(?:に従|どおり|通り|の通り)|矛盾して|と解釈し|(?:提供|入力)された|与えられた(?:テキスト|記事|文章|本文)|既存の(?:記事|文章|テキスト|本文)"
    r"|\d{3,5}\s*[〜~\-－]\s*\d{3,5}\s*文字|途中で終わって|途切れ(?:て|た)|続きを(?:書|執筆|生成|作成)"
    r"|自然に(?:補完|続け|続く|完成)"
)
_QUOTED = re.compile(r"「[^「」\n]*」|『[^『』\n]*』")
_QUOTED_SHARE = 0.6
_SHINGLE = 5
_LIST_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_HEADING_PREFIX = re.compile(r"^[ \t]*#{1,6}[ \t]+")
# Callouts and quotes: a prompt quoted there is shown on purpose.
_QUOTED_CONTAINERS = frozenset({"blockquote", "container_message", "container_details", "container_note"})


@dataclass(slots=True)
class _Line:
    """One source line of a candidate block, with what it shows."""

    number: int  # 0-based line of the file
    start: int
    end: int
    text: str  # without list, heading or quote prefix
    block: Block
    first_of_block: bool
    label: str | None = None
    strong: bool = False
    weak: bool = False
    directive: bool = False
    barrier: bool = False  # a block that is no part of a request (code, table, a callout)


@dataclass(frozen=True)
class PromptRegion:
    """Lines ``first``..``last`` (0-based, inclusive) that hold a leaked request.

    ``start``/``end`` cover them from the first line's start to the last line's end.
    ``what`` is what the region shows first: "request" (labelled parts or instructions) or
    "reasoning" (meta-text about the given text).
    """

    start: int
    end: int
    first: int
    last: int
    what: str
    excerpt: str = ""
    lines: tuple[int, ...] = field(default=())


def _directive(text: str, in_list: bool) -> bool:
    if not _WRITING.search(text):
        return False
    stem = _TRAILER.sub("", text)
    return bool(_IMPERATIVE.search(text)) or (in_list and bool(_PLAIN_DIRECTIVE.search(stem)))


def _is_indented_code(doc: Document, block: Block) -> bool:
    head = doc.text[block.start : block.start + 4]
    return block.kind == "code" and not head.lstrip().startswith(("```", "~~~"))


def _lines(doc: Document) -> list[_Line]:
    """Every line of the body's blocks, in order; lines of other blocks are barriers."""
    text, lines = doc.text, doc.lines
    out: list[_Line] = []
    for block in doc.blocks:
        candidate = (
            block.kind in ("paragraph", "heading", "list_item")
            and not _QUOTED_CONTAINERS.intersection(block.containers)
        ) or (_is_indented_code(doc, block) and not block.containers)
        for n in range(block.line, block.end_line):
            start, end = lines.line_span(n)
            start, end = max(start, block.start), min(end, block.end)
            if end <= start:
                continue
            if not candidate:
                # A barrier is never taken and keeps the lines on either side of it apart; one
                # does that for a run of them (a table of 100,000 cells made a line per cell).
                if not out or not out[-1].barrier:
                    out.append(_Line(n, start, end, text[start:end], block, n == block.line, barrier=True))
                break
            raw = text[start:end]
            if block.kind == "heading":
                raw = _HEADING_PREFIX.sub("", raw)
            elif block.kind == "list_item" and n == block.line:
                raw = _LIST_PREFIX.sub("", raw)
            line = _Line(n, start, end, raw.strip(), block, n == block.line)
            label = _LABEL.match(line.text)
            if label:
                line.label = label.group(1).strip()
            else:
                body = MARKER_RE.sub("", line.text)
                weak_body = body
                # What stands in quotes is cited (「この記事の続きを書いてください」と頼むと): only a hint.
                body = _QUOTED.sub("「」", body)
                line.strong = bool(_STRONG.search(body)) or bool(
                    _PROVIDED_TEXT.search(body) and _REQUEST_TALK.search(_PROVIDED_TEXT.sub("", body))
                )
                line.weak = bool(_WEAK.search(weak_body)) or _mentions_marker(line.text)
                line.directive = _directive(body, block.kind == "list_item")
            out.append(line)
    return out


def _mentions_marker(text: str) -> bool:
    """A marker named in the text, inside quotes or code (「---END---」, `「資金調 ---END---」`):
    talk about the generator's format, not a marker it left."""
    for m in MARKER_RE.finditer(text):
        before = text[: m.start()]
        if any(before.count(o) > before.count(c) for o, c in _PAIRS):
            return True
        if before.count("`") % 2 == 1:
            return True
    return False


_PAIRS = (("「", "」"), ("『", "』"), ("“", "”"))


class _Shingles:
    """5-grams of the document's prose, counted once, to tell quoted article text."""

    def __init__(self, doc: Document):
        self.counts: Counter[str] = Counter()
        for b in doc.blocks:
            if b.kind in ("paragraph", "heading", "list_item", "quote", "table_cell"):
                self.counts.update(_grams(normalize(b.text)))

    def quoted_share(self, text: str) -> float:
        """The share of ``text``'s 5-grams that the document holds outside ``text`` itself."""
        grams = _grams(normalize(MARKER_RE.sub("", text)))
        if not grams:
            return 0.0
        own = Counter(grams)
        return sum(1 for g in grams if self.counts[g] > own[g]) / len(grams)


def _grams(norm: str) -> list[str]:
    return [norm[i : i + _SHINGLE] for i in range(len(norm) - _SHINGLE + 1)]


def _label_content(lines: list[_Line], i: int) -> list[int]:
    """Indices of the lines a label at ``i`` introduces: the rest of its paragraph, the blocks
    right under it (no blank line between), or the list that follows it."""
    label = lines[i]
    out: list[int] = []
    j = i + 1
    prev_number = label.number
    while j < len(lines):
        line = lines[j]
        if line.barrier or line.label is not None:
            break
        contiguous = line.number == prev_number + 1 or line.number == prev_number
        if line.block is label.block or contiguous:
            out.append(j)
        elif line.block.kind == "list_item" and (
            not out or lines[out[-1]].block.kind == "list_item" or line.number <= prev_number + 2
        ):
            out.append(j)  # the list after the label (a blank line may stand between)
        else:
            break
        prev_number = line.number
        j += 1
    return out


def _join(lines: list[_Line], indices: list[int]) -> str:
    return "\n".join(lines[k].text for k in indices)


def leaked_prompts(doc: Document) -> list[PromptRegion]:
    """The regions of ``doc`` that hold a leaked request or reasoning (cached on the document)."""
    cached = doc.views.get("leaked_prompts")
    if cached is not None:
        return cached
    regions = _find(doc)
    doc.views["leaked_prompts"] = regions
    return regions


def _find(doc: Document) -> list[PromptRegion]:
    lines = _lines(doc)
    if not any(line.label or line.strong or line.weak or line.directive for line in lines):
        return []
    shingles: _Shingles | None = None
    content: dict[int, list[int]] = {}
    quoted: dict[int, bool] = {}
    anchors: set[int] = set()
    for i, line in enumerate(lines):
        if line.strong:
            anchors.add(i)
        if line.label is None:
            continue
        under = _label_content(lines, i)
        content[i] = under
        directives = sum(lines[k].directive or lines[k].strong for k in under)
        task = any(_TASK.search(lines[k].text) for k in under if lines[k].directive or lines[k].strong)
        if shingles is None:
            shingles = _Shingles(doc)
        text_lines = [k for k in under if lines[k].block.kind != "list_item"]
        quoted[i] = bool(text_lines) and shingles.quoted_share(_join(lines, text_lines)) >= _QUOTED_SHARE
        name = line.label
        if (task and (directives >= 2 or (_REQUEST_NAME.search(name) and directives >= 1))) or (
            _TEXT_NAME.search(name) and quoted[i]
        ):
            anchors.add(i)
    if not anchors:
        return []

    taken: set[int] = set()

    def take(i: int) -> None:
        taken.add(i)
        if i in content:
            under = content[i]
            if quoted.get(i) or any(lines[k].block.kind == "list_item" for k in under):
                taken.update(under)
            else:
                taken.update(k for k in under if lines[k].directive or lines[k].strong or lines[k].weak)

    for i in sorted(anchors):
        take(i)
    # Grow over neighbours that show a signal; a gap of one plain line inside one block is
    # part of the same reasoning (「ユーザーの指示「…」⏎ と、⏎ 提供されたテキストの…」).
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if i in taken or line.barrier:
                continue
            near = _neighbour_taken(lines, taken, i)
            if not near:
                continue
            signal = line.label is not None or line.strong or line.weak or line.directive
            sandwiched = i - 1 in taken and i + 1 in taken and lines[i - 1].block is line.block is lines[i + 1].block
            if signal or sandwiched:
                take(i)
                changed = True
    # A paragraph most of whose lines are taken is taken whole (its first line, 「** の部分から
    # 始まる冒頭の挨拶」, is the rest of a reasoning whose start went elsewhere).
    by_block: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if not line.barrier:
            by_block.setdefault(id(line.block), []).append(i)
    for members in by_block.values():
        if len(members) > 1 and sum(k in taken for k in members) * 2 > len(members):
            taken.update(members)
    return _regions(doc, lines, taken)


def _neighbour_taken(lines: list[_Line], taken: set[int], i: int) -> bool:
    """A line next to ``i`` is taken, with at most one blank line between them."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines) and j in taken and abs(lines[j].number - lines[i].number) <= 2:
            return True
    return False


def _regions(doc: Document, lines: list[_Line], taken: set[int]) -> list[PromptRegion]:
    out: list[PromptRegion] = []
    run: list[int] = []
    for i in sorted(taken):
        if run and (i != run[-1] + 1 or lines[i].number - lines[run[-1]].number > 2):
            out.append(_region(doc, lines, run))
            run = []
        run.append(i)
    if run:
        out.append(_region(doc, lines, run))
    return out


def _region(doc: Document, lines: list[_Line], run: list[int]) -> PromptRegion:
    first, last = lines[run[0]], lines[run[-1]]
    shown = next((lines[k].text for k in run if lines[k].strong or lines[k].label), first.text)
    what = "request" if any(lines[k].label or lines[k].directive for k in run) else "reasoning"
    start, _ = doc.lines.line_span(first.number)
    _, end = doc.lines.line_span(last.number)
    return PromptRegion(start, end, first.number, last.number, what, shown, tuple(lines[k].number for k in run))
