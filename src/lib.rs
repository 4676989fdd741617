//! Hearth's engine: storage, accounts, access rules and the HTTP server. The command line
//! (`src/main.rs`) and the desktop shell (`src-tauri`) are thin faces on it.

pub mod access;
pub mod accounts;
pub mod auth;
pub mod config;
pub mod error;
pub mod http;
pub mod lan;
pub mod mode;
pub mod secrets;
pub mod store;

use std::net::SocketAddr;
use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::RngCore;

use crate::auth::password::Hasher;
use crate::auth::throttle::Throttle;
use crate::config::EngineConfig;
use crate::store::Db;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
}

/// One open data directory and everything the server needs. Cheap to clone.
#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: Arc<EngineInner>,
}

pub(crate) struct EngineInner {
    pub db: Db,
    pub hasher: Hasher,
    pub throttle: Throttle,
    /// The per-launch host secret; taken (and so spent) by its first use.
    pub host_secret: Mutex<Option<String>>,
    /// Inactivity timeout in seconds, also the single-user idle lock.
    pub idle_timeout_secs: AtomicU64,
    pub idle_override: bool,
    /// SHA-256 of the host grants handed out by `/host-login` in this launch.
    pub host_grants: Mutex<HashSet<[u8; 32]>>,
    /// The LAN listener while it runs.
    pub lan: tokio::sync::Mutex<Option<lan::Running>>,
    /// Host names allowed besides loopback (see `lan::refresh_allowed_hosts`).
    pub allowed_hosts: std::sync::RwLock<Vec<String>>,
    /// Bumped on every change a shell shows (mode, LAN server, lock): the tray listens.
    pub changes: tokio::sync::watch::Sender<u64>,
}

impl Engine {
    /// Opens the data directory (created 0700 if missing), migrates the database, and
    /// mints this launch's host secret.
    pub fn open(cfg: &EngineConfig) -> Result<Engine, EngineError> {
        ensure_private_dir(&cfg.data_dir)?;
        let db = Db::open(&cfg.data_dir.join("hearth.db"))?;
        let idle = match cfg.idle_timeout_override {
            Some(d) => d.as_secs().max(1),
            None => db.run_blocking(|c| {
                Ok::<_, store::StoreError>(
                    store::settings::get(c, config_keys::IDLE_TIMEOUT)?
                        .and_then(|v| v.as_u64())
                        .unwrap_or(config::DEFAULT_IDLE_TIMEOUT.as_secs()),
                )
            })?,
        };
        let engine = Engine {
            inner: Arc::new(EngineInner {
                db,
                hasher: Hasher::new(),
                throttle: Throttle::default(),
                host_secret: Mutex::new(None),
                idle_timeout_secs: AtomicU64::new(idle),
                idle_override: cfg.idle_timeout_override.is_some(),
                host_grants: Mutex::new(HashSet::new()),
                lan: tokio::sync::Mutex::new(None),
                allowed_hosts: std::sync::RwLock::new(Vec::new()),
                changes: tokio::sync::watch::channel(0).0,
            }),
        };
        engine.new_host_secret();
        Ok(engine)
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    /// Replaces the host secret with a fresh one and returns it. Whoever holds it can open
    /// one host session from loopback through `/host-login?secret=…`.
    pub fn new_host_secret(&self) -> String {
        let s = random_token();
        if let Ok(mut slot) = self.inner.host_secret.lock() {
            *slot = Some(s.clone());
        }
        s
    }

    pub(crate) fn new_host_grant(&self) -> String {
        let token = random_token();
        if let Ok(mut g) = self.inner.host_grants.lock() {
            g.insert(store::sessions::token_hash(&token));
        }
        token
    }

    pub(crate) fn has_host_grant(&self, headers: &axum::http::HeaderMap) -> bool {
        let Some(t) = http::extract::cookie(headers, http::extract::HOST_COOKIE) else { return false };
        let h = store::sessions::token_hash(&t);
        self.inner.host_grants.lock().is_ok_and(|g| g.contains(&h))
    }

    /// A receiver that wakes on every change the desktop shell shows (mode, LAN server,
    /// lock). Read the new state with [`Engine::mode`] and [`Engine::lan_status`].
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.inner.changes.subscribe()
    }

    pub(crate) fn changed(&self) {
        self.inner.changes.send_modify(|n| *n += 1);
    }

    pub fn idle_timeout(&self) -> Duration {
        Duration::from_secs(self.inner.idle_timeout_secs.load(Ordering::Relaxed))
    }

    /// One trip to the database for a request: check the caller's credentials, then run `f`
    /// with the authenticated principal on the same connection. Hot read paths use this so
    /// that a request costs one hop to the blocking pool, not two.
    pub(crate) async fn run_as<T, F>(&self, creds: http::extract::Creds, f: F) -> error::ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Connection, &access::Principal) -> error::ApiResult<T> + Send + 'static,
    {
        let idle = self.idle_timeout().as_secs() as i64;
        self.db()
            .run(move |conn| {
                let (who, _) = creds.resolve(conn, idle)?.require()?;
                f(conn, &who)
            })
            .await
    }

    /// Binds `addr` and serves the API and UI until [`Server::shutdown`].
    pub async fn serve(&self, addr: SocketAddr) -> Result<Server, EngineError> {
        http::serve(self.clone(), addr).await
    }
}

pub use http::Server;

/// Keys of the `settings` table.
/// Waits for the signal to stop: Ctrl-C (SIGINT), or SIGTERM on Unix (a service manager, the
/// desktop's session ending). `hearth serve` and the desktop shell both stop gracefully on it.
pub async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

pub mod config_keys {
    pub const IDLE_TIMEOUT: &str = "idle_timeout_secs";
    pub const MODE: &str = "mode";
    pub const LAN_BIND: &str = "lan_bind";
    pub const LAN_PORT: &str = "lan_port";
    pub const LAN_PINNED: &str = "lan_pinned_url";
    pub const ALLOWED_HOSTS: &str = "allowed_hosts";
    pub const LOGIN_STYLE: &str = "login_style";
}

fn ensure_private_dir(dir: &Path) -> Result<(), store::StoreError> {
    let io = |source| store::StoreError::Io { path: dir.to_owned(), source };
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(io)?;
        }
    }
    Ok(())
}

/// 256 bits from the OS CSPRNG, base64url.
pub(crate) fn random_token() -> String {
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, raw)
}
