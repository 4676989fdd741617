//! Whole-database copies (PRODUCT C1): `hearth backup FILE` takes a consistent copy while a
//! server runs on the database (SQLite's online backup: pages copied in steps, restarting if
//! another connection writes meanwhile, so the copy is one moment's state), and `hearth
//! restore FILE` puts a copy into a data directory: a newer schema or a damaged file is
//! refused, and an existing database is never overwritten without `force`.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::migrate::{schema_version, LATEST_SCHEMA};
use super::StoreError;

/// Why a backup or a restore was refused, in words for the command line.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{path} already exists; choose another file name")]
    DestinationExists { path: String },
    #[error("there is no Hearth database at {path}")]
    NoDatabase { path: String },
    #[error(
        "{path} was written by a newer Hearth (schema {found}; this Hearth knows up to {known}); \
         restore it with that version"
    )]
    TooNew { path: String, found: i64, known: i64 },
    #[error("{path} is not a usable Hearth database: {reason}")]
    Damaged { path: String, reason: String },
    #[error(
        "the data directory already has a database ({path}); restoring would replace everything in \
         it. Stop Hearth, and run again with --force to replace it"
    )]
    WouldOverwrite { path: String },
}

impl From<rusqlite::Error> for BackupError {
    fn from(e: rusqlite::Error) -> Self {
        BackupError::Store(StoreError::from(e))
    }
}

fn copy(from: &Connection, to: &mut Connection) -> rusqlite::Result<()> {
    // 256 pages a step, a short pause between steps: a running server keeps writing.
    Backup::new(from, to)?.run_to_completion(256, Duration::from_millis(5), None)
}

/// Copies the database at `db` into the new file `dest` (never an existing one).
pub fn backup(db: &Path, dest: &Path) -> Result<(), BackupError> {
    if !db.is_file() {
        return Err(BackupError::NoDatabase { path: db.display().to_string() });
    }
    if dest.exists() {
        return Err(BackupError::DestinationExists { path: dest.display().to_string() });
    }
    super::register_extensions();
    let from = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    from.busy_timeout(Duration::from_secs(10))?;
    let mut to = Connection::open(dest)?;
    if let Err(e) = copy(&from, &mut to) {
        drop(to);
        let _ = std::fs::remove_file(dest);
        return Err(e.into());
    }
    // One file, no WAL beside it: the copy is complete on its own.
    to.pragma_update(None, "journal_mode", "DELETE")?;
    restrict(dest);
    Ok(())
}

/// Checks that `src` is a whole Hearth database this version can open; returns its schema.
pub fn check(src: &Path) -> Result<i64, BackupError> {
    let path = src.display().to_string();
    if !src.is_file() {
        return Err(BackupError::NoDatabase { path });
    }
    let damaged = |reason: String| BackupError::Damaged { path: path.clone(), reason };
    super::register_extensions();
    let conn = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| damaged(e.to_string()))?;
    let ok: String =
        conn.pragma_query_value(None, "integrity_check", |r| r.get(0)).map_err(|e| damaged(e.to_string()))?;
    if ok != "ok" {
        return Err(damaged(ok));
    }
    let found = schema_version(&conn).map_err(|e| damaged(e.to_string()))?;
    if found > LATEST_SCHEMA {
        return Err(BackupError::TooNew { path, found, known: LATEST_SCHEMA });
    }
    let has_users: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users')", [], |r| {
            r.get(0)
        })
        .map_err(|e| damaged(e.to_string()))?;
    if found < 1 || !has_users {
        return Err(damaged("it has no Hearth tables".into()));
    }
    Ok(found)
}

/// Puts the copy `src` into `db` (the data directory's database). An existing database is
/// replaced only with `force`; an older schema is brought up to date at the next start.
pub fn restore(src: &Path, db: &Path, force: bool) -> Result<i64, BackupError> {
    let schema = check(src)?;
    if db.exists() && !force {
        return Err(BackupError::WouldOverwrite { path: db.display().to_string() });
    }
    super::register_extensions();
    let from = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let mut to = Connection::open(db)?;
    to.busy_timeout(Duration::from_secs(10))?;
    copy(&from, &mut to)?;
    restrict(db);
    Ok(schema)
}

/// The database holds everyone's data: owner-only, like the data directory.
fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
}
