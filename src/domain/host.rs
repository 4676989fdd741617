//! The host: whoever sits at the machine Hearth runs on. It proves it with the per-launch
//! host secret (printed by `hearth serve`, used by the desktop window), or with a host link
//! that `hearth host-link` mints later (whoever can open the data directory is the host), each
//! of which opens one host session from loopback, once; the browser that used it keeps a host
//! grant for this launch, so that unlocking there opens a host session again. The host
//! session lasts like a remembered one: closing the browser does not cost the host its
//! controls.

use serde_json::json;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::error::{Error, Result};
use super::events::EventKind;
use super::policy::Mode;
use super::sessions::Credentials;
use crate::store::sessions::{self, NewSession};

/// How long a host link from `hearth host-link` may wait for its one use.
pub const HOST_LINK_TTL_SECS: i64 = 600;
use crate::store::{events, users};
use crate::Engine;

/// What a good host secret gives: the grant (always) and a session (unless the install is
/// locked, when the host still has to unlock).
pub struct HostLogin {
    pub grant: String,
    pub session: Option<NewSession>,
}

impl Engine {
    /// Replaces the host secret with a fresh one and returns it. Whoever holds it can open
    /// one host session from loopback through `/host-login?secret=…`.
    pub fn new_host_secret(&self) -> String {
        let s = crate::random_token();
        if let Ok(mut slot) = self.inner.host_secret.lock() {
            *slot = Some(s.clone());
        }
        s
    }

    /// A fresh single-use host link secret for the server running on this data directory
    /// (`hearth host-link`): kept hashed in the database, valid for [`HOST_LINK_TTL_SECS`].
    /// Only the host's own faces call this: reaching the database is the proof.
    pub async fn mint_host_link(&self) -> Result<String> {
        let secret = crate::random_token();
        let (s, expires) = (secret.clone(), crate::store::now() + HOST_LINK_TTL_SECS);
        self.db().write(move |tx| sessions::add_host_link(tx, &s, expires).map_err(Error::from)).await?;
        Ok(secret)
    }

    /// True when `creds` carry a host grant handed out in this launch.
    pub(crate) fn has_host_grant(&self, creds: &Credentials) -> bool {
        let Some(t) = &creds.host_grant else { return false };
        let h = sessions::token_hash(t);
        self.inner.host_grants.lock().is_ok_and(|g| g.contains(&h))
    }

    /// Spends the host secret: from loopback only, in constant time, once.
    pub async fn host_login(&self, creds: &Credentials, secret: &str) -> Result<HostLogin> {
        if !creds.loopback {
            self.log_event(EventKind::HostLoginRefused, None, &creds.address, json!({"reason": "not loopback"}))
                .await?;
            return Err(Error::forbidden("host_only", "Host login works only on the host computer itself."));
        }
        let by_launch_secret = {
            let mut slot = self.inner.host_secret.lock().map_err(|_| Error::internal("host secret lock poisoned"))?;
            // Compare digests in constant time: equal lengths, no early exit (CWE-208).
            let matches = slot.as_ref().is_some_and(|s| {
                let a = Sha256::digest(s.as_bytes());
                let b = Sha256::digest(secret.as_bytes());
                bool::from(a.ct_eq(&b))
            });
            if matches {
                slot.take();
            }
            matches
        };
        let (creds2, secret2, at) = (creds.clone(), secret.to_string(), crate::store::now());
        let opened = self
            .db()
            .write(move |tx| -> Result<Option<Option<NewSession>>> {
                // Else a host link from `hearth host-link` (spent here, in the same
                // transaction as the session it opens).
                if !by_launch_secret && !sessions::take_host_link(tx, &secret2, at)? {
                    return Ok(None);
                }
                let owner = users::owner(tx)?;
                // With a lock password the host still has to unlock: the grant only marks
                // this browser as the host's, and the session that unlocking opens becomes
                // a host session.
                if crate::store::settings::mode(tx)? == Mode::Single && owner.password_hash.is_some() {
                    return Ok(Some(None));
                }
                let s = Engine::open_session(tx, &owner.id, &creds2, true, true)?;
                events::log(tx, EventKind::HostLogin, Some(&owner.id), &creds2.address, json!({}))?;
                Ok(Some(Some(s)))
            })
            .await?;
        let Some(session) = opened else {
            self.log_event(EventKind::HostLoginRefused, None, &creds.address, json!({"reason": "bad or used secret"}))
                .await?;
            return Err(Error::forbidden(
                "invalid_host_secret",
                "This host login link is not valid, has expired or was already used. On the host computer, run \
                 `hearth host-link` for a new one.",
            ));
        };
        let grant = crate::random_token();
        if let Ok(mut g) = self.inner.host_grants.lock() {
            g.insert(sessions::token_hash(&grant));
        }
        Ok(HostLogin { grant, session })
    }
}

/// The file in the data directory where a running server says where it listens on loopback
/// (for `hearth host-link`); removed when it stops.
const SERVER_URL_FILE: &str = "server.url";

/// Says (owner-only file) that this data directory's server answers at `url`; the returned
/// guard removes the file when dropped.
pub fn publish_server_url(data_dir: &std::path::Path, url: &str) -> std::io::Result<ServerUrlFile> {
    let path = data_dir.join(SERVER_URL_FILE);
    let tmp = data_dir.join(format!("{SERVER_URL_FILE}.part"));
    std::fs::write(&tmp, format!("{url}\n"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
    }
    std::fs::rename(&tmp, &path)?;
    Ok(ServerUrlFile(path))
}

/// Where the server of `data_dir` said it listens, if it did (it may have stopped since).
pub fn server_url(data_dir: &std::path::Path) -> Option<String> {
    let url = std::fs::read_to_string(data_dir.join(SERVER_URL_FILE)).ok()?;
    let url = url.trim();
    (url.starts_with("http://127.0.0.1:") || url.starts_with("http://[::1]:")).then(|| url.to_string())
}

/// Removes the server's URL file when the server stops.
pub struct ServerUrlFile(std::path::PathBuf);

impl Drop for ServerUrlFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
