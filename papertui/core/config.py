"""Where papertui keeps its files, and the user's config file.

The config file is the user's: papertui reads it, reports what it cannot use (naming the
line) and falls back to defaults, and writes to it only when the user changes a setting in
the app - then only that one line, atomically, keeping everything else as written.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
import tomli_w

from papertui.core.files import write_atomic
from papertui.core.models import SORTS, START_VIEWS, SUMMARIES, Sort, StartView, Summary

if TYPE_CHECKING:
    from papertui.core.fetch import ClientOptions

APP_NAME = "papertui"
DEFAULT_BASE_URL = "https://huggingface.co"
DEFAULT_TIMEOUT = 15.0  # seconds an answer may take to arrive ([network] timeout)


@dataclass(slots=True)
class Config:
    """The user's settings, with defaults for everything."""

    base_url: str = DEFAULT_BASE_URL
    theme: str = "textual-dark"
    # Today's, this week's and the latest lists are re-fetched when older than this.
    refresh_after_minutes: int = 60
    # Mark a paper read once it has been open in the detail pane this long (0: never).
    mark_read_after_seconds: float = 0.0
    # Mark a paper read when its Hugging Face page, arXiv page or PDF is opened.
    mark_read_on_open: bool = False
    # Start on the view, sort and hide-read of the last session instead of start_view/sort.
    remember_view: bool = True
    start_view: StartView = "latest"
    sort: Sort = "upvotes"
    export_summary: Summary = "ai_summary"
    export_dir: str = ""
    keys: dict[str, str] = field(default_factory=dict)
    # Where each [keys] entry stands in the file, for messages about it.
    key_lines: dict[str, int] = field(default_factory=dict)
    # A paper's context (linked repos, discussion, collections) is fetched again when older.
    context_refresh_hours: float = 24.0
    # [network]: how often a failed request is tried again (network errors, 429 and 5xx,
    # with growing pauses), and how many seconds an answer may take to arrive.
    retries: int = 3
    timeout: float = DEFAULT_TIMEOUT

    def client_options(self) -> ClientOptions:
        """The HTTP client's patience, as [network] sets it."""
        return {"max_retries": self.retries, "read_timeout": float(self.timeout)}


# name in the file -> (attribute, expected type(s), allowed values or None)
_FIELDS: dict[str, tuple[str, tuple[type, ...], tuple[str, ...] | None]] = {
    "base_url": ("base_url", (str,), None),
    "theme": ("theme", (str,), None),
    "refresh_after_minutes": ("refresh_after_minutes", (int,), None),
    "mark_read_after_seconds": ("mark_read_after_seconds", (int, float), None),
    "mark_read_on_open": ("mark_read_on_open", (bool,), None),
    "remember_view": ("remember_view", (bool,), None),
    "start_view": ("start_view", (str,), START_VIEWS),
    "sort": ("sort", (str,), SORTS),
    "context_refresh_hours": ("context_refresh_hours", (int, float), None),
}
_NETWORK_FIELDS: dict[str, tuple[str, tuple[type, ...], tuple[str, ...] | None]] = {
    "retries": ("retries", (int,), None),
    "timeout": ("timeout", (int, float), None),
}
_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
_EXPORT_FIELDS = {
    "summary": ("export_summary", (str,), SUMMARIES),
    "directory": ("export_dir", (str,), None),
}


@dataclass(frozen=True, slots=True)
class Paths:
    """The files papertui uses."""

    data_dir: Path
    config_file: Path


