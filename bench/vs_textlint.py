"""article-lint against textlint: wall time and per-rule agreement on the same files and rules.

Prints one JSON object. Usage::

    python bench/vs_textlint.py --textlint PATH/node_modules/.bin/textlint [--repeat 3]
        [--set-size 100] [--one FILE] [--examples N]
        [--textlintrc FILE [--config FILE]] [FILE_OR_DIR ...]

textlint is not a dependency of this project: install it anywhere outside the repository
(see bench/README.md) and pass its executable. Without paths the shared human corpus
(``tests/data/corpus/human``) is used.

* Rules: textlint runs with a generated ``.textlintrc.json`` enabling
  ``preset-ja-technical-writing`` with its defaults; article-lint runs with ``--format json``,
  ``--lang en`` (textlint's wording) and a generated config naming
  ``preset = "ja-technical-writing"`` and selecting exactly the JA rules that preset turns on.
  (A bare ``--select JA`` is not the same: an explicit select without a preset turns on every
  JA rule, ``no-mixed-zenkaku-and-hankaku-alphabet`` and ``no-kangxi-radicals`` too, with the
  rules' own defaults instead of the preset's options, e.g. ``max-kanji-continuous-len`` max 5
  instead of 6; ``--select-ja`` runs it that way.) Only JA findings are compared; textlint's
  ``ja-technical-writing/`` prefix is dropped. ``--preset ai-writing`` compares
  ``@textlint-ja/preset-ai-writing`` with article-lint's AW rules (``select = ["AW"]``) instead.
* A site's own configuration: ``--textlintrc FILE`` runs textlint with that file as it is (its
  presets, options and filters) and article-lint with ``--config FILE`` (default: what
  ``article-lint migrate`` writes for the textlintrc). The rules compared are those both run:
  textlint's (``--print-config``, rule ids such as ``japanese/sentence-length`` or
  ``@textlint-ja/ai-writing/no-ai-list-formatting`` mapped to the rule name after the last
  ``/``) and article-lint's rules that port one of them. article-lint's other rules (AG, TM, ...)
  run, and are timed, but are not compared.
* ``<!-- textlint-disable -->`` comments: article-lint always honours them; textlint only with
  ``textlint-filter-rule-comments``, which is enabled when it is installed next to textlint
  (``--no-comments-filter`` to leave it out). Without it, textlint reports in the 30 files of
  the human corpus that turn it off, and the figures measure that, not the rules.
* Timing: whole processes (interpreter / node start included), after one untimed warm-up
  run of each, the two tools alternating, the median of ``--repeat`` runs, for one article
  (``--one``, default the seed article) and for ``--set-size`` files spread evenly over the
  set (0: all of them; more than there are: the rest are variants of the given files, each with
  its blocks in reverse order, written to the temporary folder). ``speedup`` is
  textlint's time over article-lint's. article-lint's modules are byte-compiled once into the
  temporary folder, as an installed package's are (``--no-bytecode-cache``: as the environment
  says; with ``PYTHONDONTWRITEBYTECODE=1`` every process recompiles ~100 modules, ~50 ms).
* Agreement, textlint as the reference, over every file: findings are matched as multisets
  by (file, ruleId, line) and, stricter, by (file, ruleId, range[0]). ``recall`` is the share
  of textlint's findings article-lint also reports, ``precision`` the share of article-lint's
  findings textlint also reports. ``--examples N`` prints up to N disagreements of each kind
  (``missed``: textlint only, ``extra``: article-lint only) for every rule under ``--target``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
SEED = REPO / "examples" / "2025-10-26-2-googleanthropictpu.md"
# --preset: textlint's rules entry, and the article-lint code prefix of the rules compared.
PRESETS = {
    "ja-technical-writing": ({"preset-ja-technical-writing": True}, "JA"),
    "ai-writing": ({"@textlint-ja/preset-ai-writing": True}, "AW"),
}
COMMENTS_FILTER = "textlint-filter-rule-comments"
SKIP_NAMES = {"SOURCE.md"}


def markdown_files(paths: list[Path]) -> list[Path]:
    """Files as given, and every ``*.md``/``*.markdown`` under folders (not the corpus's SOURCE.md notes)."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(
                p.resolve()
                for ext in ("*.md", "*.markdown")
                for p in path.rglob(ext)
                if p.name not in SKIP_NAMES and p.is_file()
            )
        elif path.is_file():
            found.add(path.resolve())
        else:
            raise SystemExit(f"vs_textlint: no such file or folder: {path}")
    return sorted(found)


