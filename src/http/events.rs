//! The event log (PRODUCT E1): admins filter it, export CSV, clear it (which is logged).

use axum::extract::State;
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
    let csv = super::reports::wants_csv(f.format.as_deref())?;
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
        return Ok(super::reports::csv_download(to_csv(&page.items), "hearth-events.csv"));
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
