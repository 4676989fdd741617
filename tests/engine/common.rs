//! Shared test helpers: a real engine serving on 127.0.0.1:0, HTTP clients with cookie
//! jars, and network namespaces that play "another machine on the LAN".

#![allow(dead_code)]

use std::net::SocketAddr;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use hearth::config::EngineConfig;
use hearth::{Engine, Server};
use reqwest::{Client, Response};
use serde_json::Value;

pub struct TestServer {
    pub engine: Engine,
    pub base: String,
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
    server: Option<Server>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(tweak: impl FnOnce(&mut EngineConfig)) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = EngineConfig::new(dir.path().join("data"));
        tweak(&mut cfg);
        let engine = Engine::open(&cfg).unwrap();
        let server = engine.serve("127.0.0.1:0".parse().unwrap()).await.unwrap();
        let addr = server.local_addr();
        TestServer { engine, base: format!("http://{addr}"), addr, dir, server: Some(server) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A browser-like client: its own cookie jar.
    pub fn client(&self) -> Api {
        Api { http: Client::builder().cookie_store(true).build().unwrap(), base: self.base.clone() }
    }

    pub async fn stop(mut self) {
        if let Some(s) = self.server.take() {
            s.shutdown().await;
        }
    }
}

pub struct Api {
    pub http: Client,
    pub base: String,
}

impl Api {
    pub async fn get(&self, path: &str) -> Response {
        self.http.get(format!("{}{}", self.base, path)).send().await.unwrap()
    }

    /// An unsafe request as the UI sends it: JSON with the CSRF header.
    pub async fn send(&self, method: &str, path: &str, body: Option<Value>) -> Response {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut rb = self.http.request(m, format!("{}{}", self.base, path)).header("x-hearth-csrf", "1");
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        rb.send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.send("POST", path, Some(body)).await
    }
}

/// Status and JSON body (Value::Null when the body is empty or not JSON).
pub async fn parts(r: Response) -> (u16, Value) {
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

pub async fn error_code(r: Response) -> (u16, String) {
    let (s, v) = parts(r).await;
    (s, v["error"]["code"].as_str().unwrap_or("").to_string())
}

pub const PASSWORD: &str = "tangerine violin 42";

/// "Another machine": a network namespace joined to this one by a veth pair, with its own
/// addresses (10.213.N.0/30, fd00:213:N::/64). Torn down on drop. Only traffic between the two ends of the
/// pair is ever sent.
pub struct Netns {
    pub name: String,
    host_if: String,
    pub host_ip: String,
    pub peer_ip: String,
    pub host_ip6: String,
    pub peer_ip6: String,
}

static NETNS_SEQ: AtomicU32 = AtomicU32::new(0);

fn ip(args: &[&str]) {
    let out =
        Command::new("ip").args(args).output().expect("the ip command (iproute2) is installed by the test command");
    assert!(out.status.success(), "ip {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

impl Netns {
    pub fn create() -> Netns {
        let seq = NETNS_SEQ.fetch_add(1, Ordering::Relaxed);
        let n = (std::process::id().wrapping_mul(4).wrapping_add(seq)) % 250;
        let name = format!("hearth-t{}-{seq}", std::process::id());
        let host_if = format!("hth{n}a");
        let peer_if = format!("hth{n}b");
        let host_ip = format!("10.213.{n}.1");
        let peer_ip = format!("10.213.{n}.2");
        let _ = Command::new("ip").args(["netns", "del", &name]).output();
        let _ = Command::new("ip").args(["link", "del", &host_if]).output();
        ip(&["netns", "add", &name]);
        ip(&["link", "add", &host_if, "type", "veth", "peer", "name", &peer_if]);
        ip(&["link", "set", &peer_if, "netns", &name]);
        ip(&["addr", "add", &format!("{host_ip}/30"), "dev", &host_if]);
        ip(&["link", "set", &host_if, "up"]);
        ip(&["netns", "exec", &name, "ip", "addr", "add", &format!("{peer_ip}/30"), "dev", &peer_if]);
        ip(&["netns", "exec", &name, "ip", "link", "set", &peer_if, "up"]);
        ip(&["netns", "exec", &name, "ip", "link", "set", "lo", "up"]);
        // And IPv6 (unique local addresses, no duplicate detection wait).
        let (host_ip6, peer_ip6) = (format!("fd00:213:{n}::1"), format!("fd00:213:{n}::2"));
        ip(&["-6", "addr", "add", &format!("{host_ip6}/64"), "dev", &host_if, "nodad"]);
        ip(&["netns", "exec", &name, "ip", "-6", "addr", "add", &format!("{peer_ip6}/64"), "dev", &peer_if, "nodad"]);
        Netns { name, host_if, host_ip, peer_ip, host_ip6, peer_ip6 }
    }

    /// Runs curl inside the namespace, off the async workers; returns (status code, body).
    pub async fn curl(&self, args: &[&str]) -> (u16, String) {
        let name = self.name.clone();
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let out = tokio::task::spawn_blocking(move || {
            Command::new("ip")
                .args(["netns", "exec", &name, "curl", "-s", "--max-time", "10", "-w", "\n%{http_code}"])
                .args(&args)
                .output()
                .expect("curl is installed by the test command")
        })
        .await
        .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let (body, code) = text.rsplit_once('\n').unwrap_or(("", "0"));
        (code.trim().parse().unwrap_or(0), body.to_string())
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = Command::new("ip").args(["link", "del", &self.host_if]).output();
        let _ = Command::new("ip").args(["netns", "del", &self.name]).output();
    }
}

pub async fn sleep_secs(s: f64) {
    tokio::time::sleep(Duration::from_secs_f64(s)).await;
}
