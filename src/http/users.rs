//! Administration of accounts (API.md "Administration"): thin handlers on `accounts.rs`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::extract::{ApiJson, ApiPath, Authed};
use crate::access::{UserId, WorkspaceId};
use crate::accounts::{NewUser, UserPatch, UserView};
use crate::auth::password::Secret;
use crate::error::ApiResult;
use crate::Engine;

pub async fn list(State(engine): State<Engine>, a: Authed) -> ApiResult<Json<Value>> {
    let items = engine.list_users(&a.principal).await?;
    Ok(Json(json!({ "items": items, "next": null })))
}

pub async fn create(State(engine): State<Engine>, a: Authed, ApiJson(b): ApiJson<NewUser>) -> ApiResult<(StatusCode, Json<UserView>)> {
    Ok((StatusCode::CREATED, Json(engine.create_user(&a.principal, b, &a.address).await?)))
}

pub async fn read(State(engine): State<Engine>, a: Authed, ApiPath(id): ApiPath<String>) -> ApiResult<Json<UserView>> {
    Ok(Json(engine.get_user(&a.principal, UserId(id)).await?))
}

pub async fn update(State(engine): State<Engine>, a: Authed, ApiPath(id): ApiPath<String>, ApiJson(b): ApiJson<UserPatch>) -> ApiResult<Json<UserView>> {
    Ok(Json(engine.update_user(&a.principal, UserId(id), b, &a.address).await?))
}

pub async fn remove(State(engine): State<Engine>, a: Authed, ApiPath(id): ApiPath<String>) -> ApiResult<Json<Value>> {
    Ok(Json(engine.delete_user(&a.principal, UserId(id), &a.address).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResetBody {
    new_password: Secret,
}

pub async fn reset_password(State(engine): State<Engine>, a: Authed, ApiPath(id): ApiPath<String>, ApiJson(b): ApiJson<ResetBody>) -> ApiResult<StatusCode> {
    engine.reset_password(&a.principal, UserId(id), b.new_password, &a.address).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WorkspacesBody {
    workspace_ids: Vec<WorkspaceId>,
}

pub async fn set_workspaces(State(engine): State<Engine>, a: Authed, ApiPath(id): ApiPath<String>, ApiJson(b): ApiJson<WorkspacesBody>) -> ApiResult<Json<UserView>> {
    Ok(Json(engine.set_user_workspaces(&a.principal, UserId(id), b.workspace_ids, &a.address).await?))
}

pub async fn end_sessions(State(engine): State<Engine>, a: Authed, ApiPath(id): ApiPath<String>) -> ApiResult<Json<Value>> {
    let n = engine.end_user_sessions(&a.principal, UserId(id), &a.address).await?;
    Ok(Json(json!({ "ended": n })))
}
