"""Property tests of ``--fix`` and export over generated hostile files.

Files come in UTF-8 (with and without BOM), UTF-16 (both byte orders) and Shift_JIS with its
NEC/IBM extension characters written with either of their codes; lines end in LF, CRLF or a
lone CR, mixed; chunk markers (removed by AG001) and words a prh dictionary changes (TM002)
sit between and inside lines. Files are reached through symbolic links, hard links and paths
with ``..``, and some are read-only; export targets are symlinked out of the site.

Whatever the file: no traceback; a fix changes only the bytes it edits (the characters a line
shares at its start and end with the original keep their bytes, every line keeps its ending,
and between two unchanged lines only whole original lines are removed); a read-only file is
not changed; links stay links; and export writes nothing outside ``--out``.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_studio.rules import config_for, decode_bytes, fix_text
from article_studio.rules.cli.main import main

from ..conftest import can_symlink

pytestmark = pytest.mark.skipif(not can_symlink(), reason="symbolic links cannot be created here")

PRH = 'version: 1\nrules:\n  - expected: "ウェブ"\n    pattern: "ウエブ"\n'
CONFIG = 'dictionaries = ["prh.yml"]\nselect = ["AG001", "TM002"]\n'
MARKER = "---END---"
SEGMENTS = ["本文です。", "ウエブ", "の記事", "ⅰ", "≒", "∵", "Ⅰ", "￢", "ｶﾀｶﾅ", "ABC", "、"]
# Shift_JIS (CP932) has more than one code for these; a file may use any of them.
CP932_CODES = {
    "ⅰ": [b"\xee\xef", b"\xfa\x40"],
    "≒": [b"\x87\x90", b"\x81\xe0"],
    "∵": [b"\x87\x9a", b"\x81\xe6", b"\xfa\x5b"],
    "Ⅰ": [b"\x87\x54", b"\xfa\x4a"],
    "￢": [b"\x81\xca", b"\xee\xf9", b"\xfa\x54"],
}
ENCODINGS = {
    "utf-8": ("utf-8", b""),
    "utf-8-sig": ("utf-8", codecs.BOM_UTF8),
    "utf-16-le": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be": ("utf-16-be", codecs.BOM_UTF16_BE),
    "cp932": ("cp932", b""),
}
TAG = re.compile("〈(\\d+)〉")


@st.composite
def hostile_files(draw) -> tuple[str, bytes]:
    """(encoding, bytes) of a file of tagged content lines, marker blocks and blank lines."""
    encoding = draw(st.sampled_from(sorted(ENCODINGS)))
    codec, bom = ENCODINGS[encoding]
    ending = st.sampled_from(["\n", "\r\n", "\r"])

    def content(tag: int) -> bytes:
        parts = [f"〈{tag}〉".encode(codec)]
        for seg in draw(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=5)):
            codes = CP932_CODES.get(seg) if codec == "cp932" else None
            parts.append(draw(st.sampled_from(codes)) if codes else seg.encode(codec))
        return b"".join(parts)

    lines: list[bytes] = [content(0)]
    for tag in range(1, draw(st.integers(1, 8)) + 1):
        kind = draw(st.sampled_from(["marker", "blank", "none"]))
        if kind == "marker":
            lines += [b"", MARKER.encode(codec), b""]
        elif kind == "blank":
            lines.append(b"")
        lines.append(content(tag))
    out = [bom]
    for i, line in enumerate(lines):
        out.append(line)
        last = i == len(lines) - 1
        if not last or draw(st.booleans()):
            out.append(draw(ending).encode(codec))
    # (A lone CR before an empty line's LF reads as one CRLF: the checks cut lines as a reader does.)
    return encoding, b"".join(out)


def split_lines(data: bytes, encoding: str) -> list[tuple[bytes, bytes]]:
    """(content, ending) byte pairs of ``data`` after its BOM, lines cut at LF, CRLF or a lone CR."""
    codec, bom = ENCODINGS[encoding]
    body = data[len(bom) :] if data.startswith(bom) else data
    text = body.decode(codec)
    pieces = re.split("(\r\n|\r|\n)", text)
    return [(c.encode(codec), e.encode(codec)) for c, e in zip(pieces[0::2], pieces[1::2] + [""], strict=True)]


def char_bytes(content: bytes, codec: str) -> list[bytes]:
    """The bytes of each character of ``content``, as decoding met them."""
    decoder = codecs.getincrementaldecoder(codec)()
    out, start = [], 0
    for i in range(len(content)):
        if decoder.decode(content[i : i + 1]):
            out.append(content[start : i + 1])
            start = i + 1
    return out


def is_subsequence(small: list, big: list) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def check_only_edits_changed(before: bytes, after: bytes, encoding: str) -> None:
    codec, bom = ENCODINGS[encoding]
    assert after.startswith(bom)
    old, new = split_lines(before, encoding), split_lines(after, encoding)

    def tagged(lines):
        return [(i, int(m.group(1))) for i, (c, _) in enumerate(lines) if (m := TAG.search(c.decode(codec)))]

    old_tags, new_tags = tagged(old), tagged(new)
    assert [t for _, t in new_tags] == [t for _, t in old_tags]  # no content line lost or moved
    for (io_, _), (in_, _) in zip(old_tags, new_tags, strict=True):
        (oc, oe), (nc, ne) = old[io_], new[in_]
        ochars, nchars = char_bytes(oc, codec), char_bytes(nc, codec)
        otext, ntext = oc.decode(codec), nc.decode(codec)
        p = len(os.path.commonprefix([otext, ntext]))
        s = len(os.path.commonprefix([otext[p:][::-1], ntext[p:][::-1]]))
        assert nchars[:p] == ochars[:p], (otext, ntext)
        assert nchars[len(nchars) - s :] == ochars[len(ochars) - s :], (otext, ntext)
        if io_ < len(old) - 1:
            assert ne == oe, (otext, oe, ne)  # the line keeps its own ending
    # Between two unchanged lines, only whole lines (bytes and ending) may go.
    bounds_old = [-1] + [i for i, _ in old_tags] + [len(old)]
    bounds_new = [-1] + [i for i, _ in new_tags] + [len(new)]
    for k in range(len(bounds_old) - 1):
        gap_old = old[bounds_old[k] + 1 : bounds_old[k + 1]]
        gap_new = new[bounds_new[k] + 1 : bounds_new[k + 1]]
        if k == len(bounds_old) - 2:  # after the last line: its final ending may differ
            gap_old, gap_new = [c for c, _ in gap_old], [c for c, _ in gap_new]
        assert is_subsequence(gap_new, gap_old), (gap_old, gap_new)


def run(argv: list[str], cwd: Path) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, err.getvalue()


def project(folder: Path) -> None:
    (folder / "prh.yml").write_text(PRH, encoding="utf-8")
    (folder / ".article-lint.toml").write_text(CONFIG, encoding="utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=hostile_files(), reach=st.sampled_from(["plain", "symlink", "hardlink", "dotdot", "read-only"]))
def test_fix_changes_only_the_edited_bytes(file, reach):
    encoding, data = file
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        project(root)
        (root / "sub").mkdir()
        real = root / "sub" / "post.md"
        real.write_bytes(data)
        arg = "sub/post.md"
        if reach == "symlink":
            (root / "link.md").symlink_to("sub/post.md")
            arg = "link.md"
        elif reach == "hardlink":
            os.link(real, root / "other.md")
        elif reach == "dotdot":
            arg = "sub/../sub/post.md"
        elif reach == "read-only":
            real.chmod(0o444)
        source = decode_bytes(data, arg)
        expected = fix_text(source.text, str(real), config_for(str(real)))

        code, err = run(["--jobs", "1", "--fix", arg], root)

        assert "Traceback" not in err and code in (0, 1, 2), err
        after = real.read_bytes()
        if reach == "read-only":
            assert after == data
            assert (code == 2 and "read-only" in err) if expected != source.text else code in (0, 1)
            return
        assert code in (0, 1), err
        assert decode_bytes(after).encoding == source.encoding
        assert decode_bytes(after).text == expected
        check_only_edits_changed(data, after, encoding)
        if reach == "symlink":
            assert (root / "link.md").is_symlink() and os.readlink(root / "link.md") == "sub/post.md"
        if reach == "hardlink":
            assert (root / "other.md").read_bytes() == after and real.stat().st_nlink == 2
        assert sorted(p.name for p in (root / "sub").iterdir()) == ["post.md"]  # no temporary left


JEKYLL = "---\nlayout: post\ntitle: テスト\ndate: 2025-01-02\n---\n\n"
ZENN = '---\ntitle: "テスト"\nemoji: "📝"\ntype: "tech"\ntopics: ["python"]\npublished: false\n---\n\n'


def snapshot(root: Path, skip: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            p = os.path.join(folder, name)
            if os.path.realpath(p).startswith(str(skip) + os.sep) and not os.path.islink(p):
                continue
            out[p] = (
                ("-> " + os.readlink(p)) if os.path.islink(p) else (Path(p).read_bytes() if os.path.isfile(p) else "")
            )
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    file=hostile_files(),
    header=st.sampled_from(["", JEKYLL, ZENN]),
    name=st.sampled_from(["post.md", "2025-01-02-post.md"]),
    via=st.sampled_from(["drafts", "drafts/../drafts", "a/b/books/../../../drafts", "a/b/books", "a/books/x/.."]),
    trap=st.sampled_from(["none", "posts-symlink", "articles-symlink", "books-symlink", "dangling-target"]),
    overwrite=st.booleans(),
)
def test_export_writes_nothing_outside_out(file, header, name, via, trap, overwrite):
    encoding, data = file
    codec, bom = ENCODINGS[encoding]
    if codec == "cp932":
        header = header.replace("📝", "＊")  # no emoji in Shift_JIS
    data = bom + header.encode(codec) + data[len(bom) :]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        project(root)
        for folder in ("drafts", "a/b/books", "a/books/x", "outside", "site"):
            (root / folder).mkdir(parents=True)
        (root / "drafts" / name).write_bytes(data)
        (root / "a" / "b" / "books" / name).write_bytes(data)
        site = root / "site"
        if trap == "posts-symlink":
            (site / "_posts").symlink_to(root / "outside", target_is_directory=True)
        elif trap == "articles-symlink":
            (site / "articles").symlink_to(root / "outside", target_is_directory=True)
        elif trap == "books-symlink":
            (site / "books").symlink_to(root / "outside", target_is_directory=True)
        elif trap == "dangling-target":
            for folder in ("_posts", "articles"):
                (site / folder).mkdir()
                for target in {name, "post.md", "2025-01-02-post.md"}:
                    (site / folder / target).symlink_to(root / "outside" / "planted.md")
        before = snapshot(root, site.resolve())
        argv = ["export", "--force", "--out", "site", f"{via}/{name}", *(["--overwrite"] if overwrite else [])]

        code, err = run(argv, root)

        assert "Traceback" not in err and code in (0, 1, 2), err
        assert list((root / "outside").iterdir()) == []
        assert snapshot(root, site.resolve()) == before  # nothing changed outside the site
        for folder, _, files in os.walk(site):
            for f in files:
                p = Path(folder) / f
                if not p.is_symlink():
                    assert decode_bytes(p.read_bytes()).encoding == encoding
                    assert stat.S_ISREG(p.stat().st_mode)
