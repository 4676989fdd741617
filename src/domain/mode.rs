//! Single ⇄ multi (PRODUCT M3, M5). The owner row *is* the admin: switching gives it a
//! username and password and flips one setting, whatever the amount of data (O(1)). Going
//! back keeps every other account and every owner as it was, and the admin's password
//! becomes the lock password; switching again restores the admin as it was, with only that
//! password asked for.

use serde::Deserialize;
use serde_json::json;

use super::credentials::{Account, Attempt, Purpose};
use super::error::{Error, Result};
use super::events::EventKind;
use super::passwords::{check_policy, Secret};
use super::policy::{self, Mode, Principal};
use super::validate;
use crate::store::{events, sessions, settings, users};
use crate::Engine;

/// The admin's name and password, chosen at the switch.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminCredentials {
    pub username: String,
    pub password: Secret,
}

pub struct ToMulti {
    /// Required the first time. When the owner already was the admin (a second switch) it
    /// may be left out, and the admin comes back as it was; given, it renames and
    /// re-passwords it.
    pub admin: Option<AdminCredentials>,
    /// The single-user lock password, required when one is set.
    pub current_password: Option<Secret>,
    /// The host's own terminal (`hearth mode multi`) is trusted like the data directory it
    /// can read anyway; everything else must give the lock password.
    pub from_host_terminal: bool,
}

fn admin_required() -> Error {
    Error::invalid("admin_required", "Choose the admin's username and password: the owner becomes that admin.")
}

impl Engine {
    pub async fn mode(&self) -> Result<Mode> {
        self.db().run(|c| settings::mode(c).map_err(Error::from)).await
    }

    /// The admin that a switch to multi-user mode brings back, when the owner already was
    /// one and still has a password (its username), else `None`.
    pub async fn returning_admin(&self) -> Result<Option<String>> {
        let owner = self.db().run(|c| users::owner(c).map_err(Error::from)).await?;
        Ok(owner.username.filter(|_| owner.password_hash.is_some()))
    }

    /// Single → multi, on the host. One transaction, logged.
    pub async fn switch_to_multi(&self, by: &Principal, req: ToMulti) -> Result<()> {
        policy::require_host(by)?;
        policy::require_admin(by)?;
        if self.mode().await? == Mode::Multi {
            return Err(Error::conflict("already_multi_user", "Hearth is already in multi-user mode."));
        }
        let owner = self.db().run(|c| users::owner(c).map_err(Error::from)).await?;
        let returning = owner.username.is_some() && owner.password_hash.is_some();
        match &req.admin {
            Some(a) => {
                validate::username(&a.username)?;
                check_policy(a.password.expose(), &[a.username.as_str()])?;
            }
            None if !returning => return Err(admin_required()),
            None => {}
        }
        if owner.password_hash.is_some() && !req.from_host_terminal {
            let attempt = Attempt::new(Purpose::ModeSwitch, Account::known(&owner), &by.address)
                .from_host(super::policy::is_host(by));
            self.check_credential(attempt, req.current_password.as_ref()).await?;
        }
        let hash = match &req.admin {
            Some(a) => Some(self.inner.hasher.hash(&a.password).await?),
            None => None,
        };
        let name = match (req.admin, owner.username) {
            (Some(a), _) => a.username,
            (None, Some(n)) => n,
            (None, None) => return Err(admin_required()),
        };
        let restored = hash.is_none();
        let (addr, by_id, keep) = (by.address.clone(), by.user_id.clone(), by.session_id.clone());
        self.write_and_tell(move |tx| -> Result<()> {
            // Re-checked inside the transaction: two switches at once make one change.
            if settings::mode(tx)? == Mode::Multi {
                return Err(Error::conflict("already_multi_user", "Hearth is already in multi-user mode."));
            }
            if users::username_taken(tx, &name, true)? {
                return Err(Error::conflict("username_taken", "Another account already has that username."));
            }
            users::make_owner_admin(tx, &name, hash.as_deref())?;
            // A privilege change: the owner's other sessions end (the caller's stays).
            sessions::delete_for_user(tx, &owner.id, keep.as_ref(), None)?;
            settings::set_mode(tx, Mode::Multi)?;
            events::log(
                tx,
                EventKind::ModeSwitched,
                Some(&by_id),
                &addr,
                json!({"to": "multi", "admin": name, "restored": restored}),
            )?;
            Ok(())
        })
        .await
    }

    /// Multi → single, on the host: the LAN server stops, other accounts stay but cannot
    /// sign in and their sessions end; the owner sees everything. The owner's password
    /// becomes the lock.
    pub async fn switch_to_single(&self, by: &Principal) -> Result<()> {
        policy::require_host(by)?;
        policy::require_admin(by)?;
        if self.mode().await? == Mode::Single {
            return Err(Error::conflict("already_single_user", "Hearth is already in single-user mode."));
        }
        self.stop_lan(by).await?;
        // Other accounts cannot use Hearth any more: their replies stop.
        self.stop_replies_of_others(&by.user_id);
        let (addr, by_id, keep) = (by.address.clone(), by.user_id.clone(), by.session_id.clone());
        self.write_and_tell(move |tx| -> Result<()> {
            // Every session ends but the caller's: other accounts cannot sign in any more,
            // and the owner's sessions from the network have nothing left to reach.
            sessions::delete_all_but(tx, keep.as_ref())?;
            settings::set_mode(tx, Mode::Single)?;
            events::log(tx, EventKind::ModeSwitched, Some(&by_id), &addr, json!({"to": "single"}))?;
            Ok(())
        })
        .await
    }
}
