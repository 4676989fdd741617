//! The single-user lock (PRODUCT M2): unlock, lock now, and the lock password, which is the
//! owner's password (and, after a switch to multi-user mode and back, the admin's).

use serde_json::json;

use super::credentials::{Account, Attempt, Purpose};
use super::error::{Error, Result};
use super::events::EventKind;
use super::passwords::{check_policy, Secret};
use super::policy::{self, Mode, Principal};
use super::profile::Me;
use super::sessions::Credentials;
use crate::store::sessions::{self, NewSession};
use crate::store::{events, users};
use crate::Engine;

fn not_single(message: &'static str) -> Error {
    Error::conflict("not_single_user", message)
}

impl Engine {
    /// Unlocks with the lock password: a new session (the old token, if any, ends). The host
    /// flag comes back with the host grant that `/host-login` gave this client.
    pub async fn unlock(&self, creds: &Credentials, password: &Secret, remember: bool) -> Result<(Me, NewSession)> {
        if self.mode().await? != Mode::Single {
            return Err(not_single("This Hearth is shared; sign in with your username instead."));
        }
        let owner = self.db().run(|c| users::owner(c).map_err(Error::from)).await?;
        if owner.password_hash.is_none() {
            return Err(Error::conflict(
                "no_lock_password",
                "Hearth has no lock password, so there is nothing to unlock.",
            ));
        }
        let attempt = Attempt::new(Purpose::Unlock, Account::known(&owner), &creds.address);
        let id = self.check_credential(attempt, Some(password)).await?;
        let is_host = self.has_host_grant(creds);
        let creds = creds.clone();
        self.write_and_tell(move |tx| -> Result<(Me, NewSession)> {
            let s = Engine::open_session(tx, &id, &creds, is_host, remember)?;
            events::log(tx, EventKind::Unlock, Some(&id), &creds.address, json!({}))?;
            Ok((Me::new(users::owner(tx)?, Mode::Single), s))
        })
        .await
    }

    /// Lock now: every session of the owner ends, in every window and browser. Anyone may
    /// ask (there is nothing to gain from locking); only a signed-in caller's request is
    /// logged and acted on.
    pub async fn lock(&self, caller: Option<&Principal>, address: &str) -> Result<()> {
        let addr = address.to_string();
        let act = caller.is_some();
        self.write_and_tell(move |tx| -> Result<()> {
            if crate::store::settings::mode(tx)? != Mode::Single {
                return Err(not_single("Locking is for single-user mode; sign out instead."));
            }
            let owner = users::owner(tx)?;
            if owner.password_hash.is_none() {
                return Err(Error::conflict("no_lock_password", "Set a lock password first (Settings → Security)."));
            }
            if act {
                sessions::delete_for_user(tx, &owner.id, None, None)?;
                events::log(tx, EventKind::Lock, Some(&owner.id), &addr, json!({}))?;
            }
            Ok(())
        })
        .await
    }

    /// Sets or changes the lock password (the current one is needed to change it). Every
    /// other session ends and the caller gets a fresh one, so the window that set the
    /// password stays open.
    pub async fn set_lock_password(
        &self,
        who: &Principal,
        creds: &Credentials,
        current: Option<&Secret>,
        new: &Secret,
    ) -> Result<(Me, NewSession)> {
        if !policy::may_manage_lock(self.mode().await?, who) {
            return self.lock_refusal("This Hearth is shared; change your account password instead.").await;
        }
        check_policy(new.expose(), &[])?;
        let owner = self.db().run(|c| users::owner(c).map_err(Error::from)).await?;
        let changing = owner.password_hash.is_some();
        if changing {
            let attempt = Attempt::new(Purpose::LockPassword, Account::known(&owner), &who.address)
                .from_host(super::policy::is_host(who));
            self.check_credential(attempt, current).await?;
        }
        let hash = self.inner.hasher.hash(new).await?;
        let is_host = who.is_host || self.has_host_grant(creds);
        let creds = creds.clone();
        self.write_and_tell(move |tx| -> Result<(Me, NewSession)> {
            users::set_password_hash(tx, &owner.id, Some(&hash))?;
            sessions::delete_for_user(tx, &owner.id, None, None)?;
            let s = Engine::open_session(tx, &owner.id, &creds, is_host, false)?;
            let kind = if changing { EventKind::LockPasswordChanged } else { EventKind::LockPasswordSet };
            events::log(tx, kind, Some(&owner.id), &creds.address, json!({}))?;
            Ok((Me::new(users::owner(tx)?, Mode::Single), s))
        })
        .await
    }

    /// Removes the lock password (the current one is needed).
    pub async fn remove_lock_password(&self, who: &Principal, current: &Secret) -> Result<()> {
        if !policy::may_manage_lock(self.mode().await?, who) {
            return self.lock_refusal("This Hearth is shared; accounts keep their passwords.").await;
        }
        let owner = self.db().run(|c| users::owner(c).map_err(Error::from)).await?;
        if owner.password_hash.is_none() {
            return Err(Error::conflict("no_lock_password", "There is no lock password to remove."));
        }
        let attempt = Attempt::new(Purpose::LockPassword, Account::known(&owner), &who.address)
            .from_host(super::policy::is_host(who));
        self.check_credential(attempt, Some(current)).await?;
        let addr = who.address.clone();
        self.write_and_tell(move |tx| -> Result<()> {
            users::set_password_hash(tx, &owner.id, None)?;
            events::log(tx, EventKind::LockPasswordRemoved, Some(&owner.id), &addr, json!({}))?;
            Ok(())
        })
        .await
    }

    /// Why the lock password is not the caller's to manage: shared installs have none (409),
    /// and in single-user mode it is the owner's alone (404, as for anything not yours).
    async fn lock_refusal<T>(&self, shared: &'static str) -> Result<T> {
        if self.mode().await? != Mode::Single {
            Err(not_single(shared))
        } else {
            Err(Error::NotFound)
        }
    }
}
