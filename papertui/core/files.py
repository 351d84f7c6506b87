"""Writing the user's files safely: atomically, never over a file by surprise, and only
under names that stay in the folder they were meant for.

An atomic write goes to a temporary file beside the target, is flushed to disk, then is
renamed into place, so a crash leaves the old file or the new one and never half of one.
The config file and every export are written this way.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import unicodedata
from pathlib import Path

_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))]
)
MAX_NAME = 100


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that a crash leaves either the old file or the new one:
    a temporary file in the same folder, flushed to disk, then renamed over the target.
    The folder is created when missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = write_temporary(path, text)
    try:
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_temporary(path: Path, text: str) -> str:
    """Write `text` to a new temporary file beside `path`, flushed to disk, and return its
    name: the first half of every atomic write (the caller moves it into place)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def write_file(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path` atomically: a temporary file in the same folder, flushed, then
    moved into place, so a crash leaves the old file or the new one and never half of one.

    Raises FileExistsError when `path` exists and not `force` (checked atomically where the
    file system allows), FileNotFoundError when its folder does not exist (folders are never
    created on a guess: a typo should not leave a new tree behind), other OSErrors as raised.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"the folder {folder} does not exist", str(folder))
    if not force and (path.exists() or path.is_symlink()):
        raise FileExistsError(errno.EEXIST, f"{path} exists", str(path))
    temporary = write_temporary(path, text)
    try:
        if force:
            os.replace(temporary, path)
        else:
            _place_new(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _place_new(temporary: str, path: Path) -> None:
    """Move the finished file to `path` only if nothing is there: a hard link fails when the
    name exists, so a file created since the check above is never clobbered."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, f"{path} exists", str(path)) from None
    except OSError:  # no hard links here (FAT, some network shares): check, then replace
        if path.exists():
            raise FileExistsError(errno.EEXIST, f"{path} exists", str(path)) from None
        os.replace(temporary, path)


def safe_filename(title_or_name: str, suffix: str) -> str:
    """A file name made from a title: ASCII letters, digits, "-" and "." only, short, never
    hidden, never a device name on Windows, ending in `suffix` (e.g. ".md")."""
    folded = unicodedata.normalize("NFKD", title_or_name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9.]+", "-", folded)
    # A dot survives only alone between letters or digits ("v1.2"), never as "..".
    stem = re.sub(r"[.-]*-[.-]*|\.{2,}", "-", stem).strip(".-")[:MAX_NAME].strip(".-")
    if not stem:
        stem = "papertui-export"
    first, dot, rest = stem.partition(".")
    if first.lower() in _RESERVED:  # Windows reads "nul.txt" as the device too
        stem = f"{first}-file{dot}{rest}"
    suffix = suffix if suffix.startswith(".") or not suffix else f".{suffix}"
    if suffix and not re.fullmatch(r"\.[A-Za-z0-9]{1,10}", suffix):
        raise ValueError(f"{suffix!r} is not a file suffix")
    return stem + suffix


def resolve_in(folder: Path, name: str) -> Path:
    """`folder / name`, refusing any name that would land outside `folder`: separators,
    "..", absolute paths, NUL, Windows device names, empty or dot-only names."""
    problem = None
    if not name or name.strip(". ") == "":
        problem = "is empty"
    elif "\x00" in name:
        problem = "contains a NUL character"
    elif "/" in name or "\\" in name or os.sep in name or (os.altsep and os.altsep in name):
        problem = "contains a folder separator"
    elif Path(name).is_absolute() or re.match(r"^[A-Za-z]:", name):
        problem = "is an absolute path"
    elif name.split(".")[0].strip().lower() in _RESERVED:
        problem = "is a reserved device name"
    elif name != name.rstrip(". "):
        problem = "ends with a dot or a space"
    if problem:
        raise ValueError(f"the file name {name!r} {problem}")
    base = Path(folder).expanduser().absolute()
    target = base / name
    if target.parent != base:  # belt and braces: nothing above should allow this
        raise ValueError(f"the file name {name!r} leaves {base}")
    return target
