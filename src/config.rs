//! Every setting with its default and one line of why, in one place.

use std::time::Duration;

/// The port `hearth serve` and the desktop app listen on by default. Chosen away from the
/// ports of common dev servers (3000, 5173, 8000, 8080) and model servers (11434, 1234).
pub const DEFAULT_PORT: u16 = 4270;

/// The LAN server's default port: its own, so that the loopback listener (the desktop
/// window, `hearth serve`'s console link) and the LAN face never fight over one socket.
pub const DEFAULT_LAN_PORT: u16 = 4271;

/// Absolute session lifetime without "remember me" (ASVS 7.3.2; PRODUCT U7).
pub const SESSION_TTL: Duration = Duration::from_secs(24 * 3600);
/// Absolute session lifetime with "remember me" (PRODUCT U7).
pub const SESSION_TTL_REMEMBER: Duration = Duration::from_secs(7 * 24 * 3600);
/// Default inactivity timeout, also the single-user idle lock (ASVS 7.3.1; PRODUCT M2).
/// Stored in the `settings` table as `idle_timeout_secs`, changeable at run time.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// Bounds for the idle timeout a user may choose: at least a minute, at most a day.
pub const IDLE_TIMEOUT_RANGE: (u64, u64) = (60, 24 * 3600);

/// Largest JSON body any route accepts. Profiles and workspace settings are small; uploads
/// get their own limits on their own routes (SECURITY.md "Body limits on every route").
pub const JSON_BODY_LIMIT: usize = 64 * 1024;

/// Passwords: at least 8 characters (ASVS 6.2.1), at most 256 so that refusing a huge one
/// costs nothing (checked before hashing; ASVS 6.2.9 asks for at least 64).
pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 256;

/// argon2id parameters from the OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1.
pub const ARGON2_M_KIB: u32 = 19_456;
pub const ARGON2_T: u32 = 2;
pub const ARGON2_P: u32 = 1;

/// The engine's clock: seconds since the Unix epoch. The system clock, except in tests that
/// need to cross a midnight.
#[derive(Clone)]
pub struct Clock(pub std::sync::Arc<dyn Fn() -> i64 + Send + Sync>);

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}

/// Run-time options of one engine, set by the CLI or the desktop shell.
#[derive(Clone, Debug)]
pub struct EngineConfig {
    pub data_dir: std::path::PathBuf,
    /// Overrides the stored idle timeout (tests use seconds; people use the settings page).
    pub idle_timeout_override: Option<Duration>,
    /// Overrides the clock of the daily limits (tests).
    pub clock: Option<Clock>,
    /// Folders searched for GGUF models besides the data directory's `models/`.
    pub model_dirs: Vec<std::path::PathBuf>,
    /// The queue's caps (per user, in all), if not the defaults (tests).
    pub queue_caps: Option<(usize, usize)>,
}

impl EngineConfig {
    /// The options for `data_dir`; the models an installed Hearth ships are found (see
    /// [`installed_lib_dir`]).
    pub fn new(data_dir: impl Into<std::path::PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            idle_timeout_override: None,
            clock: None,
            model_dirs: installed_lib_dir().map(|d| d.join("models")).into_iter().collect(),
            queue_caps: None,
        }
    }
}

/// Where an installed Hearth keeps what ships beside its program: `<prefix>/lib/hearth/`
/// for a program in `<prefix>/bin/` (the `.deb` puts `/usr/bin/hearth-desktop` and
/// `/usr/lib/hearth/`: llama.cpp's libraries, its CPU modules and `models/` with the starter
/// model). `None` when the program does not run from such a layout (a build in `target/`).
pub fn installed_lib_dir() -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?.canonicalize().ok()?;
    let dir = exe.parent()?.parent()?.join("lib").join("hearth");
    dir.is_dir().then_some(dir)
}

/// The platform's per-user data directory for Hearth (`~/.local/share/hearth` on Linux),
/// unless `--data-dir` or `HEARTH_DATA_DIR` says otherwise.
pub fn default_data_dir() -> std::path::PathBuf {
    dirs::data_dir().or_else(dirs::home_dir).unwrap_or_else(|| std::path::PathBuf::from(".")).join("hearth")
}
