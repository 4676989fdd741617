//! The `documents`, `chunks` and `chunks_fts` tables (PRODUCT A3). Reads take the workspace
//! id, which the domain resolves through the caller's workspace scope first.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::store::{new_id, now};

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub id: String,
    #[serde(skip)]
    pub workspace_id: String,
    pub title: String,
    pub file_name: String,
    pub kind: String,
    pub size: i64,
    pub status: String,
    pub progress: f64,
    pub error: Option<String>,
    pub chunks: i64,
    /// The embedder its passages' vectors were made with (all of them); none while they are
    /// being made, or when its workspace searches by keywords only.
    pub embedded_with: Option<String>,
    pub uploaded_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "d.id, d.workspace_id, d.title, d.file_name, d.kind, d.size, d.status, d.progress, d.error, \
     d.chunks, (SELECT coalesce(username, display_name) FROM users u WHERE u.id = d.uploaded_by), d.created_at, d.updated_at, \
     d.embedded_with";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Document> {
    Ok(Document {
        id: r.get(0)?,
        workspace_id: r.get(1)?,
        title: r.get(2)?,
        file_name: r.get(3)?,
        kind: r.get(4)?,
        size: r.get(5)?,
        status: r.get(6)?,
        progress: r.get(7)?,
        error: r.get(8)?,
        chunks: r.get(9)?,
        embedded_with: r.get(13)?,
        uploaded_by: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

pub fn list(conn: &Connection, workspace: &str) -> rusqlite::Result<Vec<Document>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM documents d WHERE d.workspace_id = ?1 ORDER BY d.created_at DESC, d.rowid DESC"
    ))?;
    let rows = stmt.query_map([workspace], from_row)?;
    rows.collect()
}

pub fn get(conn: &Connection, workspace: &str, id: &str) -> rusqlite::Result<Option<Document>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM documents d WHERE d.id = ?1 AND d.workspace_id = ?2"))?
        .query_row(params![id, workspace], from_row)
        .optional()
}

/// A new document, queued.
pub struct NewDocument<'a> {
    pub id: &'a str,
    pub workspace_id: &'a str,
    pub title: &'a str,
    pub file_name: &'a str,
    pub kind: &'a str,
    pub size: i64,
    pub sha256: &'a str,
    pub uploaded_by: &'a str,
}

pub fn insert(conn: &Connection, d: &NewDocument<'_>) -> rusqlite::Result<()> {
    let t = now();
    conn.prepare_cached(
        "INSERT INTO documents (id, workspace_id, title, file_name, kind, size, sha256, uploaded_by, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![d.id, d.workspace_id, d.title, d.file_name, d.kind, d.size, d.sha256, d.uploaded_by, t])?;
    Ok(())
}

pub fn delete(conn: &Connection, workspace: &str, id: &str) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM documents WHERE id = ?1 AND workspace_id = ?2", params![id, workspace])? > 0)
}

/// The oldest queued document, marked `reading` (the worker's next job).
pub fn take_next(conn: &Connection) -> rusqlite::Result<Option<(String, String)>> {
    let next: Option<(String, String)> = conn
        .prepare_cached("SELECT id, kind FROM documents WHERE status = 'queued' ORDER BY created_at, rowid LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((id, _)) = &next {
        conn.prepare_cached(
            "UPDATE documents SET status = 'reading', progress = 0, error = NULL, updated_at = ?2 WHERE id = ?1",
        )?
        .execute(params![id, now()])?;
    }
    Ok(next)
}

/// Documents a stop of Hearth left `reading` go back to the queue (run at start).
pub fn requeue_interrupted(conn: &Connection) -> rusqlite::Result<usize> {
    conn.execute("UPDATE documents SET status = 'queued', progress = 0 WHERE status = 'reading'", [])
}

pub fn set_progress(conn: &Connection, id: &str, progress: f64) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE documents SET progress = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
        id,
        progress,
        now()
    ])?;
    Ok(())
}

