"""Fetching a paper's context from the fake service into a real store. The context samples
of 2606.13681 are constructed from documented shapes (see SOURCES.md); 2509.24002's page is
the real one."""

from __future__ import annotations

import datetime as dt

import pytest

from fakehf import FakeHF, Reply, make_item
from papertui.core.client import HFClient
from papertui.core.context_fetch import RateLimiter, fetch_context
from papertui.core.context_store import (
    ContextUpdate, context_summaries, load_context, load_full_text, needs_context,
    reading_position, save_context, save_reading_position)
from papertui.core.fetch import ClientOptions
from papertui.core.store import Store

FAST: ClientOptions = {"backoff_base": 0.01, "backoff_cap": 0.02, "max_retries": 1}
REPOS_PAPER = "2606.13681"
PAGE_PAPER = "2509.24002"


async def fetch(server: FakeHF, store: Store, *ids: str, **options) -> object:
    return await fetch_context(store, list(ids), base_url=server.url,
                               client_options=FAST, **options)


# --- the client -----------------------------------------------------------------------------


async def test_client_asks_for_markdown_and_gets_the_full_text(hf_server: FakeHF) -> None:
    async with HFClient(hf_server.url, **FAST) as client:
        text = await client.fetch_full_text(REPOS_PAPER)
    assert text.available and text.markdown.startswith("# EvoArena")
    [(path, _, headers)] = hf_server.requests
    assert path == f"/papers/{REPOS_PAPER}.md" and headers["accept"] == "text/markdown"


async def test_client_404s_mean_no_page_and_no_full_text(hf_server: FakeHF) -> None:
    async with HFClient(hf_server.url, **FAST) as client:
        assert await client.fetch_paper_api("2601.00001") is None
        text = await client.fetch_full_text("2601.00001")
    assert not text.available and "no full text" in text.problem and "PDF" in text.problem
    # 404 is an answer, not a failure: asked once each, never retried.
    assert hf_server.count("/api/papers/2601.00001") == 1


async def test_client_retries_5xx_then_reports_one_sentence(hf_server: FakeHF) -> None:
    hf_server.add(f"/papers/{REPOS_PAPER}.md", Reply(503))
    async with HFClient(hf_server.url, **FAST) as client:
        from papertui.core.client import FetchError

        with pytest.raises(FetchError, match="HTTP 503"):
            await client.fetch_full_text(REPOS_PAPER)
    assert hf_server.count(f"/papers/{REPOS_PAPER}.md") == 2  # one retry


async def test_client_refuses_a_full_text_over_the_cap(hf_server: FakeHF) -> None:
    hf_server.add(f"/papers/{REPOS_PAPER}.md", Reply(200, b"x" * 50_000,
                                                      content_type="text/markdown"))
    async with HFClient(hf_server.url, max_body_bytes=10_000, **FAST) as client:
        text = await client.fetch_full_text(REPOS_PAPER)
    assert not text.available and "larger than 10,000 bytes" in text.problem


# --- fetch into the store ---------------------------------------------------------------------


async def test_fetch_stores_repos_discussion_collections_and_full_text(
        hf_server: FakeHF, store: Store) -> None:
    summary = await fetch(hf_server, store, REPOS_PAPER, PAGE_PAPER)
    assert sorted(summary.fetched) == sorted([REPOS_PAPER, PAGE_PAPER]) and not summary.errors
    repos = load_context(store, REPOS_PAPER)
    assert repos is not None and repos.fetched_at
    assert [r.id for r in repos.models][:1] == ["Aiden0526/EvoMem-Qwen3-8B"]
    assert (len(repos.models), len(repos.datasets), len(repos.spaces)) == (3, 1, 2)
    page = load_context(store, PAGE_PAPER)
    assert page is not None
    assert [c.author for c in page.comments] == ["Jakumetsu", "userone11"]
    assert page.comments[1].hidden and page.comments[1].hidden_reason == "Spam"
    assert [c.title for c in page.collections] == ["AI-paper", "Benchmark", "MCP"]
    text = load_full_text(store, REPOS_PAPER)
    assert text is not None and "## 2 Method" in text.markdown
    # A paper no list had brought is kept, so `show` and the list know its title.
    stored = store.get(REPOS_PAPER)
    assert stored is not None and stored.paper.title.startswith("EvoArena")


