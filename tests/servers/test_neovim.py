"""A real editor as the client: Neovim, headless, starts ``article-lint lsp`` and reports what it got.

Neovim is a Debian package (``apt-get install neovim``; ``.ci/run`` installs it). Without it this
test fails, saying so: the editor integration is part of what the project promises.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "2025-10-26-2-googleanthropictpu.md"

# Neovim 0.7 (Debian 12) has vim.lsp.start_client; vim.lsp.start came in 0.8.
CONFIG = r"""
local out_path, python = _G.article_out, _G.article_python
local client = vim.lsp.start_client({
  name = "article-lint",
  cmd = { python, "-m", "article_studio.rules", "lsp" },
  root_dir = vim.fn.expand("%:p:h"),
  init_options = { site = false },
})
vim.lsp.buf_attach_client(0, client)
local got = vim.wait(120000, function() return #vim.diagnostic.get(0) > 0 end, 50)
-- Later publications (the site-wide check) may follow the first: let them land.
vim.wait(1500, function() return false end, 50)
local rows = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
  table.insert(rows, { line = d.lnum + 1, col = d.col, code = code, severity = d.severity })
end
local f = io.open(out_path, "w")
f:write(vim.fn.json_encode({ waited = got, diagnostics = rows }))
f:close()
vim.lsp.stop_client(client, true)
vim.cmd("qa!")
"""


def test_neovim_receives_the_cli_findings(tmp_path: Path):
    nvim = shutil.which("nvim")
    assert nvim, "Neovim (the Debian package 'neovim') is needed for this test: apt-get install neovim"
    post = tmp_path / "_posts" / EXAMPLE.name
    post.parent.mkdir()
    shutil.copy(EXAMPLE, post)
    out = tmp_path / "diagnostics.json"
    script = tmp_path / "client.lua"
    script.write_text(CONFIG, encoding="utf-8")
    setup = f"lua _G.article_out = {json.dumps(str(out))}; _G.article_python = {json.dumps(sys.executable)}"
    env = {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [nvim, "--headless", "--clean", "-c", setup, "-c", f"luafile {script}", str(post)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.exists(), f"Neovim wrote nothing: {run.stdout[-2000:]} {run.stderr[-2000:]}"
    got = json.loads(out.read_text(encoding="utf-8"))
    cli = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", "--format", "json", "--jobs", "1", str(post)],
        capture_output=True,
        text=True,
        check=False,
    )
    expected = json.loads(cli.stdout)[0]["messages"]
    assert got["waited"] is True
    assert len(got["diagnostics"]) == len(expected) > 50
    # Neovim keeps the LSP codes and lines: the same findings, line by line.
    assert sorted((d["line"], d["code"]) for d in got["diagnostics"]) == sorted(
        (e["line"], e["code"]) for e in expected
    )
