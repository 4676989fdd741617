//! Chat (PRODUCT A2, L1, Q1): a message is admitted (the daily limit counted in the usage
//! ledger, in the same transaction as the message), queued fairly, and answered by the
//! workspace's model. The reply is a row that grows: text is appended as it comes (batched),
//! so a reload re-attaches and a crash loses a moment, not the answer. Every stream of a
//! reply is a view of one [`LiveReply`]; stopping fires a token that reaches the model.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

use super::backend::{Backend, ChatMessage, ChatRequest, ChatRole, Delta, FinishReason, ModelError, ModelInfo};
use super::queue::{self, Item, Queue, Refused};
use crate::domain::events::EventKind;
use crate::domain::policy::{self, Principal, UserId};
use crate::domain::{Error, Result};
use crate::store::threads::{self, Ending};
use crate::store::{usage, users, workspaces};
use crate::Engine;

/// The longest message a person may send, in characters.
pub const MESSAGE_MAX_CHARS: usize = 32_000;
/// Streamed text is written to the database this often, every reply's in one transaction
/// (and each reply's rest at its end): a crash loses at most this much of a reply.
const FLUSH_EVERY: Duration = Duration::from_millis(200);
/// Events a reader may fall behind by before it catches up from the reply's text so far
/// (a slow reader misses nothing; the ring is allocated whole for every reply, so it is
/// kept small: 500 open replies hold ~3 MB of it, not ~180 MB).
const STREAM_BUFFER: usize = 64;

/// An event of a reply's stream (API.md "The reply stream").
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "event", rename_all = "lowercase")]
pub enum ReplyEvent {
    Queued {
        position: usize,
        of: usize,
    },
    Started {
        #[serde(rename = "messageId")]
        message_id: String,
        model: String,
    },
    Token {
        text: String,
    },
    /// The documents' passages the reply was given.
    Sources {
        items: Vec<crate::store::documents::Source>,
    },
    Done {
        #[serde(rename = "messageId")]
        message_id: String,
        #[serde(rename = "finishReason")]
        finish_reason: FinishReason,
        usage: TokenUsage,
        #[serde(rename = "remainingToday")]
        remaining_today: Option<i64>,
    },
    Error {
        code: String,
        message: String,
    },
}

impl ReplyEvent {
    /// The SSE event name.
    pub fn name(&self) -> &'static str {
        match self {
            ReplyEvent::Queued { .. } => "queued",
            ReplyEvent::Started { .. } => "started",
            ReplyEvent::Token { .. } => "token",
            ReplyEvent::Sources { .. } => "sources",
            ReplyEvent::Done { .. } => "done",
            ReplyEvent::Error { .. } => "error",
        }
    }

    /// The event's `data:` JSON (its fields, without the name). Tokens, the bulk of every
    /// stream, are written straight; the rare others through a value.
    pub fn data_json(&self) -> String {
        #[derive(Serialize)]
        struct TokenData<'a> {
            text: &'a str,
        }
        if let ReplyEvent::Token { text } = self {
            return serde_json::to_string(&TokenData { text }).unwrap_or_default();
        }
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.remove("event");
        }
        v.to_string()
    }

    fn ends(&self) -> bool {
        matches!(self, ReplyEvent::Done { .. } | ReplyEvent::Error { .. })
    }
}

#[derive(Clone, Copy, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenUsage {
    pub prompt_tokens: u32,
    pub completion_tokens: u32,
}

/// A reply being written, shared by every stream that shows it.
pub struct LiveReply {
    pub message_id: String,
    pub thread_id: String,
    pub user: UserId,
    cancel: CancellationToken,
    state: Mutex<LiveState>,
    tx: broadcast::Sender<ReplyEvent>,
}

#[derive(Default)]
struct LiveState {
    /// The events so far that a newcomer needs to catch up: the last `queued`, `started`, the
    /// text as one `token`, and the end.
    started: Option<ReplyEvent>,
    queued: Option<ReplyEvent>,
    sources: Option<ReplyEvent>,
    text: String,
    end: Option<ReplyEvent>,
}

impl LiveReply {
    fn emit(&self, ev: ReplyEvent) {
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        match &ev {
            ReplyEvent::Queued { .. } => st.queued = Some(ev.clone()),
            ReplyEvent::Started { .. } => {
                st.queued = None;
                st.started = Some(ev.clone());
            }
            ReplyEvent::Token { text } => st.text.push_str(text),
            ReplyEvent::Sources { .. } => st.sources = Some(ev.clone()),
            ReplyEvent::Done { .. } | ReplyEvent::Error { .. } => st.end = Some(ev.clone()),
        }
        // Sent while the state is locked, so that a newcomer's catch-up and its receiver
        // line up exactly (see `subscribe`).
        let _ = self.tx.send(ev);
    }

