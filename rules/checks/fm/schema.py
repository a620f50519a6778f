"""FM002: the front matter must meet the profile's JSON Schema."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.profiles import profile_schema, zenn_kind
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from .common import header_span, parsed, profile_of, to_json

_validators: dict[int, tuple[object, object]] = {}


def _validator(schema):
    """One validator per schema object (profile schemas are loaded once per process)."""
    cached = _validators.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    import jsonschema

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    _validators[id(schema)] = (schema, validator)
    return validator


# Keywords that only describe: they never make an instance invalid.
_NOTES = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated"})
_DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
_TYPES = {
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def surely_valid(schema, instance) -> bool:
    """True when ``instance`` meets ``schema`` (a draft 2020-12 schema) for certain, judged
    without jsonschema (whose import costs more than linting a short article).

    Only the keywords of the profiles' schemas are understood; anything else, and any doubt,
    gives False, and the validator decides. The front matter of most posts is valid, and then
    there is nothing to report."""
    if not isinstance(schema, dict) or schema.get("$schema", _DRAFT_2020_12) != _DRAFT_2020_12:
        return False
    return _check(schema, instance) is True


def _check(schema, value) -> bool | None:
    """Whether ``value`` meets ``schema``: True, False, or None when unsure."""
    if schema is True or schema is False:
        return schema
    if not isinstance(schema, dict):
        return None
    verdict: bool | None = True
    for keyword, arg in schema.items():
        if keyword in _NOTES:
            continue
        found = _keyword(keyword, arg, value, schema)
        if found is None:
            return None
        if found is False:
            verdict = False
    return verdict


def _keyword(keyword: str, arg, value, schema) -> bool | None:
    if keyword == "type":
        names = [arg] if isinstance(arg, str) else arg
        if not isinstance(names, list) or not all(name in _TYPES for name in names):
            return None
        return any(_TYPES[name](value) for name in names)
    if keyword in ("minLength", "maxLength", "minItems", "maxItems"):
        if type(arg) is not int or arg < 0:
            return None
        kind = str if keyword.endswith("Length") else list
        if not isinstance(value, kind):
            return True
        return len(value) >= arg if keyword.startswith("min") else len(value) <= arg
    if keyword in ("minimum", "maximum"):
        if not _TYPES["number"](arg):
            return None
        if not _TYPES["number"](value):
            return True
        return value >= arg if keyword == "minimum" else value <= arg
    if keyword == "pattern":
        if not isinstance(arg, str):
            return None
        if not isinstance(value, str):
            return True
        try:
            return re.search(arg, value) is not None
        except re.error:
            return None
    if keyword == "enum":
        if not isinstance(arg, list) or not all(v is None or type(v) in (str, bool) for v in arg):
            return None  # numbers and containers: jsonschema's own notion of equality
        if value is not None and type(value) not in (str, bool, int, float, list, dict):
            return None
        return any(type(v) is type(value) and v == value for v in arg)
    if keyword == "required":
        if not isinstance(arg, list) or not all(isinstance(k, str) for k in arg):
            return None
        return not isinstance(value, dict) or all(k in value for k in arg)
    if keyword in ("properties", "additionalProperties"):
        properties = schema.get("properties", {})
        if not isinstance(properties, dict) or "patternProperties" in schema:
            return None
        if not isinstance(value, dict):
            return True
        if keyword == "properties":
            pairs = [(properties[k], v) for k, v in value.items() if k in properties]
        else:
            pairs = [(arg, v) for k, v in value.items() if k not in properties]
        return _all(_check(sub, v) for sub, v in pairs)
    if keyword == "items":
        if "prefixItems" in schema:
            return None
        return True if not isinstance(value, list) else _all(_check(arg, v) for v in value)
    if keyword in ("oneOf", "anyOf"):
        if not isinstance(arg, list) or not arg:
            return None
        results = [_check(sub, value) for sub in arg]
        if None in results:
            return None
        return results.count(True) == 1 if keyword == "oneOf" else True in results
    return None


def _all(verdicts) -> bool | None:
    out: bool | None = True
    for verdict in verdicts:
        if verdict is None:
            return None
        if verdict is False:
            out = False
    return out


_LIMITS = {
    "maxLength": "が長すぎます（{}文字まで）。",
    "minLength": "が短すぎます（{}文字以上）。",
    "maxItems": "の項目が多すぎます（{}個まで）。",
    "minItems": "の項目が足りません（{}個以上）。",
}


def _describe(error, ctx) -> str:
    """A short message: which key, what is wrong."""
    where = ".".join(str(p) for p in error.absolute_path)
    message = error.message
    if error.validator == "required":
        missing = re.match(r"^'(.*)' is a required property$", message)
        return ctx.msg(
            ja=f"必須のキー {missing.group(1) if missing else message} がありません。",
            en=f"Missing required key: {message}.",
        )
    if error.validator in ("oneOf", "anyOf"):
        message = f"{error.instance!r} has the wrong type"
    en = f"'{where}': {message}." if where else f"{message}."
    subject = f"{where or '値'} の {error.instance!r}"
    if error.validator in ("oneOf", "anyOf"):
        return ctx.msg(ja=f"{subject} は型が違います。", en=en)
    if error.validator == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, str) else " / ".join(map(str, expected))
        return ctx.msg(ja=f"{subject} は型が違います（{expected} にしてください）。", en=en)
    if error.validator == "enum" and isinstance(error.validator_value, list):
        allowed = ", ".join(repr(v) for v in error.validator_value)
        return ctx.msg(ja=f"{subject} は使えません。{allowed} のどれかにしてください。", en=en)
    limit = _LIMITS.get(error.validator)
    if limit is not None:
        return ctx.msg(ja=f"{where or '値'} {limit.format(error.validator_value)}", en=en)
    return ctx.msg(ja=f"フロントマターがスキーマに合いません（{where + ': ' if where else ''}{message}）。", en=en)


class FrontMatterSchema(Rule):
    """Front matter that does not meet the site's JSON Schema.

    **What it does**: validates the parsed header against the profile's JSON Schema
    (``jekyll``, ``zenn``, ``hugo``, ``qiita``; ``none`` has no schema), or the site's own
    schema named by ``schema = "path.json"`` in the config: required keys, types, allowed
    values, lengths. Each problem is shown on the key's value, or on the header when a key
    is missing. YAML dates are checked as ISO strings.

    A Zenn book's chapter (``books/<book>/<chapter>.md``) is checked against what Zenn
    asks of a chapter, a ``title`` (and ``free`` true or false); the book's ``summary``,
    ``topics`` and ``published`` belong to its ``config.yaml``, not to each chapter.

    **Why**: Zenn rejects an article without ``emoji`` or with ``type: blog``; a Jekyll
    theme shows nothing for a post whose ``tags`` are a number. The build may not even
    warn.

    **Example** (Zenn)::

        ---
        title: "Rustの所有権"
        type: blog
        topics: ["rust"]
        published: true
        ---

    reports the missing ``emoji`` and ``type`` not one of ``tech``, ``idea``.

    **Fix**: add or correct the key by hand.
    """

    code = "FM002"
    name = "front-matter-schema"
    severity = "error"
    options = Options(
        Option("max-errors", 20, "Most schema findings reported per file."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        data = parsed(doc)
        if data is None:
            return
        profile = profile_of(doc, ctx)
        kind = zenn_kind(data, doc.path) if profile == "zenn" else None
        custom = getattr(ctx.config, "schema", None)
        try:
            schema = profile_schema(profile, str(ctx.config.resolve(custom)) if custom else None, kind)
        except (OSError, ValueError) as exc:
            s, e = header_span(doc)
            yield ctx.report(
                s,
                e,
                ctx.msg(
                    ja=f"フロントマターのスキーマ {custom} を読み込めません（{exc}）。",
                    en=f"Cannot load the front-matter schema {custom}: {exc}.",
                ),
            )
            return
        if not schema:
            return
        instance = to_json(data)
        if surely_valid(schema, instance):
            return
        try:
            validator = _validator(schema)
            errors = sorted(validator.iter_errors(instance), key=lambda err: list(map(str, err.absolute_path)))
        except Exception as exc:  # a broken site schema must be reported, not crash the run
            s, e = header_span(doc)
            yield ctx.report(
                s,
                e,
                ctx.msg(
                    ja=f"フロントマターのスキーマを使えません（{exc.__class__.__name__}: {exc}）。",
                    en=f"The front-matter schema cannot be used: {exc.__class__.__name__}: {exc}.",
                ),
            )
            return
        fm = doc.front_matter
        if fm is None:
            return
        for error in errors[: int(ctx.options["max-errors"])]:
            path = list(error.absolute_path)
            if path and str(path[0]) in fm.key_spans:
                s, e = fm.key_spans[str(path[0])]
            else:
                s, e = header_span(doc)
            yield ctx.report(s, e, _describe(error, ctx), profile=profile)
