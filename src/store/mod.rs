//! The store: one SQLite file in WAL mode, a small pool of connections, migrations.
//!
//! Blocking database work never runs on the async workers: every call goes through
//! [`Db::run`] / [`Db::write`], which hop onto tokio's blocking pool.

pub mod backup;
pub mod documents;
pub mod events;
pub mod memories;
mod migrate;
pub mod providers;
pub mod reports;
pub mod sessions;
pub mod settings;
pub mod threads;
pub mod usage;
pub mod users;
pub mod workspaces;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use migrate::{schema_version, LATEST_SCHEMA};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "this database was written by a newer Hearth (schema {found}; this Hearth knows up to \
         {known}). Upgrade Hearth, or restore a backup made by this version."
    )]
    TooNew { found: i64, known: i64 },
    #[error("database task failed: {0}")]
    Join(String),
    #[error("cannot use data directory {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// How long a connection waits on a locked database before giving up. Writers are short
/// (one transaction per request), so a few seconds covers any real contention.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections in the pool, and so the number of database calls that run at once. SQLite
/// work is CPU-bound and short: more threads than a few per core only add switching and
/// (beyond the pool) the cost of opening connections.
fn pool_size() -> usize {
    std::thread::available_parallelism().map(|n| n.get() + 1).unwrap_or(3).clamp(3, 9)
}

#[derive(Clone)]
pub struct Db {
    inner: Arc<DbInner>,
}

struct DbInner {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    /// One permit per pooled connection: async callers wait here, not on a blocking thread.
    permits: tokio::sync::Semaphore,
    keep: usize,
}

impl Db {
    /// Opens (creating if needed) the database file and brings its schema up to date in one
    /// transaction. Refuses a database from a newer Hearth.
    pub fn open(path: &Path) -> Result<Db, StoreError> {
        let mut conn = open_conn(path)?;
        migrate::migrate(&mut conn)?;
        let keep = pool_size();
        let db = Db {
            inner: Arc::new(DbInner {
                path: path.to_owned(),
                idle: Mutex::new(Vec::new()),
                permits: tokio::sync::Semaphore::new(keep),
                keep,
            }),
        };
        db.put_back(conn);
        Ok(db)
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    fn take(&self) -> Result<Connection, StoreError> {
        let pooled = self.inner.idle.lock().ok().and_then(|mut v| v.pop());
        match pooled {
            Some(c) => Ok(c),
            None => open_conn(&self.inner.path),
        }
    }

    fn put_back(&self, conn: Connection) {
        if let Ok(mut v) = self.inner.idle.lock() {
            if v.len() < self.inner.keep {
                v.push(conn);
            }
        }
    }

    /// Runs `f` with a connection on the blocking pool.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, E> + Send + 'static,
    {
        let _permit = self.inner.permits.acquire().await.map_err(|e| E::from(StoreError::Join(e.to_string())))?;
        let db = self.clone();
        // The caller's span (a request's id) stays on the log lines written from the pool.
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || {
            let _entered = span.enter();
            db.run_blocking(f)
        })
        .await
        .map_err(|e| E::from(StoreError::Join(e.to_string())))?
    }

    /// Runs `f` inside one IMMEDIATE transaction (the write lock is taken up front, so two
    /// writers never deadlock on an upgrade). Commits when `f` returns Ok, rolls back
    /// otherwise: a multi-step change is all or nothing (PRODUCT N2).
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T, E> + Send + 'static,
    {
        self.run(move |conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| E::from(StoreError::from(e)))?;
            let out = f(&tx)?;
            tx.commit().map_err(|e| E::from(StoreError::from(e)))?;
            Ok(out)
        })
        .await
    }

    /// The same as [`Db::run`] for code that is already off the async workers (CLI).
    pub fn run_blocking<T, E, F>(&self, f: F) -> Result<T, E>
    where
        E: From<StoreError>,
        F: FnOnce(&mut Connection) -> Result<T, E>,
    {
        let mut conn = self.take().map_err(E::from)?;
        let out = f(&mut conn);
        // A connection left inside a transaction by a panic or an early return is not
        // reused.
        if conn.is_autocommit() {
            self.put_back(conn);
        }
        out
    }
}

/// Registers sqlite-vec (the `vec0` tables of passage vectors) with every connection this
/// process opens from now on. Called before any connection is opened.
pub(crate) fn register_extensions() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_vec_init has the signature of an SQLite extension entry point
        // (`int (sqlite3*, char**, const sqlite3_api_routines*)`); sqlite3_auto_extension
        // takes it as such and calls it for each new connection. It is linked statically,
        // built against the same SQLite as rusqlite's bundled one.
        #[allow(unsafe_code, clippy::missing_transmute_annotations)]
        unsafe {
            rusqlite::ffi::sqlite3_auto_extension(Some(std::mem::transmute(sqlite_vec::sqlite3_vec_init as *const ())));
        }
    });
}

fn open_conn(path: &Path) -> Result<Connection, StoreError> {
    register_extensions();
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL + synchronous=NORMAL: a commit survives a process kill -9 (the WAL is written
    // before the commit returns); only a power loss may drop the last transactions, never
    // corrupt the file. https://www.sqlite.org/wal.html
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// Seconds since the Unix epoch; the store's one clock.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// A fresh opaque id: 128 random bits, hex.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}
