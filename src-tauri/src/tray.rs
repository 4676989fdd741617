//! The tray (PRODUCT D2): an icon whose menu always tells the truth about the engine. The
//! menu is drawn from one [`TrayModel`], computed from the engine's state each time the
//! engine says something changed (`Engine::subscribe`) and on a slow poll (users online
//! changes without a notification). With `HEARTH_TRAY_STATE_FILE` set, the same model is
//! also written to that file as JSON, so that the desktop test can read what the menu shows.

use std::path::PathBuf;

use hearth::domain::policy::Mode;
use hearth::Engine;
use serde::Serialize;
use tauri::image::Image;
use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::AppHandle;

pub const ID_STATUS: &str = "status";
pub const ID_URL: &str = "url";
pub const ID_USERS: &str = "users";
pub const ID_SHARE: &str = "share";
pub const ID_COPY: &str = "copy-url";
pub const ID_QR: &str = "show-qr";
pub const ID_OPEN: &str = "open";
pub const ID_LOCK: &str = "lock";
pub const ID_QUIT: &str = "quit";
pub const ID_PREF_MINIMIZED: &str = "pref-start-minimized";
pub const ID_PREF_SHARING: &str = "pref-start-sharing";
pub const ID_PREF_AUTOSTART: &str = "pref-autostart";

const ICON_IDLE: &[u8] = include_bytes!("../../icons/tray.png");
const ICON_SHARING: &[u8] = include_bytes!("../../icons/tray-sharing.png");

/// What the tray shows. Everything the menu says comes from here.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrayModel {
    pub mode: &'static str,
    /// The LAN server runs: Hearth is reachable from other machines.
    pub sharing: bool,
    /// The best LAN URL while sharing.
    pub url: Option<String>,
    pub users_online: i64,
    pub tooltip: String,
    /// `idle` or `sharing`: which icon is shown.
    pub icon: &'static str,
    pub items: Vec<ItemModel>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemModel {
    pub id: &'static str,
    pub text: String,
    pub enabled: bool,
}

impl TrayModel {
    pub async fn read(engine: &Engine) -> TrayModel {
        let mode = engine.mode().await.unwrap_or(Mode::Single);
        let lan = engine.lan_status().await.ok();
        let sharing = lan.as_ref().is_some_and(|l| l.running);
        let url = if sharing { lan.as_ref().and_then(|l| l.urls.first().cloned()) } else { None };
        let users_online = if sharing { lan.as_ref().map_or(0, |l| l.users_online) } else { 0 };
        TrayModel::build(mode, sharing, url, users_online)
    }

    pub fn build(mode: Mode, sharing: bool, url: Option<String>, users_online: i64) -> TrayModel {
        let status = match (mode, sharing) {
            (Mode::Single, _) => "Single-user: only on this computer".to_string(),
            (Mode::Multi, false) => "Multi-user: not shared on the network".to_string(),
            (Mode::Multi, true) => "Sharing on the local network".to_string(),
        };
        let url_text = match (&url, sharing) {
            (Some(u), true) => format!("Address: {u}"),
            (None, true) => "Address: no network address found".to_string(),
            _ => "Address: not shared".to_string(),
        };
        let users_text = if sharing {
            match users_online {
                1 => "1 user signed in".to_string(),
                n => format!("{n} users signed in"),
            }
        } else {
            "Users signed in: none (not shared)".to_string()
        };
        let share_text = match (mode, sharing) {
            (Mode::Single, _) => "Start sharing…",
            (Mode::Multi, false) => "Start sharing",
            (Mode::Multi, true) => "Stop sharing",
        };
        let tooltip = match (&url, sharing) {
            (Some(u), true) => format!("Hearth: sharing at {u} ({users_text})"),
            (None, true) => "Hearth: sharing on the network".to_string(),
            _ if mode == Mode::Single => "Hearth: single-user, not shared".to_string(),
            _ => "Hearth: multi-user, not shared".to_string(),
        };
        let item = |id, text: &str, enabled| ItemModel { id, text: text.to_string(), enabled };
        let items = vec![
            item(ID_STATUS, &status, false),
            item(ID_URL, &url_text, false),
            item(ID_USERS, &users_text, false),
            item(ID_SHARE, share_text, true),
            item(ID_COPY, "Copy address", sharing && url.is_some()),
            item(ID_QR, "Show QR code", sharing && url.is_some()),
            item(ID_OPEN, "Open Hearth", true),
            item(
                ID_LOCK,
                if mode == Mode::Single { "Lock" } else { "Lock (single-user mode only)" },
                mode == Mode::Single,
            ),
            item(ID_QUIT, "Quit Hearth", true),
        ];
        TrayModel {
            mode: mode.as_str(),
            sharing,
            url,
            users_online,
            tooltip,
            icon: if sharing { "sharing" } else { "idle" },
            items,
        }
    }

