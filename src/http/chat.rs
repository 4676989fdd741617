//! Chat over HTTP (API.md "The reply stream", "Models and usage", "The queue"): messages and
//! their reply streams (server-sent events), stop, models, providers, usage and the queue.
//! A stream ends with its reply; the engine's shutdown ends the reply (its token is a child
//! of the supervisor's), so the stream's last event is `done` with `cancelled`.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::Json;
use futures_util::Stream;
use serde::Deserialize;

use super::error::ApiResult;
use super::extract::{Admin, ApiJson, ApiPath, Authed};
use crate::ai::chat::{ModelView, ReplyStream, UsageView};
use crate::ai::providers::{NewProvider, ProviderPatch, ProviderTest};
use crate::ai::queue::ItemView;
use crate::domain::workspaces::Page;
use crate::store::providers::Provider;
use crate::Engine;

/// How often an idle stream says it is alive (proxies close silent connections).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

fn sse(stream: ReplyStream) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let events = futures_util::stream::unfold(stream, |mut s| async move {
        let ev = s.next().await?;
        Some((Ok(Event::default().event(ev.name()).data(ev.data_json())), s))
    });
    Sse::new(events).keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageBody {
    content: String,
}

/// Sends a message; the answer is the reply's event stream.
pub async fn send(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(id): ApiPath<String>,
    ApiJson(b): ApiJson<MessageBody>,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    Ok(sse(engine.send_message(&p, id, b.content).await?))
}

/// Writes the last reply again; the answer is the new reply's event stream.
pub async fn regenerate(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    Ok(sse(engine.regenerate(&p, id).await?))
}

/// Re-attaches to the reply being written (a reload, a second tab).
pub async fn stream(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    Ok(sse(engine.attach(&p, id).await?))
}

pub async fn stop(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    engine.stop_reply(&p, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn models(State(engine): State<Engine>, Authed(p): Authed) -> ApiResult<Json<Page<ModelView>>> {
    Ok(Json(Page::all(engine.models(&p).await?)))
}

/// The search embedders this install has (what a workspace's `embedder` may be).
pub async fn embedders(
    State(engine): State<Engine>,
    Authed(_p): Authed,
) -> ApiResult<Json<Page<crate::ai::retrieval::EmbedderView>>> {
    Ok(Json(Page::all(engine.embedders())))
}

pub async fn my_usage(State(engine): State<Engine>, Authed(p): Authed) -> ApiResult<Json<UsageView>> {
    Ok(Json(engine.my_usage(&p).await?))
}

pub async fn providers(State(engine): State<Engine>, Admin(p): Admin) -> ApiResult<Json<Page<Provider>>> {
    Ok(Json(Page::all(engine.providers(&p).await?)))
}

pub async fn add_provider(
    State(engine): State<Engine>,
    Admin(p): Admin,
    ApiJson(b): ApiJson<NewProvider>,
) -> ApiResult<(StatusCode, Json<Provider>)> {
    Ok((StatusCode::CREATED, Json(engine.add_provider(&p, b).await?)))
}

pub async fn update_provider(
    State(engine): State<Engine>,
    Admin(p): Admin,
    ApiPath(id): ApiPath<String>,
    ApiJson(b): ApiJson<ProviderPatch>,
) -> ApiResult<Json<Provider>> {
    Ok(Json(engine.update_provider(&p, id, b).await?))
}

pub async fn remove_provider(
    State(engine): State<Engine>,
    Admin(p): Admin,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    engine.remove_provider(&p, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn test_provider(
    State(engine): State<Engine>,
    Admin(p): Admin,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<ProviderTest>> {
    Ok(Json(engine.test_provider(&p, id).await?))
}

/// The queue as the caller may see it, and whether it is paused.
#[derive(serde::Serialize)]
pub struct QueueList {
    items: Vec<ItemView>,
    next: Option<i64>,
    paused: bool,
}

pub async fn queue(State(engine): State<Engine>, Authed(p): Authed) -> Json<QueueList> {
    Json(QueueList { items: engine.queue_view(&p), next: None, paused: engine.queue_paused() })
}

pub async fn cancel_queue_item(
    State(engine): State<Engine>,
    Authed(p): Authed,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    engine.cancel_queue_item(&p, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn pause_queue(State(engine): State<Engine>, Admin(p): Admin) -> ApiResult<StatusCode> {
    engine.pause_queue(&p, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn resume_queue(State(engine): State<Engine>, Admin(p): Admin) -> ApiResult<StatusCode> {
    engine.pause_queue(&p, false).await?;
    Ok(StatusCode::NO_CONTENT)
}
