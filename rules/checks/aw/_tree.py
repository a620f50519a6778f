"""The document as textlint's Markdown AST shapes it, for rules that look at nodes and neighbours.

The AI-writing rules read things the flat list of blocks does not keep: the whole source of
a ``ListItem`` (its nested lists included), the type of a ``Paragraph``'s parent, and which
node follows a paragraph among the document's top-level children. This module rebuilds that
tree from the same markdown-it tokens ``Document`` is built from, with each node's range as
textlint gives it (a list item starts at its marker, a paragraph at its first character and
ends at the end of its last line). Paragraphs and headings carry their ``Block``, whose plain
text and offset map the rules use as textlint uses ``StringSource``.

Zenn and Qiita ``:::`` containers are not nodes of their own: textlint knows no such syntax
and sees their content at the level around it, with the ``:::`` lines as text of their own,
which here are ``ContainerMarker`` nodes (so a paragraph that ends a box is not followed by
what comes after the box). Footnote definitions stay where they are written, and link
reference definitions are ``Definition`` nodes, as in textlint's AST.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# markdown-it block token → textlint node type. Tokens not named here (containers, the
# footnote block, table rows and cells) add no node of their own.
_CONTAINERS = {
    "bullet_list": "List",
    "ordered_list": "List",
    "list_item": "ListItem",
    "blockquote": "BlockQuote",
    "footnote": "FootnoteDefinition",
}
_LEAVES_OPEN = {"paragraph": "Paragraph", "heading": "Header", "table": "Table"}
_LEAVES = {
    "fence": "CodeBlock",
    "code_block": "CodeBlock",
    "html_block": "Html",
    "hr": "HorizontalRule",
    "math_block": "Math",
    "math_block_label": "Math",
}
# A link reference definition on a line of its own, behind block-quote markers or indentation.
_DEFINITION = re.compile(r"^[ \t>]*(\[[^\]\n]+\]:)", re.M)
_BLOCK_KINDS = {"Paragraph": ("paragraph", "list_item", "quote"), "Header": ("heading",)}


@dataclass(eq=False)
class Node:
    """A block node: textlint's type, absolute ``[start, end)``, parent and children."""

    type: str
    start: int
    end: int
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    block: object = None  # the Document block of a Paragraph or Header, else None

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


def tree(doc) -> Node:
    """The document's ``Document`` node, built once per document."""
    root = doc.views.get("textlint_tree")
    if root is None:
        root = doc.views["textlint_tree"] = _Builder(doc).build()
    return root


def nodes(doc, node_type: str) -> list[Node]:
    """Every node of ``node_type``, in document order."""
    by_type = doc.views.get("textlint_nodes")
    if by_type is None:
        by_type = {}
        for node in tree(doc).walk():
            by_type.setdefault(node.type, []).append(node)
        doc.views["textlint_nodes"] = by_type
    return by_type.get(node_type, [])


