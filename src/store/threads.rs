//! The `threads` and `messages` tables (PRODUCT A2, W3). Every read takes the caller's
//! [`ThreadScope`]: a user's threads are their own, in workspaces they can still see.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::domain::policy::{ThreadScope, WorkspaceId};
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
    Ok(Thread {
        id: r.get(0)?,
        workspace_id: r.get(1)?,
        title: r.get(2)?,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
    })
}

/// The SQL form of a [`ThreadScope`]: `?2` the owner, `?3` "sees every workspace".
const MINE: &str = "t.user_id = ?2 AND (?3 = 1 OR EXISTS (SELECT 1 FROM workspace_members m \
     WHERE m.workspace_id = t.workspace_id AND m.user_id = ?2))";

fn scope_params(scope: &ThreadScope) -> (&str, bool) {
    (scope.owner.as_str(), super::workspaces::scope_params(&scope.workspaces).0)
}

pub fn list(conn: &Connection, scope: &ThreadScope, workspace: &WorkspaceId) -> rusqlite::Result<Vec<Thread>> {
    let (owner, all) = scope_params(scope);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM threads t WHERE t.workspace_id = ?1 AND {MINE} ORDER BY t.updated_at DESC, t.id"
    ))?;
    let rows = stmt.query_map(params![workspace.as_str(), owner, all], from_row)?;
    rows.collect()
}

pub fn get(conn: &Connection, scope: &ThreadScope, id: &str) -> rusqlite::Result<Option<Thread>> {
    let (owner, all) = scope_params(scope);
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM threads t WHERE t.id = ?1 AND {MINE}"))?
        .query_row(params![id, owner, all], from_row)
        .optional()
}

pub fn create(
    conn: &Connection,
    scope: &ThreadScope,
    workspace: &WorkspaceId,
    title: &str,
) -> rusqlite::Result<Thread> {
    let (id, t) = (new_id(), now());
    conn.execute(
        "INSERT INTO threads (id, workspace_id, user_id, title, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id, workspace.as_str(), scope.owner.as_str(), title, t],
    )?;
    Ok(Thread { id, workspace_id: workspace.to_string(), title: title.into(), created_at: t, updated_at: t })
}

pub fn rename(conn: &Connection, id: &str, title: &str) -> rusqlite::Result<()> {
    conn.execute("UPDATE threads SET title = ?2, updated_at = ?3 WHERE id = ?1", params![id, title, now()])?;
    Ok(())
}

pub fn delete(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM threads WHERE id = ?1", [id])?;
    Ok(())
}

/// A row of `messages`.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: String,
    pub role: String,
    pub content: String,
    pub created_at: i64,
}

pub fn messages(conn: &Connection, thread_id: &str) -> rusqlite::Result<Vec<Message>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, role, content, created_at FROM messages WHERE thread_id = ?1 ORDER BY created_at, rowid",
    )?;
    let rows = stmt.query_map([thread_id], |r| {
        Ok(Message { id: r.get(0)?, role: r.get(1)?, content: r.get(2)?, created_at: r.get(3)? })
    })?;
    rows.collect()
}