pub fn fail(conn: &Connection, id: &str, error: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE documents SET status = 'failed', error = ?2, progress = 0, updated_at = ?3 WHERE id = ?1",
    )?
    .execute(params![id, error, now()])?;
    Ok(())
}

/// Queues a failed document again; false when it is not failed.
pub fn retry(conn: &Connection, workspace: &str, id: &str) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "UPDATE documents SET status = 'queued', error = NULL, progress = 0, updated_at = ?3 \
         WHERE id = ?1 AND workspace_id = ?2 AND status = 'failed'",
        params![id, workspace, now()],
    )?;
    Ok(n > 0)
}

/// Removes a document's passages (before it is read again).
pub fn clear_chunks(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM chunks WHERE document_id = ?1")?.execute([id])?;
    conn.prepare_cached("UPDATE documents SET embedded_with = NULL WHERE id = ?1")?.execute([id])?;
    Ok(())
}

/// Adds passages `first_seq..` of a document being read. They are not searchable until the
/// document is marked indexed (search reads indexed documents only). False when the document
/// is gone (deleted while it was read).
pub fn add_chunks(
    conn: &Connection,
    id: &str,
    first_seq: usize,
    passages: &[(String, String)],
) -> rusqlite::Result<bool> {
    let Some(workspace): Option<String> = conn
        .prepare_cached("SELECT workspace_id FROM documents WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
    else {
        return Ok(false);
    };
    let mut ins = conn.prepare_cached(
        "INSERT INTO chunks (document_id, workspace_id, seq, heading, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, (heading, text)) in passages.iter().enumerate() {
        ins.execute(params![id, workspace, (first_seq + i) as i64, heading, text])?;
    }
    Ok(true)
}

/// Marks a document indexed with its passage count and title (empty: keep the file name).
pub fn mark_indexed(conn: &Connection, id: &str, title: &str, chunks: usize) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE documents SET status = 'indexed', progress = 1, error = NULL, chunks = ?2, \
         title = CASE WHEN ?3 = '' THEN title ELSE ?3 END, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, chunks as i64, title, now()])?;
    Ok(())
}

/// A passage a reply was given, as its `sources` list it.
#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub document_id: String,
    pub title: String,
    pub snippet: String,
}

/// A search hit: the passage's document, title, heading, text and BM25 score (higher is
/// better).
#[derive(Clone, Debug)]
pub struct Hit {
    pub chunk_id: i64,
    pub document_id: String,
    pub title: String,
    pub heading: String,
    pub text: String,
    pub score: f64,
}

/// A hit from the columns chunk id, document id, title, heading, text, score.
fn hit_from_row(r: &Row<'_>) -> rusqlite::Result<Hit> {
    Ok(Hit {
        chunk_id: r.get(0)?,
        document_id: r.get(1)?,
        title: r.get(2)?,
        heading: r.get(3)?,
        text: r.get(4)?,
        score: r.get(5)?,
    })
}

/// The best passages of `workspace` for an FTS5 `query` (built by the domain, never raw user
/// text).
pub fn search(conn: &Connection, workspace: &str, query: &str, limit: i64) -> rusqlite::Result<Vec<Hit>> {
    // FTS5 hands the matches over best first (ORDER BY its rank, sorted inside FTS5); the
    // join keeps this workspace's passages of indexed documents, and stops at the limit.
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.document_id, d.title, c.heading, c.text, -chunks_fts.rank FROM chunks_fts \
         JOIN chunks c ON c.id = chunks_fts.rowid JOIN documents d ON d.id = c.document_id \
         WHERE chunks_fts MATCH ?2 AND c.workspace_id = ?1 AND d.status = 'indexed' \
         ORDER BY chunks_fts.rank LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![workspace, query, limit], hit_from_row)?;
    rows.collect()
}

