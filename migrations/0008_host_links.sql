-- Hearth schema 8: host links (PRODUCT M2, issue 14). `hearth host-link`, run on the host with
-- access to the data directory, mints a single-use link for the running server: only the
-- SHA-256 of its secret is kept, with an expiry; the first use deletes the row.
CREATE TABLE host_links (
    hash       BLOB PRIMARY KEY,
    expires_at INTEGER NOT NULL
);

-- Why a session ended when it did not end by itself (issue 14): an admin suspended the account,
-- changed its role, reset its password or ended its sessions; the password was changed in
-- another session; the account was removed. The next request with that cookie is told why
-- (401 `session_ended`) instead of a bare "sign in". Kept a week, by the cookie's hash only.
CREATE TABLE ended_sessions (
    token_hash BLOB PRIMARY KEY,
    reason     TEXT NOT NULL,
    ended_at   INTEGER NOT NULL
);

-- The passages' vocabulary with each term's passage count: search leaves out words found in
-- a large share of all passages (they weigh next to nothing in BM25, and scoring every
-- passage that has them is what makes a query slow).
CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab (chunks_fts, 'row');
