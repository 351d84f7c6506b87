"""The papertui Textual app: keymap from config, command palette, theme, checked links.

Start-up stays lean on purpose: nothing here imports the network stack; fetching loads it
lazily in a worker once the cached papers are on screen.
"""

from __future__ import annotations

import datetime as dt
import gc
import unicodedata
import webbrowser
from collections.abc import Iterable
from functools import lru_cache, partial
from pathlib import Path

from platformdirs import user_downloads_path
from textual import constants, events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.driver import Driver
from textual.keys import KEY_NAME_REPLACEMENTS, KEY_TO_UNICODE_NAME, Keys
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from papertui.core.config import Config, Paths, load_config, save_setting
from papertui.core.fetch import ClientOptions
from papertui.core.repair import open_store
from papertui.core.safety import url_problem
from papertui.core.store import Store, StoreError
from papertui.keymap import describe_conflict, key_id, resolve_keys
from papertui.screens.help import HelpScreen
from papertui.screens.main import MainScreen
from papertui.widgets.filter_pane import FilterPane
from papertui.widgets.paper_context import PaperContextView
from papertui.widgets.reader_keys import FULL_TEXT_BINDINGS, READER_BINDINGS
from papertui.widgets.repo_list import RepoList, RepoView
from papertui.widgets.paper_list import PaperList


def mend_styles_cache() -> None:
    """Textual 8.2 caches StylesCache.get_inner_outer with lru_cache on the method, so each
    call's key holds the StylesCache itself: the last 1,024 of them stay alive, with every
    strip they cached, after their widgets are gone (Textual issue 6665). Widgets come and
    go here (dialogs, context tabs, the reader), and the garbage collector walked all that
    on every full collection. Here the colours are cached by the colours alone. A Textual
    without the bug is left as it is."""
    from textual._styles_cache import StylesCache

    method = StylesCache.get_inner_outer
    original = getattr(method, "__wrapped__", None)
    if original is None or not hasattr(method, "cache_clear"):
        return
    by_colours = lru_cache(1024)(partial(original, None))  # it never reads its first argument
    setattr(StylesCache, "get_inner_outer",
            lambda self, base_background, background: by_colours(base_background, background))


