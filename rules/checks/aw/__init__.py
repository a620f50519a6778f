"""AW: the AI writing-style rules of ``@textlint-ja/textlint-rule-preset-ai-writing`` 1.7.0."""
