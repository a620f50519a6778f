"""``docs/rules.md``: the rule reference, generated from the rules' docstrings.

Regenerate with ``python -m article_studio.rules.cli.generate docs > docs/rules.md`` (a test checks it is current).
"""

from __future__ import annotations

from ..engine.presets import DEFAULT_PRESET, presets
from ..engine.registry import all_rules

GROUPS = {
    "AG": "Generation artifacts",
    "RP": "Repetition",
    "TM": "Terminology and spelling",
    "FM": "Front matter",
    "MD": "Markdown structure",
    "JA": "Japanese technical writing (textlint parity)",
}


def facts(rule) -> list[str]:
    """What a rule declares about itself besides its options, as short phrases."""
    out = [f"`{rule.name}`", f"default severity: {rule.severity}"]
    if rule.fixes != "none":
        out.append(f"fixes: {rule.fixes}")
    if rule.presets:
        out.append("presets: " + ", ".join(f"`{p}`" for p in rule.presets))
    if rule.textlint_id:
        out.append(f"textlint: `{rule.textlint_id}`")
    return out


def render_markdown() -> str:
    rules = all_rules()
    preset = presets()[DEFAULT_PRESET]
    out = [
        "# Rules",
        "",
        "Generated from the rules' docstrings by `python -m article_studio.rules.cli.generate docs`; "
        "`article-lint --explain CODE` prints the same text.",
        "",
    ]
    out += ["| code | name | default | fixes |", "|---|---|---|---|"]
    for r in rules:
        on = preset.get(r.name, r.default_enabled) is not False and (r.default_enabled or r.name in preset)
        state = r.severity if on else f"{r.severity} (off)"
        fixes = "" if r.fixes == "none" else r.fixes
        out.append(f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {state} | {fixes} |")
    current = None
    for r in rules:
        group = r.category()
        if group != current:
            current = group
            out += ["", f"## {group}: {GROUPS.get(group, group)}"]
        out += ["", f"### {r.code}", "", " · ".join(facts(r)), "", r.doc()]
        if r.options:
            out += ["", "Options:", ""]
            out += [
                f"- `{o.name}` ({o.describe_kind()}, default `{o.default!r}`): {o.doc}"
                for o in r.options.specs.values()
            ]
    return "\n".join(out) + "\n"
