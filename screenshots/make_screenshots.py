"""Write the README's SVG screenshots of the real app, from the fixture store of the tests.

    python screenshots/make_screenshots.py

Each screenshot runs the app headless at a fixed size on a fresh copy of the fixture store
(fixed papers and dates, offline), so running it again gives the same pictures.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "app"))

from fixture_store import TODAY, build_store  # noqa: E402

from papertui.app import make_app  # noqa: E402
from papertui.core.config import Paths  # noqa: E402

Steps = Callable[[object], Awaitable[None]]


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def nothing(pilot) -> None:
    pass


async def open_detail(pilot) -> None:
    await pilot.press("j", "j", "enter")


async def use_filters(pilot) -> None:
    await pilot.press("b", "j", "j", "b", "r")
    await pilot.press("slash", *"scaling")
    await settle(pilot)
    await pilot.press("tab", "j")


async def open_help(pilot) -> None:
    await pilot.press("question_mark")


SHOTS: list[tuple[str, tuple[int, int], Steps]] = [
    ("main-wide.svg", (120, 40), nothing),
    ("main-narrow.svg", (80, 24), nothing),
    ("detail.svg", (80, 24), open_detail),
    ("filters.svg", (120, 40), use_filters),
    ("help.svg", (120, 40), open_help),
]


async def shoot(name: str, size: tuple[int, int], steps: Steps) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = Paths(Path(folder) / "data", Path(folder) / "config.toml")
        build_store(paths.data_dir).close()
        app = make_app(paths, offline=True, today=TODAY)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await steps(pilot)
            await settle(pilot)
            app.clear_notifications()
            await pilot.pause()
            app.save_screenshot(name, str(HERE))
    print(f"wrote screenshots/{name}")


async def main() -> None:
    for name, size, steps in SHOTS:
        await shoot(name, size, steps)


if __name__ == "__main__":
    asyncio.run(main())
