"""Every generated post of the corpus: what lint flags in it, and what export publishes (issue 10).

``leaked-prompt-lines.json`` lists, per post, the lines of the generator's request or the
model's reasoning about it (``request``) and the article text that request quotes
(``quoted``), labelled by reading the posts.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from article_studio.rules import Config, export_post, lint_text
from article_studio.rules.cli.main import main

# Any END marker in a line, or the dash it becomes on a page (kramdown: ---END--- → —END—).
ANY_MARKER = re.compile(r"(?:-{3,}|={3,}|—)[ \t]*END[ \t]*(?:-{3,}|={3,}|—)")
JEKYLL_PACKAGES = (
    "jekyll ruby-jekyll-feed ruby-jekyll-seo-tag ruby-jekyll-sitemap ruby-jekyll-paginate ruby-jekyll-redirect-from"
)
HEADING_LIMIT = 150  # characters: no real heading of the site is longer


def _posts(data: Path) -> list[Path]:
    return sorted((data / "corpus" / "generated").glob("*/_posts/*.md"))


def _labelled(data: Path) -> dict[str, dict[str, list[int]]]:
    return json.loads((data / "corpus" / "generated" / "leaked-prompt-lines.json").read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _request_texts(data: Path) -> list[str]:
    """The text of every labelled request line, long enough to be told apart from article text."""
    out = []
    for name, lines in _labelled(data).items():
        text = (data / "corpus" / "generated" / name).read_text(encoding="utf-8").split("\n")
        out += [_norm(ANY_MARKER.sub("", text[n - 1])) for n in lines["request"]]
    return [t for t in out if len(t) >= 8]


def _covered(findings) -> set[int]:
    return {line for d in findings for line in range(d.line, d.end_line + 1)}


def test_every_marker_and_every_prompt_line_is_flagged(data):
    posts = _posts(data)
    assert len(posts) == 87
    labelled = _labelled(data)
    config = Config(select=["AG001", "AG007", "AG008"])
    markers = prompts = 0
    for post in posts:
        text = post.read_text(encoding="utf-8")
        findings = lint_text(text, str(post), config)
        covered = _covered(d for d in findings if d.code in ("AG008", "AG007"))
        marker_lines = {i + 1 for i, line in enumerate(text.split("\n")) if ANY_MARKER.search(line)}
        ag001 = {d.line for d in findings if d.code == "AG001"}
        assert ag001 <= marker_lines, post.name  # no marker where there is none
        assert marker_lines <= ag001 | covered, (post.name, sorted(marker_lines - ag001 - covered))
        markers += len(marker_lines)
        want = labelled.get(post.relative_to(data / "corpus" / "generated").as_posix(), {})
        lines = set(want.get("request", [])) | set(want.get("quoted", []))
        assert lines <= covered, (post.name, sorted(lines - covered))
        prompts += len(lines)
    assert markers >= 100 and prompts >= 80


@pytest.fixture(scope="module")
def exported(data, tmp_path_factory):
    """``article-lint export --unsafe-fixes`` (no ``--force``) of every generated post."""
    out = tmp_path_factory.mktemp("site")
    folders = [str(p) for p in sorted((data / "corpus" / "generated").glob("*/_posts"))]
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(io.StringIO()):
        status = main(["export", *folders, "--unsafe-fixes", "--out", str(out), "--format", "json"])
    report = json.loads(buffer.getvalue())
    return status, report, out


def test_export_writes_no_post_lint_still_finds_artifacts_in(exported, data):
    status, report, out = exported
    entries = report["files"]
    assert len(entries) == 87
    requests = _request_texts(data)
    assert requests
    for entry in entries:
        if not entry["written"]:
            # Refused: the reason is given, as the remaining errors.
            assert status == 1 and entry["remaining"], entry["path"]
            continue
        text = Path(entry["destination"]).read_text(encoding="utf-8")
        errors = [d for d in lint_text(text, entry["destination"]) if d.severity == "error" and d.code.startswith("AG")]
        assert errors == [], (entry["path"], [(d.code, d.line) for d in errors])
        assert not ANY_MARKER.search(text), entry["path"]
        body = _norm(text)
        assert not [r for r in requests if r in body], entry["path"]
    written = [e for e in entries if e["written"]]
    assert len(written) >= 80, [(e["path"], e["remaining"]) for e in entries if not e["written"]]


def test_exporting_an_export_changes_nothing(exported):
    _, report, _ = exported
    for entry in report["files"]:
        if not entry["written"]:
            continue
        path = entry["destination"]
        text = Path(path).read_text(encoding="utf-8")
        again = export_post(text, path, unsafe=True)
        assert again.text == text, entry["path"]
        assert again.changes == [], (entry["path"], again.changes[:3])


def _published_headings(page: str) -> list[str]:
    return [
        html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip()
        for m in re.finditer(r"<h([1-6])[^>]*>(.*?)</h\1>", page, re.S)
    ]


def test_the_site_builds_the_exports_clean(exported, data, tmp_path):
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        pytest.fail(f"jekyll is not installed: apt-get install -y {JEKYLL_PACKAGES}")
    _, report, out = exported
    site = tmp_path / "site"
    shutil.copytree(
        data / "corpus" / "generated" / "allforces-ai-blog-site", site, ignore=shutil.ignore_patterns("*.md")
    )
    shutil.copytree(out / "_posts", site / "_posts")
    written = [e for e in report["files"] if e["written"]]
    proc = subprocess.run([jekyll, "build", "--quiet"], cwd=site, capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr[-2000:]
    pages = [p for p in (site / "_site").glob("20*/**/index.html")]
    assert len(pages) == len(written)
    requests = _request_texts(data)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "END—" not in text and "---END---" not in text and "—END" not in text, page
        plain = _norm(html.unescape(re.sub(r"<[^>]+>", "", text)))
        assert not [r for r in requests if r in plain], page
        long = [h[:60] for h in _published_headings(text) if len(h) > HEADING_LIMIT]
        assert long == [], (page, long)
