"""``article-lint lsp`` end to end: a real client (pytest-lsp) talks to the server over stdio."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "2025-10-26-2-googleanthropictpu.md"


def _server_env() -> dict:
    """The environment of the server under test: its caches (the rules' docs, the site check's
    spellings) in a folder of the test run, not the user's."""
    import atexit
    import os
    import tempfile

    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="article-lint-lsp-cache-")
    # Made when the module is imported (the fixture's configuration needs it), so removed at exit.
    atexit.register(shutil.rmtree, env["XDG_CACHE_HOME"], True)
    return env


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lsp") / "_posts"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    return folder


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "article_studio.rules", "lsp"], server_env=_server_env()
    ),
)
async def client(lsp_client: LanguageClient, tmp_path_factory):
    lsp_client.registrations = []

    @lsp_client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    caps = client_capabilities("visual-studio-code")
    await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=caps, initialization_options={"debounceMs": 50, "site": False})
    )
    yield
    await lsp_client.shutdown_session()


def cli_findings(path: Path) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", "--format", "json", "--jobs", "1", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)[0]["messages"]


async def _open(client: LanguageClient, path: Path) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=path.read_text(encoding="utf-8"))
        )
    )
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


@pytest.mark.asyncio
async def test_diagnostics_equal_the_cli(client: LanguageClient, workdir: Path):
    path = workdir / EXAMPLE.name
    uri = await _open(client, path)
    got = client.diagnostics[uri]
    expected = cli_findings(path)
    assert len(got) == len(expected) > 50
    for d, e in zip(got, expected, strict=True):
        assert d.code == e["ruleId"] or d.code == e.get("code")
        assert (d.range.start.line + 1, d.range.start.character + 1) == (
            e["loc"]["start"]["line"],
            e["loc"]["start"]["column"],
        )


