//! Workspaces (PRODUCT A1, W1). Reads are scoped to what the caller may see; create, edit
//! and delete are for admins and managers.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use rusqlite::OptionalExtension;
use serde_json::json;

use super::extract::{ApiJson, ApiPath, ApiQuery, Authed, Creds};
use crate::access::Principal;
use crate::error::{ApiError, ApiResult};
use crate::store::workspaces::{self, Workspace};
use crate::store::{events, StoreError};
use crate::Engine;

const NAME_MAX: usize = 100;
const PROMPT_MAX: usize = 20_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    limit: Option<i64>,
    offset: Option<i64>,
}

/// A page of a list (API.md "Lists").
#[derive(serde::Serialize)]
pub struct Listing<T> {
    items: Vec<T>,
    next: Option<i64>,
}

pub async fn list(State(engine): State<Engine>, creds: Creds, ApiQuery(page): ApiQuery<Page>) -> ApiResult<Json<Listing<Workspace>>> {
    let limit = page.limit.unwrap_or(50);
    let offset = page.offset.unwrap_or(0);
    let items = engine
        .run_as(creds, move |c, who| {
            // Checked after the caller: a stranger learns nothing, not even about paging.
            if !(1..=200).contains(&limit) || offset < 0 {
                return Err(ApiError::invalid("invalid_page", "limit is 1 to 200 and offset at least 0."));
            }
            Ok(workspaces::list(c, who, limit + 1, offset)?)
        })
        .await?;
    let mut items = items;
    let more = items.len() as i64 > limit;
    items.truncate(limit as usize);
    Ok(Json(Listing { items, next: more.then_some(offset + limit) }))
}

fn require_manager(p: &Principal) -> ApiResult<()> {
    if p.manages_workspaces() {
        Ok(())
    } else {
        Err(ApiError::forbidden("forbidden", "Only admins and managers can change workspaces."))
    }
}

fn check_name(name: &str) -> ApiResult<String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > NAME_MAX || n.chars().any(char::is_control) {
        return Err(ApiError::invalid("invalid_name", format!("Give the workspace a name of 1 to {NAME_MAX} characters.")));
    }
    Ok(n.to_string())
}

