//! Server-side sessions (ASVS 7.2). The cookie carries a 256-bit random token; the table
//! keeps only its SHA-256, so a copy of the database opens no session.

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::domain::policy::{Mode, Role, SessionId, UserId};
use crate::store::{new_id, now};

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

/// The parts of a live session and its user that every request needs. Deliberately lean:
/// this runs on every authenticated request.
pub struct Live {
    pub id: SessionId,
    pub is_host: bool,
    pub user_id: UserId,
    pub role: Role,
    pub is_owner: bool,
    pub suspended: bool,
}

/// What every request needs to know besides its own session.
pub struct InstallState {
    pub mode: Mode,
    pub owner_id: UserId,
    pub owner_has_password: bool,
    /// Why the session of the cookie given ended, when someone else ended it.
    pub ended: Option<EndReason>,
}

static LOOKUP_SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// One statement (so one read transaction) for everything a request's credentials need:
/// the mode, the owner's lock state, and the live session for `token` with its user's
/// current state. Expired or idle sessions are deleted on sight. `last_seen_at` is written
/// at most every `touch_every` seconds so that reads do not turn into a write per request.
pub fn lookup(
    conn: &Connection,
    token: Option<&str>,
    idle_secs: i64,
    touch_every: i64,
) -> rusqlite::Result<(InstallState, Option<Live>)> {
    let hash = token.map(token_hash).unwrap_or([0u8; 32]);
    let (state, row) = conn
        .prepare_cached(LOOKUP_SQL.get_or_init(|| {
            format!(
                "SELECT {MODE} AS mode, \
                    o.id, o.password_hash IS NOT NULL, \
                    s.id, s.is_host, s.last_seen_at, s.expires_at, u.id, u.role, u.is_owner, u.suspended, e.reason \
             FROM users o \
             LEFT JOIN sessions s ON s.token_hash = ?1 \
             LEFT JOIN ended_sessions e ON e.token_hash = ?1 \
             LEFT JOIN users u ON u.id = s.user_id \
             WHERE o.is_owner = 1",
                MODE = super::settings::MODE_VALUE_SQL
            )
        }))?
        .query_row([&hash[..]], |r| {
            let state = InstallState {
                mode: super::settings::parse_mode(r.get::<_, Option<String>>(0)?.as_deref()),
                owner_id: UserId(r.get(1)?),
                owner_has_password: r.get(2)?,
                ended: r.get::<_, Option<String>>(11)?.as_deref().and_then(EndReason::parse),
            };
            let session: Option<String> = r.get(3)?;
            let row = match session {
                None => None,
                Some(id) => {
                    let role: String = r.get(8)?;
                    Some((
                        r.get::<_, i64>(5)?,
                        r.get::<_, i64>(6)?,
                        Live {
                            id: SessionId(id),
                            is_host: r.get(4)?,
                            user_id: UserId(r.get(7)?),
                            role: Role::parse(&role).unwrap_or(Role::Default),
                            is_owner: r.get(9)?,
                            suspended: r.get(10)?,
                        },
                    ))
                }
            };
            Ok((state, row))
        })?;
    let Some((last_seen, expires, live)) = row else { return Ok((state, None)) };
    let t = now();
    if t >= expires || t - last_seen > idle_secs {
        conn.prepare_cached("DELETE FROM sessions WHERE id = ?1")?.execute([live.id.as_str()])?;
        return Ok((state, None));
    }
    if t - last_seen >= touch_every {
        conn.prepare_cached("UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1")?
            .execute(params![live.id.as_str(), t])?;
    }
    Ok((state, Some(live)))
}

pub fn delete(conn: &Connection, id: &SessionId) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM sessions WHERE id = ?1", [id.as_str()])? > 0)
}

/// Ends every session of a user but `keep` (password change keeps the current one).
/// Ends every session of `user` but `keep`. With a `reason`, each ended cookie is told why
/// at its next request (see [`ended_reason`]).
pub fn delete_for_user(
    conn: &Connection,
    user: &UserId,
    keep: Option<&SessionId>,
    reason: Option<EndReason>,
) -> rusqlite::Result<usize> {
    if let Some(r) = reason {
        conn.execute(
            "INSERT OR REPLACE INTO ended_sessions (token_hash, reason, ended_at) \
             SELECT token_hash, ?3, ?4 FROM sessions WHERE user_id = ?1 AND id IS NOT ?2",
            params![user.as_str(), keep.map(|k| k.as_str()), r.as_str(), now()],
        )?;
    }
    conn.execute(
        "DELETE FROM sessions WHERE user_id = ?1 AND id IS NOT ?2",
        params![user.as_str(), keep.map(|k| k.as_str())],
    )
}

