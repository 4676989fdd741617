//! Multi-user mode: the switch and back, accounts and their guards, sessions that end at
//! once, login, throttling, the event log, the LAN server seen from another host.

use std::time::Duration;

use hearth::domain::mode::ToMulti;
use hearth::domain::policy::UserId;
use serde_json::{json, Value};

use crate::common::*;
use crate::fixture::*;

async fn login(srv: &TestServer, username: &str, password: &str) -> (Api, u16) {
    let c = srv.client();
    let r = c.post("/api/v1/auth/login", json!({"username": username, "password": password})).await;
    let s = r.status().as_u16();
    (c, s)
}

async fn owner_principal(srv: &TestServer) -> hearth::domain::policy::Principal {
    srv.engine.host_principal("t").await.unwrap()
}

/// Who owns what: every owner column of every table, for before/after comparisons.
async fn ownership(srv: &TestServer) -> Vec<String> {
    sql(srv, |c| {
        let mut out = Vec::new();
        for q in [
            "SELECT 'u:' || id || ':' || coalesce(username, '-') || ':' || role || ':' || suspended || ':' || coalesce(password_hash, '-') FROM users ORDER BY id",
            "SELECT 'w:' || id || ':' || owner_id FROM workspaces ORDER BY id",
            "SELECT 'm:' || workspace_id || ':' || user_id FROM workspace_members ORDER BY 1",
            "SELECT 't:' || id || ':' || user_id || ':' || workspace_id FROM threads ORDER BY id",
            "SELECT 'msg:' || count(*) FROM messages",
        ] {
            let mut s = c.prepare(q)?;
            let rows = s.query_map([], |r| r.get::<_, String>(0))?;
            for r in rows {
                out.push(r?);
            }
        }
        Ok(out)
    })
    .await
}

