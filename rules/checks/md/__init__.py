"""MD: Markdown structure (heading levels, empty sections, unclosed fences, empty links)."""
