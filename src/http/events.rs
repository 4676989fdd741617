//! The event log (PRODUCT E1): admins filter it, export CSV, clear it (which is logged).

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::extract::{Admin, ApiQuery};
use crate::error::{ApiError, ApiResult};
use crate::store::{events, StoreError};
use crate::Engine;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    #[serde(rename = "type")]
    kind: Option<String>,
    user: Option<String>,
    from: Option<i64>,
    to: Option<i64>,
    limit: Option<i64>,
    offset: Option<i64>,
    format: Option<String>,
}

#[derive(Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Event {
    id: i64,
    at: i64,
    #[serde(rename = "type")]
    kind: String,
    user_id: Option<String>,
    username: Option<String>,
    address: String,
    details: Value,
}

/// CSV cells that a spreadsheet would run as a formula are prefixed with a quote
/// (OWASP "CSV injection").
fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

pub async fn list(State(engine): State<Engine>, _a: Admin, ApiQuery(f): ApiQuery<Filter>) -> ApiResult<Response> {
    let csv = match f.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(ApiError::invalid("invalid_format", "format is json or csv.")),
    };
    let limit = f.limit.unwrap_or(if csv { 100_000 } else { 100 });
    let offset = f.offset.unwrap_or(0);
    if !(1..=100_000).contains(&limit) || offset < 0 {
        return Err(ApiError::invalid("invalid_page", "limit is 1 to 100000 and offset at least 0."));
    }
    let rows = engine
        .db()
        .run(move |c| -> Result<Vec<Event>, StoreError> {
            let mut stmt = c.prepare_cached(
                "SELECT id, at, kind, user_id, username, address, details FROM events \
                 WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR user_id = ?2 OR username = ?2) \
                 AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at <= ?4) \
                 ORDER BY id DESC LIMIT ?5 OFFSET ?6",
            )?;
            let rows = stmt.query_map(rusqlite::params![f.kind, f.user, f.from, f.to, limit + 1, offset], |r| {
                let details: String = r.get(6)?;
                Ok(Event {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    kind: r.get(2)?,
                    user_id: r.get(3)?,
                    username: r.get(4)?,
                    address: r.get(5)?,
                    details: serde_json::from_str(&details).unwrap_or(Value::Null),
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await?;
    let mut rows = rows;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    if csv {
        let mut out = String::from("id,at,type,user_id,username,address,details\n");
        for e in &rows {
            out.push_str(&format!(
                "{},{},{},{},{},{},{}\n",
                e.id,
                e.at,
                csv_cell(&e.kind),
                csv_cell(e.user_id.as_deref().unwrap_or("")),
                csv_cell(e.username.as_deref().unwrap_or("")),
                csv_cell(&e.address),
                csv_cell(&e.details.to_string())
            ));
        }
        let mut resp = out.into_response();
        resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
        resp.headers_mut().insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"hearth-events.csv\""));
        return Ok(resp);
    }
    Ok(Json(json!({ "items": rows, "next": if more { Some(offset + limit) } else { None } })).into_response())
}

/// Clearing takes no filters: `DELETE /events?type=…` is refused rather than clearing all.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoQuery {}

/// Clears the log; the clearing itself is the first entry of the new log.
pub async fn clear(State(engine): State<Engine>, Admin(a): Admin, ApiQuery(_): ApiQuery<NoQuery>) -> ApiResult<Json<Value>> {
    let (uid, addr) = (a.principal.user_id.clone(), a.address.clone());
    let n = engine
        .db()
        .write(move |tx| -> Result<usize, StoreError> {
            let n = tx.execute("DELETE FROM events", [])?;
            events::log(tx, "events_cleared", Some(&uid), &addr, json!({"removed": n}))?;
            Ok(n)
        })
        .await?;
    Ok(Json(json!({ "removed": n })))
}
