//! An OpenAI-compatible provider (Ollama, llama.cpp's server, LM Studio, vLLM, OpenAI and the
//! like): `GET {base}/models` and a streamed `POST {base}/chat/completions`. The types are
//! lenient, as real servers differ: `choices` null or missing, a usage-only last chunk, an
//! error object in the middle of the stream, `[DONE]` or just the end of the body.

use std::time::Duration;

use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;
use tokio_util::sync::CancellationToken;

use super::backend::{Backend, BoxFuture, ChatRequest, Delta, DeltaStream, FinishReason, ModelError, ModelInfo};
use crate::secrets::SecretString;

/// Connecting to a provider: it is on the LAN or the internet, and answers at once or not at all.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest wait for the first byte of an answer and between two chunks of a stream: a
/// big model on a busy server can think a while, but a stalled stream is an error, not a hang.
const STALL_TIMEOUT: Duration = Duration::from_secs(120);
/// Listing models and testing the connection.
const LIST_TIMEOUT: Duration = Duration::from_secs(15);

pub struct OpenAiBackend {
    base: String,
    key: Option<SecretString>,
    client: reqwest::Client,
    /// Context windows from the last model list, by model id.
    windows: std::sync::Mutex<std::collections::HashMap<String, u32>>,
}

#[derive(Deserialize)]
struct ModelList {
    #[serde(default)]
    data: Option<Vec<ModelEntry>>,
}

/// A model of the list. The window goes by many names: vLLM's `max_model_len`, LM Studio's
/// `max_context_length`, OpenRouter's `context_length`, others' `context_window`; any that
/// is a positive number is taken (lenient: a string or a null is no window).
#[derive(Deserialize)]
struct ModelEntry {
    id: String,
    #[serde(default)]
    max_model_len: Option<serde_json::Value>,
    #[serde(default)]
    max_context_length: Option<serde_json::Value>,
    #[serde(default)]
    context_length: Option<serde_json::Value>,
    #[serde(default)]
    context_window: Option<serde_json::Value>,
}

impl ModelEntry {
    fn window(&self) -> Option<u32> {
        [&self.max_model_len, &self.max_context_length, &self.context_length, &self.context_window]
            .into_iter()
            .flatten()
            .find_map(|v| v.as_u64().filter(|n| *n > 0).map(|n| n.min(u64::from(u32::MAX)) as u32))
    }
}

#[derive(Deserialize, Default)]
struct Chunk {
    #[serde(default)]
    choices: Option<Vec<Choice>>,
    #[serde(default)]
    usage: Option<Usage>,
    #[serde(default)]
    error: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
struct Choice {
    #[serde(default)]
    delta: Option<ChoiceDelta>,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Deserialize, Default)]
struct ChoiceDelta {
    #[serde(default)]
    content: Option<String>,
}

#[derive(Deserialize, Default, Clone, Copy)]
struct Usage {
    #[serde(default)]
    prompt_tokens: u32,
    #[serde(default)]
    completion_tokens: u32,
}

/// An error object's message, without anything that could be a secret (only the message
/// field, cut short).
/// Providers sometimes quote the key they were given ("Incorrect API key provided: sk-…"):
/// the key itself, and any word that looks like one, is masked before anyone sees it.
fn error_words(v: &serde_json::Value, key: Option<&SecretString>) -> String {
    let msg = v.get("message").and_then(|m| m.as_str()).or_else(|| v.as_str()).unwrap_or("an error");
    let short: String = msg.chars().take(300).collect();
    let short = match key {
        Some(k) if !k.expose().is_empty() => short.replace(k.expose(), "[key]"),
        _ => short,
    };
    let masked: Vec<&str> =
        short.split(' ').map(|w| if w.contains("sk-") || w.contains("key-") { "[key]" } else { w }).collect();
    format!("The provider reported: {}", masked.join(" "))
}

impl OpenAiBackend {
    /// `base` is the provider's API root, e.g. `http://127.0.0.1:11434/v1`.
    pub fn new(base: &str, key: Option<SecretString>) -> Result<OpenAiBackend, ModelError> {
        let client = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .read_timeout(STALL_TIMEOUT)
            .build()
            .map_err(|e| ModelError::Unavailable(format!("Cannot set up the HTTP client: {e}")))?;
        Ok(OpenAiBackend { base: base.trim_end_matches('/').to_string(), key, client, windows: Default::default() })
    }

