"""``article-lint``: lint Markdown articles from the command line or CI.

Exit status: 0 when no error-level finding, 1 when any (or more warnings than
``--max-warnings``), 2 for usage, config or unreadable-input errors, and when a file could
not be linted through (a rule failed on it, or the process linting it died). Findings go to stdout;
notes and progress to stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
SUBCOMMANDS = ("export", "migrate", "lsp", "mcp")


class _Parser(argparse.ArgumentParser):
    def _get_formatter(self):
        # argparse makes a formatter for every add_argument, and its default width comes from
        # shutil, which imports bz2 and lzma: 2 ms of every run, for help nobody asked for.
        return self.formatter_class(prog=self.prog, width=_terminal_width() - 2)

    def error(self, message: str):  # one line and exit 2, as argparse does, without the full usage dump
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _terminal_width() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it: $COLUMNS, the terminal, 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
        if columns > 0:
            return columns
    except ValueError:
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def _split_list(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__
    from ..output.formatters import FORMATTERS

    p = _Parser(
        prog="article-lint",
        description="Lint Japanese technical articles written in Markdown.",
        epilog="Subcommands: 'article-lint export --help', 'article-lint migrate --help'; "
        "'article-lint lsp' (language server) and 'article-lint mcp' (MCP server) talk over stdio.",
    )
    p.add_argument("paths", nargs="*", help="files, folders (searched for *.md, *.markdown) or globs")
    p.add_argument("--format", "-f", choices=sorted(FORMATTERS), default="stylish", help="output format")
    p.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    p.add_argument("--select", action="append", metavar="CODES", help="only these codes, prefixes or names")
    p.add_argument("--ignore", action="append", metavar="CODES", help="skip these codes, prefixes or names")
    p.add_argument("--config", "-c", metavar="FILE", help="use this config file instead of discovery")
    p.add_argument(
        "--profile",
        choices=["jekyll", "zenn", "hugo", "qiita", "none"],
        help="front-matter profile (default: detected per file)",
    )
    p.add_argument("--lang", choices=["ja", "en"], help="language of the messages (default: ja, or the config's)")
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="processes: files in parallel, or one long file's rules on two cores (default: all cores; 1: one process)",
    )
    p.add_argument("--stdin", action="store_true", help="read one document from standard input")
    p.add_argument("--stdin-filename", metavar="NAME", help="the file name to lint standard input as")
    p.add_argument("--list-rules", action="store_true", help="list every rule and exit")
    p.add_argument("--explain", metavar="CODE", help="print a rule's documentation and exit")
    p.add_argument(
        "--max-warnings", type=int, metavar="N", help="exit 1 when there are more warnings than N (-1: no limit)"
    )
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour in stylish output")
    p.add_argument("--quiet", "-q", action="store_true", help="report errors only")
    p.add_argument(
        "--baseline", metavar="FILE", help="record today's findings in FILE (first run), then report only new ones"
    )
    p.add_argument("--update-baseline", action="store_true", help="with --baseline: rewrite FILE from this run")
    p.add_argument(
        "--cache",
        action="store_true",
        help="reuse the findings of files whose text, config and dictionaries did not change (by content)",
    )
    p.add_argument(
        "--cache-location",
        metavar="PATH",
        help="the cache file, or a folder to keep it in (default: .article-lint-cache); implies --cache",
    )
    p.add_argument("--version", action="version", version=f"article-lint {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # run as the program (not called from Python): the process is ours to tune
        from ..engine.gcpolicy import tune_for_linting

        tune_for_linting()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if _is_subcommand(argv):
            return _subcommand(argv[0], argv[1:])
        return _lint_main(argv)
    except KeyboardInterrupt:
        print("article-lint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output closed early (e.g. piped to head): not an error of ours.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK


def _is_subcommand(argv: Sequence[str]) -> bool:
    return bool(argv) and argv[0] in SUBCOMMANDS


def run() -> None:
    """``article-lint`` as a program (the console script, ``python -m``, the bundles): ``main()``,
    then, for a lint run, the process ends without tearing the interpreter down.

    Freeing every object of the run one by one at exit (the parsed article, MeCab's and the
    rules' caches, the modules) took 11-14 ms of a 0.24 s one-article run. By then every file
    has been written and closed (``write_atomic``) and the ``--jobs`` workers have been joined;
    the output is flushed here. The subcommands end as usual: the language server's lint
    process is a pool the interpreter shuts down at exit.
    """
    code = main()
    if _is_subcommand(sys.argv[1:]):
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed early (| head) or detached: nothing more to say
            pass
    os._exit(code)


_SERVERS = {"lsp": "pygls", "mcp": "mcp"}


def _subcommand(name: str, argv: list[str]) -> int:
    import importlib

    try:
        module = importlib.import_module(f".{name}", __package__)
    except ModuleNotFoundError as exc:
        if name in _SERVERS and exc.name and exc.name.split(".")[0] in ("pygls", "lsprotocol", "mcp"):
            _note(
                f"article-lint {name}: needs the 'servers' extra ({_SERVERS[name]} is not installed): "
                "pip install 'article-studio[servers]'"
            )
            return EXIT_USAGE
        raise
    return module.main(argv)


def _note(msg: str) -> None:
    print(msg, file=sys.stderr)


def _lint_main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)

    from .. import explain, list_rules

    if args.list_rules:
        for info in list_rules():
            state = "" if info.default_enabled else " (off by default)"
            fix = f" [fix: {info.fixes}]" if info.fixable else ""
            print(f"{info.code:<7} {info.name:<40} {info.severity:<8} {info.summary}{fix}{state}")
        return EXIT_OK
    if args.explain:
        text = explain(args.explain)
        if text is None:
            _note(f"article-lint: no rule named {args.explain!r} (see --list-rules)")
            return EXIT_USAGE
        print(text, end="")
        return EXIT_OK
    if args.stdin and args.paths:
        parser.error("--stdin takes no paths")
    if not args.stdin and not args.paths:
        parser.error("no paths given (try: article-lint _posts/)")
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.max_warnings is not None and args.max_warnings < -1:
        parser.error("--max-warnings must be 0 or more (or -1: no limit)")
    if args.unsafe_fixes and not (args.fix or args.diff):
        parser.error("--unsafe-fixes needs --fix or --diff")
    if args.update_baseline and not args.baseline:
        parser.error("--update-baseline needs --baseline FILE")

    from ..engine.config import ConfigError, check_selectors, config_for, load_config_file

    overrides = dict(
        select=_split_list(args.select), ignore=_split_list(args.ignore), profile=args.profile, language=args.lang
    )
    try:
        check_selectors(overrides["select"] or [], "--select")
        check_selectors(overrides["ignore"] or [], "--ignore")
        explicit = load_config_file(args.config) if args.config else None
    except ConfigError as exc:
        _note(f"article-lint: {exc}")
        return EXIT_USAGE

    found: dict[str, object] = {}  # folder → its config: files of one folder share theirs

    def config_of(path: str | None):
        folder = _config_folder(path) if explicit is None else ""
        if folder is None or folder not in found:
            base = explicit if explicit is not None else config_for(path)
            config = base.with_overrides(**overrides)
            if folder is None:
                return config
            found[folder] = config
        return found[folder]

    if args.stdin:
        return _lint_stdin(args, config_of)
    return _lint_files(args, config_of)


def _config_folder(path: str | None) -> str | None:
    """The folder whose config applies to ``path`` (discovery starts there), or None to look each time."""
    if path is None or os.path.islink(path) or os.path.isdir(path):
        return None
    return os.path.dirname(os.path.abspath(path))


def _lint_stdin(args, config_of) -> int:
    from .. import LintResult, ReadError, decode_bytes, fix_text, lint_text
    from ..engine.config import ConfigError

    name = args.stdin_filename or "<stdin>"
    try:
        source = decode_bytes(sys.stdin.buffer.read(), name)
    except ReadError as exc:
        _note(f"article-lint: {exc}")
        return EXIT_USAGE
    try:
        config = config_of(args.stdin_filename if args.stdin_filename else None)
    except ConfigError as exc:
        _note(f"article-lint: {exc}")
        return EXIT_USAGE
    text = source.text
    path = args.stdin_filename
    if args.fix or args.diff:
        fixed = fix_text(text, path, config, unsafe=args.unsafe_fixes)
        if args.diff:
            sys.stdout.write(_unified_diff(name, text, fixed))
            return EXIT_FINDINGS if fixed != text else EXIT_OK
        # --fix on stdin writes the fixed document to stdout, as formatters do; a fix the
        # encoding cannot hold gives back the input unchanged, so a caller never loses it.
        try:
            data = source.encode(fixed)
        except UnicodeEncodeError as exc:
            _note(f"article-lint: {_unencodable(name, fixed, exc, source.label)}")
            sys.stdout.buffer.write(source.raw if source.raw is not None else source.encode(text))
            return EXIT_USAGE
        sys.stdout.buffer.write(data)
        return EXIT_OK
    notes: list[str] = []
    result = LintResult(name, lint_text(text, path, config, notes), text, source, notes=notes)
    for n in notes:
        _note(f"article-lint: {name}: {n}")
    return _report(args, [result], read_errors=len(result.failures))


def _unencodable(name: str, text: str, exc: UnicodeEncodeError, label: str) -> str:
    """One line: where in ``text`` a fix put a character the file's encoding cannot hold."""
    line = text.count("\n", 0, exc.start) + 1
    column = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
    bad = text[exc.start : exc.end]
    return f"{name}:{line}:{column}: a fix would add {bad!r}, which {label} cannot hold; not written"


def _write_fixes(result, fixed: str) -> tuple[bool, str | None]:
    """Write ``fixed`` over the file ``result`` was read from: (written, the problem if any).

    Only the edited bytes change, and nothing is written when the file changed since it was
    read (another program wrote to it while the fixes were computed)."""
    from .. import WriteConflict, WriteError, write_atomic

    source = result.source
    try:
        data = source.encode(fixed)
    except UnicodeEncodeError as exc:
        return False, _unencodable(result.path, fixed, exc, source.label)
    if data == source.raw:  # a fix the encoding writes with the same bytes
        return False, None
    try:
        write_atomic(result.path, data, expect=source.raw)
    except WriteConflict:
        return False, f"{result.path}: changed by another program while the fixes were computed; not written"
    except WriteError as exc:
        return False, str(exc)
    except OSError as exc:
        return False, f"{result.path}: cannot write the fixes: {exc.strerror or exc}"
    return True, None


def _unified_diff(name: str, before: str, after: str) -> str:
    import difflib

    if before == after:
        return ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{name}", tofile=f"b/{name}"
    )
    out = "".join(lines)
    return out if out.endswith("\n") else out + "\n\\ No newline at end of file\n"


