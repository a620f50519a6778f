"""Reading and writing a config file as a table, for programs that edit one (the editor's settings).

``read_config_table`` gives the parsed TOML of an ``.article-lint.toml``-format file (``{}`` when it does
not exist), ``write_config`` validates a table and writes it atomically, and ``rule_severities`` says what
each rule does under a config: its severity, or ``"off"``.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from ..reading.safe_write import write_atomic
from .config import Config, config_from_mapping, load_config_file
from .registry import all_rules
from .run import resolve_rules


def read_config_table(path: str | os.PathLike) -> dict[str, Any]:
    """The TOML table of the config file ``path``; ``{}`` when there is no such file.

    Raises ``ConfigError`` when the file cannot be read, is not TOML, or is not a valid config.
    """
    p = Path(path)
    if not p.exists():
        return {}
    load_config_file(p)  # validates, with the same messages as article-lint
    return tomllib.loads(p.read_bytes().decode("utf-8-sig"))


def write_config(path: str | os.PathLike, table: dict[str, Any]) -> Config:
    """Validate ``table`` as a config, write it to ``path`` atomically as TOML, and return it loaded.

    The folder is created if needed. Raises ``ConfigError`` (and writes nothing) for an invalid table.
    """
    import tomli_w

    p = Path(path)
    config_from_mapping(table, p)
    data = tomli_w.dumps(table).encode("utf-8")
    p.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(p, data)
    return load_config_file(p)


def rule_severities(config: Config | None = None, path: str | None = None) -> dict[str, str]:
    """Every rule's code mapped to the severity it reports with under ``config``, or ``"off"``."""
    running = {s.rule.code: s.severity for s in resolve_rules(config or Config(), path)}
    return {r.code: running.get(r.code, "off") for r in all_rules()}
