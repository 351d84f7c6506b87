"""The store's tables, and the steps that upgrade an older store to them.

`PRAGMA user_version` holds the version a store is at; step N takes it from N-1 to N, each
in its own transaction (see Store._migrate). Never edit a released step: add a new one.
"""

_V1 = """
        CREATE TABLE papers (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            abstract TEXT NOT NULL DEFAULT '',
            authors TEXT NOT NULL DEFAULT '',
            day TEXT NOT NULL DEFAULT '',
            published_at TEXT NOT NULL DEFAULT '',
            submitted_at TEXT NOT NULL DEFAULT '',
            upvotes INTEGER NOT NULL DEFAULT 0,
            comments INTEGER NOT NULL DEFAULT 0,
            organization TEXT NOT NULL DEFAULT '',
            submitter TEXT NOT NULL DEFAULT '',
            ai_summary TEXT NOT NULL DEFAULT '',
            ai_keywords TEXT NOT NULL DEFAULT '',
            github_repo TEXT NOT NULL DEFAULT '',
            github_stars INTEGER,
            project_page TEXT NOT NULL DEFAULT '',
            thumbnail TEXT NOT NULL DEFAULT '',
            fetched_at TEXT NOT NULL DEFAULT '',
            has_code INTEGER GENERATED ALWAYS AS (github_repo != '') VIRTUAL
        );
        -- One covering index per sort order: each carries every column the filters test
        -- (id for the user's state, has_code, upvotes, day), so a list of 100,000 papers in
        -- any order is one index walk that never touches the papers' text.
        CREATE INDEX papers_by_upvotes ON papers (upvotes DESC, day DESC, id, has_code);
        CREATE INDEX papers_by_day ON papers (day DESC, upvotes DESC, id, has_code);
        CREATE INDEX papers_by_stars ON papers (github_stars DESC, upvotes DESC, id, has_code, day);

        CREATE TABLE user_state (
            paper_id TEXT PRIMARY KEY,
            bookmarked INTEGER NOT NULL DEFAULT 0,
            bookmarked_at TEXT NOT NULL DEFAULT '',
            read INTEGER NOT NULL DEFAULT 0,
            read_at TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID;

        CREATE TABLE view_papers (
            view_key TEXT NOT NULL,
            paper_id TEXT NOT NULL,
            rank INTEGER NOT NULL,
            PRIMARY KEY (view_key, paper_id)
        ) WITHOUT ROWID;

        CREATE TABLE fetch_log (
            view_key TEXT PRIMARY KEY,
            fetched_at TEXT NOT NULL,
            complete INTEGER NOT NULL,
            count INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE VIRTUAL TABLE papers_fts USING fts5(
            title, abstract, authors, ai_summary, ai_keywords,
            content='papers', content_rowid='pk',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
            INSERT INTO papers_fts (rowid, title, abstract, authors, ai_summary, ai_keywords)
            VALUES (new.pk, new.title, new.abstract, new.authors, new.ai_summary, new.ai_keywords);
        END;
        CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
            INSERT INTO papers_fts (papers_fts, rowid, title, abstract, authors, ai_summary, ai_keywords)
            VALUES ('delete', old.pk, old.title, old.abstract, old.authors, old.ai_summary, old.ai_keywords);
        END;
        -- Only text changes touch the index: a re-fetch that moves upvotes costs nothing here.
        CREATE TRIGGER papers_fts_update AFTER UPDATE ON papers
        WHEN old.title IS NOT new.title OR old.abstract IS NOT new.abstract
          OR old.authors IS NOT new.authors OR old.ai_summary IS NOT new.ai_summary
          OR old.ai_keywords IS NOT new.ai_keywords
        BEGIN
            INSERT INTO papers_fts (papers_fts, rowid, title, abstract, authors, ai_summary, ai_keywords)
            VALUES ('delete', old.pk, old.title, old.abstract, old.authors, old.ai_summary, old.ai_keywords);
            INSERT INTO papers_fts (rowid, title, abstract, authors, ai_summary, ai_keywords)
            VALUES (new.pk, new.title, new.abstract, new.authors, new.ai_summary, new.ai_keywords);
        END;
"""

# A paper's context from its Hugging Face page and the Hub (see core/context_store.py).
# `paper_context` says when it was fetched; the other tables hold its parts, each replaced
# whole by a fetch that got that part, and left alone by one that did not.
_CONTEXT = """
        CREATE TABLE paper_context (
            paper_id TEXT PRIMARY KEY,
            fetched_at TEXT NOT NULL DEFAULT '',
            attempted_at TEXT NOT NULL DEFAULT '',
            complete INTEGER NOT NULL DEFAULT 0,
            has_page INTEGER NOT NULL DEFAULT 1,
            num_models INTEGER,
            num_datasets INTEGER,
            num_spaces INTEGER,
            num_comments INTEGER,
            num_collections INTEGER
        ) WITHOUT ROWID;
        CREATE TABLE linked_repos (
            paper_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            position INTEGER NOT NULL,
            repo_id TEXT NOT NULL,
            likes INTEGER NOT NULL DEFAULT 0,
            downloads INTEGER,
            last_modified TEXT NOT NULL DEFAULT '',
            pipeline_tag TEXT NOT NULL DEFAULT '',
            library_name TEXT NOT NULL DEFAULT '',
            sdk TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (paper_id, kind, position)
        );
        CREATE TABLE paper_comments (
            paper_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            parent INTEGER,
            author TEXT NOT NULL DEFAULT '',
            author_fullname TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT '',
            edited INTEGER NOT NULL DEFAULT 0,
            hidden INTEGER NOT NULL DEFAULT 0,
            hidden_reason TEXT NOT NULL DEFAULT '',
            reactions TEXT NOT NULL DEFAULT '[]',
            text TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (paper_id, position)
        );
        CREATE TABLE paper_collections (
            paper_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            url TEXT NOT NULL,
            items INTEGER,
            updated_at TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (paper_id, position)
        );
        -- The Markdown is zlib-compressed: full texts are most of a context's size.
        CREATE TABLE full_texts (
            paper_id TEXT PRIMARY KEY,
            fetched_at TEXT NOT NULL,
            markdown BLOB,
            problem TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE reading_positions (
            paper_id TEXT PRIMARY KEY,
            line INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID;
"""

MIGRATIONS: list[str] = [_V1, _CONTEXT]
SCHEMA_VERSION = len(MIGRATIONS)
