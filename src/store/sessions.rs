//! Server-side sessions (ASVS 7.2). The cookie carries a 256-bit random token; the table
//! keeps only its SHA-256, so a copy of the database opens no session.

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::access::{SessionId, UserId};
use crate::store::{new_id, now, users};
use crate::store::users::User;

/// A new session's secret half, shown once to the client as its cookie value.
pub struct NewSession {
    pub id: SessionId,
    pub token: String,
    pub remember: bool,
}

pub struct SessionSpec<'a> {
    pub user_id: &'a UserId,
    pub is_host: bool,
    pub remember: bool,
    pub user_agent: &'a str,
    pub address: &'a str,
    /// Absolute lifetime in seconds.
    pub ttl_secs: i64,
}

pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

pub fn create(conn: &Connection, spec: &SessionSpec<'_>) -> rusqlite::Result<NewSession> {
    let token = crate::random_token();
    let id = new_id();
    let t = now();
    let ua: String = spec.user_agent.chars().take(256).collect();
    conn.prepare_cached(
        "INSERT INTO sessions (id, token_hash, user_id, is_host, remember, user_agent, address, \
         created_at, last_seen_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
    )?
    .execute(params![
        id,
        &token_hash(&token)[..],
        spec.user_id.as_str(),
        spec.is_host,
        spec.remember,
        ua,
        spec.address,
        t,
        t + spec.ttl_secs
    ])?;
    Ok(NewSession { id: SessionId(id), token, remember: spec.remember })
}

pub struct Live {
    pub id: SessionId,
    pub is_host: bool,
    pub user: User,
}

/// Finds the live session for a token together with its user's current state. Expired or
/// idle sessions are deleted on sight. `last_seen_at` is written at most every
/// `touch_every` seconds so that reads do not turn into a write per request.
pub fn lookup(
    conn: &Connection,
    token: &str,
    idle_secs: i64,
    touch_every: i64,
) -> rusqlite::Result<Option<Live>> {
    let hash = token_hash(token);
    let row = conn
        .prepare_cached(&format!(
            "SELECT s.id, s.is_host, s.last_seen_at, s.expires_at, {} \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1",
            users::COLUMNS
        ))?
        .query_row([&hash[..]], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                users::from_row(r, 4)?,
            ))
        })
        .optional()?;
    let Some((id, is_host, last_seen, expires, user)) = row else { return Ok(None) };
    let t = now();
    if t >= expires || t - last_seen > idle_secs {
        conn.prepare_cached("DELETE FROM sessions WHERE id = ?1")?.execute([&id])?;
        return Ok(None);
    }
    if t - last_seen >= touch_every {
        conn.prepare_cached("UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1")?
            .execute(params![id, t])?;
    }
    Ok(Some(Live { id: SessionId(id), is_host, user }))
}

pub fn delete(conn: &Connection, id: &SessionId) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM sessions WHERE id = ?1", [id.as_str()])? > 0)
}

/// Ends every session of a user but `keep` (password change keeps the current one).
pub fn delete_for_user(conn: &Connection, user: &UserId, keep: Option<&SessionId>) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM sessions WHERE user_id = ?1 AND id IS NOT ?2",
        params![user.as_str(), keep.map(|k| k.as_str())],
    )
}

pub fn purge_expired(conn: &Connection) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now()])
}
