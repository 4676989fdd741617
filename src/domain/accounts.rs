//! Accounts (PRODUCT U1–U5, U7, U8): create, edit, suspend, delete, passwords, memberships
//! and login. Written once, used by the HTTP handlers and the command line alike.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::json;

use super::credentials::{Account, Attempt, Purpose};
use super::error::{Error, Result};
use super::events::{record, EventKind};
use super::passwords::{check_policy, Secret};
use super::policy::{self, Mode, Principal, Role, UserId, WorkspaceId};
use super::sessions::Credentials;
use super::validate;
use crate::store::sessions::{self, EndReason, NewSession};
use crate::store::users::{self, AdminPatch, NewUserRow, User};
use crate::store::{events, workspaces};
use crate::Engine;

/// What admins and managers see of an account. Never the hash.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserView {
    pub id: UserId,
    pub username: Option<String>,
    pub display_name: String,
    pub role: Role,
    pub suspended: bool,
    pub daily_message_limit: Option<i64>,
    pub is_owner: bool,
    pub has_avatar: bool,
    pub created_at: i64,
    pub last_login_at: Option<i64>,
    pub workspace_ids: Vec<WorkspaceId>,
}

impl UserView {
    fn new(u: User, workspace_ids: Vec<WorkspaceId>) -> UserView {
        UserView {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role,
            suspended: u.suspended,
            daily_message_limit: u.daily_message_limit,
            is_owner: u.is_owner,
            has_avatar: u.has_avatar,
            created_at: u.created_at,
            last_login_at: u.last_login_at,
            workspace_ids,
        }
    }
}

/// An account and its memberships, or 404.
fn view(c: &rusqlite::Connection, id: &UserId) -> Result<UserView> {
    let u = users::get(c, id)?.ok_or(Error::NotFound)?;
    let ws = users::workspace_ids(c, id)?;
    Ok(UserView::new(u, ws))
}

/// Distinguishes "absent" (no change) from `null` (clear) in a PATCH body.
pub fn double_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewUser {
    pub username: String,
    pub password: Secret,
    pub role: Role,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub daily_message_limit: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UserPatch {
    pub role: Option<Role>,
    pub suspended: Option<bool>,
    #[serde(default, deserialize_with = "double_option")]
    pub daily_message_limit: Option<Option<i64>>,
    pub display_name: Option<String>,
}

/// What deleting an account did with what it left.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deleted {
    pub deleted: bool,
    pub threads_removed: i64,
    pub workspaces_transferred_to_owner: usize,
}

/// An account as the login list shows it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginListUser {
    pub id: UserId,
    pub username: Option<String>,
    pub display_name: String,
    pub has_avatar: bool,
}

/// There is always at least one active admin: refuses a change that would leave none.
fn keep_an_admin(c: &rusqlite::Connection, losing: &UserId) -> Result<()> {
    if users::other_active_admins(c, losing)? == 0 {
        return Err(Error::conflict("last_admin", "This is the last active admin. Make another admin first."));
    }
    Ok(())
}

fn owner_protected() -> Error {
    Error::conflict(
        "owner_protected",
        "This is the host's own account: it cannot be suspended, demoted or deleted. Switch to single-user mode on the host instead.",
    )
}

/// Loads the target of an action on a user, or 404, and checks the actor may act on it.
fn target(c: &rusqlite::Connection, actor: &Principal, id: &UserId) -> Result<UserView> {
    let v = view(c, id)?;
    policy::require_act_on(actor, v.role)?;
    Ok(v)
}

impl Engine {
    /// Runs `f` in one transaction on the account `id` as it is (`before`), once the policy
    /// let `actor` act on it: admins and managers, and managers never on an admin.
    async fn act_on_user<T, F>(&self, actor: &Principal, id: UserId, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>, &Principal, UserView) -> Result<T> + Send + 'static,
    {
        policy::require_manage_users(actor)?;
        let actor = actor.clone();
        self.db()
            .write(move |tx| {
                let before = target(tx, &actor, &id)?;
                f(tx, &actor, before)
            })
            .await
    }

    pub async fn list_users(&self, actor: &Principal) -> Result<Vec<UserView>> {
        policy::require_manage_users(actor)?;
        self.db()
            .run(|c| -> Result<Vec<UserView>> {
                users::list(c)?
                    .into_iter()
                    .map(|u| {
                        let ws = users::workspace_ids(c, &u.id)?;
                        Ok(UserView::new(u, ws))
                    })
                    .collect()
            })
            .await
    }