    fn item(&self, id: &str) -> Option<&ItemModel> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// The live tray: the icon and the handles of the items whose text changes (cheap handles:
/// cloning shares them).
#[derive(Clone)]
pub struct Tray {
    icon: TrayIcon,
    items: Vec<(&'static str, MenuItem<tauri::Wry>)>,
    pub pref_minimized: CheckMenuItem<tauri::Wry>,
    pub pref_sharing: CheckMenuItem<tauri::Wry>,
    pub pref_autostart: CheckMenuItem<tauri::Wry>,
    state_file: Option<PathBuf>,
}

impl Tray {
    pub fn create(
        app: &AppHandle,
        model: &TrayModel,
        start_minimized: bool,
        start_sharing: bool,
        autostart: bool,
        on_menu: impl Fn(&AppHandle, &str) + Send + Sync + 'static,
    ) -> tauri::Result<Tray> {
        let mut items = Vec::new();
        for m in &model.items {
            items.push((m.id, MenuItem::with_id(app, m.id, &m.text, m.enabled, None::<&str>)?));
        }
        let get = |id: &str| items.iter().find(|(i, _)| *i == id).map(|(_, it)| it);
        let pref_minimized = CheckMenuItem::with_id(
            app,
            ID_PREF_MINIMIZED,
            "Start minimized to the tray",
            true,
            start_minimized,
            None::<&str>,
        )?;
        let pref_sharing = CheckMenuItem::with_id(
            app,
            ID_PREF_SHARING,
            "Start sharing when Hearth starts",
            true,
            start_sharing,
            None::<&str>,
        )?;
        let pref_autostart = CheckMenuItem::with_id(
            app,
            ID_PREF_AUTOSTART,
            "Start Hearth when I log in",
            true,
            autostart,
            None::<&str>,
        )?;
        let prefs = Submenu::with_items(app, "Preferences", true, &[&pref_autostart, &pref_minimized, &pref_sharing])?;
        let sep = || PredefinedMenuItem::separator(app);
        let (sep1, sep2, sep3) = (sep()?, sep()?, sep()?);
        let mut entries: Vec<&dyn tauri::menu::IsMenuItem<tauri::Wry>> = Vec::new();
        for (id, after) in [
            (ID_STATUS, None),
            (ID_URL, None),
            (ID_USERS, Some(&sep1)),
            (ID_SHARE, None),
            (ID_COPY, None),
            (ID_QR, Some(&sep2)),
            (ID_OPEN, None),
            (ID_LOCK, None),
        ] {
            if let Some(it) = get(id) {
                entries.push(it);
            }
            if let Some(s) = after {
                entries.push(s);
            }
        }
        entries.push(&prefs);
        entries.push(&sep3);
        if let Some(it) = get(ID_QUIT) {
            entries.push(it);
        }
        let menu = Menu::with_items(app, &entries)?;
        let icon = TrayIconBuilder::with_id("hearth")
            .icon(Image::from_bytes(ICON_IDLE)?)
            .tooltip(&model.tooltip)
            .title("Hearth")
            .menu(&menu)
            .show_menu_on_left_click(true)
            .on_menu_event(move |app, ev| on_menu(app, ev.id().as_ref()))
            .build(app)?;
        let tray = Tray {
            icon,
            items,
            pref_minimized,
            pref_sharing,
            pref_autostart,
            state_file: std::env::var_os("HEARTH_TRAY_STATE_FILE").map(PathBuf::from),
        };
        tray.show(model, None);
        Ok(tray)
    }

    /// Brings the icon and menu to `model`, touching only what changed since `old`.
    pub fn show(&self, model: &TrayModel, old: Option<&TrayModel>) {
        for (id, handle) in &self.items {
            let (Some(new), prev) = (model.item(id), old.and_then(|o| o.item(id))) else { continue };
            if prev.map(|p| &p.text) != Some(&new.text) {
                log_err(handle.set_text(&new.text));
            }
            if prev.map(|p| p.enabled) != Some(new.enabled) {
                log_err(handle.set_enabled(new.enabled));
            }
        }
        if old.map(|o| &o.tooltip) != Some(&model.tooltip) {
            log_err(self.icon.set_tooltip(Some(&model.tooltip)));
        }
        if old.map(|o| o.icon) != Some(model.icon) {
            let bytes = if model.sharing { ICON_SHARING } else { ICON_IDLE };
            match Image::from_bytes(bytes) {
                Ok(img) => log_err(self.icon.set_icon(Some(img))),
                Err(e) => tracing::warn!(error = %e, "tray icon"),
            }
        }
        if let Some(path) = &self.state_file {
            write_state(path, model);
        }
    }
}

fn log_err(r: tauri::Result<()>) {
    if let Err(e) = r {
        tracing::warn!(error = %e, "tray update failed");
    }
}

/// Test/debug aid, only with HEARTH_TRAY_STATE_FILE: the model as JSON, replaced atomically.
fn write_state(path: &PathBuf, model: &TrayModel) {
    let tmp = path.with_extension("tmp");
    let body = match serde_json::to_vec_pretty(model) {
        Ok(b) => b,
        Err(_) => return,
    };
    if let Err(e) = std::fs::write(&tmp, body).and_then(|_| std::fs::rename(&tmp, path)) {
        tracing::warn!(error = %e, path = %path.display(), "cannot write the tray state file");
    }
}