    /// The events after what a reader has seen (`started` or not, `sent` bytes of text), as
    /// a catch-up, and a receiver for the rest. A new reader has seen nothing.
    fn resume(&self, started_seen: bool, sent: usize) -> (Vec<ReplyEvent>, Option<broadcast::Receiver<ReplyEvent>>) {
        let st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let mut past: Vec<ReplyEvent> = Vec::new();
        if !started_seen {
            past.extend([st.queued.clone(), st.started.clone(), st.sources.clone()].into_iter().flatten());
        }
        if let Some(rest) = st.text.get(sent..).filter(|r| !r.is_empty()) {
            past.push(ReplyEvent::Token { text: rest.to_string() });
        }
        if let Some(end) = &st.end {
            past.push(end.clone());
            return (past, None);
        }
        (past, Some(self.tx.subscribe()))
    }
}

/// Streamed text waiting to be written, by reply. One task writes every reply's in one
/// transaction each [`FLUSH_EVERY`]: the model's stream never waits for the database.
#[derive(Default)]
pub(crate) struct PendingText {
    texts: Mutex<HashMap<String, String>>,
    /// Held while writing, so a reply's last write waits for a batch in flight.
    writing: tokio::sync::Mutex<()>,
}

impl PendingText {
    fn push(&self, message_id: &str, text: &str) {
        let mut t = self.texts.lock().unwrap_or_else(|p| p.into_inner());
        match t.get_mut(message_id) {
            Some(s) => s.push_str(text),
            None => {
                t.insert(message_id.to_string(), text.to_string());
            }
        }
    }
}

/// A stream of one reply: the catch-up, then the live events until the end. A reader that
/// falls behind catches up from the reply's text: it misses nothing.
pub struct ReplyStream {
    pub message_id: String,
    live: Arc<LiveReply>,
    past: std::collections::VecDeque<ReplyEvent>,
    rx: Option<broadcast::Receiver<ReplyEvent>>,
    started_seen: bool,
    /// Bytes of the reply's text given out so far.
    sent: usize,
    ended: bool,
}

impl ReplyStream {
    fn new(live: &Arc<LiveReply>) -> ReplyStream {
        let (past, rx) = live.resume(false, 0);
        ReplyStream {
            message_id: live.message_id.clone(),
            live: live.clone(),
            past: past.into(),
            rx,
            started_seen: false,
            sent: 0,
            ended: false,
        }
    }

    /// The next event, or `None` after the end.
    pub async fn next(&mut self) -> Option<ReplyEvent> {
        if self.ended {
            return None;
        }
        let ev = loop {
            if let Some(ev) = self.past.pop_front() {
                break ev;
            }
            match self.rx.as_mut()?.recv().await {
                Ok(ev) => break ev,
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    let (past, rx) = self.live.resume(self.started_seen, self.sent);
                    (self.past, self.rx) = (past.into(), rx);
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        };
        match &ev {
            ReplyEvent::Started { .. } => self.started_seen = true,
            ReplyEvent::Token { text } => self.sent += text.len(),
            _ => {}
        }
        if ev.ends() {
            self.ended = true;
        }
        Some(ev)
    }
}

/// The AI layer's state inside the engine.
pub struct Ai {
    pub queue: Queue,
    /// Backends by key: `embedded`, or a provider's id.
    backends: Mutex<HashMap<String, Arc<dyn Backend>>>,
    /// Replies being written, by thread.
    live: Mutex<HashMap<String, Arc<LiveReply>>>,
    pending: PendingText,
}

impl Ai {
    pub fn new(queue: Queue) -> Ai {
        Ai { queue, backends: Mutex::default(), live: Mutex::default(), pending: PendingText::default() }
    }

    pub fn register(&self, key: &str, backend: Arc<dyn Backend>) {
        if let Ok(mut b) = self.backends.lock() {
            b.insert(key.to_string(), backend);
        }
    }

    pub fn unregister(&self, key: &str) {
        if let Ok(mut b) = self.backends.lock() {
            b.remove(key);
        }
    }

    pub(crate) fn backend(&self, key: &str) -> Option<Arc<dyn Backend>> {
        self.backends.lock().ok().and_then(|b| b.get(key).cloned())
    }

    fn keys(&self) -> Vec<String> {
        let mut k: Vec<String> = self.backends.lock().map(|b| b.keys().cloned().collect()).unwrap_or_default();
        // The embedded model first: the default on a fresh install.
        k.sort_by_key(|k| (k != "embedded", k.clone()));
        k
    }

    fn live_for(&self, thread: &str) -> Option<Arc<LiveReply>> {
        self.live.lock().ok().and_then(|l| l.get(thread).cloned())
    }
}

/// A model the caller may choose: `backend/model`.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelView {
    pub id: String,
    pub name: String,
    pub backend: String,
    pub context_window: Option<u32>,
}

/// `{usedToday, limit, remainingToday, resetsAt}`.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageView {
    pub used_today: i64,
    pub limit: Option<i64>,
    pub remaining_today: Option<i64>,
    /// Unix time (seconds) of the next 00:00 UTC.
    pub resets_at: i64,
}

