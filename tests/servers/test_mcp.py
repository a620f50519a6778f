"""``article-lint mcp`` end to end: the MCP SDK's own client starts the server over stdio and calls each tool."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "2025-10-26-2-googleanthropictpu.md"


async def _call(session: ClientSession, tool: str, args: dict) -> dict:
    result = await session.call_tool(tool, args)
    assert not result.is_error, result.content
    data = result.structured_content
    assert isinstance(data, dict)
    return data


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "article_studio.rules", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.asyncio
async def test_every_tool_over_stdio(tmp_path: Path):
    drafts = tmp_path / "_drafts"
    drafts.mkdir()
    draft = drafts / EXAMPLE.name
    shutil.copy(EXAMPLE, draft)
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "article_studio.rules", "mcp"], cwd=str(tmp_path)
    )
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        names = {t.name for t in (await session.list_tools()).tools}
        assert {"lint", "fix", "export", "explain_rule", "list_rules"} <= names

        # lint a file: the same findings as the CLI.
        linted = await _call(session, "lint", {"path": str(draft)})
        cli = json.loads(_cli("--format", "json", "--jobs", "1", str(draft)).stdout)[0]["messages"]
        assert [(f["code"], f["line"], f["column"]) for f in linted["findings"]] == [
            (m["code"], m["line"], m["column"]) for m in cli
        ]
        assert linted["summary"]["errors"] == sum(m["severity"] == 2 for m in cli) > 0

        # lint text.
        text_result = await _call(session, "lint", {"text": "# 題\n\n本文です。\n\n---END---\n"})
        assert [f["code"] for f in text_result["findings"]] == ["AG001"]

        # fix: the new text and a diff, the file untouched unless asked.
        fixed = await _call(session, "fix", {"path": str(draft)})
        diff = _cli("--diff", "--jobs", "1", str(draft)).stdout
        assert fixed["changed"] and fixed["diff"] == diff
        assert draft.read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")
        unsafe = await _call(session, "fix", {"path": str(draft), "unsafe": True})
        assert unsafe["diff"] == _cli("--diff", "--unsafe-fixes", "--jobs", "1", str(draft)).stdout
        assert len(unsafe["remaining"]) < len(fixed["remaining"])

        # export: refused with errors left, as the CLI refuses; written with the unsafe fixes.
        site = tmp_path / "site"
        refused = await _call(session, "export", {"path": str(draft), "out": str(site)})
        cli_refused = _cli("export", str(draft), "--out", str(tmp_path / "cli-site"), "--format", "json")
        cli_entry = json.loads(cli_refused.stdout)["files"][0]
        assert (refused["refused"] is not None) == (cli_refused.returncode == 1)
        assert refused["written"] is False and not site.exists()
        exported = await _call(session, "export", {"path": str(draft), "out": str(site), "unsafe": True, "force": True})
        assert exported["written"] is True
        written = Path(exported["destination"])
        assert written.is_file() and "---END---" not in written.read_text(encoding="utf-8")
        again = await _call(session, "export", {"path": str(draft), "out": str(site), "unsafe": True, "force": True})
        assert again["written"] is False and "すでにあります" in again["refused"]
        assert cli_entry["remaining"] == refused["remaining"]

        # explain a rule.
        rule = await _call(session, "explain_rule", {"rule": "end-marker"})
        assert rule["code"] == "AG001" and "**Why**" in rule["documentation"]
        missing = await session.call_tool("explain_rule", {"rule": "no-such-rule"})
        assert missing.is_error

        rules = await _call(session, "list_rules", {})
        assert len(rules["rules"]) == len(_cli("--list-rules").stdout.splitlines())
