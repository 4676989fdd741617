//! The HTTP edge: one router for the API and the embedded UI, wrapped in the checks every
//! request passes (Host, Origin/CSRF, body limits, security headers, a request id span).
//! Handlers parse, call one engine function, and answer; the domain's errors become HTTP
//! statuses in `error.rs`, once.

mod auth;
mod chat;
mod docs;
mod documents;
pub mod error;
mod events;
pub mod extract;
mod host;
mod me;
mod reports;
mod settings;
mod ui;
mod users;
mod workspaces;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tracing::Instrument;

use self::error::ApiError;
use crate::config::JSON_BODY_LIMIT;
use crate::domain::sessions::Witness;
use crate::{Engine, EngineError, Server};

/// Every route of the API. The table-driven access test walks this list, so a route added
/// here without an entry in the capability matrix fails that test.
pub fn router(engine: Engine) -> Router {
    use axum::routing::{delete, patch, post, put};
    let api = Router::new()
        // Public.
        .route("/status", get(auth::status))
        .route("/health", get(auth::health))
        .route("/auth/login", post(auth::login))
        .route("/auth/unlock", post(auth::unlock))
        .route("/auth/lock", post(auth::lock))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/users", get(auth::login_users))
        // The signed-in user.
        .route("/me", get(me::get_me).patch(me::patch_me))
        .route("/me/password", post(me::change_password))
        .route("/me/lock", put(me::set_lock).delete(me::remove_lock))
        .route(
            "/me/avatar",
            put(me::put_avatar).delete(me::delete_avatar).layer(DefaultBodyLimit::max(me::AVATAR_MAX_BYTES)),
        )
        .route("/me/sessions", get(me::list_sessions))
        .route("/me/memories", get(me::memories).post(me::add_memory))
        .route("/me/backup", get(me::backup))
        .route("/me/memories/{id}", patch(me::update_memory).delete(me::remove_memory))
        .route("/me/sessions/{id}", delete(me::end_session))
        .route("/users/{id}/avatar", get(me::get_avatar))
        // Workspaces and threads.
        .route("/workspaces", get(workspaces::list).post(workspaces::create))
        .route("/workspaces/{slug}", get(workspaces::read).patch(workspaces::update).delete(workspaces::remove))
        .route("/workspaces/{slug}/members", get(workspaces::members).put(workspaces::set_members))
        .route("/workspaces/{slug}/threads", get(workspaces::threads).post(workspaces::create_thread))
        .route(
            "/workspaces/{slug}/documents",
            get(documents::list).post(documents::upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/workspaces/{slug}/documents/{id}", delete(documents::remove))
        .route("/workspaces/{slug}/documents/{id}/retry", post(documents::retry))
        .route("/workspaces/{slug}/search", get(documents::search))
        .route(
            "/threads/{id}",
            get(workspaces::thread).patch(workspaces::rename_thread).delete(workspaces::delete_thread),
        )
        .route("/threads/{id}/messages", get(workspaces::messages).post(chat::send))
        .route("/threads/{id}/stream", get(chat::stream))
        .route("/threads/{id}/stop", post(chat::stop))
        .route("/threads/{id}/regenerate", post(chat::regenerate))
        .route("/chats", get(reports::chats))
        .route("/usage", get(reports::usage))
        // Models, usage and the queue.
        .route("/models", get(chat::models))
        .route("/embedders", get(chat::embedders))
        .route("/providers", get(chat::providers).post(chat::add_provider))
        .route("/providers/{id}", patch(chat::update_provider).delete(chat::remove_provider))
        .route("/providers/{id}/test", post(chat::test_provider))
        .route("/me/usage", get(chat::my_usage))
        .route("/queue", get(chat::queue))
        .route("/queue/{id}", delete(chat::cancel_queue_item))
        .route("/queue/pause", post(chat::pause_queue))
        .route("/queue/resume", post(chat::resume_queue))
        // Administration.
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}", get(users::read).patch(users::update).delete(users::remove))
        .route("/users/{id}/password", post(users::reset_password))
        .route("/users/{id}/workspaces", put(users::set_workspaces))
        .route("/users/{id}/sessions", delete(users::end_sessions))
        .route("/events", get(events::list).delete(events::clear))
        .route("/settings", get(settings::read).patch(settings::update))
        // Host only.
        .route("/mode", post(host::set_mode))
        .route("/server", get(host::server_status).post(host::server_action))
        .route("/server/qr", get(host::qr))
        .fallback(api_not_found)
        .method_not_allowed_fallback(method_not_allowed);

    Router::new()
        .nest("/api/v1", api)
        .route("/api/openapi.json", get(docs::openapi))
        .route("/api/docs", get(docs::page))
        .route("/api", get(api_not_found))
        .route("/api/{*rest}", get(api_not_found))
        .route("/host-login", get(auth::host_login))
        .fallback(ui::serve)
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(middleware::from_fn_with_state(engine.clone(), audit_denials))
        .layer(middleware::from_fn(csrf))
        .layer(middleware::from_fn_with_state(engine.clone(), host_check))
        .layer(middleware::from_fn(headers_and_ids))
        .with_state(engine)
}

async fn api_not_found() -> ApiError {
    ApiError::Domain(crate::domain::Error::NotFound)
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// Names a browser may use to reach this server. DNS rebinding: a page on evil.example
/// whose name resolves to 127.0.0.1 sends `Host: evil.example` and is refused here.
/// While the LAN server runs, the host's addresses and the names an admin lists count too.
fn host_allowed(engine: &Engine, host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(
            host,
            |(n, port)| {
                if port.chars().all(|c| c.is_ascii_digit()) {
                    n
                } else {
                    host
                }
            },
        ),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    engine.host_name_allowed(&name)
}

fn request_host(req: &Request) -> Option<String> {
    req.headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| req.uri().authority().map(|a| a.to_string()))
}

async fn host_check(State(engine): State<Engine>, req: Request, next: Next) -> Response {
    match request_host(&req) {
        Some(h) if host_allowed(&engine, &h) => next.run(req).await,
        _ => {
            tracing::warn!(target: "hearth::security", host = ?request_host(&req), "refused Host header");
            ApiError::Domain(crate::domain::Error::forbidden(
                "host_not_allowed",
                "This server does not answer to that host name. Open it by its address instead.",
            ))
            .into_response()
        }
    }
}

/// CSRF (ASVS 3.5): an unsafe request that is not carried by an API key must come from our
/// own origin: a same-origin `Origin`, or, when a client sends no Origin, the UI's custom
/// header, which a cross-site page cannot add without a CORS preflight we never grant.
async fn csrf(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // A request carried by an API key alone (no cookie) is not a browser's ambient
    // credential; a browser cannot add that header cross-site without a preflight.
    let bearer_only = !req.headers().contains_key(header::COOKIE)
        && req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("Bearer "));
    if safe || bearer_only {
        return next.run(req).await;
    }
    let origin = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let ok = match origin {
        Some(o) => request_host(&req).is_some_and(|h| o == format!("http://{h}") || o == format!("https://{h}")),
        None => req.headers().contains_key("x-hearth-csrf"),
    };
    if ok {
        next.run(req).await
    } else {
        tracing::warn!(target: "hearth::security", origin, path = %req.uri().path(), "refused cross-origin request");
        ApiError::Domain(crate::domain::Error::forbidden(
            "cross_origin",
            "This request came from another site and was refused. Use Hearth from its own page.",
        ))
        .into_response()
    }
}