    pub async fn get_user(&self, actor: &Principal, id: UserId) -> Result<UserView> {
        policy::require_manage_users(actor)?;
        self.db().run(move |c| view(c, &id)).await
    }

    /// The account with this username (for the command line, which names accounts).
    pub async fn find_user(&self, actor: &Principal, username: &str) -> Result<UserView> {
        policy::require_manage_users(actor)?;
        let name = username.to_string();
        self.db()
            .run(move |c| {
                let u = users::by_username(c, &name)?.ok_or(Error::NotFound)?;
                view(c, &u.id)
            })
            .await
    }

    pub async fn create_user(&self, actor: &Principal, new: NewUser) -> Result<UserView> {
        policy::require_manage_users(actor)?;
        policy::require_grant(actor, new.role)?;
        validate::username(&new.username)?;
        check_policy(new.password.expose(), &[&new.username, new.display_name.as_deref().unwrap_or("")])?;
        validate::daily_limit(new.daily_message_limit)?;
        let display = validate::display_name(new.display_name.as_deref().unwrap_or(&new.username))?;
        let hash = self.inner.hasher.hash(&new.password).await?;
        let (actor_id, addr) = (actor.user_id.clone(), actor.address.clone());
        self.db()
            .write(move |tx| -> Result<UserView> {
                if users::username_taken(tx, &new.username, false)? {
                    return Err(Error::conflict("username_taken", "That username is taken. Choose another one."));
                }
                let row = NewUserRow {
                    username: &new.username,
                    display_name: &display,
                    role: new.role,
                    password_hash: &hash,
                    daily_message_limit: new.daily_message_limit,
                };
                let id = users::insert(tx, &row)?;
                events::log(
                    tx,
                    EventKind::UserCreated,
                    Some(&actor_id),
                    &addr,
                    json!({"target": id, "username": new.username, "role": new.role}),
                )?;
                view(tx, &id)
            })
            .await
    }

    pub async fn update_user(&self, actor: &Principal, id: UserId, patch: UserPatch) -> Result<UserView> {
        let suspending = patch.suspended == Some(true);
        let out = self.update_user_row(actor, id, patch).await?;
        if suspending {
            // A suspended account's replies stop, queued or running.
            self.stop_replies_of(&out.id);
        }
        Ok(out)
    }

    async fn update_user_row(&self, actor: &Principal, id: UserId, patch: UserPatch) -> Result<UserView> {
        policy::require_manage_users(actor)?;
        if let Some(r) = patch.role {
            policy::require_grant(actor, r)?;
        }
        let display = patch.display_name.as_deref().map(validate::display_name).transpose()?;
        if let Some(l) = patch.daily_message_limit {
            validate::daily_limit(l)?;
        }
        self.act_on_user(actor, id, move |tx, actor, before| {
                let id = before.id.clone();
                let demoted = before.role == Role::Admin && patch.role.is_some_and(|r| r != Role::Admin);
                let suspending = !before.suspended && patch.suspended == Some(true);
                if before.is_owner && !policy::may_change_owner(demoted, suspending, false) {
                    return Err(owner_protected());
                }
                if before.role == Role::Admin && !before.suspended && (demoted || suspending) {
                    keep_an_admin(tx, &id)?;
                }
                let change = AdminPatch {
                    role: patch.role,
                    suspended: patch.suspended,
                    daily_message_limit: patch.daily_message_limit,
                    display_name: display.as_deref(),
                };
                users::update_admin_fields(tx, &id, &change)?;
                let role_changed = patch.role.is_some_and(|r| r != before.role);
                // A role change or a suspension ends every session of that user at once
                // (ASVS 7.4); the next request of theirs finds none.
                if role_changed || suspending {
                    let why = if suspending { EndReason::Suspended } else { EndReason::RoleChanged };
                    sessions::delete_for_user(tx, &id, None, Some(why))?;
                }
                let (by, addr) = (Some(&actor.user_id), actor.address.as_str());
                if role_changed {
                    events::log(tx, EventKind::RoleChanged, by, addr, json!({"target": id, "from": before.role, "to": patch.role}))?;
                }
                if let Some(s) = patch.suspended.filter(|s| *s != before.suspended) {
                    let kind = if s { EventKind::UserSuspended } else { EventKind::UserUnsuspended };
                    events::log(tx, kind, by, addr, json!({"target": id}))?;
                }
                if display.is_some() || patch.daily_message_limit.is_some() {
                    let details = json!({"target": id, "dailyMessageLimit": patch.daily_message_limit, "displayName": display.is_some()});
                    events::log(tx, EventKind::UserEdited, by, addr, details)?;
                }
                view(tx, &id)
            })
            .await
    }

