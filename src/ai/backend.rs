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
