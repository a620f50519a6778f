"""Zenn articles in the built-in preview: math typeset, link cards, sized images."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from article_studio import rules

from .conftest import wait_linted
from .test_preview_images import make_png

IMAGE = QTextDocument.ResourceType.ImageResource.value

ARTICLE = """---
title: "行列積の話"
emoji: "🧮"
type: "tech"
topics: ["tpu"]
published: false
---

行列積 $C = AB$ は次の和です。

$$
C_{ij} = \\sum_{k=1}^{n} A_{ik} B_{kj}
$$

@[card](https://example.com/docs/intro)

![図](/images/grid.png =200x)

誤差は $\\epsilon \\approx 2^{-8}$ です。
"""


def fragments(preview):
    """(char format, text) of every fragment of the preview's document, in order."""
    out = []
    block = preview.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            f = it.fragment()
            out.append((f.charFormat(), f.text()))
            it += 1
        block = block.next()
    return out


def open_zenn(window, qtbot, tmp_path):
    (tmp_path / "images").mkdir()
    make_png(tmp_path / "images" / "grid.png", 640, 320)
    (tmp_path / "articles").mkdir()
    path = tmp_path / "articles" / "matrix.md"
    path.write_text(ARTICLE, encoding="utf-8")
    tab = window.open_file(str(path))
    wait_linted(qtbot, tab)
    qtbot.waitUntil(lambda: bool(tab.result.html) and tab.preview.html == tab.result.html, timeout=30000)
    return tab


def test_math_is_typeset_as_images_not_shown_as_tex(window, qtbot, tmp_path):
    tab = open_zenn(window, qtbot, tmp_path)
    text = tab.preview.toPlainText()
    assert "\\sum" not in text and "$" not in text and "\\epsilon" not in text
    maths = [f.toImageFormat() for f, _ in fragments(tab.preview) if f.isImageFormat()]
    maths = [m for m in maths if m.name().startswith("math:")]
    assert len(maths) == 3  # two inline formulas and one display formula
    for m in maths:
        image = tab.preview.loadResource(IMAGE, QUrl(m.name()))
        assert image is not None and not image.isNull()
        assert m.width() > 10 and m.height() > 8
        # The image is drawn: not one flat colour.
        assert len({image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}) > 2
    display = max(maths, key=lambda m: m.height())
    assert display.height() > 30  # the sum with its limits


def test_link_card_names_the_site_and_links_to_it(window, qtbot, tmp_path):
    tab = open_zenn(window, qtbot, tmp_path)
    text = tab.preview.toPlainText()
    assert "@card" not in text and "@[card]" not in text
    assert "example.com" in text
    links = [f.anchorHref() for f, _ in fragments(tab.preview) if f.isAnchor() and f.anchorHref()]
    assert "https://example.com/docs/intro" in links
    cursor = tab.preview.document().find("example.com")
    assert cursor.currentTable() is not None  # a boxed card, not a line of text


def test_sized_image_takes_its_width(window, qtbot, tmp_path):
    tab = open_zenn(window, qtbot, tmp_path)
    images = [f.toImageFormat() for f, _ in fragments(tab.preview) if f.isImageFormat()]
    grid = [i for i in images if i.name().endswith("grid.png")]
    assert len(grid) == 1 and grid[0].width() == 200
    assert "=200x" not in tab.preview.toPlainText()


def test_sized_image_is_an_image_to_the_linter():
    text = "本文です。\n\n![図](/images/a.png =200x)\n\n![図](b.png =x120)\n"
    assert not [d for d in rules.lint_text(text) if d.code == "JA014"]
    html, _ = rules.render_html(text)
    assert "=200x" not in html and "!" not in html.replace("<!", "")