    /// Deletes an account: its sessions, memberships and threads go; workspaces it created
    /// pass to the owner.
    pub async fn delete_user(&self, actor: &Principal, id: UserId) -> Result<Deleted> {
        let out = self.delete_user_row(actor, id.clone()).await?;
        self.stop_replies_of(&id);
        Ok(out)
    }

    async fn delete_user_row(&self, actor: &Principal, id: UserId) -> Result<Deleted> {
        self.act_on_user(actor, id, move |tx, actor, before| {
                let id = before.id.clone();
                if before.is_owner {
                    return Err(owner_protected());
                }
                if before.role == Role::Admin && !before.suspended {
                    keep_an_admin(tx, &id)?;
                }
                sessions::delete_for_user(tx, &id, None, Some(EndReason::Removed))?;
                let (threads, moved) = users::delete(tx, &id)?;
                let details = json!({"target": id, "username": before.username, "threadsRemoved": threads, "workspacesTransferred": moved});
                record(tx, actor, EventKind::UserDeleted, details)?;
                Ok(Deleted { deleted: true, threads_removed: threads, workspaces_transferred_to_owner: moved })
            })
            .await
    }

    /// Admin/manager password reset (PRODUCT R2): the user's sessions end.
    pub async fn reset_password(&self, actor: &Principal, id: UserId, new: Secret) -> Result<()> {
        policy::require_manage_users(actor)?;
        check_policy(new.expose(), &[])?;
        {
            let (actor, id) = (actor.clone(), id.clone());
            self.db().run(move |c| target(c, &actor, &id)).await?;
        }
        let hash = self.inner.hasher.hash(&new).await?;
        self.act_on_user(actor, id, move |tx, actor, before| {
            let id = before.id;
            users::set_password_hash(tx, &id, Some(&hash))?;
            // The acting user keeps their own session when resetting themselves.
            let keep = if actor.user_id == id { actor.session_id.clone() } else { None };
            sessions::delete_for_user(tx, &id, keep.as_ref(), Some(EndReason::PasswordReset))?;
            record(tx, actor, EventKind::PasswordReset, json!({"target": id}))?;
            Ok(())
        })
        .await
    }

    /// Replaces a user's workspace set (`PUT /users/{id}/workspaces`).
    pub async fn set_user_workspaces(&self, actor: &Principal, id: UserId, ids: Vec<WorkspaceId>) -> Result<UserView> {
        self.act_on_user(actor, id, move |tx, actor, before| {
            let id = before.id;
            for w in &ids {
                if !workspaces::exists(tx, w)? {
                    return Err(Error::invalid("unknown_workspace", format!("There is no workspace with id {w}.")));
                }
            }
            workspaces::replace_memberships(tx, &id, &ids)?;
            record(tx, actor, EventKind::MembershipsChanged, json!({"target": id, "workspaces": ids}))?;
            view(tx, &id)
        })
        .await
    }

    pub async fn end_user_sessions(&self, actor: &Principal, id: UserId) -> Result<usize> {
        self.act_on_user(actor, id, move |tx, actor, before| {
            let id = before.id;
            let n = sessions::delete_for_user(tx, &id, None, Some(EndReason::EndedByAdmin))?;
            record(tx, actor, EventKind::SessionsEnded, json!({"target": id, "count": n}))?;
            Ok(n)
        })
        .await
    }