fn check_prompt(p: &str) -> ApiResult<()> {
    if p.chars().count() > PROMPT_MAX {
        return Err(ApiError::invalid("invalid_system_prompt", format!("Keep the system prompt under {PROMPT_MAX} characters.")));
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CreateBody {
    name: String,
    #[serde(default)]
    system_prompt: String,
}

pub async fn create(State(engine): State<Engine>, a: Authed, ApiJson(b): ApiJson<CreateBody>) -> ApiResult<(StatusCode, Json<Workspace>)> {
    require_manager(&a.principal)?;
    let name = check_name(&b.name)?;
    check_prompt(&b.system_prompt)?;
    let (who, addr) = (a.principal, a.address);
    let ws = engine
        .db()
        .write(move |tx| -> Result<Workspace, StoreError> {
            let ws = workspaces::create(tx, &who, &name, &b.system_prompt)?;
            events::log(tx, "workspace_created", Some(&who.user_id), &addr, json!({"workspace": ws.id, "slug": ws.slug}))?;
            Ok(ws)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(ws)))
}

async fn find(engine: &Engine, who: &Principal, slug: String) -> ApiResult<Workspace> {
    let who = who.clone();
    engine
        .db()
        .run(move |c| workspaces::get_by_slug(c, &who, &slug).map_err(StoreError::from))
        .await?
        .ok_or(ApiError::NotFound)
}

pub async fn read(State(engine): State<Engine>, creds: Creds, ApiPath(slug): ApiPath<String>) -> ApiResult<Json<Workspace>> {
    let ws = engine.run_as(creds, move |c, who| workspaces::get_by_slug(c, who, &slug)?.ok_or(ApiError::NotFound)).await?;
    Ok(Json(ws))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateBody {
    name: Option<String>,
    system_prompt: Option<String>,
}

pub async fn update(
    State(engine): State<Engine>,
    a: Authed,
    ApiPath(slug): ApiPath<String>,
    ApiJson(b): ApiJson<UpdateBody>,
) -> ApiResult<Json<Workspace>> {
    // Existence first, so a default user learns nothing about workspaces it cannot see.
    let ws = find(&engine, &a.principal, slug).await?;
    require_manager(&a.principal)?;
    let name = b.name.as_deref().map(check_name).transpose()?;
    if let Some(p) = &b.system_prompt {
        check_prompt(p)?;
    }
    let (who, addr) = (a.principal, a.address);
    let ws = engine
        .db()
        .write(move |tx| -> Result<Workspace, StoreError> {
            let out = workspaces::update(tx, &ws, name.as_deref(), b.system_prompt.as_deref())?;
            events::log(tx, "workspace_updated", Some(&who.user_id), &addr, json!({"workspace": out.id, "slug": out.slug}))?;
            Ok(out)
        })
        .await?;
    Ok(Json(ws))
}

pub async fn remove(State(engine): State<Engine>, a: Authed, ApiPath(slug): ApiPath<String>) -> ApiResult<StatusCode> {
    let ws = find(&engine, &a.principal, slug).await?;
    require_manager(&a.principal)?;
    let (who, addr) = (a.principal, a.address);
    engine
        .db()
        .write(move |tx| -> Result<(), StoreError> {
            workspaces::delete(tx, &ws)?;
            events::log(tx, "workspace_deleted", Some(&who.user_id), &addr, json!({"workspace": ws.id, "slug": ws.slug}))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Members of a workspace (PRODUCT W2), for admins and managers.
pub async fn members(State(engine): State<Engine>, a: Authed, ApiPath(slug): ApiPath<String>) -> ApiResult<Json<serde_json::Value>> {
    let ws = find(&engine, &a.principal, slug).await?;
    require_manager(&a.principal)?;
    let items = engine
        .db()
        .run(move |c| -> ApiResult<Vec<serde_json::Value>> {
            let mut stmt = c.prepare_cached(
                "SELECT u.id, u.username, u.display_name, u.role FROM workspace_members m JOIN users u ON u.id = m.user_id \
                 WHERE m.workspace_id = ?1 ORDER BY u.username",
            )?;
            let rows = stmt.query_map([ws.id.as_str()], |r| {
                Ok(json!({"id": r.get::<_, String>(0)?, "username": r.get::<_, Option<String>>(1)?, "displayName": r.get::<_, String>(2)?, "role": r.get::<_, String>(3)?}))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await?;
    Ok(Json(json!({ "items": items, "next": null })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MembersBody {
    user_ids: Vec<String>,
}

pub async fn set_members(State(engine): State<Engine>, a: Authed, ApiPath(slug): ApiPath<String>, ApiJson(b): ApiJson<MembersBody>) -> ApiResult<Json<serde_json::Value>> {
    let ws = find(&engine, &a.principal, slug.clone()).await?;
    require_manager(&a.principal)?;
    let (who, addr) = (a.principal.clone(), a.address.clone());
    engine
        .db()
        .write(move |tx| -> ApiResult<()> {
            let current: Vec<String> = {
                let mut s = tx.prepare("SELECT user_id FROM workspace_members WHERE workspace_id = ?1")?;
                let rows = s.query_map([ws.id.as_str()], |r| r.get(0))?;
                rows.collect::<Result<_, _>>()?
            };
            let changed: Vec<&String> = current.iter().filter(|u| !b.user_ids.contains(u)).chain(b.user_ids.iter().filter(|u| !current.contains(u))).collect();
            for u in &changed {
                let role: Option<String> = tx
                    .query_row("SELECT role FROM users WHERE id = ?1", [u.as_str()], |r| r.get(0))
                    .optional()?;
                let Some(role) = role else {
                    return Err(ApiError::invalid("unknown_user", format!("There is no user with id {u}.")));
                };
                let role = crate::access::Role::parse(&role).unwrap_or(crate::access::Role::Default);
                if !crate::access::may_act_on(&who, role) {
                    return Err(ApiError::forbidden("forbidden", "Managers cannot change an admin's workspaces."));
                }
            }
            tx.execute("DELETE FROM workspace_members WHERE workspace_id = ?1", [ws.id.as_str()])?;
            let t = crate::store::now();
            for u in &b.user_ids {
                tx.execute(
                    "INSERT OR IGNORE INTO workspace_members (workspace_id, user_id, added_at) VALUES (?1, ?2, ?3)",
                    rusqlite::params![ws.id.as_str(), u, t],
                )?;
            }
            events::log(tx, "memberships_changed", Some(&who.user_id), &addr, json!({"workspace": ws.id, "users": b.user_ids}))?;
            Ok(())
        })
        .await?;
    members(State(engine), a, ApiPath(slug)).await
}