/// The UTC day of `t` (`YYYY-MM-DD`) and the next midnight.
pub fn utc_day(t: i64) -> (String, i64) {
    let days = t.div_euclid(86_400);
    let date = time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(days);
    (format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day()), (days + 1) * 86_400)
}

/// What a reply answers: a new message, or the same one again (regenerate; the text is the
/// queue label).
enum Turn {
    New(String),
    Again(String),
}

/// The thread's last message when it is a reply that has ended (the one regenerate replaces).
fn regenerable(last: Option<&threads::Message>) -> Result<&threads::Message> {
    match last {
        Some(m) if m.role == "assistant" && matches!(m.status.as_str(), "done" | "stopped" | "failed") => Ok(m),
        Some(m) if m.role == "assistant" => {
            Err(Error::conflict("reply_in_progress", "A reply is still being written in this thread. Stop it or wait."))
        }
        _ => Err(Error::conflict("nothing_to_regenerate", "The last message of this thread is not a finished reply.")),
    }
}

/// Holds a thread's reply slot until the job takes it; a refusal on the way frees it.
struct SlotGuard<'a> {
    engine: &'a Engine,
    thread: String,
    live: Arc<LiveReply>,
    armed: bool,
}

impl SlotGuard<'_> {
    fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for SlotGuard<'_> {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        if let Ok(mut l) = self.engine.ai().live.lock() {
            if l.get(&self.thread).is_some_and(|r| Arc::ptr_eq(r, &self.live)) {
                l.remove(&self.thread);
            }
        }
    }
}

fn model_error(e: &ModelError) -> (&'static str, String) {
    let code = match e {
        ModelError::UnknownModel(_) => "unknown_model",
        ModelError::BadModelFile { .. } => "bad_model_file",
        ModelError::ContextOverflow { .. } => "context_overflow",
        ModelError::Unavailable(_) => "model_unavailable",
        ModelError::Failed(_) => "model_failed",
    };
    (code, e.to_string())
}

/// Trims history to the last `keep` messages (the system prompt always stays).
fn prompt(system: &str, history: Vec<threads::Message>, keep: usize) -> Vec<ChatMessage> {
    let mut out = Vec::new();
    if !system.trim().is_empty() {
        out.push(ChatMessage { role: ChatRole::System, content: system.to_string() });
    }
    let usable: Vec<threads::Message> = history
        .into_iter()
        .filter(|m| m.role != "system" && !(m.role == "assistant" && m.content.is_empty()))
        .collect();
    let skip = usable.len().saturating_sub(keep.max(1));
    for m in usable.into_iter().skip(skip) {
        let role = if m.role == "assistant" { ChatRole::Assistant } else { ChatRole::User };
        out.push(ChatMessage { role, content: m.content });
    }
    out
}

impl Engine {
    pub(crate) fn ai(&self) -> &Ai {
        &self.inner.ai
    }

    /// Seconds since the epoch, from the engine's clock (tests move it).
    pub fn now(&self) -> i64 {
        (self.inner.clock)()
    }

    /// The models the caller may use: every backend's, as `backend/model`.
    pub async fn models(&self, _who: &Principal) -> Result<Vec<ModelView>> {
        self.ensure_backends().await;
        let mut out = Vec::new();
        for key in self.ai().keys() {
            let Some(b) = self.ai().backend(&key) else { continue };
            match b.models().await {
                Ok(list) => out.extend(list.into_iter().map(|m: ModelInfo| ModelView {
                    id: format!("{key}/{}", m.id),
                    name: m.name,
                    backend: key.clone(),
                    context_window: m.context_window,
                })),
                Err(e) => tracing::warn!(backend = %key, error = %e, "cannot list models"),
            }
        }
        Ok(out)
    }

    /// The caller's usage today.
    pub async fn my_usage(&self, who: &Principal) -> Result<UsageView> {
        let (day, resets_at) = utc_day(self.now());
        let id = who.user_id.clone();
        let (used, limit) = self
            .db()
            .run(move |c| -> Result<(i64, Option<i64>)> {
                let limit = users::get(c, &id)?.and_then(|u| u.daily_message_limit);
                Ok((usage::used(c, &id, &day)?, limit))
            })
            .await?;
        Ok(UsageView { used_today: used, limit, remaining_today: limit.map(|l| (l - used).max(0)), resets_at })
    }

    /// Refuses a `backend/model` whose backend does not exist (a model a backend no longer
    /// lists is refused when a message is sent, in words).
    pub(crate) async fn check_model_ref(&self, model: &str) -> Result<()> {
        self.ensure_backends().await;
        match model.split_once('/') {
            Some((key, m)) if !m.is_empty() && self.ai().backend(key).is_some() => Ok(()),
            _ => Err(Error::invalid(
                "unknown_model",
                format!("There is no model {model:?}. Choose one GET /models lists."),
            )),
        }
    }

