//! The event log (PRODUCT E1): admins filter it, export CSV, clear it (which is logged).

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::error::ApiResult;
use super::extract::{Admin, ApiQuery};
use crate::domain::eventlog::{to_csv, MAX_ROWS};
use crate::domain::events::EventKind;
use crate::domain::Error;
use crate::store::events::Filter;
use crate::Engine;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterQuery {
    #[serde(rename = "type")]
    kind: Option<String>,
    user: Option<String>,
    from: Option<i64>,
    to: Option<i64>,
    limit: Option<i64>,
    offset: Option<i64>,
    format: Option<String>,
}

pub async fn list(
    State(engine): State<Engine>,
    Admin(p): Admin,
    ApiQuery(f): ApiQuery<FilterQuery>,
) -> ApiResult<Response> {
    let csv = match f.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(Error::invalid("invalid_format", "format is json or csv.").into()),
    };
    let kind = match f.kind.as_deref() {
        None => None,
        Some(k) => Some(
            EventKind::parse(k)
                .ok_or_else(|| Error::invalid("invalid_type", format!("There is no event type {k:?}.")))?,
        ),
    };
    let filter = Filter { kind, user: f.user, from: f.from, to: f.to };
    let limit = f.limit.unwrap_or(if csv { MAX_ROWS } else { 100 });
    let page = engine.events(&p, filter, limit, f.offset.unwrap_or(0)).await?;
    if csv {
        let mut resp = to_csv(&page.items).into_response();
        resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
        resp.headers_mut().insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment; filename=\"hearth-events.csv\""),
        );
        return Ok(resp);
    }
    Ok(Json(page).into_response())
}

/// Clearing takes no filters: `DELETE /events?type=…` is refused rather than clearing all.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoQuery {}

/// Clears the log; the clearing itself is the first entry of the new log.
pub async fn clear(
    State(engine): State<Engine>,
    Admin(p): Admin,
    ApiQuery(_): ApiQuery<NoQuery>,
) -> ApiResult<Json<Value>> {
    Ok(Json(json!({ "removed": engine.clear_events(&p).await? })))
}
