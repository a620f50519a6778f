"""Terminology and dictionaries: term spellings, their variants, prh dictionaries."""
