"""``article-lint lsp`` end to end: a real client (pytest-lsp) talks to the server over stdio."""

from __future__ import annotations

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


def _env(tmp: Path) -> dict:
    import os

    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(tmp / "xdg-cache")
    return env


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lsp") / "_posts"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    return folder


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "article_studio.rules", "lsp"]),
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
