-- Hearth schema 8: host links (PRODUCT M2, issue 14). `hearth host-link`, run on the host with
-- access to the data directory, mints a single-use link for the running server: only the
-- SHA-256 of its secret is kept, with an expiry; the first use deletes the row.
CREATE TABLE host_links (
    hash       BLOB PRIMARY KEY,
    expires_at INTEGER NOT NULL
);
