"""How the [keys] table is settled against every other key (papertui.keymap), without the app."""

from __future__ import annotations

from papertui.keymap import describe_conflict, resolve_keys

DEFAULTS = {"help": ["question_mark"], "toggle_bookmark": ["b"], "open_pdf": ["p"],
            "cursor_down": ["j", "down"], "scroll_down": ["j", "down"], "remote_search": ["ctrl+r"]}
SCOPES = {"help": None, "toggle_bookmark": None, "open_pdf": None,
          "cursor_down": "list", "scroll_down": "detail", "remote_search": "search"}


def where(*names: str) -> str:
    return "config.toml, " + " and ".join(names)


def test_a_typed_character_is_the_same_key_as_its_name():
    final, conflicts = resolve_keys(DEFAULTS, SCOPES, [("toggle_bookmark", ["?"])])
    assert final["help"] == ["question_mark"] and final["toggle_bookmark"] == ["b"]
    assert "'?'" in describe_conflict(conflicts[0], where, lambda key: "?" if key ==
                                      "question_mark" else key)


def test_panes_may_share_a_key_but_a_global_key_shadows_them_all():
    final, conflicts = resolve_keys(DEFAULTS, SCOPES, [("remote_search", ["j"])])
    assert conflicts == [] and final["remote_search"] == ["j"]  # only in the search box
    final, conflicts = resolve_keys(DEFAULTS, SCOPES, [("open_pdf", ["j"])])
    assert final["open_pdf"] == ["j"]
    assert final["cursor_down"] == ["down"] and final["scroll_down"] == ["down"]
    assert {c.loser for c in conflicts} == {"cursor_down", "scroll_down"}


def test_no_action_is_left_without_a_key_whatever_the_order_of_the_lines():
    lines = [("toggle_bookmark", ["s"]), ("open_pdf", ["s"]), ("help", ["p"])]
    for order in (lines, lines[::-1], [lines[2], *lines[:2]]):
        final, conflicts = resolve_keys(DEFAULTS, SCOPES, order)
        assert all(final[name] for name in DEFAULTS), (order, final)
        held = [key for name in ("toggle_bookmark", "open_pdf", "help") for key in final[name]]
        assert len(held) == len(set(held)), (order, final)  # one key, one action
        assert conflicts  # and each time the user is told
    final, conflicts = resolve_keys(DEFAULTS, SCOPES, lines)
    assert final["toggle_bookmark"] == ["s"] and final["open_pdf"] == ["p"]
    assert final["help"] == ["question_mark"]
    said = [describe_conflict(c, where, str) for c in conflicts]
    assert "open_pdf stays on p" in said[0] and "help stays on question_mark" in said[1]


def test_a_screens_keys_clash_with_its_panes_keys_but_not_another_screens():
    defaults = {"quit": ["q"], "toggle_bookmark": ["b"], "cursor_down": ["j"],
                "context_read": ["v"], "repos_sort": ["s"], "reader_up": ["k"],
                "reader_find": ["slash"]}
    scopes = {"quit": None, "toggle_bookmark": "main", "cursor_down": "main/list",
              "context_read": "main/context", "repos_sort": "main/context/repos",
              "reader_up": "reader", "reader_find": "reader"}
    # Another screen's key: no conflict.
    final, conflicts = resolve_keys(defaults, scopes, [("reader_find", ["b"])])
    assert conflicts == [] and final["reader_find"] == ["b"]
    # A sibling pane's key: no conflict; the pane a repo list sits in: a conflict.
    final, conflicts = resolve_keys(defaults, scopes, [("context_read", ["j"])])
    assert conflicts == [] and final["context_read"] == ["j"]
    final, conflicts = resolve_keys(defaults, scopes, [("repos_sort", ["v"])])
    assert final["repos_sort"] == ["s"] and [c.reason for c in conflicts] == ["only key"]
    # The screen's own key and its pane's; the app's key on any screen.
    final, conflicts = resolve_keys(defaults, scopes, [("context_read", ["b"])])
    assert final["context_read"] == ["v"] and conflicts[0].keeper == "toggle_bookmark"
    final, conflicts = resolve_keys(defaults, scopes, [("reader_up", ["q"])])
    assert final["reader_up"] == ["k"] and conflicts[0].keeper == "quit"
