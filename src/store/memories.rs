//! The `memories` table (PRODUCT A4). Every query takes the owner: a memory is only ever read
//! or changed by its owner.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::domain::policy::UserId;
use crate::store::{new_id, now};

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Memory {
    pub id: String,
    pub content: String,
    pub source_message_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, content, source_message_id, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Memory> {
    Ok(Memory {
        id: r.get(0)?,
        content: r.get(1)?,
        source_message_id: r.get(2)?,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
    })
}

/// The owner's memories, newest first.
pub fn list(conn: &Connection, owner: &UserId) -> rusqlite::Result<Vec<Memory>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM memories WHERE user_id = ?1 ORDER BY created_at DESC, rowid DESC"
    ))?;
    let rows = stmt.query_map([owner.as_str()], from_row)?;
    rows.collect()
}

pub fn count(conn: &Connection, owner: &UserId) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT count(*) FROM memories WHERE user_id = ?1")?.query_row([owner.as_str()], |r| r.get(0))
}

pub fn get(conn: &Connection, owner: &UserId, id: &str) -> rusqlite::Result<Option<Memory>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM memories WHERE id = ?1 AND user_id = ?2"))?
        .query_row(params![id, owner.as_str()], from_row)
        .optional()
}

pub fn insert(conn: &Connection, owner: &UserId, content: &str, source: Option<&str>) -> rusqlite::Result<Memory> {
    let (id, t) = (new_id(), now());
    conn.prepare_cached(
        "INSERT INTO memories (id, user_id, content, source_message_id, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![id, owner.as_str(), content, source, t])?;
    Ok(Memory {
        id,
        content: content.into(),
        source_message_id: source.map(str::to_string),
        created_at: t,
        updated_at: t,
    })
}

/// Changes the owner's memory; false when it is not theirs.
pub fn update(conn: &Connection, owner: &UserId, id: &str, content: &str) -> rusqlite::Result<bool> {
    let n = conn
        .prepare_cached("UPDATE memories SET content = ?3, updated_at = ?4 WHERE id = ?1 AND user_id = ?2")?
        .execute(params![id, owner.as_str(), content, now()])?;
    Ok(n > 0)
}

/// Removes the owner's memory; false when it is not theirs.
pub fn delete(conn: &Connection, owner: &UserId, id: &str) -> rusqlite::Result<bool> {
    let n = conn
        .prepare_cached("DELETE FROM memories WHERE id = ?1 AND user_id = ?2")?
        .execute(params![id, owner.as_str()])?;
    Ok(n > 0)
}
