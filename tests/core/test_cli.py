"""The `article-lint` command: exit codes, formats, fixes, unreadable input."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import jsonschema
import pytest

CLEAN = "---\ntitle: テスト\n---\n\n本文です。\n"
MARKER = "本文です。\n\n---END---\n\n続きです。\n"


def run(*args, input=None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "article_studio.rules", *map(str, args)], capture_output=True, input=input, cwd=cwd
    )


def test_version_and_unknown_flag():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.decode().startswith("article-lint ")
    bad = run("--no-such-flag", "x.md")
    assert bad.returncode == 2
    assert b"Traceback" not in bad.stderr and b"--no-such-flag" in bad.stderr


def test_exit_codes(tmp_path):
    clean = tmp_path / "clean.md"
    clean.write_text(CLEAN, encoding="utf-8")
    dirty = tmp_path / "dirty.md"
    dirty.write_text(MARKER, encoding="utf-8")
    assert run(clean).returncode == 0
    assert run(dirty).returncode == 1
    assert run(tmp_path / "missing.md").returncode == 2


def test_unreadable_files_do_not_stop_the_run(tmp_path):
    (tmp_path / "a.md").write_text(MARKER, encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (tmp_path / "c.md").write_bytes(b"\xff\xfe\xfa\x80\x81" * 5)
    proc = run("--format", "json", tmp_path)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "b.md" in err and "binary" in err
    assert "Traceback" not in err
    results = json.loads(proc.stdout)
    assert [r["filePath"].endswith("a.md") for r in results] == [True]
    assert any(m["code"] == "AG001" for m in results[0]["messages"])


def test_shift_jis_file_is_read_and_named(tmp_path):
    path = tmp_path / "sjis.md"
    path.write_bytes("本文です。\n\n---END---\n".encode("cp932"))
    proc = run("--format", "json", path)
    assert proc.returncode == 1
    assert "Shift_JIS" in proc.stderr.decode()
    messages = json.loads(proc.stdout)[0]["messages"]
    assert [m["line"] for m in messages if m["code"] == "AG001"] == [3]


def test_fix_keeps_crlf_and_encoding(tmp_path):
    path = tmp_path / "crlf.md"
    original = "本文です。\r\n\r\n---END---\r\n\r\n続きです。\r\n"
    path.write_bytes(original.encode("cp932"))
    proc = run("--fix", path)
    assert proc.returncode == 0, proc.stderr.decode()
    data = path.read_bytes()
    assert data.decode("cp932") == "本文です。\r\n\r\n続きです。\r\n"


def test_diff_writes_nothing(tmp_path):
    path = tmp_path / "d.md"
    path.write_text(MARKER, encoding="utf-8")
    proc = run("--diff", path)
    assert proc.returncode == 1
    assert "----END---" in proc.stdout.decode()
    assert path.read_text(encoding="utf-8") == MARKER


def test_stdin(tmp_path):
    proc = run("--stdin", "--stdin-filename", "post.md", "--format", "json", input=MARKER.encode())
    assert proc.returncode == 1
    assert json.loads(proc.stdout)[0]["messages"][0]["code"] == "AG001"


def test_select_ignore_and_max_warnings(tmp_path):
    path = tmp_path / "p.md"
    section = "\n**太字だけの見出し{}**\n\n" + "本文が続きます。" * 5 + "\n"
    path.write_text(MARKER + section.format(1) + section.format(2), encoding="utf-8")
    only_ag6 = json.loads(run("--format", "json", "--select", "AG006", path).stdout)[0]["messages"]
    assert {m["code"] for m in only_ag6} == {"AG006"}
    proc = run("--format", "json", "--ignore", "AG001,AG002,AG004", "--select", "AG", path)
    assert "AG001" not in {m["code"] for m in json.loads(proc.stdout)[0]["messages"]}
    assert run("--select", "AG006", "--max-warnings", "0", path).returncode == 1
    assert run("--select", "AG006", path).returncode == 0


def test_config_errors_exit_2(tmp_path):
    (tmp_path / ".article-lint.toml").write_text("profile = 'wordpress'\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(CLEAN, encoding="utf-8")
    proc = run(tmp_path / "a.md")
    assert proc.returncode == 2
    assert "profile" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_config_is_discovered_upwards(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.article-lint]\nignore = ["AG001"]\n', encoding="utf-8")
    sub = tmp_path / "_posts"
    sub.mkdir()
    (sub / "a.md").write_text(MARKER, encoding="utf-8")
    codes = {m["code"] for m in json.loads(run("--format", "json", sub / "a.md").stdout)[0]["messages"]}
    assert "AG001" not in codes


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('[tool."article\\u002dlint"]\nignore = ["AG001"]\n', True),  # the name spelled with an escape
        ('[tool]\narticle-lint = { ignore = ["AG001"] }\n', True),
        ('[project.scripts]\narticle-lint = "x:y"\n', False),  # the name, but not the table
        ("[tool.ruff]\nline-length = 120\n", False),
        ("[tool.article-lint\n", False),  # invalid: some other tool's broken file, passed over
    ],
)
def test_a_pyproject_counts_only_with_an_article_lint_table(tmp_path, text, found):
    from article_studio.rules.engine.config import find_config_file

    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    (tmp_path / "a.md").write_text(CLEAN, encoding="utf-8")
    assert find_config_file(tmp_path / "a.md") == ((tmp_path / "pyproject.toml").resolve() if found else None)


def test_messages_are_japanese_by_default_and_english_with_lang(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(MARKER, encoding="utf-8")

    def marker_message(*args):
        proc = run("--format", "json", "--select", "AG001", *args, path)
        return json.loads(proc.stdout)[0]["messages"][0]["message"]

    assert marker_message() == "生成時のチャンク区切り（---END---）が残っています。削除してください。"
    assert marker_message("--lang", "en") == "Chunk marker left by the generator: delete it."
    (tmp_path / ".article-lint.toml").write_text('language = "en"\n', encoding="utf-8")
    assert marker_message().startswith("Chunk marker")
    assert marker_message("--lang", "ja").startswith("生成時のチャンク区切り")
    assert run("--lang", "fr", path).returncode == 2


def test_bad_language_is_a_config_error(tmp_path):
    (tmp_path / ".article-lint.toml").write_text('language = "english"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(CLEAN, encoding="utf-8")
    proc = run(tmp_path / "a.md")
    assert proc.returncode == 2
    assert "language" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_explain_and_list_rules():
    out = run("--explain", "AG001").stdout.decode()
    assert "end-marker" in out and "Why" in out
    assert run("--explain", "no-doubled-joshi").returncode == 0
    assert run("--explain", "XX999").returncode == 2
    listing = run("--list-rules").stdout.decode()
    for code in ("AG001", "AG007", "RP003", "FM007", "TM001", "MD001", "JA011"):
        assert code in listing


def test_sarif_validates_against_the_schema(tmp_path, data, seed_path):
    schema = json.loads((data / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    proc = run("--format", "sarif", seed_path)
    sarif = json.loads(proc.stdout)
    jsonschema.validate(sarif, schema, cls=jsonschema.Draft4Validator)
    run_ = sarif["runs"][0]
    rule_ids = {r["id"] for r in run_["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run_["results"]} <= rule_ids
    assert all("help" in r for r in run_["tool"]["driver"]["rules"])


def test_sarif_uris_are_relative_to_the_working_folder(tmp_path):
    sub = tmp_path / "_posts"
    sub.mkdir()
    (sub / "a.md").write_text(MARKER, encoding="utf-8")
    sarif = json.loads(run("--format", "sarif", "_posts/a.md", cwd=tmp_path).stdout)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "_posts/a.md"


def test_github_annotations_escape_properly(tmp_path):
    path = tmp_path / "a,b:c.md"
    path.write_text(MARKER, encoding="utf-8")
    out = run("--format", "github", path.name, cwd=tmp_path).stdout.decode()
    line = out.splitlines()[0]
    assert line.startswith("::error file=a%2Cb%3Ac.md,line=3,")
    assert "\n" not in line


def test_checkstyle_is_xml(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(MARKER, encoding="utf-8")
    root = ET.fromstring(run("--format", "checkstyle", path).stdout)
    errors = root.findall("./file/error")
    assert errors and errors[0].get("line") == "3"


def test_stylish_groups_by_file(tmp_path):
    (tmp_path / "a.md").write_text(MARKER, encoding="utf-8")
    out = run(tmp_path).stdout.decode()
    assert "a.md" in out.splitlines()[0]
    assert "AG001" in out and "problem" in out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jobs_keep_input_order(tmp_path, jobs):
    names = []
    for i in range(6):
        p = tmp_path / f"{i}.md"
        p.write_text(MARKER, encoding="utf-8")
        names.append(p)
    results = json.loads(run("--format", "json", "--jobs", jobs, *names).stdout)
    assert [r["filePath"] for r in results] == [str(p.resolve()) for p in names]


def _lint(*args: str) -> int:
    from article_studio.rules.cli.main import main

    return main(["--jobs", "1", *args])


def test_max_warnings_minus_one_means_no_limit(tmp_path, capsys):
    post = tmp_path / "p.md"
    post.write_text(
        "本文です。\n\n"
        + "".join(f"**太字だけの見出し{n}の話題**\n\n" + "本文が続きます。" * 5 + "\n\n" for n in (1, 2)),
        encoding="utf-8",
    )
    assert _lint("--select", "AG006", "--max-warnings", "-1", str(post)) == 0
    assert _lint("--select", "AG006", "--max-warnings", "0", str(post)) == 1
    with pytest.raises(SystemExit) as exc:
        _lint("--select", "AG006", "--max-warnings", "-2", str(post))
    assert exc.value.code == 2 and "--max-warnings" in capsys.readouterr().err


def test_a_lint_run_ends_without_tearing_the_interpreter_down(tmp_path):
    """The program leaves with os._exit once a lint run is done (the interpreter's teardown was
    a twentieth of a one-article run): the exit code and the whole report still come out, through
    a pipe, and what the interpreter would do at exit (here an atexit handler) is skipped."""
    dirty = tmp_path / "dirty.md"
    # A report longer than a pipe's buffer: 400 markers, each after its own text (the same
    # text between them would make one finding that says how many).
    dirty.write_text("".join(f"本文{n}です。\n\n---END---\n\n" for n in range(400)), encoding="utf-8")
    teardown = "import atexit, sys; atexit.register(lambda: print('TEARDOWN', file=sys.stderr)); "
    script = teardown + "from article_studio.rules.cli.main import run; run()"

    def program(*args):
        return subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True)

    linted = program("--format", "json", dirty)
    assert linted.returncode == 1 and b"TEARDOWN" not in linted.stderr
    report = json.loads(linted.stdout)  # complete: it parses
    assert len([m for m in report[0]["messages"] if m["code"] == "AG001"]) == 400
    assert program(dirty, "--select", "FM").returncode == 0
    # A subcommand ends as usual (the language server's pool is shut down at exit).
    exported = program("export", tmp_path / "missing.md", "--out", tmp_path / "site")
    assert exported.returncode == 2 and b"TEARDOWN" in exported.stderr


def test_a_default_run_loads_no_module_it_does_not_use(tmp_path):
    """A one-article run paid for modules it had no use for: ``regex`` (8 ms in each of its
    two processes) to compile the rules' own default patterns, which need no time limit, and
    ``shutil`` with bz2 and lzma (2 ms) for argparse's help width. A pattern a user writes
    still goes to ``regex``, with its budget."""
    from article_studio.rules.engine.config import Config
    from article_studio.rules.reading import user_regex

    post = tmp_path / "post.md"
    post.write_text("# 見出し\n\nこれはRPAを行うツールです！タスクBとYahoo!を使います。\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from article_studio.rules.engine import two_cores\n"
        "two_cores.available = lambda: False\n"  # one process: everything runs here
        "from article_studio.rules.cli.main import main\n"
        # TM003's enchant loads ctypes.util, which imports shutil: not this run's concern.
        f"code = main([{str(post)!r}, '--ignore', 'TM003'])\n"
        "print(code, sorted(m for m in ('regex', 'shutil', 'bz2', 'lzma') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stdout + done.stderr
    assert "JA014" in done.stdout and "Yahoo" not in done.stdout.split("JA014")[0][-40:]

    from article_studio.rules.checks.ja import ja_unnatural_alphabet  # noqa: F401 - it vets "/[A-Z]/"

    vetted = user_regex.compile_pattern("[A-Z]", vetted=True)
    assert not user_regex.UserPattern(vetted, "/[A-Z]/", 1.0).timed
    from article_studio.rules.checks.ja._patterns import allow_patterns

    assert [p.timed for p in allow_patterns(["/[A-Z]/", "/[A-Z]+x/"], 1.0)] == [False, True]
    for vetted_flag in (True, False):  # one error class, whichever engine compiles
        with pytest.raises(user_regex.PatternError):
            user_regex.compile_pattern("([a", vetted=vetted_flag)
    assert Config  # the configuration module loads without regex too


@pytest.mark.parametrize("columns", ["60", "200", "", "abc", "-3"])
def test_help_is_as_wide_as_shutil_would_make_it(monkeypatch, columns):
    """The parser finds the terminal's width itself (see above): as shutil does."""
    import shutil

    from article_studio.rules.cli.main import _terminal_width, build_parser

    monkeypatch.setenv("COLUMNS", columns)
    assert _terminal_width() == shutil.get_terminal_size().columns
    if columns in ("60", "200"):
        helped = build_parser().format_help()
        wrapped = [line for line in helped.splitlines() if "--" not in line]  # long options do not wrap
        longest = max(map(len, wrapped))
        assert 40 < longest <= 60 if columns == "60" else longest > 60