    /// The backend and model id for a workspace's model setting (none: the first model of
    /// the first backend).
    async fn pick_model(&self, setting: Option<&str>) -> Result<(String, Arc<dyn Backend>, String)> {
        self.ensure_backends().await;
        let unavailable = || {
            Error::Unavailable {
            code: "model_unavailable",
            message: "No model is available. Add a GGUF file to the models folder, or an OpenAI-compatible provider in Settings.".into(),
        }
        };
        if let Some(s) = setting {
            let (key, model) = s
                .split_once('/')
                .ok_or_else(|| Error::invalid("unknown_model", format!("There is no model {s:?}.")))?;
            let b = self
                .ai()
                .backend(key)
                .ok_or_else(|| Error::invalid("unknown_model", format!("There is no model {s:?}.")))?;
            return Ok((key.to_string(), b, model.to_string()));
        }
        for key in self.ai().keys() {
            let Some(b) = self.ai().backend(&key) else { continue };
            if let Ok(list) = b.models().await {
                if let Some(m) = list.into_iter().next() {
                    return Ok((key, b, m.id));
                }
            }
        }
        Err(unavailable())
    }

    /// One of the caller's threads and its workspace, or 404.
    async fn own_thread(&self, who: &Principal, thread_id: String) -> Result<(threads::Thread, workspaces::Workspace)> {
        self.read_as(who.clone().into(), move |c, who| {
            let t = threads::get(c, &policy::thread_scope(who), &thread_id)?.ok_or(Error::NotFound)?;
            let ws = workspaces::by_id(c, &t.workspace_id)?.ok_or(Error::NotFound)?;
            Ok((t, ws))
        })
        .await
    }

    /// Sends a message in one of the caller's threads and starts the reply: admitted (daily
    /// limit), queued (caps), then answered. Returns the reply's stream.
    pub async fn send_message(&self, who: &Principal, thread_id: String, content: String) -> Result<ReplyStream> {
        let (thread, ws) = self.own_thread(who, thread_id).await?;
        // Checked after the thread: someone else's thread is a 404 whatever the message.
        let text = content.trim().to_string();
        if text.is_empty() {
            return Err(Error::invalid("empty_message", "Write a message first."));
        }
        if text.chars().count() > MESSAGE_MAX_CHARS {
            return Err(Error::invalid(
                "message_too_long",
                format!("Keep a message under {MESSAGE_MAX_CHARS} characters."),
            ));
        }
        self.start_reply(who, thread, ws, Turn::New(text)).await
    }

    /// Writes the thread's last reply again: the old one (ended: done, stopped or failed) is
    /// removed and the model answers the same message, through the same limit and queue.
    pub async fn regenerate(&self, who: &Principal, thread_id: String) -> Result<ReplyStream> {
        let (thread, ws) = self.own_thread(who, thread_id).await?;
        let tid = thread.id.clone();
        let prompt = self
            .db()
            .run(move |c| -> Result<String> {
                let last = threads::last_message(c, &tid)?;
                regenerable(last.as_ref())?;
                let history = threads::messages_page(c, &tid, None, 2)?.0;
                Ok(history.into_iter().find(|m| m.role == "user").map(|m| m.content).unwrap_or_default())
            })
            .await?;
        self.start_reply(who, thread, ws, Turn::Again(prompt)).await
    }

