//! Public routes: status, health, unlock, lock, logout, and the host login.

use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::extract::{is_loopback, peer, session_token, ApiJson, ApiQuery, Caller, HOST_COOKIE, SESSION_COOKIE};
use crate::access::Mode;
use crate::auth::password::Secret;
use crate::auth::throttle::Scope;
use crate::config::{SESSION_TTL, SESSION_TTL_REMEMBER};
use crate::error::{ApiError, ApiResult};
use crate::store::sessions::{self, NewSession, SessionSpec};
use crate::store::{events, users, StoreError};
use crate::Engine;

pub async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

pub async fn status(State(engine): State<Engine>, caller: Caller) -> ApiResult<Json<serde_json::Value>> {
    let style = engine.db().run(|c| login_style(c)).await?;
    Ok(Json(json!({
        "mode": caller.mode.as_str(),
        "locked": caller.locked,
        "lockEnabled": caller.lock_enabled,
        "authenticated": caller.principal.is_some(),
        "host": caller.principal.as_ref().is_some_and(|p| p.is_host),
        "setupRequired": false,
        "loginStyle": style,
        "passwordLogin": true,
        "version": env!("CARGO_PKG_VERSION"),
    })))
}

/// The session cookie (ASVS 3.3.x): HttpOnly, SameSite=Lax, path `/`. A persistent cookie
/// only with "remember me"; otherwise it ends with the browser session. (HTTPS adds Secure
/// and the `__Host-` prefix with the LAN server's TLS.)
pub fn session_cookie(s: &NewSession) -> HeaderValue {
    let max_age = if s.remember { format!("; Max-Age={}", SESSION_TTL_REMEMBER.as_secs()) } else { String::new() };
    let v = format!("{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax{max_age}", s.token);
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static("hearth_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

pub fn user_agent(headers: &HeaderMap) -> String {
    headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
}

pub fn ttl(remember: bool) -> i64 {
    (if remember { SESSION_TTL_REMEMBER } else { SESSION_TTL }).as_secs() as i64
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UnlockBody {
    password: Secret,
    #[serde(default)]
    remember_me: bool,
}

/// Single-user unlock (PRODUCT M2): the lock password opens a new session.
pub async fn unlock(
    State(engine): State<Engine>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(body): ApiJson<UnlockBody>,
) -> ApiResult<Response> {
    if caller.mode != Mode::Single {
        return Err(ApiError::conflict("not_single_user", "This Hearth is shared; sign in with your username instead."));
    }
    let owner = engine.db().run(|c| users::owner(c).map_err(StoreError::from)).await?;
    let Some(hash) = owner.password_hash.clone() else {
        return Err(ApiError::conflict("no_lock_password", "Hearth has no lock password, so there is nothing to unlock."));
    };
    let keys = [(Scope::Account, format!("acct:{}", owner.id)), (Scope::Address, crate::auth::throttle::address_key(&caller.address))];
    if let Err(wait) = engine.inner.throttle.begin(&keys) {
        let (uid, addr) = (owner.id.clone(), caller.address.clone());
        engine.db().write(move |tx| events::log(tx, "unlock_throttled", Some(&uid), &addr, json!({})).map_err(StoreError::from)).await?;
        return Err(ApiError::Throttled { retry_after_secs: wait });
    }
    let ok = engine.inner.hasher.verify(Some(&hash), &body.password).await?;
    let (uid, addr) = (owner.id.clone(), caller.address.clone());
    if !ok {
        engine.db().write(move |tx| events::log(tx, "unlock_failed", Some(&uid), &addr, json!({})).map_err(StoreError::from)).await?;
        return Err(ApiError::unauthorized("invalid_credentials", "That password is not right. Try again."));
    }
    engine.inner.throttle.succeed(&keys);
    let upgraded = engine.inner.hasher.upgrade(&hash, &body.password).await?;
    let old = session_token(&headers);
    let ua = user_agent(&headers);
    let remember = body.remember_me;
    // The host flag comes back with the host grant cookie that `/host-login` set.
    let is_host = engine.has_host_grant(&headers);
    let new = engine
        .db()
        .write(move |tx| -> Result<NewSession, StoreError> {
            // A new token at every unlock (ASVS 7.2.4): the old one, if any, ends here.
            if let Some(t) = old {
                tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [&sessions::token_hash(&t)[..]])?;
            }
            if let Some(new) = &upgraded {
                users::replace_hash(tx, &uid, &hash, new)?;
            }
            let s = sessions::create(tx, &SessionSpec { user_id: &uid, is_host, remember, user_agent: &ua, address: &addr, ttl_secs: ttl(remember) })?;
            events::log(tx, "unlock", Some(&uid), &addr, json!({}))?;
            Ok(s)
        })
        .await?;
    let mut resp = Json(json!({ "user": super::me::public_user(&owner, true) })).into_response();
    resp.headers_mut().insert(header::SET_COOKIE, session_cookie(&new));
    Ok(resp)
}

/// Lock now: every session of the owner ends, in every window and browser.
pub async fn lock(State(engine): State<Engine>, caller: Caller) -> ApiResult<Response> {
    if caller.mode != Mode::Single {
        return Err(ApiError::conflict("not_single_user", "Locking is for single-user mode; sign out instead."));
    }
    if !caller.lock_enabled {
        return Err(ApiError::conflict("no_lock_password", "Set a lock password first (Settings → Security)."));
    }
    if caller.principal.is_some() {
        let addr = caller.address.clone();
        engine
            .db()
            .write(move |tx| -> Result<(), StoreError> {
                let owner = users::owner(tx)?;
                sessions::delete_for_user(tx, &owner.id, None)?;
                events::log(tx, "lock", Some(&owner.id), &addr, json!({}))?;
                Ok(())
            })
            .await?;
    }
    let mut resp = StatusCode::NO_CONTENT.into_response();
    resp.headers_mut().insert(header::SET_COOKIE, clear_cookie());
    Ok(resp)
}

pub async fn logout(State(engine): State<Engine>, caller: Caller) -> ApiResult<Response> {
    if let Some(p) = caller.principal {
        if let Some(sid) = p.session_id {
            let addr = caller.address.clone();
            engine
                .db()
                .write(move |tx| -> Result<(), StoreError> {
                    sessions::delete(tx, &sid)?;
                    events::log(tx, "logout", Some(&p.user_id), &addr, json!({}))?;
                    Ok(())
                })
                .await?;
        }
    }
    let mut resp = StatusCode::NO_CONTENT.into_response();
    resp.headers_mut().insert(header::SET_COOKIE, clear_cookie());
    Ok(resp)
}

#[derive(Deserialize)]
pub struct HostLoginQuery {
    secret: Option<String>,
}

/// `GET /host-login?secret=…`: from loopback only, with the engine's per-launch secret,
/// once. Opens a host session for the owner and sends the browser to the UI.
pub async fn host_login(
    State(engine): State<Engine>,
    parts: Parts,
    ApiQuery(q): ApiQuery<HostLoginQuery>,
) -> ApiResult<Response> {
    let from = peer(&parts);
    let address = from.map(|a| a.ip().to_string()).unwrap_or_default();
    if !from.is_some_and(|a| is_loopback(a.ip())) {
        let addr = address.clone();
        engine.db().write(move |tx| events::log(tx, "host_login_refused", None, &addr, json!({"reason": "not loopback"})).map_err(StoreError::from)).await?;
        return Err(ApiError::forbidden("host_only", "Host login works only on the host computer itself."));
    }
    let given = q.secret.unwrap_or_default();
    let accepted = {
        let mut slot = engine.inner.host_secret.lock().map_err(|_| ApiError::internal("host secret lock poisoned"))?;
        // Compare digests in constant time: equal lengths, no early exit (CWE-208).
        let matches = slot.as_ref().is_some_and(|s| {
            let a = Sha256::digest(s.as_bytes());
            let b = Sha256::digest(given.as_bytes());
            bool::from(a.ct_eq(&b))
        });
        if matches {
            slot.take();
        }
        matches
    };
    if !accepted {
        let addr = address.clone();
        engine.db().write(move |tx| events::log(tx, "host_login_refused", None, &addr, json!({"reason": "bad or used secret"})).map_err(StoreError::from)).await?;
        return Err(ApiError::forbidden("invalid_host_secret", "This host login link is not valid or was already used. Restart Hearth for a new one."));
    }
    let grant = engine.new_host_grant();
    let ua = user_agent(&parts.headers);
    // With a lock password the host still has to unlock: the grant only marks this browser
    // as the host's, and the session that unlocking opens becomes a host session.
    let locked = engine.db().run(|c| -> Result<bool, StoreError> {
        Ok(super::extract::current_mode(c)? == Mode::Single && users::owner(c)?.password_hash.is_some())
    }).await?;
    let mut resp = Redirect::to("/").into_response();
    resp.headers_mut().append(header::SET_COOKIE, grant_cookie(&grant));
    if locked {
        return Ok(resp);
    }
    let new = engine
        .db()
        .write(move |tx| -> Result<NewSession, StoreError> {
            let owner = users::owner(tx)?;
            let s = sessions::create(tx, &SessionSpec { user_id: &owner.id, is_host: true, remember: false, user_agent: &ua, address: &address, ttl_secs: ttl(false) })?;
            events::log(tx, "host_login", Some(&owner.id), &address, json!({}))?;
            Ok(s)
        })
        .await?;
    resp.headers_mut().append(header::SET_COOKIE, session_cookie(&new));
    Ok(resp)
}

fn grant_cookie(token: &str) -> HeaderValue {
    let v = format!("{HOST_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct LoginBody {
    username: String,
    password: Secret,
    #[serde(default)]
    remember_me: bool,
}

/// Multi-user login (PRODUCT U7, U8): a new session cookie every time.
pub async fn login(State(engine): State<Engine>, parts: Parts, ApiJson(b): ApiJson<LoginBody>) -> ApiResult<Response> {
    let address = super::extract::peer_ip_string(&parts);
    if b.username.len() > 64 {
        // Longer than any username can be: same answer, without a lookup.
        return Err(ApiError::unauthorized("invalid_credentials", "Wrong username or password."));
    }
    let old = session_token(&parts.headers);
    let (user, new) = engine.login(&b.username, &b.password, b.remember_me, &user_agent(&parts.headers), &address).await?;
    if let Some(t) = old {
        // The session the browser had before logging in ends (ASVS 7.2.4).
        engine
            .db()
            .write(move |tx| {
                tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [&sessions::token_hash(&t)[..]])
                    .map_err(StoreError::from)
            })
            .await?;
    }
    // The same shape as `GET /me`, whichever way the session was opened.
    let me = engine
        .db()
        .run(move |c| users::get(c, &user.id).map_err(StoreError::from))
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut resp = Json(json!({ "user": super::me::public_user(&me, false) })).into_response();
    resp.headers_mut().insert(header::SET_COOKIE, session_cookie(&new));
    Ok(resp)
}

/// The login list (PRODUCT U6): only when the login style is `list`, in multi-user mode.
pub async fn login_users(State(engine): State<Engine>) -> ApiResult<Json<serde_json::Value>> {
    let items = engine
        .db()
        .run(|c| -> ApiResult<Vec<serde_json::Value>> {
            let multi = super::extract::current_mode(c)? == Mode::Multi;
            if !multi || login_style(c)? != "list" {
                return Err(ApiError::NotFound);
            }
            let mut stmt = c.prepare_cached(
                "SELECT id, username, display_name, avatar IS NOT NULL FROM users \
                 WHERE suspended = 0 AND username IS NOT NULL ORDER BY display_name, username",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(json!({"id": r.get::<_, String>(0)?, "username": r.get::<_, String>(1)?, "displayName": r.get::<_, String>(2)?, "hasAvatar": r.get::<_, bool>(3)?}))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await?;
    Ok(Json(json!({ "items": items, "next": null })))
}

pub fn login_style(c: &rusqlite::Connection) -> Result<String, StoreError> {
    Ok(crate::store::settings::get(c, crate::config_keys::LOGIN_STYLE)?
        .and_then(|v| v.as_str().map(str::to_string))
        .filter(|s| s == "list")
        .unwrap_or_else(|| "discreet".to_string()))
}
