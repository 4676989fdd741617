//! Public routes: status, health, login, unlock, lock, logout, the login list and the host
//! login. Each parses, calls the engine, and answers (with the session cookie when one opens).

use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::error::ApiResult;
use super::extract::{ApiJson, ApiQuery, Caller, Creds, HOST_COOKIE, SESSION_COOKIE};
use crate::config::SESSION_TTL_REMEMBER;
use crate::domain::passwords::Secret;
use crate::domain::profile::Me;
use crate::domain::workspaces::Page;
use crate::store::sessions::NewSession;
use crate::Engine;

pub async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

pub async fn status(State(engine): State<Engine>, Caller(state): Caller) -> Json<Value> {
    Json(json!({
        "mode": state.mode.as_str(),
        "locked": state.locked,
        "lockEnabled": state.lock_enabled,
        "authenticated": state.principal.is_some(),
        "host": state.principal.as_ref().is_some_and(|p| p.is_host),
        "setupRequired": false,
        "loginStyle": engine.settings().login_style,
        "passwordLogin": true,
        "version": env!("CARGO_PKG_VERSION"),
    }))
}

/// The session cookie (ASVS 3.3.x): HttpOnly, SameSite=Lax, path `/`. A persistent cookie
/// only with "remember me"; otherwise it ends with the browser session. (HTTPS adds Secure
/// and the `__Host-` prefix with the LAN server's TLS.)
pub fn session_cookie(s: &NewSession) -> HeaderValue {
    let max_age = if s.remember { format!("; Max-Age={}", SESSION_TTL_REMEMBER.as_secs()) } else { String::new() };
    let v = format!("{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax{max_age}", s.token);
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static("hearth_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

fn grant_cookie(token: &str) -> HeaderValue {
    // As long as the host's session: the browser keeps both after it is closed.
    let v =
        format!("{HOST_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}", SESSION_TTL_REMEMBER.as_secs());
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `{"user": …}` with a new session cookie.
pub fn signed_in(me: Me, s: &NewSession) -> Response {
    let mut resp = Json(json!({ "user": me })).into_response();
    resp.headers_mut().insert(header::SET_COOKIE, session_cookie(s));
    resp
}

fn signed_out() -> Response {
    let mut resp = StatusCode::NO_CONTENT.into_response();
    resp.headers_mut().insert(header::SET_COOKIE, clear_cookie());
    resp
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
    Creds(creds): Creds,
    ApiJson(b): ApiJson<UnlockBody>,
) -> ApiResult<Response> {
    let (me, s) = engine.unlock(&creds, &b.password, b.remember_me).await?;
    Ok(signed_in(me, &s))
}

/// Lock now: every session of the owner ends, in every window and browser.
pub async fn lock(State(engine): State<Engine>, Caller(state): Caller) -> ApiResult<Response> {
    engine.lock(state.principal.as_ref(), &state.address).await?;
    Ok(signed_out())
}

pub async fn logout(State(engine): State<Engine>, Caller(state): Caller) -> ApiResult<Response> {
    engine.logout(state).await?;
    Ok(signed_out())
}

#[derive(Deserialize)]
pub struct HostLoginQuery {
    secret: Option<String>,
}

/// `GET /host-login?secret=…`: from loopback only, with the engine's per-launch secret or a
/// link from `hearth host-link`, once. Opens a host session for the owner and sends the
/// browser to the UI. A browser (it accepts HTML) that brings a spent or wrong link gets a page
/// that says what to do; other clients the JSON error.
pub async fn host_login(
    State(engine): State<Engine>,
    parts: Parts,
    ApiQuery(q): ApiQuery<HostLoginQuery>,
) -> ApiResult<Response> {
    let Creds(creds) = Creds::from_parts(&parts)?;
    let done = match engine.host_login(&creds, q.secret.as_deref().unwrap_or_default()).await {
        Ok(d) => d,
        Err(e @ crate::domain::Error::Forbidden { .. }) if wants_html(&parts) => {
            return Ok(host_link_page(&e.public_message()))
        }
        Err(e) => return Err(e.into()),
    };
    let mut resp = Redirect::to("/").into_response();
    resp.headers_mut().append(header::SET_COOKIE, grant_cookie(&done.grant));
    if let Some(s) = &done.session {
        resp.headers_mut().append(header::SET_COOKIE, session_cookie(s));
    }
    Ok(resp)
}

/// Whether the client asked for a page (a browser following a link) rather than JSON.
fn wants_html(parts: &Parts) -> bool {
    parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.split(',').any(|t| t.trim().starts_with("text/html")))
}

/// The page a spent, expired or wrong host link shows (403): what happened, what to do.
fn host_link_page(message: &str) -> Response {
    let esc = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('`', "");
    // No inline style or script: the CSP (default-src 'self') would refuse them. The
    // browser's own styles, light or dark as the system is.
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\">\
         <title>Host link not valid · Hearth</title></head><body>\
         <main><h1>This host link cannot be used</h1><p>{}</p>\
         <p>A host link works once, on the computer Hearth runs on. For a new one, open a terminal \
         there and run:</p><pre><code>hearth host-link</code></pre>\
         <p>Or <a href=\"/\">go to the sign-in page</a>.</p></main></body></html>",
        esc(message)
    );
    let mut resp = (StatusCode::FORBIDDEN, body).into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct LoginBody {
    username: String,
    password: Secret,
    #[serde(default)]
    remember_me: bool,
}

/// Multi-user login (PRODUCT U7, U8): a new session cookie every time; the same shape as
/// `GET /me`, whichever way the session was opened.
pub async fn login(
    State(engine): State<Engine>,
    Creds(creds): Creds,
    ApiJson(b): ApiJson<LoginBody>,
) -> ApiResult<Response> {
    let (user, s) = engine.login(&b.username, &b.password, b.remember_me, &creds).await?;
    Ok(signed_in(Me::new(user, crate::domain::policy::Mode::Multi), &s))
}

/// The login list (PRODUCT U6): only when the login style is `list`, in multi-user mode.
pub async fn login_users(
    State(engine): State<Engine>,
) -> ApiResult<Json<Page<crate::domain::accounts::LoginListUser>>> {
    Ok(Json(Page::all(engine.login_list().await?)))
}
