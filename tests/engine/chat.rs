//! Chat against a stub OpenAI-compatible server that the tests start (the one test double:
//! the model provider is outside the machine). It streams, stalls, fails mid-stream or at
//! once, and counts the connections that were closed on it.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::response::sse::{Event, Sse};
use axum::routing::{get, post};
use axum::Json;
use serde_json::{json, Value};

use crate::common::*;
use crate::fixture::*;

/// The stub provider. Its behaviour is chosen by the model name: `fast` (five words),
/// `slow` (a word every 100 ms, 300 words), `fail-mid` (two words, then an error object),
/// `fail-first` (HTTP 500).
struct Stub {
    base: String,
    closed: Arc<AtomicUsize>,
    /// The body of the last chat request.
    last: Arc<std::sync::Mutex<Value>>,
}

struct CountClose(Arc<AtomicUsize>);
impl Drop for CountClose {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

async fn stub() -> Stub {
    let closed = Arc::new(AtomicUsize::new(0));
    let c2 = closed.clone();
    let last = Arc::new(std::sync::Mutex::new(Value::Null));
    let l2 = last.clone();
    let app = axum::Router::new()
        .route(
            "/v1/models",
            get(|| async {
                Json(json!({"object": "list", "data": [{"id": "fast"}, {"id": "slow"}, {"id": "small", "context_length": 300}]}))
            }),
        )
        .route(
            "/v1/chat/completions",
            post(move |Json(req): Json<Value>| {
                let closed = c2.clone();
                *l2.lock().unwrap() = req.clone();
                async move {
                    let model = req["model"].as_str().unwrap_or("").to_string();
                    if model == "fail-first" {
                        return Err((
                            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                            Json(json!({"error": {"message": "overloaded"}})),
                        ));
                    }
                    let (words, delay, fail) = match model.as_str() {
                        "slow" => (300, 100, false),
                        "fail-mid" => (2, 0, true),
                        _ => (5, 0, false),
                    };
                    // `small` (a 300-token window) says how many messages it was given.
                    let (small, given) = (model == "small", req["messages"].as_array().map_or(0, Vec::len));
                    let guard = CountClose(closed);
                    let stream = futures_util::stream::unfold((0usize, guard), move |(i, guard)| async move {
                        if delay > 0 {
                            tokio::time::sleep(Duration::from_millis(delay)).await;
                        }
                        let text = if small { format!("{given} messages ") } else { format!("w{i} ") };
                        let data = if i < words {
                            json!({"choices": [{"delta": {"content": text}, "finish_reason": null}]}).to_string()
                        } else if i == words && fail {
                            json!({"error": {"message": "the model fell over"}}).to_string()
                        } else if i == words {
                            json!({"choices": [{"delta": {}, "finish_reason": "stop"}], "usage": null}).to_string()
                        } else if i == words + 1 && !fail {
                            json!({"choices": [], "usage": {"prompt_tokens": 7, "completion_tokens": words}})
                                .to_string()
                        } else if i == words + 2 && !fail {
                            "[DONE]".to_string()
                        } else {
                            return None;
                        };
                        Some((Ok::<_, std::convert::Infallible>(Event::default().data(data)), (i + 1, guard)))
                    });
                    Ok(Sse::new(stream))
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Stub { base: format!("http://{addr}/v1"), closed, last }
}

/// Parses a text/event-stream body into (event, data) pairs.
fn events(body: &str) -> Vec<(String, Value)> {
    body.split("\n\n")
        .filter_map(|block| {
            let mut name = None;
            let mut data = String::new();
            for line in block.lines() {
                if let Some(n) = line.strip_prefix("event:") {
                    name = Some(n.trim().to_string());
                } else if let Some(d) = line.strip_prefix("data:") {
                    data.push_str(d.trim_start());
                }
            }
            Some((name?, serde_json::from_str(&data).unwrap_or(Value::Null)))
        })
        .collect()
}

struct Chat {
    f: Multi,
    host: String,
    dan: String,
    provider: String,
    stub: Stub,
}

/// A multi-user install whose "team" workspace answers with the stub's `model`.
async fn chat(model: &str) -> Chat {
    chat_with(model, |_| {}).await
}

async fn chat_with(model: &str, tweak: impl FnOnce(&mut hearth::config::EngineConfig)) -> Chat {
    let f = multi_with(tweak).await;
    let stub = stub().await;
    let host = session_for(&f.srv, &f.owner, true).await;
    let dan = session_for(&f.srv, &f.dan, false).await;
    let (s, p) = call(
        &f.srv,
        "POST",
        "/api/v1/providers",
        Some(&host),
        Some(json!({"name": "stub", "baseUrl": stub.base, "apiKey": "sk-test-secret"})),
    )
    .await;
    assert_eq!(s, 201, "{p}");
    assert_eq!(p["hasKey"], true);
    assert!(!p.to_string().contains("sk-test-secret"), "the key never comes back");
    let provider = p["id"].as_str().unwrap().to_string();
    set_model(&f.srv, &host, &format!("{provider}/{model}")).await;
    Chat { f, host, dan, provider, stub }
}

async fn set_model(srv: &TestServer, host: &str, model: &str) {
    let (s, w) =
        call(srv, "PATCH", "/api/v1/workspaces/team", Some(host), Some(json!({"model": model, "temperature": 0})))
            .await;
    assert_eq!(s, 200, "{w}");
    assert_eq!(w["model"], model);
}

/// POSTs `content` to `thread`'s messages as `cookie`.
async fn post_message(srv: &TestServer, cookie: &str, thread: &str, content: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(srv.url(&format!("/api/v1/threads/{thread}/messages")))
        .header("x-hearth-csrf", "1")
        .header("cookie", cookie)
        .json(&json!({"content": content}))
        .send()
        .await
        .unwrap()
}

/// A reply's answer: the status, the events of a stream, or the JSON of a refusal.
async fn reply_parts(r: reqwest::Response) -> (u16, Vec<(String, Value)>, Value) {
    let status = r.status().as_u16();
    let is_sse = r.headers().get("content-type").is_some_and(|v| v.to_str().unwrap().starts_with("text/event-stream"));
    let text = r.text().await.unwrap();
    if is_sse {
        (status, events(&text), Value::Null)
    } else {
        (status, Vec::new(), serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

/// Sends `content` in `thread` as `cookie`; returns the status and the events.
async fn send(srv: &TestServer, cookie: &str, thread: &str, content: &str) -> (u16, Vec<(String, Value)>, Value) {
    reply_parts(post_message(srv, cookie, thread, content).await).await
}

/// Sends `content` and reads the reply's stream until `until` has been written; returns the
/// rest of the stream.
async fn send_and_read_until(
    srv: &TestServer,
    cookie: &str,
    thread: &str,
    content: &str,
    until: &str,
) -> impl futures_util::Stream<Item = reqwest::Result<axum::body::Bytes>> {
    let r = post_message(srv, cookie, thread, content).await;
    let mut body = Box::pin(r.bytes_stream());
    let mut seen = String::new();
    while !seen.contains(until) {
        seen.push_str(&String::from_utf8_lossy(&futures_util::StreamExt::next(&mut body).await.unwrap().unwrap()));
    }
    body
}

/// The rest of a stream, as text.
async fn rest_of(mut body: impl futures_util::Stream<Item = reqwest::Result<axum::body::Bytes>> + Unpin) -> String {
    let mut rest = String::new();
    while let Some(Ok(chunk)) = futures_util::StreamExt::next(&mut body).await {
        rest.push_str(&String::from_utf8_lossy(&chunk));
    }
    rest
}

async fn new_thread(srv: &TestServer, cookie: &str) -> String {
    let (s, t) = call(srv, "POST", "/api/v1/workspaces/team/threads", Some(cookie), Some(json!({}))).await;
    assert_eq!(s, 201);
    t["id"].as_str().unwrap().to_string()
}

async fn used_today(srv: &TestServer, cookie: &str) -> i64 {
    call(srv, "GET", "/api/v1/me/usage", Some(cookie), None).await.1["usedToday"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_streams_is_saved_and_counted() {
    let c = chat("fast").await;
    let srv = &c.f.srv;
    let (s, models) = call(srv, "GET", "/api/v1/models", Some(&c.dan), None).await;
    assert_eq!(s, 200);
    assert!(models["items"].as_array().unwrap().iter().any(|m| m["id"] == format!("{}/fast", c.provider)), "{models}");
    let thread = new_thread(srv, &c.dan).await;
    let (s, ev, _) = send(srv, &c.dan, &thread, "Tell me something").await;
    assert_eq!(s, 200);
    let names: Vec<&str> = ev.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.first(), Some(&"started"), "{names:?}");
    assert_eq!(names.last(), Some(&"done"), "{names:?}");
    let text: String = ev.iter().filter(|(n, _)| n == "token").map(|(_, d)| d["text"].as_str().unwrap()).collect();
    assert_eq!(text, "w0 w1 w2 w3 w4 ");
    let done = &ev.last().unwrap().1;
    assert_eq!(done["finishReason"], "stop");
    assert_eq!(done["usage"], json!({"promptTokens": 7, "completionTokens": 5}));
    // Saved: the question and the whole answer, the thread titled from the first message.
    let (_, msgs) = call(srv, "GET", &format!("/api/v1/threads/{thread}/messages"), Some(&c.dan), None).await;
    let items = msgs["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!((items[0]["role"].as_str(), items[0]["content"].as_str()), (Some("user"), Some("Tell me something")));
    assert_eq!((items[1]["content"].as_str(), items[1]["status"].as_str()), (Some("w0 w1 w2 w3 w4 "), Some("done")));
    let (_, t) = call(srv, "GET", &format!("/api/v1/threads/{thread}"), Some(&c.dan), None).await;
    assert_eq!(t["title"], "Tell me something");
    assert_eq!(used_today(srv, &c.dan).await, 1);
    // Deleting the thread gives nothing back.
    assert_eq!(call(srv, "DELETE", &format!("/api/v1/threads/{thread}"), Some(&c.dan), None).await.0, 204);
    assert_eq!(used_today(srv, &c.dan).await, 1);
    // Someone else's thread is a 404, whatever the message.
    let (s, _, _) = send(srv, &c.f.mia_session, &new_thread(srv, &c.dan).await, "hi").await;
    assert_eq!(s, 404);
    // The provider's key is in the secrets store, not in the database.
    let in_db: i64 =
        sql(srv, |c| c.query_row("SELECT count(*) FROM providers WHERE base_url LIKE '%sk-test%'", [], |r| r.get(0)))
            .await;
    assert_eq!(in_db, 0);
    let _ = c.host;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_reaches_the_provider_and_a_reload_reattaches() {
    let c = chat("slow").await;
    let srv = &c.f.srv;
    let thread = new_thread(srv, &c.dan).await;
    // The first tab sends and reads a few events, then goes away (a reload).
    drop(send_and_read_until(srv, &c.dan, &thread, "count slowly", "w2 ").await);
    // The second tab re-attaches: what was written so far, then the rest as it comes.
    let r = reqwest::Client::new()
        .get(srv.url(&format!("/api/v1/threads/{thread}/stream")))
        .header("cookie", &c.dan)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let mut body = r.bytes_stream();
    let mut again = String::new();
    while !again.contains("w4 ") {
        let chunk = futures_util::StreamExt::next(&mut body).await.unwrap().unwrap();
        again.push_str(&String::from_utf8_lossy(&chunk));
    }
    let first = events(&again);
    assert_eq!(first[0].0, "started");
    assert!(
        first[1].1["text"].as_str().unwrap().starts_with("w0 w1 w2 "),
        "the catch-up has the text so far: {first:?}"
    );
    // Others cannot attach to it or stop it.
    assert_eq!(
        call(srv, "GET", &format!("/api/v1/threads/{thread}/stream"), Some(&c.f.mia_session), None).await.0,
        404
    );
    assert_eq!(call(srv, "POST", &format!("/api/v1/threads/{thread}/stop"), Some(&c.f.mia_session), None).await.0, 404);
    // Stop: the stream ends `done` / `cancelled`, and the provider's connection is closed.
    let closed_before = c.stub.closed.load(Ordering::SeqCst);
    assert_eq!(call(srv, "POST", &format!("/api/v1/threads/{thread}/stop"), Some(&c.dan), None).await.0, 204);
    let mut rest = String::new();
    while let Some(Ok(chunk)) = futures_util::StreamExt::next(&mut body).await {
        rest.push_str(&String::from_utf8_lossy(&chunk));
    }
    let last = events(&rest).pop().unwrap();
    assert_eq!((last.0.as_str(), last.1["finishReason"].as_str()), ("done", Some("cancelled")));
    let mut waited = 0;
    while c.stub.closed.load(Ordering::SeqCst) == closed_before && waited < 50 {
        sleep_secs(0.1).await;
        waited += 1;
    }
    assert!(c.stub.closed.load(Ordering::SeqCst) > closed_before, "the stop reached the provider");
    let (_, msgs) = call(srv, "GET", &format!("/api/v1/threads/{thread}/messages"), Some(&c.dan), None).await;
    let reply = &msgs["items"][1];
    assert_eq!(reply["status"], "stopped");
    assert!(reply["content"].as_str().unwrap().starts_with("w0 w1 w2 w3 w4 "), "the partial reply is kept: {reply}");
    assert!(reply["content"].as_str().unwrap().len() < 300 * 3, "it stopped early");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_are_clear_and_cost_nothing_before_the_first_token() {
    let c = chat("fail-first").await;
    let srv = &c.f.srv;
    let thread = new_thread(srv, &c.dan).await;
    let (s, ev, _) = send(srv, &c.dan, &thread, "hello?").await;
    assert_eq!(s, 200);
    let (name, data) = ev.last().unwrap();
    assert_eq!((name.as_str(), data["code"].as_str()), ("error", Some("model_unavailable")), "{ev:?}");
    assert!(data["message"].as_str().unwrap().contains("overloaded"), "{data}");
    assert_eq!(used_today(srv, &c.dan).await, 0, "a reply that never started is given back");
    // Mid-stream: the partial reply stays, the message counts.
    set_model(srv, &c.host, &format!("{}/fail-mid", c.provider)).await;
    let (_, ev, _) = send(srv, &c.dan, &thread, "and now?").await;
    let (name, data) = ev.last().unwrap();
    assert_eq!((name.as_str(), data["code"].as_str()), ("error", Some("model_failed")), "{ev:?}");
    let (_, msgs) = call(srv, "GET", &format!("/api/v1/threads/{thread}/messages"), Some(&c.dan), None).await;
    let last = msgs["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["status"].as_str(), last["content"].as_str()), (Some("failed"), Some("w0 w1 ")));
    assert_eq!(used_today(srv, &c.dan).await, 1);
    // A provider that is down: a clear error, no hang.
    let (s, _) = call(
        srv,
        "PATCH",
        &format!("/api/v1/providers/{}", c.provider),
        Some(&c.host),
        Some(json!({"baseUrl": "http://127.0.0.1:9/v1"})),
    )
    .await;
    assert_eq!(s, 200);
    let (s, test) = call(srv, "POST", &format!("/api/v1/providers/{}/test", c.provider), Some(&c.host), None).await;
    assert_eq!((s, test["ok"].as_bool()), (200, Some(false)));
    assert!(test["error"].as_str().unwrap().contains("cannot be reached"), "{test}");
    set_model(srv, &c.host, &format!("{}/fast", c.provider)).await;
    let (_, ev, _) = send(srv, &c.dan, &thread, "anyone?").await;
    assert_eq!(ev.last().unwrap().1["code"], "model_unavailable");
    // Bad input before the stream: 4xx JSON.
    let (s, _, e) = send(srv, &c.dan, &thread, "   ").await;
    assert_eq!((s, e["error"]["code"].as_str()), (422, Some("empty_message")));
    let (s, _, e) = send(srv, &c.dan, &thread, &"x".repeat(32_001)).await;
    assert_eq!((s, e["error"]["code"].as_str()), (422, Some("message_too_long")));
    let (s, w) = call(srv, "PATCH", "/api/v1/workspaces/team", Some(&c.host), Some(json!({"temperature": 9}))).await;
    assert_eq!((s, w["error"]["code"].as_str()), (422, Some("invalid_temperature")));
    let (s, w) = call(srv, "PATCH", "/api/v1/workspaces/team", Some(&c.host), Some(json!({"model": "nope/x"}))).await;
    assert_eq!((s, w["error"]["code"].as_str()), (422, Some("unknown_model")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_limit_is_exact_under_concurrency_and_resets_at_utc_midnight() {
    // 23:59:00 UTC on some day; the test moves the clock.
    let clock = Arc::new(AtomicI64::new(1_767_225_540));
    let c2 = clock.clone();
    let c = chat_with("fast", move |cfg| {
        cfg.clock = Some(hearth::config::Clock(Arc::new(move || c2.load(Ordering::SeqCst))));
        cfg.queue_caps = Some((100, 1000));
    })
    .await;
    let srv = &c.f.srv;
    let dan = c.f.dan.clone();
    sql(srv, move |c| c.execute("UPDATE users SET daily_message_limit = 5 WHERE id = ?1", [dan])).await;
    let mut threads = Vec::new();
    for _ in 0..20 {
        threads.push(new_thread(srv, &c.dan).await);
    }
    let sends = threads.iter().map(|t| {
        let cookie = c.dan.clone();
        async move { send(srv, &cookie, t, "go").await }
    });
    let results = futures_util::future::join_all(sends).await;
    let admitted = results.iter().filter(|(s, _, _)| *s == 200).count();
    let refused: Vec<_> = results.iter().filter(|(s, _, _)| *s == 429).collect();
    assert_eq!(admitted, 5, "exactly the limit is admitted");
    assert_eq!(refused.len(), 15);
    assert_eq!(refused[0].2["error"]["code"], "daily_limit_reached");
    assert!(refused[0].2["error"]["message"].as_str().unwrap().contains("00:00 UTC, in 0h 01m"), "{}", refused[0].2);
    let (_, u) = call(srv, "GET", "/api/v1/me/usage", Some(&c.dan), None).await;
    assert_eq!(
        (u["usedToday"].as_i64(), u["remainingToday"].as_i64(), u["resetsAt"].as_i64()),
        (Some(5), Some(0), Some(1_767_225_600))
    );
    // After midnight UTC the count starts again.
    clock.store(1_767_225_601, Ordering::SeqCst);
    let (s, ev, _) = send(srv, &c.dan, &threads[19], "a new day").await;
    assert_eq!(s, 200);
    assert_eq!(ev.last().unwrap().1["remainingToday"], 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_shows_others_items_without_their_content() {
    let c = chat("slow").await;
    let srv = &c.f.srv;
    let thread = new_thread(srv, &c.dan).await;
    let body = send_and_read_until(srv, &c.dan, &thread, "a private question", "started").await;
    let (_, mine) = call(srv, "GET", "/api/v1/queue", Some(&c.dan), None).await;
    let item = &mine["items"][0];
    assert_eq!((item["mine"].as_bool(), item["label"].as_str()), (Some(true), Some("a private question")));
    let (_, theirs) = call(srv, "GET", "/api/v1/queue", Some(&c.f.mia_session), None).await;
    let seen = &theirs["items"][0];
    assert_eq!(seen["mine"], false);
    assert!(seen.get("label").is_none() && seen.get("userId").is_none(), "{seen}");
    assert!(!theirs.to_string().contains("private question"));
    // Mia cannot cancel it; an admin can, and that is logged.
    let id = item["id"].as_str().unwrap().to_string();
    assert_eq!(call(srv, "DELETE", &format!("/api/v1/queue/{id}"), Some(&c.f.mia_session), None).await.0, 404);
    let (_, all) = call(srv, "GET", "/api/v1/queue", Some(&c.host), None).await;
    assert_eq!(all["items"][0]["label"], "a private question");
    assert_eq!(call(srv, "DELETE", &format!("/api/v1/queue/{id}"), Some(&c.host), None).await.0, 204);
    assert_eq!(events(&rest_of(Box::pin(body)).await).pop().unwrap().1["finishReason"], "cancelled");
    let n: i64 =
        sql(srv, |c| c.query_row("SELECT count(*) FROM events WHERE kind = 'queue_item_cancelled'", [], |r| r.get(0)))
            .await;
    assert_eq!(n, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suspending_a_user_stops_their_replies() {
    let c = chat("slow").await;
    let srv = &c.f.srv;
    let thread = new_thread(srv, &c.dan).await;
    let body = send_and_read_until(srv, &c.dan, &thread, "a long one", "w1 ").await;
    let (s, _) =
        call(srv, "PATCH", &format!("/api/v1/users/{}", c.f.dan), Some(&c.host), Some(json!({"suspended": true})))
            .await;
    assert_eq!(s, 200);
    assert_eq!(events(&rest_of(Box::pin(body)).await).pop().unwrap().1["finishReason"], "cancelled");
    let (_, all) = call(srv, "GET", "/api/v1/queue", Some(&c.host), None).await;
    assert_eq!(all["items"], json!([]), "nothing of theirs is left in the queue");
}

/// POSTs to a thread's regenerate route; returns the status, the events and the JSON error.
async fn regenerate(srv: &TestServer, cookie: &str, thread: &str) -> (u16, Vec<(String, Value)>, Value) {
    let r = reqwest::Client::new()
        .post(srv.url(&format!("/api/v1/threads/{thread}/regenerate")))
        .header("x-hearth-csrf", "1")
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    reply_parts(r).await
}

async fn history(srv: &TestServer, cookie: &str, thread: &str, query: &str) -> (u16, Value) {
    call(srv, "GET", &format!("/api/v1/threads/{thread}/messages{query}"), Some(cookie), None).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regenerate_replaces_the_last_reply_through_the_limit() {
    let c = chat("fast").await;
    let srv = &c.f.srv;
    let dan = c.f.dan.clone();
    sql(srv, move |c| c.execute("UPDATE users SET daily_message_limit = 2 WHERE id = ?1", [dan])).await;
    let thread = new_thread(srv, &c.dan).await;
    // Nothing to write again yet.
    let (s, _, e) = regenerate(srv, &c.dan, &thread).await;
    assert_eq!((s, e["error"]["code"].as_str()), (409, Some("nothing_to_regenerate")));
    let (_, first, _) = send(srv, &c.dan, &thread, "Tell me something").await;
    let first_id = first.last().unwrap().1["messageId"].as_str().unwrap().to_string();
    let (s, ev, _) = regenerate(srv, &c.dan, &thread).await;
    assert_eq!(s, 200);
    let done = &ev.last().unwrap().1;
    assert_eq!((ev.last().unwrap().0.as_str(), done["remainingToday"].as_i64()), ("done", Some(0)), "{ev:?}");
    let (_, msgs) = history(srv, &c.dan, &thread, "").await;
    let items = msgs["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "the old reply is replaced, not added to: {msgs}");
    assert_eq!(items[0]["content"], "Tell me something");
    assert_eq!((items[1]["id"].as_str(), items[1]["status"].as_str()), (done["messageId"].as_str(), Some("done")));
    assert_ne!(items[1]["id"].as_str(), Some(first_id.as_str()));
    assert_eq!(used_today(srv, &c.dan).await, 2, "writing again is a message to the model");
    // At the limit: refused, and the reply there stays.
    let (s, _, e) = regenerate(srv, &c.dan, &thread).await;
    assert_eq!((s, e["error"]["code"].as_str()), (429, Some("daily_limit_reached")));
    let (_, after) = history(srv, &c.dan, &thread, "").await;
    assert_eq!(after, msgs, "a refused regenerate changes nothing");
    // Someone else's thread: 404.
    assert_eq!(regenerate(srv, &c.f.mia_session, &thread).await.0, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regenerate_waits_for_the_reply_being_written() {
    let c = chat("slow").await;
    let srv = &c.f.srv;
    let thread = new_thread(srv, &c.dan).await;
    let body = send_and_read_until(srv, &c.dan, &thread, "count", "w1 ").await;
    let (s, _, e) = regenerate(srv, &c.dan, &thread).await;
    assert_eq!((s, e["error"]["code"].as_str()), (409, Some("reply_in_progress")));
    let (s, _, e) = send(srv, &c.dan, &thread, "and another").await;
    assert_eq!((s, e["error"]["code"].as_str()), (409, Some("reply_in_progress")));
    assert_eq!(call(srv, "POST", &format!("/api/v1/threads/{thread}/stop"), Some(&c.dan), None).await.0, 204);
    rest_of(Box::pin(body)).await;
    // A stopped reply may be written again.
    set_model(srv, &c.host, &format!("{}/fast", c.provider)).await;
    let (s, ev, _) = regenerate(srv, &c.dan, &thread).await;
    assert_eq!((s, ev.last().unwrap().1["finishReason"].as_str()), (200, Some("stop")), "{ev:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_is_paged_from_the_newest() {
    let c = chat("fast").await;
    let srv = &c.f.srv;
    let thread = new_thread(srv, &c.dan).await;
    for q in ["one", "two", "three"] {
        assert_eq!(send(srv, &c.dan, &thread, q).await.0, 200);
    }
    let (s, page) = history(srv, &c.dan, &thread, "?limit=4").await;
    assert_eq!(s, 200);
    let items = page["items"].as_array().unwrap();
    let contents: Vec<&str> = items.iter().map(|m| m["content"].as_str().unwrap()).collect();
    assert_eq!(contents, ["two", "w0 w1 w2 w3 w4 ", "three", "w0 w1 w2 w3 w4 "], "the newest four, oldest first");
    let next = page["next"].as_str().expect("older messages exist").to_string();
    assert_eq!(next, items[0]["id"].as_str().unwrap());
    let (_, older) = history(srv, &c.dan, &thread, &format!("?limit=4&cursor={next}")).await;
    let contents: Vec<&str> =
        older["items"].as_array().unwrap().iter().map(|m| m["content"].as_str().unwrap()).collect();
    assert_eq!(contents, ["one", "w0 w1 w2 w3 w4 "]);
    assert_eq!(older["next"], Value::Null, "the thread starts here");
    // A cursor from another thread, a bad limit, an unknown parameter: refused.
    let other = new_thread(srv, &c.dan).await;
    let (s, e) = history(srv, &c.dan, &other, &format!("?cursor={next}")).await;
    assert_eq!((s, e["error"]["code"].as_str()), (422, Some("invalid_cursor")));
    assert_eq!(history(srv, &c.dan, &thread, "?limit=501").await.0, 422);
    assert_eq!(history(srv, &c.dan, &thread, "?offset=2").await.0, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_and_managers_read_every_chat_and_everyones_usage() {
    let c = chat("fast").await;
    let srv = &c.f.srv;
    let dan_thread = new_thread(srv, &c.dan).await;
    assert_eq!(send(srv, &c.dan, &dan_thread, "=the secret plan").await.0, 200);
    let mia_thread = new_thread(srv, &c.f.mia_session).await;
    assert_eq!(send(srv, &c.f.mia_session, &mia_thread, "quarterly numbers").await.0, 200);
    // A manager reads everyone's, newest first, each reply with its prompt.
    let (s, all) = call(srv, "GET", "/api/v1/chats", Some(&c.f.mia_session), None).await;
    assert_eq!(s, 200, "{all}");
    let items = all["items"].as_array().unwrap();
    let prompts: Vec<&str> = items.iter().map(|i| i["prompt"].as_str().unwrap()).collect();
    assert_eq!(prompts, ["quarterly numbers", "=the secret plan"]);
    assert_eq!((items[1]["username"].as_str(), items[1]["workspaceSlug"].as_str()), (Some("dan"), Some("team")));
    assert_eq!(items[1]["response"], "w0 w1 w2 w3 w4 ");
    // Filters: by user (name or id), workspace, time.
    let (_, by_dan) = call(srv, "GET", "/api/v1/chats?user=dan", Some(&c.host), None).await;
    assert_eq!(by_dan["items"].as_array().unwrap().len(), 1);
    let (_, by_id) = call(srv, "GET", &format!("/api/v1/chats?user={}", c.f.dan), Some(&c.host), None).await;
    assert_eq!(by_id["items"], by_dan["items"]);
    let (_, elsewhere) = call(srv, "GET", "/api/v1/chats?workspace=private", Some(&c.host), None).await;
    assert_eq!(elsewhere["items"], json!([]));
    let (_, later) = call(srv, "GET", "/api/v1/chats?from=4102444800", Some(&c.host), None).await;
    assert_eq!(later["items"], json!([]));
    let (_, page) = call(srv, "GET", "/api/v1/chats?limit=1", Some(&c.host), None).await;
    assert_eq!((page["items"].as_array().unwrap().len(), page["next"].as_i64()), (1, Some(1)));
    // CSV, with formulas defused.
    let r =
        reqwest::Client::new().get(srv.url("/api/v1/chats?format=csv")).header("cookie", &c.host).send().await.unwrap();
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains("hearth-chats.csv"));
    let csv = r.text().await.unwrap();
    assert!(csv.contains("\"'=the secret plan\"") && csv.contains("quarterly numbers"), "{csv}");
    // A default user reads only their own threads.
    let (s, e) = call(srv, "GET", "/api/v1/chats", Some(&c.dan), None).await;
    assert_eq!((s, e["error"]["code"].as_str()), (403, Some("forbidden")));
    // Usage: per user, today by default.
    let (s, u) = call(srv, "GET", "/api/v1/usage", Some(&c.f.mia_session), None).await;
    assert_eq!(s, 200, "{u}");
    let row = |name: &str| u["items"].as_array().unwrap().iter().find(|i| i["username"] == name).cloned().unwrap();
    assert_eq!((row("dan")["usedToday"].as_i64(), row("dan")["messages"].as_i64()), (Some(1), Some(1)));
    assert_eq!(row("dan")["completionTokens"], 5);
    assert_eq!(row("ada")["messages"], 0);
    let (_, only) = call(srv, "GET", "/api/v1/usage?user=mia", Some(&c.host), None).await;
    assert_eq!(only["items"].as_array().unwrap().len(), 1);
    let (_, past) = call(srv, "GET", "/api/v1/usage?from=2020-01-01&to=2020-01-31&user=dan", Some(&c.host), None).await;
    assert_eq!((past["items"][0]["messages"].as_i64(), past["items"][0]["usedToday"].as_i64()), (Some(0), Some(1)));
    let r =
        reqwest::Client::new().get(srv.url("/api/v1/usage?format=csv")).header("cookie", &c.host).send().await.unwrap();
    let csv = r.text().await.unwrap();
    assert!(csv.lines().any(|l| l.starts_with(&format!("\"{}\",\"dan\",\"default\",,1,,1,", c.f.dan))), "{csv}");
    for bad in ["from=2026-01-02&to=2026-01-01", "from=2020-01-01&to=2026-01-01", "from=yesterday", "format=xml"] {
        let (s, _) = call(srv, "GET", &format!("/api/v1/usage?{bad}"), Some(&c.host), None).await;
        assert_eq!(s, 422, "{bad}");
    }
    assert_eq!(call(srv, "GET", "/api/v1/usage", Some(&c.dan), None).await.0, 403);
}

/// Fairness end to end: while one user has ten messages in the line, another user's one
/// message is the next to run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_users_ten_messages_do_not_hold_up_anothers_one() {
    let c = chat_with("slow", |cfg| cfg.queue_caps = Some((20, 100))).await;
    let srv = &c.f.srv;
    let mut streams = Vec::new();
    for i in 0..10 {
        let t = new_thread(srv, &c.dan).await;
        // The provider's line runs four at once; the rest wait.
        let until = if i < 4 { "started" } else { "queued" };
        streams.push((t.clone(), send_and_read_until(srv, &c.dan, &t, &format!("dan {i}"), until).await));
    }
    let mia_thread = new_thread(srv, &c.f.mia_session).await;
    let r = post_message(srv, &c.f.mia_session, &mia_thread, "mia's only one").await;
    let mut body = Box::pin(r.bytes_stream());
    let mut seen = String::new();
    while !seen.contains("event: queued") && !seen.contains("event:queued") {
        seen.push_str(&String::from_utf8_lossy(&futures_util::StreamExt::next(&mut body).await.unwrap().unwrap()));
    }
    let queued = events(&seen).into_iter().find(|(n, _)| n == "queued").unwrap().1;
    assert_eq!((queued["position"].as_i64(), queued["of"].as_i64()), (Some(1), Some(11)), "next in line: {queued}");
    // One of dan's running replies ends: mia's starts, not dan's fifth.
    let (first, _) = &streams[0];
    assert_eq!(call(srv, "POST", &format!("/api/v1/threads/{first}/stop"), Some(&c.dan), None).await.0, 204);
    while !seen.contains("started") {
        seen.push_str(&String::from_utf8_lossy(&futures_util::StreamExt::next(&mut body).await.unwrap().unwrap()));
    }
    let (_, q) = call(srv, "GET", "/api/v1/queue", Some(&c.host), None).await;
    let running: Vec<&str> = q["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["running"] == true)
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(running.contains(&"mia's only one"), "{running:?}");
    assert_eq!(running.len(), 4);
    for (t, _) in &streams {
        call(srv, "POST", &format!("/api/v1/threads/{t}/stop"), Some(&c.dan), None).await;
    }
    call(srv, "POST", &format!("/api/v1/threads/{mia_thread}/stop"), Some(&c.f.mia_session), None).await;
}

/// Messages refused after they were queued (the daily limit) leave the line: the line is
/// never jammed by places nobody holds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_messages_never_jam_the_line() {
    let c = chat("fast").await;
    let srv = &c.f.srv;
    let dan = c.f.dan.clone();
    sql(srv, move |c| c.execute("UPDATE users SET daily_message_limit = 0 WHERE id = ?1", [dan])).await;
    let thread = new_thread(srv, &c.dan).await;
    for _ in 0..6 {
        assert_eq!(send(srv, &c.dan, &thread, "over the limit").await.0, 429);
    }
    let (_, q) = call(srv, "GET", "/api/v1/queue", Some(&c.host), None).await;
    assert_eq!(q["items"], json!([]));
    let mia_thread = new_thread(srv, &c.f.mia_session).await;
    let sent = tokio::time::timeout(Duration::from_secs(20), send(srv, &c.f.mia_session, &mia_thread, "hello")).await;
    let (s, ev, _) = sent.expect("the line is free");
    assert_eq!((s, ev.last().unwrap().0.as_str()), (200, "done"));
}

/// Admins set the queue's caps and a provider's concurrency; both take effect at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queue_caps_and_a_providers_concurrency_are_settings() {
    let c = chat("slow").await;
    let srv = &c.f.srv;
    let (s, v) = call(srv, "PATCH", "/api/v1/settings", Some(&c.host), Some(json!({"queuePerUser": 2}))).await;
    assert_eq!((s, v["queuePerUser"].as_i64(), v["queueTotal"].as_i64()), (200, Some(2), Some(200)), "{v}");
    let (s, p) = call(
        srv,
        "PATCH",
        &format!("/api/v1/providers/{}", c.provider),
        Some(&c.host),
        Some(json!({"concurrency": 1})),
    )
    .await;
    assert_eq!((s, p["concurrency"].as_i64()), (200, Some(1)), "{p}");
    let (t1, t2, t3) = (new_thread(srv, &c.dan).await, new_thread(srv, &c.dan).await, new_thread(srv, &c.dan).await);
    let _a = send_and_read_until(srv, &c.dan, &t1, "first", "started").await;
    let _b = send_and_read_until(srv, &c.dan, &t2, "second", "queued").await;
    let (_, q) = call(srv, "GET", "/api/v1/queue", Some(&c.dan), None).await;
    let running = q["items"].as_array().unwrap().iter().filter(|i| i["running"] == true).count();
    assert_eq!(running, 1, "one at a time on this provider now: {q}");
    let (s, _, e) = send(srv, &c.dan, &t3, "third").await;
    assert_eq!((s, e["error"]["code"].as_str()), (429, Some("queue_full")));
    assert!(e["error"]["message"].as_str().unwrap().contains("You have 2 messages"), "{e}");
    // Out of range: refused, nothing changes.
    for bad in [json!({"queuePerUser": 0}), json!({"queueTotal": 10_001}), json!({"queuePerUser": 5, "queueTotal": 0})]
    {
        let (s, _) = call(srv, "PATCH", "/api/v1/settings", Some(&c.host), Some(bad.clone())).await;
        assert_eq!(s, 422, "{bad}");
    }
    let (_, v) = call(srv, "GET", "/api/v1/settings", Some(&c.host), None).await;
    assert_eq!(v["queuePerUser"], 2);
    let (s, _) = call(
        srv,
        "PATCH",
        &format!("/api/v1/providers/{}", c.provider),
        Some(&c.host),
        Some(json!({"concurrency": 0})),
    )
    .await;
    assert_eq!(s, 422);
    for t in [&t1, &t2] {
        call(srv, "POST", &format!("/api/v1/threads/{t}/stop"), Some(&c.dan), None).await;
    }
}

/// A provider that says its context window gets a history that fits it: the oldest turns
/// leave, and a message too long for the window on its own is a clear error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_providers_context_window_is_respected() {
    let c = chat("small").await;
    let srv = &c.f.srv;
    let (_, models) = call(srv, "GET", "/api/v1/models", Some(&c.dan), None).await;
    let small =
        models["items"].as_array().unwrap().iter().find(|m| m["id"] == format!("{}/small", c.provider)).cloned();
    assert_eq!(small.unwrap()["contextWindow"], 300);
    let thread = new_thread(srv, &c.dan).await;
    let mut given = Vec::new();
    for i in 0..3 {
        let (s, ev, _) = send(srv, &c.dan, &thread, &format!("{i} {}", "long words ".repeat(36))).await;
        assert_eq!(s, 200);
        let text: String = ev.iter().filter(|(n, _)| n == "token").map(|(_, d)| d["text"].as_str().unwrap()).collect();
        given.push(text.split(' ').next().unwrap().parse::<usize>().unwrap());
    }
    assert_eq!(given, [1, 1, 1], "each ~138-token message leaves room only for itself and the reply");
    let (s, ev, _) = send(srv, &c.dan, &thread, &"far too long ".repeat(80)).await;
    assert_eq!(s, 200);
    assert_eq!(ev.last().unwrap().1["code"], "context_overflow", "{ev:?}");
    assert_eq!(used_today(srv, &c.dan).await, 3, "a message the model never saw costs nothing");
    // A provider that does not say its window (`fast`): the workspace says it.
    let (s, w) = call(
        srv,
        "PATCH",
        "/api/v1/workspaces/team",
        Some(&c.host),
        Some(json!({"model": format!("{}/fast", c.provider), "contextWindow": 300})),
    )
    .await;
    assert_eq!((s, w["contextWindow"].as_i64()), (200, Some(300)), "{w}");
    assert_eq!(send(srv, &c.dan, &thread, &format!("3 {}", "long words ".repeat(36))).await.0, 200);
    assert_eq!(
        c.stub.last.lock().unwrap()["messages"].as_array().unwrap().len(),
        1,
        "trimmed to the workspace's window"
    );
    let (s, w) =
        call(srv, "PATCH", "/api/v1/workspaces/team", Some(&c.host), Some(json!({"contextWindow": null}))).await;
    assert_eq!((s, w["contextWindow"].is_null()), (200, true));
    assert_eq!(send(srv, &c.dan, &thread, "4 short").await.0, 200);
    assert!(
        c.stub.last.lock().unwrap()["messages"].as_array().unwrap().len() > 3,
        "the whole history without a window"
    );
    let (s, e) = call(srv, "PATCH", "/api/v1/workspaces/team", Some(&c.host), Some(json!({"contextWindow": 10}))).await;
    assert_eq!((s, e["error"]["code"].as_str()), (422, Some("invalid_context_window")));
}

/// An installed layout (`<prefix>/bin/hearth` and `<prefix>/lib/hearth/`, as
/// scripts/stage-libs.sh makes it and the .deb installs it) runs on nothing from the build:
/// llama.cpp's libraries, its CPU module and the starter model all come from `lib/hearth`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_installed_layout_finds_its_libraries_and_the_starter_model() {
    let prefix = tempfile::tempdir().unwrap();
    let (bin, lib) = (prefix.path().join("bin"), prefix.path().join("lib").join("hearth"));
    std::fs::create_dir_all(&bin).unwrap();
    let exe = std::path::PathBuf::from(env!("CARGO_BIN_EXE_hearth"));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let staged = std::process::Command::new("bash")
        .arg(root.join("scripts/stage-libs.sh"))
        .arg(exe.parent().unwrap())
        .arg(&lib)
        .output()
        .unwrap();
    assert!(staged.status.success(), "{}", String::from_utf8_lossy(&staged.stderr));
    std::fs::copy(&exe, bin.join("hearth")).unwrap();
    let data = tempfile::tempdir().unwrap();
    let child = Serve::start(&bin.join("hearth"), data.path(), Some(prefix.path())).await;
    let base = child.base.clone();
    let http = reqwest::Client::new();
    let get = |p: &str| http.get(format!("{base}/api/v1{p}")).send();
    let models: Value = get("/models").await.unwrap().json().await.unwrap();
    assert_eq!(models["items"][0]["id"], "embedded/SmolLM2-135M-Instruct-Q4_1.gguf", "{models}");
    let post = |p: &str, b: Value| http.post(format!("{base}/api/v1{p}")).header("x-hearth-csrf", "1").json(&b).send();
    let ws: Value = post("/workspaces", json!({"name": "Installed"})).await.unwrap().json().await.unwrap();
    let t: Value = post(&format!("/workspaces/{}/threads", ws["slug"].as_str().unwrap()), json!({}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reply = post(&format!("/threads/{}/messages", t["id"].as_str().unwrap()), json!({"content": "Say hello."}))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let ev = events(&reply);
    assert_eq!(ev.last().map(|(n, _)| n.as_str()), Some("done"), "{reply}");
    assert!(ev.iter().any(|(n, _)| n == "token"));
    // Every llama.cpp library in the process is the installed one.
    let maps = std::fs::read_to_string(format!("/proc/{}/maps", child.pid())).unwrap();
    let libs: std::collections::BTreeSet<&str> = maps
        .lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .filter(|p| p.contains("libllama") || p.contains("libggml"))
        .collect();
    assert!(libs.iter().any(|p| p.contains("libggml-cpu-")), "a CPU module is loaded: {libs:?}");
    let lib_dir = lib.canonicalize().unwrap();
    assert!(
        libs.iter().all(|p| p.starts_with(lib_dir.to_str().unwrap())),
        "{libs:?} not all from {}",
        lib_dir.display()
    );
}

/// A person's memories go to the model with every message they send (theirs only, within
/// the budget), after the workspace's system prompt.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memories_go_to_the_model_with_their_owners_messages() {
    let c = chat("fast").await;
    let srv = &c.f.srv;
    let (s, _) =
        call(srv, "PATCH", "/api/v1/workspaces/team", Some(&c.host), Some(json!({"systemPrompt": "Be kind."}))).await;
    assert_eq!(s, 200);
    call(srv, "POST", "/api/v1/me/memories", Some(&c.dan), Some(json!({"content": "My name is Dana."}))).await;
    call(srv, "POST", "/api/v1/me/memories", Some(&c.f.mia_session), Some(json!({"content": "Mia likes jazz."}))).await;
    let thread = new_thread(srv, &c.dan).await;
    assert_eq!(send(srv, &c.dan, &thread, "Who am I?").await.0, 200);
    let req = c.stub.last.lock().unwrap().clone();
    let system = &req["messages"][0];
    assert_eq!(system["role"], "system");
    let text = system["content"].as_str().unwrap();
    assert!(text.starts_with("Be kind.") && text.contains("- My name is Dana."), "{text}");
    assert!(!req.to_string().contains("jazz"), "someone else's memory went to the model");
    assert_eq!(req["messages"].as_array().unwrap().last().unwrap()["content"], "Who am I?");
}

/// A reply is given the workspace's passages that answer the question, and says so: the
/// `sources` event, the saved reply's sources, and the prompt the model got.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_are_given_the_passages_that_answer_and_name_their_sources() {
    let c =
        chat_with("fast", |cfg| cfg.model_dirs.push(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models")))
            .await;
    let srv = &c.f.srv;
    let doc =
        "# Office guide\n\nThe wifi password for guests is written on the kitchen whiteboard.\n\nLunch is at noon.";
    let (s, up) = crate::knowledge::upload(srv, &c.host, "team", vec![("office.md", doc.as_bytes().to_vec())]).await;
    assert_eq!(s, 201, "{up}");
    let docs = crate::knowledge::settled(srv, &c.host, "team").await;
    let id = docs[0]["id"].as_str().unwrap().to_string();
    let thread = new_thread(srv, &c.dan).await;
    let (s, ev, _) = send(srv, &c.dan, &thread, "Where is the guest wifi password?").await;
    assert_eq!(s, 200);
    let sources = ev.iter().find(|(n, _)| n == "sources").map(|(_, d)| d.clone()).expect("a sources event");
    assert_eq!(sources["items"][0]["documentId"], id.as_str());
    assert_eq!(sources["items"][0]["title"], "Office guide");
    let names: Vec<&str> = ev.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.iter().position(|n| *n == "sources") < names.iter().position(|n| *n == "token"), "{names:?}");
    let system = c.stub.last.lock().unwrap()["messages"][0]["content"].as_str().unwrap_or("").to_string();
    assert!(system.contains("kitchen whiteboard") && system.contains("Office guide"), "{system}");
    let (_, msgs) = call(srv, "GET", &format!("/api/v1/threads/{thread}/messages"), Some(&c.dan), None).await;
    assert_eq!(msgs["items"][1]["sources"][0]["documentId"], id.as_str());
    // A question the documents do not answer gets no sources.
    let (_, ev, _) = send(srv, &c.dan, &new_thread(srv, &c.dan).await, "zzz qqq").await;
    assert!(ev.iter().all(|(n, _)| n != "sources"));

    // Searched by meaning too: a question in other words finds the passage; one about
    // something else still gets none (the nearest vectors are not always near).
    let question = "How do I get on the wireless network as a visitor?";
    let (_, ev, _) = send(srv, &c.dan, &new_thread(srv, &c.dan).await, question).await;
    assert!(ev.iter().all(|(n, _)| n != "sources"), "keywords alone find nothing for {question:?}");
    let (s, _) =
        call(srv, "PATCH", "/api/v1/workspaces/team", Some(&c.host), Some(json!({"embedder": "all-minilm-l6-v2"})))
            .await;
    assert_eq!(s, 200);
    for _ in 0..300 {
        let (_, list) = call(srv, "GET", "/api/v1/workspaces/team/documents", Some(&c.host), None).await;
        if list["items"][0]["embeddedWith"] == "all-minilm-l6-v2" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (_, ev, _) = send(srv, &c.dan, &new_thread(srv, &c.dan).await, question).await;
    let sources = ev.iter().find(|(n, _)| n == "sources").map(|(_, d)| d.clone()).expect("sources by meaning");
    assert_eq!(sources["items"][0]["documentId"], id.as_str());
    let system = c.stub.last.lock().unwrap()["messages"][0]["content"].as_str().unwrap_or("").to_string();
    assert!(system.contains("kitchen whiteboard"), "{system}");
    for unrelated in ["zzz qqq", "Tell me a joke about penguins."] {
        let (_, ev, _) = send(srv, &c.dan, &new_thread(srv, &c.dan).await, unrelated).await;
        assert!(ev.iter().all(|(n, _)| n != "sources"), "sources for {unrelated:?}");
    }
}

/// A command-line engine opened on the data directory while a server streams a reply (as
/// `hearth user …` and `hearth host-link` do) leaves that reply alone: only a serving engine
/// marks an earlier run's half-written replies failed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_line_engine_leaves_the_servers_replies_alone() {
    let c = chat("slow").await;
    let srv = &c.f.srv;
    let thread = new_thread(srv, &c.dan).await;
    let body = send_and_read_until(srv, &c.dan, &thread, "count slowly", "w1 ").await;
    let cli = hearth::Engine::open(&hearth::config::EngineConfig::new(srv.dir.path().join("data"))).unwrap();
    let me = cli.host_principal("cli").await.unwrap();
    assert!(cli.find_user(&me, "dan").await.is_ok());
    drop(cli);
    let status: String = sql(srv, move |c| {
        c.query_row("SELECT status FROM messages WHERE thread_id = ?1 AND role = 'assistant'", [&thread], |r| r.get(0))
    })
    .await;
    assert_eq!(status, "streaming", "the reply in flight was marked {status}");
    // Stop it: the test need not wait 30 s.
    drop(body);
}