def _lint_files(args, config_of) -> int:
    from .. import fix_text
    from ..engine.config import ConfigError
    from ..engine.runner import expand_paths, lint_many

    files, errors = expand_paths(args.paths)
    for e in errors:
        _note(f"article-lint: {e}")
    configs = {}
    config_errors = 0
    for f in files:
        try:
            configs[f] = config_of(f)
        except ConfigError as exc:
            _note(f"article-lint: {exc}")
            config_errors += 1
    if config_errors:
        return EXIT_USAGE
    if not files:
        if not errors:
            _note("article-lint: no Markdown files found")
        return EXIT_USAGE if errors else EXIT_OK

    show_progress = sys.stderr.isatty() and len(files) > 20 and not args.diff
    cache = _open_cache(args)
    results = lint_many(files, configs, args.jobs, progress=_progress_bar if show_progress else None, cache=cache)
    if cache is not None:
        if args.fix or args.diff or args.baseline:
            cache.save()
        _cache_notes(cache)
    read_errors = 0
    for r in results:
        if r.error:
            read_errors += 1
            _note(f"article-lint: {r.error}")
        else:
            if r.read_as:
                _note(f"article-lint: {r.path}: read as {r.read_as}")
            for n in r.notes:
                _note(f"article-lint: {r.path}: {n}")
            if r.failures:  # a rule failed: the file's findings are incomplete
                read_errors += 1
    if args.fix or args.diff:
        changed = 0
        written: set[str] = set()  # real paths: a file reached by two names is fixed once
        for i, r in enumerate(results):
            if r.error or not any(d.fix for d in r.diagnostics):
                continue
            fixed = fix_text(r.text, r.path, configs[r.path], unsafe=args.unsafe_fixes)
            if fixed == r.text:
                continue
            if args.diff:
                changed += 1
                sys.stdout.write(_unified_diff(r.path, r.text, fixed))
                continue
            if os.path.realpath(r.path) in written:
                continue
            wrote, problem = _write_fixes(r, fixed)
            if problem:
                _note(f"article-lint: {problem}")
                read_errors += 1
            if not wrote:
                continue
            changed += 1
            written.add(os.path.realpath(r.path))
            from .. import lint_file

            results[i] = lint_file(r.path, configs[r.path])
        if args.diff:
            return EXIT_USAGE if (read_errors or errors) else (EXIT_FINDINGS if changed else EXIT_OK)
        _note(f"article-lint: fixed {changed} file{'s' if changed != 1 else ''}")
    if args.baseline:
        status = _apply_baseline(args, results)
        if status is not None:
            return status
    # Each file's part of the report comes from the cache when its findings are as stored.
    store = cache if cache is not None and not (args.fix or args.baseline) else None
    status = _report(args, results, read_errors + len(errors), store)
    if store is not None:
        store.save()  # with the report parts made in this run
        _cache_notes(store)
    return status


