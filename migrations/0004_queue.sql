-- Hearth schema 4: how many replies a provider writes at once (PRODUCT Q1: the queue's
-- concurrency is configurable per backend; the embedded model runs one at a time).
ALTER TABLE providers ADD COLUMN concurrency INTEGER NOT NULL DEFAULT 4
    CHECK (concurrency BETWEEN 1 AND 1000);