def spread(files: list[Path], count: int) -> list[Path]:
    """``count`` files evenly spread over ``files`` (deterministic), or all of them."""
    if count <= 0 or count >= len(files):
        return files
    step = len(files) / count
    return [files[int(i * step)] for i in range(count)]


def node_modules_of(executable: Path) -> Path | None:
    """The ``node_modules`` folder textlint is installed in, to load the preset from."""
    for parent in executable.resolve().parents:
        if parent.name == "node_modules":
            return parent
    return None


def preset_rules() -> list[str]:
    """The JA rules article-lint's ``ja-technical-writing`` preset turns on."""
    sys.path.insert(0, str(REPO))
    from article_studio.rules.engine.presets import preset_settings

    return [name for name, value in preset_settings("ja-technical-writing").items() if value is not False]


class Tools:
    def __init__(
        self,
        textlint: Path,
        workdir: Path,
        jobs: int | None,
        select_ja: bool,
        comments: bool,
        bytecode: bool,
        preset: str = "ja-technical-writing",
        textlintrc: Path | None = None,
        config_file: Path | None = None,
    ) -> None:
        modules = node_modules_of(textlint)
        if textlintrc is not None:
            # The site's configuration as it is: its filters decide about the comments.
            config = textlintrc.resolve()
            rc = read_textlintrc(config)
            self.comments = "comments" in {_filter_name(k) for k in rc.get("filters") or {}}
        else:
            # article-lint always honours <!-- textlint-disable --> comments; textlint needs its
            # comments filter for that, used when it is installed next to textlint.
            self.comments = comments and modules is not None and (modules / COMMENTS_FILTER).is_dir()
            rc = {"rules": PRESETS[preset][0], **({"filters": {"comments": True}} if self.comments else {})}
            config = workdir / ".textlintrc.json"
            config.write_text(json.dumps(rc), encoding="utf-8")
        self.workdir = workdir
        self.textlint = [str(textlint), "--config", str(config)]
        if modules is not None:
            self.textlint += ["--rules-base-directory", str(modules)]
        self.textlint += ["--format", "json"]
        # textlint's messages are compared as textlint writes them: in English where it does.
        self.article_lint = [sys.executable, "-m", "article_studio.rules", "--format", "json", "--lang", "en"]
        self.config_file: Path | None = None
        if textlintrc is not None:
            self.config_file = config_file.resolve() if config_file else migrated_config(config, workdir)
            self.article_lint += ["--config", str(self.config_file)]
        elif preset == "ai-writing":
            toml = workdir / "article-lint.toml"
            toml.write_text('select = ["AW"]\n', encoding="utf-8")
            self.article_lint += ["--config", str(toml)]
        elif select_ja:
            self.article_lint += ["--select", "JA"]
        else:
            toml = workdir / "article-lint.toml"
            names = ", ".join(json.dumps(n) for n in preset_rules())
            toml.write_text(f'preset = "ja-technical-writing"\nselect = [{names}]\n', encoding="utf-8")
            self.article_lint += ["--config", str(toml)]
        if jobs:
            self.article_lint += ["--jobs", str(jobs)]
        # An installed package has its modules compiled (pip writes .pyc files); a checkout run
        # with PYTHONDONTWRITEBYTECODE recompiles every module in every process. Cache the
        # bytecode in the temporary folder (never in the repository) unless told not to.
        self.env = dict(os.environ)
        if bytecode:
            self.env.pop("PYTHONDONTWRITEBYTECODE", None)
            self.env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")

    def textlint_rules(self) -> set[str]:
        """The rules textlint runs under its config, by rule name (the id after its last ``/``)."""
        proc = subprocess.run(
            [*self.textlint[:-2], "--print-config"],  # not with --format json
            cwd=self.workdir,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        if proc.returncode != 0:
            raise SystemExit(f"vs_textlint: textlint --print-config exited {proc.returncode}:\n{proc.stderr[-2000:]}")
        return {rule["id"].rsplit("/", 1)[-1] for rule in json.loads(proc.stdout)["rule"]}

    def run(self, tool: str, files: list[Path]) -> tuple[float, str]:
        """Wall time of one whole process on ``files``, and its standard output."""
        if tool == "textlint":
            # cwd: a folder of our own, so no .textlintrc/.textlintignore of the caller applies.
            argv, cwd = self.textlint, self.workdir
        else:
            argv, cwd = self.article_lint, REPO
        start = time.perf_counter()
        proc = subprocess.run(
            [*argv, *map(str, files)],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            env=self.env,
        )
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"vs_textlint: {tool} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
        return elapsed, proc.stdout


def _filter_name(key: str) -> str:
    """``textlint-filter-rule-comments`` / ``comments`` → ``comments``."""
    return key.rsplit("/", 1)[-1].removeprefix("textlint-filter-rule-")


def migrated_config(textlintrc: Path, workdir: Path) -> Path:
    """``article-lint migrate TEXTLINTRC``, written to the temporary folder."""
    out = workdir / "migrated.article-lint.toml"
    proc = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", "migrate", str(textlintrc), "-o", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"vs_textlint: article-lint migrate exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return out


def article_lint_rules(config_file: Path) -> dict[str, str]:
    """The rules article-lint runs under ``config_file`` that port a textlint rule: name → code."""
    sys.path.insert(0, str(REPO))
    from article_studio.rules.engine.config import load_config_file
    from article_studio.rules.engine.run import resolve_rules

    return {s.rule.name: s.rule.code for s in resolve_rules(load_config_file(config_file)) if s.rule.textlint_id}


def read_textlintrc(path: Path) -> dict:
    sys.path.insert(0, str(REPO))
    from article_studio.rules.engine.migrate import read_textlintrc as read

    return read(path)


_FENCE = ("```", "~~~")


def blocks_reversed(text: str) -> str:
    """``text`` with its front matter kept and its blank-line separated blocks in reverse order
    (a fenced code block stays one block): another article of the same size and kind."""
    front = ""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            front, text = text[: end + 5], text[end + 5 :]
    blocks: list[list[str]] = [[]]
    fence = None
    for line in text.split("\n"):
        mark = line.lstrip()[:3]
        if fence is None and mark in _FENCE:
            fence = mark
        elif fence is not None and mark == fence:
            fence = None
        if fence is None and not line.strip():
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    body = "\n\n".join("\n".join(b) for b in reversed(blocks) if b)
    return front + body + "\n"


def timed_set(files: list[Path], count: int, workdir: Path) -> list[Path]:
    """``count`` files spread over ``files``; when there are fewer, all of them and as many
    variants (``blocks_reversed``) as are missing, written to ``workdir``."""
    if count <= len(files):
        return spread(files, count)
    variants = workdir / "variants"
    variants.mkdir(exist_ok=True)
    extra = []
    for i, source in enumerate(spread(files, count - len(files))):
        target = variants / f"{i:03d}-{source.name}"
        target.write_text(blocks_reversed(source.read_text(encoding="utf-8")), encoding="utf-8")
        extra.append(target)
    return [*files, *extra]


def timing(tools: Tools, files: list[Path], repeat: int) -> dict:
    runs: dict[str, list[float]] = {"textlint": [], "article_lint": []}
    for tool in runs:  # warm-up, not timed: file cache, bytecode cache
        tools.run(tool, files)
    for i in range(repeat):
        order = ("textlint", "article_lint") if i % 2 == 0 else ("article_lint", "textlint")
        for tool in order:
            runs[tool].append(tools.run(tool, files)[0])
    tl, al = statistics.median(runs["textlint"]), statistics.median(runs["article_lint"])
    return {
        "files": len(files),
        "characters": sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in files),
        "textlint_s": round(tl, 3),
        "article_lint_s": round(al, 3),
        "speedup": round(tl / al, 1) if al else None,
        "runs": {k: [round(v, 3) for v in vs] for k, vs in runs.items()},
    }


