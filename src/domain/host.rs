//! The host: whoever sits at the machine Hearth runs on. It proves it with the per-launch
//! host secret (printed by `hearth serve`, used by the desktop window), which opens one host
//! session from loopback, once; the browser that used it keeps a host grant for this launch,
//! so that unlocking there opens a host session again.

use serde_json::json;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::error::{Error, Result};
use super::events::EventKind;
use super::policy::Mode;
use super::sessions::Credentials;
use crate::store::sessions::{self, NewSession};
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
        let accepted = {
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
        if !accepted {
            self.log_event(EventKind::HostLoginRefused, None, &creds.address, json!({"reason": "bad or used secret"}))
                .await?;
            return Err(Error::forbidden(
                "invalid_host_secret",
                "This host login link is not valid or was already used. Restart Hearth for a new one.",
            ));
        }
        let grant = crate::random_token();
        if let Ok(mut g) = self.inner.host_grants.lock() {
            g.insert(sessions::token_hash(&grant));
        }
        let creds = creds.clone();
        let session = self
            .db()
            .write(move |tx| -> Result<Option<NewSession>> {
                let owner = users::owner(tx)?;
                // With a lock password the host still has to unlock: the grant only marks
                // this browser as the host's, and the session that unlocking opens becomes
                // a host session.
                if crate::store::settings::mode(tx)? == Mode::Single && owner.password_hash.is_some() {
                    return Ok(None);
                }
                let s = Engine::open_session(tx, &owner.id, &creds, true, false)?;
                events::log(tx, EventKind::HostLogin, Some(&owner.id), &creds.address, json!({}))?;
                Ok(Some(s))
            })
            .await?;
        Ok(HostLogin { grant, session })
    }
}
