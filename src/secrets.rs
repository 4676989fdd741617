//! Long-lived secrets (PRODUCT D4, A5; SECURITY.md "Secrets and logs"): the OS keyring
//! through the `keyring` crate (the Secret Service on Linux, the Keychain on macOS, the
//! Credential Manager on Windows), or, where no keyring answers (a headless box, CI), one
//! file in the data directory that only the owner may read (0600), with one clear warning in
//! the log. `hearth serve` and the desktop shell use this same code.
//!
//! What belongs here: secrets the engine must read back in clear (a TLS private key, a model
//! provider's API key). What does not: anything that can be stored as a hash (passwords,
//! session tokens, API keys we issue, recovery codes), which lives hashed in the database.
//!
//! Calls block (D-Bus round trips, file I/O): from async code, run them with
//! `tokio::task::spawn_blocking`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

/// Name of the fallback file inside the data directory.
pub const FALLBACK_FILE: &str = "secrets.json";

/// Well-known secret names, so that callers do not invent spellings.
pub mod names {
    /// The private key (PEM) of the LAN server's self-signed certificate (PRODUCT M4).
    pub const TLS_KEY: &str = "tls-key";
    /// A model provider's API key (PRODUCT A5), one per provider id.
    pub fn provider_key(provider_id: &str) -> String {
        format!("provider-key.{provider_id}")
    }
}

/// A secret value. It cannot be printed (its `Debug` is redacted, it has no `Display`) and
/// cannot be serialized (no `Serialize`), so it cannot reach a log line or a response by
/// accident; [`SecretString::expose`] is the one, greppable, way to read it.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(String);

impl SecretString {
    pub fn new(value: impl Into<String>) -> Self {
        SecretString(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SecretString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretString([redacted])")
    }
}

impl Drop for SecretString {
    /// Best effort: overwrite the bytes before the allocation is freed.
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        bytes.iter_mut().for_each(|b| *b = 0);
        std::hint::black_box(&bytes);
    }
}

/// Where the secrets of one store live.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The OS keyring, under this service name.
    Keyring { service: String },
    /// The 0600 fallback file.
    File { path: PathBuf },
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("a secret's name must be 1 to 64 characters of a-z, 0-9, '.', '_' and '-'")]
    BadName,
    /// The keyring refused or failed. The message never holds the secret: it comes from the
    /// error's `Display`, and the one variant that carries secret bytes is mapped apart.
    #[error("the OS keyring failed: {0}")]
    Keyring(String),
    #[error("cannot use the secrets file {path}: {source}")]
    File { path: PathBuf, source: std::io::Error },
    #[error("the secrets file {0} is damaged; move it away and set the secrets again")]
    Damaged(PathBuf),
}

/// One process-wide warning: several stores opened on one machine without a keyring say it
/// once, not once each.
static WARNED_NO_KEYRING: AtomicBool = AtomicBool::new(false);

/// The secrets of one data directory.
pub struct SecretStore {
    backend: Backend,
    /// Serializes read-modify-write of the fallback file within this process.
    file_lock: Mutex<()>,
}

impl std::fmt::Debug for SecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretStore").field("backend", &self.backend).finish()
    }
}

impl SecretStore {
    /// Opens the secrets of `data_dir`: the OS keyring when one answers, otherwise the 0600
    /// file `data_dir/secrets.json` (logged once as a warning).
    ///
    /// The keyring service name carries a digest of the data directory's path, so that two
    /// installs of one user (say, a test data directory) never share or overwrite secrets.
    pub fn open(data_dir: &Path) -> SecretStore {
        let service = service_name(data_dir);
        let backend = match probe_keyring(&service) {
            Ok(()) => {
                tracing::info!(target: "hearth::secrets", %service, "secrets are kept in the OS keyring");
                Backend::Keyring { service }
            }
            Err(why) => {
                let path = data_dir.join(FALLBACK_FILE);
                if !WARNED_NO_KEYRING.swap(true, Ordering::Relaxed) {
                    tracing::warn!(
                        target: "hearth::secrets",
                        path = %path.display(),
                        reason = %why,
                        "No OS keyring is available (on Linux: a Secret Service such as GNOME Keyring or \
                         KWallet, unlocked, on the session D-Bus). Hearth keeps its secrets in a file that \
                         only your user can read (mode 0600) instead. Start and unlock a keyring to keep \
                         them out of the data directory."
                    );
                }
                Backend::File { path }
            }
        };
        SecretStore { backend, file_lock: Mutex::new(()) }
    }

