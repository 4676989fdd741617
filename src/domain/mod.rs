//! The domain: every operation Hearth has, as engine functions that take a typed caller
//! ([`policy::Principal`], or [`sessions::Credentials`] to check in the same trip) and typed
//! input, and return typed output or a domain [`error::Error`]. The HTTP handlers, the
//! command line and the desktop shell are thin adapters over these functions.
//!
//! The rule of this folder: no transport. Nothing here imports the web server's crates, HTTP
//! types or the edge module (a test in `tests/engine/layout.rs` fails if a file does), and no SQL is
//! written here: every statement lives in `crate::store`. The AI workspace's modules
//! (providers, queue, chat, documents) live beside this one under the same rule.
//!
//! Rooms:
//! - `error`: the one error type; `policy`: every rule of who may do what, the principal,
//!   roles, ids and the visibility scopes the store applies; `events`: the event kinds;
//!   `settings`: the typed settings; `validate`: checks of typed values.
//! - `passwords` (hashing, policy), `throttle`, `credentials` (the one throttled check),
//!   `sessions` (who is calling; own sessions), `host` (the host secret), `lock` (single-user
//!   lock), `accounts`, `profile`, `mode` (single ⇄ multi), `lan` (the LAN server),
//!   `workspaces`, `threads`, `eventlog`.

pub mod accounts;
pub mod credentials;
pub mod error;
pub mod eventlog;
pub mod events;
pub mod export;
pub mod host;
pub mod lan;
pub mod lock;
pub mod memories;
pub mod mode;
pub mod passwords;
pub mod policy;
pub mod profile;
pub mod reports;
pub mod sessions;
pub mod settings;
pub mod threads;
pub mod throttle;
pub mod validate;
pub mod workspaces;

pub use error::{Error, Result};
