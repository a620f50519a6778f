"""Rule options as rules declare them: a name, a default, a type and one line of documentation.

A rule lists its options once (``options = Options(Option("max", 100, "…"), …)``). The engine
fills in the defaults, the configuration is checked against the declarations before a run
starts (unknown keys, wrong types), and the generated docs, ``--explain`` and the Preferences
dialog list them. The project's own rules name their options in kebab case; the JA and AW rules
keep textlint's names so that textlint configurations carry over as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# What an option's value may be, by the name of its kind.
_KINDS: dict[str, str] = {
    "bool": "true or false",
    "int": "a whole number",
    "number": "a number",
    "str": "a string",
    "str-list": "a list of strings",
    "table": "a table",
    "any": "any value",
}


def _kind_of(default: Any) -> str:
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, int):
        return "int"
    if isinstance(default, float):
        return "number"
    if isinstance(default, str):
        return "str"
    if isinstance(default, (list, tuple)) and all(isinstance(v, str) for v in default):
        return "str-list"
    if isinstance(default, Mapping):
        return "table"
    return "any"


def _is(kind: str, value: Any) -> bool:
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "str":
        return isinstance(value, str)
    if kind == "str-list":
        return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
    if kind == "table":
        return isinstance(value, Mapping)
    return True


@dataclass(frozen=True)
class Option:
    """One option of a rule.

    ``kind`` is inferred from the default unless given: ``bool``, ``int``, ``number``, ``str``,
    ``str-list``, ``table`` or ``any``; several kinds may be allowed as ``"int|str"``.
    ``choices`` limits the value to a set; ``minimum`` bounds a number from below;
    ``validate`` says what else is wrong with a value of the right kind (an invalid regular
    expression in a list of patterns), or None.
    """

    name: str
    default: Any
    doc: str
    kind: str = ""
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    validate: Callable[[Any], str | None] | None = None

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple((self.kind or _kind_of(self.default)).split("|"))

    def describe_kind(self) -> str:
        return " or ".join(_KINDS[k] for k in self.kinds)

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not a valid setting of this option, or None when it is."""
        if not any(_is(kind, value) for kind in self.kinds):
            return f"must be {self.describe_kind()}, not {_show(value)}"
        if self.choices and value not in self.choices:
            return f"must be one of {', '.join(_show(c) for c in self.choices)}, not {_show(value)}"
        if self.minimum is not None and _is("number", value) and value < self.minimum:
            return f"must be at least {self.minimum:g}, not {_show(value)}"
        if self.validate is not None:
            return self.validate(value)
        return None


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


class Options(Mapping[str, Any]):
    """A rule's declared options: a mapping from each name to its default, with the declarations."""

    def __init__(self, *specs: Option) -> None:
        self.specs: dict[str, Option] = {}
        for spec in specs:
            if spec.name in self.specs:
                raise ValueError(f"option {spec.name!r} is declared twice")
            problem = spec.problem(spec.default)
            if problem is not None:
                raise ValueError(f"default of option {spec.name!r} {problem}")
            self.specs[spec.name] = spec

    def __getitem__(self, name: str) -> Any:
        return self.specs[name].default

    def __iter__(self) -> Iterator[str]:
        return iter(self.specs)

    def __len__(self) -> int:
        return len(self.specs)

    def __repr__(self) -> str:
        return f"Options({', '.join(self.specs)})"

    def problems(self, values: Mapping[str, Any]) -> list[str]:
        """What is wrong with ``values`` (a configured table of options): unknown keys, with the
        likely intended one, and values of the wrong type. Empty when all is well."""
        out = []
        for key, value in values.items():
            spec = self.specs.get(key)
            if spec is None:
                out.append(f"unknown option {key!r}{did_you_mean(key, self.specs)}")
                continue
            problem = spec.problem(value)
            if problem is not None:
                out.append(f"option {key!r} {problem}")
        return out


def did_you_mean(word: str, candidates: Mapping[str, Any] | list[str] | tuple[str, ...]) -> str:
    """``"; did you mean 'x'?"`` for the closest candidate, or ``"; known: …"`` when none is close."""
    import difflib

    names = list(candidates)
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    if not names:
        return " (this rule has no options)"
    shown = ", ".join(sorted(names)[:12]) + (", …" if len(names) > 12 else "")
    return f"; known: {shown}"
