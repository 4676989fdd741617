//! System settings (admin). For now: the idle timeout, which is also the idle lock.

use std::sync::atomic::Ordering;

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::extract::{Admin, ApiJson};
use crate::config::IDLE_TIMEOUT_RANGE;
use crate::config_keys;
use crate::error::{ApiError, ApiResult};
use crate::store::{events, settings, StoreError};
use crate::Engine;

async fn current(engine: &Engine) -> ApiResult<Value> {
    let style = engine.db().run(|c| super::auth::login_style(c)).await?;
    Ok(json!({
        "idleTimeoutMinutes": engine.idle_timeout().as_secs().div_ceil(60),
        "loginStyle": style,
    }))
}

pub async fn read(State(engine): State<Engine>, _a: Admin) -> ApiResult<Json<Value>> {
    Ok(Json(current(&engine).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Patch {
    idle_timeout_minutes: Option<u64>,
    login_style: Option<String>,
}

pub async fn update(State(engine): State<Engine>, Admin(a): Admin, ApiJson(b): ApiJson<Patch>) -> ApiResult<Json<Value>> {
    // Every value is checked before anything is written: all of the change or none of it.
    let secs = match b.idle_timeout_minutes {
        Some(m) => {
            let secs = m.saturating_mul(60);
            let (lo, hi) = IDLE_TIMEOUT_RANGE;
            if !(lo..=hi).contains(&secs) {
                return Err(ApiError::invalid("invalid_idle_timeout", format!("Choose {} to {} minutes.", lo / 60, hi / 60)));
            }
            Some(secs)
        }
        None => None,
    };
    if let Some(style) = &b.login_style {
        if style != "discreet" && style != "list" {
            return Err(ApiError::invalid("invalid_login_style", "loginStyle is \"discreet\" or \"list\"."));
        }
    }
    let (uid, addr) = (a.principal.user_id.clone(), a.address.clone());
    let style = b.login_style.clone();
    engine
        .db()
        .write(move |tx| -> Result<(), StoreError> {
            if let Some(secs) = secs {
                settings::set(tx, config_keys::IDLE_TIMEOUT, &json!(secs))?;
            }
            if let Some(style) = &style {
                settings::set(tx, config_keys::LOGIN_STYLE, &json!(style))?;
            }
            if secs.is_some() || style.is_some() {
                events::log(tx, "settings_changed", Some(&uid), &addr, json!({"idleTimeoutMinutes": b.idle_timeout_minutes, "loginStyle": style}))?;
            }
            Ok(())
        })
        .await?;
    if let Some(secs) = secs {
        if !engine.inner.idle_override {
            engine.inner.idle_timeout_secs.store(secs, Ordering::Relaxed);
        }
    }
    Ok(Json(current(&engine).await?))
}
