//! The one logging set-up, for `hearth serve`, the command line and the desktop shell:
//! standard error, filtered by `HEARTH_LOG` (default given by the caller), plain text or
//! JSON lines with `HEARTH_LOG_FORMAT=json`. A request's lines carry its id through the
//! `request` span (`http/mod.rs`).

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; a second call does nothing.
pub fn init(default_filter: &str) {
    let filter = EnvFilter::try_from_env("HEARTH_LOG").unwrap_or_else(|_| EnvFilter::new(default_filter));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if std::env::var("HEARTH_LOG_FORMAT").is_ok_and(|v| v == "json") {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
