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
    let app = axum::Router::new()
        .route("/v1/models", get(|| async { Json(json!({"object": "list", "data": [{"id": "fast"}, {"id": "slow"}]})) }))
        .route(
            "/v1/chat/completions",
            post(move |Json(req): Json<Value>| {
                let closed = c2.clone();
                async move {
                    let model = req["model"].as_str().unwrap_or("").to_string();
                    if model == "fail-first" {
                        return Err((axum::http::StatusCode::INTERNAL_SERVER_ERROR, Json(json!({"error": {"message": "overloaded"}}))));
                    }
                    let (words, delay, fail) = match model.as_str() {
                        "slow" => (300, 100, false),
                        "fail-mid" => (2, 0, true),
                        _ => (5, 0, false),
                    };
                    let guard = CountClose(closed);
                    let stream = futures_util::stream::unfold((0usize, guard), move |(i, guard)| async move {
                        if delay > 0 {
                            tokio::time::sleep(Duration::from_millis(delay)).await;
                        }
                        let data = if i < words {
                            json!({"choices": [{"delta": {"content": format!("w{i} ")}, "finish_reason": null}]}).to_string()
                        } else if i == words && fail {
                            json!({"error": {"message": "the model fell over"}}).to_string()
                        } else if i == words {
                            json!({"choices": [{"delta": {}, "finish_reason": "stop"}], "usage": null}).to_string()
                        } else if i == words + 1 && !fail {
                            json!({"choices": [], "usage": {"prompt_tokens": 7, "completion_tokens": words}}).to_string()
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
    Stub { base: format!("http://{addr}/v1"), closed }
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
    let (s, p) = call(&f.srv, "POST", "/api/v1/providers", Some(&host), Some(json!({"name": "stub", "baseUrl": stub.base, "apiKey": "sk-test-secret"}))).await;
    assert_eq!(s, 201, "{p}");
    assert_eq!(p["hasKey"], true);
    assert!(!p.to_string().contains("sk-test-secret"), "the key never comes back");
    let provider = p["id"].as_str().unwrap().to_string();
    set_model(&f.srv, &host, &format!("{provider}/{model}")).await;
    Chat { f, host, dan, provider, stub }
}

async fn set_model(srv: &TestServer, host: &str, model: &str) {
    let (s, w) = call(srv, "PATCH", "/api/v1/workspaces/team", Some(host), Some(json!({"model": model, "temperature": 0}))).await;
    assert_eq!(s, 200, "{w}");
    assert_eq!(w["model"], model);
}

/// Sends `content` in `thread` as `cookie`; returns the status and the events.
async fn send(srv: &TestServer, cookie: &str, thread: &str, content: &str) -> (u16, Vec<(String, Value)>, Value) {
    let r = reqwest::Client::new()
        .post(srv.url(&format!("/api/v1/threads/{thread}/messages")))
        .header("x-hearth-csrf", "1")
        .header("cookie", cookie)
        .json(&json!({"content": content}))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let is_sse = r.headers().get("content-type").is_some_and(|v| v.to_str().unwrap().starts_with("text/event-stream"));
    let text = r.text().await.unwrap();
    if is_sse {
        (status, events(&text), Value::Null)
    } else {
        (status, Vec::new(), serde_json::from_str(&text).unwrap_or(Value::Null))
    }
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
    let r = reqwest::Client::new()
        .post(srv.url(&format!("/api/v1/threads/{thread}/messages")))
        .header("x-hearth-csrf", "1")
        .header("cookie", cookie)
        .json(&json!({"content": content}))
        .send()
        .await
        .unwrap();
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
    let in_db: i64 = sql(srv, |c| c.query_row("SELECT count(*) FROM providers WHERE base_url LIKE '%sk-test%'", [], |r| r.get(0))).await;
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
    assert!(first[1].1["text"].as_str().unwrap().starts_with("w0 w1 w2 "), "the catch-up has the text so far: {first:?}");
    // Others cannot attach to it or stop it.
    assert_eq!(call(srv, "GET", &format!("/api/v1/threads/{thread}/stream"), Some(&c.f.mia_session), None).await.0, 404);
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
    let (s, _) = call(srv, "PATCH", &format!("/api/v1/providers/{}", c.provider), Some(&c.host), Some(json!({"baseUrl": "http://127.0.0.1:9/v1"}))).await;
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
    assert_eq!((u["usedToday"].as_i64(), u["remainingToday"].as_i64(), u["resetsAt"].as_i64()), (Some(5), Some(0), Some(1_767_225_600)));
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
    let n: i64 = sql(srv, |c| c.query_row("SELECT count(*) FROM events WHERE kind = 'queue_item_cancelled'", [], |r| r.get(0))).await;
    assert_eq!(n, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suspending_a_user_stops_their_replies() {
    let c = chat("slow").await;
    let srv = &c.f.srv;
    let thread = new_thread(srv, &c.dan).await;
    let body = send_and_read_until(srv, &c.dan, &thread, "a long one", "w1 ").await;
    let (s, _) = call(srv, "PATCH", &format!("/api/v1/users/{}", c.f.dan), Some(&c.host), Some(json!({"suspended": true}))).await;
    assert_eq!(s, 200);
    assert_eq!(events(&rest_of(Box::pin(body)).await).pop().unwrap().1["finishReason"], "cancelled");
    let (_, all) = call(srv, "GET", "/api/v1/queue", Some(&c.host), None).await;
    assert_eq!(all["items"], json!([]), "nothing of theirs is left in the queue");
}
