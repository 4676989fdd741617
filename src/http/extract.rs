//! Request extractors: JSON bodies, queries and paths with our error model, the credentials
//! a request presents, and the guards: types built on each other (vaultwarden's `Headers` →
//! `AdminHeaders`), each asking the domain's policy. A handler that takes [`Admin`] cannot
//! run for anyone else.

use std::net::{IpAddr, SocketAddr};

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use serde::de::DeserializeOwned;

use super::error::ApiError;
use crate::domain::policy::{self, Principal};
use crate::domain::sessions::{CallerState, Credentials, Witness};
use crate::Engine;

pub const SESSION_COOKIE: &str = "hearth_session";
/// Marks a browser as the host's for this launch (set by `/host-login`).
pub const HOST_COOKIE: &str = "hearth_host";

/// A JSON body. Every rejection becomes our error shape: bad JSON 400, anything but an
/// object (an array would otherwise fill a struct's fields by position), a wrong type or an
/// unknown field 400 (bodies deny unknown fields), too large 413, not JSON 415.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let value = match axum::Json::<serde_json::Value>::from_request(req, state).await {
            Ok(axum::Json(v)) => v,
            Err(JsonRejection::JsonSyntaxError(_)) | Err(JsonRejection::JsonDataError(_)) => {
                return Err(ApiError::bad_request("invalid_json", "The request body is not valid JSON."))
            }
            Err(JsonRejection::MissingJsonContentType(_)) => return Err(ApiError::UnsupportedMediaType),
            Err(JsonRejection::BytesRejection(e)) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(ApiError::TooLarge)
            }
            Err(e) => return Err(ApiError::bad_request("invalid_body", e.body_text())),
        };
        if !value.is_object() {
            return Err(ApiError::bad_request("invalid_body", "The request body must be a JSON object."));
        }
        serde_json::from_value(value)
            .map(ApiJson)
            .map_err(|e| ApiError::bad_request("invalid_body", format!("The request body does not fit: {e}")))
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
            Err(e) if e.status().is_server_error() => {
                Err(ApiError::Domain(crate::domain::Error::internal(e.body_text())))
            }
            Err(e) => Err(ApiError::bad_request("invalid_path", e.body_text())),
        }
    }
}

/// The peer's address. Hearth never trusts forwarding headers: the socket is the truth.
pub fn peer(parts: &Parts) -> Option<SocketAddr> {
    // An IPv4 client of a dual-stack socket arrives as ::ffff:a.b.c.d: it is a.b.c.d.
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| SocketAddr::new(c.0.ip().to_canonical(), c.0.port()))
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

/// The credentials a request presents, read without touching the database. Exactly two ways
/// to authenticate: the session cookie and (with API keys) a bearer key. Until API keys
/// exist any Authorization header is refused rather than ignored, so nothing can fall back
/// to another credential.
pub struct Creds(pub Credentials);

impl Creds {
    pub fn from_parts(parts: &Parts) -> Result<Creds, ApiError> {
        if parts.headers.contains_key(header::AUTHORIZATION) {
            return Err(crate::domain::Error::unauthenticated(
                "invalid_api_key",
                "This API key is not valid. Create a new one in Settings.",
            )
            .into());
        }
        Ok(Creds(Credentials {
            token: session_token(&parts.headers),
            host_grant: cookie(&parts.headers, HOST_COOKIE),
            loopback: peer(parts).is_some_and(|a| is_loopback(a.ip())),
            address: peer_ip_string(parts),
            user_agent: parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_string(),
            passive: parts.uri.path().ends_with("/status"),
            witness: parts.extensions.get::<Witness>().cloned(),
        }))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Creds {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Creds::from_parts(parts)
    }
}

/// Who is calling, or why nobody is (checked once per request, then cached).
pub struct Caller(pub CallerState);

#[derive(Clone)]
struct CallerCache(CallerState);

impl FromRequestParts<Engine> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, engine: &Engine) -> Result<Self, ApiError> {
        if let Some(c) = parts.extensions.get::<CallerCache>() {
            return Ok(Caller(c.0.clone()));
        }
        let Creds(creds) = Creds::from_parts(parts)?;
        let state = engine.resolve(creds).await?;
        parts.extensions.insert(CallerCache(state.clone()));
        Ok(Caller(state))
    }
}

/// A signed-in caller (or the owner on loopback without a lock): 401 otherwise.
pub struct Authed(pub Principal);

impl FromRequestParts<Engine> for Authed {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, engine: &Engine) -> Result<Self, ApiError> {
        let Caller(state) = Caller::from_request_parts(parts, engine).await?;
        Ok(Authed(state.require()?))
    }
}

/// An admin (in single-user mode, the owner is the admin).
pub struct Admin(pub Principal);

impl FromRequestParts<Engine> for Admin {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, engine: &Engine) -> Result<Self, ApiError> {
        let Authed(p) = Authed::from_request_parts(parts, engine).await?;
        policy::require_admin(&p)?;
        Ok(Admin(p))
    }
}

/// An admin or a manager: users and workspaces.
pub struct Manager(pub Principal);

impl FromRequestParts<Engine> for Manager {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, engine: &Engine) -> Result<Self, ApiError> {
        let Authed(p) = Authed::from_request_parts(parts, engine).await?;
        policy::require_manage_users(&p)?;
        Ok(Manager(p))
    }
}

/// The host: a session opened through the engine's per-launch host secret (the desktop
/// window, or the console of `hearth serve`), on loopback. A LAN browser, even an admin's,
/// is refused.
pub struct Host(pub Principal);

impl FromRequestParts<Engine> for Host {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, engine: &Engine) -> Result<Self, ApiError> {
        let Authed(p) = Authed::from_request_parts(parts, engine).await?;
        policy::require_host(&p)?;
        Ok(Host(p))
    }
}

/// The host, as an admin: the mode switch and the LAN server.
pub struct HostAdmin(pub Principal);

impl FromRequestParts<Engine> for HostAdmin {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, engine: &Engine) -> Result<Self, ApiError> {
        let Host(p) = Host::from_request_parts(parts, engine).await?;
        policy::require_admin(&p)?;
        Ok(HostAdmin(p))
    }
}
