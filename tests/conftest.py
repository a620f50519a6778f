"""Shared test helpers: where the test data (corpus, conformance cases, schemas) is.

Everything the tests read is in ``tests/data`` with its licence notice (see its README), so a
fresh clone tests itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
SEED = DATA / "corpus" / "seed" / "2025-10-26-2-googleanthropictpu.md"


@pytest.fixture(scope="session")
def data() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


def can_symlink() -> bool:
    """Whether this system lets the tests create symbolic links (Windows needs a privilege)."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        try:
            os.symlink("target", os.path.join(folder, "link"))
        except (OSError, NotImplementedError):
            return False
    return True


@pytest.fixture
def symlinks() -> None:
    """Skip the test where symbolic links cannot be created."""
    if not can_symlink():
        pytest.skip("symbolic links cannot be created here")
