//! Administration of accounts (API.md "Administration"): thin handlers on the domain's
//! accounts, for admins and managers.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, Manager};
use crate::domain::accounts::{Deleted, NewUser, UserPatch, UserView};
use crate::domain::passwords::Secret;
use crate::domain::policy::{UserId, WorkspaceId};
use crate::domain::workspaces::Page;
use crate::Engine;

pub async fn list(State(engine): State<Engine>, Manager(p): Manager) -> ApiResult<Json<Page<UserView>>> {
    Ok(Json(Page::all(engine.list_users(&p).await?)))
}

pub async fn create(
    State(engine): State<Engine>,
    Manager(p): Manager,
    ApiJson(b): ApiJson<NewUser>,
) -> ApiResult<(StatusCode, Json<UserView>)> {
    Ok((StatusCode::CREATED, Json(engine.create_user(&p, b).await?)))
}

pub async fn read(
    State(engine): State<Engine>,
    Manager(p): Manager,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<UserView>> {
    Ok(Json(engine.get_user(&p, UserId(id)).await?))
}

pub async fn update(
    State(engine): State<Engine>,
    Manager(p): Manager,
    ApiPath(id): ApiPath<String>,
    ApiJson(b): ApiJson<UserPatch>,
) -> ApiResult<Json<UserView>> {
    Ok(Json(engine.update_user(&p, UserId(id), b).await?))
}

pub async fn remove(
    State(engine): State<Engine>,
    Manager(p): Manager,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Deleted>> {
    Ok(Json(engine.delete_user(&p, UserId(id)).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResetBody {
    new_password: Secret,
}

pub async fn reset_password(
    State(engine): State<Engine>,
    Manager(p): Manager,
    ApiPath(id): ApiPath<String>,
    ApiJson(b): ApiJson<ResetBody>,
) -> ApiResult<StatusCode> {
    engine.reset_password(&p, UserId(id), b.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WorkspacesBody {
    workspace_ids: Vec<WorkspaceId>,
}

pub async fn set_workspaces(
    State(engine): State<Engine>,
    Manager(p): Manager,
    ApiPath(id): ApiPath<String>,
    ApiJson(b): ApiJson<WorkspacesBody>,
) -> ApiResult<Json<UserView>> {
    Ok(Json(engine.set_user_workspaces(&p, UserId(id), b.workspace_ids).await?))
}

pub async fn end_sessions(
    State(engine): State<Engine>,
    Manager(p): Manager,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Value>> {
    let n = engine.end_user_sessions(&p, UserId(id)).await?;
    Ok(Json(json!({ "ended": n })))
}
