//! Single ⇄ multi (PRODUCT M3, M5). The owner row *is* the admin: switching gives it a
//! username and password and flips one setting, whatever the amount of data (O(1)). Going
//! back keeps every other account and every owner as it was, so switching again restores
//! them exactly.

use serde_json::json;

use crate::access::{Mode, Principal};
use crate::auth::password::{check_policy, Secret};
use crate::auth::throttle::Scope;
use crate::auth::username;
use crate::error::{ApiError, ApiResult};
use crate::store::{events, sessions, settings, users, StoreError};
use crate::{config_keys, Engine};

pub struct ToMulti {
    pub admin_username: String,
    pub admin_password: Secret,
    /// The single-user lock password, required when one is set.
    pub current_password: Option<Secret>,
    /// The host's own terminal (`hearth mode multi`) is trusted like the data directory it
    /// can read anyway; everything else must give the lock password.
    pub from_host_terminal: bool,
}

impl Engine {
    pub async fn mode(&self) -> ApiResult<Mode> {
        Ok(self.db().run(|c| crate::http::extract::current_mode(c)).await?)
    }

    /// Single → multi. `by` is the host's principal (the owner). One transaction, logged.
    pub async fn switch_to_multi(&self, by: &Principal, req: ToMulti, address: &str) -> ApiResult<()> {
        if self.mode().await? == Mode::Multi {
            return Err(ApiError::conflict("already_multi_user", "Hearth is already in multi-user mode."));
        }
        username::check(&req.admin_username)?;
        check_policy(req.admin_password.expose())?;
        let owner = self.db().run(|c| users::owner(c).map_err(StoreError::from)).await?;
        if owner.password_hash.is_some() && !req.from_host_terminal {
            let keys = [(Scope::Account, format!("acct:{}", owner.id)), (Scope::Address, crate::auth::throttle::address_key(address))];
            self.inner.throttle.begin(&keys).map_err(|s| ApiError::Throttled { retry_after_secs: s })?;
            let ok = match &req.current_password {
                Some(pw) => self.inner.hasher.verify(owner.password_hash.as_deref(), pw).await?,
                None => false,
            };
            if !ok {
                return Err(ApiError::unauthorized(
                    "invalid_credentials",
                    "Enter the current lock password to switch to multi-user mode.",
                ));
            }
            self.inner.throttle.succeed(&keys);
        }
        let hash = self.inner.hasher.hash(&req.admin_password).await?;
        let (name, addr, by_id, keep) = (req.admin_username.clone(), address.to_string(), by.user_id.clone(), by.session_id.clone());
        self.db()
            .write(move |tx| -> ApiResult<()> {
                // Re-checked inside the transaction: two switches at once make one change.
                if crate::http::extract::current_mode(tx)? == Mode::Multi {
                    return Err(ApiError::conflict("already_multi_user", "Hearth is already in multi-user mode."));
                }
                let taken: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM users WHERE username = ?1 AND is_owner = 0)",
                    [&name],
                    |r| r.get(0),
                )?;
                if taken {
                    return Err(ApiError::conflict("username_taken", "Another account already has that username."));
                }
                tx.execute(
                    "UPDATE users SET username = ?1, password_hash = ?2, role = 'admin', suspended = 0, \
                     updated_at = ?3 WHERE is_owner = 1",
                    rusqlite::params![name, hash, crate::store::now()],
                )?;
                // The owner's password changed: their other sessions end (the caller's stays).
                let owner = users::owner(tx)?;
                sessions::delete_for_user(tx, &owner.id, keep.as_ref())?;
                settings::set(tx, config_keys::MODE, &json!("multi"))?;
                events::log(tx, "mode_switched", Some(&by_id), &addr, json!({"to": "multi", "admin": name}))?;
                Ok(())
            })
            .await?;
        self.changed();
        Ok(())
    }

    /// Multi → single: the LAN server stops, other accounts stay but cannot sign in and their
    /// sessions end; the owner sees everything. The owner's password becomes the lock.
    pub async fn switch_to_single(&self, by: &Principal, address: &str) -> ApiResult<()> {
        if self.mode().await? == Mode::Single {
            return Err(ApiError::conflict("already_single_user", "Hearth is already in single-user mode."));
        }
        self.stop_lan(Some(&by.user_id), address).await?;
        let (addr, by_id, keep) = (address.to_string(), by.user_id.clone(), by.session_id.clone());
        self.db()
            .write(move |tx| -> ApiResult<()> {
                // Every session ends but the caller's: other accounts cannot sign in any more,
                // and the owner's sessions from the network have nothing left to reach.
                match &keep {
                    Some(k) => tx.execute("DELETE FROM sessions WHERE id <> ?1", [k.as_str()])?,
                    None => tx.execute("DELETE FROM sessions", [])?,
                };
                settings::set(tx, config_keys::MODE, &json!("single"))?;
                events::log(tx, "mode_switched", Some(&by_id), &addr, json!({"to": "single"}))?;
                Ok(())
            })
            .await?;
        self.changed();
        Ok(())
    }

    /// Lock now (single-user with a lock password): every session of the owner ends.
    pub async fn lock_now(&self, address: &str) -> ApiResult<()> {
        let addr = address.to_string();
        self.db()
            .write(move |tx| -> ApiResult<()> {
                if crate::http::extract::current_mode(tx)? != Mode::Single {
                    return Err(ApiError::conflict("not_single_user", "Locking is for single-user mode; sign out instead."));
                }
                let owner = users::owner(tx)?;
                if owner.password_hash.is_none() {
                    return Err(ApiError::conflict("no_lock_password", "Set a lock password first (Settings → Security)."));
                }
                sessions::delete_for_user(tx, &owner.id, None)?;
                events::log(tx, "lock", Some(&owner.id), &addr, json!({}))?;
                Ok(())
            })
            .await?;
        self.changed();
        Ok(())
    }
}
