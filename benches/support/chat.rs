//! The chat issue's figures, against the real release binary in its own process
//! (`BENCH_ONLY=streams,memory cargo bench --bench http`; results in bench-results/chat.json):
//!
//! - streams: BENCH_STREAMS (500) replies streamed at once from a stub OpenAI-compatible
//!   provider in this process, each BENCH_STREAM_TOKENS (50) tokens BENCH_TOKEN_GAP_MS (20) ms
//!   apart. Every token carries the time the stub sent it, so each client measures its delay.
//!   The same load read straight from the stub is the baseline: what Hearth adds is the
//!   difference. Also: lost tokens (expected minus received), and resident memory per open
//!   stream (Hearth's RSS with every stream open, minus idle, over the streams).
//! - memory: Hearth's resident memory idle, then with the starter model loaded (one reply
//!   written by it), from `models/` (scripts/fetch-model.sh).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::response::sse::{Event, Sse};
use axum::routing::{get, post};
use axum::Json;
use futures_util::StreamExt;
use serde_json::{json, Value};

use super::{env_num, ms, pct, spawn_with};

type Report = serde_json::Map<String, Value>;

fn now_us() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_micros() as u64).unwrap_or(0)
}

/// Resident memory of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// CPU time (user + system) a process has used.
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<u64> = rest.split_whitespace().filter_map(|x| x.parse().ok()).collect();
    // utime and stime are fields 14 and 15 of the line; 11 and 12 of `f` (state is not a number).
    let ticks = f.get(10).copied().unwrap_or(0) + f.get(11).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