def _apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """``edits`` applied to ``text`` as a client does (UTF-16 positions)."""
    lines = text.splitlines(keepends=True)

    def offset(pos: lsp.Position) -> int:
        before = sum(len(line) for line in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units, i = pos.character, 0
        while units > 0 and i < len(line):
            units -= 2 if ord(line[i]) > 0xFFFF else 1
            i += 1
        return before + i

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


async def _change(client: LanguageClient, uri: str, version: int, old: str, new: str) -> None:
    """Send ``new`` as one incremental change of ``old`` (the changed middle only)."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1

    def pos(offset: int) -> lsp.Position:
        line = old.count("\n", 0, offset)
        col_start = old.rfind("\n", 0, offset) + 1
        return lsp.Position(line, len(old[col_start:offset].encode("utf-16-le")) // 2)

    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                lsp.TextDocumentContentChangePartial(range=lsp.Range(pos(start), pos(end_old)), text=new[start:end_new])
            ],
        )
    )


async def _until(client: LanguageClient, uri: str, check, limit: int = 20):
    """The diagnostics of ``uri`` once ``check`` holds for them (waiting for at most ``limit`` more)."""
    for _ in range(limit):
        if check(client.diagnostics.get(uri, [])):
            return client.diagnostics[uri]
        await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    if check(client.diagnostics.get(uri, [])):
        return client.diagnostics[uri]
    raise AssertionError(f"no publication satisfied the check; last: {client.diagnostics[uri][:3]}")


@pytest.mark.asyncio
async def test_edit_is_relinted_and_catches_up_with_the_cli(client: LanguageClient, workdir: Path, tmp_path: Path):
    path = workdir / EXAMPLE.name
    uri = await _open(client, path)
    text = path.read_text(encoding="utf-8")
    # A sentence with an exclamation mark into the middle of a paragraph of prose.
    anchor = text.index("。", len(text) // 2) + 1
    new = text[:anchor] + "これは大事です！" + text[anchor:]
    await _change(client, uri, 2, text, new)
    line = new.count("\n", 0, anchor)

    def has_new_finding(diags):
        return any(d.code == "JA014" and d.range.start.line == line for d in diags)

    await _until(client, uri, has_new_finding)
    # Then the whole-document lint: the same as the CLI on the edited text.
    edited = tmp_path / "_posts"
    edited.mkdir()
    (edited / EXAMPLE.name).write_text(new, encoding="utf-8")
    expected = [
        (e["code"], e["loc"]["start"]["line"], e["loc"]["start"]["column"]) for e in cli_findings(edited / EXAMPLE.name)
    ]

    def same_as_cli(diags):
        return [(d.code, d.range.start.line + 1, d.range.start.character + 1) for d in diags] == expected

    await _until(client, uri, same_as_cli)


@pytest.mark.asyncio
async def test_quick_fix_applied_removes_the_finding(client: LanguageClient, workdir: Path):
    path = workdir / EXAMPLE.name
    uri = await _open(client, path)
    text = path.read_text(encoding="utf-8")
    diags = client.diagnostics[uri]
    chosen = None
    for d in diags:
        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=d.range,
                context=lsp.CodeActionContext(diagnostics=[d], only=[lsp.CodeActionKind.QuickFix]),
            )
        )
        preferred = [
            a for a in actions or [] if a.is_preferred and a.edit and a.diagnostics and a.diagnostics[0].code == d.code
        ]
        if preferred:
            chosen = (d, preferred[0])
            break
    assert chosen is not None, "the example has findings with a safe fix"
    d, action = chosen
    titles = [a.title for a in actions]
    assert any(t.startswith(f"Disable {d.code}") for t in titles)
    new = _apply(text, action.edit.changes[uri])
    assert new != text
    await _change(client, uri, 2, text, new)
    before = sum(1 for x in diags if x.code == d.code)
    after = await _until(client, uri, lambda ds: sum(1 for x in ds if x.code == d.code) == before - 1)
    assert d.range not in [x.range for x in after if x.code == d.code]


@pytest.mark.asyncio
async def test_fix_all_and_clean_draft_are_offered_and_resolved(client: LanguageClient, workdir: Path):
    path = workdir / EXAMPLE.name
    uri = await _open(client, path)
    text = path.read_text(encoding="utf-8")
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
            context=lsp.CodeActionContext(diagnostics=[], only=[lsp.CodeActionKind.Source]),
        )
    )
    kinds = {a.kind: a for a in actions}
    assert {"source.fixAll.article-lint", "source.article-lint.cleanDraft"} <= set(kinds)
    resolved = await client.code_action_resolve_async(kinds["source.article-lint.cleanDraft"])
    cleaned = _apply(text, resolved.edit.changes[uri])
    from article_studio.rules import export_post

    assert cleaned == export_post(text, str(path)).text
    assert "---END---" not in cleaned


@pytest.mark.asyncio
async def test_hover_explains_the_rule(client: LanguageClient, workdir: Path):
    path = workdir / EXAMPLE.name
    uri = await _open(client, path)
    d = next(d for d in client.diagnostics[uri] if d.code == "AG001")
    assert d.code_description is not None and d.code_description.href.endswith("rules.md#ag001")
    docs = Path(d.code_description.href.removeprefix("file://").split("#")[0])
    assert "### AG001" in docs.read_text(encoding="utf-8")
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=d.range.start)
    )
    assert hover is not None
    assert "AG001" in hover.contents.value and "**Why**" in hover.contents.value


@pytest.mark.asyncio
async def test_add_to_word_list_updates_the_config_and_relints(client: LanguageClient, tmp_path: Path):
    folder = tmp_path / "_posts"
    folder.mkdir()
    config = tmp_path / ".article-lint.toml"
    config.write_text('# project settings\nselect = ["TM003"]\n', encoding="utf-8")
    post = folder / "2024-01-01-words.md"
    post.write_text("# 題\n\nこれは recieve の話です。\n", encoding="utf-8")
    uri = await _open(client, post)
    d = next(d for d in client.diagnostics[uri] if d.code == "TM003")
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=d.range, context=lsp.CodeActionContext([d])
        )
    )
    # lsprotocol reads any code action that carries a command as a Command, with the command
    # object turned into a string: take the command back from it.
    add = None
    for a in actions:
        if isinstance(a, lsp.Command) and "article-lint.addWord" in a.command:
            add = ast.literal_eval(a.command)
        elif isinstance(a, lsp.CodeAction) and a.command and a.command.command == "article-lint.addWord":
            add = {"command": a.command.command, "arguments": a.command.arguments}
    assert add is not None and add["arguments"][1] == "recieve"
    await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command=add["command"], arguments=add["arguments"])
    )
    assert 'words = ["recieve"]' in config.read_text(encoding="utf-8")
    assert config.read_text(encoding="utf-8").startswith("# project settings\n")
    await _until(client, uri, lambda ds: not any(x.code == "TM003" for x in ds))


@pytest.mark.asyncio
async def test_config_changes_are_picked_up(client: LanguageClient, tmp_path: Path):
    folder = tmp_path / "_posts"
    folder.mkdir()
    config = tmp_path / ".article-lint.toml"
    config.write_text('select = ["AG001"]\n', encoding="utf-8")
    post = folder / "2024-01-01-config.md"
    post.write_text("# 題\n\n本文です！\n\n---END---\n", encoding="utf-8")
    uri = await _open(client, post)
    assert [d.code for d in client.diagnostics[uri]] == ["AG001"]
    config.write_text('select = ["AG001", "JA014"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)])
    )
    await _until(client, uri, lambda ds: sorted(d.code for d in ds) == ["AG001", "JA014"])
    config.write_text('select = ["AG001"\n', encoding="utf-8")  # a mistake: said, not silently ignored
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)])
    )
    diags = await _until(client, uri, lambda ds: any(d.code == "config" for d in ds))
    assert diags[0].severity == lsp.DiagnosticSeverity.Error and "TOML" in diags[0].message


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "article_studio.rules", "lsp"], server_env=_server_env()
    ),
)
async def site_client(lsp_client: LanguageClient):
    @lsp_client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams):
        return None

    await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=client_capabilities("visual-studio-code"), initialization_options={})
    )
    yield
    await lsp_client.shutdown_session()


SITE_POST = "---\nlayout: post\ntitle: 記事その{n}について\ndate: 2024-01-0{n}\n---\n\n今日は{s}を使います。{s}の設定は簡単です。\n"


@pytest.mark.asyncio
async def test_site_wide_spelling_on_open_and_save(site_client: LanguageClient, tmp_path: Path):
    posts = tmp_path / "_posts"
    posts.mkdir()
    for n, spelling in enumerate(["サーバー", "サーバー", "サーバ"], 1):
        (posts / f"2024-01-0{n}-post.md").write_text(SITE_POST.format(n=n, s=spelling), encoding="utf-8")
    odd = posts / "2024-01-03-post.md"
    uri = await _open(site_client, odd)

    def site_findings(diags):
        return [d for d in diags if d.code == "TM001" and "ほかの記事" in d.message]

    found = await _until(site_client, uri, lambda ds: len(site_findings(ds)) == 2)
    assert {d.range.start.line for d in site_findings(found)} == {6}
    # The other posts change their spelling; on save the comparison is made again.
    for n in (1, 2):
        (posts / f"2024-01-0{n}-post.md").write_text(SITE_POST.format(n=n, s="サーバ"), encoding="utf-8")
    site_client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri)))
    await _until(site_client, uri, lambda ds: not site_findings(ds))
