-- Hearth schema 3: chat (PRODUCT A1, A2, A5, L1, Q1).

-- A reply is a row that grows (DESIGN.md): tokens are appended as they come, so a reload
-- re-attaches and a crash loses a moment, not the answer.
ALTER TABLE messages ADD COLUMN status TEXT NOT NULL DEFAULT 'done'
    CHECK (status IN ('queued', 'streaming', 'done', 'stopped', 'failed'));
ALTER TABLE messages ADD COLUMN model TEXT;
ALTER TABLE messages ADD COLUMN finish_reason TEXT;
ALTER TABLE messages ADD COLUMN error TEXT;
ALTER TABLE messages ADD COLUMN prompt_tokens INTEGER;
ALTER TABLE messages ADD COLUMN completion_tokens INTEGER;
ALTER TABLE messages ADD COLUMN updated_at INTEGER;

-- The usage ledger (PRODUCT L1): one row when a message is admitted (+1), one when it is given
-- back (-1, only when the model failed before its first token). Append-only: deleting chats
-- or users changes nothing here, so quota cannot be won back.
CREATE TABLE usage_ledger (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    TEXT NOT NULL,
    day        TEXT NOT NULL,          -- UTC date, YYYY-MM-DD
    delta      INTEGER NOT NULL CHECK (delta IN (1, -1)),
    message_id TEXT,
    at         INTEGER NOT NULL
);
CREATE INDEX usage_ledger_user_day ON usage_ledger (user_id, day);
CREATE TRIGGER usage_ledger_no_update BEFORE UPDATE ON usage_ledger
BEGIN SELECT RAISE(ABORT, 'the usage ledger is append-only'); END;
CREATE TRIGGER usage_ledger_no_delete BEFORE DELETE ON usage_ledger
BEGIN SELECT RAISE(ABORT, 'the usage ledger is append-only'); END;

-- OpenAI-compatible providers (PRODUCT A5). The API key is never here: it lives in the
-- secrets store (OS keyring, or the 0600 file) under the provider's id.
CREATE TABLE providers (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    base_url   TEXT NOT NULL,
    has_key    INTEGER NOT NULL DEFAULT 0 CHECK (has_key IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
