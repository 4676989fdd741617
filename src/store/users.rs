//! The `users` table: one row type, [`User`], and every statement on it.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::domain::policy::{Role, UserId, WorkspaceId};
use crate::store::{new_id, now};

/// A row of `users`. The hash never leaves the engine: the domain's views leave it out.
#[derive(Clone, Debug)]
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
    pub password_hash: Option<String>,
    pub created_at: i64,
    pub last_login_at: Option<i64>,
}

const COLUMNS: &str = "u.id, u.username, u.display_name, u.bio, u.role, u.is_owner, u.suspended, \
     u.daily_message_limit, u.preferences, u.password_hash, u.created_at, u.avatar IS NOT NULL, u.last_login_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<User> {
    let role: String = r.get(4)?;
    let prefs: String = r.get(8)?;
    Ok(User {
        id: UserId(r.get(0)?),
        username: r.get(1)?,
        display_name: r.get(2)?,
        bio: r.get(3)?,
        role: Role::parse(&role).unwrap_or(Role::Default),
        is_owner: r.get(5)?,
        suspended: r.get(6)?,
        daily_message_limit: r.get(7)?,
        preferences: serde_json::from_str(&prefs).unwrap_or(serde_json::Value::Object(Default::default())),
        password_hash: r.get(9)?,
        created_at: r.get(10)?,
        has_avatar: r.get(11)?,
        last_login_at: r.get(12)?,
    })
}

pub fn owner(conn: &Connection) -> rusqlite::Result<User> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM users u WHERE u.is_owner = 1"))?.query_row([], from_row)
}

pub fn get(conn: &Connection, id: &UserId) -> rusqlite::Result<Option<User>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM users u WHERE u.id = ?1"))?
        .query_row([id.as_str()], from_row)
        .optional()
}

pub fn by_username(conn: &Connection, name: &str) -> rusqlite::Result<Option<User>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM users u WHERE u.username = ?1"))?
        .query_row([name], from_row)
        .optional()
}

/// Every account, the owner first, then by username.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<User>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM users u ORDER BY u.is_owner DESC, u.username"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}

/// The workspaces a user is a member of.
pub fn workspace_ids(conn: &Connection, id: &UserId) -> rusqlite::Result<Vec<WorkspaceId>> {
    let mut stmt =
        conn.prepare_cached("SELECT workspace_id FROM workspace_members WHERE user_id = ?1 ORDER BY workspace_id")?;
    let rows = stmt.query_map([id.as_str()], |r| Ok(WorkspaceId(r.get(0)?)))?;
    rows.collect()
}

/// The role of a user, if the user exists.
pub fn role_of(conn: &Connection, id: &str) -> rusqlite::Result<Option<Role>> {
    let role: Option<String> =
        conn.prepare_cached("SELECT role FROM users WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?;
    Ok(role.map(|r| Role::parse(&r).unwrap_or(Role::Default)))
}

/// True when another account than `except` (or the owner, with `ignore_owner`) has the name.
pub fn username_taken(conn: &Connection, name: &str, ignore_owner: bool) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM users WHERE username = ?1 AND NOT (?2 AND is_owner = 1))")?
        .query_row(params![name, ignore_owner], |r| r.get(0))
}

pub struct NewUserRow<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub daily_message_limit: Option<i64>,
}

pub fn insert(conn: &Connection, u: &NewUserRow<'_>) -> rusqlite::Result<UserId> {
    let id = new_id();
    conn.execute(
        "INSERT INTO users (id, username, display_name, role, password_hash, daily_message_limit, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![id, u.username, u.display_name, u.role.as_str(), u.password_hash, u.daily_message_limit, now()],
    )?;
    Ok(UserId(id))
}

/// What an admin or manager may change of an account; `None` leaves a field as it is.
#[derive(Default)]
pub struct AdminPatch<'a> {
    pub role: Option<Role>,
    pub suspended: Option<bool>,
    pub daily_message_limit: Option<Option<i64>>,
    pub display_name: Option<&'a str>,
}

