//! The install's settings, typed: one struct with its defaults, loaded once when the engine
//! opens, changed only through [`Engine::update_settings`] and the LAN operations, which
//! write them in the same transaction as their event and then tell the listeners (the tray,
//! the LAN server's Host check).
//!
//! The mode is not among them: it is the install's state, which the command line may change
//! on a live data directory, so it is read with every request (`store::settings::mode`).

use std::net::{IpAddr, Ipv4Addr};

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::error::{Error, Result};
use super::events::EventKind;
use super::policy::{self, Principal};
use crate::config::{DEFAULT_IDLE_TIMEOUT, DEFAULT_LAN_PORT, IDLE_TIMEOUT_RANGE};
use crate::store::{events, settings as stored};
use crate::Engine;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LoginStyle {
    /// A username box: the login page says nothing about who has an account (default).
    #[default]
    Discreet,
    /// The login page lists the active accounts (PRODUCT U6).
    List,
}

impl LoginStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            LoginStyle::Discreet => "discreet",
            LoginStyle::List => "list",
        }
    }
}

/// Every setting, with the value it has when nobody chose one.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Inactivity timeout, also the single-user idle lock (PRODUCT M2).
    pub idle_timeout_secs: u64,
    pub login_style: LoginStyle,
    /// Where the LAN server listens: `0.0.0.0` for all interfaces, or one address.
    pub lan_bind: IpAddr,
    pub lan_port: u16,
    /// The LAN URL handed out first (UI, tray, QR code).
    pub lan_pinned_url: Option<String>,
    /// Host names the Host header may carry besides loopback and this machine's addresses.
    pub allowed_hosts: Vec<String>,
    /// Messages one user may have waiting or being answered at once (PRODUCT Q1).
    pub queue_per_user: usize,
    /// Messages that may wait in one backend's line at once.
    pub queue_total: usize,
    /// The largest document one may upload, in MB.
    pub upload_max_mb: u64,
}

pub const UPLOAD_MAX_MB_RANGE: (usize, usize) = (1, 1024);

/// The ranges an admin may set the queue's caps to.
pub const QUEUE_PER_USER_RANGE: (usize, usize) = (1, 1000);
pub const QUEUE_TOTAL_RANGE: (usize, usize) = (1, 10_000);

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idle_timeout_secs: DEFAULT_IDLE_TIMEOUT.as_secs(),
            login_style: LoginStyle::Discreet,
            lan_bind: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            lan_port: DEFAULT_LAN_PORT,
            lan_pinned_url: None,
            allowed_hosts: Vec::new(),
            queue_per_user: crate::ai::queue::PER_USER_CAP,
            queue_total: crate::ai::queue::GLOBAL_CAP,
            upload_max_mb: 50,
        }
    }
}

/// The admin's view of the system settings (`GET /settings`).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    pub idle_timeout_minutes: u64,
    pub login_style: LoginStyle,
    pub queue_per_user: usize,
    pub queue_total: usize,
    pub upload_max_mb: u64,
}

/// A change to the system settings; absent fields stay as they are.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SettingsPatch {
    pub idle_timeout_minutes: Option<u64>,
    pub login_style: Option<String>,
    pub queue_per_user: Option<usize>,
    pub queue_total: Option<usize>,
    pub upload_max_mb: Option<usize>,
}

impl Engine {
    /// The settings as they are now.
    pub fn settings(&self) -> Settings {
        self.inner.settings.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// Writes `next` (in `tx`'s transaction, done by the caller) into memory once committed,
    /// and tells the listeners.
    pub(crate) fn settings_committed(&self, next: Settings) {
        self.ai().queue.set_caps(next.queue_per_user, next.queue_total);
        if let Ok(mut s) = self.inner.settings.write() {
            *s = next;
        }
        self.changed();
    }

    pub async fn settings_view(&self, who: &Principal) -> Result<SettingsView> {
        policy::require_admin(who)?;
        Ok(self.view_settings())
    }

    fn view_settings(&self) -> SettingsView {
        SettingsView {
            idle_timeout_minutes: self.idle_timeout().as_secs().div_ceil(60),
            login_style: self.settings().login_style,
            queue_per_user: self.ai().queue.caps().0,
            queue_total: self.ai().queue.caps().1,
            upload_max_mb: self.settings().upload_max_mb,
        }
    }

    /// Changes system settings (admin): every value is checked before anything is written,
    /// then all of the change is written with its event, or none of it.
    pub async fn update_settings(&self, who: &Principal, patch: SettingsPatch) -> Result<SettingsView> {
        policy::require_admin(who)?;
        let mut next = self.settings();
        if let Some(m) = patch.idle_timeout_minutes {
            let secs = m.saturating_mul(60);
            let (lo, hi) = IDLE_TIMEOUT_RANGE;
            if !(lo..=hi).contains(&secs) {
                return Err(Error::invalid(
                    "invalid_idle_timeout",
                    format!("Choose {} to {} minutes.", lo / 60, hi / 60),
                ));
            }
            next.idle_timeout_secs = secs;
        }
        if let Some(style) = &patch.login_style {
            next.login_style = match style.as_str() {
                "discreet" => LoginStyle::Discreet,
                "list" => LoginStyle::List,
                _ => return Err(Error::invalid("invalid_login_style", "loginStyle is \"discreet\" or \"list\".")),
            };
        }
        let in_range = |v: usize, (lo, hi): (usize, usize), code: &'static str| {
            if (lo..=hi).contains(&v) {
                Ok(v)
            } else {
                Err(Error::invalid(code, format!("Choose {lo} to {hi}.")))
            }
        };
        if let Some(n) = patch.queue_per_user {
            next.queue_per_user = in_range(n, QUEUE_PER_USER_RANGE, "invalid_queue_per_user")?;
        }
        if let Some(n) = patch.queue_total {
            next.queue_total = in_range(n, QUEUE_TOTAL_RANGE, "invalid_queue_total")?;
        }
        if let Some(n) = patch.upload_max_mb {
            next.upload_max_mb = in_range(n, UPLOAD_MAX_MB_RANGE, "invalid_upload_max")? as u64;
        }
        if patch.idle_timeout_minutes.is_some()
            || patch.login_style.is_some()
            || patch.queue_per_user.is_some()
            || patch.queue_total.is_some()
            || patch.upload_max_mb.is_some()
        {
            let details = json!({
                "idleTimeoutMinutes": patch.idle_timeout_minutes,
                "loginStyle": patch.login_style,
                "queuePerUser": patch.queue_per_user,
                "queueTotal": patch.queue_total,
                "uploadMaxMb": patch.upload_max_mb,
            });
            self.save_settings(who, next, details).await?;
        }
        Ok(self.view_settings())
    }

    /// Stores `next` with a `settings_changed` event in one transaction, then makes it the
    /// engine's settings.
    pub(crate) async fn save_settings(
        &self,
        who: &Principal,
        next: Settings,
        details: serde_json::Value,
    ) -> Result<()> {
        let (uid, addr, to_store) = (who.user_id.clone(), who.address.clone(), next.clone());
        self.db()
            .write(move |tx| -> Result<()> {
                stored::save(tx, &to_store)?;
                events::log(tx, EventKind::SettingsChanged, Some(&uid), &addr, details)?;
                Ok(())
            })
            .await?;
        self.settings_committed(next);
        Ok(())
    }
}
