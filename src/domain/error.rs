//! The domain's one error type. Every failure has a kind (what went wrong, in the terms of
//! the product), a stable snake_case code that clients branch on, and a message for people.
//! Nothing here knows HTTP: the edge maps a kind to a status once (`http/error.rs`, after
//! kanidm's `OperationError` and `https/errors.rs`); the command line and the desktop shell
//! map it their own way. Details that help debugging go to the log only ([`Error::Internal`]
//! is never shown to anyone).

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Nobody proved who they are: no session, an ended one, a locked install, or wrong
    /// credentials.
    #[error("{message}")]
    Unauthenticated { code: &'static str, message: String },
    /// The caller is known but may not do this (the policy said no).
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    /// Not found, or not the caller's: the two are one answer (SECURITY.md "IDOR").
    #[error("Not found. Check the address, or ask for access.")]
    NotFound,
    /// The state does not allow it now (already multi-user, name taken, last admin…).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// The values are not acceptable (too long, a weak password, an unknown choice).
    #[error("{message}")]
    Invalid { code: &'static str, message: String },
    /// Too many attempts: wait this many seconds.
    #[error("Too many attempts. Wait {} and try again.", wait_words(*retry_after_secs))]
    Throttled { retry_after_secs: u64 },
    /// A limit of the caller's is reached (a daily message limit, a queue cap): wait, when
    /// known, this many seconds.
    #[error("{message}")]
    TooMany { code: &'static str, message: String, retry_after_secs: Option<u64> },
    /// What is needed is not there now (no model, a full queue, a provider down).
    #[error("{message}")]
    Unavailable { code: &'static str, message: String },
    /// What was sent is larger than allowed (an upload over the cap).
    #[error("{message}")]
    TooLarge { code: &'static str, message: String },
    /// What was sent is not of a kind Hearth takes (an upload that is no document).
    #[error("{message}")]
    UnsupportedType { code: &'static str, message: String },
    /// Our fault. The detail is logged, never shown.
    #[error("Something went wrong inside Hearth. Try again; if it persists, check the log.")]
    Internal(String),
}

fn wait_words(secs: u64) -> String {
    if secs <= 1 {
        "a second".into()
    } else {
        format!("{secs} seconds")
    }
}

impl Error {
    pub fn unauthenticated(code: &'static str, message: impl Into<String>) -> Self {
        Self::Unauthenticated { code, message: message.into() }
    }
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Self::Forbidden { code, message: message.into() }
    }
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict { code, message: message.into() }
    }
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid { code, message: message.into() }
    }
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self::Internal(detail.to_string())
    }

    /// The stable code clients branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated { code, .. }
            | Self::Forbidden { code, .. }
            | Self::Conflict { code, .. }
            | Self::Invalid { code, .. }
            | Self::TooMany { code, .. }
            | Self::Unavailable { code, .. }
            | Self::TooLarge { code, .. }
            | Self::UnsupportedType { code, .. } => code,
            Self::NotFound => "not_found",
            Self::Throttled { .. } => "throttled",
            Self::Internal(_) => "internal",
        }
    }

    /// What a person may be shown: the message, never an internal detail.
    pub fn public_message(&self) -> String {
        self.to_string()
    }
}

impl From<crate::store::StoreError> for Error {
    fn from(e: crate::store::StoreError) -> Self {
        Self::Internal(e.to_string())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Self::Internal(format!("database: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_detail_never_reaches_the_message() {
        let e = Error::internal("disk I/O error at /secret/path");
        assert!(!e.public_message().contains("/secret/path"));
        assert_eq!(e.code(), "internal");
        assert_eq!(
            Error::Throttled { retry_after_secs: 7 }.public_message(),
            "Too many attempts. Wait 7 seconds and try again."
        );
    }
}
