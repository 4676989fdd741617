//! The one credential check (SECURITY.md "Authentication"): throttle, verify, rehash, log.
//! Login, unlock, the mode switch, the lock password and password changes all go through
//! [`Engine::check_credential`], with one key scheme: per account (its id; a name that is no
//! account's throttles like one, so the answers cannot tell them apart) and per client
//! address.

use serde_json::json;

use super::error::{Error, Result};
use super::events::EventKind;
use super::passwords::Secret;
use super::policy::UserId;
use super::throttle::{address_key, Scope};
use crate::store::{events, users};
use crate::Engine;

/// What the password is being checked for: decides the events and the answer's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Login,
    Unlock,
    /// The current lock password, to change or remove it.
    LockPassword,
    /// The current account password, to change it.
    PasswordChange,
    /// The lock password, to switch to multi-user mode.
    ModeSwitch,
}

impl Purpose {
    fn failed(self) -> EventKind {
        match self {
            Purpose::Login => EventKind::LoginFailed,
            Purpose::Unlock => EventKind::UnlockFailed,
            Purpose::LockPassword => EventKind::LockPasswordCheckFailed,
            Purpose::PasswordChange => EventKind::PasswordChangeFailed,
            Purpose::ModeSwitch => EventKind::ModeSwitchFailed,
        }
    }

    fn throttled(self) -> EventKind {
        match self {
            Purpose::Login => EventKind::LoginThrottled,
            Purpose::Unlock => EventKind::UnlockThrottled,
            Purpose::LockPassword => EventKind::LockPasswordCheckThrottled,
            Purpose::PasswordChange => EventKind::PasswordChangeThrottled,
            Purpose::ModeSwitch => EventKind::ModeSwitchThrottled,
        }
    }

    fn refusal(self) -> Error {
        let message = match self {
            Purpose::Login => "Wrong username or password.",
            Purpose::Unlock => "That password is not right. Try again.",
            Purpose::LockPassword | Purpose::PasswordChange => "The current password is not right.",
            Purpose::ModeSwitch => "Enter the current lock password to switch to multi-user mode.",
        };
        Error::unauthenticated("invalid_credentials", message)
    }
}

/// Why an account that gave its right password may not go on (403).
fn blocked_error(why: &str) -> Error {
    match why {
        "suspended" => Error::forbidden("account_suspended", "This account is suspended."),
        _ => Error::forbidden("single_user_mode", "Hearth is in single-user mode: only its owner uses it now."),
    }
}

/// Whose password is checked.
#[derive(Clone, Debug)]
pub enum Account {
    /// An account: its id, name (for the event, when it has one) and stored hash.
    Known { id: UserId, username: Option<String>, hash: Option<String> },
    /// A name typed at login that is no account's. Checked against a dummy hash all the
    /// same, so that the answer and its timing are those of a wrong password.
    Unknown { name: String },
}

impl Account {
    pub fn known(u: &users::User) -> Account {
        Account::Known { id: u.id.clone(), username: u.username.clone(), hash: u.password_hash.clone() }
    }

    fn throttle_key(&self) -> String {
        match self {
            Account::Known { id, .. } => format!("user:{id}"),
            Account::Unknown { name } => format!("name:{name}"),
        }
    }
}

/// One attempt at a password.
pub struct Attempt<'a> {
    pub purpose: Purpose,
    pub account: Account,
    /// The account may not do this even with the right password (suspended, or not in the
    /// mode that allows it): with a wrong password the answer is the same as any other's; with
    /// the right one, a 403 that says why.
    pub blocked: Option<&'static str>,
    pub address: &'a str,
    /// The host's own session: not held to the address-wide cap (the host is this machine's
    /// loopback, which every local program shares).
    pub host: bool,
}

impl<'a> Attempt<'a> {
    /// An attempt by an account that may do this with the right password.
    pub fn new(purpose: Purpose, account: Account, address: &'a str) -> Attempt<'a> {
        Attempt { purpose, account, blocked: None, address, host: false }
    }

    /// The same attempt made from the host's own session.
    pub fn from_host(mut self, host: bool) -> Attempt<'a> {
        self.host = host;
        self
    }
}

impl Engine {
    /// Checks `given` for `attempt`: refused with 429 while throttled (before any hashing),
    /// else verified (always one argon2 run, against a dummy hash when there is no hash).
    /// A failure is counted, logged and answered with one message; a success forgives the
    /// account's failures and, when the stored hash is weaker than today's parameters,
    /// replaces it. Returns the account's id.
    pub(crate) async fn check_credential(&self, attempt: Attempt<'_>, given: Option<&Secret>) -> Result<UserId> {
        let Attempt { purpose, account, blocked, address, host } = attempt;
        let (acct, addr) = (account.throttle_key(), address_key(address));
        let mut keys = vec![(Scope::Account, acct.clone()), (Scope::Pair, format!("pair:{addr}|{acct}"))];
        if !host {
            keys.push((Scope::Address, addr));
        }
        let (user, username, hash) = match &account {
            Account::Known { id, username, hash } => (Some(id.clone()), username.clone(), hash.clone()),
            Account::Unknown { .. } => (None, None, None),
        };
        // The name as typed only when it is an account's: what someone types into the
        // username box by mistake may be their password.
        let name_details = || username.as_ref().map_or_else(|| json!({}), |n| json!({"username": n}));
        if let Err(wait) = self.inner.throttle.begin(&keys) {
            self.log_event(purpose.throttled(), user.as_ref(), address, name_details()).await?;
            return Err(Error::Throttled { retry_after_secs: wait });
        }
        let empty = Secret::new(String::new());
        let ok = self.inner.hasher.verify(hash.as_deref(), given.unwrap_or(&empty)).await? && given.is_some();
        let reason = match (&user, ok, blocked) {
            (None, _, _) => Some("bad_username"),
            (Some(_), false, _) => Some("bad_password"),
            (Some(_), true, Some(why)) => {
                // The right password for an account that may not sign in: not a guess (its
                // failures are forgiven), and now it may be told why (only now: a wrong
                // password still gets the one answer).
                let mut details = name_details();
                details["reason"] = json!(why);
                self.log_event(purpose.failed(), user.as_ref(), address, details).await?;
                self.inner.throttle.succeed(&keys);
                return Err(blocked_error(why));
            }
            (Some(_), true, None) => None,
        };
        if let Some(reason) = reason {
            let mut details = name_details();
            details["reason"] = json!(reason);
            self.log_event(purpose.failed(), user.as_ref(), address, details).await?;
            return Err(purpose.refusal());
        }
        self.inner.throttle.succeed(&keys);
        let (Some(id), Some(old), Some(pw)) = (user, hash, given) else {
            return Err(Error::internal("a verified credential without an account"));
        };
        if let Some(new) = self.inner.hasher.upgrade(&old, pw).await? {
            let uid = id.clone();
            self.db().write(move |tx| users::replace_hash(tx, &uid, &old, &new).map_err(Error::from)).await?;
        }
        Ok(id)
    }

    /// An event on its own (one that records no other change).
    pub(crate) async fn log_event(
        &self,
        kind: EventKind,
        user: Option<&UserId>,
        address: &str,
        details: serde_json::Value,
    ) -> Result<()> {
        let (uid, addr) = (user.cloned(), address.to_string());
        self.db().write(move |tx| events::log(tx, kind, uid.as_ref(), &addr, details).map_err(Error::from)).await
    }
}
