//! Accounts (PRODUCT U1–U5, U8): create, edit, suspend, delete, passwords, memberships and
//! login. Written once, used by the HTTP handlers and the command line alike.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::json;

use crate::access::{self, AuthVia, Mode, Principal, Role, SessionId, UserId, WorkspaceId};
use crate::auth::password::{check_policy, Secret};
use crate::auth::throttle::Scope;
use crate::auth::username;
use crate::error::{ApiError, ApiResult};
use crate::store::sessions::{self, NewSession, SessionSpec};
use crate::store::{events, now, StoreError};
use crate::Engine;

/// A login candidate: id, password hash (none for an account without one), suspended.
type LoginRow = (UserId, Option<String>, bool);

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

const VIEW_COLUMNS: &str = "u.id, u.username, u.display_name, u.role, u.suspended, u.daily_message_limit, \
     u.is_owner, u.avatar IS NOT NULL, u.created_at, u.last_login_at, \
     (SELECT group_concat(m.workspace_id) FROM workspace_members m WHERE m.user_id = u.id)";

fn view_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<UserView> {
    let role: String = r.get(3)?;
    let ws: Option<String> = r.get(10)?;
    Ok(UserView {
        id: UserId(r.get(0)?),
        username: r.get(1)?,
        display_name: r.get(2)?,
        role: Role::parse(&role).unwrap_or(Role::Default),
        suspended: r.get(4)?,
        daily_message_limit: r.get(5)?,
        is_owner: r.get(6)?,
        has_avatar: r.get(7)?,
        created_at: r.get(8)?,
        last_login_at: r.get(9)?,
        workspace_ids: ws.map(|s| s.split(',').map(|w| WorkspaceId(w.to_string())).collect()).unwrap_or_default(),
    })
}

pub fn view(conn: &Connection, id: &UserId) -> rusqlite::Result<Option<UserView>> {
    conn.prepare_cached(&format!("SELECT {VIEW_COLUMNS} FROM users u WHERE u.id = ?1"))?
        .query_row([id.as_str()], view_from_row)
        .optional()
}

pub fn list(conn: &Connection) -> rusqlite::Result<Vec<UserView>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {VIEW_COLUMNS} FROM users u ORDER BY u.is_owner DESC, u.username"))?;
    let rows = stmt.query_map([], view_from_row)?;
    rows.collect()
}

/// Distinguishes "absent" (no change) from `null` (clear) in a PATCH body.
pub fn double_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
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

fn check_display_name(n: &str) -> ApiResult<String> {
    let n = n.trim();
    if n.chars().count() > 100 || n.chars().any(char::is_control) {
        return Err(ApiError::invalid("invalid_display_name", "Use at most 100 characters, without control characters."));
    }
    Ok(n.to_string())
}

fn check_limit(l: Option<i64>) -> ApiResult<()> {
    if l.is_some_and(|l| !(0..=1_000_000).contains(&l)) {
        return Err(ApiError::invalid("invalid_limit", "The daily message limit is a whole number from 0 to 1,000,000, or empty for no limit."));
    }
    Ok(())
}

/// Loads the target of an action on a user, or 404.
fn target(tx: &Connection, id: &UserId) -> ApiResult<UserView> {
    view(tx, id)?.ok_or(ApiError::NotFound)
}

fn forbid_unless(ok: bool) -> ApiResult<()> {
    if ok {
        Ok(())
    } else {
        Err(ApiError::forbidden("forbidden", "Your role does not allow this. Ask an admin."))
    }
}

/// There is always at least one active admin: refuses a change that would leave none.
fn keep_an_admin(tx: &Transaction<'_>, losing: &UserId) -> ApiResult<()> {
    let others: i64 = tx.query_row(
        "SELECT count(*) FROM users WHERE role = 'admin' AND suspended = 0 AND id <> ?1",
        [losing.as_str()],
        |r| r.get(0),
    )?;
    if others == 0 {
        return Err(ApiError::conflict("last_admin", "This is the last active admin. Make another admin first."));
    }
    Ok(())
}

