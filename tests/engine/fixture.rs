//! A multi-user install with one account per role, built straight in the database (one
//! argon2 hash for all) so that tests can afford fresh objects per request.

#![allow(dead_code)]

use std::sync::OnceLock;

use hearth::domain::mode::ToMulti;
use hearth::domain::policy::UserId;
use hearth::store::sessions::{self, SessionSpec};
use hearth::store::StoreError;
use rusqlite::params;

use crate::common::*;

pub const USER_PASSWORD: &str = "plum orchard evening";
pub const OWNER_PASSWORD: &str = "owner keeps the hearth";

fn shared_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| hearth::domain::passwords::hash_blocking(USER_PASSWORD).unwrap())
}

pub struct Multi {
    pub srv: TestServer,
    pub owner: String,
    pub ada: String,
    pub mia: String,
    pub dan: String,
    pub sam: String,
    pub team: (String, String),
    pub private: (String, String),
    pub dan_thread: String,
    pub mia_thread: String,
    pub mia_session: String,
}

pub async fn sql<T: Send + 'static>(
    srv: &TestServer,
    f: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T> + Send + 'static,
) -> T {
    srv.engine.db().run(move |c| f(c).map_err(StoreError::from)).await.unwrap()
}

/// Inserts an account with the shared test password.
pub async fn add_user(srv: &TestServer, username: &str, role: &str, suspended: bool) -> String {
    let (u, r, h) = (username.to_string(), role.to_string(), shared_hash().to_string());
    let id = hearth::store::new_id();
    let id2 = id.clone();
    sql(srv, move |c| {
        c.execute(
            "INSERT INTO users (id, username, display_name, role, password_hash, suspended, created_at, updated_at) \
             VALUES (?1, ?2, ?2, ?3, ?4, ?5, 0, 0)",
            params![id2, u, r, h, suspended],
        )
    })
    .await;
    id
}

pub async fn add_workspace(srv: &TestServer, slug: &str, members: &[&str]) -> (String, String) {
    let id = hearth::store::new_id();
    let (i, s) = (id.clone(), slug.to_string());
    let members: Vec<String> = members.iter().map(|m| m.to_string()).collect();
    sql(srv, move |c| {
        c.execute(
            "INSERT INTO workspaces (id, slug, name, owner_id, created_at, updated_at) \
             VALUES (?1, ?2, ?2, (SELECT id FROM users WHERE is_owner = 1), 0, 0)",
            params![i, s],
        )?;
        for m in members {
            c.execute(
                "INSERT INTO workspace_members (workspace_id, user_id, added_at) VALUES (?1, ?2, 0)",
                params![i, m],
            )?;
        }
        Ok(())
    })
    .await;
    (id, slug.to_string())
}

pub async fn add_thread(srv: &TestServer, workspace_id: &str, user: &str) -> String {
    let id = hearth::store::new_id();
    let (i, w, u) = (id.clone(), workspace_id.to_string(), user.to_string());
    sql(srv, move |c| {
        c.execute(
            "INSERT INTO threads (id, workspace_id, user_id, title, created_at, updated_at) VALUES (?1, ?2, ?3, 't', 0, 0)",
            params![i, w, u],
        )
    })
    .await;
    id
}

/// A fresh session cookie for a user, as if they had just signed in (host: opened through
/// the host secret).
pub async fn session_for(srv: &TestServer, user: &str, host: bool) -> String {
    let u = UserId(user.to_string());
    let s = sql(srv, move |c| {
        sessions::create(
            c,
            &SessionSpec {
                user_id: &u,
                is_host: host,
                remember: false,
                user_agent: "test",
                address: "127.0.0.1",
                ttl_secs: 3600,
            },
        )
    })
    .await;
    format!("hearth_session={}", s.token)
}

pub async fn multi() -> Multi {
    multi_with(|_| {}).await
}

pub async fn multi_with(tweak: impl FnOnce(&mut hearth::config::EngineConfig)) -> Multi {
    let srv = TestServer::start_with(tweak).await;
    let me = srv.engine.host_principal("t").await.unwrap();
    srv.engine
        .switch_to_multi(
            &me,
            ToMulti {
                admin: Some(hearth::domain::mode::AdminCredentials {
                    username: "owner".into(),
                    password: hearth::domain::passwords::Secret::new(OWNER_PASSWORD.into()),
                }),
                current_password: None,
                from_host_terminal: false,
            },
        )
        .await
        .unwrap();
    let owner = me.user_id.0.clone();
    let ada = add_user(&srv, "ada", "admin", false).await;
    let mia = add_user(&srv, "mia", "manager", false).await;
    let dan = add_user(&srv, "dan", "default", false).await;
    let sam = add_user(&srv, "sam", "default", true).await;
    let team = add_workspace(&srv, "team", &[&dan, &mia]).await;
    let private = add_workspace(&srv, "private", &[]).await;
    let dan_thread = add_thread(&srv, &team.0, &dan).await;
    let mia_thread = add_thread(&srv, &team.0, &mia).await;
    let mia_session = session_for(&srv, &mia, false).await;
    Multi { srv, owner, ada, mia, dan, sam, team, private, dan_thread, mia_thread, mia_session }
}

/// An unsafe or safe request with a raw cookie header.
pub async fn call(
    srv: &TestServer,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut rb = reqwest::Client::new().request(m, srv.url(path)).header("x-hearth-csrf", "1");
    if let Some(c) = cookie {
        rb = rb.header("cookie", c);
    }
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    parts(rb.send().await.unwrap()).await
}

/// The smallest valid PNG (1×1).
pub const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
    0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// Runs the `hearth` CLI on a data directory (a live server's, usually), with `stdin` piped
/// in; returns (success, stdout, stderr).
pub async fn run_cli(data: &std::path::Path, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
    let data = data.to_path_buf();
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let stdin = stdin.map(str::to_string);
    tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hearth"))
            .arg("--data-dir")
            .arg(&data)
            .args(&args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(s) = stdin {
            child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
        }
        drop(child.stdin.take());
        let out = child.wait_with_output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    })
    .await
    .unwrap()
}

/// `hearth serve --port 0` as its own process (the program at `program`, on `data`, run from
/// `cwd`; with `cwd`, nothing of the build's environment: no LD_LIBRARY_PATH, no
/// HEARTH_MODELS_DIR); killed (SIGKILL) when dropped.
pub struct Serve {
    child: std::process::Child,
    pub base: String,
}

impl Serve {
    pub async fn start(program: &std::path::Path, data: &std::path::Path, cwd: Option<&std::path::Path>) -> Serve {
        let mut cmd = std::process::Command::new(program);
        cmd.args(["serve", "--port", "0", "--data-dir"])
            .arg(data)
            .env("HEARTH_LOG", "warn")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null());
        if let Some(dir) = cwd {
            cmd.current_dir(dir).env_remove("LD_LIBRARY_PATH").env_remove("HEARTH_MODELS_DIR");
        }
        let mut child = cmd.spawn().unwrap();
        let out = child.stdout.take().unwrap();
        let line = tokio::task::spawn_blocking(move || {
            let mut line = String::new();
            std::io::BufRead::read_line(&mut std::io::BufReader::new(out), &mut line).map(|_| line)
        })
        .await
        .unwrap()
        .unwrap();
        let base = line.trim().trim_start_matches("Hearth is listening on ").trim_end_matches('/').to_string();
        assert!(base.starts_with("http://127.0.0.1:"), "{line}");
        Serve { child, base }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