    fn authed(&self, rb: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.key {
            Some(k) => rb.bearer_auth(k.expose()),
            None => rb,
        }
    }

    /// What went wrong reaching the provider, in words (never the key; the URL is the
    /// admin's own).
    fn unreachable(&self, e: &reqwest::Error) -> ModelError {
        let what = if e.is_timeout() {
            "did not answer in time"
        } else if e.is_connect() {
            "cannot be reached (is it running, and is the address right?)"
        } else {
            "could not be talked to"
        };
        ModelError::Unavailable(format!("The provider at {} {what}.", self.base))
    }

    async fn list(&self) -> Result<Vec<ModelInfo>, ModelError> {
        let resp = self
            .authed(self.client.get(format!("{}/models", self.base)).timeout(LIST_TIMEOUT))
            .send()
            .await
            .map_err(|e| self.unreachable(&e))?;
        let status = resp.status();
        if status == reqwest::StatusCode::UNAUTHORIZED || status == reqwest::StatusCode::FORBIDDEN {
            return Err(ModelError::Unavailable("The provider refused the API key.".into()));
        }
        if !status.is_success() {
            return Err(ModelError::Unavailable(format!("The provider answered {status} to the model list.")));
        }
        let list: ModelList = resp
            .json()
            .await
            .map_err(|_| ModelError::Unavailable("The provider's model list is not OpenAI-compatible JSON.".into()))?;
        let models: Vec<ModelInfo> = list
            .data
            .unwrap_or_default()
            .into_iter()
            .map(|m| ModelInfo { name: m.id.clone(), context_window: m.window(), id: m.id })
            .collect();
        if let Ok(mut w) = self.windows.lock() {
            *w = models.iter().filter_map(|m| Some((m.id.clone(), m.context_window?))).collect();
        }
        Ok(models)
    }

    /// The model's context window, when the provider says it (the list is read once if it
    /// was not yet).
    async fn window(&self, model: &str) -> Option<u32> {
        let known = |w: &std::sync::Mutex<std::collections::HashMap<String, u32>>| {
            w.lock().ok().map(|w| (w.is_empty(), w.get(model).copied()))
        };
        match known(&self.windows) {
            Some((true, _)) => {
                let _ = self.list().await;
                known(&self.windows).and_then(|(_, w)| w)
            }
            other => other.and_then(|(_, w)| w),
        }
    }

    async fn start(&self, mut req: ChatRequest, cancel: CancellationToken) -> Result<DeltaStream, ModelError> {
        // A provider that says its window gets a history that fits it, rather than one it
        // would cut silently (its own way, which may drop the system prompt).
        if let Some(window) = self.window(&req.model).await.or(req.context_window) {
            req.messages = super::backend::fit_by_estimate(std::mem::take(&mut req.messages), window, req.max_tokens)?;
        }
        let messages: Vec<_> =
            req.messages.iter().map(|m| json!({"role": m.role.as_str(), "content": m.content})).collect();
        let body = json!({
            "model": req.model,
            "messages": messages,
            "stream": true,
            "stream_options": {"include_usage": true},
            "temperature": req.temperature,
            "max_tokens": req.max_tokens,
        });
        let send = self.authed(self.client.post(format!("{}/chat/completions", self.base)).json(&body)).send();
        let resp = tokio::select! {
            r = send => r.map_err(|e| self.unreachable(&e))?,
            _ = cancel.cancelled() => {
                return Ok(Box::pin(futures_util::stream::iter([Ok(Delta::Done { finish: FinishReason::Cancelled, prompt_tokens: 0, completion_tokens: 0 })])));
            }
        };
        let status = resp.status();
        if !status.is_success() {
            let detail = resp
                .json::<serde_json::Value>()
                .await
                .ok()
                .and_then(|v| v.get("error").map(|e| error_words(e, self.key.as_ref())));
            return Err(match (status.as_u16(), detail) {
                (404, _) => ModelError::UnknownModel(req.model),
                (401 | 403, _) => ModelError::Unavailable("The provider refused the API key.".into()),
                (_, Some(d)) => ModelError::Unavailable(d),
                (_, None) => ModelError::Unavailable(format!("The provider answered {status}.")),
            });
        }
        let events = Box::pin(resp.bytes_stream().eventsource());
        Ok(Box::pin(async_stream(events, cancel, self.key.clone())))
    }
}

