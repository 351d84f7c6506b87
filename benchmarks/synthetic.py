"""A realistic synthetic papertui store for benchmarks: N papers with real-sized text.

Sizes follow the real samples in ../shared/samples/hf: titles of 60-140 characters,
abstracts of 900-1,900, 3-20 authors, 8-16 AI keywords, a 200-300 character AI summary,
~55 % with a GitHub repo, 50-100 papers a weekday. Words follow a Zipf-like distribution
so common words match a large share of papers, as they do in real abstracts.
The seed is fixed: the same N always gives the same store.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from papertui.core.models import Paper  # noqa: E402
from papertui.core.repair import open_store  # noqa: E402
from papertui.core.store import STORE_FILENAME  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"

_TECH = """model models language large learning training data neural network transformer
attention diffusion reasoning agent agents benchmark evaluation performance results method
approach framework tasks task vision image video generation retrieval reinforcement policy
reward fine-tuning pretraining dataset scaling inference efficient sparse mixture experts
token tokens context long memory multimodal visual text speech audio robot robotic planning
graph optimization gradient loss alignment preference human feedback instruction tuning
code mathematical math problem solving chain thought prompting embedding representation
contrastive self-supervised supervised unsupervised generalization robustness adversarial
safety privacy federated distillation quantization pruning compression latency throughput
hardware kernel parallel distributed cluster GPU accuracy state-of-the-art baseline baselines
layer layers head heads encoder decoder autoregressive masked semantic segmentation detection
3D scene rendering radiance field point cloud depth estimation pose tracking navigation
simulation world physics synthetic real-world open-source release analysis study survey""".split()
_COMMON = """the of and to in a is that for we on with as by this are our from an be which
it can at show these has have more than or also both such while its not their new two
propose proposed demonstrate significantly improves using based across over without""".split()
_NAMES_FIRST = """Wei Jing Yu Hao Li Xin Ming Zhang Anna Maria Lucas Sofia Noah Emma Liam Olivia
Arjun Priya Rahul Ananya Kenji Yuki Hiroshi Sakura Jonas Lena Felix Clara Omar Layla""".split()
_NAMES_LAST = """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Smith Johnson Brown Garcia Miller
Davis Kumar Singh Sharma Patel Tanaka Suzuki Sato Mueller Schmidt Fischer Rossi Khan Kim Park""".split()
_ORGS = ["TIGER-Lab", "Google", "Meta AI", "Microsoft", "NVIDIA", "Qwen", "DeepSeek", "Tsinghua University", ""]


_SYLLABLES = "ka lo mi ne ru ta vi zo qu ex ion ar en tr st pl gr mo de la fi".split()


class _Words:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        # A long tail of rarer terms (method names, jargon) after the common words, as in
        # real abstracts; it keeps the full-text index realistically large.
        rare = sorted({"".join(rng.choices(_SYLLABLES, k=rng.randint(2, 4))) for _ in range(30000)})
        rng.shuffle(rare)
        self.vocab = _COMMON + _TECH + rare
        # Zipf-like weights: the first words are far more common than the last.
        total, self.cumulative = 0.0, []
        for rank in range(len(self.vocab)):
            total += 1.0 / (rank + 1) ** 1.0
            self.cumulative.append(total)

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cumulative, k=count)

    def sentence(self, low: int, high: int) -> str:
        words = self.words(self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def text(self, low_chars: int, high_chars: int) -> str:
        target = self.rng.randint(low_chars, high_chars)
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < target:
            parts.append(self.sentence(12, 28))
        return " ".join(parts)


def make_papers(count: int, seed: int = 1234, per_day: tuple[int, int] = (50, 100)) -> list[Paper]:
    """`count` synthetic papers on consecutive weekdays ending 2026-11-27, newest first."""
    rng = random.Random(seed)
    words = _Words(rng)
    papers: list[Paper] = []
    day = dt.date(2026, 11, 27)
    serial = 0
    while len(papers) < count:
        if day.weekday() < 5:
            for _ in range(min(rng.randint(*per_day), count - len(papers))):
                serial += 1
                papers.append(_paper(rng, words, day, serial))
        day -= dt.timedelta(days=1)
    return papers


def _paper(rng: random.Random, words: _Words, day: dt.date, serial: int) -> Paper:
    has_code = rng.random() < 0.55
    title = " ".join(words.words(rng.randint(7, 16))).title()
    title = title[:140] if len(title) >= 60 else (title + " " + " ".join(words.words(6)).title())[:140]
    arxiv = f"{day:%y%m}.{serial % 100000:05d}"
    return Paper(
        id=arxiv,
        title=title,
        abstract=words.text(900, 1900),
        authors=tuple(f"{rng.choice(_NAMES_FIRST)} {rng.choice(_NAMES_LAST)}"
                      for _ in range(rng.randint(3, 20))),
        day=day.isoformat(),
        published_at=(day - dt.timedelta(days=rng.randint(1, 5))).isoformat() + "T00:00:00.000Z",
        submitted_at=day.isoformat() + "T09:00:00.000Z",
        upvotes=int(rng.paretovariate(1.2) * 3),
        comments=rng.randint(0, 6),
        organization=rng.choice(_ORGS),
        submitter=f"{rng.choice(_NAMES_FIRST)}{rng.randint(1, 999)}",
        ai_summary=words.text(200, 300),
        ai_keywords=tuple(" ".join(words.words(rng.randint(1, 3))) for _ in range(rng.randint(8, 16))),
        github_repo=f"https://github.com/lab{serial % 997}/repo{serial}" if has_code else "",
        github_stars=int(rng.paretovariate(1.1) * 10) if has_code else None,
        project_page=f"https://lab{serial % 31}.github.io/p{serial}/" if rng.random() < 0.3 else "",
        thumbnail=f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{arxiv}.png",
    )


def raw_text_bytes(papers: list[Paper]) -> int:
    """The size of the text the store holds for these papers, as UTF-8."""
    total = 0
    for p in papers:
        for value in (p.id, p.title, p.abstract, "\n".join(p.authors), p.day, p.published_at,
                      p.submitted_at, p.organization, p.submitter, p.ai_summary,
                      "\n".join(p.ai_keywords), p.github_repo, p.project_page, p.thumbnail):
            total += len(value.encode())
    return total


def day_json(papers: list[Paper]) -> bytes:
    """A Daily Papers API body (the real item shape) for these papers."""
    items = []
    for p in papers:
        paper = {
            "id": p.id, "title": p.title, "summary": p.abstract, "upvotes": p.upvotes,
            "authors": [{"_id": f"a{i}", "name": name, "hidden": False} for i, name in enumerate(p.authors)],
            "publishedAt": p.published_at, "submittedOnDailyAt": p.submitted_at,
            "ai_summary": p.ai_summary, "ai_keywords": list(p.ai_keywords),
            "discussionId": "d" + p.id,
        }
        if p.github_repo:
            paper["githubRepo"], paper["githubStars"] = p.github_repo, p.github_stars
        if p.project_page:
            paper["projectPage"] = p.project_page
        items.append({
            "paper": paper, "title": p.title, "summary": p.abstract, "publishedAt": p.published_at,
            "thumbnail": p.thumbnail, "numComments": p.comments,
            "submittedBy": {"name": p.submitter, "fullname": p.submitter},
        })
    return json.dumps(items).encode()


def build_store(count: int, directory: Path | None = None) -> Path:
    """A data folder holding a store of `count` synthetic papers (cached between runs)."""
    directory = directory or CACHE / f"store-{count}"
    if (directory / STORE_FILENAME).exists() and (directory / ".complete").exists():
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob(STORE_FILENAME + "*"):
        stale.unlink()
    store = open_store(directory).store
    papers = make_papers(count)
    for start in range(0, len(papers), 5000):
        store.save_papers(papers[start:start + 5000])
    # A reader's realistic state: some read, a few bookmarked.
    store.set_read([p.id for p in papers[200::3]], True)
    store.set_bookmarked([p.id for p in papers[::97]], True)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    (directory / ".complete").touch()
    return directory


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(build_store(size))
