//! Single-user mode and the password lock (PRODUCT M1, M2; U7 sessions).

use std::time::Duration;

use serde_json::json;

use crate::common::*;

/// Every route of the API that is not public, with a body that would be valid.
fn protected_routes() -> Vec<(&'static str, &'static str, Option<serde_json::Value>)> {
    vec![
        ("GET", "/api/v1/me", None),
        ("PATCH", "/api/v1/me", Some(json!({"displayName": "x"}))),
        ("PUT", "/api/v1/me/lock", Some(json!({"currentPassword": PASSWORD, "newPassword": "another long phrase"}))),
        ("DELETE", "/api/v1/me/lock", Some(json!({"currentPassword": PASSWORD}))),
        ("GET", "/api/v1/workspaces", None),
        ("POST", "/api/v1/workspaces", Some(json!({"name": "sneaky"}))),
        ("GET", "/api/v1/workspaces/notes", None),
        ("PATCH", "/api/v1/workspaces/notes", Some(json!({"name": "renamed"}))),
        ("DELETE", "/api/v1/workspaces/notes", None),
        ("GET", "/api/v1/settings", None),
        ("PATCH", "/api/v1/settings", Some(json!({"idleTimeoutMinutes": 5}))),
    ]
}

#[tokio::test]
async fn without_a_password_the_owner_is_served_without_login() {
    let srv = TestServer::start().await;
    let c = srv.client();
    let (s, st) = parts(c.get("/api/v1/status").await).await;
    assert_eq!(s, 200);
    assert_eq!(st["mode"], "single");
    assert_eq!(st["locked"], false);
    assert_eq!(st["lockEnabled"], false);
    let (s, me) = parts(c.get("/api/v1/me").await).await;
    assert_eq!(s, 200);
    assert_eq!(me["isOwner"], true);
    assert_eq!(me["role"], "admin");
    assert!(me.get("passwordHash").is_none());
    let (s, ws) = parts(c.post("/api/v1/workspaces", json!({"name": "Notes"})).await).await;
    assert_eq!(s, 201);
    assert_eq!(ws["slug"], "notes");
    // Lock is refused while there is no password.
    assert_eq!(error_code(c.send("POST", "/api/v1/auth/lock", None).await).await, (409, "no_lock_password".into()));
    srv.stop().await;
}