    /// Starts a reply in `thread`: takes the thread's one reply slot, queues, then admits the
    /// turn (daily limit, the messages) in one transaction, and spawns the job.
    async fn start_reply(
        &self,
        who: &Principal,
        thread: threads::Thread,
        ws: workspaces::Workspace,
        turn: Turn,
    ) -> Result<ReplyStream> {
        let (backend_key, backend, model) = self.pick_model(ws.model.model.as_deref()).await?;
        let message_id = crate::store::new_id();
        let live = Arc::new(LiveReply {
            message_id: message_id.clone(),
            thread_id: thread.id.clone(),
            user: who.user_id.clone(),
            cancel: self.tasks().shutdown_token().child_token(),
            state: Mutex::default(),
            tx: broadcast::channel(STREAM_BUFFER).0,
        });
        // One reply at a time per thread, taken atomically (two tabs sending at once).
        {
            let mut l = self.ai().live.lock().map_err(|_| Error::internal("live replies poisoned"))?;
            if l.contains_key(&thread.id) {
                return Err(Error::conflict(
                    "reply_in_progress",
                    "A reply is still being written in this thread. Stop it or wait.",
                ));
            }
            l.insert(thread.id.clone(), live.clone());
        }
        let slot = SlotGuard { engine: self, thread: thread.id.clone(), live: live.clone(), armed: true };
        let now = self.now();
        let label = match &turn {
            Turn::New(t) | Turn::Again(t) => t.chars().take(80).collect(),
        };
        let item = Item {
            id: message_id.clone(),
            user: who.user_id.clone(),
            backend: backend_key.clone(),
            label,
            enqueued_at: now,
            running: false,
        };
        // The line was made with its backend's concurrency when the backend was registered.
        let ticket = self.ai().queue.enqueue(item, 1).map_err(|r| match r {
            Refused::UserFull => Error::TooMany {
                code: "queue_full",
                message: format!(
                    "You have {} messages waiting for the model already. Wait for one to finish.",
                    self.ai().queue.caps().0
                ),
                retry_after_secs: Some(10),
            },
            Refused::Full => {
                Error::Unavailable { code: "queue_full", message: "The queue is full. Try again in a minute.".into() }
            }
        })?;
        let (day, resets_at) = utc_day(now);
        let (uid, mid, tid, model_ref) =
            (who.user_id.clone(), message_id.clone(), thread.id.clone(), format!("{backend_key}/{model}"));
        let remaining = self
            .db()
            .write(move |tx| -> Result<Option<i64>> {
                // Counted and admitted in one IMMEDIATE transaction: exact under concurrent sends.
                let limit = users::get(tx, &uid)?.and_then(|u| u.daily_message_limit);
                let used = usage::used(tx, &uid, &day)?;
                if let Some(l) = limit {
                    if used >= l {
                        let wait = (resets_at - now).max(1);
                        return Err(Error::TooMany {
                            code: "daily_limit_reached",
                            message: format!(
                                "You have used your {l} messages for today. The count starts again at 00:00 UTC, in {}h {:02}m.",
                                wait / 3600,
                                (wait % 3600) / 60
                            ),
                            retry_after_secs: Some(wait as u64),
                        });
                    }
                }
                match &turn {
                    Turn::New(text) => {
                        threads::add_message(tx, &tid, None, "user", text, "done", None)?;
                        let title: String = text.chars().take(60).collect();
                        threads::title_if_untitled(tx, &tid, &title)?;
                    }
                    Turn::Again(_) => {
                        let last = threads::last_message(tx, &tid)?;
                        let old = regenerable(last.as_ref())?;
                        threads::delete_message(tx, &old.id)?;
                    }
                }
                usage::append(tx, &uid, &day, 1, &mid, now)?;
                threads::add_message(tx, &tid, Some(&mid), "assistant", "", "queued", Some(&model_ref))?;
                Ok(limit.map(|l| l - used - 1))
            })
            .await?;
        let stream = ReplyStream::new(&live);
        let model_ref = format!("{backend_key}/{model}");
        let job = Job { engine: self.clone(), live, backend, model, model_ref, ws, remaining };
        slot.disarm();
        self.start_reply_writer();
        tokio::spawn(job.run(ticket));
        Ok(stream)
    }

    /// Starts the task that writes streamed text (once; it stops with the engine, writing
    /// what is left).
    fn start_reply_writer(&self) {
        let engine = self.clone();
        self.tasks().start("reply-writer", move |stop| async move {
            let mut tick = tokio::time::interval(FLUSH_EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                let stopping = tokio::select! {
                    _ = stop.cancelled() => true,
                    _ = tick.tick() => false,
                };
                engine.write_pending(None).await;
                if stopping {
                    return;
                }
            }
        });
    }

    /// Writes streamed text: every reply's, or only `one`'s (at its end).
    async fn write_pending(&self, one: Option<&str>) {
        let pending = &self.ai().pending;
        let _writing = pending.writing.lock().await;
        let batch: Vec<(String, String)> = {
            let mut t = pending.texts.lock().unwrap_or_else(|p| p.into_inner());
            match one {
                None => t.drain().collect(),
                Some(id) => t.remove_entry(id).into_iter().collect(),
            }
        };
        if batch.is_empty() {
            return;
        }
        let written = self
            .db()
            .write(move |tx| -> Result<()> {
                for (id, text) in &batch {
                    threads::append_text(tx, id, text)?;
                }
                Ok(())
            })
            .await;
        if let Err(e) = written {
            tracing::error!(error = %e, "cannot save streamed replies");
        }
    }

    /// Re-attaches to the reply being written in one of the caller's threads.
    pub async fn attach(&self, who: &Principal, thread_id: String) -> Result<ReplyStream> {
        let live = self.own_live(who, thread_id).await?;
        Ok(ReplyStream::new(&live))
    }

    /// Stops the reply being written in one of the caller's threads: a queued one leaves the
    /// queue, a running one stops at the model's next token.
    pub async fn stop_reply(&self, who: &Principal, thread_id: String) -> Result<()> {
        let live = self.own_live(who, thread_id).await?;
        live.cancel.cancel();
        self.ai().queue.cancel(&live.message_id, |_| true);
        Ok(())
    }

