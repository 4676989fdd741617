-- Hearth schema 5: memories (PRODUCT A4): each person's own notes for the model. Only their
-- owner reads them; they go with the account.
CREATE TABLE memories (
    id                TEXT PRIMARY KEY,
    user_id           TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    content           TEXT NOT NULL,
    source_message_id TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX memories_user ON memories (user_id, created_at);
