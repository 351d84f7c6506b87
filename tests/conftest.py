"""Fixtures shared by all tests: the real samples and a fake Hugging Face server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fakehf import SAMPLES_DIR, FakeHF
from papertui.core.repair import open_store
from papertui.core.store import Store


@pytest.fixture
def samples_dir() -> Path:
    """The real service samples beside the project (../shared/samples/hf)."""
    if not SAMPLES_DIR.is_dir():
        pytest.skip("../shared/samples/hf is not beside the project")
    return SAMPLES_DIR


@pytest.fixture
def hf_server() -> Iterator[FakeHF]:
    """A running fake Hugging Face on 127.0.0.1; serves the samples unless told otherwise."""
    with FakeHF(SAMPLES_DIR if SAMPLES_DIR.is_dir() else None) as server:
        yield server


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    """A new, empty store in a real SQLite file."""
    opened = open_store(tmp_path)
    yield opened.store
    opened.store.close()