    /// A store on the fallback file whatever the machine offers.
    pub fn open_file(data_dir: &Path) -> SecretStore {
        SecretStore { backend: Backend::File { path: data_dir.join(FALLBACK_FILE) }, file_lock: Mutex::new(()) }
    }

    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    pub fn get(&self, name: &str) -> Result<Option<SecretString>, SecretError> {
        check_name(name)?;
        match &self.backend {
            Backend::Keyring { service } => match entry(service, name)?.get_password() {
                Ok(v) => Ok(Some(SecretString(v))),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(e) => Err(keyring_error(e)),
            },
            Backend::File { path } => {
                let _g = self.file_lock.lock().map_err(|_| SecretError::Damaged(path.clone()))?;
                Ok(read_file(path)?.remove(name).map(SecretString))
            }
        }
    }

    pub fn set(&self, name: &str, value: &SecretString) -> Result<(), SecretError> {
        check_name(name)?;
        match &self.backend {
            Backend::Keyring { service } => entry(service, name)?.set_password(value.expose()).map_err(keyring_error),
            Backend::File { path } => {
                let _g = self.file_lock.lock().map_err(|_| SecretError::Damaged(path.clone()))?;
                let mut all = read_file(path)?;
                all.insert(name.to_string(), value.expose().to_string());
                let r = write_file(path, &all);
                all.values_mut().for_each(wipe);
                r
            }
        }
    }

    /// Removes a secret; removing one that does not exist is not an error.
    pub fn delete(&self, name: &str) -> Result<(), SecretError> {
        check_name(name)?;
        match &self.backend {
            Backend::Keyring { service } => match entry(service, name)?.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(keyring_error(e)),
            },
            Backend::File { path } => {
                let _g = self.file_lock.lock().map_err(|_| SecretError::Damaged(path.clone()))?;
                let mut all = read_file(path)?;
                if all.remove(name).is_some() {
                    write_file(path, &all)?;
                }
                all.values_mut().for_each(wipe);
                Ok(())
            }
        }
    }

    /// The secret `name`, made by `make` and stored on first use (a generated key).
    pub fn get_or_create(&self, name: &str, make: impl FnOnce() -> SecretString) -> Result<SecretString, SecretError> {
        if let Some(v) = self.get(name)? {
            return Ok(v);
        }
        let v = make();
        self.set(name, &v)?;
        Ok(v)
    }
}

fn wipe(s: &mut String) {
    drop(SecretString(std::mem::take(s)));
}

fn check_name(name: &str) -> Result<(), SecretError> {
    let ok = (1..=64).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(SecretError::BadName)
    }
}

fn service_name(data_dir: &Path) -> String {
    let canonical = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let digest = Sha256::digest(canonical.to_string_lossy().as_bytes());
    format!("hearth.{}", hex::encode(&digest[..8]))
}

fn entry(service: &str, name: &str) -> Result<keyring::Entry, SecretError> {
    keyring::Entry::new(service, name).map_err(keyring_error)
}

/// `keyring::Error::BadEncoding` carries the stored bytes: never format it.
fn keyring_error(e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::BadEncoding(_) => SecretError::Keyring("a stored secret is not valid UTF-8".into()),
        other => SecretError::Keyring(other.to_string()),
    }
}

/// A read that reaches the keyring daemon: "no such entry" proves it answers.
fn probe_keyring(service: &str) -> Result<(), String> {
    let e = keyring::Entry::new(service, "probe").map_err(|e| keyring_error(e).to_string())?;
    match e.get_password() {
        Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(err) => Err(keyring_error(err).to_string()),
    }
}

fn read_file(path: &Path) -> Result<BTreeMap<String, String>, SecretError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(source) => return Err(SecretError::File { path: path.to_owned(), source }),
    };
    tighten_mode(path)?;
    let parsed = serde_json::from_slice(&bytes).map_err(|_| SecretError::Damaged(path.to_owned()));
    drop(SecretString(String::from_utf8_lossy(&bytes).into_owned()));
    parsed
}

