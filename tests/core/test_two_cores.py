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


def _documents_built_by_each_process(tmp_path, parse_in_each_up_to: int | None = None) -> dict[str, int]:
    """How many times the parent and the child build a ``Document`` in a two-core run of the
    example (in a fresh process), and whether the parent's came after the fork."""
    import subprocess
    import sys

    log = tmp_path / "documents.log"
    limit = "" if parse_in_each_up_to is None else f"two_cores.PARSE_IN_EACH_UP_TO = {parse_in_each_up_to}\n"
    script = (
        "import os\n"
        "from article_studio.rules import lint_file\n"
        "from article_studio.rules.engine import two_cores\n"
        "from article_studio.rules.reading.document import Document\n" + limit + "main, forked = os.getpid(), []\n"
        "fork = os.fork\n"
        "def logged_fork():\n"
        "    forked.append(True)\n"
        "    return fork()\n"
        "os.fork = logged_fork\n"
        "build = Document.__init__\n"
        "def logged(self, *args, **kwargs):\n"
        f"    with open({str(log)!r}, 'a', encoding='utf-8') as out:\n"
        "        who = 'child' if os.getpid() != main else ('parent-after' if forked else 'parent-before')\n"
        "        out.write(who + '\\n')\n"
        "    build(self, *args, **kwargs)\n"
        "Document.__init__ = logged\n"
        f"result = lint_file({str(EXAMPLE)!r}, two_cores=True)\n"
        "assert result.diagnostics and not result.error\n"
        "assert forked\n"
    )
    subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    counts = {"parent-before": 0, "parent-after": 0, "child": 0}
    for who in log.read_text(encoding="utf-8").split():
        counts[who] += 1
    return counts


def test_a_short_document_is_parsed_by_each_process_after_the_fork(tmp_path):
    assert len(EXAMPLE.read_text(encoding="utf-8")) <= two_cores.PARSE_IN_EACH_UP_TO
    assert _documents_built_by_each_process(tmp_path) == {"parent-before": 0, "parent-after": 1, "child": 1}


def test_a_long_document_is_parsed_once_before_the_fork(tmp_path):
    counts = _documents_built_by_each_process(tmp_path, parse_in_each_up_to=1000)
    assert counts == {"parent-before": 1, "parent-after": 0, "child": 0}


def test_a_shared_parse_finds_what_one_process_finds(monkeypatch):
    expected = lint_file(EXAMPLE)
    monkeypatch.setattr(two_cores, "PARSE_IN_EACH_UP_TO", 1000)
    shared = lint_file(EXAMPLE, two_cores=True)
    assert shared.diagnostics == expected.diagnostics
    assert shared.notes == expected.notes


def test_no_text_of_the_example_goes_through_mecab_in_both_processes(tmp_path):
    """The rules that tokenize every prose text run together in the child, so the parent
    tokenizes none of what the child does (its few words are its own)."""
    import subprocess
    import sys

    log = tmp_path / "mecab.log"
    script = (
        "import os\n"
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
    by_process: dict[str, set[str]] = {"parent": set(), "child": set()}
    for line in log.read_text(encoding="utf-8").splitlines():
        who, _, text = line.partition(" ")
        by_process[who].add(text)
    assert len(by_process["child"]) > 100  # the sentences, paragraphs and Str runs
    assert by_process["parent"].isdisjoint(by_process["child"])


def test_the_child_is_reaped_once_its_answer_is_in():
    """A long-lived process (a server) must not keep the child as a zombie: it is reaped in the
    background once its findings have arrived."""
    import subprocess
    import sys

    script = (
        "import os, threading\n"
        "from article_studio.rules import lint_file\n"
        f"result = lint_file({str(EXAMPLE)!r}, two_cores=True)\n"
        "assert result.diagnostics and not result.error\n"
        "for thread in threading.enumerate():\n"
        "    if thread.name == 'two-cores-reaper':\n"
        "        thread.join()\n"
        "try:\n"
        "    os.waitpid(-1, os.WNOHANG)\n"
        "except ChildProcessError:\n"
        "    print('no child left')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "no child left"
