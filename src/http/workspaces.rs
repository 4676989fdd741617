//! Workspaces and their threads (PRODUCT A1, A2, W1–W3): thin handlers on the domain. The
//! hot reads take the request's credentials ([`Creds`]) so that checking them and reading
//! happen in one trip to the database.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery, Authed, Creds};
use crate::domain::threads::{MessagePage, ThreadTitle};
use crate::domain::workspaces::{NewWorkspace, Page, WorkspacePatch};
use crate::store::threads::Thread;
use crate::store::workspaces::{Member, Workspace};
use crate::Engine;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    limit: Option<i64>,
    offset: Option<i64>,
}

pub async fn list(
    State(engine): State<Engine>,
    Creds(c): Creds,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<Workspace>>> {
    Ok(Json(engine.list_workspaces(c, q.limit, q.offset).await?))
}

pub async fn create(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiJson(b): ApiJson<NewWorkspace>,
) -> ApiResult<(StatusCode, Json<Workspace>)> {
    Ok((StatusCode::CREATED, Json(engine.create_workspace(&p, b).await?)))
}

pub async fn read(
    State(engine): State<Engine>,
    Creds(c): Creds,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<Workspace>> {
    Ok(Json(engine.workspace(c, slug).await?))
}

pub async fn update(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(slug): ApiPath<String>,
    ApiJson(b): ApiJson<WorkspacePatch>,
) -> ApiResult<Json<Workspace>> {
    Ok(Json(engine.update_workspace(&p, slug, b).await?))
}

pub async fn remove(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<StatusCode> {
    engine.delete_workspace(&p, slug).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn members(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<Page<Member>>> {
    Ok(Json(Page::all(engine.workspace_members(&p, slug).await?)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MembersBody {
    user_ids: Vec<String>,
}

pub async fn set_members(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(slug): ApiPath<String>,
    ApiJson(b): ApiJson<MembersBody>,
) -> ApiResult<Json<Page<Member>>> {
    Ok(Json(Page::all(engine.set_workspace_members(&p, slug, b.user_ids).await?)))
}

pub async fn threads(
    State(engine): State<Engine>,
    Creds(c): Creds,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<Page<Thread>>> {
    Ok(Json(Page::all(engine.list_threads(c, slug).await?)))
}

pub async fn create_thread(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(slug): ApiPath<String>,
    ApiJson(b): ApiJson<ThreadTitle>,
) -> ApiResult<(StatusCode, Json<Thread>)> {
    Ok((StatusCode::CREATED, Json(engine.create_thread(p, slug, b).await?)))
}

pub async fn thread(
    State(engine): State<Engine>,
    Creds(c): Creds,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Thread>> {
    Ok(Json(engine.thread(c, id).await?))
}

pub async fn rename_thread(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(id): ApiPath<String>,
    ApiJson(b): ApiJson<ThreadTitle>,
) -> ApiResult<Json<Thread>> {
    Ok(Json(engine.rename_thread(p, id, b).await?))
}

pub async fn delete_thread(
    State(engine): State<Engine>,
    Creds(c): Creds,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    engine.delete_thread(c, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryQuery {
    limit: Option<i64>,
    cursor: Option<String>,
}

pub async fn messages(
    State(engine): State<Engine>,
    Creds(c): Creds,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<HistoryQuery>,
) -> ApiResult<Json<MessagePage>> {
    Ok(Json(engine.thread_messages(c, id, q.limit, q.cursor).await?))
}
