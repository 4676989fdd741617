//! Who may do what: the principal behind a request, its role, and the capability checks.
//! Every route's guard is written in terms of these types (DESIGN.md "Roles are types").

use serde::{Deserialize, Serialize};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// The `hearth` command line on the host, acting as the owner.
    Cli,
}

/// The authenticated caller of one request, read fresh from the database for every request
/// so that suspension, deletion and role changes act at once.
#[derive(Clone, Debug)]
pub struct Principal {
    pub user_id: UserId,
    pub role: Role,
    pub is_owner: bool,
    pub session_id: Option<SessionId>,
    /// The session was opened through the engine's per-launch host secret.
    pub is_host: bool,
    pub via: AuthVia,
}

impl Principal {
    /// Admins and managers see and manage every workspace (PRODUCT W1).
    pub fn manages_workspaces(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Manager)
    }
}

// The capability matrix (PRODUCT U1, seed 001): the one place that says who may do what.
// Handlers and CLI commands ask these; the table-driven route test checks the outcome.

/// Admins and managers manage users, invites, workspaces and documents.
pub fn may_manage_users(p: &Principal) -> bool {
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
}
