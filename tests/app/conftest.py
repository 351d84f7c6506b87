"""Fixtures for the app's pilot and snapshot tests: a fixture store on disk, and the app
made with its own paths and a fixed "today"."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fixture_store import TODAY, build_store
from papertui.app import PaperTUI, make_app
from papertui.core.config import Paths
from papertui.core.fetch import ClientOptions


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    """Files of a fresh install: no store yet, no config."""
    return Paths(tmp_path / "data", tmp_path / "config.toml")


@pytest.fixture(scope="session")
def fixture_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture store, built once; tests get their own copy of its files."""
    data_dir = tmp_path_factory.mktemp("fixture-store") / "data"
    build_store(data_dir).close()
    return data_dir


@pytest.fixture
def cached_paths(paths: Paths, fixture_store_dir: Path) -> Paths:
    """Files of a user with the fixture store already cached."""
    shutil.copytree(fixture_store_dir, paths.data_dir)
    return paths


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL papertui hands to the web browser (none is really opened)."""
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    return opened


@pytest.fixture
def app_for(browser: list[str]) -> Callable[..., PaperTUI]:
    """make_app with the fixed date the fixture store was built around."""
    def make(paths: Paths, *, offline: bool = True, base_url: str | None = None,
             config: str | None = None,
             client_options: ClientOptions | None = None) -> PaperTUI:
        if config is not None:
            paths.config_file.write_text(config, encoding="utf-8")
        return make_app(paths, offline=offline, base_url=base_url, today=TODAY,
                        client_options=client_options)
    return make



@pytest.fixture
async def running_app(cached_paths: Paths, app_for: Callable[..., PaperTUI]):
    """The app on the fixture store at 120x40, settled, with its pilot."""
    from helpers import settle

    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        yield app, pilot