fn owner_protected() -> ApiError {
    ApiError::conflict(
        "owner_protected",
        "This is the host's own account: it cannot be suspended, demoted or deleted. Switch to single-user mode on the host instead.",
    )
}

impl Engine {
    pub async fn list_users(&self, actor: &Principal) -> ApiResult<Vec<UserView>> {
        forbid_unless(access::may_manage_users(actor))?;
        Ok(self.db().run(|c| list(c).map_err(StoreError::from)).await?)
    }

    pub async fn get_user(&self, actor: &Principal, id: UserId) -> ApiResult<UserView> {
        forbid_unless(access::may_manage_users(actor))?;
        self.db().run(move |c| target(c, &id)).await
    }

    pub async fn create_user(&self, actor: &Principal, new: NewUser, address: &str) -> ApiResult<UserView> {
        forbid_unless(access::may_manage_users(actor) && access::may_grant(actor, new.role))?;
        username::check(&new.username)?;
        check_policy(new.password.expose())?;
        check_limit(new.daily_message_limit)?;
        let display = check_display_name(new.display_name.as_deref().unwrap_or(&new.username))?;
        let hash = self.inner.hasher.hash(&new.password).await?;
        let (actor_id, addr) = (actor.user_id.clone(), address.to_string());
        self.db()
            .write(move |tx| -> ApiResult<UserView> {
                let taken: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM users WHERE username = ?1)", [&new.username], |r| r.get(0))?;
                if taken {
                    return Err(ApiError::conflict("username_taken", "That username is taken. Choose another one."));
                }
                let id = UserId(crate::store::new_id());
                let t = now();
                tx.execute(
                    "INSERT INTO users (id, username, display_name, role, password_hash, daily_message_limit, created_at, updated_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![id.as_str(), new.username, display, new.role.as_str(), hash, new.daily_message_limit, t],
                )?;
                events::log(tx, "user_created", Some(&actor_id), &addr, json!({"target": id, "username": new.username, "role": new.role}))?;
                target(tx, &id)
            })
            .await
    }

    pub async fn update_user(&self, actor: &Principal, id: UserId, patch: UserPatch, address: &str) -> ApiResult<UserView> {
        forbid_unless(access::may_manage_users(actor))?;
        if let Some(r) = patch.role {
            forbid_unless(access::may_grant(actor, r))?;
        }
        let display = patch.display_name.as_deref().map(check_display_name).transpose()?;
        if let Some(l) = patch.daily_message_limit {
            check_limit(l)?;
        }
        let (actor, addr) = (actor.clone(), address.to_string());
        let out = self
            .db()
            .write(move |tx| -> ApiResult<UserView> {
                let before = target(tx, &id)?;
                forbid_unless(access::may_act_on(&actor, before.role))?;
                let demoted = before.role == Role::Admin && patch.role.is_some_and(|r| r != Role::Admin);
                let suspending = !before.suspended && patch.suspended == Some(true);
                if before.is_owner && (demoted || suspending) {
                    return Err(owner_protected());
                }
                if before.role == Role::Admin && !before.suspended && (demoted || suspending) {
                    keep_an_admin(tx, &id)?;
                }
                let t = now();
                if let Some(r) = patch.role {
                    tx.execute("UPDATE users SET role = ?2, updated_at = ?3 WHERE id = ?1", params![id.as_str(), r.as_str(), t])?;
                }
                if let Some(s) = patch.suspended {
                    tx.execute("UPDATE users SET suspended = ?2, updated_at = ?3 WHERE id = ?1", params![id.as_str(), s, t])?;
                }
                if let Some(l) = patch.daily_message_limit {
                    tx.execute("UPDATE users SET daily_message_limit = ?2, updated_at = ?3 WHERE id = ?1", params![id.as_str(), l, t])?;
                }
                if let Some(d) = &display {
                    tx.execute("UPDATE users SET display_name = ?2, updated_at = ?3 WHERE id = ?1", params![id.as_str(), d, t])?;
                }
                let role_changed = patch.role.is_some_and(|r| r != before.role);
                // A role change or a suspension ends every session of that user at once
                // (ASVS 7.4); the next request of theirs finds none.
                if role_changed || suspending {
                    sessions::delete_for_user(tx, &id, None)?;
                }
                if role_changed {
                    events::log(tx, "role_changed", Some(&actor.user_id), &addr, json!({"target": id, "from": before.role, "to": patch.role}))?;
                }
                if let Some(s) = patch.suspended.filter(|s| *s != before.suspended) {
                    events::log(tx, if s { "user_suspended" } else { "user_unsuspended" }, Some(&actor.user_id), &addr, json!({"target": id}))?;
                }
                if display.is_some() || patch.daily_message_limit.is_some() {
                    events::log(tx, "user_edited", Some(&actor.user_id), &addr, json!({"target": id, "dailyMessageLimit": patch.daily_message_limit, "displayName": display.is_some()}))?;
                }
                target(tx, &id)
            })
            .await?;
        Ok(out)
    }

    /// Deletes an account: its sessions, memberships and threads go; workspaces it created
    /// pass to the owner. The report says what happened to what it left.
    pub async fn delete_user(&self, actor: &Principal, id: UserId, address: &str) -> ApiResult<serde_json::Value> {
        forbid_unless(access::may_manage_users(actor))?;
        let (actor, addr) = (actor.clone(), address.to_string());
        self.db()
            .write(move |tx| -> ApiResult<serde_json::Value> {
                let before = target(tx, &id)?;
                forbid_unless(access::may_act_on(&actor, before.role))?;
                if before.is_owner {
                    return Err(owner_protected());
                }
                if before.role == Role::Admin && !before.suspended {
                    keep_an_admin(tx, &id)?;
                }
                let threads: i64 = tx.query_row("SELECT count(*) FROM threads WHERE user_id = ?1", [id.as_str()], |r| r.get(0))?;
                let moved = tx.execute(
                    "UPDATE workspaces SET owner_id = (SELECT id FROM users WHERE is_owner = 1) WHERE owner_id = ?1",
                    [id.as_str()],
                )?;
                tx.execute("DELETE FROM users WHERE id = ?1", [id.as_str()])?;
                events::log(tx, "user_deleted", Some(&actor.user_id), &addr, json!({"target": id, "username": before.username, "threadsRemoved": threads, "workspacesTransferred": moved}))?;
                Ok(json!({"deleted": true, "threadsRemoved": threads, "workspacesTransferredToOwner": moved}))
            })
            .await
    }

    /// Admin/manager password reset (PRODUCT R2): the user's sessions end.
    pub async fn reset_password(&self, actor: &Principal, id: UserId, new: Secret, address: &str) -> ApiResult<()> {
        forbid_unless(access::may_manage_users(actor))?;
        check_policy(new.expose())?;
        let role = self.db().run({ let id = id.clone(); move |c| target(c, &id) }).await?.role;
        forbid_unless(access::may_act_on(actor, role))?;
        let hash = self.inner.hasher.hash(&new).await?;
        let (actor, addr) = (actor.clone(), address.to_string());
        self.db()
            .write(move |tx| -> ApiResult<()> {
                let before = target(tx, &id)?;
                forbid_unless(access::may_act_on(&actor, before.role))?;
                tx.execute("UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1", params![id.as_str(), hash, now()])?;
                // The acting user keeps their own session when resetting themselves.
                let keep = if actor.user_id == id { actor.session_id.clone() } else { None };
                sessions::delete_for_user(tx, &id, keep.as_ref())?;
                events::log(tx, "password_reset", Some(&actor.user_id), &addr, json!({"target": id}))?;
                Ok(())
            })
            .await
    }

    pub async fn set_user_workspaces(&self, actor: &Principal, id: UserId, ids: Vec<WorkspaceId>, address: &str) -> ApiResult<UserView> {
        forbid_unless(access::may_manage_users(actor))?;
        let (actor, addr) = (actor.clone(), address.to_string());
        self.db()
            .write(move |tx| -> ApiResult<UserView> {
                let before = target(tx, &id)?;
                forbid_unless(access::may_act_on(&actor, before.role))?;
                for w in &ids {
                    let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = ?1)", [w.as_str()], |r| r.get(0))?;
                    if !exists {
                        return Err(ApiError::invalid("unknown_workspace", format!("There is no workspace with id {w}.")));
                    }
                }
                tx.execute("DELETE FROM workspace_members WHERE user_id = ?1", [id.as_str()])?;
                let t = now();
                for w in &ids {
                    tx.execute(
                        "INSERT OR IGNORE INTO workspace_members (workspace_id, user_id, added_at) VALUES (?1, ?2, ?3)",
                        params![w.as_str(), id.as_str(), t],
                    )?;
                }
                events::log(tx, "memberships_changed", Some(&actor.user_id), &addr, json!({"target": id, "workspaces": ids}))?;
                target(tx, &id)
            })
            .await
    }

    pub async fn end_user_sessions(&self, actor: &Principal, id: UserId, address: &str) -> ApiResult<usize> {
        forbid_unless(access::may_manage_users(actor))?;
        let (actor, addr) = (actor.clone(), address.to_string());
        self.db()
            .write(move |tx| -> ApiResult<usize> {
                let before = target(tx, &id)?;
                forbid_unless(access::may_act_on(&actor, before.role))?;
                let n = sessions::delete_for_user(tx, &id, None)?;
                events::log(tx, "sessions_ended", Some(&actor.user_id), &addr, json!({"target": id, "count": n}))?;
                Ok(n)
            })
            .await
    }

    /// Multi-user login (PRODUCT U7, U8). Unknown user, wrong password, suspended account
    /// and single-user mode get one answer with one timing; every attempt is logged.
    pub async fn login(&self, name: &str, password: &Secret, remember: bool, user_agent: &str, address: &str) -> ApiResult<(UserView, NewSession)> {
        let name = name.trim().to_ascii_lowercase();
        let keys = [(Scope::Account, format!("acct:{name}")), (Scope::Address, crate::auth::throttle::address_key(address))];
        if let Err(wait) = self.inner.throttle.begin(&keys) {
            let (n, addr) = (name.clone(), address.to_string());
            self.db()
                .write(move |tx| -> Result<(), StoreError> {
                    let known: Option<String> =
                        tx.query_row("SELECT id FROM users WHERE username = ?1", [&n], |r| r.get(0)).optional()?;
                    let details = if known.is_some() { json!({"username": n}) } else { json!({}) };
                    events::log(tx, "login_throttled", known.map(UserId).as_ref(), &addr, details)?;
                    Ok(())
                })
                .await?;
            return Err(ApiError::Throttled { retry_after_secs: wait });
        }
        let lookup = name.clone();
        let found = self
            .db()
            .run(move |c| -> Result<(Mode, Option<LoginRow>), StoreError> {
                let mode = crate::http::extract::current_mode(c)?;
                let row = c
                    .prepare_cached("SELECT id, password_hash, suspended FROM users WHERE username = ?1")?
                    .query_row([&lookup], |r| Ok((UserId(r.get(0)?), r.get(1)?, r.get(2)?)))
                    .optional()?;
                Ok((mode, row))
            })
            .await?;
        let (mode, row) = found;
        let hash = row.as_ref().and_then(|(_, h, _)| h.clone());
        // Always one argon2 verification, against a dummy hash when there is no user.
        let ok = self.inner.hasher.verify(hash.as_deref(), password).await?;
        let outcome = match &row {
            None => Err("bad_username"),
            Some(_) if !ok => Err("bad_password"),
            Some((_, _, true)) => Err("suspended"),
            Some(_) if mode != Mode::Multi => Err("single_user_mode"),
            Some((id, _, false)) => Ok(id.clone()),
        };
        let (addr, ua) = (address.to_string(), user_agent.to_string());
        match outcome {
            Err(reason) => {
                let uid = row.map(|(id, _, _)| id);
                // The name as typed only when it is an account's: what someone types into
                // the username box by mistake may be their password.
                let details = if uid.is_some() { json!({"username": name, "reason": reason}) } else { json!({"reason": reason}) };
                self.db()
                    .write(move |tx| events::log(tx, "login_failed", uid.as_ref(), &addr, details).map_err(StoreError::from))
                    .await?;
                Err(ApiError::unauthorized("invalid_credentials", "Wrong username or password."))
            }
            Ok(id) => {
                self.inner.throttle.succeed(&keys);
                let upgraded = match &hash {
                    Some(h) => self.inner.hasher.upgrade(h, password).await?.map(|new| (h.clone(), new)),
                    None => None,
                };
                let out = self
                    .db()
                    .write(move |tx| -> ApiResult<(UserView, NewSession)> {
                        if let Some((old, new)) = &upgraded {
                            crate::store::users::replace_hash(tx, &id, old, new)?;
                        }
                        let s = sessions::create(tx, &SessionSpec { user_id: &id, is_host: false, remember, user_agent: &ua, address: &addr, ttl_secs: crate::http::auth_ttl(remember) })?;
                        tx.execute("UPDATE users SET last_login_at = ?2 WHERE id = ?1", params![id.as_str(), now()])?;
                        events::log(tx, "login_ok", Some(&id), &addr, json!({}))?;
                        Ok((target(tx, &id)?, s))
                    })
                    .await?;
                self.changed();
                Ok(out)
            }
        }
    }

    /// Self-service password change (PRODUCT U5): needs the current password; every other
    /// session of the user ends, the current one stays.
    pub async fn change_own_password(&self, who: &Principal, current: &Secret, new: &Secret, address: &str) -> ApiResult<()> {
        check_policy(new.expose())?;
        let id = who.user_id.clone();
        let hash = self
            .db()
            .run(move |c| -> ApiResult<Option<String>> {
                Ok(c.query_row("SELECT password_hash FROM users WHERE id = ?1", [id.as_str()], |r| r.get(0))?)
            })
            .await?;
        let keys = [(Scope::Account, format!("acct-id:{}", who.user_id)), (Scope::Address, crate::auth::throttle::address_key(address))];
        self.inner.throttle.begin(&keys).map_err(|s| ApiError::Throttled { retry_after_secs: s })?;
        if !self.inner.hasher.verify(hash.as_deref(), current).await? {
            let (uid, addr) = (who.user_id.clone(), address.to_string());
            self.db().write(move |tx| events::log(tx, "password_change_failed", Some(&uid), &addr, json!({})).map_err(StoreError::from)).await?;
            return Err(ApiError::unauthorized("invalid_credentials", "The current password is not right."));
        }
        self.inner.throttle.succeed(&keys);
        let new_hash = self.inner.hasher.hash(new).await?;
        let (uid, keep, addr) = (who.user_id.clone(), who.session_id.clone(), address.to_string());
        self.db()
            .write(move |tx| -> ApiResult<()> {
                tx.execute("UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1", params![uid.as_str(), new_hash, now()])?;
                sessions::delete_for_user(tx, &uid, keep.as_ref())?;
                events::log(tx, "password_changed", Some(&uid), &addr, json!({}))?;
                Ok(())
            })
            .await
    }
}

/// The principal the command line acts as: the owner, on the host.
pub fn cli_principal(conn: &Connection) -> rusqlite::Result<Principal> {
    let owner = crate::store::users::owner(conn)?;
    Ok(Principal {
        user_id: owner.id,
        role: Role::Admin,
        is_owner: true,
        session_id: None::<SessionId>,
        is_host: true,
        via: AuthVia::Cli,
    })
}
