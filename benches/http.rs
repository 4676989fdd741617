//! `cargo bench --bench http`: the figures of the foundation issue, measured against the real
//! release binary in its own process.
//!
//! 1. Start-up: time from spawning `hearth serve` (fresh data directory, and again on an
//!    existing one) to the first 200 from `/api/v1/health`.
//! 2. Throughput and latency: an authenticated `GET /api/v1/workspaces` (a real session
//!    cookie, looked up in SQLite on every request) from 64 keep-alive connections for a
//!    fixed time; requests per second, p50, p99, max.
//!
//! 3. The multi-user figures: the mode switch at 1k and 1M messages (in-process, the
//!    argon2 hash of the new admin password reported apart); login p50 at the OWASP argon2
//!    parameters; authenticated `GET` p99 while 50 concurrent bad-password logins (each
//!    from its own loopback address with a new username, so throttling does not stop them
//!    and every one costs a full argon2 verification) hammer the server.
//!
//! 4. The chat figures (streams, memory): see `support/chat.rs`.
//! 5. The knowledge figures (ingest, search, ttft): see `support/knowledge.rs`.
//!
//! BENCH_ONLY=startup,load,switch,login,hammer,streams,memory,ingest,search,ttft picks sections (all by default).
//!
//! The load generator is a minimal HTTP/1.1 client on one tokio worker so that it takes as
//! little as possible from the server on a two-core machine. Settings by environment:
//! BENCH_SECS (10), BENCH_CONNS (64), BENCH_STARTS (10). Results also go to
//! bench-results/http.json.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

struct Hearth {
    child: Child,
    addr: String,
}

impl Drop for Hearth {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[path = "support/chat.rs"]
mod chat;
#[path = "support/knowledge.rs"]
mod knowledge;

fn spawn(data: &std::path::Path) -> Hearth {
    spawn_with(data, &[])
}

fn spawn_with(data: &std::path::Path, env: &[(&str, &std::ffi::OsStr)]) -> Hearth {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(["serve", "--port", "0", "--data-dir"])
        .arg(data)
        .env("HEARTH_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn hearth");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("first line");
    let addr = line.trim().trim_start_matches("Hearth is listening on http://").trim_end_matches('/').to_string();
    Hearth { child, addr }
}

/// One HTTP/1.1 exchange on an open connection; returns (status, headers, body).
async fn exchange(s: &mut TcpStream, req: &[u8], buf: &mut Vec<u8>) -> (u16, String, Vec<u8>) {
    s.write_all(req).await.expect("write");
    buf.clear();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        let n = s.read(&mut chunk).await.expect("read");
        assert!(n > 0, "server closed the connection");
        buf.extend_from_slice(&chunk[..n]);
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let len: usize = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
        .unwrap_or(0);
    while buf.len() < head_end + len {
        let n = s.read(&mut chunk).await.expect("read body");
        assert!(n > 0, "server closed mid-body");
        buf.extend_from_slice(&chunk[..n]);
    }
    (status, head, buf[head_end..head_end + len].to_vec())
}

fn request(method: &str, addr: &str, path: &str, cookie: Option<&str>, body: Option<&str>) -> Vec<u8> {
    let mut r = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nX-Hearth-CSRF: 1\r\n");
    if let Some(c) = cookie {
        r.push_str(&format!("Cookie: {c}\r\n"));
    }
    let body = body.unwrap_or("");
    if !body.is_empty() || method != "GET" {
        r.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()));
    }
    r.push_str("\r\n");
    r.push_str(body);
    r.into_bytes()
}

async fn time_to_healthy(data: &std::path::Path) -> Duration {
    let t0 = Instant::now();
    let h = spawn(data);
    let mut s = TcpStream::connect(&h.addr).await.expect("connect");
    let mut buf = Vec::new();
    let (status, _, _) = exchange(&mut s, &request("GET", &h.addr, "/api/v1/health", None, None), &mut buf).await;
    assert_eq!(status, 200);
    t0.elapsed()
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would pass nothing: run only
    // when asked to benchmark.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(run());
}

fn wanted(section: &str) -> bool {
    std::env::var("BENCH_ONLY").map(|v| v.split(',').any(|s| s == section)).unwrap_or(true)
}

