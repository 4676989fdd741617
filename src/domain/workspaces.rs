//! Workspaces (PRODUCT A1, W1, W2). Reads are scoped to what the caller may see; create,
//! edit, delete and members are for admins and managers. A workspace the caller cannot see
//! is a 404 before any other answer, so a default user learns nothing about it.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::error::{Error, Result};
use super::events::{record, EventKind};
use super::policy::{self, Principal};
use super::sessions::Caller;
use super::validate;
use crate::store::documents;
use crate::store::users;
use crate::store::workspaces::{self, Member, Workspace};
use crate::Engine;

/// A page of a list (API.md "Lists").
#[derive(Clone, Debug, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<i64>,
}

impl<T> Page<T> {
    /// All of a list in one page.
    pub fn all(items: Vec<T>) -> Page<T> {
        Page { items, next: None }
    }

    /// `rows` fetched with one more than `limit`: the extra row says there is a next page.
    pub fn of(mut rows: Vec<T>, limit: i64, offset: i64) -> Page<T> {
        let more = rows.len() as i64 > limit;
        rows.truncate(limit as usize);
        Page { items: rows, next: more.then_some(offset + limit) }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewWorkspace {
    pub name: String,
    #[serde(default)]
    pub system_prompt: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WorkspacePatch {
    pub name: Option<String>,
    pub system_prompt: Option<String>,
    pub temperature: Option<f32>,
    pub max_tokens: Option<u32>,
    pub history_messages: Option<u32>,
    /// Tokens; `null`: as the model says.
    #[serde(default, deserialize_with = "crate::domain::accounts::double_option")]
    pub context_window: Option<Option<u32>>,
    /// `backend/model` (GET /models); `null`: the default model.
    #[serde(default, deserialize_with = "crate::domain::accounts::double_option")]
    pub model: Option<Option<String>>,
    /// An embedder of GET /embedders (search by meaning too); `null`: keywords only.
    #[serde(default, deserialize_with = "crate::domain::accounts::double_option")]
    pub embedder: Option<Option<String>>,
}

impl WorkspacePatch {
    fn model_patch(&self) -> crate::ai::settings::ModelSettingsPatch {
        crate::ai::settings::ModelSettingsPatch {
            model: self.model.clone(),
            temperature: self.temperature,
            max_tokens: self.max_tokens,
            history_messages: self.history_messages,
            context_window: self.context_window,
        }
    }
}

/// The workspace `slug` as `who` sees it, or 404.
fn visible(c: &rusqlite::Connection, who: &Principal, slug: &str) -> Result<Workspace> {
    workspaces::get_by_slug(c, &policy::workspace_scope(who), slug)?.ok_or(Error::NotFound)
}

impl Engine {
    /// The workspaces the caller can see, a page at a time.
    pub async fn list_workspaces(
        &self,
        caller: impl Into<Caller>,
        limit: Option<i64>,
        offset: Option<i64>,
    ) -> Result<Page<Workspace>> {
        let (limit, offset) = (limit.unwrap_or(50), offset.unwrap_or(0));
        self.read_as(caller.into(), move |c, who| {
            // Checked after the caller: a stranger learns nothing, not even about paging.
            validate::page(limit, offset, 200)?;
            let rows = workspaces::list(c, &policy::workspace_scope(who), limit + 1, offset)?;
            Ok(Page::of(rows, limit, offset))
        })
        .await
    }

    pub async fn workspace(&self, caller: impl Into<Caller>, slug: String) -> Result<Workspace> {
        self.read_as(caller.into(), move |c, who| visible(c, who, &slug)).await
    }

    pub async fn create_workspace(&self, who: &Principal, new: NewWorkspace) -> Result<Workspace> {
        policy::require_workspace_editor(who)?;
        let name = validate::workspace_name(&new.name)?;
        validate::system_prompt(&new.system_prompt)?;
        self.write_as(who.clone().into(), move |tx, who| {
            let ws = workspaces::create(tx, &who.user_id, &name, &new.system_prompt)?;
            record(tx, who, EventKind::WorkspaceCreated, json!({"workspace": ws.id, "slug": ws.slug}))?;
            Ok(ws)
        })
        .await
    }

    pub async fn update_workspace(&self, who: &Principal, slug: String, patch: WorkspacePatch) -> Result<Workspace> {
        if let Some(Some(model)) = &patch.model {
            self.check_model_ref(model).await?;
        }
        let embedder = match &patch.embedder {
            Some(Some(id)) => Some(Some(self.check_embedder(id)?)),
            Some(None) => Some(None),
            None => None,
        };
        let out = self
            .write_as(who.clone().into(), move |tx, who| {
                let ws = visible(tx, who, &slug)?;
                policy::require_workspace_editor(who)?;
                let name = patch.name.as_deref().map(validate::workspace_name).transpose()?;
                if let Some(p) = &patch.system_prompt {
                    validate::system_prompt(p)?;
                }
                let model = patch.model_patch();
                let mut out = workspaces::update(tx, &ws, name.as_deref(), patch.system_prompt.as_deref())?;
                if !model.is_empty() {
                    let next = model.apply(&ws.model);
                    next.check()?;
                    workspaces::set_model_settings(tx, &ws.id, &next)?;
                    out.model = next;
                }
                if let Some(spec) = embedder {
                    let id = spec.map(|s| s.id.to_string());
                    if id != ws.embedder {
                        // Vectors of the old embedder go with the choice; the worker makes the
                        // new ones (a document's count once all are in).
                        workspaces::set_embedder(tx, &ws.id, spec.map(|s| (s.id, s.dim)))?;
                        documents::clear_workspace_vectors(tx, ws.id.as_str())?;
                        out.embedder = id;
                    }
                }
                record(tx, who, EventKind::WorkspaceUpdated, json!({"workspace": out.id, "slug": out.slug}))?;
                Ok(out)
            })
            .await?;
        if out.embedder.is_some() {
            self.wake_ingest();
        }
        Ok(out)
    }

    pub async fn delete_workspace(&self, who: &Principal, slug: String) -> Result<()> {
        self.write_as(who.clone().into(), move |tx, who| {
            let ws = visible(tx, who, &slug)?;
            policy::require_workspace_editor(who)?;
            workspaces::delete(tx, &ws)?;
            record(tx, who, EventKind::WorkspaceDeleted, json!({"workspace": ws.id, "slug": ws.slug}))?;
            Ok(())
        })
        .await
    }

    /// Members of a workspace (PRODUCT W2), for admins and managers.
    pub async fn workspace_members(&self, who: &Principal, slug: String) -> Result<Vec<Member>> {
        self.read_as(who.clone().into(), move |c, who| {
            let ws = visible(c, who, &slug)?;
            policy::require_workspace_editor(who)?;
            Ok(workspaces::members(c, &ws.id)?)
        })
        .await
    }

    /// Replaces a workspace's members. Managers cannot add or remove an admin.
    pub async fn set_workspace_members(
        &self,
        who: &Principal,
        slug: String,
        user_ids: Vec<String>,
    ) -> Result<Vec<Member>> {
        self.write_as(who.clone().into(), move |tx, who| {
            let ws = visible(tx, who, &slug)?;
            policy::require_workspace_editor(who)?;
            let current = workspaces::member_ids(tx, &ws.id)?;
            let added = user_ids.iter().filter(|u| !current.contains(u));
            let removed = current.iter().filter(|u| !user_ids.contains(u));
            for u in added.chain(removed) {
                let Some(role) = users::role_of(tx, u)? else {
                    return Err(Error::invalid("unknown_user", format!("There is no user with id {u}.")));
                };
                policy::require_member_editor(who, role)?;
            }
            workspaces::replace_members(tx, &ws.id, &user_ids)?;
            record(tx, who, EventKind::MembershipsChanged, json!({"workspace": ws.id, "users": user_ids}))?;
            Ok(workspaces::members(tx, &ws.id)?)
        })
        .await
    }
}
