"""Article Studio's linter core: the public API.

The ``article-lint`` command, the editor and the tests use only what this module exports.
It never imports Qt. Inside, one subpackage per stage, each importing only those below it:
``reading`` (bytes to ``Document``) → ``terminology`` → ``engine`` (configuration, registry,
running, fixing) → ``checks`` (the rules) → ``export`` → ``output`` (formats, HTML) → ``cli``.

    >>> from article_studio.rules import lint_text
    >>> [d.code for d in lint_text("本文です。\\n\\n---END---\\n")]
    ['AG001']
"""

from __future__ import annotations

from .engine.api import (
    RuleInfo,
    apply_fix,
    apply_fixes,
    explain,
    fix_text,
    lint_document,
    lint_paths,
    lint_text,
    list_rules,
    load_config,
    parse_document,
)
from .engine.config import Config, ConfigError, config_for, config_from_mapping, find_config_file
from .engine.files import LintResult, lint_file
from .engine.gcpolicy import tune_for_linting
from .engine.profiles import detect_profile, profile_schema
from .engine.registry import Rule
from .model import Diagnostic, Edit, Fix, LineIndex
from .reading.document import MARKER_RE, Document
from .reading.safe_write import WriteConflict, WriteError, write_atomic
from .reading.textio import ReadError, SourceText, decode_bytes, read_regular_file, read_source
from .reading.textstats import character_count, reading_minutes
from .resources import resource_path, resources_dir
from .version import __version__

# Exported names whose modules a lint run does not need: imported on first use, so that
# ``article-lint`` starts without the exporter, the HTML renderer and the config writer.
_LAZY = {
    "Change": ".export.pipeline",
    "ExportResult": ".export.pipeline",
    "REMOVING_STEPS": ".export.model",
    "export_post": ".export.pipeline",
    "render_html": ".output.render",
    "render_rule_docs": ".output.ruledocs",
    "pseudo_headings": ".checks.ag.pseudo_heading",
    "MathImage": ".output.mathrender",
    "tex_to_mathml": ".output.mathrender",
    "tex_to_svg": ".output.mathrender",
    "read_config_table": ".engine.userconfig",
    "rule_severities": ".engine.userconfig",
    "write_config": ".engine.userconfig",
    "SiteFolder": ".engine.posts",
    "SitePost": ".engine.posts",
    "find_posts": ".engine.posts",
    "SiteLint": ".engine.sitelint",
    "artifact_count": ".engine.sitelint",
    "from_cache": ".engine.sitelint",
    "lint_site": ".engine.sitelint",
    "post_counts": ".engine.sitelint",
    "site_findings": ".engine.sitelint",
    "Published": ".export.publish",
    "common_base": ".export.publish",
    "publish_post": ".export.publish",
}


# Exported under another name than their module's.
_RENAMED = {"render_rule_docs": "render_markdown"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), _RENAMED.get(name, name))
    globals()[name] = value
    return value


__all__ = [
    "Change",
    "Config",
    "ConfigError",
    "Diagnostic",
    "Document",
    "Edit",
    "ExportResult",
    "Fix",
    "LineIndex",
    "MARKER_RE",
    "MathImage",
    "LintResult",
    "REMOVING_STEPS",
    "ReadError",
    "Rule",
    "RuleInfo",
    "SourceText",
    "__version__",
    "apply_fix",
    "apply_fixes",
    "character_count",
    "config_for",
    "config_from_mapping",
    "decode_bytes",
    "detect_profile",
    "explain",
    "export_post",
    "find_config_file",
    "fix_text",
    "lint_document",
    "lint_file",
    "lint_paths",
    "lint_text",
    "list_rules",
    "load_config",
    "parse_document",
    "profile_schema",
    "pseudo_headings",
    "read_config_table",
    "read_regular_file",
    "read_source",
    "reading_minutes",
    "render_html",
    "render_rule_docs",
    "resource_path",
    "resources_dir",
    "rule_severities",
    "tex_to_mathml",
    "tex_to_svg",
    "tune_for_linting",
    "write_atomic",
    "WriteConflict",
    "WriteError",
    "write_config",
    "SiteFolder",
    "SitePost",
    "find_posts",
    "SiteLint",
    "artifact_count",
    "from_cache",
    "lint_site",
    "post_counts",
    "site_findings",
    "Published",
    "common_base",
    "publish_post",
]
