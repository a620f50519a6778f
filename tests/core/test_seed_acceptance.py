"""The example article: what issue 2 promises `article-lint` finds in it, at which lines."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict

import pytest

from article_studio.rules import Config, lint_text


@pytest.fixture(scope="module")
def seed_json(seed_path):
    proc = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", "--format", "json", str(seed_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 1, proc.stderr
    files = json.loads(proc.stdout)
    assert len(files) == 1
    lines = defaultdict(list)
    for m in files[0]["messages"]:
        lines[m["code"]].append(m["line"])
    return files[0]["messages"], lines


def test_markers_reported_on_exactly_their_lines(seed_json):
    _, lines = seed_json
    assert lines["AG001"] == [46, 92, 138, 176, 204]


def test_cut_off_chunks_only_where_cut(seed_json):
    messages, lines = seed_json
    assert sorted(lines["AG002"]) == [44, 174, 202]
    fragments = {m["line"]: m["message"] for m in messages if m["code"] == "AG002"}
    assert "CUDAエコ" in fragments[44]
    assert "例えば、EU" in fragments[174]
    assert "これからのAI開発は" in fragments[202]
    assert 90 not in lines["AG002"] and 136 not in lines["AG002"]


def test_duplicates_on_later_copies_only(seed_json):
    _, lines = seed_json
    found = set(lines["AG003"])
    assert found, "no AG003"
    assert found <= set(range(140, 175)), sorted(found)
    # Every paragraph of the second copy (lines 144-174, every other line) is reported.
    assert set(range(144, 175, 2)) <= found
    # The first copies (lines 94-126) and the article's opening are never reported.
    assert not found & set(range(1, 139))


def test_title_repeat_pseudo_headings_and_overused_phrase(seed_json, seed_text):
    messages, lines = seed_json
    assert lines["AG005"] == [12]
    seed_lines = seed_text.splitlines()
    bold_heading_lines = [
        i + 1
        for i, line in enumerate(seed_lines)
        if line.startswith("**") and line.endswith("**") and not line.endswith("：**")
    ]
    assert sorted(lines["AG006"]) == bold_heading_lines
    assert any("個人的には" in m["message"] for m in messages if m["code"] == "RP001")


def test_front_matter_findings(seed_json):
    messages, lines = seed_json
    assert lines["FM003"] == [9]
    fm003 = next(m for m in messages if m["code"] == "FM003")
    assert "8" in fm003["message"]
    assert lines["FM004"] == [8]


def test_severities_follow_the_design(seed_json):
    messages, _ = seed_json
    severity = {m["code"]: m["severity"] for m in messages}
    for code in ("AG001", "AG002", "AG003", "AG004"):
        assert severity[code] == 2, code
    for code in ("AG005", "AG006", "RP001", "FM003", "FM004"):
        assert severity[code] == 1, code


def test_every_marker_in_the_generated_corpus_is_reported(data):
    posts = sorted((data / "corpus" / "generated").rglob("*.md"))
    posts = [p for p in posts if p.name != "SOURCE.md"]
    assert len(posts) == 87
    config = Config(select=["AG001", "AG008"])
    total = 0
    for post in posts:
        text = post.read_text(encoding="utf-8")
        # A marker anywhere in a line: alone, after a sentence, in a heading, before the next chunk.
        marker_lines = {i + 1 for i, line in enumerate(text.splitlines()) if "---END---" in line}
        total += len(marker_lines)
        found = lint_text(text, str(post), config)
        ag001 = {d.line for d in found if d.code == "AG001"}
        # A marker named inside a leaked prompt (「---END---」, `---END---`) is the prompt's (AG008).
        in_prompts = {n for d in found if d.code == "AG008" for n in range(d.line, d.end_line + 1)}
        assert ag001 <= marker_lines, post.name
        assert marker_lines <= ag001 | in_prompts, (post.name, sorted(marker_lines - ag001 - in_prompts))
    assert total >= 100


HUMAN_LIMITS = {"AG001": 0, "AG004": 0, "AG005": 0, "AG007": 0, "FM001": 0, "AG002": 3, "AG003": 5, "AG006": 10}


def test_human_corpus_false_positive_budget(data):
    files = [p for p in sorted((data / "corpus" / "human").rglob("*.md")) if p.name != "SOURCE.md"]
    assert len(files) == 435
    config = Config(select=sorted(HUMAN_LIMITS))
    counts = defaultdict(int)
    for path in files:
        for d in lint_text(path.read_text(encoding="utf-8"), str(path), config):
            counts[d.code] += 1
    over = {code: counts[code] for code, limit in HUMAN_LIMITS.items() if counts[code] > limit}
    assert not over, over
