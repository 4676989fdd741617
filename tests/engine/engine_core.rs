//! The engine core: one credential check for every password-taking operation, the second
//! switch to multi-user mode with only the lock password, slugs within their limit, request
//! ids on every log line of a request, supervised tasks, listeners told of every change.

use std::io::Read;
use std::net::IpAddr;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

use crate::common::*;
use crate::fixture::*;

/// A client that connects from another loopback address (127.0.0.N): another "client
/// address" for the throttle, still this machine.
fn client_from(last: u8) -> reqwest::Client {
    reqwest::Client::builder().local_address(IpAddr::from([127, 0, 0, last])).build().unwrap()
}

async fn send(
    http: &reqwest::Client,
    srv: &TestServer,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut rb = http.request(m, srv.url(path)).header("x-hearth-csrf", "1").json(&body);
    if let Some(c) = cookie {
        rb = rb.header("cookie", c);
    }
    rb.send().await.unwrap()
}

async fn count_events(srv: &TestServer, kind: &'static str) -> i64 {
    sql(srv, move |c| c.query_row("SELECT count(*) FROM events WHERE kind = ?1", [kind], |r| r.get(0))).await
}

/// Five wrong passwords, then 429 with Retry-After, whatever the operation; each failure
/// and the refusal logged under the operation's own kinds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_credential_check_throttles_login_unlock_and_mode_switch_alike() {
    // Login, multi-user mode.
    let f = multi().await;
    let http = client_from(11);
    let mut codes = Vec::new();
    for _ in 0..6 {
        let r = send(
            &http,
            &f.srv,
            "POST",
            "/api/v1/auth/login",
            None,
            json!({"username": "dan", "password": "not dan's password"}),
        )
        .await;
        codes.push(r.status().as_u16());
        if r.status() == 429 {
            assert!(r.headers().get("retry-after").is_some());
        }
    }
    assert_eq!(codes, [401, 401, 401, 401, 401, 429]);
    assert_eq!((count_events(&f.srv, "login_failed").await, count_events(&f.srv, "login_throttled").await), (5, 1));

    // Unlock and the mode switch, single-user mode with a lock password: the same account
    // (the owner) is one key for both, whatever the client address.
    let srv = TestServer::start().await;
    srv.client().send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": PASSWORD}))).await;
    let owner = srv.engine.host_principal("t").await.unwrap().user_id.0;
    let host = session_for(&srv, &owner, true).await;
    for _ in 0..3 {
        let r = send(&client_from(21), &srv, "POST", "/api/v1/auth/unlock", None, json!({"password": "a wrong guess"}))
            .await;
        assert_eq!(r.status(), 401);
    }
    let switch = json!({"mode": "multi", "currentPassword": "another wrong guess", "admin": {"username": "boss", "password": OWNER_PASSWORD}});
    for _ in 0..2 {
        let r = send(&client_from(22), &srv, "POST", "/api/v1/mode", Some(&host), switch.clone()).await;
        assert_eq!(error_code(r).await, (401, "invalid_credentials".into()));
    }
    // The sixth guess at the owner's password, from a third address: refused before it is
    // checked, even with the right password.
    let right = json!({"mode": "multi", "currentPassword": PASSWORD, "admin": {"username": "boss", "password": OWNER_PASSWORD}});
    let r = send(&client_from(23), &srv, "POST", "/api/v1/mode", Some(&host), right).await;
    assert_eq!(r.status(), 429);
    let r = send(&client_from(24), &srv, "POST", "/api/v1/auth/unlock", None, json!({"password": PASSWORD})).await;
    assert_eq!(r.status(), 429);
    assert_eq!(srv.engine.mode().await.unwrap(), hearth::domain::policy::Mode::Single);
    let kinds = ["unlock_failed", "mode_switch_failed", "mode_switch_throttled", "unlock_throttled"];
    let mut counts = Vec::new();
    for k in kinds {
        counts.push(count_events(&srv, k).await);
    }
    assert_eq!(counts, [3, 2, 1, 1]);
    // No event carries a password.
    let details: Vec<String> = sql(&srv, |c| {
        let mut st = c.prepare("SELECT details FROM events")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect()
    })
    .await;
    assert!(details.iter().all(|d| !d.contains("wrong guess") && !d.contains(PASSWORD)), "{details:?}");
}

