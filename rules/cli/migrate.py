"""``article-lint migrate``: write an ``.article-lint.toml`` equivalent to a textlint config."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..engine.config import CONFIG_FILE, ConfigError


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="article-lint migrate",
        description="Convert .textlintrc[.json|.yml|.yaml|.js] into .article-lint.toml "
        "(presets, rule options, prh rulePaths).",
    )
    parser.add_argument("textlintrc", help="the textlint configuration file")
    parser.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help=f"where to write (default: {CONFIG_FILE} beside the input; '-' for stdout)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing output file")
    args = parser.parse_args(argv)

    from .. import write_atomic
    from ..engine.migrate import migrate_textlintrc

    source = Path(args.textlintrc)
    try:
        result = migrate_textlintrc(source)
    except ConfigError as exc:
        print(f"article-lint migrate: {exc}", file=sys.stderr)
        return 2
    for note in result.notes:
        print(f"article-lint migrate: note: {note}", file=sys.stderr)
    if args.output == "-":
        sys.stdout.write(result.toml_text)
        return 0
    target = Path(args.output) if args.output else source.parent / CONFIG_FILE
    if os.path.lexists(target) and not args.force:
        print(f"article-lint migrate: {target} already exists (use --force to overwrite)", file=sys.stderr)
        return 2
    try:
        write_atomic(target, result.toml_text.encode("utf-8"), exclusive=not args.force)
    except OSError as exc:
        print(f"article-lint migrate: {exc}", file=sys.stderr)
        return 2
    print(f"article-lint migrate: wrote {target}", file=sys.stderr)
    return 0
