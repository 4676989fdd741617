-- Hearth schema 6: documents (PRODUCT A3). A document row is also its ingestion job: it is
-- `queued` until the worker reads it (`reading`), then `indexed` with its passages, or
-- `failed` with the reason. The passages and their full-text index are written in the same
-- transaction as `indexed`, so nothing half-indexed is ever searchable; a kill -9 while
-- `reading` puts the document back in the queue at the next start.
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    file_name    TEXT NOT NULL,           -- as uploaded, shown only: never a path
    kind         TEXT NOT NULL CHECK (kind IN ('text', 'html', 'pdf', 'docx')),
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'reading', 'indexed', 'failed')),
    progress     REAL NOT NULL DEFAULT 0,
    error        TEXT,
    chunks       INTEGER NOT NULL DEFAULT 0,
    uploaded_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX documents_workspace ON documents (workspace_id, created_at);
CREATE INDEX documents_status ON documents (status, created_at);

-- Passages: headings and paragraphs, with some overlap.
CREATE TABLE chunks (
    id           INTEGER PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    workspace_id TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    heading      TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL
);
CREATE INDEX chunks_document ON chunks (document_id, seq);

-- BM25 over the passages, accents folded (unicode61 remove_diacritics 2), kept in step with
-- `chunks` by triggers (an external-content table: the text is stored once).
CREATE VIRTUAL TABLE chunks_fts USING fts5 (
    heading, text, content = 'chunks', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
-- The rank: BM25 with the heading weighing twice the text (`ORDER BY rank` lets FTS5 sort
-- the best first itself, faster than ordering by a bm25() call).
INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts (rowid, heading, text) VALUES (new.id, new.heading, new.text);
END;
CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text);
END;

-- The passages a reply was given (its `sources`), as JSON.
ALTER TABLE messages ADD COLUMN sources TEXT;
