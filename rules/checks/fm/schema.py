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
        try:
            validator = _validator(schema)
            errors = sorted(validator.iter_errors(to_json(data)), key=lambda err: list(map(str, err.absolute_path)))
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
        for error in errors[: int(ctx.options.get("max-errors", 20))]:
            path = list(error.absolute_path)
            if path and str(path[0]) in fm.key_spans:
                s, e = fm.key_spans[str(path[0])]
            else:
                s, e = header_span(doc)
            yield ctx.report(s, e, _describe(error, ctx), profile=profile)