    /// Multi-user login (PRODUCT U7, U8). Unknown user and wrong password (suspended account
    /// and single-user mode included) get one answer with one timing; the right password of
    /// a suspended account, or in single-user mode, a 403 that says so and whom to ask. Every
    /// attempt is logged.
    pub async fn login(
        &self,
        name: &str,
        password: &Secret,
        remember: bool,
        creds: &Credentials,
    ) -> Result<(User, NewSession)> {
        if name.len() > 64 {
            // Longer than any username can be: the same answer, without a lookup.
            return Err(Error::unauthenticated("invalid_credentials", "Wrong username or password."));
        }
        let name = name.trim().to_ascii_lowercase();
        let lookup = name.clone();
        let (mode, row) = self
            .db()
            .run(move |c| -> Result<(Mode, Option<User>)> {
                Ok((crate::store::settings::mode(c)?, users::by_username(c, &lookup)?))
            })
            .await?;
        let blocked = match &row {
            Some(u) if u.suspended => Some("suspended"),
            Some(_) if mode != Mode::Multi => Some("single_user_mode"),
            _ => None,
        };
        let account = row.as_ref().map_or(Account::Unknown { name }, Account::known);
        let attempt = Attempt { purpose: Purpose::Login, account, blocked, address: &creds.address, host: false };
        let id = match self.check_credential(attempt, Some(password)).await {
            Ok(id) => id,
            Err(Error::Forbidden { code, message }) => {
                // Whom to ask: the admins by name (never the account itself).
                let me = row.as_ref().map(|u| u.id.clone());
                let admins = self
                    .db()
                    .run(move |c| users::active_admin_names(c, me.as_ref()).map_err(Error::from))
                    .await
                    .unwrap_or_default();
                let ask = match (code, admins.as_slice()) {
                    (_, []) => String::new(),
                    ("account_suspended", names) => format!(" Ask {} to re-enable it.", or_list(names)),
                    (_, names) => format!(" Ask {} to share it again.", or_list(names)),
                };
                return Err(Error::Forbidden { code, message: format!("{message}{ask}") });
            }
            Err(e) => return Err(e),
        };
        let creds = creds.clone();
        let out = self
            .db()
            .write(move |tx| -> Result<(User, NewSession)> {
                let s = Engine::open_session(tx, &id, &creds, false, remember)?;
                users::touch_login(tx, &id)?;
                events::log(tx, EventKind::LoginOk, Some(&id), &creds.address, json!({}))?;
                Ok((users::get(tx, &id)?.ok_or(Error::NotFound)?, s))
            })
            .await?;
        self.changed();
        Ok(out)
    }

    /// Self-service password change (PRODUCT U5), multi-user mode: needs the current
    /// password; every other session of the user ends, the current one stays.
    pub async fn change_own_password(&self, who: &Principal, current: &Secret, new: &Secret) -> Result<()> {
        if self.mode().await? != Mode::Multi {
            return Err(Error::conflict(
                "not_multi_user",
                "In single-user mode, change the lock password instead (Settings → Security).",
            ));
        }
        let id = who.user_id.clone();
        let me = self.db().run(move |c| users::get(c, &id)?.ok_or(Error::NotFound)).await?;
        check_policy(new.expose(), &[me.username.as_deref().unwrap_or(""), &me.display_name])?;
        let attempt = Attempt::new(Purpose::PasswordChange, Account::known(&me), &who.address)
            .from_host(super::policy::is_host(who));
        self.check_credential(attempt, Some(current)).await?;
        let new_hash = self.inner.hasher.hash(new).await?;
        let (uid, keep, addr) = (who.user_id.clone(), who.session_id.clone(), who.address.clone());
        self.db()
            .write(move |tx| -> Result<()> {
                users::set_password_hash(tx, &uid, Some(&new_hash))?;
                sessions::delete_for_user(tx, &uid, keep.as_ref(), Some(EndReason::PasswordChanged))?;
                events::log(tx, EventKind::PasswordChanged, Some(&uid), &addr, json!({}))?;
                Ok(())
            })
            .await
    }

    /// The login list (PRODUCT U6): only in multi-user mode with the `list` style; else 404.
    pub async fn login_list(&self) -> Result<Vec<LoginListUser>> {
        let style_is_list = self.settings().login_style == super::settings::LoginStyle::List;
        self.db()
            .run(move |c| -> Result<Vec<LoginListUser>> {
                if !policy::login_list_visible(crate::store::settings::mode(c)?, style_is_list) {
                    return Err(Error::NotFound);
                }
                Ok(users::active_named(c)?
                    .into_iter()
                    .map(|u| LoginListUser {
                        id: u.id,
                        username: u.username,
                        display_name: u.display_name,
                        has_avatar: u.has_avatar,
                    })
                    .collect())
            })
            .await
    }
}

/// "Ann", "Ann or Bo", "Ann, Bo or Cy".
fn or_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
