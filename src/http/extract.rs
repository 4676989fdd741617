//! Request extractors: JSON bodies with our error model, and the caller behind a request.

use std::net::{IpAddr, SocketAddr};

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use serde::de::DeserializeOwned;

use crate::access::{AuthVia, Mode, Principal, Role, SessionId};
use crate::error::{ApiError, ApiResult};
use crate::store::{self, sessions, StoreError};
use crate::Engine;

pub const SESSION_COOKIE: &str = "hearth_session";
/// Marks a browser as the host's for this launch (set by `/host-login`).
pub const HOST_COOKIE: &str = "hearth_host";

/// A JSON body. Every rejection becomes our error shape: bad JSON 400, a wrong type or an
/// unknown field 400 (bodies deny unknown fields), too large 413, not JSON 415.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::bad_request(
                "invalid_body",
                format!("The request body does not fit: {}", e.body_text().trim_start_matches("Failed to deserialize the JSON body into the target type: ")),
            )),
            Err(JsonRejection::JsonSyntaxError(_)) => {
                Err(ApiError::bad_request("invalid_json", "The request body is not valid JSON."))
            }
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::UnsupportedMediaType),
            Err(JsonRejection::BytesRejection(e)) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ApiError::TooLarge)
            }
            Err(e) => Err(ApiError::bad_request("invalid_body", e.body_text())),
        }
    }
}

/// Query strings with our error model.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|e| ApiError::bad_request("invalid_query", e.body_text()))
    }
}

/// Path parameters with our error model: a segment that does not decode (`%FF`) or does
/// not fit the type is 400 `invalid_path`, JSON like every other error.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(p) => Ok(ApiPath(p.0)),
            // A route without the parameters its handler reads: our bug, not the caller's.
            Err(e) if e.status().is_server_error() => Err(ApiError::internal(e.body_text())),
            Err(e) => Err(ApiError::bad_request("invalid_path", e.body_text())),
        }
    }
}

/// The peer's address. Hearth never trusts forwarding headers: the socket is the truth.
pub fn peer(parts: &Parts) -> Option<SocketAddr> {
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0)
}

pub fn peer_ip_string(parts: &Parts) -> String {
    peer(parts).map(|a| a.ip().to_string()).unwrap_or_default()
}

pub fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
    }
}

pub fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

/// Who is calling, or why nobody is: the result of checking the request's one credential.
#[derive(Clone)]
pub struct Caller {
    pub principal: Option<Principal>,
    pub mode: Mode,
    /// Single-user mode with a lock password, and no live session.
    pub locked: bool,
    pub lock_enabled: bool,
    pub address: String,
}

/// Filled with the caller's id once credentials resolve, so that a refusal later in the
/// request can be written to the event log with who was refused (ASVS 16.3).
#[derive(Clone, Default)]
pub struct AuditSlot(pub std::sync::Arc<std::sync::Mutex<Option<crate::access::UserId>>>);

impl AuditSlot {
    fn set(&self, id: &crate::access::UserId) {
        if let Ok(mut s) = self.0.lock() {
            *s = Some(id.clone());
        }
    }
    pub fn get(&self) -> Option<crate::access::UserId> {
        self.0.lock().ok().and_then(|s| s.clone())
    }
}

/// What a request carries to prove who it is, read without touching the database.
#[derive(Clone)]
pub struct Creds {
    audit: Option<AuditSlot>,
    token: Option<String>,
    loopback: bool,
    address: String,
    /// A status poll (the UI asks every half minute whether it is still unlocked) is not
    /// activity: it must not keep an idle session alive, or the idle lock never comes.
    is_status_poll: bool,
}

impl Creds {
    pub fn from_parts(parts: &Parts) -> ApiResult<Creds> {
        // Exactly two ways to authenticate: the session cookie and (with the multi-user
        // issue) an API key. Until API keys exist any Authorization header is refused rather
        // than ignored, so nothing can fall back to another credential.
        if parts.headers.contains_key(header::AUTHORIZATION) {
            return Err(ApiError::unauthorized("invalid_api_key", "This API key is not valid. Create a new one in Settings."));
        }
        Ok(Creds {
            audit: parts.extensions.get::<AuditSlot>().cloned(),
            token: session_token(&parts.headers),
            loopback: peer(parts).is_some_and(|a| is_loopback(a.ip())),
            address: peer_ip_string(parts),
            is_status_poll: parts.uri.path().ends_with("/status"),
        })
    }

