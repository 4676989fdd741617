//! Who may do what: the one place (PRODUCT U1, seed 001; SECURITY.md "Authorization").
//!
//! The caller of every operation is a [`Principal`], read fresh from the database for each
//! request so that suspension, deletion and role changes act at once. Every rule of who may
//! do what is a function here: the engine's operations ask them, the HTTP guards are types
//! built on them (`http/extract.rs`), and the store's visibility predicates are chosen by
//! them ([`workspace_scope`]). The table-driven route test checks the outcome.

use serde::{Deserialize, Serialize};

use super::error::{Error, Result};

macro_rules! id_type {
    ($name:ident) => {
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
id_type!(UserId);
id_type!(SessionId);
id_type!(WorkspaceId);
id_type!(ThreadId);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Manager,
    Default,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Default => "default",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "manager" => Some(Role::Manager),
            "default" => Some(Role::Default),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Single,
    Multi,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Single => "single",
            Mode::Multi => "multi",
        }
    }
}

/// How the caller proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthVia {
    /// A session cookie.
    Session,
    /// Single-user mode without a lock password: the owner, on loopback, with no login.
    Implicit,
    /// The `hearth` command line or the desktop shell on the host, acting as the owner.
    Host,
}

/// The authenticated caller of one operation.
#[derive(Clone, Debug)]
pub struct Principal {
    pub user_id: UserId,
    pub role: Role,
    pub is_owner: bool,
    pub session_id: Option<SessionId>,
    /// The session was opened through the engine's per-launch host secret (or the caller is
    /// the host's own terminal or shell).
    pub is_host: bool,
    pub via: AuthVia,
    /// The caller's network address as the event log records it ("cli", "host" for the
    /// machine's own faces).
    pub address: String,
    /// The request came over the loopback interface (or from the machine itself).
    pub loopback: bool,
}

// ---- Who a request is -------------------------------------------------------------------

/// Which of a session's requests count (the single-user loopback rule): in multi-user mode
/// every live session of an active account; in single-user mode only the owner's, and only
/// on this machine, so a session made from the network while shared opens nothing once the
/// install is not shared any more.
pub fn session_counts(mode: Mode, session_of_owner: bool, suspended: bool, loopback: bool) -> bool {
    !suspended && (mode == Mode::Multi || (session_of_owner && loopback))
}

/// Single-user mode without a lock password: the owner is served without any login, but only
/// on this machine.
pub fn implicit_owner(mode: Mode, lock_enabled: bool, loopback: bool) -> bool {
    mode == Mode::Single && !lock_enabled && loopback
}

/// The role a session acts with: in single-user mode the owner is the admin, whatever
/// multi-user mode made it.
pub fn effective_role(mode: Mode, stored: Role) -> Role {
    if mode == Mode::Single {
        Role::Admin
    } else {
        stored
    }
}

/// Host-only operations (the mode switch, the LAN server): a host session on loopback, or
/// the host's own terminal or shell. A LAN browser, even an admin's, is not the host.
pub fn is_host(p: &Principal) -> bool {
    p.is_host && p.loopback
}

// ---- The capability matrix ---------------------------------------------------------------

/// Admins and managers manage users, invites, workspaces and documents.
pub fn may_manage_users(p: &Principal) -> bool {
    matches!(p.role, Role::Admin | Role::Manager)
}

/// Admins and managers see and manage every workspace (PRODUCT W1).
pub fn manages_workspaces(p: &Principal) -> bool {
    matches!(p.role, Role::Admin | Role::Manager)
}

/// Admins and managers read every chat and everyone's usage (PRODUCT W3, L1).
pub fn may_read_all_chats(p: &Principal) -> bool {
    matches!(p.role, Role::Admin | Role::Manager)
}

/// System settings, the provider, API keys, the event log and the mode: admins only.
pub fn may_admin_system(p: &Principal) -> bool {
    p.role == Role::Admin
}

/// Managers never act on an admin (edit, suspend, reset, delete, memberships, sessions).
pub fn may_act_on(actor: &Principal, target: Role) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Manager => target != Role::Admin,
        Role::Default => false,
    }
}

/// Managers never create or promote to admin.
pub fn may_grant(actor: &Principal, role: Role) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Manager => role != Role::Admin,
        Role::Default => false,
    }
}

/// The host's own account (the owner before the switch) cannot be suspended, demoted or
/// deleted: there is always one admin who can switch back.
pub fn may_change_owner(demoting: bool, suspending: bool, deleting: bool) -> bool {
    !(demoting || suspending || deleting)
}

/// The lock password belongs to the owner in single-user mode.
pub fn may_manage_lock(mode: Mode, p: &Principal) -> bool {
    mode == Mode::Single && p.is_owner
}