pub fn update_admin_fields(conn: &Connection, id: &UserId, p: &AdminPatch<'_>) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET role = COALESCE(?2, role), suspended = COALESCE(?3, suspended), \
         daily_message_limit = CASE WHEN ?4 THEN ?5 ELSE daily_message_limit END, \
         display_name = COALESCE(?6, display_name), updated_at = ?7 WHERE id = ?1",
        params![
            id.as_str(),
            p.role.map(Role::as_str),
            p.suspended,
            p.daily_message_limit.is_some(),
            p.daily_message_limit.flatten(),
            p.display_name,
            now()
        ],
    )?;
    Ok(())
}

/// Active admins other than `id`.
pub fn other_active_admins(conn: &Connection, id: &UserId) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT count(*) FROM users WHERE role = 'admin' AND suspended = 0 AND id <> ?1")?
        .query_row([id.as_str()], |r| r.get(0))
}

/// Deletes an account: its sessions, memberships and threads go with it (foreign keys);
/// workspaces it created pass to the owner. Returns (threads removed, workspaces moved).
pub fn delete(conn: &Connection, id: &UserId) -> rusqlite::Result<(i64, usize)> {
    let threads: i64 =
        conn.query_row("SELECT count(*) FROM threads WHERE user_id = ?1", [id.as_str()], |r| r.get(0))?;
    let moved = conn.execute(
        "UPDATE workspaces SET owner_id = (SELECT id FROM users WHERE is_owner = 1) WHERE owner_id = ?1",
        [id.as_str()],
    )?;
    conn.execute("DELETE FROM users WHERE id = ?1", [id.as_str()])?;
    Ok((threads, moved))
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

/// The names (display name, else username) of the admins who can act, but `except`: whom a
/// locked-out person should ask.
pub fn active_admin_names(conn: &Connection, except: Option<&UserId>) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(nullif(display_name, ''), username) FROM users \
         WHERE role = 'admin' AND suspended = 0 AND id IS NOT ?1 ORDER BY is_owner DESC, created_at LIMIT 3",
    )?;
    let rows = stmt.query_map([except.map(|u| u.as_str())], |r| r.get::<_, Option<String>>(0))?;
    Ok(rows.filter_map(|r| r.ok().flatten()).collect())
}

pub fn touch_login(conn: &Connection, id: &UserId) -> rusqlite::Result<()> {
    conn.execute("UPDATE users SET last_login_at = ?2 WHERE id = ?1", params![id.as_str(), now()])?;
    Ok(())
}

/// The owner becomes the admin (the switch to multi-user): a name, a password (or the one it
/// has), the admin role, active.
pub fn make_owner_admin(conn: &Connection, username: &str, hash: Option<&str>) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET username = ?1, password_hash = COALESCE(?2, password_hash), role = 'admin', suspended = 0, \
         updated_at = ?3 WHERE is_owner = 1",
        params![username, hash, now()],
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

pub fn set_avatar(conn: &Connection, id: &UserId, data: &[u8], kind: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET avatar = ?2, avatar_type = ?3, updated_at = ?4 WHERE id = ?1",
        params![id.as_str(), data, kind, now()],
    )?;
    Ok(())
}

/// Removes the avatar; false when there was none.
pub fn clear_avatar(conn: &Connection, id: &UserId) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "UPDATE users SET avatar = NULL, avatar_type = NULL, updated_at = ?2 WHERE id = ?1 AND avatar IS NOT NULL",
        params![id.as_str(), now()],
    )?;
    Ok(n > 0)
}

/// An avatar and its type; a suspended account's only with `include_suspended`.
pub fn avatar(conn: &Connection, id: &str, include_suspended: bool) -> rusqlite::Result<Option<(Vec<u8>, String)>> {
    conn.prepare_cached(
        "SELECT avatar, avatar_type FROM users WHERE id = ?1 AND avatar IS NOT NULL AND (?2 OR suspended = 0)",
    )?
    .query_row(params![id, include_suspended], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()
}

/// Active accounts with a username, for the login list.
pub fn active_named(conn: &Connection) -> rusqlite::Result<Vec<User>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM users u WHERE u.suspended = 0 AND u.username IS NOT NULL ORDER BY u.display_name, u.username"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}