/// A file someone widened (a copy, a restore from backup) goes back to 0600.
fn tighten_mode(path: &Path) -> Result<(), SecretError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let io = |source| SecretError::File { path: path.to_owned(), source };
        let mode = std::fs::metadata(path).map_err(io)?.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(target: "hearth::secrets", path = %path.display(), "the secrets file was readable by others; set it back to 0600");
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
        }
    }
    Ok(())
}

/// Writes the whole map to a new 0600 file beside the old one, then renames it over: a crash
/// leaves either the old or the new file, never half of one.
fn write_file(path: &Path, all: &BTreeMap<String, String>) -> Result<(), SecretError> {
    let tmp = path.with_extension("json.tmp");
    let io = |source| SecretError::File { path: path.to_owned(), source };
    let body = SecretString(serde_json::to_string_pretty(all).map_err(|_| SecretError::Damaged(path.to_owned()))?);
    let _ = std::fs::remove_file(&tmp);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp).map_err(io)?;
    f.write_all(body.expose().as_bytes()).map_err(io)?;
    f.sync_all().map_err(io)?;
    drop(f);
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    //! The store is tested in child processes of this test binary, each in the environment
    //! it is about: a real Secret Service (GNOME Keyring on a private D-Bus), or no D-Bus at
    //! all. The parent reads the child's whole log (every level) and checks that the secret
    //! never appears in it.
    use super::*;
    use std::process::Command;

    const SECRET: &str = "s3cr3t-VALUE-that-must-never-be-logged-7f1c";
    const CHILD_ENV: &str = "HEARTH_SECRETS_CHILD";

    fn child_log_init() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("trace"))
            .with_writer(std::io::stderr)
            .try_init();
    }

    /// Runs in the child: exercises the store and prints the backend it found.
    fn exercise(dir: &Path) -> Backend {
        child_log_init();
        let store = SecretStore::open(dir);
        tracing::debug!(?store, "opened");
        let v = SecretString::new(SECRET);
        tracing::debug!(secret = ?v, "about to store");
        assert_eq!(store.get(names::TLS_KEY).unwrap(), None);
        store.set(names::TLS_KEY, &v).unwrap();
        let back = store.get(names::TLS_KEY).unwrap().unwrap();
        assert_eq!(back.expose(), SECRET);
        tracing::info!(?back, "read back");
        // A second store on the same data directory sees it (a restart).
        let again = SecretStore::open(dir);
        assert_eq!(again.get(names::TLS_KEY).unwrap().unwrap().expose(), SECRET);
        let p = names::provider_key("openai");
        let made = again.get_or_create(&p, || SecretString::new(format!("{SECRET}-2"))).unwrap();
        assert_eq!(again.get_or_create(&p, || SecretString::new("other")).unwrap(), made);
        again.delete(&p).unwrap();
        again.delete(&p).unwrap();
        assert_eq!(again.get(&p).unwrap(), None);
        assert!(matches!(again.get("Bad Name"), Err(SecretError::BadName)));
        store.backend().clone()
    }

    /// The child's half of its parent test (the same test, run again with `CHILD_ENV` set).
    fn child_keyring() {
        let dir = PathBuf::from(std::env::var("HEARTH_SECRETS_DIR").unwrap());
        let backend = exercise(&dir);
        assert!(matches!(backend, Backend::Keyring { .. }), "expected the keyring, got {backend:?}");
        assert!(!dir.join(FALLBACK_FILE).exists(), "a keyring is running: no file may be written");
        SecretStore::open(&dir).delete(names::TLS_KEY).unwrap();
        println!("CHILD-OK keyring");
    }

    /// The child's half of its parent test (the same test, run again with `CHILD_ENV` set).
    fn child_file() {
        let dir = PathBuf::from(std::env::var("HEARTH_SECRETS_DIR").unwrap());
        let backend = exercise(&dir);
        let path = dir.join(FALLBACK_FILE);
        assert_eq!(backend, Backend::File { path: path.clone() });
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "the fallback file must be 0600, is {mode:o}");
            // Widened by hand: the next read puts it back.
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            SecretStore::open(&dir).get(names::TLS_KEY).unwrap();
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert!(std::fs::read_to_string(&path).unwrap().contains(SECRET));
        println!("CHILD-OK file");
    }

    fn run_child(mut cmd: Command, which: &str) -> String {
        let out = cmd.output().expect("run the child test");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            out.status.success() && stdout.contains(&format!("CHILD-OK {which}")),
            "child {which} failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
        );
        assert!(stderr.lines().count() > 3, "the child logged at trace level:\n{stderr}");
        for line in stderr.lines().chain(stdout.lines()) {
            assert!(!line.contains(SECRET) && !line.contains("s3cr3t"), "a secret reached a log line: {line}");
        }
        stderr
    }

    /// This test binary again, running only `test`, which acts as the child `which` because
    /// `CHILD_ENV` says so.
    fn child_cmd(test: &str, which: &str, dir: &Path) -> Command {
        let exe = std::env::current_exe().unwrap();
        let mut cmd = Command::new(exe);
        cmd.args(["--exact", test, "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, which)
            .env("HEARTH_SECRETS_DIR", dir)
            .env("RUST_LOG", "trace");
        cmd
    }

    fn have(program: &str) -> bool {
        Command::new("sh").args(["-c", &format!("command -v {program}")]).output().is_ok_and(|o| o.status.success())
    }

    #[test]
    fn file_fallback_is_0600_warns_once_and_never_logs_the_secret() {
        if std::env::var(CHILD_ENV).as_deref() == Ok("file") {
            return child_file();
        }
        let dir = tempfile::tempdir().unwrap();
        let mut cmd =
            child_cmd("secrets::tests::file_fallback_is_0600_warns_once_and_never_logs_the_secret", "file", dir.path());
        // No session bus at all: the situation of a headless box.
        cmd.env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}/no-bus", dir.path().display()));
        let log = run_child(cmd, "file");
        let warnings = log.lines().filter(|l| l.contains("WARN") && l.contains("No OS keyring")).count();
        assert_eq!(warnings, 1, "exactly one warning about the missing keyring:\n{log}");
    }

    /// Needs `dbus-run-session` and `gnome-keyring-daemon` (Debian: dbus, gnome-keyring).
    /// Skipped where they are missing unless HEARTH_REQUIRE_KEYRING_TEST=1 (the test command
    /// sets it, and installs them).
    #[test]
    fn keyring_path_with_a_real_secret_service() {
        if std::env::var(CHILD_ENV).as_deref() == Ok("keyring") {
            return child_keyring();
        }
        if !(have("dbus-run-session") && have("gnome-keyring-daemon")) {
            assert!(
                std::env::var_os("HEARTH_REQUIRE_KEYRING_TEST").is_none(),
                "dbus-run-session and gnome-keyring-daemon are needed (apt-get install dbus gnome-keyring)"
            );
            eprintln!("skipped: no dbus-run-session or gnome-keyring-daemon");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        let exe = std::env::current_exe().unwrap();
        let mut cmd = Command::new("dbus-run-session");
        // The keyring daemon keeps its files under $HOME/.local/share/keyrings: a private HOME.
        cmd.args([
            "--",
            "sh",
            "-c",
            "echo -n hearth-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && \
             exec \"$0\" --exact secrets::tests::keyring_path_with_a_real_secret_service --nocapture --test-threads=1",
        ])
        .arg(exe)
        .env(CHILD_ENV, "keyring")
        .env("HEARTH_SECRETS_DIR", dir.path())
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env_remove("DBUS_SESSION_BUS_ADDRESS");
        let log = run_child(cmd, "keyring");
        assert!(!log.contains("No OS keyring"), "no warning when a keyring runs:\n{log}");
        assert!(log.contains("secrets are kept in the OS keyring"), "{log}");
    }

    #[test]
    fn debug_is_redacted() {
        let s = SecretString::new(SECRET);
        assert_eq!(format!("{s:?}"), "SecretString([redacted])");
        assert!(!format!("{:?}", Some(&s)).contains(SECRET));
        let e = keyring_error(keyring::Error::BadEncoding(SECRET.as_bytes().to_vec()));
        assert!(!e.to_string().contains(SECRET) && !format!("{e:?}").contains(SECRET));
    }
}