/// The login page lists accounts (and shows their avatars) only in multi-user mode with the
/// `list` login style (PRODUCT U6).
pub fn login_list_visible(mode: Mode, style_is_list: bool) -> bool {
    mode == Mode::Multi && style_is_list
}

// ---- The store's visibility predicates -----------------------------------------------------

/// Which workspaces (and so which threads) a caller can see. The store turns this into its
/// SQL predicate; this is where it is decided.
#[derive(Clone, Debug)]
pub enum WorkspaceScope {
    /// Every workspace (admins and managers).
    All,
    /// Only the workspaces this user is a member of.
    MemberOf(UserId),
}

pub fn workspace_scope(p: &Principal) -> WorkspaceScope {
    if manages_workspaces(p) {
        WorkspaceScope::All
    } else {
        WorkspaceScope::MemberOf(p.user_id.clone())
    }
}

/// Threads are their owner's alone, and only while the owner can still see the workspace.
#[derive(Clone, Debug)]
pub struct ThreadScope {
    pub owner: UserId,
    pub workspaces: WorkspaceScope,
}

pub fn thread_scope(p: &Principal) -> ThreadScope {
    ThreadScope { owner: p.user_id.clone(), workspaces: workspace_scope(p) }
}

// ---- Refusals, worded once -----------------------------------------------------------------

fn refuse(ok: bool, e: impl FnOnce() -> Error) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(e())
    }
}

pub fn require_manage_users(p: &Principal) -> Result<()> {
    refuse(may_manage_users(p), || Error::forbidden("forbidden", "Your role does not allow this. Ask an admin."))
}

pub fn require_act_on(actor: &Principal, target: Role) -> Result<()> {
    refuse(may_act_on(actor, target), || Error::forbidden("forbidden", "Your role does not allow this. Ask an admin."))
}

pub fn require_grant(actor: &Principal, role: Role) -> Result<()> {
    refuse(may_grant(actor, role), || Error::forbidden("forbidden", "Your role does not allow this. Ask an admin."))
}

pub fn require_admin(p: &Principal) -> Result<()> {
    refuse(may_admin_system(p), || Error::forbidden("admin_only", "Only an admin can do this."))
}

pub fn require_chat_reader(p: &Principal) -> Result<()> {
    refuse(may_read_all_chats(p), || {
        Error::forbidden("forbidden", "Only admins and managers can read everyone's chats and usage.")
    })
}

pub fn require_host(p: &Principal) -> Result<()> {
    refuse(is_host(p), || {
        Error::forbidden("host_only", "This can only be done on the host computer, in the Hearth app.")
    })
}

pub fn require_workspace_editor(p: &Principal) -> Result<()> {
    refuse(manages_workspaces(p), || Error::forbidden("forbidden", "Only admins and managers can change workspaces."))
}

pub fn require_member_editor(actor: &Principal, target: Role) -> Result<()> {
    refuse(may_act_on(actor, target), || Error::forbidden("forbidden", "Managers cannot change an admin's workspaces."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(role: Role) -> Principal {
        Principal {
            user_id: UserId("u".into()),
            role,
            is_owner: false,
            session_id: None,
            is_host: false,
            via: AuthVia::Session,
            address: String::new(),
            loopback: false,
        }
    }

    #[test]
    fn managers_never_touch_admins() {
        let m = p(Role::Manager);
        assert!(!may_act_on(&m, Role::Admin));
        assert!(may_act_on(&m, Role::Manager));
        assert!(may_act_on(&m, Role::Default));
        assert!(!may_grant(&m, Role::Admin));
        assert!(may_grant(&m, Role::Default));
        assert!(!may_admin_system(&m));
        let d = p(Role::Default);
        assert!(!may_manage_users(&d) && !may_act_on(&d, Role::Default) && !may_grant(&d, Role::Default));
        let a = p(Role::Admin);
        assert!(may_act_on(&a, Role::Admin) && may_grant(&a, Role::Admin) && may_admin_system(&a));
    }

    #[test]
    fn only_loopback_counts_in_single_user_mode() {
        assert!(session_counts(Mode::Multi, false, false, false));
        assert!(!session_counts(Mode::Multi, true, true, true), "suspended");
        assert!(session_counts(Mode::Single, true, false, true));
        assert!(!session_counts(Mode::Single, true, false, false), "the owner's LAN session");
        assert!(!session_counts(Mode::Single, false, false, true), "another account");
        assert!(implicit_owner(Mode::Single, false, true));
        assert!(!implicit_owner(Mode::Single, false, false));
        assert!(!implicit_owner(Mode::Single, true, true));
        assert!(!implicit_owner(Mode::Multi, false, true));
    }

    #[test]
    fn the_host_is_a_host_session_on_loopback() {
        let mut h = p(Role::Admin);
        h.is_host = true;
        assert!(!is_host(&h), "a host cookie replayed over the LAN");
        h.loopback = true;
        assert!(is_host(&h));
    }
}
