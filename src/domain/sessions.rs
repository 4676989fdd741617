//! Who is calling: the credentials a request (or a face of the engine) presents, checked
//! against the database with the user's current state at every call (ASVS 7.2), and the
//! caller's own sessions.

use std::sync::{Arc, Mutex};

use serde::Serialize;
use serde_json::json;

use super::error::{Error, Result};
use super::events::EventKind;
use super::policy::{self, AuthVia, Mode, Principal, SessionId, UserId};
use crate::config::{SESSION_TTL, SESSION_TTL_REMEMBER};
use crate::store::sessions::{self, EndReason, NewSession, SessionSpec};
use crate::store::{events, users};
use crate::Engine;

/// Filled with the caller's id once credentials resolve, so that whoever presented them can
/// tell later who was refused (the HTTP edge writes refused authorizations to the event log,
/// ASVS 16.3).
#[derive(Clone, Default)]
pub struct Witness(Arc<Mutex<Option<UserId>>>);

impl Witness {
    fn saw(&self, id: &UserId) {
        if let Ok(mut s) = self.0.lock() {
            *s = Some(id.clone());
        }
    }
    pub fn seen(&self) -> Option<UserId> {
        self.0.lock().ok().and_then(|s| s.clone())
    }
}

/// What a caller presents to prove who it is. Nothing here is checked yet.
#[derive(Clone, Default)]
pub struct Credentials {
    /// The session token (the cookie's value).
    pub token: Option<String>,
    /// The host grant a browser got from `/host-login` (marks it as the host's).
    pub host_grant: Option<String>,
    /// The call came over loopback.
    pub loopback: bool,
    pub address: String,
    pub user_agent: String,
    /// A status poll (the UI asks every half minute whether it is still unlocked) is not
    /// activity: it must not keep an idle session alive, or the idle lock never comes.
    pub passive: bool,
    pub witness: Option<Witness>,
}

/// Who is calling, or why nobody is.
#[derive(Clone, Debug)]
pub struct CallerState {
    pub principal: Option<Principal>,
    pub mode: Mode,
    /// Single-user mode with a lock password, and no live session.
    pub locked: bool,
    pub lock_enabled: bool,
    pub address: String,
    /// Why the caller's session ended, when someone else ended it.
    pub ended: Option<EndReason>,
}

impl CallerState {
    /// The principal, or 401: `locked` while the install is locked, else `unauthenticated`.
    pub fn require(self) -> Result<Principal> {
        match self.principal {
            Some(p) => Ok(p),
            None if self.locked => Err(locked()),
            None => Err(match self.ended {
                Some(why) => Error::unauthenticated("session_ended", ended_words(why)),
                None => Error::unauthenticated("unauthenticated", "Your session has ended. Sign in again."),
            }),
        }
    }
}

/// What someone whose session another ended is told.
fn ended_words(why: EndReason) -> &'static str {
    match why {
        EndReason::Suspended => "An admin suspended your account, which ended your session.",
        EndReason::RoleChanged => "An admin changed your role, which ended your session. Sign in again.",
        EndReason::PasswordReset => "An admin reset your password, which ended your session. Sign in with the new one.",
        EndReason::EndedByAdmin => "An admin ended your session. Sign in again.",
        EndReason::PasswordChanged => {
            "Your password was changed in another session, which ended this one. Sign in with the new password."
        }
        EndReason::Removed => "An admin removed your account.",
    }
}

pub(crate) fn locked() -> Error {
    Error::unauthenticated("locked", "Hearth is locked. Enter your password to unlock it.")
}

/// Absolute session lifetime in seconds (ASVS 7.3.2; PRODUCT U7).
pub(crate) fn ttl(remember: bool) -> i64 {
    (if remember { SESSION_TTL_REMEMBER } else { SESSION_TTL }).as_secs() as i64
}

impl Credentials {
    /// Checks the credentials on `conn`, with the user's current state.
    pub(crate) fn resolve(&self, conn: &rusqlite::Connection, idle_secs: i64) -> rusqlite::Result<CallerState> {
        let touch_every = if self.passive { i64::MAX } else { (idle_secs / 4).clamp(1, 60) };
        let (state, live) = sessions::lookup(conn, self.token.as_deref(), idle_secs, touch_every)?;
        let (mode, ended) = (state.mode, state.ended);
        let lock_enabled = mode == Mode::Single && state.owner_has_password;
        let principal = match live {
            Some(s) if policy::session_counts(mode, s.is_owner, s.suspended, self.loopback) => Some(Principal {
                user_id: s.user_id,
                role: policy::effective_role(mode, s.role),
                is_owner: s.is_owner,
                session_id: Some(s.id),
                is_host: s.is_host,
                via: AuthVia::Session,
                address: self.address.clone(),
                loopback: self.loopback,
            }),
            _ if policy::implicit_owner(mode, lock_enabled, self.loopback) => Some(Principal {
                user_id: state.owner_id,
                role: super::policy::Role::Admin,
                is_owner: true,
                session_id: None,
                is_host: false,
                via: AuthVia::Implicit,
                address: self.address.clone(),
                loopback: self.loopback,
            }),
            _ => None,
        };
        if let (Some(w), Some(p)) = (&self.witness, &principal) {
            w.saw(&p.user_id);
        }
        let locked = lock_enabled && principal.is_none();
        Ok(CallerState { principal, mode, locked, lock_enabled, address: self.address.clone(), ended })
    }
}

