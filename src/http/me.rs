//! The signed-in user: profile and the single-user lock password.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use rusqlite::OptionalExtension;
use serde_json::{json, Value};

use super::auth::{session_cookie, ttl, user_agent};
use super::extract::{ApiJson, ApiPath, Authed, Caller};
use crate::access::Mode;
use crate::auth::password::{check_policy, Secret};
use crate::auth::throttle::Scope;
use crate::error::{ApiError, ApiResult};
use crate::store::sessions::{self, NewSession, SessionSpec};
use crate::store::users::{self, ProfilePatch, User};
use crate::store::{events, StoreError};
use crate::Engine;

/// What a user may see of their own row: never the hash.
pub fn public_user(u: &User, lock_enabled: bool) -> Value {
    json!({
        "id": u.id,
        "username": u.username,
        "displayName": u.display_name,
        "bio": u.bio,
        "role": u.role,
        "isOwner": u.is_owner,
        "hasAvatar": u.has_avatar,
        "preferences": u.preferences,
        "lockEnabled": lock_enabled,
        "createdAt": u.created_at,
    })
}

async fn load(engine: &Engine, a: &Authed) -> ApiResult<(User, bool)> {
    let id = a.principal.user_id.clone();
    engine
        .db()
        .run(move |c| -> Result<(User, bool), ApiError> {
            let u = users::get(c, &id)?.ok_or(ApiError::NotFound)?;
            let lock = u.is_owner && super::extract::current_mode(c)? == Mode::Single && u.password_hash.is_some();
            Ok((u, lock))
        })
        .await
}

pub async fn get_me(State(engine): State<Engine>, a: Authed) -> ApiResult<Json<Value>> {
    let (u, lock) = load(&engine, &a).await?;
    Ok(Json(public_user(&u, lock)))
}

/// Self-service fields only: a body with `role`, `suspended` or anything else is refused.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PatchMe {
    display_name: Option<String>,
    bio: Option<String>,
    preferences: Option<serde_json::Map<String, Value>>,
}

