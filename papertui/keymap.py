"""The user's [keys] table checked against every other key: one key, one action.

Textual lets two bindings share a key and quietly runs one of them: with
`toggle_bookmark = "s"` and `open_pdf = "s"`, `s` opened the PDF and bookmarking had no
key. Here each key the config asks for goes to one action, the others are told why, and
no action is ever left without a key because of someone else's line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from textual.keys import KEY_NAME_REPLACEMENTS


def key_id(key: str) -> str:
    """A key as Textual names it in bindings: "?" -> "question_mark", "b" -> "b"."""
    key = key.strip()
    if len(key) != 1 or key.isalnum():
        return key
    try:
        name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return key
    return KEY_NAME_REPLACEMENTS.get(name, name)


@dataclass(frozen=True, slots=True)
class KeyConflict:
    """Two actions wanted one key: `keeper` has it, `loser` now has `loser_keys`."""

    key: str
    keeper: str
    loser: str
    loser_keys: tuple[str, ...]
    reason: str  # "both asked", "only key" (the keeper's last key) or "moved"


def resolve_keys(defaults: Mapping[str, Sequence[str]], scopes: Mapping[str, str | None],
                 requested: Sequence[tuple[str, Sequence[str]]]
                 ) -> tuple[dict[str, list[str]], list[KeyConflict]]:
    """Every action's keys once the config's `requested` (action, keys) - in file order - are
    applied over `defaults`, and the conflicts that had to be settled.

    Two actions conflict on a key when both would answer it: in the same scope or in
    scopes nested one in the other ("main" holds "main/Paper list": a screen's keys answer
    in its panes, and a focused pane's own key would shadow them), or when either is
    global (scope None: the app's keys, which answer on every screen). A contested key
    goes to the action whose last key it is by default, else to the config line written
    first; an action that loses every key it asked for stays on its defaults. Defaults
    sharing a key in separate scopes (two panes) are not conflicts.
    """
    final = {name: [key_id(key) for key in keys] for name, keys in defaults.items()}
    asked: dict[str, int] = {}  # action -> its place in the file
    for place, (name, keys) in enumerate(requested):
        final[name] = list(dict.fromkeys(key_id(key) for key in keys))
        asked[name] = place
    conflicts: list[KeyConflict] = []

    def clash(one: str, other: str) -> bool:
        a, b = scopes.get(one), scopes.get(other)
        return one != other and (a is None or b is None or nested(a, b) or nested(b, a))

    # A line that loses every key returns its action to its defaults, which may clash with
    # a line already settled: go round again until nothing moves (each round turns one
    # more action back to its defaults, so this ends).
    for _ in range(len(requested) + 1):
        settled = len(conflicts)
        for name, _keys in requested:
            if name in asked:
                _settle(name, final, asked, defaults, clash, conflicts)
        if len(conflicts) == settled:
            break
    return final, conflicts


def nested(outer: str, inner: str) -> bool:
    """Whether scope `inner` is `outer` or lies inside it ("main" holds "main/Paper list")."""
    return inner == outer or inner.startswith(outer + "/")


def _settle(name: str, final: dict[str, list[str]], asked: dict[str, int],
            defaults: Mapping[str, Sequence[str]], clash: Callable[[str, str], bool],
            conflicts: list[KeyConflict]) -> None:
    """Give each key `name` holds to one action of those that would answer it."""
    for key in list(final[name]):
        if key not in final[name]:
            continue  # lost already
        rivals = [other for other, keys in final.items() if key in keys and clash(name, other)]
        if not rivals:
            continue
        group = [name, *rivals]
        last_keys = [a for a in group if a not in asked and final[a] == [key]]
        keeper = last_keys[0] if last_keys else min(
            (a for a in group if a in asked), key=asked.__getitem__)
        for loser in group:
            if loser == keeper or not clash(loser, keeper) \
                    or (loser not in asked and keeper not in asked):
                continue
            reason = ("both asked" if keeper in asked and loser in asked
                      else "only key" if keeper in last_keys else "moved")
            final[loser].remove(key)
            if not final[loser] and loser in asked:
                # Its own line came to nothing: back to its defaults, as if never written.
                final[loser] = [key_id(k) for k in defaults.get(loser, ())]
                del asked[loser]
            conflicts.append(KeyConflict(key, keeper, loser, tuple(final[loser]), reason))


def describe_conflict(conflict: KeyConflict, where: Callable[..., str],
                      show: Callable[[str], str]) -> str:
    """One sentence about a settled conflict. `where(*actions)` names the config file and
    the lines of those actions; `show(key)` is a key as the help screen shows it."""
    key = show(conflict.key)
    now = ", ".join(map(show, conflict.loser_keys)) or "no key: give it one in [keys]"
    if conflict.reason == "both asked":
        return (f"{where(conflict.keeper, conflict.loser)}: {key!r} is given to both "
                f"{conflict.keeper} and {conflict.loser}; {conflict.keeper} keeps it, "
                f"{conflict.loser} stays on {now}.")
    if conflict.reason == "only key":
        return (f"{where(conflict.loser)}: {key!r} (keys.{conflict.loser}) is "
                f"{conflict.keeper}'s only key; {conflict.keeper} keeps it, {conflict.loser} "
                f"stays on {now}. Give {conflict.keeper} another key to free it.")
    return (f"{where(conflict.keeper)}: {key!r} (keys.{conflict.keeper}) was also "
            f"{conflict.loser}'s key; {conflict.keeper} has it now, {conflict.loser} keeps "
            f"{now}.")