def _cache_notes(cache) -> None:
    for n in cache.notes:
        _note(f"article-lint: {n}")
    cache.notes.clear()


def _open_cache(args):
    if not (args.cache or args.cache_location):
        return None
    from ..engine.cache import DEFAULT_LOCATION, LintCache

    return LintCache(args.cache_location or DEFAULT_LOCATION)


def _apply_baseline(args, results) -> int | None:
    """Write the baseline (first run or --update-baseline), or drop the findings it knows."""
    from ..engine.baseline import BaselineError, baseline_root, drop_known, load_baseline, write_baseline

    if args.update_baseline or not os.path.exists(args.baseline):
        try:
            count = write_baseline(args.baseline, results)
        except OSError as exc:
            _note(f"article-lint: cannot write the baseline: {exc}")
            return EXIT_USAGE
        _note(
            f"article-lint: wrote {count} finding{'s' if count != 1 else ''} to the baseline {args.baseline}; "
            f"later runs report only new ones"
        )
        return EXIT_OK
    try:
        known = load_baseline(args.baseline)
    except BaselineError as exc:
        _note(f"article-lint: {exc}")
        return EXIT_USAGE
    dropped = drop_known(results, known, baseline_root(args.baseline))
    if dropped:
        _note(f"article-lint: {dropped} finding{'s' if dropped != 1 else ''} already in the baseline not shown")
    return None


