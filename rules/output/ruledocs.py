"""``docs/rules.md``: the rule reference, generated from the rules' docstrings.

Regenerate with ``python -m article_studio.rules.cli.generate docs > docs/rules.md`` (a test checks it is current).
"""

from __future__ import annotations

from ..engine.presets import PRESETS
from ..engine.registry import all_rules

GROUPS = {
    "AG": "Generation artifacts",
    "RP": "Repetition",
    "TM": "Terminology and spelling",
    "FM": "Front matter",
    "MD": "Markdown structure",
    "JA": "Japanese technical writing (textlint parity)",
}


def render_markdown() -> str:
    rules = all_rules()
    preset = PRESETS["ja-technical-writing"]
    out = [
        "# Rules",
        "",
        "Generated from the rules' docstrings by `python -m article_studio.rules.cli.generate docs`; "
        "`article-lint --explain CODE` prints the same text.",
        "",
    ]
    out += ["| code | name | default | fix |", "|---|---|---|---|"]
    for r in rules:
        on = preset.get(r.name, r.default_enabled) is not False and (r.default_enabled or r.name in preset)
        state = r.severity if on else f"{r.severity} (off)"
        out.append(f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {state} | {'yes' if r.fixable else ''} |")
    current = None
    for r in rules:
        group = r.category()
        if group != current:
            current = group
            out += ["", f"## {group}: {GROUPS.get(group, group)}"]
        out += ["", f"### {r.code}", "", f"`{r.name}` · default severity: {r.severity}", "", r.doc()]
        if r.options:
            out += ["", "Options:", ""]
            out += [f"- `{k}` (default `{v!r}`)" for k, v in r.options.items()]
    return "\n".join(out) + "\n"
