"""One file's rules split over two processes find exactly what one process finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from article_studio.rules import config_from_mapping, lint_file
from article_studio.rules.engine import two_cores
from tests.conftest import DATA

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2025-10-26-2-googleanthropictpu.md"

pytestmark = pytest.mark.skipif(not two_cores.available(), reason="needs os.fork on Linux and two cores")


def _articles() -> list[Path]:
    corpus = DATA / "corpus"
    picked = [EXAMPLE]
    for folder in ("generated", "human"):
        files = sorted(p for p in (corpus / folder).rglob("*.md") if p.name != "SOURCE.md")
        picked += files[:: max(1, len(files) // 6)][:6]
    return [p for p in picked if p.stat().st_size >= two_cores.MIN_CHARACTERS]


@pytest.mark.parametrize(
    "config", [None, config_from_mapping({"preset": "ja-technical-writing", "select": ["JA"]})], ids=["default", "ja"]
)
def test_two_processes_find_what_one_finds(config):
    articles = _articles()
    assert len(articles) >= 5
    for path in articles:
        one = lint_file(path, config)
        two = lint_file(path, config, two_cores=True)
        assert two.diagnostics == one.diagnostics, path
        assert two.notes == one.notes, path


def test_a_rule_failing_in_the_child_is_reported_like_any_other(monkeypatch):
    from article_studio.rules.checks.ja.no_doubled_joshi import NoDoubledJoshi

    assert NoDoubledJoshi.second_process

    def broken(self, doc, ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(NoDoubledJoshi, "check", broken)  # the forked child inherits it
    result = lint_file(EXAMPLE, two_cores=True)
    assert any("internal error in rule JA011" in n and "boom" in n for n in result.notes)
    assert not any(d.code == "JA011" for d in result.diagnostics)
    assert any(d.code == "JA008" for d in result.diagnostics)  # the child's other rules still ran


def test_when_the_child_cannot_answer_its_rules_run_here(monkeypatch):
    expected = lint_file(EXAMPLE).diagnostics

    def fail(*_args, **_kwargs):
        raise RuntimeError("cannot pickle")

    monkeypatch.setattr(two_cores.pickle, "dumps", fail)  # fails in the child only: the parent never pickles
    assert lint_file(EXAMPLE, two_cores=True).diagnostics == expected


def test_each_process_loads_only_its_own_rules():
    # The process forks before any rule module is imported, so loading the rules is split too.
    import subprocess
    import sys

    from article_studio.rules.engine.config import config_for
    from article_studio.rules.engine.run import running_entries

    script = (
        "import sys\n"
        "from article_studio.rules import lint_file\n"
        f"result = lint_file({str(EXAMPLE)!r}, two_cores=True)\n"
        "assert result.diagnostics and not result.error\n"
        "print('\\n'.join(m for m in sys.modules if '.checks.' in m))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    loaded_rules = {m.rpartition(".checks.")[2] for m in loaded}
    entries = [e for e, _ in running_entries(config_for(str(EXAMPLE)), str(EXAMPLE))]
    assert any(e.second_process for e in entries) and not all(e.second_process for e in entries)
    for entry in entries:
        assert (entry.module in loaded_rules) != entry.second_process, entry.code


def test_paragraphs_go_through_mecab_before_the_fork_not_in_each_process(tmp_path):
    """Rules of both groups tokenize each paragraph as written (no-mix-dearu-desumasu here,
    redundant-expression in the child): the parent does it once before forking."""
    import subprocess
    import sys

    log = tmp_path / "mecab.log"
    script = (
        "import os, sys\n"
        "from article_studio.rules import lint_file\n"
        "from article_studio.rules.reading import morph\n"
        "tokenize = morph._tokenize_lines\n"
        "main = os.getpid()\n"
        "def logged(text, offset=0):\n"
        f"    with open({str(log)!r}, 'a', encoding='utf-8') as out:\n"
        "        out.write(f\"{'parent' if os.getpid() == main else 'child'} {text!r}\\n\")\n"
        "    return tokenize(text, offset)\n"
        "morph._tokenize_lines = logged\n"
        f"result = lint_file({str(EXAMPLE)!r}, two_cores=True)\n"
        "assert result.diagnostics and not result.error\n"
    )
    subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    by_process: dict[str, list[str]] = {"parent": [], "child": []}
    for line in log.read_text(encoding="utf-8").splitlines():
        who, _, text = line.partition(" ")
        by_process[who].append(text)
    from article_studio.rules.reading.document import Document

    source = EXAMPLE.read_text(encoding="utf-8")
    doc = Document(source, str(EXAMPLE))
    paragraphs = {repr(source[b.start : b.end]) for b in doc.prose_blocks() if b.kind == "paragraph"}
    assert by_process["child"], "the child tokenizes its own pieces (sentences)"
    assert paragraphs <= set(by_process["parent"]) | set(by_process["child"])
    assert not paragraphs & set(by_process["child"])


def test_a_paragraph_mecab_refuses_before_the_fork_is_left_to_the_rules(monkeypatch):
    from article_studio.rules.engine.config import config_for
    from article_studio.rules.engine.run import running_entries
    from article_studio.rules.reading import morph
    from article_studio.rules.reading.document import Document

    def refuse(text):
        raise RuntimeError("MeCab refused the text")

    monkeypatch.setattr(morph, "tokenize", refuse)
    doc = Document(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    two_cores.prepare_shared(doc, [e for e, _ in running_entries(config_for(str(EXAMPLE)), str(EXAMPLE))])
    assert doc.blocks  # parsed all the same
