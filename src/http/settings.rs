//! System settings (admin): the idle timeout (also the idle lock) and the login style.

use axum::extract::State;
use axum::Json;

use super::error::ApiResult;
use super::extract::{Admin, ApiJson};
use crate::domain::settings::{SettingsPatch, SettingsView};
use crate::Engine;

pub async fn read(State(engine): State<Engine>, Admin(p): Admin) -> ApiResult<Json<SettingsView>> {
    Ok(Json(engine.settings_view(&p).await?))
}

pub async fn update(
    State(engine): State<Engine>,
    Admin(p): Admin,
    ApiJson(b): ApiJson<SettingsPatch>,
) -> ApiResult<Json<SettingsView>> {
    Ok(Json(engine.update_settings(&p, b).await?))
}
