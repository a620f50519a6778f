"""``article-lint lsp``: a language server over stdio, for VS Code, Neovim, Helix, Zed and the rest.

Diagnostics follow every change: the edited section is relinted in this process at once
(``engine.incremental``), and the whole document, with the document-wide rules, in a lint process
after a short pause (or at once when the edit cannot be relinted on its own). The site-wide
spelling comparison (TM001 across the posts of the folder) runs on open and on save. Code actions:
each fix, fix all safe problems, clean this draft (the exporter's changes), disable for this line,
add a word to the project's word list. Hover explains the rule. Positions are UTF-16, as LSP says.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import Config, ConfigError, Diagnostic, LineIndex, __version__, config_for, explain, load_config
from ..engine.incremental import Relinter, changed_region
from . import lsp_jobs as jobs

log = logging.getLogger("article-lint.lsp")

SOURCE = "article-lint"
CMD_ADD_WORD = "article-lint.addWord"
CMD_RELINT = "article-lint.relint"
FIX_ALL_KIND = "source.fixAll.article-lint"
CLEAN_KIND = "source.article-lint.cleanDraft"
SPELLING = "TM003"
DEFAULT_DEBOUNCE_MS = 250
_SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}


@dataclass
class Settings:
    """What the client may set in ``initializationOptions`` (all optional)."""

    config: str | None = None  # a config file instead of discovery
    language: str | None = None  # ja | en
    debounce_ms: int = DEFAULT_DEBOUNCE_MS  # pause before the whole-document relint
    docs_url: str | None = None  # base of codeDescription links; default: the installed rules' docs
    site: bool = True  # the site-wide spelling comparison on open and save


@dataclass
class OpenDocument:
    uri: str
    path: str | None
    text: str  # with \n line endings
    version: int | None
    crlf: bool
    config: Config | None = None
    config_error: str | None = None
    relinter: Relinter | None = None
    site: list[Diagnostic] = field(default_factory=list)  # site-wide TM001 for ``site_text``
    site_text: str = ""
    full_timer: asyncio.TimerHandle | None = None
    full_running: bool = False
    full_again: bool = False
    published: list[Diagnostic] = field(default_factory=list)


class ArticleLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("article-lint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.settings = Settings()
        self.documents: dict[str, OpenDocument] = {}
        self.explicit_config: Config | None = None
        self.docs_base: str | None = None
        self.supports_resolve = False
        self._lsp_cache: dict[tuple, str] = {}

    # -- state ------------------------------------------------------------------------------
    def open_document(self, uri: str) -> OpenDocument | None:
        return self.documents.get(uri)

    def load_document_config(self, state: OpenDocument) -> bool:
        """(Re)load the config that applies to ``state``; True when it changed."""
        try:
            cfg = self.explicit_config if self.explicit_config is not None else config_for(state.path)
            cfg = cfg.with_overrides(language=self.settings.language)
            error = None
        except ConfigError as exc:
            cfg, error = None, str(exc)
        changed = error != state.config_error or cfg != state.config
        state.config, state.config_error = cfg, error
        if changed:
            state.relinter = Relinter(cfg, state.path) if cfg is not None else None
        return changed

    # -- publishing -------------------------------------------------------------------------
    def publish(self, state: OpenDocument) -> None:
        diagnostics: list[Diagnostic] = []
        index = None
        if state.relinter is not None and state.relinter.text == state.text:
            diagnostics = list(state.relinter.diagnostics)
            index = state.relinter.lines
            if state.site and state.site_text == state.text:
                have = {(d.start, d.end, d.code) for d in diagnostics}
                diagnostics += [d for d in state.site if (d.start, d.end, d.code) not in have]
                diagnostics.sort(key=lambda d: (d.start, d.code, d.end))
        state.published = diagnostics
        if index is None or index.text is not state.text:
            index = LineIndex(state.text)
        out = [self.lsp_json(d, index) for d in diagnostics]
        if state.config_error:
            out.insert(0, json.dumps(self.protocol._converter.unstructure(_config_problem(state.config_error))))
        version = f',"version":{int(state.version)}' if state.version is not None else ""
        body = (
            '{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":'
            + json.dumps(state.uri)
            + ',"diagnostics":['
            + ",".join(out)
            + "]"
            + version
            + "}}"
        )
        self._send(body)

    def _send(self, body: str) -> None:
        """Send a message already written as JSON. A publication of a thousand diagnostics built
        as lsprotocol objects (validated, then unstructured and encoded) took 50 ms; joined from
        each diagnostic's cached JSON, under 2 ms."""
        data = body.encode("utf-8")
        writer = self.protocol.writer
        if writer is None:
            return
        header = f"Content-Length: {len(data)}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n"
        res = writer.write(header.encode("ascii") + data)
        if asyncio.iscoroutine(res) or isinstance(res, asyncio.Future):
            asyncio.ensure_future(res)

    def lsp_json(self, d: Diagnostic, index: LineIndex) -> str:
        """``d`` as an LSP diagnostic in JSON (cached: most findings outlive many edits)."""
        if index.has_astral():
            start, end = _position(index, d.start), _position(index, d.end)
            rng = (start.line, start.character, end.line, end.character)
        else:  # UTF-16 columns are code-point columns
            rng = (d.line - 1, d.column - 1, d.end_line - 1, d.end_column - 1)
        key = (d.code, d.name, d.severity, d.message, rng)
        hit = self._lsp_cache.get(key)
        if hit is None:
            if len(self._lsp_cache) > 50_000:
                self._lsp_cache.clear()
            unstructured = self.protocol._converter.unstructure(self.to_lsp(d, index, rng))
            hit = self._lsp_cache[key] = json.dumps(unstructured, ensure_ascii=False)
        return hit

    def to_lsp(self, d: Diagnostic, index: LineIndex, rng: tuple[int, int, int, int] | None = None) -> lsp.Diagnostic:
        href = self.rule_docs(d.code)
        if rng is None:
            start, end = _position(index, d.start), _position(index, d.end)
        else:
            start, end = lsp.Position(rng[0], rng[1]), lsp.Position(rng[2], rng[3])
        return lsp.Diagnostic(
            range=lsp.Range(start, end),
            severity=_SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Warning),
            code=d.code,
            code_description=lsp.CodeDescription(href=href) if href else None,
            source=SOURCE,
            message=f"{d.message} ({d.name})",
        )

    def rule_docs(self, code: str) -> str | None:
        if self.docs_base is None:
            self.docs_base = self.settings.docs_url or jobs.installed_docs_uri() or ""
        if not self.docs_base:
            return None
        return f"{self.docs_base}#{code.lower()}"

    # -- relinting --------------------------------------------------------------------------
    def changed(self, state: OpenDocument) -> None:
        """The text changed: relint the edited section now, the whole document soon."""
        relinter = state.relinter
        quick = relinter.quick(state.text) if relinter is not None and relinter.text is not None else None
        if state.site:
            state.site, state.site_text = jobs.move_findings(state.site, state.site_text, state.text), state.text
        if quick is not None:
            self.publish(state)
            self.schedule_full(state, self.settings.debounce_ms / 1000)
        else:
            self.schedule_full(state, 0)

    def schedule_full(self, state: OpenDocument, delay: float) -> None:
        if state.full_timer is not None:
            state.full_timer.cancel()
        loop = asyncio.get_running_loop()
        state.full_timer = loop.call_later(delay, lambda: asyncio.ensure_future(self.full(state)))

    async def full(self, state: OpenDocument) -> None:
        """Lint the whole document in the lint process; a newer text is relinted on top of it."""
        state.full_timer = None
        if state.full_running:
            state.full_again = True
            return
        if state.relinter is None:
            self.publish(state)
            return
        state.full_running = True
        try:
            while True:
                state.full_again = False
                text, relinter = state.text, state.relinter
                if relinter is None:
                    break
                result = await jobs.run(jobs.full_lint, text, state.path, relinter.config)
                if relinter is not state.relinter or state.uri not in self.documents:
                    continue  # the config changed meanwhile: again with the new one
                relinter.adopt(text, *result)
                if state.text != text and relinter.quick(state.text) is None:
                    continue  # edited meanwhile, and not in a way the section relint takes
                self.publish(state)
                if not state.full_again and state.text == text:
                    break
                if not state.full_again:
                    # Edited while linting: the findings are current for the edited sections;
                    # the document-wide rules catch up after the usual pause.
                    self.schedule_full(state, self.settings.debounce_ms / 1000)
                    break
        finally:
            state.full_running = False

    async def site_check(self, state: OpenDocument) -> None:
        """TM001 across the posts of the document's folder (on open and save)."""
        if not self.settings.site or state.path is None or state.config is None:
            return
        text = state.text
        found = await jobs.run_site(jobs.site_findings, state.path, text, state.config)
        if state.text != text:
            found = jobs.move_findings(found, text, state.text)
        state.site, state.site_text = found, state.text
        self.publish(state)