class PaperTUI(App[None]):
    """A keyboard-driven reader for Hugging Face Daily Papers."""

    CSS_PATH = "papertui.tcss"
    TITLE = "papertui"

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit papertui"),
        Binding("question_mark", "help", "Help", id="help",
                tooltip="Show every key (the live keymap)"),
    ]

    def __init__(self, paths: Paths, config: Config, *, config_problems: Iterable[str] = (),
                 offline: bool = False, base_url: str | None = None,
                 today: dt.date | None = None,
                 client_options: ClientOptions | None = None) -> None:
        super().__init__()
        mend_styles_cache()
        self.client_options: ClientOptions = client_options or {}
        self.paths = paths
        self.config = config
        self.config_problems = list(config_problems)
        self.offline = offline
        self.base_url = base_url or config.base_url
        self.today = today
        self.store: Store | None = None
        self._screenshot_folder: Path | None = None  # where the last screenshot went

    # -- start-up ------------------------------------------------------------------------

    def get_driver_class(self) -> type[Driver]:
        driver_class = super().get_driver_class()
        # Only where Textual picked its LinuxDriver itself: not on Windows, and not when
        # TEXTUAL_DRIVER names one (as textual-serve does). Same driver, but a lone Esc
        # arrives once the escape delay is over, not on Textual's next input poll.
        if constants.DRIVER is None and driver_class.__name__ == "LinuxDriver":
            try:
                from papertui.driver import PromptEscapeDriver
            except ImportError:  # a Textual without the internals it builds on
                return driver_class
            return PromptEscapeDriver
        return driver_class

    def on_mount(self) -> None:
        try:
            opened = open_store(self.paths.data_dir)
        except StoreError as error:
            self.exit(return_code=1, message=str(error))
            return
        self.store = opened.store
        for message in [*self.config_problems, *opened.messages]:
            self.notify(message, severity="warning", timeout=12, markup=False)
        self.apply_theme(self.config.theme)
        self.apply_keymap(self.config.keys)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.today is None:
            from papertui.core.fetch import service_today

            self.today = service_today()
        self.push_screen(MainScreen(self.store, self.config, offline=self.offline,
                                    base_url=self.base_url, today=self.today,
                                    client_options=self.client_options,
                                    data_dir=self.paths.data_dir))

    def on_main_screen_first_paint(self, event: MainScreen.FirstPaint) -> None:
        """The main screen is on the terminal. If start-up ran without the garbage collector
        (`papertui` turns it off), turn it back on, first freezing what start-up built - the
        imports and widgets, which live as long as the app - out of every later collection."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def apply_theme(self, name: str) -> None:
        if name in self.available_themes:
            self.theme = name
        else:
            self.notify(f"Unknown theme {name!r} in the config file; using {self.theme}. "
                        f"Themes: {', '.join(sorted(self.available_themes))}.",
                        severity="warning", markup=False)

    def apply_keymap(self, keys: dict[str, str]) -> None:
        """Use the [keys] table of the config. Unknown action names and key names are
        reported with their line and ignored; two actions given one key are reported with
        both lines, and one keeps it (see papertui.keymap); the rest applies."""
        sections = binding_sections()
        defaults = {binding.id: binding.key.split(",") for _, bindings in sections
                    for binding in bindings if binding.id}
        # Where each key answers (see SCOPES): two keys clash only where both answer.
        scopes = {binding.id: SCOPES[title]
                  for title, bindings in sections for binding in bindings if binding.id}
        requested: list[tuple[str, list[str]]] = []
        problems: list[str] = []

        def where(*names: str) -> str:
            lines = sorted(line for name in names if (line := self.config.key_lines.get(name)))
            if not lines:
                return str(self.paths.config_file)
            numbers = " and ".join(map(str, lines))
            return f"{self.paths.config_file}, line{'s' if len(lines) > 1 else ''} {numbers}"

        for name, value in keys.items():
            if name not in defaults:
                problems.append(f"{where(name)}: unknown action {name!r} in [keys]; ignored.")
                continue
            wanted = [key.strip() for key in value.split(",") if key.strip()]
            good = [key for key in wanted if is_key_name(key)]
            problems.extend(f"{where(name)}: {key!r} is not a key name (keys.{name}); ignored."
                            for key in wanted if key not in good)
            if good:
                requested.append((name, good))
        final, conflicts = resolve_keys(defaults, scopes, requested)
        problems.extend(describe_conflict(conflict, where,
                                          lambda key: self.get_key_display(Binding(key, "")))
                        for conflict in conflicts)
        if problems:
            self.notify("\n".join(problems) + "\nPress ? to see the action names.",
                        title="Config", severity="warning", timeout=15, markup=False)
        self.set_keymap({name: ",".join(keys) for name, keys in final.items()
                         if keys and keys != [key_id(key) for key in defaults[name]]})

    # -- the theme -------------------------------------------------------------------------

    def _theme_changed(self, theme) -> None:
        if theme.name != self.config.theme:
            self.config.theme = theme.name
            self.run_worker(partial(self._save_theme, theme.name), thread=True,
                            group="config", exclusive=True, exit_on_error=False)

    def _save_theme(self, name: str) -> None:
        try:
            save_setting(self.paths.config_file, "theme", name)
        except (OSError, ValueError) as error:
            self.call_from_thread(
                self.notify, f"Could not save the theme to {self.paths.config_file}: {error}",
                severity="warning", markup=False)

    @property
    def main_screen(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    # -- workers ---------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The app's own workers' failures (saving the theme, starting the browser); each
        screen reports its own."""
        if event.state == WorkerState.ERROR and event.worker.node is self:
            error = event.worker.error
            self.notify(str(error) or type(error).__name__, title="Something went wrong",
                        severity="error", markup=False)

    # -- the palette's screenshot ----------------------------------------------------------

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        # Where it goes, chosen here as Textual would, so a failure can say where it tried.
        self._screenshot_folder = Path(path) if path else user_downloads_path()
        return super().deliver_screenshot(filename, str(self._screenshot_folder), time_format)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        """Textual says only "Failed to save screenshot": say the folder and why."""
        if event.name != "screenshot":
            return
        event.prevent_default()
        error = event.exception
        reason = (error.strerror if isinstance(error, OSError) and error.strerror
                  else str(error) or type(error).__name__)
        folder = self._screenshot_folder or user_downloads_path()
        self.notify(f"Could not save the screenshot in {folder}: {reason}.",
                    title="Screenshot", severity="error", markup=False)

    # -- links -----------------------------------------------------------------------------

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Open a link in the browser - only http(s) links with a host. Every link papertui
        opens comes through here, including any a Textual widget would open itself (whose
        call passes `new_tab`, which a browser tab decides for itself)."""
        problem = url_problem(url)
        if problem is not None:
            shown = url if isinstance(url, str) else ""
            shown = shown if len(shown) <= 80 else shown[:77] + "..."
            self.notify(f"Not opening {shown!r}: {problem}.", title="Link refused",
                        severity="warning", markup=False)
            return
        self.notify(f"opening {url}", markup=False)
        # A browser can take seconds to start: never on the UI thread.
        self.run_worker(partial(_open_in_browser, url), thread=True, group="browser",
                        exit_on_error=False)

    # -- keys, help and the command palette --------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.help_sections()))

    def key_display(self, binding: Binding) -> str:
        keys = self._keymap.get(binding.id or "", binding.key) if binding.id else binding.key
        return ", ".join(self.get_key_display(Binding(key.strip(), "")) for key in keys.split(","))

    def help_sections(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        return [
            (title, [(self.key_display(binding), binding.tooltip or binding.description,
                      binding.id or "") for binding in bindings])
            for title, bindings in binding_sections()
        ]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main_screen
        if main is None:
            return
        targets: dict[str, DOMNode] = {"General": self, "Papers": main,
                                       "Paper list": main.paper_list, "Search box": main.filters,
                                       "Paper context": main.context}
        for title, bindings in binding_sections():
            target = targets.get(title)
            if target is None:
                continue  # keys of a screen not open (the reader), or of one table
            for binding in bindings:
                yield SystemCommand(
                    binding.description, f"{binding.tooltip} ({self.key_display(binding)})",
                    partial(self.run_action, binding.action, target))


# Where each section's keys answer, for the keymap's conflict rules (papertui.keymap): None
# on every screen (the app's), else a path of screen and pane, a pane's keys answering in the
# panes inside it too ("main/Paper context" holds "main/Paper context/Linked repos").
SCOPES: dict[str, str | None] = {
    "General": None,
    "Papers": "main",
    "Paper list": "main/Paper list",
    "Search box": "main/Search box",
    "Paper context": "main/Paper context",
    "Linked repos": "main/Paper context/Linked repos",
    "Reader": "reader",
}


def binding_sections() -> list[tuple[str, list[Binding]]]:
    """Every remappable binding, by where it works (SCOPES), for the keymap, help and
    palette."""
    return [
        ("General", with_ids(PaperTUI.BINDINGS)),
        ("Papers", with_ids(MainScreen.BINDINGS)),
        ("Paper list", with_ids(PaperList.BINDINGS)),
        ("Search box", with_ids(FilterPane.BINDINGS)),
        ("Paper context", with_ids(PaperContextView.BINDINGS)),
        ("Linked repos", with_ids([*RepoList.BINDINGS, *RepoView.BINDINGS])),
        ("Reader", with_ids([*READER_BINDINGS, *FULL_TEXT_BINDINGS])),
    ]


def with_ids(bindings: Iterable[BindingType]) -> list[Binding]:
    """The bindings that have an id: the ones the user can name."""
    return [b for b in bindings if isinstance(b, Binding) and b.id]


_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}


def is_key_name(key: str) -> bool:
    """Whether Textual knows `key` ("b", "ctrl+b", "f2", "left_square_bracket", ...)."""
    *modifiers, base = key.strip().split("+")
    if not base or any(modifier not in _MODIFIERS for modifier in modifiers):
        return False
    if len(base) == 1 and base.isprintable():
        return True
    if base in {key.value for key in Keys}:
        return True
    name = {**KEY_TO_UNICODE_NAME, **{k: n for n, k in KEY_NAME_REPLACEMENTS.items()}}.get(base, base)
    try:
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


def _open_in_browser(url: str) -> None:
    webbrowser.open(url)


def make_app(paths: Paths, *, offline: bool = False, base_url: str | None = None,
             today: dt.date | None = None,
             client_options: ClientOptions | None = None) -> PaperTUI:
    """The app for these files. `today` fixes the service's date (tests, screenshots);
    `client_options` set the HTTP client's timeouts and retries over the config's [network]
    (tests make them short)."""
    config, problems = load_config(paths.config_file)
    options: ClientOptions = {**config.client_options(), **(client_options or {})}
    return PaperTUI(paths, config, config_problems=problems, offline=offline,
                    base_url=base_url, today=today, client_options=options)
