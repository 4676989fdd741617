//! The `settings` table: one JSON value per key, read into the typed [`Settings`] (whose
//! defaults fill what was never set) and the mode.

use std::net::IpAddr;

use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::domain::policy::Mode;
use crate::domain::settings::{LoginStyle, Settings};

/// The keys of the table. Existing databases carry them: renaming one loses its value.
mod keys {
    pub const MODE: &str = "mode";
    pub const IDLE_TIMEOUT: &str = "idle_timeout_secs";
    pub const LOGIN_STYLE: &str = "login_style";
    pub const LAN_BIND: &str = "lan_bind";
    pub const LAN_PORT: &str = "lan_port";
    pub const LAN_PINNED: &str = "lan_pinned_url";
    pub const ALLOWED_HOSTS: &str = "allowed_hosts";
    pub const QUEUE_PER_USER: &str = "queue_per_user";
    pub const QUEUE_TOTAL: &str = "queue_total";
    pub const UPLOAD_MAX_MB: &str = "upload_max_mb";
}

fn raw(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()
}

fn get<T: DeserializeOwned>(conn: &Connection, key: &str) -> rusqlite::Result<Option<T>> {
    Ok(raw(conn, key)?.and_then(|s| serde_json::from_str(&s).ok()))
}

fn set(conn: &Connection, key: &str, value: &serde_json::Value) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value.to_string()])?;
    Ok(())
}

/// Every setting, with the defaults for those never set (or unreadable).
pub fn load(conn: &Connection) -> rusqlite::Result<Settings> {
    let d = Settings::default();
    Ok(Settings {
        idle_timeout_secs: get(conn, keys::IDLE_TIMEOUT)?.unwrap_or(d.idle_timeout_secs),
        login_style: get::<LoginStyle>(conn, keys::LOGIN_STYLE)?.unwrap_or(d.login_style),
        lan_bind: get::<String>(conn, keys::LAN_BIND)?.and_then(|s| s.parse::<IpAddr>().ok()).unwrap_or(d.lan_bind),
        lan_port: get(conn, keys::LAN_PORT)?.unwrap_or(d.lan_port),
        lan_pinned_url: get::<Option<String>>(conn, keys::LAN_PINNED)?.flatten(),
        allowed_hosts: get(conn, keys::ALLOWED_HOSTS)?.unwrap_or(d.allowed_hosts),
        queue_per_user: get(conn, keys::QUEUE_PER_USER)?.unwrap_or(d.queue_per_user),
        queue_total: get(conn, keys::QUEUE_TOTAL)?.unwrap_or(d.queue_total),
        upload_max_mb: get(conn, keys::UPLOAD_MAX_MB)?.unwrap_or(d.upload_max_mb),
    })
}

/// Writes every setting (inside the caller's transaction).
pub fn save(conn: &Connection, s: &Settings) -> rusqlite::Result<()> {
    set(conn, keys::IDLE_TIMEOUT, &json!(s.idle_timeout_secs))?;
    set(conn, keys::LOGIN_STYLE, &json!(s.login_style))?;
    set(conn, keys::LAN_BIND, &json!(s.lan_bind.to_string()))?;
    set(conn, keys::LAN_PORT, &json!(s.lan_port))?;
    set(conn, keys::LAN_PINNED, &json!(s.lan_pinned_url))?;
    set(conn, keys::ALLOWED_HOSTS, &json!(s.allowed_hosts))?;
    set(conn, keys::QUEUE_PER_USER, &json!(s.queue_per_user))?;
    set(conn, keys::QUEUE_TOTAL, &json!(s.queue_total))?;
    set(conn, keys::UPLOAD_MAX_MB, &json!(s.upload_max_mb))?;
    Ok(())
}

/// The stored mode: the one way to read it (also inside [`super::sessions::lookup`]'s
/// statement, which selects the same raw value).
pub fn parse_mode(raw: Option<&str>) -> Mode {
    match raw.and_then(|s| serde_json::from_str::<Mode>(s).ok()) {
        Some(Mode::Multi) => Mode::Multi,
        _ => Mode::Single,
    }
}

/// The SQL expression [`super::sessions::lookup`] uses for the raw mode value.
pub(crate) const MODE_VALUE_SQL: &str = "(SELECT value FROM settings WHERE key = 'mode')";

pub fn mode(conn: &Connection) -> rusqlite::Result<Mode> {
    Ok(parse_mode(raw(conn, keys::MODE)?.as_deref()))
}

pub fn set_mode(conn: &Connection, mode: Mode) -> rusqlite::Result<()> {
    set(conn, keys::MODE, &json!(mode))
}
