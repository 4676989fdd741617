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
    pub uploaded_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "d.id, d.workspace_id, d.title, d.file_name, d.kind, d.size, d.status, d.progress, d.error, \
     d.chunks, (SELECT coalesce(username, display_name) FROM users u WHERE u.id = d.uploaded_by), d.created_at, d.updated_at";

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
    pub document_id: String,
    pub title: String,
    pub heading: String,
    pub text: String,
    pub score: f64,
}

/// The best passages of `workspace` for an FTS5 `query` (built by the domain, never raw user
/// text).
pub fn search(conn: &Connection, workspace: &str, query: &str, limit: i64) -> rusqlite::Result<Vec<Hit>> {
    // FTS5 hands the matches over best first (ORDER BY its rank, sorted inside FTS5); the
    // join keeps this workspace's passages of indexed documents, and stops at the limit.
    let mut stmt = conn.prepare_cached(
        "SELECT c.document_id, d.title, c.heading, c.text, -chunks_fts.rank FROM chunks_fts \
         JOIN chunks c ON c.id = chunks_fts.rowid JOIN documents d ON d.id = c.document_id \
         WHERE chunks_fts MATCH ?2 AND c.workspace_id = ?1 AND d.status = 'indexed' \
         ORDER BY chunks_fts.rank LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![workspace, query, limit], |r| {
        Ok(Hit { document_id: r.get(0)?, title: r.get(1)?, heading: r.get(2)?, text: r.get(3)?, score: r.get(4)? })
    })?;
    rows.collect()
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
