//! The event log (PRODUCT E1). Callers write events inside the same transaction as the
//! change they record, so a change is never without its entry nor an entry without its change.
//! Never pass a password, token or key in `details`.

use rusqlite::{params, Connection};

use crate::access::UserId;
use crate::store::now;

pub fn log(
    conn: &Connection,
    kind: &str,
    user: Option<&UserId>,
    address: &str,
    details: serde_json::Value,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO events (at, kind, user_id, username, address, details) \
         VALUES (?1, ?2, ?3, (SELECT username FROM users WHERE id = ?3), ?4, ?5)",
    )?
    .execute(params![now(), kind, user.map(|u| u.as_str()), address, details.to_string()])?;
    tracing::info!(target: "hearth::security", kind, user = user.map(|u| u.as_str()), address, "event");
    Ok(())
}
