-- Hearth schema 1: the owner model (DESIGN.md "Decisions already made").
-- Single-user mode already has one user row, the owner, that owns every row. Going
-- multi-user later gives that row a username, a password and the admin role: nothing else
-- is rewritten.

CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    -- NULL for the single-user owner until the install goes multi-user.
    username            TEXT UNIQUE,
    display_name        TEXT NOT NULL DEFAULT '',
    bio                 TEXT NOT NULL DEFAULT '',
    role                TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'default')),
    -- argon2id PHC string. For the owner in single-user mode this is the lock password.
    password_hash       TEXT,
    is_owner            INTEGER NOT NULL DEFAULT 0 CHECK (is_owner IN (0, 1)),
    suspended           INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
    daily_message_limit INTEGER CHECK (daily_message_limit IS NULL OR daily_message_limit >= 0),
    preferences         TEXT NOT NULL DEFAULT '{}',
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
-- At most one owner, ever.
CREATE UNIQUE INDEX users_one_owner ON users (is_owner) WHERE is_owner = 1;

-- The owner exists from the very first start.
INSERT INTO users (id, display_name, role, is_owner, created_at, updated_at)
VALUES (lower(hex(randomblob(16))), 'Owner', 'admin', 1,
        CAST(strftime('%s', 'now') AS INTEGER), CAST(strftime('%s', 'now') AS INTEGER));

-- Server-side sessions (ASVS 7.2): only the SHA-256 of the 256-bit token is stored.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    token_hash   BLOB NOT NULL UNIQUE,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    is_host      INTEGER NOT NULL DEFAULT 0 CHECK (is_host IN (0, 1)),
    remember     INTEGER NOT NULL DEFAULT 0 CHECK (remember IN (0, 1)),
    user_agent   TEXT NOT NULL DEFAULT '',
    address      TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE workspaces (
    id            TEXT PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    system_prompt TEXT NOT NULL DEFAULT '',
    settings      TEXT NOT NULL DEFAULT '{}',
    owner_id      TEXT NOT NULL REFERENCES users (id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX workspaces_owner ON workspaces (owner_id);

CREATE TABLE workspace_members (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at     INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
) WITHOUT ROWID;
CREATE INDEX workspace_members_user ON workspace_members (user_id);

CREATE TABLE threads (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title        TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX threads_workspace_user ON threads (workspace_id, user_id);

CREATE TABLE messages (
    id         TEXT PRIMARY KEY,
    thread_id  TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
    content    TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX messages_thread ON messages (thread_id, created_at);

-- System settings as JSON values; defaults live in config.rs.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The event log (PRODUCT E1), written in the same transaction as the change it records.
CREATE TABLE events (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    user_id  TEXT,
    username TEXT,
    address  TEXT NOT NULL DEFAULT '',
    details  TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_at ON events (at);
CREATE INDEX events_kind ON events (kind, at);