    async fn own_live(&self, who: &Principal, thread_id: String) -> Result<Arc<LiveReply>> {
        let tid = thread_id.clone();
        self.read_as(who.clone().into(), move |c, who| {
            threads::get(c, &policy::thread_scope(who), &tid)?.ok_or(Error::NotFound).map(|_| ())
        })
        .await?;
        self.ai().live_for(&thread_id).ok_or(Error::NotFound)
    }

    /// The queue as `who` may see it: own items in full, others' without user or content;
    /// admins see everything.
    pub fn queue_view(&self, who: &Principal) -> Vec<queue::ItemView> {
        let admin = policy::may_admin_system(who);
        self.ai()
            .queue
            .snapshot()
            .into_iter()
            .map(|(i, position)| {
                let mine = i.user == who.user_id;
                let full = mine || admin;
                queue::ItemView {
                    id: i.id,
                    backend: i.backend,
                    position,
                    running: i.running,
                    enqueued_at: i.enqueued_at,
                    mine,
                    user_id: full.then_some(i.user),
                    label: full.then_some(i.label),
                }
            })
            .collect()
    }

    /// Cancels a queue item: one's own, or (admins) anyone's; others' are a 404.
    pub async fn cancel_queue_item(&self, who: &Principal, id: &str) -> Result<()> {
        let admin = policy::may_admin_system(who);
        let mut owner = None;
        let done = self.ai().queue.cancel(id, |i| {
            owner = Some(i.user.clone());
            admin || i.user == who.user_id
        });
        if !done {
            return Err(Error::NotFound);
        }
        if let Some(live) = self.ai().live.lock().ok().and_then(|l| l.values().find(|r| r.message_id == id).cloned()) {
            live.cancel.cancel();
        }
        if owner.as_ref() != Some(&who.user_id) {
            let details = serde_json::json!({"item": id, "owner": owner});
            self.log_event(EventKind::QueueItemCancelled, Some(&who.user_id), &who.address, details).await?;
        }
        Ok(())
    }

    /// True while an admin has the queue paused.
    pub fn queue_paused(&self) -> bool {
        self.ai().queue.paused()
    }

    pub async fn pause_queue(&self, who: &Principal, paused: bool) -> Result<()> {
        policy::require_admin(who)?;
        self.ai().queue.set_paused(paused);
        let kind = if paused { EventKind::QueuePaused } else { EventKind::QueueResumed };
        self.log_event(kind, Some(&who.user_id), &who.address, serde_json::json!({})).await
    }

    /// Stops every reply of `user`, queued or running (suspended, deleted, or the install went
    /// single-user and the account cannot use it any more).
    pub(crate) fn stop_replies_of(&self, user: &UserId) {
        self.ai().queue.cancel_user(user);
        let live: Vec<Arc<LiveReply>> = self
            .ai()
            .live
            .lock()
            .map(|l| l.values().filter(|r| &r.user == user).cloned().collect())
            .unwrap_or_default();
        for r in live {
            r.cancel.cancel();
        }
    }

