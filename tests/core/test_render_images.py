"""Images in the preview HTML: local files shown, web images only when allowed, all escaped."""

from __future__ import annotations

import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from article_studio.rules.output.render import render_html


def png(path: Path) -> Path:
    """A 1x1 PNG at ``path`` (the renderer only needs the file to exist; it is a real one anyway)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )
    return path


class Tags(HTMLParser):
    """Every start tag with its (unescaped) attributes, and the text, of an HTML fragment."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data

    def images(self) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == "img"]


def test_local_image_next_to_the_article_becomes_an_img_with_a_file_url(tmp_path):
    picture = png(tmp_path / "images" / "figure.png")
    html, lines = render_html("# 見出し\n\n![構成図](images/figure.png)\n\n本文です。\n", base_dir=str(tmp_path))
    assert Tags(html).images() == [{"src": picture.as_uri(), "alt": "構成図"}]
    # The paragraph keeps its anchor and source line, and they are on a character before the
    # image (Qt drops an anchor that lands on an image). Its class lets the stylesheet give it
    # a line height that does not stretch the image's line.
    assert (
        f'<p id="L2" data-source-line="2" class="has-image">\u200b<img src="{picture.as_uri()}" alt="構成図"></p>'
    ) in html
    assert lines == [0, 2, 4]
    assert html.count("has-image") == 1


def test_image_after_text_needs_no_anchor_carrier(tmp_path):
    png(tmp_path / "a.png")
    html, _ = render_html("図は ![図](a.png) です。\n\n- ![項目](a.png)\n", base_dir=str(tmp_path))
    assert '<p id="L0" data-source-line="0" class="has-image">図は <img' in html
    assert '<li class="has-image"><img' in html  # a tight list item's paragraph has no anchor to carry
    assert "\u200b" not in html


def test_only_blocks_that_show_an_image_are_marked(tmp_path):
    png(tmp_path / "a.png")
    html, _ = render_html("| 表 |\n|---|\n| ![図](a.png) |\n\n- ![無い](none.png)\n\n本文。\n", base_dir=str(tmp_path))
    assert '<td class="has-image"><img' in html
    assert html.count("has-image") == 1  # not the placeholder's item, not the plain paragraph


def test_non_ascii_and_spaces_in_a_file_name_are_url_encoded(tmp_path):
    picture = png(tmp_path / "画像 1.png")
    html, _ = render_html('![図](<画像 1.png> "タイトル")\n', base_dir=str(tmp_path))
    assert Tags(html).images() == [{"src": picture.as_uri(), "alt": "図", "title": "タイトル"}]
    assert "%E7%94%BB%E5%83%8F%201.png" in picture.as_uri() and picture.as_uri() in html


def test_relative_path_is_resolved_against_the_article_folder_only(tmp_path, monkeypatch):
    png(tmp_path / "a.png")
    (tmp_path / "posts").mkdir()
    monkeypatch.chdir(tmp_path)  # the working directory must not matter
    html, _ = render_html("![図](a.png)\n", base_dir=str(tmp_path / "posts"))
    assert "<img" not in html
    html, _ = render_html("![図](../a.png)\n", base_dir=str(tmp_path / "posts"))
    assert Tags(html).images()[0]["src"] == (tmp_path / "a.png").as_uri()


def test_missing_local_image_is_a_placeholder_that_says_so(tmp_path):
    html, _ = render_html("![構成図](images/none.png)\n", base_dir=str(tmp_path))
    tags = Tags(html)
    assert tags.images() == []
    assert "[画像: 構成図]" in tags.text and "images/none.png" in tags.text
    assert "ファイルが見つかりません" in tags.text


def test_unsaved_article_keeps_local_images_as_placeholders(tmp_path, monkeypatch):
    png(tmp_path / "a.png")
    monkeypatch.chdir(tmp_path)
    html, _ = render_html("![図](a.png)\n")
    tags = Tags(html)
    assert tags.images() == []
    assert "[画像: 図]" in tags.text and "記事を保存すると表示されます" in tags.text


def test_file_url_is_shown_when_the_file_exists(tmp_path):
    picture = png(tmp_path / "shot.png")
    html, _ = render_html(f"![画面]({picture.as_uri()})\n")
    assert Tags(html).images() == [{"src": picture.as_uri(), "alt": "画面"}]
    html, _ = render_html(f"![画面]({(tmp_path / 'gone.png').as_uri()})\n")
    assert "<img" not in html and "ファイルが見つかりません" in html
    # Only this machine's files: a file URL naming another host is not opened.
    html, _ = render_html("![画面](file://server/share/shot.png)\n")
    assert "<img" not in html and "[画像: 画面]" in html