    /// Checks the credentials against the database, with the user's current state. Runs on
    /// a database connection, so a handler can do it in the same trip as its own query
    /// ([`Engine::run_as`]).
    pub fn resolve(&self, conn: &rusqlite::Connection, idle_secs: i64) -> Result<Caller, StoreError> {
        let touch_every = if self.is_status_poll { i64::MAX } else { (idle_secs / 4).clamp(1, 60) };
        let (state, live) = sessions::lookup(conn, self.token.as_deref(), idle_secs, touch_every)?;
        let mode = if state.multi_user { Mode::Multi } else { Mode::Single };
        let lock_enabled = mode == Mode::Single && state.owner_has_password;
        let principal = match live {
            // In single-user mode only the owner's sessions count, and only on this machine:
            // a session made from the network while shared opens nothing once it is not.
            Some(s) if !s.suspended && (mode == Mode::Multi || (s.is_owner && self.loopback)) => Some(Principal {
                user_id: s.user_id,
                // In single-user mode the owner is the admin, whatever multi-user mode made it.
                role: if mode == Mode::Single { Role::Admin } else { s.role },
                is_owner: s.is_owner,
                session_id: Some(s.id),
                is_host: s.is_host,
                via: AuthVia::Session,
            }),
            // Single-user mode without a lock: the owner, but only on this machine.
            _ if mode == Mode::Single && !lock_enabled && self.loopback => Some(Principal {
                user_id: state.owner_id,
                role: Role::Admin,
                is_owner: true,
                session_id: None,
                is_host: false,
                via: AuthVia::Implicit,
            }),
            _ => None,
        };
        let locked = lock_enabled && principal.is_none();
        if let (Some(slot), Some(p)) = (&self.audit, &principal) {
            slot.set(&p.user_id);
        }
        Ok(Caller { principal, mode, locked, lock_enabled, address: self.address.clone() })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Creds {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Creds::from_parts(parts)
    }
}

impl FromRequestParts<Engine> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, engine: &Engine) -> Result<Self, ApiError> {
        if let Some(c) = parts.extensions.get::<CallerCache>() {
            return Ok(c.0.clone());
        }
        let creds = Creds::from_parts(parts)?;
        let idle = engine.idle_timeout().as_secs() as i64;
        let caller = engine.db().run(move |conn| creds.resolve(conn, idle)).await?;
        parts.extensions.insert(CallerCache(caller.clone()));
        Ok(caller)
    }
}

#[derive(Clone)]
struct CallerCache(Caller);

impl Caller {
    pub fn require(self) -> ApiResult<(Principal, String)> {
        match self.principal {
            Some(p) => Ok((p, self.address)),
            None if self.locked => Err(ApiError::unauthorized("locked", "Hearth is locked. Enter your password to unlock it.")),
            None => Err(ApiError::unauthorized("unauthenticated", "Your session has ended. Sign in again.")),
        }
    }
}

pub fn current_mode(conn: &rusqlite::Connection) -> Result<Mode, StoreError> {
    Ok(match store::settings::get(conn, crate::config_keys::MODE)?.as_ref().and_then(|v| v.as_str()) {
        Some("multi") => Mode::Multi,
        _ => Mode::Single,
    })
}

/// An authenticated caller: any route that needs one takes this.
pub struct Authed {
    pub principal: Principal,
    pub address: String,
}

impl FromRequestParts<Engine> for Authed {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, engine: &Engine) -> Result<Self, ApiError> {
        let (principal, address) = Caller::from_request_parts(parts, engine).await?.require()?;
        Ok(Authed { principal, address })
    }
}

/// An admin (in single-user mode, the owner is the admin).
pub struct Admin(pub Authed);

impl FromRequestParts<Engine> for Admin {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, engine: &Engine) -> Result<Self, ApiError> {
        let a = Authed::from_request_parts(parts, engine).await?;
        if a.principal.role != Role::Admin {
            return Err(ApiError::forbidden("admin_only", "Only an admin can do this."));
        }
        Ok(Admin(a))
    }
}

/// A session opened through the engine's per-launch host secret (the desktop window, or the
/// console of `hearth serve`). A LAN browser, even an admin's, is refused.
pub struct HostOnly(pub Authed);

impl FromRequestParts<Engine> for HostOnly {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, engine: &Engine) -> Result<Self, ApiError> {
        let a = Authed::from_request_parts(parts, engine).await?;
        let loopback = peer(parts).is_some_and(|p| is_loopback(p.ip()));
        if !a.principal.is_host || !loopback {
            return Err(ApiError::forbidden("host_only", "This can only be done on the host computer, in the Hearth app."));
        }
        Ok(HostOnly(a))
    }
}

pub fn session_id_of(p: &Principal) -> Option<&SessionId> {
    p.session_id.as_ref()
}
