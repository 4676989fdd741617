-- Hearth schema 7: search by meaning (PRODUCT A3, optional). A workspace may choose a local
-- embedder; its id and dimension are kept with the workspace, and each document says which
-- embedder its vectors were made with (`embedded_with`). Changing a workspace's embedder
-- drops its vectors and clears `embedded_with` in one transaction, and the worker makes them
-- again: vectors of two embedders are never compared. A document's vectors count only once
-- all are written (`embedded_with` set in the transaction of the last ones).
ALTER TABLE workspaces ADD COLUMN embedder TEXT;
ALTER TABLE workspaces ADD COLUMN embedder_dim INTEGER;
ALTER TABLE documents ADD COLUMN embedded_with TEXT;

-- all-MiniLM-L6-v2's vectors, one per passage: the full vectors (little-endian f32, looked up
-- by passage), and their signs as 384 bits in a sqlite-vec table searched within a workspace
-- (48 bytes each: a scan of 100,000 reads 5 MB, not 150 MB) for the candidates that the full
-- vectors then rank.
CREATE TABLE vectors_minilm_l6_v2 (
    chunk_id  INTEGER PRIMARY KEY REFERENCES chunks (id) ON DELETE CASCADE,
    embedding BLOB NOT NULL
);
CREATE VIRTUAL TABLE vector_bits_minilm_l6_v2 USING vec0 (
    chunk_id INTEGER PRIMARY KEY,
    workspace_id TEXT PARTITION KEY,
    embedding BIT[384]
);
CREATE TRIGGER chunks_vectors_ad AFTER DELETE ON chunks BEGIN
    DELETE FROM vector_bits_minilm_l6_v2 WHERE chunk_id = old.id;
END;