def findings(output: str, code_prefix: str | None, rules: set[str] | None = None) -> list[dict]:
    """The findings of a ``--format json`` output, by rule name (a textlint rule id after its
    last ``/``): those whose code starts with ``code_prefix`` and whose rule is in ``rules``."""
    out = []
    for result in json.loads(output or "[]"):
        path = str(Path(result["filePath"]).resolve())
        for m in result["messages"]:
            if code_prefix and not str(m.get("code", "")).startswith(code_prefix):
                continue
            rule = m["ruleId"].rsplit("/", 1)[-1]
            if rules is not None and rule not in rules:
                continue
            out.append(
                {
                    "file": path,
                    "rule": rule,
                    "line": m["line"],
                    "column": m["column"],
                    "start": m["range"][0],
                    "message": m["message"],
                }
            )
    return out


def ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def agreement(reference: list[dict], candidate: list[dict], key) -> dict:
    """Multiset matching of findings by ``key``; per rule and overall."""
    ref = Counter(key(f) for f in reference)
    cand = Counter(key(f) for f in candidate)
    per_rule: dict[str, Counter] = defaultdict(Counter)
    for k, n in ref.items():
        per_rule[k[1]]["textlint"] += n
        per_rule[k[1]]["matched"] += min(n, cand.get(k, 0))
    for k, n in cand.items():
        per_rule[k[1]]["article_lint"] += n

    def figures(c: Counter) -> dict:
        return {
            "textlint": c["textlint"],
            "article_lint": c["article_lint"],
            "matched": c["matched"],
            "recall": ratio(c["matched"], c["textlint"]),
            "precision": ratio(c["matched"], c["article_lint"]),
        }

    total = sum(per_rule.values(), Counter())
    return {"overall": figures(total), "rules": {rule: figures(c) for rule, c in sorted(per_rule.items())}}


