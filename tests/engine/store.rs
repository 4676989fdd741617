//! The store: migrations, refusal of newer databases, the data directory, durability.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use hearth::config::EngineConfig;
use hearth::store::{schema_version, Db, LATEST_SCHEMA};
use hearth::Engine;

#[test]
fn migrations_apply_to_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    let db = Db::open(&path).unwrap();
    db.run_blocking(|c| -> Result<(), hearth::store::StoreError> {
        assert_eq!(schema_version(c)?, LATEST_SCHEMA);
        let owners: i64 =
            c.query_row("SELECT count(*) FROM users WHERE is_owner = 1 AND role = 'admin'", [], |r| r.get(0))?;
        assert_eq!(owners, 1, "the owner row exists from the first start");
        let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        assert_eq!(mode, "wal");
        let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        assert_eq!(fk, 1);
        let check: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(check, "ok");
        Ok(())
    })
    .unwrap();
    drop(db);
    // Opening again applies nothing twice and keeps the same owner.
    let db = Db::open(&path).unwrap();
    let owners: i64 = db
        .run_blocking(|c| {
            c.query_row("SELECT count(*) FROM users", [], |r| r.get(0)).map_err(hearth::store::StoreError::from)
        })
        .unwrap();
    assert_eq!(owners, 1);
}

#[test]
fn a_newer_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    drop(Engine::open(&EngineConfig::new(&data)).unwrap());
    let db_path = data.join("hearth.db");
    {
        let c = rusqlite::Connection::open(&db_path).unwrap();
        c.pragma_update(None, "user_version", LATEST_SCHEMA + 1).unwrap();
    }
    let err = Engine::open(&EngineConfig::new(&data)).err().expect("a newer schema must be refused");
    let msg = err.to_string();
    assert!(msg.contains("newer Hearth"), "{msg}");
    let c = rusqlite::Connection::open(&db_path).unwrap();
    let v: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, LATEST_SCHEMA + 1, "the refused database is not touched");
}

#[cfg(unix)]
#[test]
fn the_data_directory_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("data");
    drop(Engine::open(&EngineConfig::new(&data)).unwrap());
    let mode = std::fs::metadata(&data).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    assert!(data.join("hearth.db").exists());
}

/// Starts `hearth serve` and returns the child and its base URL.
fn spawn_serve(data: &std::path::Path) -> (std::process::Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(["serve", "--port", "0", "--data-dir"])
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let base = first
        .trim()
        .strip_prefix("Hearth is listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first:?}"))
        .trim_end_matches('/')
        .to_string();
    (child, base)
}

/// Nothing committed is lost on a kill -9 (PRODUCT N2).
#[test]
fn committed_data_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (mut child, base) = spawn_serve(&data);
    let http = raw_http::blocking_client();
    for i in 0..20 {
        let r = http(&base, "POST", "/api/v1/workspaces", Some(&format!("{{\"name\":\"W{i}\"}}")));
        assert_eq!(r, 201);
    }
    // SIGKILL: no shutdown handler runs, no checkpoint happens.
    child.kill().unwrap();
    child.wait().unwrap();
    let (mut child, base) = spawn_serve(&data);
    let body = raw_http::blocking_get(&format!("{base}/api/v1/workspaces?limit=200"));
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 20, "{v}");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn help_explains_itself() {
    let out = Command::new(env!("CARGO_BIN_EXE_hearth")).arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("serve") && text.contains("--data-dir"), "{text}");
    let out = Command::new(env!("CARGO_BIN_EXE_hearth")).args(["serve", "--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--port") && text.contains("HEARTH_DATA_DIR"), "{text}");
}

/// Tiny blocking HTTP helpers on std only, so these tests need no second runtime.
mod raw_http {
    use std::io::{Read, Write};
    use std::net::TcpStream;

    pub fn request(base: &str, method: &str, path: &str, body: Option<&str>) -> (u16, String) {
        let host = base.trim_start_matches("http://");
        let mut s = TcpStream::connect(host).unwrap();
        let body = body.unwrap_or("");
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nX-Hearth-CSRF: 1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        let status = out.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        let body = out.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (status, body)
    }

    pub fn blocking_client() -> impl Fn(&str, &str, &str, Option<&str>) -> u16 {
        |base, m, p, b| request(base, m, p, b).0
    }

    pub fn blocking_get(url: &str) -> String {
        let (base, path) = url.trim_start_matches("http://").split_once('/').unwrap();
        let body = request(&format!("http://{base}"), "GET", &format!("/{path}"), None).1;
        // The engine answers small bodies with Content-Length; chunked bodies are unwrapped.
        if body.starts_with('{') {
            body
        } else {
            body.lines().nth(1).unwrap_or("").to_string()
        }
    }
}