async fn switch_with_messages(n: usize) -> Vec<String> {
    let srv = TestServer::start().await;
    let c = srv.client();
    c.post("/api/v1/workspaces", json!({"name": "Mine"})).await;
    sql(&srv, move |c| {
        let tx = c.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO threads (id, workspace_id, user_id, title, created_at, updated_at) \
             SELECT 'th', w.id, w.owner_id, 'big', 0, 0 FROM workspaces w",
            [],
        )?;
        tx.execute(
            "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?1) \
             INSERT INTO messages (id, thread_id, role, content, created_at) \
             SELECT 'm' || i, 'th', CASE i % 2 WHEN 0 THEN 'user' ELSE 'assistant' END, 'message ' || i, i FROM seq",
            [n as i64],
        )?;
        tx.commit()
    })
    .await;
    let before = ownership(&srv).await;
    let me = owner_principal(&srv).await;
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
    let after = ownership(&srv).await;
    // Only the owner's own row changed (username, password); every other row is untouched.
    let changed: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.contains(":owner:admin:0:$argon2id$"), "{changed:?}");
    assert!(after.contains(&format!("msg:{n}")));
    // The new admin signs in and finds everything.
    let (admin, s) = login(&srv, "owner", OWNER_PASSWORD).await;
    assert_eq!(s, 200);
    let ws = parts(admin.get("/api/v1/workspaces").await).await.1;
    assert_eq!(ws["items"][0]["name"], "Mine");
    // The thread's newest page, ending with its last message; older pages follow.
    let th = parts(admin.get("/api/v1/threads/th/messages?limit=500").await).await.1;
    let items = th["items"].as_array().unwrap();
    assert_eq!(items.len(), n.min(500));
    assert_eq!(items.last().unwrap()["content"], format!("message {n}"));
    assert_eq!(th["next"].is_string(), n > 500);
    let mut summary: Vec<String> = after.into_iter().filter(|l| !l.starts_with("u:")).collect();
    summary.retain(|l| !l.starts_with("msg:"));
    summary.iter().map(|l| l.split(':').take(1).collect::<String>()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switch_to_multi_is_the_same_at_1k_and_100k_messages() {
    let small = switch_with_messages(1_000).await;
    let large = switch_with_messages(100_000).await;
    assert_eq!(small, large, "the same kinds of rows keep their owners at both sizes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switch_needs_the_lock_password_and_a_good_admin() {
    let srv = TestServer::start().await;
    let c = srv.client();
    c.send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": PASSWORD}))).await;
    let me = owner_principal(&srv).await;
    let try_switch = |name: &str, pw: &str, current: Option<&str>| {
        let req = ToMulti {
            admin: Some(hearth::domain::mode::AdminCredentials {
                username: name.into(),
                password: hearth::domain::passwords::Secret::new(pw.into()),
            }),
            current_password: current.map(|c| hearth::domain::passwords::Secret::new(c.into())),
            from_host_terminal: false,
        };
        let (engine, me) = (srv.engine.clone(), me.clone());
        async move { engine.switch_to_multi(&me, req).await.err().map(|e| e.code()) }
    };
    assert_eq!(try_switch("boss", OWNER_PASSWORD, None).await, Some("invalid_credentials"));
    assert_eq!(try_switch("boss", OWNER_PASSWORD, Some("wrong lock pw")).await, Some("invalid_credentials"));
    assert_eq!(try_switch("Boss!", OWNER_PASSWORD, Some(PASSWORD)).await, Some("invalid_username"));
    assert_eq!(try_switch("boss", "password1", Some(PASSWORD)).await, Some("weak_password"));
    assert_eq!(srv.engine.mode().await.unwrap(), hearth::domain::policy::Mode::Single);
    assert_eq!(try_switch("boss", OWNER_PASSWORD, Some(PASSWORD)).await, None);
    assert_eq!(srv.engine.mode().await.unwrap(), hearth::domain::policy::Mode::Multi);
    let n: i64 =
        sql(&srv, |c| c.query_row("SELECT count(*) FROM events WHERE kind = 'mode_switched'", [], |r| r.get(0))).await;
    assert_eq!(n, 1);
}

/// The switch to multi-user gives the owner a new password: their other sessions end (the
/// host's own stays). The switch back ends every session but the caller's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switches_end_the_sessions_they_must() {
    let srv = TestServer::start().await;
    let owner = owner_principal(&srv).await.user_id.0;
    let browser = session_for(&srv, &owner, false).await;
    let host = session_for(&srv, &owner, true).await;
    let to_multi = json!({"mode": "multi", "admin": {"username": "boss", "password": OWNER_PASSWORD}});
    assert_eq!(call(&srv, "POST", "/api/v1/mode", Some(&host), Some(to_multi)).await.0, 200);
    assert_eq!(
        call(&srv, "GET", "/api/v1/me", Some(&browser), None).await.0,
        401,
        "the owner's other session ended with the new password"
    );
    assert_eq!(call(&srv, "GET", "/api/v1/me", Some(&host), None).await.0, 200, "the switching window stays signed in");

    let dan = add_user(&srv, "dan", "default", false).await;
    session_for(&srv, &dan, false).await;
    session_for(&srv, &owner, false).await;
    assert_eq!(call(&srv, "POST", "/api/v1/mode", Some(&host), Some(json!({"mode": "single"}))).await.0, 200);
    let left: Vec<String> = sql(&srv, |c| {
        let mut st = c.prepare("SELECT user_id || ':' || is_host FROM sessions")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect()
    })
    .await;
    assert_eq!(left, vec![format!("{owner}:1")], "only the caller's host session is left");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_to_single_and_multi_again_restores_every_owner() {
    let f = multi().await;
    let srv = &f.srv;
    let (dan, s) = login(srv, "dan", USER_PASSWORD).await;
    assert_eq!(s, 200);
    let (c, _) = (dan.post("/api/v1/workspaces/team/threads", json!({"title": "dan's"})).await, ());
    assert_eq!(c.status(), 201);
    let before = ownership(srv).await;
    let me = owner_principal(srv).await;

    srv.engine.switch_to_single(&me).await.unwrap();
    // Other accounts stay but cannot sign in, and their sessions ended.
    assert_eq!(error_code(dan.get("/api/v1/me").await).await.0, 401);
    assert_eq!(login(srv, "dan", USER_PASSWORD).await.1, 403, "the right password is told: single-user mode");
    // The owner's admin password is now the lock; unlocked, the owner sees everything.
    let owner = srv.client();
    assert_eq!(error_code(owner.get("/api/v1/workspaces").await).await, (401, "locked".into()));
    assert_eq!(owner.post("/api/v1/auth/unlock", json!({"password": OWNER_PASSWORD})).await.status(), 200);
    let ws = parts(owner.get("/api/v1/workspaces").await).await.1;
    assert_eq!(ws["items"].as_array().unwrap().len(), 2);

    srv.engine
        .switch_to_multi(
            &me,
            ToMulti {
                admin: Some(hearth::domain::mode::AdminCredentials {
                    username: "owner".into(),
                    password: hearth::domain::passwords::Secret::new(OWNER_PASSWORD.into()),
                }),
                current_password: Some(hearth::domain::passwords::Secret::new(OWNER_PASSWORD.into())),
                from_host_terminal: false,
            },
        )
        .await
        .unwrap();
    let after = ownership(srv).await;
    let strip = |v: &[String]| {
        v.iter().map(|l| if l.contains(":owner:") { "owner-row".to_string() } else { l.clone() }).collect::<Vec<_>>()
    };
    assert_eq!(strip(&before), strip(&after), "every account, membership and owner is as it was");
    let (dan, s) = login(srv, "dan", USER_PASSWORD).await;
    assert_eq!(s, 200);
    let threads = parts(dan.get("/api/v1/workspaces/team/threads").await).await.1;
    let titles: Vec<_> =
        threads["items"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap().to_string()).collect();
    assert!(titles.contains(&"dan's".to_string()), "{titles:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn there_is_always_an_active_admin() {
    let f = multi().await;
    let srv = &f.srv;
    let host = session_for(srv, &f.owner, true).await;
    let ada = session_for(srv, &f.ada, false).await;
    // The owner (the host's account) cannot be demoted, suspended or deleted, by anyone.
    for cookie in [&host, &ada] {
        for (m, body) in
            [("PATCH", Some(json!({"role": "default"}))), ("PATCH", Some(json!({"suspended": true}))), ("DELETE", None)]
        {
            let (s, v) = call(srv, m, &format!("/api/v1/users/{}", f.owner), Some(cookie), body).await;
            assert_eq!((s, v["error"]["code"].as_str()), (409, Some("owner_protected")));
        }
    }
    // Nor from the command line.
    let me = owner_principal(srv).await;
    let e = srv
        .engine
        .update_user(
            &me,
            UserId(f.owner.clone()),
            hearth::domain::accounts::UserPatch {
                role: Some(hearth::domain::policy::Role::Manager),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), "owner_protected");
    // With the owner as the only other admin, ada can be demoted; then the owner is the last.
    let (s, _) =
        call(srv, "PATCH", &format!("/api/v1/users/{}", f.ada), Some(&host), Some(json!({"role": "manager"}))).await;
    assert_eq!(s, 200);
    let admins: i64 = sql(srv, |c| {
        c.query_row("SELECT count(*) FROM users WHERE role = 'admin' AND suspended = 0", [], |r| r.get(0))
    })
    .await;
    assert_eq!(admins, 1);
    let (s, _) = call(srv, "DELETE", &format!("/api/v1/users/{}", f.owner), Some(&host), None).await;
    assert_eq!(s, 409);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_cannot_touch_an_admin() {
    let f = multi().await;
    let srv = &f.srv;
    let mia = &f.mia_session;
    let ada = format!("/api/v1/users/{}", f.ada);
    let attempts: Vec<(&str, String, Option<Value>)> = vec![
        ("PATCH", ada.clone(), Some(json!({"displayName": "x"}))),
        ("PATCH", ada.clone(), Some(json!({"role": "default"}))),
        ("PATCH", ada.clone(), Some(json!({"suspended": true}))),
        ("PATCH", ada.clone(), Some(json!({"dailyMessageLimit": 1}))),
        ("DELETE", ada.clone(), None),
        ("POST", format!("{ada}/password"), Some(json!({"newPassword": "taking over now"}))),
        ("PUT", format!("{ada}/workspaces"), Some(json!({"workspaceIds": []}))),
        ("DELETE", format!("{ada}/sessions"), None),
        ("POST", "/api/v1/users".into(), Some(json!({"username": "evil", "password": USER_PASSWORD, "role": "admin"}))),
        ("PATCH", format!("/api/v1/users/{}", f.dan), Some(json!({"role": "admin"}))),
        ("PUT", "/api/v1/workspaces/team/members".into(), Some(json!({"userIds": [f.dan, f.mia, f.ada]}))),
    ];
    let before = ownership(srv).await;
    for (m, path, body) in attempts {
        let (s, v) = call(srv, m, &path, Some(mia), body).await;
        assert_eq!(s, 403, "{m} {path}: {v}");
    }
    assert_eq!(before, ownership(srv).await, "nothing changed");
    // The same manager can act on default users.
    let (s, _) =
        call(srv, "PATCH", &format!("/api/v1/users/{}", f.dan), Some(mia), Some(json!({"dailyMessageLimit": 5}))).await;
    assert_eq!(s, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_changes_take_effect_on_the_next_request() {
    let f = multi().await;
    let srv = &f.srv;
    let admin = session_for(srv, &f.ada, false).await;
    let dan_url = format!("/api/v1/users/{}", f.dan);

    // Suspension.
    let (dan, _) = login(srv, "dan", USER_PASSWORD).await;
    assert_eq!(dan.get("/api/v1/me").await.status(), 200);
    call(srv, "PATCH", &dan_url, Some(&admin), Some(json!({"suspended": true}))).await;
    assert_eq!(dan.get("/api/v1/me").await.status(), 401);
    assert_eq!(login(srv, "dan", USER_PASSWORD).await.1, 403, "the right password is told: suspended");
    call(srv, "PATCH", &dan_url, Some(&admin), Some(json!({"suspended": false}))).await;

    // Role change.
    let (dan, _) = login(srv, "dan", USER_PASSWORD).await;
    call(srv, "PATCH", &dan_url, Some(&admin), Some(json!({"role": "manager"}))).await;
    assert_eq!(dan.get("/api/v1/me").await.status(), 401);
    let (dan, _) = login(srv, "dan", USER_PASSWORD).await;
    assert_eq!(parts(dan.get("/api/v1/me").await).await.1["role"], "manager");

    // Password reset by an admin.
    call(srv, "POST", &format!("{dan_url}/password"), Some(&admin), Some(json!({"newPassword": "reset by admin"})))
        .await;
    assert_eq!(dan.get("/api/v1/me").await.status(), 401);
    assert_eq!(login(srv, "dan", USER_PASSWORD).await.1, 401);

    // Own password change: the other device ends, this one stays.
    let (laptop, _) = login(srv, "dan", "reset by admin").await;
    let (phone, _) = login(srv, "dan", "reset by admin").await;
    let r = laptop
        .post("/api/v1/me/password", json!({"currentPassword": "reset by admin", "newPassword": "chosen by dan"}))
        .await;
    assert_eq!(r.status(), 204);
    assert_eq!(laptop.get("/api/v1/me").await.status(), 200);
    assert_eq!(phone.get("/api/v1/me").await.status(), 401);

    // Admin ends all sessions.
    call(srv, "DELETE", &format!("{dan_url}/sessions"), Some(&admin), None).await;
    assert_eq!(laptop.get("/api/v1/me").await.status(), 401);

    // Deletion.
    let (dan, _) = login(srv, "dan", "chosen by dan").await;
    assert_eq!(dan.get("/api/v1/me").await.status(), 200);
    let (s, report) = call(srv, "DELETE", &dan_url, Some(&admin), None).await;
    assert_eq!(s, 200);
    assert_eq!(report["threadsRemoved"], 1);
    assert_eq!(dan.get("/api/v1/me").await.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_errors_are_identical_and_throttled() {
    let f = multi().await;
    let srv = &f.srv;
    let raw = reqwest::Client::new();
    let attempt = |u: &str, p: &str| {
        raw.post(srv.url("/api/v1/auth/login"))
            .header("x-hearth-csrf", "1")
            .json(&json!({"username": u, "password": p}))
            .send()
    };
    let mut seen = Vec::new();
    // A suspended account with a wrong password answers like any wrong password (only the
    // right one is told the account is suspended).
    for (u, p) in [("nobody", USER_PASSWORD), ("dan", "not his password"), ("sam", "not her password")] {
        let r = attempt(u, p).await.unwrap();
        let status = r.status().as_u16();
        let mut headers: Vec<String> = r
            .headers()
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "x-request-id" | "date"))
            .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap()))
            .collect();
        headers.sort();
        seen.push((status, headers, r.text().await.unwrap()));
    }
    assert_eq!(seen[0].0, 401);
    assert!(seen.iter().all(|s| *s == seen[0]), "unknown user, bad password and suspended answer alike: {seen:#?}");
    // The log tells them apart; the response never does. Passwords never reach it.
    let reasons: Vec<String> = sql(srv, |c| {
        let mut s = c.prepare("SELECT details FROM events WHERE kind = 'login_failed' ORDER BY id")?;
        let rows = s.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    })
    .await;
    assert!(
        reasons[0].contains("bad_username")
            && reasons[1].contains("bad_password")
            && reasons[2].contains("bad_password"),
        "{reasons:?}"
    );
    let all: String =
        sql(srv, |c| c.query_row("SELECT group_concat(details, ' ') FROM events", [], |r| r.get(0))).await;
    assert!(!all.contains(USER_PASSWORD) && !all.contains("not his password") && !all.contains("not her password"));
    assert!(
        !all.contains("nobody"),
        "a name that is no account's is not recorded (it may be a password typed in the wrong box): {all}"
    );

    // Throttling: per account, then 429 with Retry-After, and even the right password waits.
    let mut got = 0;
    let mut retry = None;
    for _ in 0..8 {
        let r = attempt("dan", "guessing again").await.unwrap();
        got = r.status().as_u16();
        retry = r.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
        if got == 429 {
            break;
        }
    }
    assert_eq!(got, 429);
    assert!(retry.is_some());
    assert_eq!(attempt("dan", USER_PASSWORD).await.unwrap().status(), 429);
    // Dan's failures are not everyone's at this address (a NAT, the host's own programs):
    // mia signs in from it while dan's account is still refused from here. (The soft lock
    // is short: a real user waits at most half a minute; the throttle's unit tests.)
    let r = attempt("mia", USER_PASSWORD).await.unwrap();
    assert_eq!(r.status(), 200, "another account from the same address");
    assert_eq!(attempt("dan", "one more guess").await.unwrap().status(), 429);
}

/// Guesses sent all at once are counted as they arrive, not when their hashes finish: they
/// cannot all slip past the throttle together, and the right password then waits too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_guesses_are_throttled() {
    let f = multi().await;
    let srv = &f.srv;
    let raw = reqwest::Client::new();
    let url = srv.url("/api/v1/auth/login");
    let mut guesses = tokio::task::JoinSet::new();
    for i in 0..20 {
        let (raw, url) = (raw.clone(), url.clone());
        guesses.spawn(async move {
            let body = json!({"username": "dan", "password": format!("parallel guess {i}")});
            raw.post(url).header("x-hearth-csrf", "1").json(&body).send().await.unwrap().status().as_u16()
        });
    }
    let statuses = guesses.join_all().await;
    assert!(statuses.iter().all(|s| *s == 401 || *s == 429), "{statuses:?}");
    let checked = statuses.iter().filter(|s| **s == 401).count();
    assert!(checked <= 5, "only the free attempts had their password checked: {statuses:?}");
    let right = json!({"username": "dan", "password": USER_PASSWORD});
    assert_eq!(raw.post(url).header("x-hearth-csrf", "1").json(&right).send().await.unwrap().status(), 429);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_are_filtered_exported_and_clearing_is_logged() {
    let f = multi().await;
    let srv = &f.srv;
    login(srv, "dan", USER_PASSWORD).await;
    login(srv, "dan", "wrong wrong wrong").await;
    let admin = session_for(srv, &f.ada, false).await;
    let (_, v) = call(srv, "GET", "/api/v1/events?type=login_failed", Some(&admin), None).await;
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["details"]["reason"], "bad_password");
    let (_, v) = call(srv, "GET", &format!("/api/v1/events?user={}", f.dan), Some(&admin), None).await;
    assert!(v["items"].as_array().unwrap().iter().all(|e| e["userId"] == f.dan.as_str()));
    let csv =
        reqwest::Client::new().get(srv.url("/api/v1/events?format=csv")).header("cookie", &admin).send().await.unwrap();
    assert_eq!(csv.headers().get("content-type").unwrap(), "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    assert!(
        text.starts_with(
            "id,time_utc,type,user,user_id,address,target,target_id,workspace,workspace_id,reason,details\n"
        ),
        "{text}"
    );
    assert!(text.contains("\"login_ok\"") && text.contains("\"mode_switched\""), "{text}");
    // ISO times; the failed login's reason in its own column, its actor by name.
    let failed = text.lines().find(|l| l.contains("\"login_failed\"")).unwrap();
    let cells: Vec<&str> = failed.split(',').collect();
    assert!(cells[1].len() == 20 && cells[1].ends_with('Z') && cells[1].as_bytes()[10] == b'T', "{failed}");
    assert_eq!((cells[3], cells[10]), ("\"dan\"", "\"bad_password\""), "{failed}");
    // The list names people and workspaces: the actor, the account acted on, the workspace.
    let (s, _) = call(
        srv,
        "PATCH",
        &format!("/api/v1/users/{}", f.dan),
        Some(&admin),
        Some(json!({"displayName": "Dan Brown"})),
    )
    .await;
    assert_eq!(s, 200);
    let (_, v) = call(srv, "GET", "/api/v1/events?type=user_edited", Some(&admin), None).await;
    let edited = &v["items"][0];
    assert_eq!(
        (edited["userName"].as_str(), edited["targetName"].as_str()),
        (Some("ada"), Some("Dan Brown")),
        "{edited}"
    );
    let (_, v) = call(srv, "GET", "/api/v1/events?type=mode_switched", Some(&admin), None).await;
    assert_eq!(v["items"][0]["userName"], "Owner", "the owner by name: {v}");
    // Clearing takes no filters: a filtered clear is refused, not turned into "clear all".
    let before: i64 = sql(srv, |c| c.query_row("SELECT count(*) FROM events", [], |r| r.get(0))).await;
    let (s, v) = call(srv, "DELETE", "/api/v1/events?type=login_failed", Some(&admin), None).await;
    assert_eq!((s, v["error"]["code"].as_str()), (400, Some("invalid_query")));
    let after: i64 = sql(srv, |c| c.query_row("SELECT count(*) FROM events", [], |r| r.get(0))).await;
    assert_eq!(before, after);
    let (s, v) = call(srv, "DELETE", "/api/v1/events", Some(&admin), None).await;
    assert_eq!(s, 200);
    assert!(v["removed"].as_i64().unwrap() >= 3);
    let (_, v) = call(srv, "GET", "/api/v1/events", Some(&admin), None).await;
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["type"], "events_cleared");
    assert_eq!(items[0]["userId"], f.ada.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_list_style_and_avatars() {
    let f = multi().await;
    let srv = &f.srv;
    assert_eq!(srv.client().get("/api/v1/auth/users").await.status(), 404);
    let host = session_for(srv, &f.owner, true).await;
    let (s, v) = call(srv, "PATCH", "/api/v1/settings", Some(&host), Some(json!({"loginStyle": "list"}))).await;
    assert_eq!((s, v["loginStyle"].as_str()), (200, Some("list")));
    let (_, v) = parts(srv.client().get("/api/v1/auth/users").await).await;
    let names: Vec<_> =
        v["items"].as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap().to_string()).collect();
    assert!(
        names.contains(&"dan".to_string()) && !names.contains(&"sam".to_string()),
        "suspended users are not listed: {names:?}"
    );
    assert!(v["items"][0].get("role").is_none(), "the login list shows no roles");

    // Avatars: validated by content and size.
    let (dan, _) = login(srv, "dan", USER_PASSWORD).await;
    let put = |ct: &str, body: Vec<u8>| {
        dan.http
            .put(srv.url("/api/v1/me/avatar"))
            .header("x-hearth-csrf", "1")
            .header("content-type", ct)
            .body(body)
            .send()
    };
    assert_eq!(
        error_code(put("image/png", b"<svg onload=alert(1)>".to_vec()).await.unwrap()).await,
        (422, "invalid_image".into())
    );
    let mut fake = TINY_PNG[..16].to_vec();
    fake.extend_from_slice(&[0xFF; 8]);
    assert_eq!(put("image/png", fake).await.unwrap().status(), 422);
    let mut big = TINY_PNG.to_vec();
    big.resize(600 * 1024, 0);
    assert_eq!(error_code(put("image/png", big).await.unwrap()).await, (413, "body_too_large".into()));
    assert_eq!(put("application/octet-stream", TINY_PNG.to_vec()).await.unwrap().status(), 204);
    let r = srv.client().get(&format!("/api/v1/users/{}/avatar", f.dan)).await;
    assert_eq!(r.status(), 200, "the list-style login page shows avatars");
    assert_eq!(r.headers().get("content-type").unwrap(), "image/png");
    assert_eq!(r.bytes().await.unwrap().as_ref(), TINY_PNG);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_sessions_are_listed_and_ended() {
    let f = multi().await;
    let srv = &f.srv;
    let (a, _) = login(srv, "dan", USER_PASSWORD).await;
    let (b, _) = login(srv, "dan", USER_PASSWORD).await;
    let v = parts(a.get("/api/v1/me/sessions").await).await.1;
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let other = items.iter().find(|s| s["current"] == false).unwrap()["id"].as_str().unwrap().to_string();
    assert_eq!(a.send("DELETE", &format!("/api/v1/me/sessions/{other}"), None).await.status(), 204);
    assert_eq!(b.get("/api/v1/me").await.status(), 401);
    assert_eq!(a.get("/api/v1/me").await.status(), 200);
    // Someone else's session id is a 404 and stays alive.
    let mia_id: String = {
        let m = f.mia.clone();
        sql(srv, move |c| c.query_row("SELECT id FROM sessions WHERE user_id = ?1", [m], |r| r.get(0))).await
    };
    assert_eq!(a.send("DELETE", &format!("/api/v1/me/sessions/{mia_id}"), None).await.status(), 404);
    assert_eq!(call(srv, "GET", "/api/v1/me", Some(&f.mia_session), None).await.0, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lan_server_serves_another_host_and_stops() {
    let f = multi().await;
    let srv = &f.srv;
    let ns = Netns::create();
    let host = session_for(srv, &f.owner, true).await;
    // Single-user installs never start it (checked on a fresh server).
    let single = TestServer::start().await;
    let e = single
        .engine
        .start_lan(&owner_principal(&single).await, hearth::domain::lan::LanOptions::default())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "not_multi_user");

    let (s, st) = call(
        srv,
        "POST",
        "/api/v1/server",
        Some(&host),
        Some(json!({"action": "start", "bind": ns.host_ip, "port": 0})),
    )
    .await;
    assert_eq!(s, 200, "{st}");
    assert_eq!(st["running"], true);
    let port = st["port"].as_u64().unwrap();
    let url = format!("http://{}:{port}", ns.host_ip);
    assert_eq!(st["urls"], json!([format!("{url}/")]));

    // The other machine signs in as dan and sees only dan's workspace.
    let jar = format!("/tmp/hearth-jar-{}", std::process::id());
    let (code, body) = ns
        .curl(&[
            "-c",
            &jar,
            "-H",
            "content-type: application/json",
            "-H",
            &format!("Origin: {url}"),
            "-d",
            &json!({"username": "dan", "password": USER_PASSWORD}).to_string(),
            &format!("{url}/api/v1/auth/login"),
        ])
        .await;
    assert_eq!(code, 200, "{body}");
    let (code, body) = ns.curl(&["-b", &jar, &format!("{url}/api/v1/workspaces")]).await;
    assert_eq!(code, 200);
    let v: Value = serde_json::from_str(&body).unwrap();
    let slugs: Vec<_> =
        v["items"].as_array().unwrap().iter().map(|w| w["slug"].as_str().unwrap().to_string()).collect();
    assert_eq!(slugs, vec!["team"]);
    // The UI itself is served there too.
    let (code, body) = ns.curl(&[&format!("{url}/")]).await;
    assert_eq!(code, 200);
    assert!(body.contains("<div id=\"app\">") || body.contains("Hearth"), "{body}");
    // An admin on the LAN is not the host; a rebinding Host is refused.
    let (code, _) = ns.curl(&["-b", &jar, &format!("{url}/api/v1/server")]).await;
    assert_eq!(code, 403, "dan gets 403 on host-only routes");
    let (code, _) = ns.curl(&["-H", "Host: evil.example", &format!("{url}/api/v1/status")]).await;
    assert_eq!(code, 403);
    // The port is taken while it runs: a clear 409 for a second listener on it.
    let other = TestServer::start().await;
    let me2 = owner_principal(&other).await;
    other
        .engine
        .switch_to_multi(
            &me2,
            ToMulti {
                admin: Some(hearth::domain::mode::AdminCredentials {
                    username: "o".repeat(2),
                    password: hearth::domain::passwords::Secret::new(OWNER_PASSWORD.into()),
                }),
                current_password: None,
                from_host_terminal: false,
            },
        )
        .await
        .unwrap();
    let e = other
        .engine
        .start_lan(
            &me2,
            hearth::domain::lan::LanOptions { bind: Some(ns.host_ip.parse().unwrap()), port: Some(port as u16) },
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), "port_in_use");

    let (s, st) = call(srv, "POST", "/api/v1/server", Some(&host), Some(json!({"action": "stop"}))).await;
    assert_eq!((s, st["running"].clone()), (200, json!(false)));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (code, _) = ns.curl(&[&format!("{url}/api/v1/status")]).await;
    assert_eq!(code, 0, "nothing listens after stop");
    let _ = std::fs::remove_file(&jar);
    let kinds: Vec<String> = sql(srv, |c| {
        let mut s = c.prepare("SELECT kind FROM events WHERE kind LIKE 'server_%' ORDER BY id")?;
        let rows = s.query_map([], |r| r.get(0))?;
        rows.collect()
    })
    .await;
    assert_eq!(kinds, vec!["server_started", "server_stopped"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lan_names_qr_and_back_to_single_stops_it() {
    let f = multi().await;
    let srv = &f.srv;
    let ns = Netns::create();
    let host = session_for(srv, &f.owner, true).await;
    let (_, st) = call(
        srv,
        "POST",
        "/api/v1/server",
        Some(&host),
        Some(json!({"action": "start", "bind": ns.host_ip, "port": 0})),
    )
    .await;
    let url = st["urls"][0].as_str().unwrap().to_string();
    let port = st["port"].as_u64().unwrap();

    // A QR code for one of the server's URLs; none for anything else.
    let r = reqwest::Client::new()
        .get(srv.url(&format!("/api/v1/server/qr?url={url}")))
        .header("cookie", &host)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers().get("content-type").unwrap(), "image/svg+xml");
    assert!(r.text().await.unwrap().contains("<svg"));
    let (s, _) = call(srv, "GET", "/api/v1/server/qr?url=http://evil.example/", Some(&host), None).await;
    assert_eq!(s, 404);

    // Names the admin lists are accepted as Host; wildcards are refused; others stay out.
    let by_name = |name: &str| format!("Host: {name}:{port}");
    let target = format!("http://{}:{port}/api/v1/status", ns.host_ip);
    assert_eq!(ns.curl(&["-H", &by_name("hearth.lan"), &target]).await.0, 403);
    let (s, v) =
        call(srv, "POST", "/api/v1/server", Some(&host), Some(json!({"action": "hosts", "allowedHosts": ["*.lan"]})))
            .await;
    assert_eq!((s, v["error"]["code"].as_str()), (422, Some("invalid_host_name")));
    let (s, v) = call(
        srv,
        "POST",
        "/api/v1/server",
        Some(&host),
        Some(json!({"action": "hosts", "allowedHosts": ["Hearth.LAN"]})),
    )
    .await;
    assert_eq!((s, v["allowedHosts"].clone()), (200, json!(["hearth.lan"])));
    assert_eq!(ns.curl(&["-H", &by_name("hearth.lan"), &target]).await.0, 200);
    assert_eq!(ns.curl(&["-H", &by_name("other.lan"), &target]).await.0, 403);

    // Pinning puts a URL first.
    let (_, v) = call(srv, "POST", "/api/v1/server", Some(&host), Some(json!({"action": "pin", "url": url}))).await;
    assert_eq!(v["pinned"], url.as_str());

    // Back to single-user (host only) stops the server.
    let ada = session_for(srv, &f.ada, false).await;
    assert_eq!(call(srv, "POST", "/api/v1/mode", Some(&ada), Some(json!({"mode": "single"}))).await.0, 403);
    let (s, v) = call(srv, "POST", "/api/v1/mode", Some(&host), Some(json!({"mode": "single"}))).await;
    assert_eq!((s, v["mode"].as_str()), (200, Some("single")));
    assert_eq!(ns.curl(&[&target]).await.0, 0, "the LAN server stopped with the switch");
    let (_, st) = call(srv, "GET", "/api/v1/server", Some(&host), None).await;
    assert_eq!(st["running"], false);
}

/// `hearth mode single` from a terminal while the server shares on the LAN: the owner's
/// session from the network stops working at once, and the running server notices the
/// switch and closes its LAN port, as the in-process switch does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_mode_single_on_a_live_server_closes_the_lan() {
    let f = multi().await;
    let srv = &f.srv;
    let ns = Netns::create();
    let host = session_for(srv, &f.owner, true).await;
    let (s, st) = call(
        srv,
        "POST",
        "/api/v1/server",
        Some(&host),
        Some(json!({"action": "start", "bind": ns.host_ip, "port": 0})),
    )
    .await;
    assert_eq!(s, 200, "{st}");
    let url = format!("http://{}:{}", ns.host_ip, st["port"]);
    let jar = format!("/tmp/hearth-jar-single-{}", std::process::id());
    let login = json!({"username": "owner", "password": OWNER_PASSWORD}).to_string();
    let (code, body) = ns
        .curl(&[
            "-c",
            &jar,
            "-H",
            "content-type: application/json",
            "-H",
            &format!("Origin: {url}"),
            "-d",
            &login,
            &format!("{url}/api/v1/auth/login"),
        ])
        .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(ns.curl(&["-b", &jar, &format!("{url}/api/v1/workspaces")]).await.0, 200);

    let data = srv.dir.path().join("data");
    let (ok, _, err) = run_cli(&data, &["mode", "single"], None).await;
    assert!(ok, "{err}");
    // The very next request from the network: no access (refused, or the port already closed).
    let (code, _) = ns.curl(&["-b", &jar, &format!("{url}/api/v1/workspaces")]).await;
    assert!(code == 401 || code == 0, "the owner's LAN session opens nothing in single-user mode: {code}");
    let mut closed = false;
    // The server looks once a second; a loaded machine gets ten.
    for _ in 0..100 {
        if ns.curl(&[&format!("{url}/api/v1/health")]).await.0 == 0 {
            closed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(closed, "the running server closed its LAN port after the terminal's switch");
    assert!(!srv.engine.lan_status().await.unwrap().running);
    let _ = std::fs::remove_file(&jar);
}

/// `hearth user …` on the data directory of a running server (PRODUCT C1).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_manages_users_while_the_server_runs() {
    let f = multi().await;
    let srv = &f.srv;
    let data = srv.dir.path().join("data");
    let run = |args: Vec<String>, stdin: Option<String>| {
        let data = data.clone();
        async move {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            Ok::<_, std::convert::Infallible>(run_cli(&data, &args, stdin.as_deref()).await)
        }
    };
    let (dan, _) = login(srv, "dan", USER_PASSWORD).await;
    assert_eq!(dan.get("/api/v1/me").await.status(), 200);
    let (ok, _, err) = run(vec!["user".into(), "mod".into(), "dan".into(), "--suspend".into()], None).await.unwrap();
    assert!(ok, "{err}");
    assert_eq!(dan.get("/api/v1/me").await.status(), 401, "suspended from the terminal: the next request is refused");

    let (ok, out, err) = run(
        vec![
            "user".into(),
            "add".into(),
            "--username".into(),
            "eve".into(),
            "--role".into(),
            "manager".into(),
            "--password-stdin".into(),
        ],
        Some("eve's long password\n".into()),
    )
    .await
    .unwrap();
    assert!(ok, "{out} {err}");
    assert_eq!(login(srv, "eve", "eve's long password").await.1, 200);
    let (ok, _, err) = run(
        vec![
            "user".into(),
            "add".into(),
            "--username".into(),
            "Bad Name".into(),
            "--role".into(),
            "default".into(),
            "--password-stdin".into(),
        ],
        Some("whatever long phrase\n".into()),
    )
    .await
    .unwrap();
    assert!(!ok && err.contains("invalid_username"), "{err}");
    let (ok, out, _) = run(vec!["user".into(), "list".into(), "--json".into()], None).await.unwrap();
    assert!(ok);
    let list: Value = serde_json::from_str(&out).unwrap();
    let eve = list.as_array().unwrap().iter().find(|u| u["username"] == "eve").unwrap();
    assert_eq!(eve["role"], "manager");
    assert!(eve.get("passwordHash").is_none() && !out.contains("argon2"));
    let (ok, _, _) = run(
        vec!["user".into(), "passwd".into(), "eve".into(), "--password-stdin".into()],
        Some("a newer password\n".into()),
    )
    .await
    .unwrap();
    assert!(ok);
    assert_eq!(login(srv, "eve", "a newer password").await.1, 200);
    let (ok, _, err) = run(vec!["user".into(), "del".into(), "owner".into(), "--yes".into()], None).await.unwrap();
    assert!(!ok && err.contains("owner_protected"), "{err}");
    let (ok, out, _) = run(vec!["mode".into()], None).await.unwrap();
    assert!(ok && out.trim() == "multi");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_authorizations_are_in_the_event_log() {
    let f = multi().await;
    let srv = &f.srv;
    let dan = session_for(srv, &f.dan, false).await;
    assert_eq!(call(srv, "GET", "/api/v1/users", Some(&dan), None).await.0, 403);
    assert_eq!(call(srv, "POST", "/api/v1/mode", Some(&dan), Some(json!({"mode": "single"}))).await.0, 403);
    // Anonymous refusals stay out of the database (nobody can fill it from outside).
    let r = reqwest::Client::new().get(srv.url("/api/v1/status")).header("host", "evil.example").send().await.unwrap();
    assert_eq!(r.status(), 403);
    let rows: Vec<(Option<String>, String)> = sql(srv, |c| {
        let mut s = c.prepare("SELECT user_id, details FROM events WHERE kind = 'access_denied' ORDER BY id")?;
        let rows = s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    })
    .await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|(u, _)| u.as_deref() == Some(f.dan.as_str())));
    assert!(rows[0].1.contains("/api/v1/users") && rows[1].1.contains("/api/v1/mode"));
}

/// Words that are true: the right password of a suspended account is told so (and whom to
/// ask), a wrong one gets the one answer; a session someone else ended says why at its next
/// request; a session that ended by sign-out does not claim an admin did it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suspended_accounts_and_ended_sessions_are_told_why() {
    let f = multi().await;
    let srv = &f.srv;
    let ada = session_for(srv, &f.ada, false).await;
    let sign_in = |pw: &'static str| {
        let c = srv.client();
        async move {
            let r = c.post("/api/v1/auth/login", json!({"username": "dan", "password": pw})).await;
            (c, parts(r).await)
        }
    };
    let (dan, (s, _)) = sign_in(USER_PASSWORD).await;
    assert_eq!(s, 200);
    let (s, _) =
        call(srv, "PATCH", &format!("/api/v1/users/{}", f.dan), Some(&ada), Some(json!({"suspended": true}))).await;
    assert_eq!(s, 200);
    let (s, body) = parts(dan.get("/api/v1/me").await).await;
    assert_eq!((s, body["error"]["code"].as_str()), (401, Some("session_ended")), "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("suspended"), "{body}");
    // Wrong password: the one answer. Right password: suspended, and the admins to ask.
    let (_, (s, body)) = sign_in("not the password").await;
    assert_eq!((s, body["error"]["code"].as_str()), (401, Some("invalid_credentials")), "{body}");
    let (_, (s, body)) = sign_in(USER_PASSWORD).await;
    assert_eq!((s, body["error"]["code"].as_str()), (403, Some("account_suspended")), "{body}");
    let msg = body["error"]["message"].as_str().unwrap();
    assert!(msg.contains("Ask ") && msg.contains("ada") && !msg.contains("dan"), "{msg}");

    // Back, then each other way an admin ends a session names itself.
    let (s, _) =
        call(srv, "PATCH", &format!("/api/v1/users/{}", f.dan), Some(&ada), Some(json!({"suspended": false}))).await;
    assert_eq!(s, 200);
    for (how, words) in [("reset", "reset your password"), ("end", "ended your session"), ("role", "changed your role")]
    {
        let pw = if how == "reset" { USER_PASSWORD } else { "a new long password 7" };
        let (dan, (s, body)) = sign_in(pw).await;
        assert_eq!(s, 200, "{how}: {body}");
        let (s, _) = match how {
            "reset" => {
                call(
                    srv,
                    "POST",
                    &format!("/api/v1/users/{}/password", f.dan),
                    Some(&ada),
                    Some(json!({"newPassword": "a new long password 7"})),
                )
                .await
            }
            "end" => call(srv, "DELETE", &format!("/api/v1/users/{}/sessions", f.dan), Some(&ada), None).await,
            _ => {
                call(srv, "PATCH", &format!("/api/v1/users/{}", f.dan), Some(&ada), Some(json!({"role": "manager"})))
                    .await
            }
        };
        assert!(s < 300, "{how}: {s}");
        let (s, body) = parts(dan.get("/api/v1/me").await).await;
        assert_eq!((s, body["error"]["code"].as_str()), (401, Some("session_ended")), "{how}: {body}");
        assert!(body["error"]["message"].as_str().unwrap().contains(words), "{how}: {body}");
    }
    // Signing out oneself is no one else's doing.
    let (dan, _) = sign_in("a new long password 7").await;
    assert_eq!(dan.post("/api/v1/auth/logout", json!({})).await.status(), 204);
    let (s, body) = parts(dan.get("/api/v1/me").await).await;
    assert_eq!((s, body["error"]["code"].as_str()), (401, Some("unauthenticated")), "{body}");
}

/// "All interfaces" lists only addresses that work: it listens on IPv6 as well as IPv4 (one
/// dual-stack socket), and another host reaches it over both; an IPv4 client is recorded by
/// its IPv4 address. The interfaces to choose from are listed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_interfaces_serves_ipv4_and_ipv6_and_lists_both() {
    let f = multi().await;
    let srv = &f.srv;
    let ns = Netns::create();
    let host = session_for(srv, &f.owner, true).await;
    let (s, st) = call(
        srv,
        "POST",
        "/api/v1/server",
        Some(&host),
        Some(json!({"action": "start", "bind": "0.0.0.0", "port": 0})),
    )
    .await;
    assert_eq!(s, 200, "{st}");
    assert_eq!(st["dualStack"], true, "{st}");
    let port = st["port"].as_u64().unwrap();
    let urls: Vec<String> = st["urls"].as_array().unwrap().iter().map(|u| u.as_str().unwrap().to_string()).collect();
    let (v4, v6) = (format!("http://{}:{port}", ns.host_ip), format!("http://[{}]:{port}", ns.host_ip6));
    assert!(urls.contains(&format!("{v4}/")) && urls.contains(&format!("{v6}/")), "{urls:?}");
    let names: Vec<&str> =
        st["interfaces"].as_array().unwrap().iter().map(|i| i["address"].as_str().unwrap()).collect();
    assert!(names.contains(&ns.host_ip.as_str()) && names.contains(&ns.host_ip6.as_str()), "{names:?}");
    for base in [&v4, &v6] {
        let (code, body) = ns.curl(&["-g", &format!("{base}/api/v1/health")]).await;
        assert_eq!(code, 200, "{base}: {body}");
        // Every listed URL's Host is one the server answers to.
        let (code, _) = ns.curl(&["-g", &format!("{base}/api/v1/status")]).await;
        assert_eq!(code, 200, "{base}");
    }
    // An IPv4 client is itself, not ::ffff:…, in the log.
    let body = json!({"username": "dan", "password": "not his password"}).to_string();
    for base in [&v4, &v6] {
        let (code, _) = ns
            .curl(&[
                "-g",
                "-H",
                "content-type: application/json",
                "-H",
                &format!("Origin: {base}"),
                "-d",
                &body,
                &format!("{base}/api/v1/auth/login"),
            ])
            .await;
        assert_eq!(code, 401);
    }
    let addrs: Vec<String> = sql(srv, |c| {
        let mut s = c.prepare("SELECT address FROM events WHERE kind = 'login_failed' ORDER BY id")?;
        let rows = s.query_map([], |r| r.get(0))?;
        rows.collect()
    })
    .await;
    assert_eq!(addrs, vec![ns.peer_ip.clone(), ns.peer_ip6.clone()]);
    let (s, st) = call(srv, "POST", "/api/v1/server", Some(&host), Some(json!({"action": "stop"}))).await;
    assert_eq!((s, st["running"].clone()), (200, json!(false)));
}