async fn run() {
    let mut report = serde_json::Map::new();
    if wanted("startup") || wanted("load") {
        foundation(&mut report).await;
    }
    if wanted("switch") {
        switch(&mut report).await;
    }
    if wanted("login") || wanted("hammer") {
        multi_user_load(&mut report).await;
    }
    let _ = std::fs::create_dir_all("bench-results");
    if !report.is_empty() {
        let _ = std::fs::write("bench-results/http.json", serde_json::to_string_pretty(&report).unwrap_or_default());
    }
    let mut chat_report = serde_json::Map::new();
    if wanted("streams") {
        chat::streams(&mut chat_report).await;
    }
    if wanted("memory") {
        chat::memory(&mut chat_report).await;
    }
    let mut knowledge_report = serde_json::Map::new();
    if wanted("ingest") {
        knowledge::ingest(&mut knowledge_report).await;
    }
    if wanted("search") {
        knowledge::search(&mut knowledge_report).await;
    }
    if wanted("ttft") {
        knowledge::ttft(&mut knowledge_report).await;
    }
    if !knowledge_report.is_empty() {
        let _ = std::fs::write(
            "bench-results/knowledge.json",
            serde_json::to_string_pretty(&knowledge_report).unwrap_or_default(),
        );
    }
    if !chat_report.is_empty() {
        let _ =
            std::fs::write("bench-results/chat.json", serde_json::to_string_pretty(&chat_report).unwrap_or_default());
    }
}

