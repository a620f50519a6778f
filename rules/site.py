"""Terminology across a site: a multi-file run compares spellings over all its files."""
from __future__ import annotations


def apply_site_terms(results: list) -> None:
    """Add site-wide TM001 findings to ``results`` (filled in by the terminology rule)."""
    return None