def test_site_root_path_is_found_in_a_folder_above_the_article(tmp_path):
    # Jekyll and Zenn: /images/a.png is at the top of the site; Hugo keeps it under static/.
    jekyll = png(tmp_path / "site" / "images" / "a.png")
    hugo = png(tmp_path / "site" / "static" / "img" / "b.png")
    (tmp_path / "site" / "_posts").mkdir()
    base = str(tmp_path / "site" / "_posts")
    html, _ = render_html("![a](/images/a.png) ![b](/img/b.png) ![c](/images/none-here.png)\n", base_dir=base)
    assert [i["src"] for i in Tags(html).images()] == [jekyll.as_uri(), hugo.as_uri()]
    assert "[画像: c]" in html


def test_web_image_is_a_placeholder_unless_allowed():
    text = "![グラフ](https://example.com/chart.png)\n"
    html, _ = render_html(text)
    tags = Tags(html)
    assert tags.images() == []
    assert "[画像: グラフ]" in tags.text and "https://example.com/chart.png" in tags.text
    assert "設定で許可すると表示されます" in tags.text
    html, _ = render_html(text, remote_images=True)
    assert Tags(html).images() == [{"src": "https://example.com/chart.png", "alt": "グラフ"}]
    html, _ = render_html("![p](http://example.com/a.png) ![q](//cdn.example.com/b.png)\n", remote_images=True)
    assert [i["src"] for i in Tags(html).images()] == ["http://example.com/a.png", "https://cdn.example.com/b.png"]
    assert "<img" not in render_html("![q](//cdn.example.com/b.png)\n")[0]


@pytest.mark.parametrize("src", ["data:image/png;base64,iVBORw0KGgo=", "ftp://example.com/a.png"])
def test_data_and_other_urls_stay_placeholders_even_when_web_images_are_allowed(src, tmp_path):
    html, _ = render_html(f"![x]({src})\n", base_dir=str(tmp_path), remote_images=True)
    assert "<img" not in html and "[画像: x]" in html


def test_quotes_and_angle_brackets_in_alt_src_and_title_are_escaped(tmp_path):
    picture = png(tmp_path / 'q"<x>&.png')
    text = '![a"<b>&c](q"<x>&.png \'say "hi" <b>\')\n'
    html, _ = render_html(text, base_dir=str(tmp_path))
    tags = Tags(html)
    assert tags.images() == [{"src": picture.as_uri(), "alt": 'a"<b>&c', "title": 'say "hi" <b>'}]
    assert [tag for tag, _ in tags.tags] == ["p", "img"]  # nothing got out of its attribute
    assert 'alt="a&quot;&lt;b&gt;&amp;c"' in html
    # The same in a placeholder, and in a web address.
    html, _ = render_html('![a"<b](nothing"<here.png)\n', base_dir=str(tmp_path))
    assert [tag for tag, _ in Tags(html).tags] == ["p", "span", "span", "span"]
    assert '[画像: a"<b]' in Tags(html).text
    html, _ = render_html('![a"<b](https://example.com/x.png?q="<x>&y=1)\n', remote_images=True)
    (image,) = Tags(html).images()
    assert image["alt"] == 'a"<b' and image["src"] == "https://example.com/x.png?q=%22%3Cx%3E&y=1"
    assert "&y=1" not in html  # the ampersand is escaped as &amp;


def test_raw_html_img_stays_escaped_text(tmp_path):
    png(tmp_path / "a.png")
    text = '<img src="a.png">\n\n段落 <img src="https://example.com/x.png" onerror="alert(1)"> です。\n'
    html, _ = render_html(text, base_dir=str(tmp_path), remote_images=True)
    assert Tags(html).images() == []
    assert "&lt;img src=&quot;a.png&quot;&gt;" in html


def test_existing_callers_keep_working(tmp_path):
    html, lines = render_html("# T\n\n本文。\n", None)
    assert lines == [0, 2] and "<img" not in html
    with pytest.raises(TypeError):
        render_html("![x](a.png)\n", None, str(tmp_path))  # base_dir is keyword-only


def test_images_false_names_every_image_instead(tmp_path):
    (tmp_path / "fig.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    html, _ = render_html(
        "![図](fig.png) ![web](https://example.com/a.png)\n", base_dir=str(tmp_path), remote_images=True, images=False
    )
    assert "<img" not in html
    assert "[画像: 図]" in html and "fig.png" in html and "https://example.com/a.png" in html