def resolve_paths(data_dir: str | None = None, config_file: str | None = None) -> Paths:
    """Paths from command-line options, else PAPERTUI_DATA_DIR / PAPERTUI_CONFIG, else the
    platform's user data and config folders."""
    data = data_dir or os.environ.get("PAPERTUI_DATA_DIR") or platformdirs.user_data_dir(APP_NAME)
    config = (
        config_file
        or os.environ.get("PAPERTUI_CONFIG")
        or str(Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml")
    )
    return Paths(Path(data).expanduser(), Path(config).expanduser())


def load_config(path: Path) -> tuple[Config, list[str]]:
    """Read the config file. Returns the config and a list of problems, each naming the file
    and line; whatever could not be used is left at its default. A missing file is fine."""
    config = Config()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config, []
    except (OSError, UnicodeDecodeError) as error:
        return config, [f"{path}: cannot be read ({error}); using defaults."]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return config, [f"{path}, {_toml_error(error, text)}; using defaults."]

    problems: list[str] = []

    def where(key: str) -> str:
        line = _line_of(text, key)
        return f"{path}, line {line}" if line else str(path)

    def apply(table: dict, fields: dict, prefix: str) -> None:
        for key, value in table.items():
            if key not in fields:
                problems.append(f"{where(key)}: unknown setting {prefix}{key!r}; ignored.")
                continue
            attribute, types, choices = fields[key]
            if isinstance(value, bool) != (bool in types) or not isinstance(value, types):
                expected = " or ".join(_TYPE_NAMES[t] for t in types)
                problems.append(f"{where(key)}: {prefix}{key} must be {expected}; using the default.")
                continue
            if choices and value not in choices:
                problems.append(f"{where(key)}: {prefix}{key} must be one of {', '.join(choices)}; "
                                "using the default.")
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
                problems.append(f"{where(key)}: {prefix}{key} cannot be negative; using the default.")
                continue
            setattr(config, attribute, value)

    top = {key: value for key, value in data.items() if not isinstance(value, dict)}
    apply(top, _FIELDS, "")
    for name, table in data.items():
        if not isinstance(table, dict):
            continue
        if name == "export":
            apply(table, _EXPORT_FIELDS, "export.")
        elif name == "network":
            apply(table, _NETWORK_FIELDS, "network.")
            if config.timeout == 0:
                problems.append(f"{where('timeout')}: network.timeout must be more than 0 "
                                "seconds; using the default.")
                config.timeout = DEFAULT_TIMEOUT
        elif name == "keys":
            for action, keys in table.items():
                if isinstance(keys, str) and keys.strip():
                    config.keys[action] = keys
                    config.key_lines[action] = _line_of(text, action) or 0
                else:
                    problems.append(f"{where(action)}: keys.{action} must be text such as \"b\" "
                                    "or \"b,ctrl+b\"; using the default.")
        else:
            problems.append(f"{where('[' + name)}: unknown section [{name}]; ignored.")
    return config, problems


def _toml_error(error: tomllib.TOMLDecodeError, text: str) -> str:
    """"line 3: not valid TOML (Invalid value)" - tomllib puts the place in its message."""
    message = str(error)
    match = re.search(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)", message)
    if match is None:
        return f"not valid TOML ({message})"
    line = match.group(1) or str(max(1, len(text.splitlines())))
    reason = message[: match.start()] + message[match.end():]
    return f"line {line}: not valid TOML ({reason.strip()})"


def _line_of(text: str, key: str) -> int | None:
    """The line number where `key` is set (or the table `[key` opens), for messages."""
    if key.startswith("["):
        pattern = re.compile(r"^\s*\[\s*" + re.escape(key[1:]) + r"\s*\]")
    else:
        pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def save_setting(path: Path, key: str, value: str | int | float) -> None:
    """Set one top-level setting in the config file, keeping every other line as written.

    Replaces the line that sets `key` before the first table, or adds one at the top. The
    file is replaced atomically. Raises OSError or ValueError (file not valid TOML) - the
    caller reports it, and the user's file is left untouched.
    """
    line = tomli_w.dumps({key: value}).strip()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    if text:
        tomllib.loads(text)  # never rewrite a file we cannot read: that would lose it
    lines = text.splitlines()
    pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for index, existing in enumerate(lines):
        if existing.lstrip().startswith("["):
            break
        if pattern.match(existing):
            lines[index] = line + _inline_comment(existing)
            break
    else:
        lines.insert(0, line)
    write_atomic(path, "\n".join(lines) + "\n")


def _inline_comment(line: str) -> str:
    """The `  # comment` ending a one-line `key = value`, with the blanks before it, or ""
    (a `#` inside a quoted value is part of the value)."""
    quote = ""
    index = 0
    while index < len(line):
        char = line[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 2
                continue
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[len(line[:index].rstrip()):]
        index += 1
    return ""

