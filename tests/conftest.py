"""Fixtures shared by all tests: the real samples, a fake Hugging Face server, the CLI in
process; and how many test workers run."""

from __future__ import annotations

import os
import subprocess
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


Command = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def command(capsys, monkeypatch) -> Callable[..., Command]:
    """`command(VAR=value, ...)` is `papertui ARGS` run in this process with only those
    PAPERTUI_ variables (and no PAGER) in the environment: call it with the arguments, get
    back what `subprocess.run` would have. `check=True` fails the test on a non-zero exit.
    The same `main` the console script calls, without starting an interpreter per call; the
    installed command itself has its own tests."""
    from papertui.__main__ import main

    def with_env(**env: str) -> Command:
        def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
            with monkeypatch.context() as patch:
                for name in ("PAPERTUI_DATA_DIR", "PAPERTUI_CONFIG", "PAPERTUI_BASE_URL",
                             "PAGER"):
                    patch.delenv(name, raising=False)
                for name, value in env.items():
                    patch.setenv(name, value)
                try:
                    status = main(list(args))
                except SystemExit as exit:  # argparse: --help, --version, bad usage
                    status = exit.code if isinstance(exit.code, int) else 1
            out, err = capsys.readouterr()
            if check and status != 0:
                raise AssertionError(f"exit {status}: {err}")
            return subprocess.CompletedProcess(["papertui", *args], status, out, err)
        return run
    return with_env


CLI = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(tmp_path, command) -> Callable[[Path], CLI]:
    """`cli(data_dir)` is `papertui ARGS` run in this process on that data dir, with no config
    file: call it with the arguments, get back (exit status, stdout, stderr)."""
    run = command()

    def on(data_dir: Path) -> CLI:
        def invoke(*args: str, data: Path = data_dir) -> tuple[int, str, str]:
            result = run(*args, "--data-dir", str(data), "--config", str(tmp_path / "none.toml"),
                         check=False)
            return result.returncode, result.stdout, result.stderr
        return invoke
    return on
