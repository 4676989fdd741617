//! Desktop-only preferences (PRODUCT D4) in tauri-plugin-store: the window's size and place,
//! "start minimized to the tray", "start sharing at launch", and whether the "still running
//! in the tray" note was shown. They live in `desktop.json` in Hearth's data directory, next
//! to the database, so one data directory is one whole install (and a test's fresh data
//! directory starts with fresh preferences).

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::json;
use tauri::{AppHandle, Wry};
use tauri_plugin_store::{Store, StoreExt};

pub const FILE: &str = "desktop.json";

pub const START_MINIMIZED: &str = "startMinimized";
pub const START_SHARING: &str = "startSharingAtLaunch";
pub const CLOSE_NOTE_SHOWN: &str = "closeNoteShown";
const WINDOW: &str = "window";

/// The window's last size and place, in logical pixels.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct Geometry {
    pub width: f64,
    pub height: f64,
    pub x: Option<f64>,
    pub y: Option<f64>,
    #[serde(default)]
    pub maximized: bool,
}

impl Default for Geometry {
    fn default() -> Self {
        Geometry { width: 1100.0, height: 760.0, x: None, y: None, maximized: false }
    }
}

pub struct Prefs {
    store: Option<Arc<Store<Wry>>>,
}

impl Prefs {
    /// Opens the store; a damaged or unwritable file leaves the defaults in force (and a log
    /// line), never a shell that does not start.
    pub fn open(app: &AppHandle, data_dir: &Path) -> Prefs {
        match app.store(data_dir.join(FILE)) {
            Ok(store) => Prefs { store: Some(store) },
            Err(e) => {
                tracing::warn!(error = %e, "cannot open the desktop preferences; using the defaults");
                Prefs { store: None }
            }
        }
    }

    pub fn flag(&self, key: &str) -> bool {
        self.store.as_ref().and_then(|s| s.get(key)).and_then(|v| v.as_bool()).unwrap_or(false)
    }

    pub fn set_flag(&self, key: &str, value: bool) {
        if let Some(s) = &self.store {
            s.set(key, json!(value));
            self.save();
        }
    }

    pub fn geometry(&self) -> Geometry {
        let g: Geometry = self
            .store
            .as_ref()
            .and_then(|s| s.get(WINDOW))
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default();
        // A file edited by hand or written on a larger screen must still give a usable window.
        let sane = |v: f64, lo: f64, hi: f64, d: f64| if v.is_finite() && v >= lo && v <= hi { v } else { d };
        let d = Geometry::default();
        Geometry {
            width: sane(g.width, 400.0, 10_000.0, d.width),
            height: sane(g.height, 300.0, 10_000.0, d.height),
            x: g.x.filter(|v| v.is_finite() && v.abs() < 20_000.0),
            y: g.y.filter(|v| v.is_finite() && v.abs() < 20_000.0),
            maximized: g.maximized,
        }
    }

    pub fn set_geometry(&self, g: Geometry) {
        if let Some(s) = &self.store {
            if let Ok(v) = serde_json::to_value(g) {
                s.set(WINDOW, v);
            }
        }
    }

    pub fn save(&self) {
        if let Some(s) = &self.store {
            if let Err(e) = s.save() {
                tracing::warn!(error = %e, "cannot save the desktop preferences");
            }
        }
    }
}