    /// Stops every reply of anyone but `keep` (the switch to single-user mode).
    pub(crate) fn stop_replies_of_others(&self, keep: &UserId) {
        let users: std::collections::HashSet<UserId> = self
            .ai()
            .live
            .lock()
            .map(|l| l.values().map(|r| r.user.clone()).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .chain(self.ai().queue.snapshot().into_iter().map(|(i, _)| i.user))
            .filter(|u| u != keep)
            .collect();
        for u in users {
            self.stop_replies_of(&u);
        }
    }

    /// Replies interrupted by a stop of Hearth (a crash, a kill) end `failed`, keeping their
    /// text; one that had written nothing gives its message back. Run at start.
    pub(crate) fn recover_interrupted(&self) -> Result<()> {
        let (day, _) = utc_day(self.now());
        let now = self.now();
        self.db().run_blocking(|c| -> Result<()> {
            for (id, user, empty) in threads::interrupted(c)? {
                let ending = Ending {
                    status: "failed",
                    finish_reason: None,
                    error: Some("Hearth stopped while this reply was being written."),
                    prompt_tokens: None,
                    completion_tokens: None,
                };
                threads::finish(c, &id, &ending)?;
                if empty && usage::reserved(c, &id)? {
                    usage::append(c, &UserId(user), &day, -1, &id, now)?;
                }
            }
            Ok(())
        })
    }
}

/// One reply being written: waits for its turn, streams the model, keeps the row growing.
struct Job {
    engine: Engine,
    live: Arc<LiveReply>,
    backend: Arc<dyn Backend>,
    model: String,
    model_ref: String,
    ws: workspaces::Workspace,
    remaining: Option<i64>,
}

impl Job {
    async fn run(self, ticket: queue::Ticket) {
        let mid = self.live.message_id.clone();
        // Waiting: say the position whenever it changes; a stop takes the item out.
        let mut changes = self.engine.ai().queue.subscribe();
        let cancel = self.live.cancel.clone();
        let turn = {
            let queue = self.engine.ai().queue.clone();
            let stop = cancel.clone();
            let ticket_cancel = ticket.cancel.clone();
            let fut = ticket.turn();
            tokio::pin!(fut);
            let mut last = None;
            loop {
                if let Some(p) = queue.position(&mid) {
                    if p.0 > 0 && last != Some(p) {
                        last = Some(p);
                        self.live.emit(ReplyEvent::Queued { position: p.0, of: p.1 });
                    }
                }
                tokio::select! {
                    r = &mut fut => break r,
                    _ = changes.changed() => {}
                    _ = stop.cancelled() => ticket_cancel.cancel(),
                }
            }
        };
        let Some(running) = turn else {
            self.end_without_tokens(FinishReason::Cancelled, None).await;
            return;
        };
        self.live.emit(ReplyEvent::Started { message_id: mid.clone(), model: self.model_ref.clone() });
        let (history, memories) = {
            // Only the newest messages can go in (the reply's own row among them): a long
            // thread is not read whole for every reply. The sender's memories go too.
            let (tid, keep) = (self.live.thread_id.clone(), i64::from(self.ws.model.history_messages) + 1);
            let user = self.live.user.clone();
            let read = self.engine.db().run(move |c| -> Result<_> {
                let history = threads::messages_page(c, &tid, None, keep).map(|p| p.0);
                let memories = crate::store::memories::list(c, &user);
                Ok((history, memories))
            });
            match read.await {
                Ok((h, m)) => {
                    let (h, m) = (
                        h.map_err(|e| tracing::error!(error = %e, "cannot read the history")),
                        m.map_err(|e| tracing::error!(error = %e, "cannot read the memories")),
                    );
                    (h.unwrap_or_default(), m.unwrap_or_default())
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot read the history and memories");
                    (Vec::new(), Vec::new())
                }
            }
        };
        let history: Vec<_> = history.into_iter().filter(|m| m.id != mid).collect();
        // The passages of the workspace's documents that best answer the question.
        let question = history.iter().rev().find(|m| m.role == "user").map(|m| m.content.clone()).unwrap_or_default();
        let hits = self.engine.passages_for(self.ws.id.to_string(), question).await;
        if !hits.is_empty() {
            let sources = super::documents::sources_of(&hits);
            let (id, saved) = (mid.clone(), sources.clone());
            let wrote =
                self.engine.db().write(move |tx| threads::set_sources(tx, &id, &saved).map_err(Error::from)).await;
            if let Err(e) = wrote {
                tracing::error!(error = %e, "cannot save a reply's sources");
            }
            self.live.emit(ReplyEvent::Sources { items: sources });
        }
        let blocks: Vec<String> = [
            Some(self.ws.system_prompt.trim_end().to_string()).filter(|s| !s.trim().is_empty()),
            crate::domain::memories::prompt_block(&memories),
            super::documents::prompt_block(&hits),
        ]
        .into_iter()
        .flatten()
        .collect();
        let system = blocks.join("\n\n");
        let request = ChatRequest {
            model: self.model.clone(),
            messages: prompt(&system, history, self.ws.model.history_messages as usize),
            temperature: self.ws.model.temperature,
            max_tokens: self.ws.model.max_tokens,
            context_window: self.ws.model.context_window,
        };
        let stream = match self.backend.stream(request, cancel.clone()).await {
            Ok(s) => s,
            Err(e) => {
                self.end_without_tokens(FinishReason::Stop, Some(e)).await;
                drop(running);
                return;
            }
        };
        self.pump(stream).await;
        drop(running);
    }

    /// Streams the model's deltas into the row and the live reply.
    async fn pump(&self, mut stream: super::backend::DeltaStream) {
        use futures_util::StreamExt;
        let mid = self.live.message_id.clone();
        let pending = &self.engine.ai().pending;
        let mut wrote = false;
        let outcome = loop {
            match stream.next().await {
                Some(Ok(Delta::Text(t))) => {
                    wrote = true;
                    pending.push(&mid, &t);
                    self.live.emit(ReplyEvent::Token { text: t });
                }
                Some(Ok(Delta::Done { finish, prompt_tokens, completion_tokens })) => {
                    break Ok((finish, TokenUsage { prompt_tokens, completion_tokens }))
                }
                Some(Err(e)) => break Err(e),
                None => break Ok((FinishReason::Stop, TokenUsage::default())),
            }
        };
        self.engine.write_pending(Some(&mid)).await;
        match outcome {
            Ok((finish, usage)) => {
                let status = if finish == FinishReason::Cancelled { "stopped" } else { "done" };
                let reason = serde_json::to_value(finish).ok().and_then(|v| v.as_str().map(str::to_string));
                self.finish(status, reason.as_deref(), None, Some(usage)).await;
                self.end(ReplyEvent::Done {
                    message_id: mid,
                    finish_reason: finish,
                    usage,
                    remaining_today: self.remaining,
                });
            }
            Err(e) if !wrote => self.end_without_tokens(FinishReason::Stop, Some(e)).await,
            Err(e) => {
                let (code, message) = model_error(&e);
                self.finish("failed", None, Some(&message), None).await;
                self.end(ReplyEvent::Error { code: code.into(), message });
            }
        }
    }