def disagreements(reference: list[dict], candidate: list[dict], rule: str, limit: int, root: Path) -> dict:
    """Up to ``limit`` textlint-only and article-lint-only findings of ``rule``, by (file, line)."""

    def key(f):
        return (f["file"], f["line"])

    ref = [f for f in reference if f["rule"] == rule]
    cand = [f for f in candidate if f["rule"] == rule]
    lines: dict[str, list[str]] = {}

    def show(f: dict, other: Counter) -> dict:
        if f["file"] not in lines:
            lines[f["file"]] = Path(f["file"]).read_text(encoding="utf-8", errors="replace").splitlines()
        text = lines[f["file"]][f["line"] - 1] if f["line"] <= len(lines[f["file"]]) else ""
        try:
            name = str(Path(f["file"]).relative_to(root))
        except ValueError:
            name = f["file"]
        return {
            "where": f"{name}:{f['line']}:{f['column']}",
            "message": f["message"].split("\n")[0],
            "other_tool_on_line": other.get(key(f), 0),
            "text": text[:200],
        }

    def only(a: list[dict], b: list[dict]) -> list[dict]:
        left = Counter(key(f) for f in b)
        extra_b = Counter(key(f) for f in b)
        out = []
        for f in a:
            if left[key(f)] > 0:
                left[key(f)] -= 1
            else:
                out.append(show(f, extra_b))
                if len(out) >= limit:
                    break
        return out

    return {"missed": only(ref, cand), "extra": only(cand, ref)}