server = ArticleLintServer()


def _position(index: LineIndex, offset: int) -> lsp.Position:
    line = index.line_of(offset)
    start = index.starts[line]
    return lsp.Position(line=line, character=index.utf16(offset) - index.utf16(start))


def _offset(index: LineIndex, position: lsp.Position) -> int:
    """The code-point offset of an LSP position (UTF-16 character in its line)."""
    line = min(max(position.line, 0), len(index.starts) - 1)
    start, end = index.line_span(line)
    units = position.character
    i = start
    while i < end and units > 0:
        units -= 2 if ord(index.text[i]) > 0xFFFF else 1
        i += 1
    return i


def _config_problem(message: str) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
        severity=lsp.DiagnosticSeverity.Error,
        source=SOURCE,
        code="config",
        message=f"The configuration cannot be used, so nothing was checked: {message}",
    )


def _normalized(text: str) -> tuple[str, bool]:
    crlf = "\r\n" in text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, crlf


def _sync(ls: ArticleLintServer, uri: str, version: int | None) -> OpenDocument | None:
    state = ls.documents.get(uri)
    if state is None:
        return None
    text, crlf = _normalized(ls.workspace.get_text_document(uri).source)
    state.text, state.crlf, state.version = text, crlf, version
    return state


# -- lifecycle -------------------------------------------------------------------------------------
@server.feature(lsp.INITIALIZE)
def initialize(ls: ArticleLintServer, params: lsp.InitializeParams) -> None:
    opts = params.initialization_options or {}
    if isinstance(opts, dict):
        s = ls.settings
        s.config = opts.get("config") or s.config
        s.language = opts.get("language") if opts.get("language") in ("ja", "en") else s.language
        if isinstance(opts.get("debounceMs"), int) and opts["debounceMs"] >= 0:
            s.debounce_ms = opts["debounceMs"]
        s.docs_url = opts.get("docsUrl") or s.docs_url
        if opts.get("site") is False:
            s.site = False
    if ls.settings.config:
        try:
            ls.explicit_config = load_config(ls.settings.config)
        except ConfigError as exc:
            ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, f"article-lint: {exc}"))
    caps = params.capabilities.text_document
    action = caps.code_action if caps else None
    ls.supports_resolve = bool(
        action and action.resolve_support and "edit" in (action.resolve_support.properties or [])
    )
    jobs.start()