pub fn purge_expired(conn: &Connection) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM ended_sessions WHERE ended_at <= ?1", [now() - ENDED_KEPT_SECS])?;
    conn.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now()])
}

/// How long an ended session's reason is kept.
const ENDED_KEPT_SECS: i64 = 7 * 86_400;

/// Why someone else ended a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndReason {
    Suspended,
    RoleChanged,
    PasswordReset,
    EndedByAdmin,
    PasswordChanged,
    Removed,
}

impl EndReason {
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Suspended => "suspended",
            EndReason::RoleChanged => "role_changed",
            EndReason::PasswordReset => "password_reset",
            EndReason::EndedByAdmin => "ended_by_admin",
            EndReason::PasswordChanged => "password_changed",
            EndReason::Removed => "removed",
        }
    }

    pub fn parse(s: &str) -> Option<EndReason> {
        [
            EndReason::Suspended,
            EndReason::RoleChanged,
            EndReason::PasswordReset,
            EndReason::EndedByAdmin,
            EndReason::PasswordChanged,
            EndReason::Removed,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// Ends the session whose cookie carries `token`, if any.
pub fn delete_by_token(conn: &Connection, token: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM sessions WHERE token_hash = ?1")?.execute([&token_hash(token)[..]])?;
    Ok(())
}

/// Ends every session but `keep`.
pub fn delete_all_but(conn: &Connection, keep: Option<&SessionId>) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM sessions WHERE id IS NOT ?1", [keep.map(|k| k.as_str())])
}

/// Ends one of `user`'s sessions; false when `user` has no session `id`.
pub fn delete_own(conn: &Connection, user: &UserId, id: &str) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM sessions WHERE id = ?1 AND user_id = ?2", [id, user.as_str()])? > 0)
}

/// A row of `sessions`, without its token hash.
#[derive(Clone, Debug)]
pub struct Session {
    pub id: SessionId,
    pub user_agent: String,
    pub address: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub is_host: bool,
    pub remember: bool,
}

/// A user's live sessions, the most recently used first.
pub fn list_for_user(conn: &Connection, user: &UserId) -> rusqlite::Result<Vec<Session>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, user_agent, address, created_at, last_seen_at, expires_at, is_host, remember FROM sessions \
         WHERE user_id = ?1 AND expires_at > ?2 ORDER BY last_seen_at DESC",
    )?;
    let rows = stmt.query_map(params![user.as_str(), now()], |r| {
        Ok(Session {
            id: SessionId(r.get(0)?),
            user_agent: r.get(1)?,
            address: r.get(2)?,
            created_at: r.get(3)?,
            last_seen_at: r.get(4)?,
            expires_at: r.get(5)?,
            is_host: r.get(6)?,
            remember: r.get(7)?,
        })
    })?;
    rows.collect()
}

/// Accounts with a session used within the idle timeout.
pub fn users_online(conn: &Connection, idle_secs: i64) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "SELECT count(DISTINCT user_id) FROM sessions WHERE expires_at > ?1 AND last_seen_at > ?1 - ?2",
    )?
    .query_row(params![now(), idle_secs], |r| r.get(0))
}

/// Keeps a host link's secret (its hash) until `expires_at`; expired ones are dropped.
pub fn add_host_link(conn: &Connection, secret: &str, expires_at: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM host_links WHERE expires_at <= ?1", [now()])?;
    conn.execute(
        "INSERT INTO host_links (hash, expires_at) VALUES (?1, ?2)",
        params![token_hash(secret).to_vec(), expires_at],
    )?;
    Ok(())
}

/// Spends a host link: true when `secret` is one that has not expired (it is deleted either
/// way: one use). The lookup is by hash, so no secret is compared byte by byte.
pub fn take_host_link(conn: &Connection, secret: &str, at: i64) -> rusqlite::Result<bool> {
    let hash = token_hash(secret).to_vec();
    let expires: Option<i64> = conn
        .query_row("DELETE FROM host_links WHERE hash = ?1 RETURNING expires_at", [&hash], |r| r.get(0))
        .optional()?;
    Ok(expires.is_some_and(|e| e > at))
}