/// After multi → single, switching to multi-user again asks only for the lock password (the
/// admin's): the admin comes back as it was. Giving `admin` renames and re-passwords it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_to_multi_again_needs_only_the_lock_password() {
    // The first switch needs an admin.
    let fresh = TestServer::start().await;
    let fresh_owner = fresh.engine.host_principal("t").await.unwrap().user_id.0;
    let fresh_host = session_for(&fresh, &fresh_owner, true).await;
    let (s, v) = call(&fresh, "POST", "/api/v1/mode", Some(&fresh_host), Some(json!({"mode": "multi"}))).await;
    assert_eq!((s, v["error"]["code"].as_str()), (422, Some("admin_required")));

    let f = multi().await;
    let srv = &f.srv;
    let host = session_for(srv, &f.owner, true).await;
    assert_eq!(call(srv, "POST", "/api/v1/mode", Some(&host), Some(json!({"mode": "single"}))).await.0, 200);
    // No password, or a wrong one: refused, nothing changes.
    for body in [json!({"mode": "multi"}), json!({"mode": "multi", "currentPassword": "not it at all"})] {
        let (s, v) = call(srv, "POST", "/api/v1/mode", Some(&host), Some(body)).await;
        assert_eq!((s, v["error"]["code"].as_str()), (401, Some("invalid_credentials")));
    }
    assert_eq!(srv.engine.mode().await.unwrap(), hearth::domain::policy::Mode::Single);
    let before: String =
        sql(srv, |c| c.query_row("SELECT username || password_hash FROM users WHERE is_owner = 1", [], |r| r.get(0)))
            .await;
    let (s, v) = call(
        srv,
        "POST",
        "/api/v1/mode",
        Some(&host),
        Some(json!({"mode": "multi", "currentPassword": OWNER_PASSWORD})),
    )
    .await;
    assert_eq!((s, &v), (200, &json!({"mode": "multi"})));
    let after: String =
        sql(srv, |c| c.query_row("SELECT username || password_hash FROM users WHERE is_owner = 1", [], |r| r.get(0)))
            .await;
    assert_eq!(before, after, "the admin is back as it was: same name, same password");
    assert_eq!(call(srv, "GET", "/api/v1/me", Some(&host), None).await.0, 200, "the switching window stays signed in");
    for (name, pw) in [("owner", OWNER_PASSWORD), ("dan", USER_PASSWORD)] {
        let r = srv.client().post("/api/v1/auth/login", json!({"username": name, "password": pw})).await;
        assert_eq!(r.status(), 200, "{name} signs in again");
    }
    let restored: String = sql(srv, |c| {
        c.query_row("SELECT details FROM events WHERE kind = 'mode_switched' ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
    })
    .await;
    assert!(restored.contains("\"restored\":true"), "{restored}");

    // A new name and password stay possible at a second switch.
    assert_eq!(call(srv, "POST", "/api/v1/mode", Some(&host), Some(json!({"mode": "single"}))).await.0, 200);
    let new_pw = "a brand new admin phrase";
    let body =
        json!({"mode": "multi", "currentPassword": OWNER_PASSWORD, "admin": {"username": "boss", "password": new_pw}});
    assert_eq!(call(srv, "POST", "/api/v1/mode", Some(&host), Some(body)).await.0, 200);
    let login = |name: &'static str, pw: &'static str| {
        let c = srv.client();
        async move { c.post("/api/v1/auth/login", json!({"username": name, "password": pw})).await.status().as_u16() }
    };
    assert_eq!(login("boss", new_pw).await, 200);
    assert_eq!(login("owner", OWNER_PASSWORD).await, 401);

    // The command line on the host restores the admin without asking for a name.
    assert_eq!(call(srv, "POST", "/api/v1/mode", Some(&host), Some(json!({"mode": "single"}))).await.0, 200);
    let data = srv.dir.path().join("data");
    let (ok, out, err) = run_cli(&data, &["mode", "multi"], None).await;
    assert!(ok, "{out} {err}");
    assert_eq!(out.trim(), "multi");
    assert_eq!(login("boss", new_pw).await, 200);
}

#[tokio::test]
async fn slugs_stay_within_64_characters() {
    let srv = TestServer::start().await;
    let c = srv.client();
    let long = "Quarterly planning for the northern region and everything that comes with it, again";
    let mut slugs = Vec::new();
    for _ in 0..11 {
        let (s, v) = parts(c.post("/api/v1/workspaces", json!({"name": long})).await).await;
        assert_eq!(s, 201, "{v}");
        slugs.push(v["slug"].as_str().unwrap().to_string());
    }
    assert!(slugs.iter().all(|s| s.len() <= 64), "{slugs:?}");
    assert_eq!(slugs[0].len(), 64);
    assert!(slugs[10].ends_with("-11") && slugs[10].len() <= 64, "{}", slugs[10]);
    let unique: std::collections::BTreeSet<_> = slugs.iter().collect();
    assert_eq!(unique.len(), slugs.len());
    // Every one of them is reachable by its slug.
    for s in &slugs {
        assert_eq!(c.get(&format!("/api/v1/workspaces/{s}")).await.status(), 200);
    }
}