@server.feature(lsp.INITIALIZED)
async def initialized(ls: ArticleLintServer, params: lsp.InitializedParams) -> None:
    caps = ls.client_capabilities.workspace
    watched = caps.did_change_watched_files if caps else None
    if watched and watched.dynamic_registration:
        watchers = [
            lsp.FileSystemWatcher(glob_pattern="**/.article-lint.toml"),
            lsp.FileSystemWatcher(glob_pattern="**/pyproject.toml"),
        ]
        try:
            await ls.client_register_capability_async(
                lsp.RegistrationParams(
                    registrations=[
                        lsp.Registration(
                            id="article-lint-config",
                            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                        )
                    ]
                )
            )
        except Exception:  # a client that refuses: the config is still rechecked on save
            log.info("the client did not accept watching the config files")


@server.feature(lsp.SHUTDOWN)
def shutdown(ls: ArticleLintServer, params: None) -> None:
    jobs.stop()


# -- documents -------------------------------------------------------------------------------------
@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: ArticleLintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    text, crlf = _normalized(item.text)
    path = to_fs_path(item.uri) if item.uri.startswith("file:") else None
    state = OpenDocument(item.uri, path, text, item.version, crlf)
    ls.documents[item.uri] = state
    ls.load_document_config(state)
    await ls.full(state)
    await ls.site_check(state)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ArticleLintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    state = _sync(ls, params.text_document.uri, params.text_document.version)
    if state is not None:
        ls.changed(state)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: ArticleLintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    state = ls.documents.get(params.text_document.uri)
    if state is None:
        return
    if ls.load_document_config(state):
        await ls.full(state)
    await ls.site_check(state)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ArticleLintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    state = ls.documents.pop(params.text_document.uri, None)
    if state is not None and state.full_timer is not None:
        state.full_timer.cancel()
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def watched_files_changed(ls: ArticleLintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    await relint_all_configs(ls)


async def relint_all_configs(ls: ArticleLintServer) -> None:
    """A config file changed: reload it for every open document, relint those it changed."""
    if ls.settings.config:
        try:
            ls.explicit_config = load_config(ls.settings.config)
        except ConfigError as exc:
            ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, f"article-lint: {exc}"))
    for state in list(ls.documents.values()):
        if ls.load_document_config(state):
            await ls.full(state)


