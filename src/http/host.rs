//! Host-only routes (API.md): the mode switch and the LAN server. Only a session opened
//! through the per-launch host secret, on loopback, reaches these; a LAN admin gets 403.

use std::net::IpAddr;

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::error::ApiResult;
use super::extract::{ApiJson, ApiQuery, Host, HostAdmin};
use crate::domain::lan::{LanOptions, LanStatus};
use crate::domain::mode::{AdminCredentials, ToMulti};
use crate::domain::passwords::Secret;
use crate::domain::Error;
use crate::Engine;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ModeBody {
    mode: String,
    admin: Option<AdminCredentials>,
    current_password: Option<Secret>,
}

pub async fn set_mode(
    State(engine): State<Engine>,
    HostAdmin(p): HostAdmin,
    ApiJson(b): ApiJson<ModeBody>,
) -> ApiResult<Json<Value>> {
    match b.mode.as_str() {
        "multi" => {
            let req = ToMulti { admin: b.admin, current_password: b.current_password, from_host_terminal: false };
            engine.switch_to_multi(&p, req).await?;
        }
        "single" => engine.switch_to_single(&p).await?,
        _ => return Err(Error::invalid("invalid_mode", "mode is \"single\" or \"multi\".").into()),
    }
    Ok(Json(json!({ "mode": engine.mode().await?.as_str() })))
}

pub async fn server_status(State(engine): State<Engine>, Host(p): Host) -> ApiResult<Json<LanStatus>> {
    Ok(Json(engine.server_status(&p).await?))
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

pub async fn server_action(
    State(engine): State<Engine>,
    HostAdmin(p): HostAdmin,
    ApiJson(b): ApiJson<ServerBody>,
) -> ApiResult<Json<LanStatus>> {
    let status = match b.action.as_str() {
        "start" => {
            let bind = match b.bind.as_deref() {
                None => None,
                Some(s) => Some(s.parse::<IpAddr>().map_err(|_| {
                    Error::invalid("invalid_bind", "bind is an IP address, or 0.0.0.0 for all interfaces.")
                })?),
            };
            engine.start_lan(&p, LanOptions { bind, port: b.port }).await?
        }
        "stop" => engine.stop_lan(&p).await?,
        "pin" => {
            let url = b.url.ok_or_else(|| Error::invalid("url_required", "Give the URL to pin."))?;
            engine.pin_lan_url(&p, Some(url)).await?
        }
        "unpin" => engine.pin_lan_url(&p, None).await?,
        "hosts" => {
            let names = b
                .allowed_hosts
                .ok_or_else(|| Error::invalid("hosts_required", "Give allowedHosts, a list of host names."))?;
            engine.set_allowed_hosts(&p, names).await?
        }
        _ => return Err(Error::invalid("invalid_action", "action is start, stop, pin, unpin or hosts.").into()),
    };
    Ok(Json(status))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QrQuery {
    url: String,
}

/// A QR code (SVG) for one of the server's own URLs, so a phone can open it.
pub async fn qr(State(engine): State<Engine>, Host(p): Host, ApiQuery(q): ApiQuery<QrQuery>) -> ApiResult<Response> {
    let svg = engine.lan_qr_svg(&p, &q.url).await?;
    let mut resp = svg.into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"));
    Ok(resp)
}
