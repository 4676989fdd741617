//! The `usage_ledger` table (PRODUCT L1): append-only rows of +1 (a message admitted) and -1
//! (given back when the model failed before its first token).

use rusqlite::{params, Connection};

use crate::domain::policy::UserId;

/// Messages counted against `user` on `day` (UTC, `YYYY-MM-DD`).
pub fn used(conn: &Connection, user: &UserId, day: &str) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT coalesce(sum(delta), 0) FROM usage_ledger WHERE user_id = ?1 AND day = ?2")?
        .query_row(params![user.as_str(), day], |r| r.get(0))
}

/// Appends one row: +1 when a message is admitted, -1 when it is given back.
pub fn append(
    conn: &Connection,
    user: &UserId,
    day: &str,
    delta: i64,
    message_id: &str,
    at: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO usage_ledger (user_id, day, delta, message_id, at) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![user.as_str(), day, delta, message_id, at])?;
    Ok(())
}

/// True when the message was admitted and not given back yet (a refund happens at most once).
pub fn reserved(conn: &Connection, message_id: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT coalesce(sum(delta), 0) > 0 FROM usage_ledger WHERE message_id = ?1")?
        .query_row([message_id], |r| r.get(0))
}

/// Every user's count on `day`: (user id, username, used).
pub fn per_user(conn: &Connection, day: &str) -> rusqlite::Result<Vec<(String, Option<String>, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.username, coalesce((SELECT sum(delta) FROM usage_ledger l WHERE l.user_id = u.id AND l.day = ?1), 0) \
         FROM users u ORDER BY u.username",
    )?;
    let rows = stmt.query_map([day], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// `user`'s count per UTC day, oldest first.
pub fn daily(conn: &Connection, user: &UserId) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut stmt =
        conn.prepare("SELECT day, sum(delta) FROM usage_ledger WHERE user_id = ?1 GROUP BY day ORDER BY day")?;
    let rows = stmt.query_map([user.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}