# -- hover -----------------------------------------------------------------------------------------
@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: ArticleLintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    state = ls.documents.get(params.text_document.uri)
    if state is None:
        return None
    index = LineIndex(state.text)
    offset = _offset(index, params.position)
    here = [d for d in state.published if d.start <= offset < d.end or d.start == d.end == offset]
    if not here:
        return None
    parts = []
    seen = set()
    for d in here:
        parts.append(f"**{d.code} {d.name}** ({d.severity}): {d.message}")
        if d.code not in seen:
            seen.add(d.code)
            doc = explain(d.code)
            if doc:
                parts.append(doc.strip())
    first = here[0]
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=lsp.Range(_position(index, first.start), _position(index, first.end)),
    )


# -- code actions ----------------------------------------------------------------------------------
@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND, CLEAN_KIND],
        resolve_provider=True,
    ),
)
def code_action(ls: ArticleLintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    state = ls.documents.get(params.text_document.uri)
    if state is None:
        return None
    index = LineIndex(state.text)
    start = _offset(index, params.range.start)
    end = _offset(index, params.range.end)
    wanted = params.context.only
    actions: list[lsp.CodeAction] = []

    def allowed(kind: str) -> bool:
        return not wanted or any(kind == w or kind.startswith(w + ".") for w in wanted)

    if allowed(lsp.CodeActionKind.QuickFix):
        for d in state.published:
            if not (d.start <= end and start <= d.end):
                continue
            actions.extend(quick_fixes(ls, state, d, index))
    for kind, title, what in (
        (FIX_ALL_KIND, "article-lint: fix all safe problems", "fix-all"),
        (CLEAN_KIND, "article-lint: clean this draft (export's fixes)", "clean"),
        (CLEAN_KIND + ".unsafe", "article-lint: clean this draft, unsafe fixes too", "clean-unsafe"),
    ):
        if not allowed(kind):
            continue
        if what == "fix-all" and not any(d.fix and d.fix.applicability == "safe" for d in state.published):
            continue
        data = {"uri": state.uri, "what": what, "text": _digest(state.text)}
        action = lsp.CodeAction(title=title, kind=kind, data=data)
        if not ls.supports_resolve:
            # Computed now (a lint or an export): only when the user asked for actions, not for
            # the requests a client sends on every move of the cursor.
            if params.context.trigger_kind == lsp.CodeActionTriggerKind.Automatic and not wanted:
                continue
            action = resolve_action(ls, action)
        actions.append(action)
    return actions


def quick_fixes(ls: ArticleLintServer, state: OpenDocument, d: Diagnostic, index: LineIndex) -> list[lsp.CodeAction]:
    diag = ls.to_lsp(d, index)
    out = []
    for fix in d.all_fixes():
        edits = [_text_edit(index, e.start, e.end, e.text, state.crlf) for e in fix.edits]
        title = fix.description or f"Fix {d.code}"
        if fix.applicability == "unsafe":
            title += " (unsafe)"
        out.append(
            lsp.CodeAction(
                title=f"{title} ({d.code})",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diag],
                is_preferred=fix is d.fix and fix.applicability == "safe",
                edit=lsp.WorkspaceEdit(changes={state.uri: edits}),
            )
        )
    disable = _disable_edit(state.text, index, d, state.crlf)
    if disable is not None:
        out.append(
            lsp.CodeAction(
                title=f"Disable {d.code} for this line",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diag],
                edit=lsp.WorkspaceEdit(changes={state.uri: [disable]}),
            )
        )
    if d.code == SPELLING and d.end > d.start:
        word = state.text[d.start : d.end]
        out.append(
            lsp.CodeAction(
                title=f"Add 「{word}」 to the project's word list",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diag],
                command=lsp.Command(title="Add to the word list", command=CMD_ADD_WORD, arguments=[state.uri, word]),
            )
        )
    return out