/// Every log line written while a request runs, on the async workers or on the database
/// pool, carries that request's id (the one in `X-Request-Id`).
#[test]
fn every_log_line_of_a_request_carries_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("stderr.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(["serve", "--port", "0", "--data-dir"])
        .arg(dir.path().join("data"))
        .env("HEARTH_LOG", "hearth=debug")
        .env("HEARTH_LOG_FORMAT", "json")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let mut first = [0u8; 256];
    let n = child.stdout.as_mut().unwrap().read(&mut first).unwrap();
    let text = String::from_utf8_lossy(&first[..n]).to_string();
    let addr = text.split("http://").nth(1).unwrap().split('/').next().unwrap().to_string();
    // A failed login writes an event from the database pool and the request line from the
    // async worker.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let rid = rt.block_on(async {
        let r = reqwest::Client::new()
            .post(format!("http://{addr}/api/v1/auth/login"))
            .header("x-hearth-csrf", "1")
            .json(&json!({"username": "nobody", "password": "whatever it is"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        r.headers()["x-request-id"].to_str().unwrap().to_string()
    });
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    let lines: Vec<Value> =
        std::fs::read_to_string(&log).unwrap().lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let of_request: Vec<&Value> = lines.iter().filter(|l| l["span"]["id"] == rid.as_str()).collect();
    let messages: Vec<&str> = of_request.iter().filter_map(|l| l["fields"]["message"].as_str()).collect();
    assert!(messages.contains(&"event"), "the event line (database pool) has the id: {messages:?}");
    assert!(messages.contains(&"request"), "the request line has the id: {messages:?}");
    assert!(of_request.iter().all(|l| l["span"]["name"] == "request"));
}

/// The engine's background work runs under its supervisor: named, and all stopped by one
/// shutdown; shells are told of changes made through any face (here: HTTP).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tasks_are_supervised_and_listeners_hear_every_change() {
    let srv = TestServer::start().await;
    let names = srv.engine.tasks().names();
    assert!(names.contains(&"session-purge".to_string()), "{names:?}");
    assert!(names.contains(&format!("listener {}", srv.addr)), "{names:?}");

    let mut changes = srv.engine.subscribe();
    changes.borrow_and_update();
    let c = srv.client();
    c.send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": PASSWORD}))).await;
    assert!(changes.has_changed().unwrap(), "setting the lock password is shown");
    changes.borrow_and_update();
    assert_eq!(c.send("POST", "/api/v1/auth/lock", None).await.status(), 204);
    assert!(changes.has_changed().unwrap(), "lock now over HTTP tells the shell");
    changes.borrow_and_update();
    c.post("/api/v1/auth/unlock", json!({"password": PASSWORD})).await;
    changes.borrow_and_update();
    let (s, v) = parts(c.send("PATCH", "/api/v1/settings", Some(json!({"idleTimeoutMinutes": 45}))).await).await;
    assert_eq!((s, v["idleTimeoutMinutes"].as_u64()), (200, Some(45)));
    assert!(changes.has_changed().unwrap(), "a settings change is shown");
    assert_eq!(srv.engine.settings().idle_timeout_secs, 45 * 60);
    assert_eq!(srv.engine.idle_timeout(), Duration::from_secs(45 * 60));

    srv.engine.shutdown().await;
    assert!(srv.engine.tasks().names().is_empty());
    assert!(reqwest::Client::new().get(srv.url("/api/v1/health")).send().await.is_err(), "the listener is closed");
}

/// Only a wrong password is a failed guess: a switch refused for a taken username (409), a
/// dozen times over, does not throttle the owner, whose next correct switch goes through.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_that_is_not_a_wrong_password_does_not_throttle() {
    let f = multi().await;
    let srv = &f.srv;
    let host = session_for(srv, &f.owner, true).await;
    assert_eq!(call(srv, "POST", "/api/v1/mode", Some(&host), Some(json!({"mode": "single"}))).await.0, 200);
    for _ in 0..12 {
        let body = json!({"mode": "multi", "currentPassword": OWNER_PASSWORD,
                          "admin": {"username": "dan", "password": "a brand new admin phrase"}});
        let (s, v) = call(srv, "POST", "/api/v1/mode", Some(&host), Some(body)).await;
        assert_eq!((s, v["error"]["code"].as_str()), (409, Some("username_taken")), "{v}");
    }
    let body = json!({"mode": "multi", "currentPassword": OWNER_PASSWORD,
                      "admin": {"username": "boss", "password": "a brand new admin phrase"}});
    let (s, v) = call(srv, "POST", "/api/v1/mode", Some(&host), Some(body)).await;
    assert_eq!(s, 200, "{v}");
}
