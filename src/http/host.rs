//! Host-only routes (API.md): the mode switch and the LAN server. Only a session opened
//! through the per-launch host secret, on loopback, reaches these; a LAN admin gets 403.

use std::net::IpAddr;

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::extract::{ApiJson, ApiQuery, HostOnly};
use crate::access;
use crate::auth::password::Secret;
use crate::error::{ApiError, ApiResult};
use crate::lan::{LanOptions, LanStatus};
use crate::mode::ToMulti;
use crate::store::{events, settings, StoreError};
use crate::{config_keys, Engine};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminForm {
    username: String,
    password: Secret,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ModeBody {
    mode: String,
    admin: Option<AdminForm>,
    current_password: Option<Secret>,
}

fn require_admin(h: &HostOnly) -> ApiResult<()> {
    if access::may_admin_system(&h.0.principal) {
        Ok(())
    } else {
        Err(ApiError::forbidden("admin_only", "Only an admin can do this."))
    }
}

pub async fn set_mode(State(engine): State<Engine>, h: HostOnly, ApiJson(b): ApiJson<ModeBody>) -> ApiResult<Json<Value>> {
    require_admin(&h)?;
    let a = &h.0;
    match b.mode.as_str() {
        "multi" => {
            let admin = b.admin.ok_or_else(|| {
                ApiError::invalid("admin_required", "Choose the admin's username and password: the owner becomes that admin.")
            })?;
            let req = ToMulti { admin_username: admin.username, admin_password: admin.password, current_password: b.current_password, from_host_terminal: false };
            engine.switch_to_multi(&a.principal, req, &a.address).await?;
        }
        "single" => engine.switch_to_single(&a.principal, &a.address).await?,
        _ => return Err(ApiError::invalid("invalid_mode", "mode is \"single\" or \"multi\".")),
    }
    let mode = engine.mode().await?;
    Ok(Json(json!({ "mode": mode.as_str() })))
}

pub async fn server_status(State(engine): State<Engine>, _h: HostOnly) -> ApiResult<Json<LanStatus>> {
    Ok(Json(engine.lan_status().await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerBody {
    action: String,
    bind: Option<String>,
    port: Option<u16>,
    url: Option<String>,
    #[serde(rename = "allowedHosts")]
    allowed_hosts: Option<Vec<String>>,
}

/// A host name an admin may allow: letters, digits, dots and dashes; no wildcard.
fn check_host_name(n: &str) -> ApiResult<String> {
    let n = n.trim().trim_end_matches('.').to_ascii_lowercase();
    let ok = !n.is_empty()
        && n.len() <= 253
        && n.split('.').all(|l| !l.is_empty() && l.len() <= 63 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if ok { Ok(n) } else { Err(ApiError::invalid("invalid_host_name", format!("\"{n}\" is not a host name (no wildcards, no ports)."))) }
}

pub async fn server_action(State(engine): State<Engine>, h: HostOnly, ApiJson(b): ApiJson<ServerBody>) -> ApiResult<Json<LanStatus>> {
    require_admin(&h)?;
    let a = &h.0;
    let status = match b.action.as_str() {
        "start" => {
            let bind = match b.bind.as_deref() {
                None => None,
                Some(s) => Some(s.parse::<IpAddr>().map_err(|_| ApiError::invalid("invalid_bind", "bind is an IP address, or 0.0.0.0 for all interfaces."))?),
            };
            engine.start_lan(LanOptions { bind, port: b.port }, Some(&a.principal.user_id), &a.address).await?
        }
        "stop" => engine.stop_lan(Some(&a.principal.user_id), &a.address).await?,
        "pin" => {
            let url = b.url.ok_or_else(|| ApiError::invalid("url_required", "Give the URL to pin."))?;
            // Only one of the server's own URLs: the pin is handed out as a link (UI, tray, QR).
            if !engine.lan_status().await?.urls.contains(&url) {
                return Err(ApiError::invalid("invalid_url", "Pin one of the server's URLs."));
            }
            let (uid, addr) = (a.principal.user_id.clone(), a.address.clone());
            engine
                .db()
                .write(move |tx| -> Result<(), StoreError> {
                    settings::set(tx, config_keys::LAN_PINNED, &json!(url))?;
                    events::log(tx, "settings_changed", Some(&uid), &addr, json!({"pinnedUrl": url})).map_err(StoreError::from)
                })
                .await?;
            engine.changed();
            engine.lan_status().await?
        }
        "unpin" => {
            let (uid, addr) = (a.principal.user_id.clone(), a.address.clone());
            engine
                .db()
                .write(move |tx| -> Result<(), StoreError> {
                    settings::set(tx, config_keys::LAN_PINNED, &serde_json::Value::Null)?;
                    events::log(tx, "settings_changed", Some(&uid), &addr, json!({"pinnedUrl": null})).map_err(StoreError::from)
                })
                .await?;
            engine.changed();
            engine.lan_status().await?
        }
        "hosts" => {
            let names = b.allowed_hosts.ok_or_else(|| ApiError::invalid("hosts_required", "Give allowedHosts, a list of host names."))?;
            let names = names.iter().map(|n| check_host_name(n)).collect::<ApiResult<Vec<_>>>()?;
            let (uid, addr) = (a.principal.user_id.clone(), a.address.clone());
            engine
                .db()
                .write(move |tx| -> Result<(), StoreError> {
                    settings::set(tx, config_keys::ALLOWED_HOSTS, &json!(names))?;
                    events::log(tx, "settings_changed", Some(&uid), &addr, json!({"allowedHosts": names})).map_err(StoreError::from)
                })
                .await?;
            engine.refresh_allowed_hosts().await?;
            engine.lan_status().await?
        }
        _ => return Err(ApiError::invalid("invalid_action", "action is start, stop, pin, unpin or hosts.")),
    };
    Ok(Json(status))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QrQuery {
    url: String,
}

/// A QR code (SVG) for one of the server's own URLs, so a phone can open it.
pub async fn qr(State(engine): State<Engine>, _h: HostOnly, ApiQuery(q): ApiQuery<QrQuery>) -> ApiResult<Response> {
    let status = engine.lan_status().await?;
    if !status.urls.contains(&q.url) {
        return Err(ApiError::NotFound);
    }
    let code = qrcode::QrCode::new(q.url.as_bytes()).map_err(ApiError::internal)?;
    let svg = code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(240, 240).quiet_zone(true).build();
    let mut resp = svg.into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"));
    Ok(resp)
}