def _text_edit(index: LineIndex, start: int, end: int, text: str, crlf: bool) -> lsp.TextEdit:
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return lsp.TextEdit(range=lsp.Range(_position(index, start), _position(index, end)), new_text=text)


def _disable_edit(text: str, index: LineIndex, d: Diagnostic, crlf: bool) -> lsp.TextEdit | None:
    """A comment that turns the rule off for the diagnostic's line: on the line above when the
    line starts a block (the comment is then a block of its own), else at the end of the line
    (a comment line inside a paragraph would split it in two)."""
    if d.data.get("site") or d.code.startswith("FM"):
        return None  # front matter cannot hold a comment; site findings are in other files too
    line = index.line_of(d.start)
    line_start, line_end = index.line_span(line)
    above_blank = line == 0 or not text[index.starts[line - 1] : line_start].strip()
    if above_blank:
        return _text_edit(index, line_start, line_start, f"<!-- article-lint-disable-next-line {d.code} -->\n", crlf)
    return _text_edit(index, line_end, line_end, f" <!-- article-lint-disable-line {d.code} -->", crlf)


@server.feature(lsp.CODE_ACTION_RESOLVE)
def resolve_action(ls: ArticleLintServer, action: lsp.CodeAction) -> lsp.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    state = ls.documents.get(data.get("uri", ""))
    if state is None or state.config is None or data.get("text") != _digest(state.text):
        return action  # the text changed since: no edit rather than a wrong one
    what = data.get("what")
    if what == "fix-all":
        from .. import fix_text

        new = fix_text(state.text, state.path, state.config)
    else:
        from .. import export_post

        new = export_post(state.text, state.path, state.config, unsafe=what == "clean-unsafe").text
    if new != state.text:
        index = LineIndex(state.text)
        edit = _whole_edit(state.text, new, index, state.crlf)
        action.edit = lsp.WorkspaceEdit(changes={state.uri: [edit]})
    action.data = None
    return action


def _digest(text: str) -> str:
    """Names a text in a code action's data (resolved only if the document still has it)."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _whole_edit(old: str, new: str, index: LineIndex, crlf: bool) -> lsp.TextEdit:
    """One edit from ``old`` to ``new``: the changed middle only."""
    start, old_end, new_end = changed_region(old, new)
    return _text_edit(index, start, old_end, new[start:new_end], crlf)


# -- commands --------------------------------------------------------------------------------------
@server.command(CMD_ADD_WORD)
async def add_word(ls: ArticleLintServer, *args: Any) -> dict | None:
    uri, word = (list(args) + [None, None])[:2]
    state = ls.documents.get(uri) if isinstance(uri, str) else None
    if not isinstance(word, str) or not word.strip():
        return None
    from ..engine.wordlist import WordListError
    from ..engine.wordlist import add_word as add

    start = state.path if state and state.path else (ls.workspace.root_path or os.getcwd())
    try:
        path = add(word.strip(), start, ls.settings.config)
    except WordListError as exc:
        ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, f"article-lint: {exc}"))
        return None
    await relint_all_configs(ls)
    return {"config": str(path), "word": word.strip()}


@server.command(CMD_RELINT)
async def relint(ls: ArticleLintServer, *args: Any) -> None:
    for state in list(ls.documents.values()):
        await ls.full(state)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="article-lint lsp",
        description="Run the language server on standard input and output (started by an editor).",
    )
    parser.add_argument(
        "--stdio", action="store_true", help="talk over stdio (the default; accepted for clients that pass it)"
    )
    parser.add_argument("--log-file", metavar="FILE", help="write the server's log to FILE")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
    server.start_io()
    return 0