async def test_fresh_context_is_not_fetched_again(hf_server: FakeHF, store: Store) -> None:
    await fetch(hf_server, store, REPOS_PAPER)
    asked = len(hf_server.requests)
    summary = await fetch(hf_server, store, REPOS_PAPER)
    assert summary.cached == [REPOS_PAPER] and len(hf_server.requests) == asked
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)
    assert needs_context(store, REPOS_PAPER, refresh_hours=24, now=later)
    assert not needs_context(store, REPOS_PAPER, refresh_hours=48, now=later)


async def test_a_paper_without_a_page_is_said_so_not_an_error(
        hf_server: FakeHF, store: Store) -> None:
    summary = await fetch(hf_server, store, "2601.00001")
    assert summary.no_page == ["2601.00001"] and not summary.errors
    context = load_context(store, "2601.00001")
    assert context is not None and not context.has_page
    assert hf_server.count("/papers/2601.00001") == 0  # no page load for a known 404
    text = load_full_text(store, "2601.00001")
    assert text is not None and "no page" in text.problem


async def test_a_failed_refresh_never_erases_stored_context(
        hf_server: FakeHF, store: Store) -> None:
    await fetch(hf_server, store, PAGE_PAPER, REPOS_PAPER)
    hf_server.add(f"/papers/{PAGE_PAPER}", Reply(500))
    hf_server.add(f"/api/arxiv/{REPOS_PAPER}/repos", Reply(503))
    hf_server.add(f"/papers/{REPOS_PAPER}.md", Reply(404))
    summary = await fetch(hf_server, store, PAGE_PAPER, REPOS_PAPER, force=True)
    assert set(summary.errors) == {PAGE_PAPER, REPOS_PAPER}
    assert "HTTP 500" in summary.errors[PAGE_PAPER]
    page = load_context(store, PAGE_PAPER)
    assert page is not None and len(page.comments) == 2 and len(page.collections) == 3
    assert not page.complete  # so the next open tries again
    repos = load_context(store, REPOS_PAPER)
    assert repos is not None and len(repos.models) == 3
    text = load_full_text(store, REPOS_PAPER)
    assert text is not None and text.available  # a 404 now does not erase the text


async def test_a_refresh_replaces_what_changed(hf_server: FakeHF, store: Store) -> None:
    await fetch(hf_server, store, REPOS_PAPER)
    hf_server.add(f"/api/arxiv/{REPOS_PAPER}/repos",
                  Reply(200, {"models": [{"id": "new/model", "likes": 5}], "datasets": [],
                              "spaces": []}))
    hf_server.add(f"/api/papers/{REPOS_PAPER}", Reply(200, make_item(REPOS_PAPER)["paper"]))
    await fetch(hf_server, store, REPOS_PAPER, force=True)
    context = load_context(store, REPOS_PAPER)
    assert context is not None and [r.id for r in context.models] == ["new/model"]
    assert context.datasets == [] and context.links.count("space") == 0


async def test_concurrency_is_small_and_an_unreadable_id_is_refused(
        hf_server: FakeHF, store: Store) -> None:
    for n in range(6):
        hf_server.add(f"/api/papers/2601.0000{n}", Reply(404, delay=0.05))
    summary = await fetch(hf_server, store, *[f"2601.0000{n}" for n in range(6)], "nonsense")
    assert hf_server.max_in_flight <= 2
    assert "not an arXiv id" in summary.errors["nonsense"]


async def test_progress_counts_every_paper(hf_server: FakeHF, store: Store) -> None:
    seen: list[tuple[int, int]] = []
    await fetch(hf_server, store, REPOS_PAPER, PAGE_PAPER,
                progress=lambda done, total, _id: seen.append((done, total)))
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)


async def test_rate_limiter_waits_when_the_window_is_full() -> None:
    now = [0.0]
    limiter = RateLimiter(2, 10.0, clock=lambda: now[0])
    await limiter.wait()
    await limiter.wait()
    assert limiter.delay() == 10.0
    now[0] = 10.0
    assert limiter.delay() == 0.0