class _Builder:
    def __init__(self, doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.starts = doc.token_line_starts
        self.cursor: dict[int, int] = {}  # line → offset just after the container markers on it
        self.blocks: dict[tuple[str, int], object] = {}  # (node type, start offset) → block
        for block in doc.blocks:
            for node_type, kinds in _BLOCK_KINDS.items():
                if block.kind in kinds:
                    self.blocks.setdefault((node_type, block.start), block)

    def build(self) -> Node:
        doc = self.doc
        root = Node("Document", 0, len(self.text))
        stack = [root]
        skip = 0  # depth inside a table: its rows and cells are not nodes here
        fences: list[list[int]] = []  # line spans of the open ::: containers
        for tok in self._tokens():
            ttype = tok.type
            if skip:
                skip += tok.nesting
                continue
            if tok.nesting == 1:
                base = ttype[:-5]
                if base in _CONTAINERS:
                    node = self._open(_CONTAINERS[base], tok, stack)
                    stack.append(node)
                elif base.startswith("container_") and tok.map:
                    fences.append(tok.map)
                    self._leaf("ContainerMarker", [tok.map[0], tok.map[0] + 1], stack)
                elif base in _LEAVES_OPEN and tok.map:
                    node = self._leaf(_LEAVES_OPEN[base], tok.map, stack)
                    node.block = self.blocks.get((node.type, self._line_start(tok.map[0])))
                    if base == "table":
                        skip = 1
                    else:
                        stack.append(node)  # closed by its _close token
            elif tok.nesting == -1:
                base = ttype[:-6]
                closing = _CONTAINERS.get(base) or _LEAVES_OPEN.get(base)
                if closing is not None and len(stack) > 1 and stack[-1].type == closing:
                    node = stack.pop()
                    if node.children:
                        node.end = max(node.end, node.children[-1].end)
                elif base.startswith("container_") and fences:
                    line0, line1 = fences.pop()
                    if line1 - 1 > line0:  # the closing ::: line, when there is one
                        self._leaf("ContainerMarker", [line1 - 1, line1], stack)
            elif ttype in _LEAVES and tok.map:
                self._leaf(_LEAVES[ttype], tok.map, stack)
        for node in list(root.walk()):
            # Footnote definitions back in place; one with no content to place it by is dropped.
            node.children = sorted((n for n in node.children if n.start >= 0), key=lambda n: n.start)
            self._add_definitions(node)
        if doc.front_matter is not None:
            end = doc.body_start
            while end > 0 and self.text[end - 1] in "\r\n":
                end -= 1
            root.children.insert(0, Node("Yaml", 0, end, root))
        return root

    def _tokens(self) -> list:
        """The tokens Document was built from (their lines index ``doc.token_line_starts``)."""
        return self.doc.tokens

    # -- nodes ------------------------------------------------------------------------
    def _attach(self, node: Node, stack: list[Node]) -> Node:
        node.parent = stack[-1]
        stack[-1].children.append(node)
        return node

    def _open(self, node_type: str, tok, stack: list[Node]) -> Node:
        if tok.map:
            line = tok.map[0]
            start = self._content_start(line, stack)
        else:  # a footnote definition: it starts where its first paragraph's line does
            line, start = -1, -1
        node = self._attach(Node(node_type, start, start), stack)
        if node_type == "ListItem":
            self.cursor[line] = node.end = _marker_end(self.text, start)
        elif node_type == "BlockQuote":
            self.cursor[line] = node.end = start + 1
        elif node_type == "List":
            node.end = start
        return node

    def _leaf(self, node_type: str, span: list[int], stack: list[Node]) -> Node:
        line0, line1 = span
        parent = stack[-1]
        if parent.type == "FootnoteDefinition" and parent.start < 0:
            # ``[^label]: text``: the definition starts at ``[``, its paragraph after ``]:``.
            label = self._content_start(line0, stack)
            close = self.text.find("]:", label, self._line_end(line0))
            parent.start = label
            self.cursor[line0] = close + 2 if close != -1 else label
        start = self._content_start(line0, stack)
        last = min(max(line0, line1 - 1), len(self.starts) - 1)
        while last > line0 and not self.text[self.starts[last] : self._line_end(last)].strip(" \t>"):
            last -= 1  # trailing blank lines are not part of the node
        end = max(start, self._line_end(last))
        node = self._attach(Node(node_type, start, end), stack)
        for ancestor in stack[1:]:
            if ancestor.start < 0:
                ancestor.start = start
        return node

    def _add_definitions(self, parent: Node) -> None:
        """Link reference definitions (``[id]: url``) leave no token; textlint has a
        ``Definition`` node for them, which matters to whoever asks what follows a paragraph."""
        children = parent.children
        if len(children) < 2:
            return
        out = [children[0]]
        for prev, node in zip(children, children[1:], strict=False):
            gap = _DEFINITION.search(self.text, prev.end, node.start)
            if gap is not None:
                out.append(Node("Definition", gap.start(1), gap.start(1), parent))
            out.append(node)
        parent.children = out

    # -- positions --------------------------------------------------------------------
    def _line_start(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def _line_end(self, line: int) -> int:
        """End of ``line`` without its line break."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1] - 1
            if end > self.starts[line] and self.text[end - 1] == "\r":
                end -= 1
            return end
        return len(self.text)

    def _content_start(self, line: int, stack: list[Node]) -> int:
        """Where a node opening on ``line`` begins: after the markers of the containers
        already opened on that line, or after the ``>`` of the enclosing block quotes."""
        if line >= len(self.starts):
            return len(self.text)
        text = self.text
        end = self._line_end(line)
        pos = self.cursor.get(line)
        if pos is None:
            pos = self.starts[line]
            for ancestor in stack:
                if ancestor.type == "BlockQuote":
                    pos = _skip_blank(text, pos, end)
                    if pos < end and text[pos] == ">":
                        pos += 1
        return _skip_blank(text, pos, end)


def _skip_blank(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t":
        pos += 1
    return pos


def _marker_end(text: str, pos: int) -> int:
    """End of the list marker at ``pos``: ``-``, ``*``, ``+``, or digits and ``.`` or ``)``."""
    if text[pos : pos + 1] in ("-", "*", "+"):
        return pos + 1
    end = pos
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    return end + 1 if text[end : end + 1] in (".", ")") else end
