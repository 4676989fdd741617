//! A workspace's model settings (PRODUCT A1): which model answers, how creative, how long a
//! reply may be, how much history goes into the prompt. Stored with the workspace.

use serde::{Deserialize, Serialize};

use crate::domain::{Error, Result};

/// The reply length cap when nobody chose one, and the highest one may choose.
pub const DEFAULT_MAX_TOKENS: u32 = 512;
pub const MAX_MAX_TOKENS: u32 = 8192;
/// Messages of history that go into the prompt by default, and at most.
pub const DEFAULT_HISTORY: u32 = 20;
pub const MAX_HISTORY: u32 = 200;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModelSettings {
    /// `backend/model` (`embedded/<file>.gguf`, `<provider id>/<model>`); none: the first
    /// model available (the starter model on a fresh install).
    pub model: Option<String>,
    /// 0 is greedy (the same answer every time); up to 2.
    pub temperature: f32,
    pub max_tokens: u32,
    pub history_messages: u32,
    /// The model's context window in tokens, for a provider that does not say it (Ollama's
    /// OpenAI-compatible API does not): the history is trimmed to it. None: as the model says.
    pub context_window: Option<u32>,
}

/// The range a workspace's context window may be set in.
pub const CONTEXT_WINDOW_RANGE: (u32, u32) = (256, 1 << 20);

impl Default for ModelSettings {
    fn default() -> Self {
        ModelSettings {
            model: None,
            temperature: 0.7,
            max_tokens: DEFAULT_MAX_TOKENS,
            history_messages: DEFAULT_HISTORY,
            context_window: None,
        }
    }
}

impl ModelSettings {
    pub fn check(&self) -> Result<()> {
        if !(0.0..=2.0).contains(&self.temperature) || self.temperature.is_nan() {
            return Err(Error::invalid(
                "invalid_temperature",
                "The temperature is from 0 (always the same answer) to 2.",
            ));
        }
        if !(1..=MAX_MAX_TOKENS).contains(&self.max_tokens) {
            return Err(Error::invalid(
                "invalid_max_tokens",
                format!("The reply length cap is 1 to {MAX_MAX_TOKENS} tokens."),
            ));
        }
        if self.history_messages > MAX_HISTORY {
            return Err(Error::invalid(
                "invalid_history",
                format!("At most {MAX_HISTORY} messages of history go into the prompt."),
            ));
        }
        let (lo, hi) = CONTEXT_WINDOW_RANGE;
        if self.context_window.is_some_and(|w| !(lo..=hi).contains(&w)) {
            return Err(Error::invalid(
                "invalid_context_window",
                format!("The context window is {lo} to {hi} tokens, or empty for what the model says."),
            ));
        }
        if self.model.as_ref().is_some_and(|m| m.len() > 300 || !m.contains('/')) {
            return Err(Error::invalid("unknown_model", "Choose one of the models GET /models lists."));
        }
        Ok(())
    }
}

/// A change to a workspace's model settings; absent fields stay as they are.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ModelSettingsPatch {
    #[serde(default, deserialize_with = "crate::domain::accounts::double_option")]
    pub model: Option<Option<String>>,
    pub temperature: Option<f32>,
    pub max_tokens: Option<u32>,
    pub history_messages: Option<u32>,
    pub context_window: Option<Option<u32>>,
}

impl ModelSettingsPatch {
    pub fn is_empty(&self) -> bool {
        self.model.is_none()
            && self.temperature.is_none()
            && self.max_tokens.is_none()
            && self.history_messages.is_none()
            && self.context_window.is_none()
    }

    pub fn apply(&self, s: &ModelSettings) -> ModelSettings {
        ModelSettings {
            model: self.model.clone().unwrap_or_else(|| s.model.clone()),
            temperature: self.temperature.unwrap_or(s.temperature),
            max_tokens: self.max_tokens.unwrap_or(s.max_tokens),
            history_messages: self.history_messages.unwrap_or(s.history_messages),
            context_window: self.context_window.unwrap_or(s.context_window),
        }
    }
}