# --- the store ------------------------------------------------------------------------------


def test_summaries_and_reading_position(store: Store) -> None:
    from papertui.core.context import LinkedRepo, RepoLinks

    links = RepoLinks()
    links.repos["model"] = [LinkedRepo("model", "a/low", likes=1), LinkedRepo("model", "a/high", likes=9)]
    links.totals["model"] = 7
    save_context(store, ContextUpdate("2601.00002", links=links, comments=[], collections=[]))
    summary = context_summaries(store, ["2601.00002", "2601.00003"])
    assert list(summary) == ["2601.00002"]
    assert summary["2601.00002"].num_models == 7
    assert summary["2601.00002"].top_models == ("a/high", "a/low")
    assert reading_position(store, "2601.00002") == 0
    save_reading_position(store, "2601.00002", 420)
    assert reading_position(store, "2601.00002") == 420


def test_user_state_survives_context_writes(store: Store) -> None:
    from fakehf import make_item as item
    from papertui.core.parse import parse_item

    store.save_papers([parse_item(item("2601.00004"))])
    store.set_bookmarked(["2601.00004"], True)
    store.set_note("2601.00004", "my note")
    save_context(store, ContextUpdate("2601.00004", links=None, comments=[], collections=[]))
    stored = store.get("2601.00004")
    assert stored is not None and stored.state.bookmarked and stored.state.note == "my note"


async def test_fresh_context_without_full_text_asks_only_for_the_text(
        hf_server: FakeHF, store: Store) -> None:
    await fetch(hf_server, store, REPOS_PAPER, full_text=False)
    assert load_full_text(store, REPOS_PAPER) is None
    fetched_at = load_context(store, REPOS_PAPER).fetched_at  # type: ignore[union-attr]
    asked = len(hf_server.requests)
    await fetch(hf_server, store, REPOS_PAPER)
    assert [path for path, _, _ in hf_server.requests[asked:]] == [f"/papers/{REPOS_PAPER}.md"]
    text = load_full_text(store, REPOS_PAPER)
    assert text is not None and text.available
    context = load_context(store, REPOS_PAPER)
    assert context is not None and context.complete and context.fetched_at == fetched_at


async def test_badge_counts_and_the_has_models_filter(hf_server: FakeHF, store: Store) -> None:
    from papertui.core.context_store import HAS_MODELS_SQL, repo_counts

    await fetch(hf_server, store, REPOS_PAPER, PAGE_PAPER, full_text=False)
    assert repo_counts(store, [REPOS_PAPER, PAGE_PAPER, "2601.00009"]) == {
        REPOS_PAPER: (3, 1, 2), PAGE_PAPER: (0, 0, 0)}
    with_models = [row[0] for row in store.db.execute(
        f"SELECT p.id FROM papers p WHERE {HAS_MODELS_SQL}")]
    assert with_models == [REPOS_PAPER]


async def test_has_models_lists_only_papers_with_linked_models_and_pages_carry_counts(
        hf_server: FakeHF, store: Store) -> None:
    from papertui.core.parse import parse_item
    from papertui.core.query import FilterSpec

    # REPOS_PAPER's repos are constructed from the documented shapes (SOURCES.md);
    # PAGE_PAPER's real page links none; 2601.00009's context was never fetched.
    store.save_papers([parse_item(make_item(pid)) for pid in
                       (REPOS_PAPER, PAGE_PAPER, "2601.00009")])
    assert store.count(FilterSpec(has_models=True)) == 0  # nothing known yet
    await fetch(hf_server, store, REPOS_PAPER, PAGE_PAPER, full_text=False)
    assert [p.paper.id for p in store.select(FilterSpec(has_models=True))] == [REPOS_PAPER]
    assert store.count(FilterSpec(has_models=True, query="zzzz")) == 0  # with other filters
    keys = store.select_keys(FilterSpec())
    linked = {p.paper.id: p.linked for p in store.papers_by_key(keys).values()}
    assert linked == {REPOS_PAPER: (3, 1, 2), PAGE_PAPER: (0, 0, 0), "2601.00009": None}
