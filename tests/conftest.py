"""Shared test helpers: where the shared corpus and conformance files are."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARTICLE_STUDIO_SHARED", REPO.parent / "shared"))
SEED = SHARED / "corpus" / "seed" / "2025-10-26-2-googleanthropictpu.md"


def pytest_report_header(config):
    return f"shared data: {SHARED} ({'found' if SHARED.is_dir() else 'missing'})"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        # The corpus and textlint's cases live beside the repository, not in it. Where they
        # cannot be (a hosted CI runner), ARTICLE_STUDIO_SHARED_OPTIONAL=1 skips the tests
        # that read them; everywhere else their absence is a failure, not a silent skip.
        message = f"the shared corpus is missing at {SHARED}; set ARTICLE_STUDIO_SHARED"
        if os.environ.get("ARTICLE_STUDIO_SHARED_OPTIONAL") == "1":
            pytest.skip(message)
        pytest.fail(message)
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared) -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")
