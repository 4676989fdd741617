//! What admins and managers read across users (PRODUCT W3, L1): every chat, and everyone's
//! usage, as JSON pages or CSV downloads.

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use super::error::ApiResult;
use super::extract::{ApiQuery, Manager};
use crate::domain::eventlog::MAX_ROWS;
use crate::domain::reports::chats_csv;
use crate::domain::Error;
use crate::store::reports::ChatFilter;
use crate::Engine;

/// `format=json` (the default) or `format=csv`.
pub fn wants_csv(format: Option<&str>) -> Result<bool, Error> {
    match format {
        None | Some("json") => Ok(false),
        Some("csv") => Ok(true),
        Some(_) => Err(Error::invalid("invalid_format", "format is json or csv.")),
    }
}

/// A CSV document as a download named `filename`.
pub fn csv_download(body: String, filename: &'static str) -> Response {
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChatQuery {
    user: Option<String>,
    workspace: Option<String>,
    from: Option<i64>,
    to: Option<i64>,
    limit: Option<i64>,
    offset: Option<i64>,
    format: Option<String>,
}

pub async fn chats(
    State(engine): State<Engine>,
    Manager(p): Manager,
    ApiQuery(q): ApiQuery<ChatQuery>,
) -> ApiResult<Response> {
    let csv = wants_csv(q.format.as_deref())?;
    let filter = ChatFilter { user: q.user, workspace: q.workspace, from: q.from, to: q.to };
    let limit = q.limit.unwrap_or(if csv { MAX_ROWS } else { 100 });
    let page = engine.chats(&p, filter, limit, q.offset.unwrap_or(0)).await?;
    if csv {
        return Ok(csv_download(chats_csv(&page.items), "hearth-chats.csv"));
    }
    Ok(Json(page).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsageQuery {
    user: Option<String>,
    from: Option<String>,
    to: Option<String>,
    format: Option<String>,
}

pub async fn usage(
    State(engine): State<Engine>,
    Manager(p): Manager,
    ApiQuery(q): ApiQuery<UsageQuery>,
) -> ApiResult<Response> {
    let csv = wants_csv(q.format.as_deref())?;
    let report = engine.usage_report(&p, q.from, q.to, q.user).await?;
    if csv {
        return Ok(csv_download(report.to_csv(), "hearth-usage.csv"));
    }
    Ok(Json(report).into_response())
}