/// `words` without those found in more than `max_share` of all indexed passages (the rarest
/// one stays when all are that common). Each word's passage count comes from the FTS5
/// vocabulary.
pub fn without_common_terms(conn: &Connection, words: Vec<String>, max_share: f64) -> rusqlite::Result<Vec<String>> {
    let total: i64 = conn
        .prepare_cached("SELECT coalesce(sum(chunks), 0) FROM documents WHERE status = 'indexed'")?
        .query_row([], |r| r.get(0))?;
    let limit = (total as f64 * max_share) as i64;
    if words.len() < 2 || total < 1000 {
        return Ok(words);
    }
    let mut stmt = conn.prepare_cached("SELECT doc FROM chunks_vocab WHERE term = ?1")?;
    let mut counted = Vec::with_capacity(words.len());
    for w in words {
        let n: i64 = stmt.query_row([&w], |r| r.get(0)).optional()?.unwrap_or(0);
        counted.push((n, w));
    }
    let rarest = counted.iter().map(|c| c.0).min().unwrap_or(0);
    Ok(counted.into_iter().filter(|(n, _)| *n <= limit || *n == rarest).map(|(_, w)| w).collect())
}

/// The table of an embedder's full vectors (migration 7); none for an embedder it lacks.
pub fn vector_table(embedder: &str) -> Option<&'static str> {
    match embedder {
        "all-minilm-l6-v2" => Some("vectors_minilm_l6_v2"),
        _ => None,
    }
}

/// The table of the same vectors as bits (their signs), for the first, coarse pass.
fn bits_table(embedder: &str) -> Option<&'static str> {
    match embedder {
        "all-minilm-l6-v2" => Some("vector_bits_minilm_l6_v2"),
        _ => None,
    }
}

const VECTOR_TABLES: &[&str] = &["vectors_minilm_l6_v2", "vector_bits_minilm_l6_v2"];

/// Candidates the bits give for each passage the full vectors return.
const COARSE_FACTOR: i64 = 6;

/// The passages nearest to the unit vector `query` (sqlite-vec's blob) among the documents of
/// `workspace` whose vectors were all made by `embedder`; the score is the cosine similarity.
pub fn nearest(
    conn: &Connection,
    workspace: &str,
    embedder: &str,
    query: &[u8],
    limit: i64,
) -> rusqlite::Result<Vec<Hit>> {
    let (Some(table), Some(bits)) = (vector_table(embedder), bits_table(embedder)) else { return Ok(Vec::new()) };
    // First the nearest by Hamming distance of the bits, then the cosine of the full vectors
    // ranks those candidates.
    let mut stmt = conn.prepare_cached(&format!(
        "WITH coarse AS (SELECT chunk_id FROM {bits} \
           WHERE embedding MATCH vec_quantize_binary(?1) AND k = ?2 AND workspace_id = ?3) \
         SELECT c.id, c.document_id, d.title, c.heading, c.text, 1.0 - vec_distance_cosine(v.embedding, ?1) AS sim \
         FROM coarse JOIN {table} v ON v.chunk_id = coarse.chunk_id \
         JOIN chunks c ON c.id = coarse.chunk_id JOIN documents d ON d.id = c.document_id \
         WHERE d.status = 'indexed' AND d.embedded_with = ?4 ORDER BY sim DESC LIMIT ?5"
    ))?;
    let rows = stmt.query_map(params![query, limit * COARSE_FACTOR, workspace, embedder, limit], hit_from_row)?;
    rows.collect()
}

/// The next indexed document whose vectors are missing or from another embedder than its
/// workspace's: (document, workspace, embedder).
pub fn next_to_embed(conn: &Connection) -> rusqlite::Result<Option<(String, String, String)>> {
    conn.prepare_cached(
        "SELECT d.id, d.workspace_id, w.embedder FROM documents d JOIN workspaces w ON w.id = d.workspace_id \
         WHERE d.status = 'indexed' AND w.embedder IS NOT NULL AND d.embedded_with IS NOT w.embedder \
         ORDER BY d.updated_at, d.rowid LIMIT 1",
    )?
    .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .optional()
}