/// Who an operation runs as: a principal already checked, or credentials to check in the
/// same trip to the database as the operation itself (the hot read paths).
pub enum Caller {
    Principal(Principal),
    Credentials(Credentials),
}

impl Caller {
    /// The principal: as given, or checked on `conn` now.
    fn principal(self, conn: &rusqlite::Connection, idle_secs: i64) -> Result<Principal> {
        match self {
            Caller::Principal(p) => Ok(p),
            Caller::Credentials(c) => c.resolve(conn, idle_secs)?.require(),
        }
    }
}

impl From<Principal> for Caller {
    fn from(p: Principal) -> Self {
        Caller::Principal(p)
    }
}

impl From<Credentials> for Caller {
    fn from(c: Credentials) -> Self {
        Caller::Credentials(c)
    }
}

/// One of the caller's sessions, as `GET /me/sessions` lists it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub id: SessionId,
    pub user_agent: String,
    pub address: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub host: bool,
    pub remember_me: bool,
    pub current: bool,
}

impl Engine {
    /// Checks `creds`: who is calling, in which mode, locked or not.
    pub async fn resolve(&self, creds: Credentials) -> Result<CallerState> {
        let idle = self.idle_timeout().as_secs() as i64;
        self.db().run(move |conn| creds.resolve(conn, idle).map_err(Error::from)).await
    }

    /// Runs `f` as `caller`, on one connection: credentials are checked in the same trip as
    /// the work, so that a request costs one hop to the blocking pool, not two.
    pub(crate) async fn read_as<T, F>(&self, caller: Caller, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Connection, &Principal) -> Result<T> + Send + 'static,
    {
        let idle = self.idle_timeout().as_secs() as i64;
        self.db().run(move |conn| f(conn, &caller.principal(conn, idle)?)).await
    }

    /// The same as [`Engine::read_as`] inside one write transaction.
    pub(crate) async fn write_as<T, F>(&self, caller: Caller, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>, &Principal) -> Result<T> + Send + 'static,
    {
        let idle = self.idle_timeout().as_secs() as i64;
        self.db().write(move |tx| f(tx, &caller.principal(tx, idle)?)).await
    }

    /// The caller's own live sessions.
    pub async fn own_sessions(&self, who: &Principal) -> Result<Vec<SessionView>> {
        let (id, current) = (who.user_id.clone(), who.session_id.clone());
        let rows = self.db().run(move |c| sessions::list_for_user(c, &id).map_err(Error::from)).await?;
        Ok(rows
            .into_iter()
            .map(|s| SessionView {
                current: current.as_ref() == Some(&s.id),
                id: s.id,
                user_agent: s.user_agent,
                address: s.address,
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
                expires_at: s.expires_at,
                host: s.is_host,
                remember_me: s.remember,
            })
            .collect())
    }

    /// Ends one of the caller's own sessions; another user's session id is a 404.
    pub async fn end_own_session(&self, who: &Principal, session: String) -> Result<()> {
        let (id, addr) = (who.user_id.clone(), who.address.clone());
        self.db()
            .write(move |tx| -> Result<()> {
                if !sessions::delete_own(tx, &id, &session)? {
                    return Err(Error::NotFound);
                }
                events::log(tx, EventKind::SessionEnded, Some(&id), &addr, json!({"session": session}))?;
                Ok(())
            })
            .await
    }

    /// Ends the caller's session (nothing to do without one).
    pub async fn logout(&self, state: CallerState) -> Result<()> {
        if let Some(p) = state.principal {
            if let Some(sid) = p.session_id {
                self.db()
                    .write(move |tx| -> Result<()> {
                        sessions::delete(tx, &sid)?;
                        events::log(tx, EventKind::Logout, Some(&p.user_id), &p.address, json!({}))?;
                        Ok(())
                    })
                    .await?;
            }
        }
        Ok(())
    }

    /// A new session for `user` (in the caller's transaction), ending the one the client had
    /// (ASVS 7.2.4: a new token at every login and unlock).
    pub(crate) fn open_session(
        tx: &rusqlite::Transaction<'_>,
        user: &UserId,
        creds: &Credentials,
        is_host: bool,
        remember: bool,
    ) -> rusqlite::Result<NewSession> {
        if let Some(old) = &creds.token {
            sessions::delete_by_token(tx, old)?;
        }
        sessions::create(
            tx,
            &SessionSpec {
                user_id: user,
                is_host,
                remember,
                user_agent: &creds.user_agent,
                address: &creds.address,
                ttl_secs: ttl(remember),
            },
        )
    }

    /// The principal the host's own faces (the command line, the desktop shell) act as: the
    /// owner, on the host.
    pub async fn host_principal(&self, address: &str) -> Result<Principal> {
        let owner = self.db().run(|c| users::owner(c).map_err(Error::from)).await?;
        Ok(Principal {
            user_id: owner.id,
            role: super::policy::Role::Admin,
            is_owner: true,
            session_id: None,
            is_host: true,
            via: AuthVia::Host,
            address: address.to_string(),
            loopback: true,
        })
    }
}