/// A stub provider streaming `tokens` tokens `gap` apart; each token is `seq@sent_us `.
pub async fn stub(tokens: u64, gap: Duration) -> String {
    // Streams start spread over one gap, as people's messages do, not all on the same tick.
    let started = Arc::new(AtomicUsize::new(0));
    let app = axum::Router::new()
        .route("/v1/models", get(|| async { Json(json!({"object": "list", "data": [{"id": "stub"}]})) }))
        .route(
            "/v1/chat/completions",
            post(move |Json(_req): Json<Value>| async move {
                let k = started.fetch_add(1, Ordering::SeqCst) as u32;
                let phase = gap * (k % 64) / 64;
                let stream = futures_util::stream::unfold(0u64, move |i| async move {
                    if i == 0 {
                        tokio::time::sleep(phase).await;
                    } else if i <= tokens {
                        tokio::time::sleep(gap).await;
                    }
                    let data = if i < tokens {
                        json!({"choices": [{"delta": {"content": format!("{i}@{} ", now_us())}, "finish_reason": null}]})
                            .to_string()
                    } else if i == tokens {
                        json!({"choices": [{"delta": {}, "finish_reason": "stop"}]}).to_string()
                    } else if i == tokens + 1 {
                        "[DONE]".to_string()
                    } else {
                        return None;
                    };
                    Some((Ok::<_, std::convert::Infallible>(Event::default().data(data)), i + 1))
                });
                Sse::new(stream)
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind stub");
    let addr = listener.local_addr().expect("addr");
    let listener = axum::serve::ListenerExt::tap_io(listener, |s: &mut tokio::net::TcpStream| {
        let _ = s.set_nodelay(true);
    });
    tokio::spawn(async move { axum::serve(listener, app).await.expect("stub") });
    format!("http://{addr}/v1")
}

/// Reads one streamed body; returns the delay of each `seq@sent_us` token, the delays of
/// those that came once every stream was open (the steady state, without the start-up's
/// admissions competing for the CPU), and how many distinct tokens came. `opened` counts
/// streams that got their first token, out of `n`.
async fn read_tokens(resp: reqwest::Response, opened: &AtomicUsize, n: usize) -> (Vec<Duration>, Vec<Duration>, usize) {
    let mut body = resp.bytes_stream();
    let (mut pending, mut delays, mut steady, mut seen) =
        (String::new(), Vec::new(), Vec::new(), std::collections::HashSet::new());
    while let Some(Ok(chunk)) = body.next().await {
        let at = now_us();
        pending.push_str(&String::from_utf8_lossy(&chunk));
        // Whole lines only: a token may be split across reads.
        let Some(cut) = pending.rfind('\n') else { continue };
        let lines: String = pending.drain(..=cut).collect();
        for word in lines.split([' ', '"', '\n']) {
            if let Some((seq, sent)) = word.split_once('@') {
                if let (Ok(seq), Ok(sent)) = (seq.parse::<u64>(), sent.parse::<u64>()) {
                    if seen.is_empty() {
                        opened.fetch_add(1, Ordering::SeqCst);
                    }
                    if seen.insert(seq) {
                        let d = Duration::from_micros(at.saturating_sub(sent));
                        delays.push(d);
                        if opened.load(Ordering::SeqCst) >= n {
                            steady.push(d);
                        }
                    }
                }
            }
        }
    }
    (delays, steady, seen.len())
}

struct Load {
    delays: Vec<Duration>,
    steady: Vec<Duration>,
    received: usize,
    rss_open_kib: u64,
}

/// Runs `n` streams made by `start`, sampling `pid`'s memory once all are open.
async fn load<F, Fut>(n: usize, pid: Option<u32>, start: F) -> Load
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = reqwest::Response> + Send + 'static,
{
    let opened = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for i in 0..n {
        let fut = start(i);
        let opened = opened.clone();
        tasks.push(tokio::spawn(async move { read_tokens(fut.await, &opened, n).await }));
    }
    let mut rss_open_kib = 0;
    let waited = std::time::Instant::now();
    while opened.load(Ordering::SeqCst) < n && waited.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    if let Some(pid) = pid {
        rss_open_kib = rss_kib(pid);
    }
    let (mut delays, mut steady, mut received) = (Vec::new(), Vec::new(), 0);
    for t in tasks {
        let (d, s, r) = t.await.expect("stream task");
        delays.extend(d);
        steady.extend(s);
        received += r;
    }
    delays.sort();
    steady.sort();
    Load { delays, steady, received, rss_open_kib }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().pool_max_idle_per_host(0).build().expect("client")
}

pub async fn api(c: &reqwest::Client, base: &str, method: reqwest::Method, path: &str, body: Value) -> Value {
    let r = c
        .request(method, format!("{base}{path}"))
        .header("x-hearth-csrf", "1")
        .json(&body)
        .send()
        .await
        .expect("request");
    let status = r.status();
    let v: Value = r.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{path}: {status} {v}");
    v
}

pub async fn streams(report: &mut Report) {
    let n = env_num("BENCH_STREAMS", 500) as usize;
    let tokens = env_num("BENCH_STREAM_TOKENS", 50);
    let gap = Duration::from_millis(env_num("BENCH_TOKEN_GAP_MS", 20));
    let stub_url = stub(tokens, gap).await;
    let c = client();

    // Baseline: the same streams read straight from the stub.
    let direct = {
        let (c, url) = (c.clone(), stub_url.clone());
        load(n, None, move |_| {
            let (c, url) = (c.clone(), url.clone());
            async move {
                c.post(format!("{url}/chat/completions"))
                    .json(&json!({"model": "stub", "messages": [], "stream": true}))
                    .send()
                    .await
                    .expect("stub")
            }
        })
        .await
    };

    // Through Hearth: single-user on loopback (no lock), the provider allowed n at once.
    let tmp = tempfile::tempdir().expect("tempdir");
    let h = spawn_with(&tmp.path().join("streams"), &[]);
    let base = format!("http://{}/api/v1", h.addr);
    api(&c, &base, reqwest::Method::PATCH, "/settings", json!({"queuePerUser": 1000, "queueTotal": 10000})).await;
    let p = api(
        &c,
        &base,
        reqwest::Method::POST,
        "/providers",
        json!({"name": "stub", "baseUrl": stub_url, "concurrency": 1000}),
    )
    .await;
    let ws = api(&c, &base, reqwest::Method::POST, "/workspaces", json!({"name": "Bench"})).await;
    let slug = ws["slug"].as_str().expect("slug").to_string();
    let model = format!("{}/stub", p["id"].as_str().expect("id"));
    api(&c, &base, reqwest::Method::PATCH, &format!("/workspaces/{slug}"), json!({"model": model, "maxTokens": 4096}))
        .await;
    let mut threads = Vec::new();
    for _ in 0..n {
        let t = api(&c, &base, reqwest::Method::POST, &format!("/workspaces/{slug}/threads"), json!({})).await;
        threads.push(t["id"].as_str().expect("thread").to_string());
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let pid = h.child.id();
    let idle = rss_kib(pid);
    let cpu_before = cpu_time(pid);
    let through = {
        let (c, base, threads) = (c.clone(), base.clone(), Arc::new(threads));
        load(n, Some(pid), move |i| {
            let (c, base, t) = (c.clone(), base.clone(), threads[i].clone());
            async move {
                c.post(format!("{base}/threads/{t}/messages"))
                    .header("x-hearth-csrf", "1")
                    .json(&json!({"content": "stream please"}))
                    .send()
                    .await
                    .expect("send")
            }
        })
        .await
    };
    let cpu = cpu_time(pid).saturating_sub(cpu_before);
    let expected = n * tokens as usize;
    let cpu_us_per_token = cpu.as_secs_f64() * 1e6 / through.received.max(1) as f64;
    let per_stream_kib = through.rss_open_kib.saturating_sub(idle) as f64 / n as f64;
    let (d50, d99) = (ms(pct(&direct.delays, 0.5)), ms(pct(&direct.delays, 0.99)));
    let (h50, h99) = (ms(pct(&through.delays, 0.5)), ms(pct(&through.delays, 0.99)));
    let (ds99, hs50, hs99) =
        (ms(pct(&direct.steady, 0.99)), ms(pct(&through.steady, 0.5)), ms(pct(&through.steady, 0.99)));
    println!(
        "{n} streams x {tokens} tokens ({} ms apart): lost {} of {expected}; token delay straight from the stub p50 {d50:.2} ms p99 {d99:.2} ms, through Hearth p50 {h50:.2} ms p99 {h99:.2} ms (added p99 {:.2} ms); with every stream open: straight p99 {ds99:.2} ms, through Hearth p50 {hs50:.2} ms p99 {hs99:.2} ms (added p99 {:.2} ms); memory idle {} MiB, {} streams open {} MiB ({per_stream_kib:.0} KiB per stream); Hearth's CPU {:.1} s, {cpu_us_per_token:.0} µs per token",
        gap.as_millis(),
        expected - through.received,
        h99 - d99,
        hs99 - ds99,
        idle / 1024,
        n,
        through.rss_open_kib / 1024,
        cpu.as_secs_f64(),
    );
    for (k, v) in [
        ("streams", n as f64),
        ("streams_lost_tokens", (expected - through.received) as f64),
        ("streams_direct_p99_ms", d99),
        ("streams_hearth_p50_ms", h50),
        ("streams_hearth_p99_ms", h99),
        ("streams_added_p99_ms", h99 - d99),
        ("streams_steady_hearth_p99_ms", hs99),
        ("streams_steady_added_p99_ms", hs99 - ds99),
        ("streams_rss_idle_mib", idle as f64 / 1024.0),
        ("streams_rss_open_mib", through.rss_open_kib as f64 / 1024.0),
        ("streams_kib_per_stream", per_stream_kib),
        ("streams_cpu_us_per_token", cpu_us_per_token),
    ] {
        report.insert(k.into(), v.into());
    }
}

pub async fn memory(report: &mut Report) {
    let models = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    assert!(
        models.join("SmolLM2-135M-Instruct-Q4_1.gguf").is_file(),
        "the starter model is missing: run scripts/fetch-model.sh"
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let h = spawn_with(&tmp.path().join("memory"), &[("HEARTH_MODELS_DIR", models.as_os_str())]);
    let base = format!("http://{}/api/v1", h.addr);
    let c = client();
    let ws = api(&c, &base, reqwest::Method::POST, "/workspaces", json!({"name": "Bench"})).await;
    let slug = ws["slug"].as_str().expect("slug").to_string();
    let t = api(&c, &base, reqwest::Method::POST, &format!("/workspaces/{slug}/threads"), json!({})).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let pid = h.child.id();
    let idle = rss_kib(pid);
    let r = c
        .post(format!("{base}/threads/{}/messages", t["id"].as_str().expect("thread")))
        .header("x-hearth-csrf", "1")
        .json(&json!({"content": "Write a short poem about the sea."}))
        .send()
        .await
        .expect("send");
    let body = r.text().await.expect("reply");
    assert!(body.contains("event: done") || body.contains("event:done"), "{body}");
    let loaded = rss_kib(pid);
    println!(
        "resident memory of hearth serve: idle {:.1} MiB; with the starter model loaded (after one reply) {:.1} MiB",
        idle as f64 / 1024.0,
        loaded as f64 / 1024.0
    );
    report.insert("rss_idle_mib".into(), (idle as f64 / 1024.0).into());
    report.insert("rss_model_loaded_mib".into(), (loaded as f64 / 1024.0).into());
}
