//! The `providers` table: OpenAI-compatible providers. Their API keys are not here (the
//! secrets store holds them); `has_key` only says whether one was given.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::store::{new_id, now};

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub base_url: String,
    pub has_key: bool,
    /// Replies it writes at once (its line in the queue).
    pub concurrency: u32,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, name, base_url, has_key, created_at, updated_at, concurrency";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Provider> {
    Ok(Provider {
        id: r.get(0)?,
        name: r.get(1)?,
        base_url: r.get(2)?,
        has_key: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
        concurrency: r.get(6)?,
    })
}

pub fn list(conn: &Connection) -> rusqlite::Result<Vec<Provider>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM providers ORDER BY name"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}

pub fn get(conn: &Connection, id: &str) -> rusqlite::Result<Option<Provider>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM providers WHERE id = ?1"))?.query_row([id], from_row).optional()
}

pub fn name_taken(conn: &Connection, name: &str, except: Option<&str>) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM providers WHERE name = ?1 AND id IS NOT ?2)")?
        .query_row(params![name, except], |r| r.get(0))
}

pub fn insert(
    conn: &Connection,
    name: &str,
    base_url: &str,
    has_key: bool,
    concurrency: u32,
) -> rusqlite::Result<Provider> {
    let (id, t) = (new_id(), now());
    conn.execute(
        "INSERT INTO providers (id, name, base_url, has_key, concurrency, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, name, base_url, has_key, concurrency, t],
    )?;
    Ok(Provider {
        id,
        name: name.into(),
        base_url: base_url.into(),
        has_key,
        concurrency,
        created_at: t,
        updated_at: t,
    })
}

pub fn update(
    conn: &Connection,
    id: &str,
    name: Option<&str>,
    base_url: Option<&str>,
    has_key: Option<bool>,
    concurrency: Option<u32>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE providers SET name = COALESCE(?2, name), base_url = COALESCE(?3, base_url), \
         has_key = COALESCE(?4, has_key), concurrency = COALESCE(?6, concurrency), updated_at = ?5 WHERE id = ?1",
        params![id, name, base_url, has_key, now(), concurrency],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, id: &str) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM providers WHERE id = ?1", [id])? > 0)
}
