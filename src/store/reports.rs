//! Reads across users for admins and managers (PRODUCT W3, L1): every chat with its prompt,
//! and per-user usage over a range of days. Callers check the role first; these read all.

use rusqlite::{params, Connection};
use serde::Serialize;

/// One reply and the message it answers.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatRecord {
    pub id: String,
    pub thread_id: String,
    pub thread_title: String,
    pub workspace_id: String,
    pub workspace_slug: String,
    pub workspace_name: String,
    pub user_id: String,
    pub username: Option<String>,
    pub prompt: String,
    pub response: String,
    pub status: String,
    pub model: Option<String>,
    pub created_at: i64,
    pub prompt_tokens: Option<i64>,
    pub completion_tokens: Option<i64>,
}

#[derive(Clone, Debug, Default)]
pub struct ChatFilter {
    /// An id or a username.
    pub user: Option<String>,
    /// A slug or an id.
    pub workspace: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// Replies newest first, each with the user message before it in its thread.
pub fn chats(conn: &Connection, f: &ChatFilter, limit: i64, offset: i64) -> rusqlite::Result<Vec<ChatRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, t.id, t.title, w.id, w.slug, w.name, t.user_id, u.username, \
         coalesce((SELECT p.content FROM messages p WHERE p.thread_id = m.thread_id AND p.role = 'user' \
           AND (p.created_at, p.rowid) < (m.created_at, m.rowid) ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1), ''), \
         m.content, m.status, m.model, m.created_at, m.prompt_tokens, m.completion_tokens \
         FROM messages m JOIN threads t ON t.id = m.thread_id JOIN workspaces w ON w.id = t.workspace_id \
         LEFT JOIN users u ON u.id = t.user_id \
         WHERE m.role = 'assistant' \
         AND (?1 IS NULL OR t.user_id = ?1 OR u.username = ?1) \
         AND (?2 IS NULL OR w.slug = ?2 OR w.id = ?2) \
         AND (?3 IS NULL OR m.created_at >= ?3) AND (?4 IS NULL OR m.created_at <= ?4) \
         ORDER BY m.created_at DESC, m.rowid DESC LIMIT ?5 OFFSET ?6",
    )?;
    let rows = stmt.query_map(params![f.user, f.workspace, f.from, f.to, limit, offset], |r| {
        Ok(ChatRecord {
            id: r.get(0)?,
            thread_id: r.get(1)?,
            thread_title: r.get(2)?,
            workspace_id: r.get(3)?,
            workspace_slug: r.get(4)?,
            workspace_name: r.get(5)?,
            user_id: r.get(6)?,
            username: r.get(7)?,
            prompt: r.get(8)?,
            response: r.get(9)?,
            status: r.get(10)?,
            model: r.get(11)?,
            created_at: r.get(12)?,
            prompt_tokens: r.get(13)?,
            completion_tokens: r.get(14)?,
        })
    })?;
    rows.collect()
}

/// One user's usage: messages counted on `today`, over `[from, to]` (UTC days), and the
/// tokens of the replies written in `[from_at, to_at)`.
#[derive(Clone, Debug)]
pub struct UsageRow {
    pub user_id: String,
    pub username: Option<String>,
    pub display_name: String,
    pub role: String,
    pub daily_message_limit: Option<i64>,
    pub used_today: i64,
    pub messages: i64,
    pub prompt_tokens: i64,
    pub completion_tokens: i64,
}

pub struct UsageRange<'a> {
    pub today: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub from_at: i64,
    pub to_at: i64,
    /// An id or a username.
    pub user: Option<&'a str>,
}

pub fn usage(conn: &Connection, r: &UsageRange<'_>) -> rusqlite::Result<Vec<UsageRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.username, u.display_name, u.role, u.daily_message_limit, \
         coalesce((SELECT sum(delta) FROM usage_ledger l WHERE l.user_id = u.id AND l.day = ?1), 0), \
         coalesce((SELECT sum(delta) FROM usage_ledger l WHERE l.user_id = u.id AND l.day BETWEEN ?2 AND ?3), 0), \
         coalesce(tk.p, 0), coalesce(tk.c, 0) \
         FROM users u LEFT JOIN (SELECT t.user_id AS uid, sum(m.prompt_tokens) AS p, sum(m.completion_tokens) AS c \
           FROM messages m JOIN threads t ON t.id = m.thread_id \
           WHERE m.role = 'assistant' AND m.created_at >= ?4 AND m.created_at < ?5 GROUP BY t.user_id) tk \
           ON tk.uid = u.id \
         WHERE (?6 IS NULL OR u.id = ?6 OR u.username = ?6) \
         ORDER BY u.username IS NULL, u.username, u.id",
    )?;
    let rows = stmt.query_map(params![r.today, r.from, r.to, r.from_at, r.to_at, r.user], |row| {
        Ok(UsageRow {
            user_id: row.get(0)?,
            username: row.get(1)?,
            display_name: row.get(2)?,
            role: row.get(3)?,
            daily_message_limit: row.get(4)?,
            used_today: row.get(5)?,
            messages: row.get(6)?,
            prompt_tokens: row.get(7)?,
            completion_tokens: row.get(8)?,
        })
    })?;
    rows.collect()
}
