//! One trait for every model backend (DESIGN.md "The core and the AI layer"): a chat request
//! goes in, a stream of deltas comes out. Cancellation is a token that reaches the model: the
//! embedded decoder checks it at every token, a provider's HTTP request is dropped.

use std::future::Future;
use std::pin::Pin;

use futures_util::Stream;
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

/// Who said a message of the prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChatRole {
    System,
    User,
    Assistant,
}

impl ChatRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatRole::System => "system",
            ChatRole::User => "user",
            ChatRole::Assistant => "assistant",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatMessage {
    pub role: ChatRole,
    pub content: String,
}

/// What a backend is asked.
#[derive(Clone, Debug)]
pub struct ChatRequest {
    /// The backend's own model id (a GGUF file's name, a provider's model id).
    pub model: String,
    pub messages: Vec<ChatMessage>,
    /// 0 means greedy (deterministic) decoding.
    pub temperature: f32,
    /// The reply length cap, in tokens.
    pub max_tokens: u32,
    /// The context window the workspace says the model has, for a backend that cannot learn
    /// it from the model (a provider that does not list it).
    pub context_window: Option<u32>,
}

/// Why a reply ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FinishReason {
    /// The model said it was done.
    Stop,
    /// The reply length cap was reached.
    Length,
    /// Somebody stopped it.
    Cancelled,
}

/// One piece of a reply as it streams.
#[derive(Clone, Debug, PartialEq)]
pub enum Delta {
    /// Text to append (one or a few tokens).
    Text(String),
    /// The end, with the token counts when the backend knows them.
    Done { finish: FinishReason, prompt_tokens: u32, completion_tokens: u32 },
}

/// A model a backend offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelInfo {
    /// The backend's own id for it.
    pub id: String,
    /// For people.
    pub name: String,
    /// Context window in tokens, when known.
    pub context_window: Option<u32>,
}

/// What went wrong, in words a person can act on (never a key or a secret).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// No such model on this backend.
    #[error("There is no model {0:?}.")]
    UnknownModel(String),
    /// The model file is not a usable GGUF (truncated, not GGUF, unsupported).
    #[error("The model file {file} cannot be loaded: {reason}")]
    BadModelFile { file: String, reason: String },
    /// The prompt does not fit the model's context window.
    #[error("The conversation is longer than the model's context window ({window} tokens).")]
    ContextOverflow { window: u32 },
    /// The backend could not be reached or answered something that is not a reply.
    #[error("{0}")]
    Unavailable(String),
    /// The backend failed while writing the reply.
    #[error("{0}")]
    Failed(String),
}

/// A token count that is never much under the real one for text in any script: a token is
/// rarely more than 3 bytes of UTF-8 (English averages ~4 characters), plus a few tokens of
/// each message's framing.
pub fn estimate_tokens(m: &ChatMessage) -> u32 {
    u32::try_from(m.content.len().div_ceil(3)).unwrap_or(u32::MAX).saturating_add(4)
}

/// The history within `window` tokens by [`estimate_tokens`], leaving room for the reply
/// (its cap, at most half the window): the oldest messages leave first, never the system
/// prompt or the last message, and the kept history starts with a person's message. A last
/// message that cannot fit is [`ModelError::ContextOverflow`].
pub fn fit_by_estimate(
    messages: Vec<ChatMessage>,
    window: u32,
    max_tokens: u32,
) -> Result<Vec<ChatMessage>, ModelError> {
    let reserve = max_tokens.clamp(1, (window / 2).max(1));
    let system = usize::from(messages.first().is_some_and(|m| m.role == ChatRole::System));
    let total = |ms: &[ChatMessage]| ms.iter().map(estimate_tokens).fold(0u32, u32::saturating_add);
    let (head, rest) = messages.split_at(system);
    let mut skip = 0;
    while skip + 1 < rest.len() && total(head).saturating_add(total(&rest[skip..])).saturating_add(reserve) > window {
        skip += 1;
        while skip + 1 < rest.len() && rest[skip].role == ChatRole::Assistant {
            skip += 1;
        }
    }
    let kept: Vec<ChatMessage> = head.iter().chain(&rest[skip..]).cloned().collect();
    if total(&kept) >= window {
        return Err(ModelError::ContextOverflow { window });
    }
    Ok(kept)
}

pub type DeltaStream = Pin<Box<dyn Stream<Item = Result<Delta, ModelError>> + Send>>;
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A model backend: the embedded llama.cpp, an OpenAI-compatible provider, or (in tests
/// only) a stub.
pub trait Backend: Send + Sync {
    /// The models this backend offers now.
    fn models(&self) -> BoxFuture<'_, Result<Vec<ModelInfo>, ModelError>>;

    /// Starts a reply. The stream ends with one [`Delta::Done`] (with
    /// [`FinishReason::Cancelled`] once `cancel` fired), or an error. Dropping the stream
    /// stops the work too.
    fn stream(&self, request: ChatRequest, cancel: CancellationToken)
        -> BoxFuture<'_, Result<DeltaStream, ModelError>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(role: ChatRole, n: usize) -> ChatMessage {
        ChatMessage { role, content: "x".repeat(n) }
    }

    #[test]
    fn estimated_fitting_keeps_the_system_prompt_and_the_question() {
        let mut ms = vec![msg(ChatRole::System, 30)];
        for _ in 0..5 {
            ms.push(msg(ChatRole::User, 300));
            ms.push(msg(ChatRole::Assistant, 300));
        }
        ms.push(msg(ChatRole::User, 30));
        // Everything fits a large window.
        assert_eq!(fit_by_estimate(ms.clone(), 100_000, 100).map(|k| k.len()), Ok(12));
        // 300 tokens: the system prompt (14), the question (14), the reply's room (100) and
        // one older turn (2 x 104) fit, not two.
        let kept = fit_by_estimate(ms.clone(), 340, 100).map_err(|e| e.to_string()).unwrap_or_default();
        assert_eq!(kept.len(), 4, "{kept:?}");
        assert_eq!((kept[0].role, kept[1].role, kept[3].content.len()), (ChatRole::System, ChatRole::User, 30));
        // A question longer than the window: refused, not cut.
        let long = vec![msg(ChatRole::User, 3000)];
        assert_eq!(fit_by_estimate(long, 500, 10), Err(ModelError::ContextOverflow { window: 500 }));
    }
}
