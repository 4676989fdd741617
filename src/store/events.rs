//! The `events` table (PRODUCT E1). Callers write events inside the same transaction as the
//! change they record, so a change is never without its entry nor an entry without its change.
//! Never pass a password, token or key in `details`.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::domain::events::EventKind;
use crate::domain::policy::UserId;
use crate::store::now;

pub fn log(
    conn: &Connection,
    kind: EventKind,
    user: Option<&UserId>,
    address: &str,
    details: serde_json::Value,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO events (at, kind, user_id, username, address, details) \
         VALUES (?1, ?2, ?3, (SELECT username FROM users WHERE id = ?3), ?4, ?5)",
    )?
    .execute(params![now(), kind.as_str(), user.map(|u| u.as_str()), address, details.to_string()])?;
    tracing::info!(target: "hearth::security", kind = kind.as_str(), user = user.map(|u| u.as_str()), address, "event");
    Ok(())
}

/// A row of `events`. The kind is kept as stored: a log written by another version may hold
/// kinds this one does not know.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: i64,
    pub at: i64,
    #[serde(rename = "type")]
    pub kind: String,
    pub user_id: Option<String>,
    pub username: Option<String>,
    /// The actor as people know them now: display name, else username; "Owner" for the owner
    /// who has no name yet (single-user mode). None for no actor, or one since removed.
    pub user_name: Option<String>,
    /// The account the event was about (`details.target`), by name.
    pub target_name: Option<String>,
    /// The workspace the event was about (`details.workspace`), by name.
    pub workspace_name: Option<String>,
    pub address: String,
    pub details: serde_json::Value,
}

#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub kind: Option<EventKind>,
    /// An id or a username.
    pub user: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// The newest first; `limit` rows from `offset`.
pub fn list(conn: &Connection, f: &Filter, limit: i64, offset: i64) -> rusqlite::Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.at, e.kind, e.user_id, e.username, e.address, e.details, \
           (SELECT CASE WHEN u.display_name <> '' THEN u.display_name WHEN u.username IS NOT NULL THEN u.username \
                        WHEN u.is_owner = 1 THEN 'Owner' END FROM users u WHERE u.id = e.user_id), \
           (SELECT coalesce(nullif(t.display_name, ''), t.username) FROM users t \
             WHERE t.id = json_extract(e.details, '$.target')), \
           (SELECT w.name FROM workspaces w WHERE w.id = json_extract(e.details, '$.workspace')) \
         FROM events e \
         WHERE (?1 IS NULL OR e.kind = ?1) AND (?2 IS NULL OR e.user_id = ?2 OR e.username = ?2) \
         AND (?3 IS NULL OR e.at >= ?3) AND (?4 IS NULL OR e.at <= ?4) \
         ORDER BY e.id DESC LIMIT ?5 OFFSET ?6",
    )?;
    let rows = stmt.query_map(params![f.kind.map(EventKind::as_str), f.user, f.from, f.to, limit, offset], |r| {
        let details: String = r.get(6)?;
        Ok(Event {
            id: r.get(0)?,
            at: r.get(1)?,
            kind: r.get(2)?,
            user_id: r.get(3)?,
            username: r.get(4)?,
            user_name: r.get(7)?,
            target_name: r.get(8)?,
            workspace_name: r.get(9)?,
            address: r.get(5)?,
            details: serde_json::from_str(&details).unwrap_or(serde_json::Value::Null),
        })
    })?;
    rows.collect()
}

/// Empties the log; returns how many entries went.
pub fn clear(conn: &Connection) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM events", [])
}