/// Passages of a document after passage id `after`, in order: (id, heading, text).
pub fn chunks_after(
    conn: &Connection,
    document: &str,
    after: i64,
    limit: i64,
) -> rusqlite::Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, heading, text FROM chunks WHERE document_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![document, after, limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// Whether `document` is still there, indexed, in a workspace that still wants `embedder`'s
/// vectors (the worker checks before each write).
pub fn wants_vectors(conn: &Connection, document: &str, embedder: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM documents d JOIN workspaces w ON w.id = d.workspace_id \
         WHERE d.id = ?1 AND d.status = 'indexed' AND w.embedder = ?2)",
    )?
    .query_row(params![document, embedder], |r| r.get(0))
}

/// Drops a document's vectors (of every embedder) and its `embedded_with`.
pub fn clear_vectors(conn: &Connection, document: &str) -> rusqlite::Result<()> {
    for table in VECTOR_TABLES {
        conn.prepare_cached(&format!(
            "DELETE FROM {table} WHERE chunk_id IN (SELECT id FROM chunks WHERE document_id = ?1)"
        ))?
        .execute([document])?;
    }
    conn.prepare_cached("UPDATE documents SET embedded_with = NULL WHERE id = ?1")?.execute([document])?;
    Ok(())
}

/// Drops the vectors of every document of a workspace (its embedder changed).
pub fn clear_workspace_vectors(conn: &Connection, workspace: &str) -> rusqlite::Result<()> {
    for table in VECTOR_TABLES {
        conn.execute(
            &format!("DELETE FROM {table} WHERE chunk_id IN (SELECT id FROM chunks WHERE workspace_id = ?1)"),
            [workspace],
        )?;
    }
    conn.execute("UPDATE documents SET embedded_with = NULL WHERE workspace_id = ?1", [workspace])?;
    Ok(())
}

/// Adds vectors (little-endian f32 blobs) of a document's passages.
pub fn add_vectors(
    conn: &Connection,
    embedder: &str,
    workspace: &str,
    rows: &[(i64, Vec<u8>)],
) -> rusqlite::Result<()> {
    let (Some(table), Some(bits)) = (vector_table(embedder), bits_table(embedder)) else { return Ok(()) };
    let mut ins = conn.prepare_cached(&format!("INSERT INTO {table} (chunk_id, embedding) VALUES (?1, ?2)"))?;
    let mut ins_bits = conn.prepare_cached(&format!(
        "INSERT INTO {bits} (chunk_id, workspace_id, embedding) VALUES (?1, ?2, vec_quantize_binary(?3))"
    ))?;
    for (id, v) in rows {
        ins.execute(params![id, v])?;
        ins_bits.execute(params![id, workspace, v])?;
    }
    Ok(())
}

/// Whether every passage of a document has its vector of `embedder`.
pub fn vectors_complete(conn: &Connection, document: &str, embedder: &str) -> rusqlite::Result<bool> {
    let Some(table) = vector_table(embedder) else { return Ok(false) };
    let (chunks, vectors): (i64, i64) = conn.query_row(
        &format!(
            "SELECT (SELECT count(*) FROM chunks WHERE document_id = ?1), \
             (SELECT count(*) FROM {table} WHERE chunk_id IN (SELECT id FROM chunks WHERE document_id = ?1))"
        ),
        [document],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(chunks == vectors)
}

/// All of a document's vectors are written: they count from now on.
pub fn mark_embedded(conn: &Connection, document: &str, embedder: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE documents SET embedded_with = ?2 WHERE id = ?1")?
        .execute(params![document, embedder])?;
    Ok(())
}

/// Every document id (to find files whose row is gone).
pub fn all_ids(conn: &Connection) -> rusqlite::Result<std::collections::HashSet<String>> {
    let mut stmt = conn.prepare("SELECT id FROM documents")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    rows.collect()
}

pub fn new_document_id() -> String {
    new_id()
}
