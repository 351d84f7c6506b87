"""The palette's "Screenshot" command: when it cannot write, the message says where it tried
and why (Textual's own says only that it failed)."""

from __future__ import annotations

import asyncio

from helpers import notifications, settle


async def run_palette_command(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await asyncio.sleep(0.3)  # the palette searches its commands in the background
    await pilot.pause()
    await pilot.press("enter")


async def test_a_failed_screenshot_names_the_folder_and_the_reason(cached_paths, app_for,
                                                                  tmp_path, monkeypatch):
    home = tmp_path / "home"  # no Downloads folder in it
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_palette_command(pilot, "Screenshot")
        for _ in range(40):  # Textual waits 0.1 s, then writes in a thread
            await asyncio.sleep(0.05)
            await pilot.pause()
            if any("screenshot" in m.lower() for m in notifications(app)):
                break
        said = [m for m in notifications(app) if "screenshot" in m.lower()]
        assert said and str(home / "Downloads") in said[-1], notifications(app)
        assert "No such file or directory" in said[-1]


async def test_a_saved_screenshot_lands_in_the_folder(cached_paths, app_for, tmp_path,
                                                      monkeypatch):
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_palette_command(pilot, "Screenshot")
        for _ in range(40):
            await asyncio.sleep(0.05)
            await pilot.pause()
            if list((home / "Downloads").glob("*.svg")):
                break
        assert [p.suffix for p in (home / "Downloads").iterdir()] == [".svg"]