/// Every refused authorization of a signed-in caller goes to the event log (ASVS 16.3;
/// SECURITY.md "Secrets and logs"). Refusals of anonymous requests (wrong Host, cross-site,
/// no session) are logged on the `hearth::security` tracing target only, so that nobody
/// can fill the database from outside.
async fn audit_denials(State(engine): State<Engine>, mut req: Request, next: Next) -> Response {
    let witness = Witness::default();
    req.extensions_mut().insert(witness.clone());
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let address = req
        .extensions()
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default();
    let resp = next.run(req).await;
    if resp.status() == axum::http::StatusCode::FORBIDDEN {
        if let Some(uid) = witness.seen() {
            tracing::warn!(target: "hearth::security", user = %uid, %method, %path, "authorization refused");
            let details = serde_json::json!({"method": method, "path": path});
            let kind = crate::domain::events::EventKind::AccessDenied;
            if let Err(e) = engine.log_event(kind, Some(&uid), &address, details).await {
                tracing::error!(error = %e, "could not log a refused authorization");
            }
        }
    }
    resp
}

static REQUEST_SEQ: AtomicU64 = AtomicU64::new(0);

/// Security headers on every response (SECURITY.md "Every request") and a request id that
/// ties the response to its log lines: every line written while the request runs (in the
/// handler, the engine, or on the database pool) is inside its `request` span.
async fn headers_and_ids(req: Request, next: Next) -> Response {
    let id = format!("{:08x}", REQUEST_SEQ.fetch_add(1, Ordering::Relaxed));
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    // Only the id on the span (cheap to make on every request); method and path are on the
    // request's own line.
    let span = tracing::info_span!("request", id = %id);
    async move {
        let is_api = path.starts_with("/api/");
        let started = Instant::now();
        let mut resp = next.run(req).await;
        let status = resp.status();
        let h = resp.headers_mut();
        // The API page alone also takes data: and blob: images (docs::PAGE_CSP says why).
        let csp = if path == "/api/docs" {
            docs::PAGE_CSP
        } else {
            "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        };
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
        h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
        if is_api {
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        if let Ok(v) = HeaderValue::from_str(&id) {
            h.insert("x-request-id", v);
        }
        let micros = started.elapsed().as_micros() as u64;
        if status.is_server_error() {
            tracing::error!(%method, %path, status = status.as_u16(), micros, "request");
        } else {
            tracing::debug!(%method, %path, status = status.as_u16(), micros, "request");
        }
        resp
    }
    .instrument(span)
    .await
}

/// Binds `addr` and serves the engine there, as a task of the engine's supervisor.
pub(crate) async fn serve(engine: Engine, addr: SocketAddr) -> Result<Server, EngineError> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| EngineError::Bind { addr, source })?;
    let local = listener.local_addr().map_err(|source| EngineError::Bind { addr, source })?;
    let app = router(engine.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let task = format!("listener {local}");
    engine.start_background();
    engine.tasks().start(&task, move |stop| async move {
        // No Nagle: a streamed reply is many small writes, each to be sent at once (with it
        // on, a token can wait for the previous one's ACK).
        let listener = axum::serve::ListenerExt::tap_io(listener, |s: &mut tokio::net::TcpStream| {
            let _ = s.set_nodelay(true);
        });
        let served = axum::serve(listener, app).with_graceful_shutdown(stop.cancelled_owned()).await;
        if let Err(e) = served {
            tracing::error!(error = %e, "server stopped with an error");
        }
    });
    tracing::info!(address = %local, "listening");
    Ok(Server { addr: local, task, engine })
}
