//! Threads (PRODUCT W3): the caller's own, in workspaces the caller can see; others' are 404.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::extract::{ApiJson, ApiPath, Authed, Creds};
use crate::error::{ApiError, ApiResult};
use crate::store::threads::{self, Thread};
use crate::store::workspaces;
use crate::Engine;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleBody {
    #[serde(default)]
    title: String,
}

fn check_title(t: &str) -> ApiResult<String> {
    let t = t.trim();
    if t.chars().count() > 200 || t.chars().any(char::is_control) {
        return Err(ApiError::invalid("invalid_title", "Keep the title to 200 characters."));
    }
    Ok(t.to_string())
}

pub async fn list(State(engine): State<Engine>, creds: Creds, ApiPath(slug): ApiPath<String>) -> ApiResult<Json<Value>> {
    let items = engine
        .run_as(creds, move |c, who| {
            let ws = workspaces::get_by_slug(c, who, &slug)?.ok_or(ApiError::NotFound)?;
            Ok(threads::list(c, who, ws.id.as_str())?)
        })
        .await?;
    Ok(Json(json!({ "items": items, "next": null })))
}

/// `Authed` first: who is asking is checked before the body is read (a locked or signed-out
/// client learns nothing of the body's shape); the work then runs as that caller in one trip.
pub async fn create(State(engine): State<Engine>, _: Authed, creds: Creds, ApiPath(slug): ApiPath<String>, ApiJson(b): ApiJson<TitleBody>) -> ApiResult<(StatusCode, Json<Thread>)> {
    let t = engine
        .run_as(creds, move |c, who| {
            let ws = workspaces::get_by_slug(c, who, &slug)?.ok_or(ApiError::NotFound)?;
            let title = check_title(&b.title)?;
            Ok(threads::create(c, who, ws.id.as_str(), &title)?)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(t)))
}

pub async fn read(State(engine): State<Engine>, creds: Creds, ApiPath(id): ApiPath<String>) -> ApiResult<Json<Thread>> {
    Ok(Json(engine.run_as(creds, move |c, who| threads::get(c, who, &id)?.ok_or(ApiError::NotFound)).await?))
}

pub async fn rename(State(engine): State<Engine>, _: Authed, creds: Creds, ApiPath(id): ApiPath<String>, ApiJson(b): ApiJson<TitleBody>) -> ApiResult<Json<Thread>> {
    let t = engine
        .run_as(creds, move |c, who| {
            threads::get(c, who, &id)?.ok_or(ApiError::NotFound)?;
            let title = check_title(&b.title)?;
            threads::rename(c, &id, &title)?;
            threads::get(c, who, &id)?.ok_or(ApiError::NotFound)
        })
        .await?;
    Ok(Json(t))
}

pub async fn remove(State(engine): State<Engine>, creds: Creds, ApiPath(id): ApiPath<String>) -> ApiResult<StatusCode> {
    engine
        .run_as(creds, move |c, who| {
            threads::get(c, who, &id)?.ok_or(ApiError::NotFound)?;
            Ok(threads::delete(c, &id)?)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn messages(State(engine): State<Engine>, creds: Creds, ApiPath(id): ApiPath<String>) -> ApiResult<Json<Value>> {
    let items = engine
        .run_as(creds, move |c, who| {
            threads::get(c, who, &id)?.ok_or(ApiError::NotFound)?;
            Ok(threads::messages(c, &id)?)
        })
        .await?;
    Ok(Json(json!({ "items": items, "next": null })))
}
