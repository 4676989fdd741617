//! Hearth's engine. The [`Engine`] is the state of one open data directory and the task
//! supervisor; the product's operations are its methods, written once in [`domain`] (no
//! transport there), over [`store`] (all SQL). [`http`] is one edge over them (the API, the
//! web UI); the command line (`src/main.rs`, `src/cli.rs`) and the desktop shell
//! (`src-tauri`) are the others.

pub mod ai;
pub mod config;
pub mod domain;
pub mod http;
pub mod logging;
pub mod secrets;
pub mod store;
pub mod tasks;

use std::collections::HashSet;
use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use rand::RngCore;

use crate::config::EngineConfig;
use crate::domain::passwords::Hasher;
use crate::domain::settings::Settings;
use crate::domain::throttle::Throttle;
use crate::store::Db;
use crate::tasks::Tasks;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
}

type Listen = fn(Engine, SocketAddr) -> Pin<Box<dyn Future<Output = Result<Server, EngineError>> + Send>>;

/// One open data directory and everything its operations need. Cheap to clone.
#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: Arc<EngineInner>,
}

pub(crate) struct EngineInner {
    pub db: Db,
    pub hasher: Hasher,
    pub throttle: Throttle,
    pub settings: RwLock<Settings>,
    /// The configuration's idle timeout, in seconds, over the stored one (tests).
    pub idle_override: Option<u64>,
    /// The per-launch host secret; taken (and so spent) by its first use.
    pub host_secret: Mutex<Option<String>>,
    /// SHA-256 of the host grants handed out by `/host-login` in this launch.
    pub host_grants: Mutex<HashSet<[u8; 32]>>,
    /// Serializes starting and stopping the LAN listener.
    pub lan_op: tokio::sync::Mutex<()>,
    /// The LAN listener while it runs; locked only for a moment at a time.
    pub lan: Mutex<Option<domain::lan::Running>>,
    /// Host names allowed besides loopback (see `Engine::refresh_allowed_hosts`).
    pub allowed_hosts: RwLock<Vec<String>>,
    /// Bumped on every change a shell shows (mode, LAN server, lock, settings): the tray
    /// listens.
    pub changes: tokio::sync::watch::Sender<u64>,
    pub tasks: Tasks,
    /// Starts a listener serving this engine (the HTTP edge, set at open).
    pub listen: Listen,
    /// Models, the queue, replies being written.
    pub ai: ai::chat::Ai,
    pub clock: Arc<dyn Fn() -> i64 + Send + Sync>,
    pub data_dir: std::path::PathBuf,
    /// Folders of GGUF models (the data directory's `models/`, and the configuration's).
    pub model_dirs: Vec<std::path::PathBuf>,
    /// The secrets store, opened on first use.
    pub secrets: std::sync::OnceLock<secrets::SecretStore>,
    /// The backends (the embedded model, the providers) are registered once, on first need.
    pub backends_loaded: tokio::sync::OnceCell<()>,
    /// Wakes the document ingestion worker when there is something to read.
    pub ingest_wake: tokio::sync::Notify,
    /// The search embedders, loaded on first use.
    pub embedders: ai::embedder::Embedders,
    /// Set once the replies an earlier run left are tidied (by the first listener: never by a
    /// command-line engine that opens the data directory while a server runs on it).
    pub recovered: std::sync::Once,
}

/// How long a stopping listener lets requests in flight finish.
const LISTENER_GRACE: Duration = Duration::from_secs(10);
/// Expired sessions are refused on sight; the purge only keeps the table small.
const PURGE_EVERY: Duration = Duration::from_secs(600);

