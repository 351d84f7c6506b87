"""Fixtures shared by all tests: the real samples, a fake Hugging Face server, the CLI in
process; and how many test workers run."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fakehf import SAMPLES_DIR, FakeHF
from papertui.core.repair import open_store
from papertui.core.store import Store


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject's addopts): two workers per core. The app and terminal tests wait
    on timers, pseudo-terminals and a local server about as long as they compute, so a
    second worker per core fills the waits."""
    return 2 * (os.cpu_count() or 1)


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


CLI = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(tmp_path, capsys, monkeypatch) -> Callable[[Path], CLI]:
    """`cli(data_dir)` is `papertui ARGS` run in this process on that data dir, with no config
    file: call it with the arguments, get back (exit status, stdout, stderr)."""
    from papertui.__main__ import main

    monkeypatch.delenv("PAPERTUI_DATA_DIR", raising=False)
    monkeypatch.delenv("PAPERTUI_BASE_URL", raising=False)

    def on(data_dir: Path) -> CLI:
        def invoke(*args: str, data: Path = data_dir) -> tuple[int, str, str]:
            status = main([*args, "--data-dir", str(data),
                           "--config", str(tmp_path / "none.toml")])
            out, err = capsys.readouterr()
            return status, out, err
        return invoke
    return on
