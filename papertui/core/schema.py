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

# Discovery (related papers, "for you"): the user's "not interested" mark, kept with the
# rest of their state; how many papers hold each word (for picking a paper's distinctive
# words: FTS5's own fts5vocab counts walk a word's whole posting list, ~2 ms for a common
# word at 100,000 papers); who wrote what, by name; papers by organization. The counts and
# authors are filled here from what the store holds, then kept up by Store.save_papers.
_DISCOVERY = """
        ALTER TABLE user_state ADD COLUMN not_interested INTEGER NOT NULL DEFAULT 0;
        CREATE VIRTUAL TABLE papers_fts_terms USING fts5vocab(papers_fts, row);
        CREATE TABLE word_counts (
            word TEXT PRIMARY KEY,
            papers INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO word_counts (word, papers) SELECT term, doc FROM papers_fts_terms;
        CREATE TABLE paper_authors (
            name TEXT NOT NULL,  -- as written, trimmed, A-Z lowered (SQLite's lower())
            pk INTEGER NOT NULL,
            PRIMARY KEY (name, pk)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO paper_authors (name, pk)
            WITH RECURSIVE split (pk, name, rest) AS (
                SELECT pk, '', authors || char(10) FROM papers
                UNION ALL
                SELECT pk, substr(rest, 1, instr(rest, char(10)) - 1),
                       substr(rest, instr(rest, char(10)) + 1)
                FROM split WHERE rest != ''
            )
            SELECT lower(trim(name)), pk FROM split WHERE trim(name) != ''
            ORDER BY 1, 2;  -- in the table's own order: three times faster to insert
        CREATE INDEX papers_by_organization ON papers (organization) WHERE organization != '';
        -- The for-you profile reads the papers the user marked, and the last ones read,
        -- without walking every paper they ever read.
        CREATE INDEX user_state_marked ON user_state (paper_id)
            WHERE bookmarked OR note != '' OR tags NOT IN ('', '[]') OR not_interested;
        CREATE INDEX user_state_by_read_at ON user_state (read_at) WHERE read;
"""



# Watches (issue 13): what the user follows, a few remembered marks (the last visit, the
# previous digest of each kind), and when an older paper first got a code link. The code
# log is filled by a trigger because a re-fetch replaces the paper's row: afterwards
# nothing else remembers that github_repo was empty before. No index on organization or
# submitter: building them would slow a large store's first start after the upgrade, to
# speed up only the adding of such a watch (one scan of the papers).
_WATCHES = """
        CREATE TABLE watches (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('keyword', 'author', 'org', 'submitter')),
            term TEXT NOT NULL,
            match TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT '',
            UNIQUE (kind, term)
        );
        CREATE TABLE marks (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE code_arrivals (
            paper_id TEXT PRIMARY KEY,
            arrived_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX code_arrivals_by_time ON code_arrivals (arrived_at);
        CREATE TRIGGER papers_code_arrival AFTER UPDATE OF github_repo ON papers
        WHEN old.github_repo = '' AND new.github_repo != ''
        BEGIN
            INSERT OR REPLACE INTO code_arrivals (paper_id, arrived_at)
            VALUES (new.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
        END;

        -- Which paper each watch matches, kept up to date (core/watch.py) so the Watched
        -- filter, its count and the list's marks are lookups rather than 50 searches.
        -- Papers stored or changed since are queued in watch_dirty by the triggers below.
        CREATE TABLE watch_hits (
            watch_id INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
            pk INTEGER NOT NULL,
            PRIMARY KEY (watch_id, pk)
        ) WITHOUT ROWID;
        CREATE INDEX watch_hits_by_paper ON watch_hits (pk, watch_id);
        CREATE TABLE watch_dirty (pk INTEGER PRIMARY KEY);
        CREATE TRIGGER papers_watch_insert AFTER INSERT ON papers BEGIN
            INSERT OR IGNORE INTO watch_dirty (pk) VALUES (new.pk);
        END;
        CREATE TRIGGER papers_watch_update AFTER UPDATE ON papers
        WHEN old.title IS NOT new.title OR old.abstract IS NOT new.abstract
          OR old.authors IS NOT new.authors OR old.ai_summary IS NOT new.ai_summary
          OR old.ai_keywords IS NOT new.ai_keywords OR old.organization IS NOT new.organization
          OR old.submitter IS NOT new.submitter
        BEGIN
            INSERT OR IGNORE INTO watch_dirty (pk) VALUES (new.pk);
        END;
"""

# The user's notes, searchable beside the papers' text. Their own small FTS table (papers_fts
# is built from the papers table alone, and rebuilding it would cost a 100,000-paper store
# seconds), keyed by the paper's store key so search tests it the way it tests papers_fts.
# Triggers keep it in step with every way a note is written: the editor, an import, a
# salvage, and a paper fetched after its note was restored.
_NOTES_FTS = """
        CREATE VIRTUAL TABLE notes_fts USING fts5(
            note, tokenize='unicode61 remove_diacritics 2'
        );
        INSERT INTO notes_fts (rowid, note)
            SELECT p.pk, s.note FROM user_state s JOIN papers p ON p.id = s.paper_id
            WHERE s.note != '';
        -- INSERT OR REPLACE (an import) deletes the old row without a DELETE trigger, so
        -- every insert clears what an earlier note of the paper left.
        CREATE TRIGGER notes_fts_state_insert AFTER INSERT ON user_state BEGIN
            DELETE FROM notes_fts WHERE rowid = (SELECT pk FROM papers WHERE id = new.paper_id);
            INSERT INTO notes_fts (rowid, note)
                SELECT pk, new.note FROM papers WHERE id = new.paper_id AND new.note != '';
        END;
        CREATE TRIGGER notes_fts_state_update AFTER UPDATE OF note ON user_state
        WHEN old.note IS NOT new.note BEGIN
            DELETE FROM notes_fts WHERE rowid = (SELECT pk FROM papers WHERE id = old.paper_id);
            INSERT INTO notes_fts (rowid, note)
                SELECT pk, new.note FROM papers WHERE id = new.paper_id AND new.note != '';
        END;
        CREATE TRIGGER notes_fts_state_delete AFTER DELETE ON user_state BEGIN
            DELETE FROM notes_fts WHERE rowid = (SELECT pk FROM papers WHERE id = old.paper_id);
        END;
        CREATE TRIGGER notes_fts_paper_insert AFTER INSERT ON papers BEGIN
            INSERT INTO notes_fts (rowid, note)
                SELECT new.pk, note FROM user_state WHERE paper_id = new.id AND note != '';
        END;
        CREATE TRIGGER notes_fts_paper_delete AFTER DELETE ON papers BEGIN
            DELETE FROM notes_fts WHERE rowid = old.pk;
        END;
"""

# Sorting by comments walks its own covering index, like every other order.
_BY_COMMENTS = """
        CREATE INDEX papers_by_comments ON papers (comments DESC, upvotes DESC, id, has_code, day);
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

# One step per schema version, in order: a store at version N runs steps N+1 onwards.
MIGRATIONS: list[str] = [_V1, _DISCOVERY, _WATCHES, _NOTES_FTS, _BY_COMMENTS, _CONTEXT]
SCHEMA_VERSION = len(MIGRATIONS)