    async fn finish(&self, status: &'static str, reason: Option<&str>, error: Option<&str>, usage: Option<TokenUsage>) {
        let (mid, reason, error) =
            (self.live.message_id.clone(), reason.map(str::to_string), error.map(str::to_string));
        let r = self
            .engine
            .db()
            .write(move |tx| {
                let ending = Ending {
                    status,
                    finish_reason: reason.as_deref(),
                    error: error.as_deref(),
                    prompt_tokens: usage.map(|u| u.prompt_tokens as i64),
                    completion_tokens: usage.map(|u| u.completion_tokens as i64),
                };
                threads::finish(tx, &mid, &ending).map_err(Error::from)
            })
            .await;
        if let Err(e) = r {
            tracing::error!(error = %e, "cannot save the end of a reply");
        }
    }

    /// Ends a reply that never got a token (stopped in the queue, or the model failed before
    /// its first token): the message is given back to the daily count.
    async fn end_without_tokens(&self, finish: FinishReason, error: Option<ModelError>) {
        let (mid, user, now) = (self.live.message_id.clone(), self.live.user.clone(), self.engine.now());
        let (day, _) = utc_day(now);
        let refund = self
            .engine
            .db()
            .write(move |tx| -> Result<()> {
                if usage::reserved(tx, &mid)? {
                    usage::append(tx, &user, &day, -1, &mid, now)?;
                }
                Ok(())
            })
            .await;
        if let Err(e) = refund {
            tracing::error!(error = %e, "cannot give a message back");
        }
        let remaining = self.remaining.map(|r| r + 1);
        match error {
            None => {
                self.finish("stopped", Some("cancelled"), None, None).await;
                let usage = TokenUsage::default();
                self.end(ReplyEvent::Done {
                    message_id: self.live.message_id.clone(),
                    finish_reason: finish,
                    usage,
                    remaining_today: remaining,
                });
            }
            Some(e) => {
                let (code, message) = model_error(&e);
                self.finish("failed", None, Some(&message), None).await;
                self.end(ReplyEvent::Error { code: code.into(), message });
            }
        }
    }

    fn end(&self, ev: ReplyEvent) {
        self.live.emit(ev);
        if let Ok(mut l) = self.engine.ai().live.lock() {
            if l.get(&self.live.thread_id).is_some_and(|r| Arc::ptr_eq(r, &self.live)) {
                l.remove(&self.live.thread_id);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn live() -> Arc<LiveReply> {
        Arc::new(LiveReply {
            message_id: "m".into(),
            thread_id: "t".into(),
            user: UserId("u".into()),
            cancel: CancellationToken::new(),
            state: Mutex::default(),
            tx: broadcast::channel(STREAM_BUFFER).0,
        })
    }

    async fn read_all(mut s: ReplyStream) -> (Vec<&'static str>, String) {
        let (mut names, mut text) = (Vec::new(), String::new());
        while let Some(ev) = s.next().await {
            names.push(ev.name());
            if let ReplyEvent::Token { text: t } = ev {
                text.push_str(&t);
            }
        }
        (names, text)
    }

    /// A reader far behind (more events than the ring holds) catches up from the text and
    /// misses nothing; a reader that comes late gets the same.
    #[tokio::test]
    async fn a_slow_reader_misses_nothing() {
        let live = live();
        let early = ReplyStream::new(&live);
        live.emit(ReplyEvent::Started { message_id: "m".into(), model: "x/y".into() });
        let mut want = String::new();
        for i in 0..(STREAM_BUFFER * 3) {
            let t = format!("{i} ");
            want.push_str(&t);
            live.emit(ReplyEvent::Token { text: t });
        }
        let late = ReplyStream::new(&live);
        live.emit(ReplyEvent::Done {
            message_id: "m".into(),
            finish_reason: FinishReason::Stop,
            usage: TokenUsage::default(),
            remaining_today: None,
        });
        for s in [early, late] {
            let (names, text) = read_all(s).await;
            assert_eq!(text, want);
            assert_eq!(names.first(), Some(&"started"));
            assert_eq!(names.iter().filter(|n| **n == "started").count(), 1);
            assert_eq!(names.last(), Some(&"done"));
        }
    }

    #[test]
    fn utc_days_and_midnights() {
        assert_eq!(utc_day(0), ("1970-01-01".to_string(), 86_400));
        assert_eq!(utc_day(1_767_225_599), ("2025-12-31".to_string(), 1_767_225_600));
        assert_eq!(utc_day(1_767_225_600), ("2026-01-01".to_string(), 1_767_312_000));
    }
}