pub async fn patch_me(State(engine): State<Engine>, a: Authed, ApiJson(b): ApiJson<PatchMe>) -> ApiResult<Json<Value>> {
    if let Some(n) = &b.display_name {
        if n.trim().chars().count() > 100 || n.chars().any(char::is_control) {
            return Err(ApiError::invalid("invalid_display_name", "Use at most 100 characters, without control characters."));
        }
    }
    if b.bio.as_ref().is_some_and(|s| s.chars().count() > 2000) {
        return Err(ApiError::invalid("invalid_bio", "Keep the bio to 2,000 characters."));
    }
    if b.preferences.as_ref().is_some_and(|p| Value::Object(p.clone()).to_string().len() > 8192) {
        return Err(ApiError::invalid("invalid_preferences", "Preferences are limited to 8 KiB."));
    }
    let patch = ProfilePatch {
        display_name: b.display_name.map(|s| s.trim().to_string()),
        bio: b.bio,
        preferences: b.preferences.map(Value::Object),
    };
    let id = a.principal.user_id.clone();
    engine.db().write(move |tx| users::update_profile(tx, &id, &patch).map_err(StoreError::from)).await?;
    get_me(State(engine), a).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SetLock {
    current_password: Option<Secret>,
    new_password: Secret,
}

/// Verifies the owner's current lock password, throttled like every credential check.
async fn verify_current(engine: &Engine, owner: &User, address: &str, given: Option<&Secret>) -> ApiResult<()> {
    let keys = [(Scope::Account, format!("acct:{}", owner.id)), (Scope::Address, crate::auth::throttle::address_key(address))];
    engine.inner.throttle.begin(&keys).map_err(|s| ApiError::Throttled { retry_after_secs: s })?;
    let ok = match given {
        Some(pw) => engine.inner.hasher.verify(owner.password_hash.as_deref(), pw).await?,
        None => false,
    };
    if !ok {
        let (uid, addr) = (owner.id.clone(), address.to_string());
        engine.db().write(move |tx| events::log(tx, "lock_password_check_failed", Some(&uid), &addr, json!({})).map_err(StoreError::from)).await?;
        return Err(ApiError::unauthorized("invalid_credentials", "The current password is not right."));
    }
    engine.inner.throttle.succeed(&keys);
    Ok(())
}

/// Sets or changes the single-user lock password. Every other session ends and the caller
/// gets a fresh one, so the window that set the password stays open.
pub async fn set_lock(
    State(engine): State<Engine>,
    caller: Caller,
    // Before the body: a locked or signed-out client gets 401, never the body's field names.
    Authed { principal: p, address }: Authed,
    headers: HeaderMap,
    ApiJson(b): ApiJson<SetLock>,
) -> ApiResult<Response> {
    let mode = caller.mode;
    if mode != Mode::Single {
        return Err(ApiError::conflict("not_single_user", "This Hearth is shared; change your account password instead."));
    }
    if !p.is_owner {
        return Err(ApiError::NotFound);
    }
    check_policy(b.new_password.expose())?;
    let owner = engine.db().run(|c| users::owner(c).map_err(StoreError::from)).await?;
    let changing = owner.password_hash.is_some();
    if changing {
        verify_current(&engine, &owner, &address, b.current_password.as_ref()).await?;
    }
    let hash = engine.inner.hasher.hash(&b.new_password).await?;
    let ua = user_agent(&headers);
    let uid = owner.id.clone();
    let is_host = p.is_host || engine.has_host_grant(&headers);
    let addr = address.clone();
    let new = engine
        .db()
        .write(move |tx| -> Result<NewSession, StoreError> {
            users::set_password_hash(tx, &uid, Some(&hash))?;
            sessions::delete_for_user(tx, &uid, None)?;
            let s = sessions::create(tx, &SessionSpec { user_id: &uid, is_host, remember: false, user_agent: &ua, address: &addr, ttl_secs: ttl(false) })?;
            events::log(tx, if changing { "lock_password_changed" } else { "lock_password_set" }, Some(&uid), &addr, json!({}))?;
            Ok(s)
        })
        .await?;
    let owner = engine.db().run(|c| users::owner(c).map_err(StoreError::from)).await?;
    let mut resp = Json(json!({ "user": public_user(&owner, true) })).into_response();
    resp.headers_mut().insert(header::SET_COOKIE, session_cookie(&new));
    Ok(resp)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RemoveLock {
    current_password: Secret,
}

/// The caller (401 when locked) before the body, as in [`set_lock`].
pub async fn remove_lock(State(engine): State<Engine>, caller: Caller, Authed { principal: p, address }: Authed, ApiJson(b): ApiJson<RemoveLock>) -> ApiResult<StatusCode> {
    let mode = caller.mode;
    if mode != Mode::Single {
        return Err(ApiError::conflict("not_single_user", "This Hearth is shared; accounts keep their passwords."));
    }
    if !p.is_owner {
        return Err(ApiError::NotFound);
    }
    let owner = engine.db().run(|c| users::owner(c).map_err(StoreError::from)).await?;
    if owner.password_hash.is_none() {
        return Err(ApiError::conflict("no_lock_password", "There is no lock password to remove."));
    }
    verify_current(&engine, &owner, &address, Some(&b.current_password)).await?;
    engine
        .db()
        .write(move |tx| -> Result<(), StoreError> {
            users::set_password_hash(tx, &owner.id, None)?;
            events::log(tx, "lock_password_removed", Some(&owner.id), &address, json!({}))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ChangePassword {
    current_password: Secret,
    new_password: Secret,
}

/// Multi-user password change; in single-user mode the lock password is `PUT /me/lock`.
/// The caller (401 when locked or signed out) before the body, as in [`set_lock`].
pub async fn change_password(State(engine): State<Engine>, caller: Caller, Authed { principal: p, address }: Authed, ApiJson(b): ApiJson<ChangePassword>) -> ApiResult<StatusCode> {
    let mode = caller.mode;
    if mode != Mode::Multi {
        return Err(ApiError::conflict("not_multi_user", "In single-user mode, change the lock password instead (Settings → Security)."));
    }
    engine.change_own_password(&p, &b.current_password, &b.new_password, &address).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Largest avatar accepted (PRODUCT U5 "size-capped").
pub const AVATAR_MAX_BYTES: usize = 512 * 1024;
const AVATAR_MAX_SIDE: usize = 4096;

/// Accepts PNG, JPEG or WebP, decided by the bytes themselves, never by the name or the
/// declared type; the header must parse to sane dimensions.
fn sniff_image(bytes: &[u8]) -> ApiResult<&'static str> {
    let kind = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "image/webp"
    } else {
        return Err(ApiError::invalid("invalid_image", "Use a PNG, JPEG or WebP image."));
    };
    match imagesize::blob_size(bytes) {
        Ok(s) if s.width > 0 && s.height > 0 && s.width <= AVATAR_MAX_SIDE && s.height <= AVATAR_MAX_SIDE => Ok(kind),
        _ => Err(ApiError::invalid("invalid_image", "That image could not be read, or is larger than 4096×4096 pixels.")),
    }
}

pub async fn put_avatar(
    State(engine): State<Engine>,
    a: Authed,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<StatusCode> {
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE { ApiError::TooLarge } else { ApiError::bad_request("invalid_body", e.body_text()) }
    })?;
    if body.len() > AVATAR_MAX_BYTES {
        return Err(ApiError::TooLarge);
    }
    let kind = sniff_image(&body)?;
    let (id, addr) = (a.principal.user_id.clone(), a.address.clone());
    let data = body.to_vec();
    engine
        .db()
        .write(move |tx| -> Result<(), StoreError> {
            tx.execute(
                "UPDATE users SET avatar = ?2, avatar_type = ?3, updated_at = ?4 WHERE id = ?1",
                rusqlite::params![id.as_str(), data, kind, crate::store::now()],
            )?;
            events::log(tx, "avatar_changed", Some(&id), &addr, json!({"type": kind}))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn delete_avatar(State(engine): State<Engine>, a: Authed) -> ApiResult<StatusCode> {
    let (id, addr) = (a.principal.user_id.clone(), a.address.clone());
    engine
        .db()
        .write(move |tx| -> Result<(), StoreError> {
            let n = tx.execute(
                "UPDATE users SET avatar = NULL, avatar_type = NULL, updated_at = ?2 WHERE id = ?1 AND avatar IS NOT NULL",
                rusqlite::params![id.as_str(), crate::store::now()],
            )?;
            if n > 0 {
                events::log(tx, "avatar_removed", Some(&id), &addr, json!({}))?;
            }
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An avatar of a user the caller may see: any signed-in user sees colleagues' avatars; the
/// login page sees them only when it lists users (login style `list`).
pub async fn get_avatar(State(engine): State<Engine>, caller: Caller, ApiPath(id): ApiPath<String>) -> ApiResult<Response> {
    let signed_in = caller.principal.is_some();
    if !signed_in && caller.locked {
        return Err(ApiError::unauthorized("locked", "Hearth is locked. Enter your password to unlock it."));
    }
    let found = engine
        .db()
        .run(move |c| -> ApiResult<Option<(Vec<u8>, String)>> {
            if !signed_in && (super::extract::current_mode(c)? != Mode::Multi || super::auth::login_style(c)? != "list") {
                return Err(ApiError::unauthorized("unauthenticated", "Sign in to see this."));
            }
            Ok(c.query_row(
                "SELECT avatar, avatar_type FROM users WHERE id = ?1 AND avatar IS NOT NULL AND (?2 OR suspended = 0)",
                rusqlite::params![id, signed_in],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
        })
        .await?;
    let (data, kind) = found.ok_or(ApiError::NotFound)?;
    let mut resp = data.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, axum::http::HeaderValue::from_str(&kind).map_err(ApiError::internal)?);
    h.insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("private, no-cache"));
    h.insert(header::CONTENT_DISPOSITION, axum::http::HeaderValue::from_static("inline"));
    Ok(resp)
}

pub async fn list_sessions(State(engine): State<Engine>, a: Authed) -> ApiResult<Json<Value>> {
    let (id, current) = (a.principal.user_id.clone(), a.principal.session_id.clone());
    let items = engine
        .db()
        .run(move |c| -> ApiResult<Vec<Value>> {
            let mut stmt = c.prepare_cached(
                "SELECT id, user_agent, address, created_at, last_seen_at, expires_at, is_host, remember FROM sessions \
                 WHERE user_id = ?1 AND expires_at > ?2 ORDER BY last_seen_at DESC",
            )?;
            let rows = stmt.query_map(rusqlite::params![id.as_str(), crate::store::now()], |r| {
                let sid: String = r.get(0)?;
                Ok(json!({
                    "id": sid,
                    "userAgent": r.get::<_, String>(1)?,
                    "address": r.get::<_, String>(2)?,
                    "createdAt": r.get::<_, i64>(3)?,
                    "lastSeenAt": r.get::<_, i64>(4)?,
                    "expiresAt": r.get::<_, i64>(5)?,
                    "host": r.get::<_, bool>(6)?,
                    "rememberMe": r.get::<_, bool>(7)?,
                    "current": current.as_ref().is_some_and(|c| c.as_str() == sid),
                }))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await?;
    Ok(Json(json!({ "items": items, "next": null })))
}

pub async fn end_session(State(engine): State<Engine>, a: Authed, ApiPath(sid): ApiPath<String>) -> ApiResult<StatusCode> {
    let (id, addr) = (a.principal.user_id.clone(), a.address.clone());
    engine
        .db()
        .write(move |tx| -> ApiResult<()> {
            // Scoped to the caller: another user's session id is a 404.
            let n = tx.execute("DELETE FROM sessions WHERE id = ?1 AND user_id = ?2", [sid.as_str(), id.as_str()])?;
            if n == 0 {
                return Err(ApiError::NotFound);
            }
            events::log(tx, "session_ended", Some(&id), &addr, json!({"session": sid}))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
