//! Threads (PRODUCT A2, W3): each user's threads are their own, in workspaces they can see.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::access::Principal;
use crate::store::{new_id, now};

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Thread {
    pub id: String,
    pub workspace_id: String,
    pub title: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "t.id, t.workspace_id, t.title, t.created_at, t.updated_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Thread> {
    Ok(Thread { id: r.get(0)?, workspace_id: r.get(1)?, title: r.get(2)?, created_at: r.get(3)?, updated_at: r.get(4)? })
}

/// The caller's own thread, in a workspace the caller can still see; anything else is None.
const MINE: &str = "t.user_id = ?2 AND (?3 = 1 OR EXISTS (SELECT 1 FROM workspace_members m \
     WHERE m.workspace_id = t.workspace_id AND m.user_id = ?2))";

pub fn list(conn: &Connection, who: &Principal, workspace_id: &str) -> rusqlite::Result<Vec<Thread>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM threads t WHERE t.workspace_id = ?1 AND {MINE} ORDER BY t.updated_at DESC, t.id"
    ))?;
    let rows = stmt.query_map(params![workspace_id, who.user_id.as_str(), who.manages_workspaces()], from_row)?;
    rows.collect()
}

pub fn get(conn: &Connection, who: &Principal, id: &str) -> rusqlite::Result<Option<Thread>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM threads t WHERE t.id = ?1 AND {MINE}"))?
        .query_row(params![id, who.user_id.as_str(), who.manages_workspaces()], from_row)
        .optional()
}

pub fn create(conn: &Connection, who: &Principal, workspace_id: &str, title: &str) -> rusqlite::Result<Thread> {
    let (id, t) = (new_id(), now());
    conn.execute(
        "INSERT INTO threads (id, workspace_id, user_id, title, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id, workspace_id, who.user_id.as_str(), title, t],
    )?;
    Ok(Thread { id, workspace_id: workspace_id.into(), title: title.into(), created_at: t, updated_at: t })
}

pub fn rename(conn: &Connection, id: &str, title: &str) -> rusqlite::Result<()> {
    conn.execute("UPDATE threads SET title = ?2, updated_at = ?3 WHERE id = ?1", params![id, title, now()])?;
    Ok(())
}

pub fn delete(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM threads WHERE id = ?1", [id])?;
    Ok(())
}

pub fn messages(conn: &Connection, thread_id: &str) -> rusqlite::Result<Vec<serde_json::Value>> {
    let mut stmt = conn.prepare_cached("SELECT id, role, content, created_at FROM messages WHERE thread_id = ?1 ORDER BY created_at, rowid")?;
    let rows = stmt.query_map([thread_id], |r| {
        Ok(serde_json::json!({"id": r.get::<_, String>(0)?, "role": r.get::<_, String>(1)?, "content": r.get::<_, String>(2)?, "createdAt": r.get::<_, i64>(3)?}))
    })?;
    rows.collect()
}