/// Turns the provider's server-sent events into deltas: text as it comes, then one `Done`.
fn async_stream<S, E>(
    events: S,
    cancel: CancellationToken,
    key: Option<SecretString>,
) -> impl futures_util::Stream<Item = Result<Delta, ModelError>> + Send
where
    S: futures_util::Stream<Item = Result<eventsource_stream::Event, E>> + Send + Unpin + 'static,
    E: std::fmt::Display + Send,
{
    struct State<S> {
        events: S,
        cancel: CancellationToken,
        finish: Option<FinishReason>,
        usage: Usage,
        pieces: u32,
        ended: bool,
        key: Option<SecretString>,
    }
    let state = State { events, cancel, finish: None, usage: Usage::default(), pieces: 0, ended: false, key };
    futures_util::stream::unfold(state, |mut st| async move {
        if st.ended {
            return None;
        }
        loop {
            let next = tokio::select! {
                n = st.events.next() => n,
                // Dropping the response closes the connection: the provider stops too.
                _ = st.cancel.cancelled() => {
                    st.ended = true;
                    let done = Delta::Done { finish: FinishReason::Cancelled, prompt_tokens: st.usage.prompt_tokens, completion_tokens: st.pieces };
                    return Some((Ok(done), st));
                }
            };
            let done = |st: &State<S>| Delta::Done {
                finish: st.finish.unwrap_or(FinishReason::Stop),
                prompt_tokens: st.usage.prompt_tokens,
                completion_tokens: if st.usage.completion_tokens > 0 { st.usage.completion_tokens } else { st.pieces },
            };
            let ev = match next {
                None => {
                    st.ended = true;
                    let d = done(&st);
                    return Some((Ok(d), st));
                }
                Some(Err(e)) => {
                    st.ended = true;
                    return Some((Err(ModelError::Failed(format!("The provider's stream broke off: {e}"))), st));
                }
                Some(Ok(ev)) => ev,
            };
            let data = ev.data.trim();
            if data.is_empty() {
                continue;
            }
            if data == "[DONE]" {
                st.ended = true;
                let d = done(&st);
                return Some((Ok(d), st));
            }
            let Ok(chunk) = serde_json::from_str::<Chunk>(data) else {
                st.ended = true;
                return Some((Err(ModelError::Failed("The provider sent something that is not a reply.".into())), st));
            };
            if let Some(err) = &chunk.error {
                st.ended = true;
                let words = error_words(err, st.key.as_ref());
                return Some((Err(ModelError::Failed(words)), st));
            }
            if let Some(u) = chunk.usage {
                st.usage = u;
            }
            let mut text = String::new();
            for c in chunk.choices.unwrap_or_default() {
                if let Some(t) = c.delta.and_then(|d| d.content) {
                    text.push_str(&t);
                }
                match c.finish_reason.as_deref() {
                    Some("length") => st.finish = Some(FinishReason::Length),
                    Some(_) => st.finish = Some(FinishReason::Stop),
                    None => {}
                }
            }
            if !text.is_empty() {
                st.pieces += 1;
                return Some((Ok(Delta::Text(text)), st));
            }
        }
    })
}

impl Backend for OpenAiBackend {
    fn models(&self) -> BoxFuture<'_, Result<Vec<ModelInfo>, ModelError>> {
        Box::pin(self.list())
    }

    fn stream(
        &self,
        request: ChatRequest,
        cancel: CancellationToken,
    ) -> BoxFuture<'_, Result<DeltaStream, ModelError>> {
        Box::pin(self.start(request, cancel))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_provider_quoting_the_key_does_not_show_it() {
        let key = SecretString::new("sk-live-abcdef123456");
        let e = json!({"message": "Incorrect API key provided: sk-live-abcdef123456. See your dashboard."});
        let w = error_words(&e, Some(&key));
        assert!(!w.contains("abcdef123456"), "{w}");
        let other = json!({"message": "Incorrect API key provided: sk-proj-****wxyz."});
        assert!(!error_words(&other, None).contains("wxyz"));
        assert_eq!(
            error_words(&json!({"message": "model overloaded"}), None),
            "The provider reported: model overloaded"
        );
    }
}