def _progress_bar(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    end = "\n" if done >= total else ""
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files{end}")
    sys.stderr.flush()


def _report(args, results, read_errors: int, store=None) -> int:
    from ..output.formatters import render_bytes

    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    out = render_bytes(args.format, results, color=color, quiet=args.quiet, store=store)
    _write_out(out)
    del out  # parts may be views of the cache file, which its save may close
    if read_errors:
        return EXIT_USAGE
    errors = sum(r.errors for r in results if not r.error)
    warnings = 0 if args.quiet else sum(r.warnings for r in results if not r.error)
    if errors:
        return EXIT_FINDINGS
    if args.max_warnings is not None and args.max_warnings >= 0 and warnings > args.max_warnings:
        _note(f"article-lint: {warnings} warnings (more than --max-warnings {args.max_warnings})")
        return EXIT_FINDINGS
    return EXIT_OK


def _write_out(pieces: list[bytes]) -> None:
    """Write the report: as bytes where standard output is UTF-8 without newline translation."""
    if not any(pieces):
        return
    import codecs

    stream = sys.stdout
    binary = getattr(stream, "buffer", None)
    try:
        utf8 = codecs.lookup(stream.encoding or "").name == "utf-8"
    except LookupError:
        utf8 = False
    if binary is not None and utf8 and os.linesep == "\n":
        stream.flush()
        for piece in pieces:
            binary.write(piece)
        binary.flush()
    else:
        stream.write(b"".join(pieces).decode("utf-8", "surrogatepass"))
        stream.flush()


if __name__ == "__main__":  # pragma: no cover
    run()
