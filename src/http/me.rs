//! The signed-in user: profile, password, the single-user lock password, avatar, sessions.
//! Where a route has a body, the caller is checked before it (the guard comes first), so a
//! locked or signed-out client gets 401, never the body's field names.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use super::auth::signed_in;
use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, ApiPath, Authed, Caller, Creds};
use crate::domain::memories::{MemoryPatch, NewMemory};
use crate::domain::passwords::Secret;
use crate::domain::profile::{Me, MePatch};
use crate::domain::sessions::SessionView;
use crate::domain::workspaces::Page;
use crate::store::memories::Memory;
use crate::Engine;

pub use crate::domain::profile::AVATAR_MAX_BYTES;

pub async fn get_me(State(engine): State<Engine>, Authed(p): Authed) -> ApiResult<Json<Me>> {
    Ok(Json(engine.me(&p).await?))
}

pub async fn patch_me(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiJson(b): ApiJson<MePatch>,
) -> ApiResult<Json<Me>> {
    Ok(Json(engine.update_me(&p, b).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SetLock {
    current_password: Option<Secret>,
    new_password: Secret,
}

/// Sets or changes the single-user lock password; the caller gets a fresh session.
pub async fn set_lock(
    State(engine): State<Engine>,
    Authed(p): Authed,
    Creds(creds): Creds,
    ApiJson(b): ApiJson<SetLock>,
) -> ApiResult<Response> {
    let (me, s) = engine.set_lock_password(&p, &creds, b.current_password.as_ref(), &b.new_password).await?;
    Ok(signed_in(me, &s))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RemoveLock {
    current_password: Secret,
}

pub async fn remove_lock(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiJson(b): ApiJson<RemoveLock>,
) -> ApiResult<StatusCode> {
    engine.remove_lock_password(&p, &b.current_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ChangePassword {
    current_password: Secret,
    new_password: Secret,
}

/// Multi-user password change; in single-user mode the lock password is `PUT /me/lock`.
pub async fn change_password(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiJson(b): ApiJson<ChangePassword>,
) -> ApiResult<StatusCode> {
    engine.change_own_password(&p, &b.current_password, &b.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn put_avatar(
    State(engine): State<Engine>,
    Authed(p): Authed,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<StatusCode> {
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge
        } else {
            ApiError::bad_request("invalid_body", e.body_text())
        }
    })?;
    if body.len() > AVATAR_MAX_BYTES {
        return Err(ApiError::TooLarge);
    }
    engine.set_avatar(&p, body.to_vec()).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn delete_avatar(State(engine): State<Engine>, Authed(p): Authed) -> ApiResult<StatusCode> {
    engine.remove_avatar(&p).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An avatar of a user the caller may see.
pub async fn get_avatar(
    State(engine): State<Engine>,
    Caller(state): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    let a = engine.avatar(state, id).await?;
    let mut resp = a.data.into_response();
    let h = resp.headers_mut();
    let kind =
        HeaderValue::from_str(&a.content_type).map_err(|e| ApiError::Domain(crate::domain::Error::internal(e)))?;
    h.insert(header::CONTENT_TYPE, kind);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline"));
    Ok(resp)
}

pub async fn list_sessions(State(engine): State<Engine>, Authed(p): Authed) -> ApiResult<Json<Page<SessionView>>> {
    Ok(Json(Page::all(engine.own_sessions(&p).await?)))
}

pub async fn end_session(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(sid): ApiPath<String>,
) -> ApiResult<StatusCode> {
    engine.end_own_session(&p, sid).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn memories(State(engine): State<Engine>, Authed(p): Authed) -> ApiResult<Json<Page<Memory>>> {
    Ok(Json(Page::all(engine.memories(&p).await?)))
}

pub async fn add_memory(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiJson(b): ApiJson<NewMemory>,
) -> ApiResult<(StatusCode, Json<Memory>)> {
    Ok((StatusCode::CREATED, Json(engine.add_memory(&p, b).await?)))
}

pub async fn update_memory(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(id): ApiPath<String>,
    ApiJson(b): ApiJson<MemoryPatch>,
) -> ApiResult<Json<Memory>> {
    Ok(Json(engine.update_memory(&p, id, b).await?))
}

pub async fn remove_memory(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    engine.remove_memory(&p, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// All of one's own data, as a zip download.
pub async fn backup(State(engine): State<Engine>, Authed(p): Authed) -> ApiResult<Response> {
    let b = engine.personal_backup(&p).await?;
    let mut resp = b.zip.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zip"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", b.file_name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}
