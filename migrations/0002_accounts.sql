-- Hearth schema 2: what accounts need for multi-user mode.
-- Avatars live in the database (validated images, size-capped): no file names from clients.
ALTER TABLE users ADD COLUMN avatar BLOB;
ALTER TABLE users ADD COLUMN avatar_type TEXT CHECK (avatar_type IS NULL OR avatar_type IN ('image/png', 'image/jpeg', 'image/webp'));
ALTER TABLE users ADD COLUMN last_login_at INTEGER;
CREATE INDEX events_user ON events (user_id, at);
