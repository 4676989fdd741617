//! What the event log records (PRODUCT E1): one enum of every kind, so that a kind cannot be
//! misspelt at a call site, the OpenAPI document lists exactly these (`EventKind`; a test
//! compares them) and the web UI's picker reads them from there instead of keeping a copy.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    AccessDenied,
    AvatarChanged,
    AvatarRemoved,
    EventsCleared,
    HostLogin,
    HostLoginRefused,
    Lock,
    LockPasswordChanged,
    LockPasswordCheckFailed,
    LockPasswordCheckThrottled,
    LockPasswordRemoved,
    LockPasswordSet,
    LoginFailed,
    LoginOk,
    LoginThrottled,
    Logout,
    MembershipsChanged,
    ModeSwitchFailed,
    ModeSwitchThrottled,
    ModeSwitched,
    PasswordChangeFailed,
    PasswordChangeThrottled,
    PasswordChanged,
    PasswordReset,
    ProviderAdded,
    ProviderChanged,
    ProviderRemoved,
    QueueItemCancelled,
    QueuePaused,
    QueueResumed,
    RoleChanged,
    ServerStarted,
    ServerStopped,
    SessionEnded,
    SessionsEnded,
    SettingsChanged,
    Unlock,
    UnlockFailed,
    UnlockThrottled,
    UserCreated,
    UserDeleted,
    UserEdited,
    UserSuspended,
    UserUnsuspended,
    WorkspaceCreated,
    WorkspaceDeleted,
    WorkspaceUpdated,
}

impl EventKind {
    pub const ALL: &'static [EventKind] = &[
        Self::AccessDenied,
        Self::AvatarChanged,
        Self::AvatarRemoved,
        Self::EventsCleared,
        Self::HostLogin,
        Self::HostLoginRefused,
        Self::Lock,
        Self::LockPasswordChanged,
        Self::LockPasswordCheckFailed,
        Self::LockPasswordCheckThrottled,
        Self::LockPasswordRemoved,
        Self::LockPasswordSet,
        Self::LoginFailed,
        Self::LoginOk,
        Self::LoginThrottled,
        Self::Logout,
        Self::MembershipsChanged,
        Self::ModeSwitchFailed,
        Self::ModeSwitchThrottled,
        Self::ModeSwitched,
        Self::PasswordChangeFailed,
        Self::PasswordChangeThrottled,
        Self::PasswordChanged,
        Self::PasswordReset,
        Self::ProviderAdded,
        Self::ProviderChanged,
        Self::ProviderRemoved,
        Self::QueueItemCancelled,
        Self::QueuePaused,
        Self::QueueResumed,
        Self::RoleChanged,
        Self::ServerStarted,
        Self::ServerStopped,
        Self::SessionEnded,
        Self::SessionsEnded,
        Self::SettingsChanged,
        Self::Unlock,
        Self::UnlockFailed,
        Self::UnlockThrottled,
        Self::UserCreated,
        Self::UserDeleted,
        Self::UserEdited,
        Self::UserSuspended,
        Self::UserUnsuspended,
        Self::WorkspaceCreated,
        Self::WorkspaceDeleted,
        Self::WorkspaceUpdated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AccessDenied => "access_denied",
            Self::AvatarChanged => "avatar_changed",
            Self::AvatarRemoved => "avatar_removed",
            Self::EventsCleared => "events_cleared",
            Self::HostLogin => "host_login",
            Self::HostLoginRefused => "host_login_refused",
            Self::Lock => "lock",
            Self::LockPasswordChanged => "lock_password_changed",
            Self::LockPasswordCheckFailed => "lock_password_check_failed",
            Self::LockPasswordCheckThrottled => "lock_password_check_throttled",
            Self::LockPasswordRemoved => "lock_password_removed",
            Self::LockPasswordSet => "lock_password_set",
            Self::LoginFailed => "login_failed",
            Self::LoginOk => "login_ok",
            Self::LoginThrottled => "login_throttled",
            Self::Logout => "logout",
            Self::MembershipsChanged => "memberships_changed",
            Self::ModeSwitchFailed => "mode_switch_failed",
            Self::ModeSwitchThrottled => "mode_switch_throttled",
            Self::ModeSwitched => "mode_switched",
            Self::PasswordChangeFailed => "password_change_failed",
            Self::PasswordChangeThrottled => "password_change_throttled",
            Self::PasswordChanged => "password_changed",
            Self::PasswordReset => "password_reset",
            Self::ProviderAdded => "provider_added",
            Self::ProviderChanged => "provider_changed",
            Self::ProviderRemoved => "provider_removed",
            Self::QueueItemCancelled => "queue_item_cancelled",
            Self::QueuePaused => "queue_paused",
            Self::QueueResumed => "queue_resumed",
            Self::RoleChanged => "role_changed",
            Self::ServerStarted => "server_started",
            Self::ServerStopped => "server_stopped",
            Self::SessionEnded => "session_ended",
            Self::SessionsEnded => "sessions_ended",
            Self::SettingsChanged => "settings_changed",
            Self::Unlock => "unlock",
            Self::UnlockFailed => "unlock_failed",
            Self::UnlockThrottled => "unlock_throttled",
            Self::UserCreated => "user_created",
            Self::UserDeleted => "user_deleted",
            Self::UserEdited => "user_edited",
            Self::UserSuspended => "user_suspended",
            Self::UserUnsuspended => "user_unsuspended",
            Self::WorkspaceCreated => "workspace_created",
            Self::WorkspaceDeleted => "workspace_deleted",
            Self::WorkspaceUpdated => "workspace_updated",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

/// Writes `kind` to the event log as done by `who`, inside the caller's transaction (the
/// change and its entry commit together).
pub(crate) fn record(
    tx: &rusqlite::Connection,
    who: &super::policy::Principal,
    kind: EventKind,
    details: serde_json::Value,
) -> rusqlite::Result<()> {
    crate::store::events::log(tx, kind, Some(&who.user_id), &who.address, details)
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(*k));
            assert_eq!(serde_json::to_value(k).ok(), Some(serde_json::Value::String(k.as_str().into())));
        }
    }

    #[test]
    fn the_openapi_document_lists_exactly_these_kinds() {
        let spec: serde_json::Value = serde_json::from_str(include_str!("../../openapi.json")).unwrap_or_default();
        let listed: Vec<&str> = spec["components"]["schemas"]["EventKind"]["enum"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        let ours: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(listed, ours, "openapi.json's EventKind and the engine's enum differ");
    }
}
