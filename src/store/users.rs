//! The `users` table.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::access::{Role, UserId};
use crate::store::now;

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: UserId,
    pub username: Option<String>,
    pub display_name: String,
    pub bio: String,
    pub role: Role,
    pub is_owner: bool,
    pub suspended: bool,
    pub daily_message_limit: Option<i64>,
    pub preferences: serde_json::Value,
    pub has_avatar: bool,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub created_at: i64,
}

pub(crate) const COLUMNS: &str = "u.id, u.username, u.display_name, u.bio, u.role, u.is_owner, \
     u.suspended, u.daily_message_limit, u.preferences, u.password_hash, u.created_at, u.avatar IS NOT NULL";

pub(crate) fn from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<User> {
    let role: String = r.get(at + 4)?;
    let prefs: String = r.get(at + 8)?;
    Ok(User {
        id: UserId(r.get(at)?),
        username: r.get(at + 1)?,
        display_name: r.get(at + 2)?,
        bio: r.get(at + 3)?,
        role: Role::parse(&role).unwrap_or(Role::Default),
        is_owner: r.get(at + 5)?,
        suspended: r.get(at + 6)?,
        daily_message_limit: r.get(at + 7)?,
        preferences: serde_json::from_str(&prefs).unwrap_or(serde_json::Value::Object(Default::default())),
        password_hash: r.get(at + 9)?,
        created_at: r.get(at + 10)?,
        has_avatar: r.get(at + 11)?,
    })
}

pub fn owner(conn: &Connection) -> rusqlite::Result<User> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM users u WHERE u.is_owner = 1"))?
        .query_row([], |r| from_row(r, 0))
}

pub fn get(conn: &Connection, id: &UserId) -> rusqlite::Result<Option<User>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM users u WHERE u.id = ?1"))?
        .query_row([id.as_str()], |r| from_row(r, 0))
        .optional()
}

pub fn set_password_hash(conn: &Connection, id: &UserId, hash: Option<&str>) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.as_str(), hash, now()],
    )?;
    Ok(())
}

/// The same password, hashed anew with today's parameters: stored only if the hash is still
/// the one that was verified (a password change in between wins). Not a password change:
/// sessions stay.
pub fn replace_hash(conn: &Connection, id: &UserId, old: &str, new: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET password_hash = ?3 WHERE id = ?1 AND password_hash = ?2",
        params![id.as_str(), old, new],
    )?;
    Ok(())
}

/// Self-service profile fields only; role, suspension and limits are not reachable here.
pub struct ProfilePatch {
    pub display_name: Option<String>,
    pub bio: Option<String>,
    pub preferences: Option<serde_json::Value>,
}

pub fn update_profile(conn: &Connection, id: &UserId, p: &ProfilePatch) -> rusqlite::Result<()> {
    let prefs = p.preferences.as_ref().map(|v| v.to_string());
    conn.execute(
        "UPDATE users SET display_name = COALESCE(?2, display_name), bio = COALESCE(?3, bio), \
         preferences = COALESCE(?4, preferences), updated_at = ?5 WHERE id = ?1",
        params![id.as_str(), p.display_name, p.bio, prefs, now()],
    )?;
    Ok(())
}