async fn foundation(report: &mut serde_json::Map<String, serde_json::Value>) {
    let secs = env_num("BENCH_SECS", 10);
    let conns = env_num("BENCH_CONNS", 64) as usize;
    let starts = env_num("BENCH_STARTS", 10) as usize;
    let tmp = tempfile::tempdir().expect("tempdir");

    // 1. Start-up.
    let mut fresh = Vec::new();
    let mut warm = Vec::new();
    for i in 0..starts {
        let d = tmp.path().join(format!("start{i}"));
        fresh.push(time_to_healthy(&d).await);
        warm.push(time_to_healthy(&d).await);
    }
    fresh.sort();
    warm.sort();
    println!(
        "start-up to healthy: fresh data dir median {:.1} ms (max {:.1}); existing data dir median {:.1} ms (max {:.1})",
        ms(pct(&fresh, 0.5)),
        ms(pct(&fresh, 1.0)),
        ms(pct(&warm, 0.5)),
        ms(pct(&warm, 1.0))
    );

    // 2. Load. A lock password makes every request carry and check a real session.
    let h = spawn(&tmp.path().join("load"));
    let mut s = TcpStream::connect(&h.addr).await.expect("connect");
    let mut buf = Vec::new();
    for i in 0..10 {
        let body = format!("{{\"name\":\"Workspace {i}\"}}");
        let (st, _, _) =
            exchange(&mut s, &request("POST", &h.addr, "/api/v1/workspaces", None, Some(&body)), &mut buf).await;
        assert_eq!(st, 201);
    }
    let (st, head, _) = exchange(
        &mut s,
        &request("PUT", &h.addr, "/api/v1/me/lock", None, Some("{\"newPassword\":\"benchmark lock phrase\"}")),
        &mut buf,
    )
    .await;
    assert_eq!(st, 200);
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("session cookie")
        .to_string();
    let path = std::env::var("BENCH_PATH").unwrap_or_else(|_| "/api/v1/workspaces".into());
    let req = request("GET", &h.addr, &path, Some(&cookie), None);
    // Locked without the cookie: the benchmark really measures authenticated requests.
    let (st, _, _) = exchange(&mut s, &request("GET", &h.addr, "/api/v1/workspaces", None, None), &mut buf).await;
    assert_eq!(st, 401);

    let warmup = Duration::from_secs(2);
    let run_for = Duration::from_secs(secs);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..conns {
        let addr = h.addr.clone();
        let req = req.clone();
        tasks.push(tokio::spawn(async move {
            let mut s = TcpStream::connect(&addr).await.expect("connect");
            s.set_nodelay(true).ok();
            let mut buf = Vec::with_capacity(8192);
            let mut lat = Vec::with_capacity(200_000);
            let mut errors = 0u64;
            loop {
                let t = Instant::now();
                if t.duration_since(start) >= warmup + run_for {
                    break;
                }
                let (st, _, body) = exchange(&mut s, &req, &mut buf).await;
                if st != 200 || body.is_empty() {
                    errors += 1;
                }
                if t.duration_since(start) >= warmup {
                    lat.push(t.elapsed());
                }
            }
            (lat, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.expect("task");
        all.extend(l);
        errors += e;
    }
    all.sort();
    let rps = all.len() as f64 / run_for.as_secs_f64();
    println!(
        "GET /api/v1/workspaces (session cookie, 10 workspaces), {conns} connections, {secs} s: {rps:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, errors {errors}",
        ms(pct(&all, 0.5)),
        ms(pct(&all, 0.99)),
        ms(pct(&all, 1.0))
    );
    for (k, v) in [
        ("startup_fresh_ms_median", ms(pct(&fresh, 0.5))),
        ("startup_existing_ms_median", ms(pct(&warm, 0.5))),
        ("workspaces_rps", rps),
        ("workspaces_p50_ms", ms(pct(&all, 0.5))),
        ("workspaces_p99_ms", ms(pct(&all, 0.99))),
        ("workspaces_errors", errors as f64),
    ] {
        report.insert(k.into(), v.into());
    }
}

/// A data directory in multi-user mode: admin `owner`, user `bench` in workspace "team".
async fn multi_user_dir(dir: &std::path::Path) {
    use hearth::domain::passwords::Secret;
    let engine = hearth::Engine::open(&hearth::config::EngineConfig::new(dir)).expect("open");
    let me = engine.host_principal("bench").await.expect("owner");
    let req = hearth::domain::mode::ToMulti {
        admin: Some(hearth::domain::mode::AdminCredentials {
            username: "owner".into(),
            password: Secret::new("bench owner phrase".into()),
        }),
        current_password: None,
        from_host_terminal: true,
    };
    engine.switch_to_multi(&me, req).await.expect("switch");
    let new = hearth::domain::accounts::NewUser {
        username: "bench".into(),
        password: Secret::new("bench user phrase".into()),
        role: hearth::domain::policy::Role::Default,
        display_name: None,
        daily_message_limit: None,
    };
    let user = engine.create_user(&me, new).await.expect("user");
    engine
        .db()
        .run_blocking(move |c| -> Result<(), hearth::store::StoreError> {
            c.execute("INSERT INTO workspaces (id, slug, name, owner_id, created_at, updated_at) SELECT 'w1', 'team', 'Team', id, 0, 0 FROM users WHERE is_owner = 1", [])?;
            c.execute("INSERT INTO workspace_members (workspace_id, user_id, added_at) VALUES ('w1', ?1, 0)", [user.id.as_str()])?;
            Ok(())
        })
        .expect("workspace");
}

async fn switch(report: &mut serde_json::Map<String, serde_json::Value>) {
    use hearth::domain::passwords::Secret;
    let tmp = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let _ = hearth::domain::passwords::hash_blocking("a fresh admin phrase");
    let hash_ms = ms(t.elapsed());
    println!("argon2id hash (m=19456 KiB, t=2, p=1): {hash_ms:.1} ms");
    report.insert("argon2_hash_ms".into(), hash_ms.into());
    for n in [1_000u64, 1_000_000] {
        let engine =
            hearth::Engine::open(&hearth::config::EngineConfig::new(tmp.path().join(format!("s{n}")))).expect("open");
        engine
            .db()
            .run_blocking(move |c| -> Result<(), hearth::store::StoreError> {
                let tx = c.unchecked_transaction()?;
                tx.execute("INSERT INTO workspaces (id, slug, name, owner_id, created_at, updated_at) SELECT 'w', 'w', 'W', id, 0, 0 FROM users WHERE is_owner = 1", [])?;
                tx.execute("INSERT INTO threads (id, workspace_id, user_id, title, created_at, updated_at) SELECT 't', 'w', id, 't', 0, 0 FROM users WHERE is_owner = 1", [])?;
                tx.execute(
                    "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?1) \
                     INSERT INTO messages (id, thread_id, role, content, created_at) SELECT 'm' || i, 't', 'user', 'message number ' || i, i FROM seq",
                    [n as i64],
                )?;
                tx.commit()?;
                Ok(())
            })
            .expect("fill");
        let me = engine.host_principal("bench").await.expect("owner");
        let req = hearth::domain::mode::ToMulti {
            admin: Some(hearth::domain::mode::AdminCredentials {
                username: "owner".into(),
                password: Secret::new("a fresh admin phrase".into()),
            }),
            current_password: None,
            from_host_terminal: true,
        };
        let t = Instant::now();
        engine.switch_to_multi(&me, req).await.expect("switch");
        let total = ms(t.elapsed());
        // The total includes hashing the new admin password (one argon2id, printed above);
        // the rest is one UPDATE of the owner row and one setting, whatever the data.
        println!("switch to multi-user with {n} messages: {total:.1} ms (password hash included)");
        report.insert(format!("switch_{n}_ms"), total.into());
    }
}

async fn multi_user_load(report: &mut serde_json::Map<String, serde_json::Value>) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("multi");
    multi_user_dir(&dir).await;
    let h = spawn(&dir);
    let mut buf = Vec::new();

    // Login p50: a real user, sequential, fresh connection each (as a browser would).
    let mut lat = Vec::new();
    let body = "{\"username\":\"bench\",\"password\":\"bench user phrase\"}";
    let mut cookie = String::new();
    for _ in 0..30 {
        let mut s = TcpStream::connect(&h.addr).await.expect("connect");
        let t = Instant::now();
        let (st, head, _) =
            exchange(&mut s, &request("POST", &h.addr, "/api/v1/auth/login", None, Some(body)), &mut buf).await;
        lat.push(t.elapsed());
        assert_eq!(st, 200);
        cookie = head
            .lines()
            .find_map(|l| l.strip_prefix("set-cookie: "))
            .and_then(|c| c.split(';').next())
            .unwrap_or("")
            .to_string();
    }
    lat.sort();
    println!(
        "login (argon2id verify at OWASP parameters): p50 {:.1} ms, p90 {:.1} ms",
        ms(pct(&lat, 0.5)),
        ms(pct(&lat, 0.9))
    );
    report.insert("login_p50_ms".into(), ms(pct(&lat, 0.5)).into());
    if !wanted("hammer") {
        return;
    }

    // Authenticated GETs while 50 concurrent bad-password logins hammer the server.
    let secs = env_num("BENCH_SECS", 10);
    let stop = Instant::now() + Duration::from_secs(secs + 1);
    let port: u16 = h.addr.rsplit(':').next().and_then(|p| p.parse().ok()).expect("port");
    let mut hammers = Vec::new();
    for worker in 0..50u32 {
        hammers.push(tokio::spawn(async move {
            let mut attempts = 0u64;
            let mut statuses = std::collections::BTreeMap::new();
            let mut i = 0u32;
            while Instant::now() < stop {
                // Each attempt from its own loopback address (127.1.x.y) with a new username,
                // so per-address and per-account throttling never stop the hashing.
                i += 1;
                let n = worker * 100_000 + i;
                let src = std::net::Ipv4Addr::new(127, 1 + (n >> 16) as u8 % 200, (n >> 8) as u8, n as u8);
                let sock = tokio::net::TcpSocket::new_v4().expect("socket");
                if sock.bind(std::net::SocketAddr::new(src.into(), 0)).is_err() {
                    continue;
                }
                let Ok(mut s) = sock.connect(std::net::SocketAddr::from(([127, 0, 0, 1], port))).await else {
                    continue;
                };
                let mut buf = Vec::new();
                let body = format!("{{\"username\":\"ghost{n}\",\"password\":\"wrong password {n}\"}}");
                let host = format!("127.0.0.1:{port}");
                let (st, _, _) =
                    exchange(&mut s, &request("POST", &host, "/api/v1/auth/login", None, Some(&body)), &mut buf).await;
                *statuses.entry(st).or_insert(0u64) += 1;
                attempts += 1;
            }
            (attempts, statuses)
        }));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let req = request("GET", &h.addr, "/api/v1/workspaces", Some(&cookie), None);
    let mut readers = Vec::new();
    for _ in 0..4 {
        let (addr, req) = (h.addr.clone(), req.clone());
        readers.push(tokio::spawn(async move {
            let mut s = TcpStream::connect(&addr).await.expect("connect");
            let mut buf = Vec::new();
            let mut lat = Vec::new();
            while Instant::now() < stop {
                let t = Instant::now();
                let (st, _, _) = exchange(&mut s, &req, &mut buf).await;
                assert_eq!(st, 200);
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    let mut all = Vec::new();
    for r in readers {
        all.extend(r.await.expect("reader"));
    }
    let mut attempts = 0;
    let mut statuses = std::collections::BTreeMap::new();
    for hm in hammers {
        let (a, st) = hm.await.expect("hammer");
        attempts += a;
        for (k, v) in st {
            *statuses.entry(k).or_insert(0u64) += v;
        }
    }
    all.sort();
    println!(
        "GET /api/v1/workspaces under 50 concurrent bad-password logins ({attempts} attempts, statuses {statuses:?}): {} requests, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        all.len(),
        ms(pct(&all, 0.5)),
        ms(pct(&all, 0.99)),
        ms(pct(&all, 1.0))
    );
    report.insert("hammer_get_p99_ms".into(), ms(pct(&all, 0.99)).into());
    report.insert("hammer_login_attempts".into(), attempts.into());
}