def _shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it (a recorded command names no
    folder of the machine it ran on)."""
    try:
        return path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        return path.name


def package_versions(textlint: Path) -> dict[str, str]:
    """Versions of textlint and of the rule, preset and filter packages installed with it."""
    modules = node_modules_of(textlint)
    if modules is None:
        return {}
    names = ["textlint", "sentence-splitter", "kuromojin", "kuromoji"]
    names += sorted(p.name for p in modules.glob("textlint-rule-*")) + sorted(
        p.name for p in modules.glob("textlint-filter-rule-*")
    )
    names += sorted(f"{p.parent.name}/{p.name}" for p in modules.glob("@textlint*/textlint-rule-*"))
    out = {}
    for name in names:
        manifest = modules / name / "package.json"
        if manifest.is_file() and name != "textlint-rule-helper":
            out[name] = json.loads(manifest.read_text(encoding="utf-8")).get("version", "?")
    return out


def record(path: Path, reference: list[dict], root: Path, args, rules: set[str] | None, inputs: list[Path]) -> None:
    """textlint's findings as ``{file: {rule: [line, ...]}}`` (one file a line, every input
    file), with what made them: the command, and the versions of textlint and its rules."""
    files: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for p in inputs:
        files[p.relative_to(root).as_posix()]  # a file with no finding is listed too
    for f in reference:
        files[Path(f["file"]).relative_to(root).as_posix()][f["rule"]].append(f["line"])
    command = ["bench/vs_textlint.py", "--textlint", "TEXTLINT", "--no-timing"]
    if args.textlintrc:
        command += ["--textlintrc", _shown(args.textlintrc)]
    if args.config:
        command += ["--config", _shown(args.config)]
    command += ["--record", _shown(path), *(_shown(p) for p in args.paths)]
    head = {
        "what": "textlint's own findings (rule name and line, per file), recorded from a real textlint run",
        "command": " ".join(command),
        "packages": package_versions(args.textlint),
        "root": _shown(root),
        "rules": sorted(rules) if rules is not None else sorted({f["rule"] for f in reference}),
    }
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "files": {']
    body = [
        json.dumps(name, ensure_ascii=False)
        + ": "
        + json.dumps({rule: sorted(found) for rule, found in sorted(by_rule.items())}, ensure_ascii=False)
        for name, by_rule in sorted(files.items())
    ]
    lines.append(",\n".join(body))
    lines.append("}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths", nargs="*", type=Path, help="Markdown files or folders (default: the shared human corpus)"
    )
    parser.add_argument("--textlint", type=Path, required=True, help="the textlint executable")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool (median)")
    parser.add_argument("--one", type=Path, default=SEED, help="the one article timed alone")
    parser.add_argument(
        "--set-size", type=int, default=100, help="files in the timed set, spread over the given files (0: all)"
    )
    parser.add_argument("--jobs", type=int, default=None, help="article-lint --jobs (default: its own)")
    parser.add_argument(
        "--examples", type=int, default=0, help="disagreements to show per kind for every rule under --target"
    )
    parser.add_argument("--target", type=float, default=0.9, help="recall/precision target")
    parser.add_argument(
        "--select-ja",
        action="store_true",
        help="run article-lint with a bare --select JA instead of the preset's rules",
    )
    parser.add_argument(
        "--no-comments-filter",
        action="store_true",
        help="do not enable textlint-filter-rule-comments even when it is installed",
    )
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="run article-lint as the environment says (e.g. recompiling every module "
        "under PYTHONDONTWRITEBYTECODE) instead of with a temporary bytecode cache",
    )
    parser.add_argument("--no-timing", action="store_true", help="only the agreement")
    parser.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        default="ja-technical-writing",
        help="the rules compared: textlint's preset-ja-technical-writing against article-lint's JA rules "
        "(default), or @textlint-ja/preset-ai-writing against the AW rules",
    )
    parser.add_argument(
        "--textlintrc",
        type=Path,
        help="run textlint with this configuration as it is, and article-lint with --config "
        "(instead of --preset); the rules both run are compared",
    )
    parser.add_argument(
        "--config",
        type=Path,
        help="with --textlintrc: article-lint's configuration (default: article-lint migrate TEXTLINTRC)",
    )
    parser.add_argument(
        "--record",
        type=Path,
        help="also write textlint's findings of the compared rules, as lines per rule per file "
        "(relative to the common folder of the inputs), to this JSON file",
    )
    args = parser.parse_args()
    if args.config and not args.textlintrc:
        parser.error("--config needs --textlintrc")
    if args.textlintrc and args.select_ja:
        parser.error("--select-ja does not go with --textlintrc")

    roots = args.paths or [DATA / "corpus" / "human"]
    files = markdown_files(roots)
    if not files:
        raise SystemExit("vs_textlint: no Markdown files")
    root = Path(os.path.commonpath([str(r.resolve()) for r in roots]))
    if root.is_file():
        root = root.parent

    with tempfile.TemporaryDirectory(prefix="vs-textlint-") as tmp:
        tools = Tools(
            args.textlint,
            Path(tmp),
            args.jobs,
            args.select_ja,
            not args.no_comments_filter,
            not args.no_bytecode_cache,
            args.preset,
            args.textlintrc,
            args.config,
        )
        version = subprocess.run(
            [str(args.textlint), "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        report: dict = {
            "textlint_version": version,
            "files": len(files),
            "cpus": os.cpu_count(),
            "article_lint_jobs": args.jobs or "default",
            "article_lint_rules": (
                f"--config {args.config or 'migrated from ' + args.textlintrc.name}"
                if args.textlintrc
                else 'select = ["AW"]'
                if args.preset == "ai-writing"
                else "--select JA"
                if args.select_ja
                else "preset ja-technical-writing"
            ),
            "textlint_comments_filter": tools.comments,
            "article_lint_bytecode_cache": not args.no_bytecode_cache,
        }
        if not args.no_timing:
            report["timing"] = {
                "one_article": {"file": args.one.name, **timing(tools, [args.one.resolve()], args.repeat)},
                "set": timing(tools, timed_set(files, args.set_size, Path(tmp)), args.repeat),
            }
        compared: set[str] | None = None
        if tools.config_file is not None:
            textlint_rules, ours = tools.textlint_rules(), article_lint_rules(tools.config_file)
            compared = textlint_rules & set(ours)
            report["rules"] = {
                "compared": sorted(compared),
                "textlint_only": sorted(textlint_rules - compared),
                "article_lint_only": sorted(set(ours) - compared),
            }
        tl_out, al_out = tools.run("textlint", files)[1], tools.run("article_lint", files)[1]

    if compared is None:
        reference = findings(tl_out, None)
        candidate = findings(al_out, PRESETS[args.preset][1])
    else:
        reference, candidate = findings(tl_out, None, compared), findings(al_out, None, compared)
    if args.record:
        record(args.record, reference, root, args, compared, files)
    by_line = agreement(reference, candidate, lambda f: (f["file"], f["rule"], f["line"]))
    by_start = agreement(reference, candidate, lambda f: (f["file"], f["rule"], f["start"]))
    below = [
        rule
        for rule, fig in by_line["rules"].items()
        if any(fig[k] is not None and fig[k] < args.target for k in ("recall", "precision"))
    ]
    report["agreement"] = {"by_line": by_line, "by_start": by_start}
    report["below_target"] = below
    if args.examples > 0:
        report["examples"] = {rule: disagreements(reference, candidate, rule, args.examples, root) for rule in below}
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
