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

/// A row of `messages`. An assistant's reply is a row that grows while it is written
/// (`status` `queued`, then `streaming`), then ends `done`, `stopped` or `failed`.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: String,
    pub role: String,
    pub content: String,
    pub created_at: i64,
    pub status: String,
    pub model: Option<String>,
    pub finish_reason: Option<String>,
    pub error: Option<String>,
    pub prompt_tokens: Option<i64>,
    pub completion_tokens: Option<i64>,
    /// The documents' passages the reply was given.
    pub sources: Vec<super::documents::Source>,
}

const MESSAGE_COLUMNS: &str =
    "id, role, content, created_at, status, model, finish_reason, error, prompt_tokens, completion_tokens, sources";

fn message_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Message> {
    Ok(Message {
        id: r.get(0)?,
        role: r.get(1)?,
        content: r.get(2)?,
        created_at: r.get(3)?,
        status: r.get(4)?,
        model: r.get(5)?,
        finish_reason: r.get(6)?,
        error: r.get(7)?,
        prompt_tokens: r.get(8)?,
        completion_tokens: r.get(9)?,
        sources: r.get::<_, Option<String>>(10)?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default(),
    })
}

/// One page of a thread's history: the newest `limit` messages older than `before` (a message
/// of this thread; `None`: the newest), oldest first, and whether older ones exist.
pub fn messages_page(
    conn: &Connection,
    thread_id: &str,
    before: Option<&str>,
    limit: i64,
) -> rusqlite::Result<(Vec<Message>, bool)> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages m WHERE thread_id = ?1 AND (?2 IS NULL OR (created_at, rowid) < \
         (SELECT created_at, rowid FROM messages c WHERE c.id = ?2 AND c.thread_id = ?1)) \
         ORDER BY created_at DESC, rowid DESC LIMIT ?3"
    ))?;
    let mut rows: Vec<Message> =
        stmt.query_map(params![thread_id, before, limit + 1], message_from_row)?.collect::<rusqlite::Result<_>>()?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    rows.reverse();
    Ok((rows, more))
}

/// The thread a message is in.
pub fn thread_of_message(conn: &Connection, message_id: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT thread_id FROM messages WHERE id = ?1")?
        .query_row([message_id], |r| r.get(0))
        .optional()
}

/// True when `id` is a message of `thread_id`.
pub fn is_message_of(conn: &Connection, thread_id: &str, id: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM messages WHERE id = ?1 AND thread_id = ?2)")?
        .query_row(params![id, thread_id], |r| r.get(0))
}

/// The thread's last message (by time, then insertion).
pub fn last_message(conn: &Connection, thread_id: &str) -> rusqlite::Result<Option<Message>> {
    conn.prepare_cached(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages WHERE thread_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 1"
    ))?
    .query_row([thread_id], message_from_row)
    .optional()
}

/// Removes one message.
pub fn delete_message(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM messages WHERE id = ?1")?.execute([id])?;
    Ok(())
}

pub fn message(conn: &Connection, id: &str) -> rusqlite::Result<Option<Message>> {
    conn.prepare_cached(&format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = ?1"))?
        .query_row([id], message_from_row)
        .optional()
}

/// Adds a message (with `id`, or a new one); returns its id.
pub fn add_message(
    conn: &Connection,
    thread_id: &str,
    id: Option<&str>,
    role: &str,
    content: &str,
    status: &str,
    model: Option<&str>,
) -> rusqlite::Result<String> {
    let (id, t) = (id.map_or_else(new_id, str::to_string), now());
    conn.prepare_cached(
        "INSERT INTO messages (id, thread_id, role, content, created_at, status, model, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?5)",
    )?
    .execute(params![id, thread_id, role, content, t, status, model])?;
    conn.prepare_cached("UPDATE threads SET updated_at = ?2 WHERE id = ?1")?.execute(params![thread_id, t])?;
    Ok(id)
}

/// Appends streamed text to a reply and marks it `streaming`.
pub fn append_text(conn: &Connection, id: &str, text: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE messages SET content = content || ?2, status = 'streaming', updated_at = ?3 WHERE id = ?1",
    )?
    .execute(params![id, text, now()])?;
    Ok(())
}

/// How a reply ended.
pub struct Ending<'a> {
    pub status: &'a str,
    pub finish_reason: Option<&'a str>,
    pub error: Option<&'a str>,
    pub prompt_tokens: Option<i64>,
    pub completion_tokens: Option<i64>,
}

pub fn finish(conn: &Connection, id: &str, e: &Ending<'_>) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE messages SET status = ?2, finish_reason = ?3, error = ?4, prompt_tokens = ?5, completion_tokens = ?6, \
         updated_at = ?7 WHERE id = ?1",
    )?
    .execute(params![id, e.status, e.finish_reason, e.error, e.prompt_tokens, e.completion_tokens, now()])?;
    Ok(())
}

/// Replies that were being written when Hearth stopped (a crash, a kill): they end `failed`,
/// keeping what was written. Returns (message id, thread's user, nothing was written).
pub fn interrupted(conn: &Connection) -> rusqlite::Result<Vec<(String, String, bool)>> {
    let mut stmt = conn.prepare(
        "SELECT m.id, t.user_id, m.content = '' FROM messages m JOIN threads t ON t.id = m.thread_id \
         WHERE m.status IN ('queued', 'streaming')",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// Titles a thread from its first message when it has no title yet.
pub fn title_if_untitled(conn: &Connection, id: &str, title: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE threads SET title = ?2 WHERE id = ?1 AND title = ''")?.execute(params![id, title])?;
    Ok(())
}

/// The thread's owner and workspace.
pub fn owner_and_workspace(conn: &Connection, id: &str) -> rusqlite::Result<Option<(String, String)>> {
    conn.prepare_cached("SELECT user_id, workspace_id FROM threads WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
}

/// Every thread of `user`, whatever its workspace (the personal backup), with the workspace's
/// name, oldest first.
pub fn all_of_user(conn: &Connection, user: &str) -> rusqlite::Result<Vec<(Thread, String)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, w.name FROM threads t JOIN workspaces w ON w.id = t.workspace_id \
         WHERE t.user_id = ?1 ORDER BY t.created_at, t.id"
    ))?;
    let rows = stmt.query_map([user], |r| Ok((from_row(r)?, r.get(5)?)))?;
    rows.collect()
}

/// Every message of `user`'s threads, by thread, oldest first: (thread id, message).
pub fn all_messages_of_user(conn: &Connection, user: &str) -> rusqlite::Result<Vec<(String, Message)>> {
    let cols: Vec<String> = MESSAGE_COLUMNS.split(", ").map(|c| format!("m.{c}")).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT {}, m.thread_id FROM messages m JOIN threads t ON t.id = m.thread_id WHERE t.user_id = ?1 \
         ORDER BY m.thread_id, m.created_at, m.rowid",
        cols.join(", ")
    ))?;
    let rows = stmt.query_map([user], |r| Ok((r.get(11)?, message_from_row(r)?)))?;
    rows.collect()
}

/// Records the passages a reply was given.
pub fn set_sources(conn: &Connection, id: &str, sources: &[super::documents::Source]) -> rusqlite::Result<()> {
    let json = serde_json::to_string(sources).unwrap_or_else(|_| "[]".into());
    conn.prepare_cached("UPDATE messages SET sources = ?2 WHERE id = ?1")?.execute(params![id, json])?;
    Ok(())
}