impl Engine {
    /// Opens the data directory (created 0700 if missing), migrates the database, loads the
    /// settings, and mints this launch's host secret.
    pub fn open(cfg: &EngineConfig) -> Result<Engine, EngineError> {
        ensure_private_dir(&cfg.data_dir)?;
        let db = Db::open(&cfg.data_dir.join("hearth.db"))?;
        let settings = db.run_blocking(|c| store::settings::load(c).map_err(store::StoreError::from))?;
        let queue_caps = cfg.queue_caps.unwrap_or((settings.queue_per_user, settings.queue_total));
        let model_dirs: Vec<std::path::PathBuf> =
            cfg.model_dirs.iter().cloned().chain([cfg.data_dir.join("models")]).collect();
        let engine = Engine {
            inner: Arc::new(EngineInner {
                db,
                hasher: Hasher::new(),
                throttle: Throttle::default(),
                settings: RwLock::new(settings),
                idle_override: cfg.idle_timeout_override.map(|d| d.as_secs().max(1)),
                host_secret: Mutex::new(None),
                host_grants: Mutex::new(HashSet::new()),
                lan_op: tokio::sync::Mutex::new(()),
                lan: Mutex::new(None),
                allowed_hosts: RwLock::new(Vec::new()),
                changes: tokio::sync::watch::channel(0).0,
                tasks: Tasks::default(),
                listen: |engine, addr| Box::pin(http::serve(engine, addr)),
                ai: {
                    let (u, g) = queue_caps;
                    ai::chat::Ai::new(ai::queue::Queue::new(u, g))
                },
                clock: cfg
                    .clock
                    .clone()
                    .map_or_else(|| Arc::new(store::now) as Arc<dyn Fn() -> i64 + Send + Sync>, |c| c.0),
                data_dir: cfg.data_dir.clone(),
                embedders: ai::embedder::Embedders::new(model_dirs.clone()),
                recovered: std::sync::Once::new(),
                model_dirs,
                secrets: std::sync::OnceLock::new(),
                backends_loaded: tokio::sync::OnceCell::new(),
                ingest_wake: tokio::sync::Notify::new(),
            }),
        };
        engine.new_host_secret();
        Ok(engine)
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    /// The supervisor of the engine's background tasks.
    pub fn tasks(&self) -> &Tasks {
        &self.inner.tasks
    }

    /// A receiver that wakes on every change the desktop shell shows (mode, LAN server,
    /// lock). Read the new state with [`Engine::mode`] and [`Engine::lan_status`].
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.inner.changes.subscribe()
    }

    /// Runs `f` in one write transaction and, once it committed, tells the listeners: for
    /// the changes a shell shows (mode, lock, sessions of the owner).
    pub(crate) async fn write_and_tell<T, F>(&self, f: F) -> domain::Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> domain::Result<T> + Send + 'static,
    {
        let out = self.db().write(f).await?;
        self.changed();
        Ok(out)
    }

    pub(crate) fn changed(&self) {
        self.inner.changes.send_modify(|n| *n += 1);
    }

    /// Inactivity timeout, also the single-user idle lock.
    pub fn idle_timeout(&self) -> Duration {
        // Read on every request: the one field, without cloning the settings.
        let stored =
            || self.inner.settings.read().map_or(config::DEFAULT_IDLE_TIMEOUT.as_secs(), |s| s.idle_timeout_secs);
        Duration::from_secs(self.inner.idle_override.unwrap_or_else(stored))
    }

    /// Binds `addr` and serves the API and UI until [`Server::shutdown`] (or
    /// [`Engine::shutdown`]).
    pub async fn serve(&self, addr: SocketAddr) -> Result<Server, EngineError> {
        (self.inner.listen)(self.clone(), addr).await
    }

    /// Starts the background work every serving engine has, once.
    pub(crate) fn start_background(&self) {
        // Replies left half-written by an earlier run are marked failed, before this run
        // starts any. Only a serving engine does this: `hearth user …` or `hearth host-link`
        // while a server runs must not touch that server's replies in flight.
        self.inner.recovered.call_once(|| {
            if let Err(e) = self.recover_interrupted() {
                tracing::error!(error = %e, "cannot tidy up the replies an earlier run left");
            }
        });
        self.start_ingest();
        let engine = self.clone();
        self.tasks().start("session-purge", move |stop| async move {
            let mut tick = tokio::time::interval(PURGE_EVERY);
            loop {
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = tick.tick() => {}
                }
                let _ = engine.db().run(|c| store::sessions::purge_expired(c).map_err(store::StoreError::from)).await;
            }
        });
    }

    /// Stops every listener and background task (each listener lets its requests in flight
    /// finish, up to 10 s).
    pub async fn shutdown(&self) {
        if let Ok(mut slot) = self.inner.lan.lock() {
            slot.take();
        }
        self.tasks().shutdown(LISTENER_GRACE).await;
        self.changed();
    }
}

/// A running listener, a task of the engine's supervisor. Dropping it leaves the server
/// running; call [`Server::shutdown`].
pub struct Server {
    pub(crate) addr: SocketAddr,
    pub(crate) task: String,
    pub(crate) engine: Engine,
}

impl Server {
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, lets requests in flight finish (up to 10 s), then returns.
    pub async fn shutdown(self) {
        self.engine.tasks().stop(&self.task, LISTENER_GRACE).await;
    }
}

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

/// Creates `dir` owner-only (0700) when missing, and checks it is a directory.
pub fn ensure_private_dir(dir: &Path) -> Result<(), store::StoreError> {
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