#[tokio::test]
async fn set_lock_unlock_change_and_remove() {
    let srv = TestServer::start().await;
    let owner = srv.client();
    owner.post("/api/v1/workspaces", json!({"name": "Notes"})).await;

    // Too short and too common passwords are refused and change nothing.
    for weak in ["short", "password123", "Hearth2025!"] {
        let (s, code) =
            error_code(owner.send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": weak}))).await).await;
        assert_eq!((s, code.as_str()), (422, "weak_password"), "{weak}");
    }
    assert_eq!(parts(owner.get("/api/v1/status").await).await.1["lockEnabled"], false);

    let (s, body) = parts(owner.send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": PASSWORD}))).await).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["user"]["lockEnabled"], true);
    // The window that set the password keeps working (it got a fresh session)...
    assert_eq!(owner.get("/api/v1/workspaces").await.status(), 200);
    // ...while any other client is locked out of every non-public route.
    let stranger = srv.client();
    let st = parts(stranger.get("/api/v1/status").await).await.1;
    assert_eq!((st["locked"].clone(), st["lockEnabled"].clone()), (json!(true), json!(true)));
    for (m, path, body) in protected_routes() {
        let (s, code) = error_code(stranger.send(m, path, body).await).await;
        assert_eq!((s, code.as_str()), (401, "locked"), "{m} {path}");
    }
    // Nothing that the locked client tried went through.
    let list = parts(owner.get("/api/v1/workspaces").await).await.1;
    let names: Vec<_> =
        list["items"].as_array().unwrap().iter().map(|w| w["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, vec!["Notes"]);
    // Public routes still answer.
    assert_eq!(stranger.get("/api/v1/health").await.status(), 200);

    // Wrong password: generic error; right password: a session.
    let (s, code) =
        error_code(stranger.post("/api/v1/auth/unlock", json!({"password": "not the password"})).await).await;
    assert_eq!((s, code.as_str()), (401, "invalid_credentials"));
    let r = stranger.post("/api/v1/auth/unlock", json!({"password": PASSWORD})).await;
    assert_eq!(r.status(), 200);
    let cookie = r.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Max-Age"), "without remember-me the cookie ends with the browser: {cookie}");
    assert_eq!(stranger.get("/api/v1/workspaces").await.status(), 200);

    // Changing needs the current password.
    let (s, code) =
        error_code(stranger.send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": "a different phrase"}))).await)
            .await;
    assert_eq!((s, code.as_str()), (401, "invalid_credentials"));
    let (s, code) = error_code(
        stranger
            .send(
                "PUT",
                "/api/v1/me/lock",
                Some(json!({"currentPassword": "wrong one!", "newPassword": "a different phrase"})),
            )
            .await,
    )
    .await;
    assert_eq!((s, code.as_str()), (401, "invalid_credentials"));
    let r = stranger
        .send("PUT", "/api/v1/me/lock", Some(json!({"currentPassword": PASSWORD, "newPassword": "a different phrase"})))
        .await;
    assert_eq!(r.status(), 200);
    // A change ends the other sessions: the first window is locked now.
    assert_eq!(error_code(owner.get("/api/v1/me").await).await, (401, "locked".into()));
    assert_eq!(stranger.get("/api/v1/me").await.status(), 200);
    let fresh = srv.client();
    assert_eq!(fresh.post("/api/v1/auth/unlock", json!({"password": PASSWORD})).await.status(), 401);
    assert_eq!(fresh.post("/api/v1/auth/unlock", json!({"password": "a different phrase"})).await.status(), 200);

    // Removing needs the current password too; then everyone is the owner again.
    let (s, _) = error_code(
        stranger.send("DELETE", "/api/v1/me/lock", Some(json!({"currentPassword": "nope nope nope"}))).await,
    )
    .await;
    assert_eq!(s, 401);
    assert_eq!(
        stranger
            .send("DELETE", "/api/v1/me/lock", Some(json!({"currentPassword": "a different phrase"})))
            .await
            .status(),
        204
    );
    let st = parts(srv.client().get("/api/v1/status").await).await.1;
    assert_eq!((st["locked"].clone(), st["lockEnabled"].clone()), (json!(false), json!(false)));
    assert_eq!(srv.client().get("/api/v1/workspaces").await.status(), 200);
    srv.stop().await;
}

#[tokio::test]
async fn lock_now_and_logout_end_sessions() {
    let srv = TestServer::start().await;
    let a = srv.client();
    assert_eq!(a.send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": PASSWORD}))).await.status(), 200);
    let b = srv.client();
    assert_eq!(b.post("/api/v1/auth/unlock", json!({"password": PASSWORD, "rememberMe": true})).await.status(), 200);
    assert_eq!(b.get("/api/v1/me").await.status(), 200);

    // Logout ends only that session.
    assert_eq!(b.send("POST", "/api/v1/auth/logout", None).await.status(), 204);
    assert_eq!(error_code(b.get("/api/v1/me").await).await, (401, "locked".into()));
    assert_eq!(a.get("/api/v1/me").await.status(), 200);

    // A replayed cookie after logout opens nothing: the server forgot the session.
    let c = srv.client();
    let r = c.post("/api/v1/auth/unlock", json!({"password": PASSWORD})).await;
    let token = r.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
    assert_eq!(c.send("POST", "/api/v1/auth/logout", None).await.status(), 204);
    let replay = reqwest::Client::new().get(srv.url("/api/v1/me")).header("cookie", &token).send().await.unwrap();
    assert_eq!(replay.status(), 401);

    // Lock now ends every session of the owner, everywhere.
    assert_eq!(b.post("/api/v1/auth/unlock", json!({"password": PASSWORD})).await.status(), 200);
    assert_eq!(a.send("POST", "/api/v1/auth/lock", None).await.status(), 204);
    assert_eq!(error_code(a.get("/api/v1/me").await).await, (401, "locked".into()));
    assert_eq!(error_code(b.get("/api/v1/me").await).await, (401, "locked".into()));
    srv.stop().await;
}

#[tokio::test]
async fn unlock_gives_a_new_token_each_time() {
    let srv = TestServer::start().await;
    let a = srv.client();
    a.send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": PASSWORD}))).await;
    let raw = reqwest::Client::new();
    let first = raw
        .post(srv.url("/api/v1/auth/unlock"))
        .header("x-hearth-csrf", "1")
        .json(&json!({"password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let t1 = first.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
    // Unlocking again while holding t1 replaces it (no fixation, ASVS 7.2.4).
    let second = raw
        .post(srv.url("/api/v1/auth/unlock"))
        .header("x-hearth-csrf", "1")
        .header("cookie", &t1)
        .json(&json!({"password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let t2 = second.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
    assert_ne!(t1, t2);
    let me = |t: String| raw.get(srv.url("/api/v1/me")).header("cookie", t).send();
    assert_eq!(me(t1).await.unwrap().status(), 401);
    assert_eq!(me(t2).await.unwrap().status(), 200);
    srv.stop().await;
}

#[tokio::test]
async fn idle_sessions_end_and_active_ones_stay() {
    let srv = TestServer::start_with(|c| c.idle_timeout_override = Some(Duration::from_secs(2))).await;
    let a = srv.client();
    a.send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": PASSWORD}))).await;
    let busy = srv.client();
    busy.post("/api/v1/auth/unlock", json!({"password": PASSWORD})).await;
    // `busy` keeps working every half second for 4 s: longer than the idle timeout.
    for _ in 0..8 {
        sleep_secs(0.5).await;
        assert_eq!(busy.get("/api/v1/me").await.status(), 200);
    }
    // `a` was idle all that time: it is locked now.
    assert_eq!(error_code(a.get("/api/v1/me").await).await, (401, "locked".into()));
    srv.stop().await;
}

#[tokio::test]
async fn unlock_is_throttled() {
    let srv = TestServer::start().await;
    let a = srv.client();
    a.send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": PASSWORD}))).await;
    let b = srv.client();
    let mut last = 0;
    let mut retry_after = None;
    for _ in 0..8 {
        let r = b.post("/api/v1/auth/unlock", json!({"password": "guess guess guess"})).await;
        last = r.status().as_u16();
        retry_after = r.headers().get("retry-after").map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
        if last == 429 {
            break;
        }
    }
    assert_eq!(last, 429);
    assert!(retry_after.is_some_and(|s| (1..=30).contains(&s)), "{retry_after:?}");
    // While throttled even the right password waits: no oracle for guesses.
    assert_eq!(b.post("/api/v1/auth/unlock", json!({"password": PASSWORD})).await.status(), 429);
    // Every attempt is in the event log.
    let n: i64 = srv
        .engine
        .db()
        .run(|c| {
            c.query_row("SELECT count(*) FROM events WHERE kind IN ('unlock_failed', 'unlock_throttled')", [], |r| {
                r.get(0)
            })
            .map_err(hearth::store::StoreError::from)
        })
        .await
        .unwrap();
    assert!(n >= 6, "{n} events");
    srv.stop().await;
}

#[tokio::test]
async fn idle_timeout_is_a_setting() {
    let srv = TestServer::start().await;
    let a = srv.client();
    let (s, v) = parts(a.get("/api/v1/settings").await).await;
    assert_eq!((s, v["idleTimeoutMinutes"].clone()), (200, json!(30)));
    let (s, code) = error_code(a.send("PATCH", "/api/v1/settings", Some(json!({"idleTimeoutMinutes": 0}))).await).await;
    assert_eq!((s, code.as_str()), (422, "invalid_idle_timeout"));
    let (s, v) = parts(a.send("PATCH", "/api/v1/settings", Some(json!({"idleTimeoutMinutes": 5}))).await).await;
    assert_eq!((s, v["idleTimeoutMinutes"].clone()), (200, json!(5)));
    assert_eq!(srv.engine.idle_timeout(), Duration::from_secs(300));
    srv.stop().await;
}

/// A hash made with weaker argon2 parameters than today's (an older Hearth, or parameters
/// that rose): it still verifies, and the first successful unlock or login stores a new hash
/// of the same password at today's parameters (SECURITY.md, "rehash on login"). A failed
/// attempt changes nothing.
#[tokio::test]
async fn weak_hashes_are_upgraded_at_unlock_and_login() {
    use argon2::password_hash::{PasswordHasher, SaltString};
    fn weak(pw: &str) -> String {
        let params = argon2::Params::new(4096, 1, 1, None).unwrap();
        argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
            .hash_password(pw.as_bytes(), &SaltString::generate(&mut rand::rngs::OsRng))
            .unwrap()
            .to_string()
    }
    const TODAY: &str = "$argon2id$v=19$m=19456,t=2,p=1$";

    // Single-user unlock.
    let srv = TestServer::start().await;
    let a = srv.client();
    a.send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": PASSWORD}))).await;
    let old = weak(PASSWORD);
    let o = old.clone();
    crate::fixture::sql(&srv, move |c| {
        c.execute("UPDATE users SET password_hash = ?1 WHERE password_hash IS NOT NULL", [o])
    })
    .await;
    let stored = || {
        crate::fixture::sql(&srv, |c| {
            c.query_row("SELECT password_hash FROM users WHERE password_hash IS NOT NULL", [], |r| {
                r.get::<_, String>(0)
            })
        })
    };
    let b = srv.client();
    assert_eq!(b.post("/api/v1/auth/unlock", json!({"password": "not the password"})).await.status(), 401);
    assert_eq!(stored().await, old, "a failed unlock changes nothing");
    assert_eq!(b.post("/api/v1/auth/unlock", json!({"password": PASSWORD})).await.status(), 200);
    let new = stored().await;
    assert!(new.starts_with(TODAY), "upgraded to today's parameters: {new}");
    let c = srv.client();
    assert_eq!(
        c.post("/api/v1/auth/unlock", json!({"password": PASSWORD})).await.status(),
        200,
        "the same password still opens"
    );
    assert_eq!(stored().await, new, "hashed once, not at every unlock");
    assert_eq!(b.get("/api/v1/me").await.status(), 200, "the upgrade is not a password change: sessions stay");
    srv.stop().await;

    // Multi-user login.
    let m = crate::fixture::multi().await;
    let old = weak(crate::fixture::USER_PASSWORD);
    let (o, dan) = (old.clone(), m.dan.clone());
    crate::fixture::sql(&m.srv, move |c| c.execute("UPDATE users SET password_hash = ?1 WHERE id = ?2", [o, dan]))
        .await;
    let dan = m.dan.clone();
    let stored = || {
        let dan = dan.clone();
        crate::fixture::sql(&m.srv, move |c| {
            c.query_row("SELECT password_hash FROM users WHERE id = ?1", [dan], |r| r.get::<_, String>(0))
        })
    };
    let client = m.srv.client();
    let login = |pw: &'static str| client.post("/api/v1/auth/login", json!({"username": "dan", "password": pw}));
    assert_eq!(login("not the password").await.status(), 401);
    assert_eq!(stored().await, old);
    assert_eq!(login(crate::fixture::USER_PASSWORD).await.status(), 200);
    assert!(stored().await.starts_with(TODAY), "upgraded at login");
    assert_eq!(login(crate::fixture::USER_PASSWORD).await.status(), 200);
    m.srv.stop().await;
}
