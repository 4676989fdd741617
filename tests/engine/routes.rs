//! The capability matrix, route by route: every route of the API router is called as
//! anonymous, default, manager, admin (not host), suspended and the host over loopback, and
//! as an admin over the LAN server (and with the host's own cookie replayed over the LAN,
//! which must not make it the host), on objects that are and are not the caller's, and each
//! status is checked. A route added to the router without a row here fails
//! `every_route_has_a_row`.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::fixture::*;

const CALLERS: [&str; 8] =
    ["anonymous", "default", "manager", "admin", "suspended", "host", "LAN admin", "host cookie over the LAN"];
/// The two LAN callers answer as the admin column says: over the network nobody is the host.
const AS_ADMIN: usize = 3;

pub(crate) struct Row {
    pub(crate) method: &'static str,
    pub(crate) route: &'static str,
    pub(crate) path: &'static str,
    pub(crate) body: Option<Value>,
    expect: [u16; 6],
}

fn row(method: &'static str, route: &'static str, path: &'static str, body: Option<Value>, expect: [u16; 6]) -> Row {
    Row { method, route, path, body, expect }
}

const AUTHED: [u16; 6] = [401, 200, 200, 200, 401, 200];

pub(crate) fn table() -> Vec<Row> {
    let pw = USER_PASSWORD;
    vec![
        // Public.
        row("GET", "/status", "/status", None, [200; 6]),
        row("GET", "/health", "/health", None, [200; 6]),
        row("POST", "/auth/login", "/auth/login", Some(json!({"username": "logme", "password": pw})), [200; 6]),
        row("POST", "/auth/unlock", "/auth/unlock", Some(json!({"password": pw})), [409; 6]),
        row("POST", "/auth/lock", "/auth/lock", None, [409; 6]),
        row("POST", "/auth/logout", "/auth/logout", None, [204; 6]),
        row("GET", "/auth/users", "/auth/users", None, [404; 6]),
        // Self.
        row("GET", "/me", "/me", None, AUTHED),
        row("PATCH", "/me", "/me", Some(json!({"displayName": "Renamed"})), AUTHED),
        row(
            "POST",
            "/me/password",
            "/me/password",
            Some(json!({"currentPassword": pw, "newPassword": pw})),
            [401, 204, 204, 204, 401, 204],
        ),
        row(
            "PUT",
            "/me/lock",
            "/me/lock",
            Some(json!({"newPassword": "long enough phrase"})),
            [401, 409, 409, 409, 401, 409],
        ),
        row("DELETE", "/me/lock", "/me/lock", Some(json!({"currentPassword": pw})), [401, 409, 409, 409, 401, 409]),
        row("PUT", "/me/avatar", "/me/avatar", Some(json!("png")), [401, 204, 204, 204, 401, 204]),
        row("DELETE", "/me/avatar", "/me/avatar", None, [401, 204, 204, 204, 401, 204]),
        row("GET", "/me/sessions", "/me/sessions", None, AUTHED),
        row("DELETE", "/me/sessions/{id}", "/me/sessions/{zed_session}", None, [401, 404, 404, 404, 401, 404]),
        // Memories and the personal backup: everyone signed in, each their own.
        row("GET", "/me/memories", "/me/memories", None, AUTHED),
        row(
            "POST",
            "/me/memories",
            "/me/memories",
            Some(json!({"content": "I like tea"})),
            [401, 201, 201, 201, 401, 201],
        ),
        row(
            "PATCH",
            "/me/memories/{id}",
            "/me/memories/nope",
            Some(json!({"content": "x"})),
            [401, 404, 404, 404, 401, 404],
        ),
        row("DELETE", "/me/memories/{id}", "/me/memories/nope", None, [401, 404, 404, 404, 401, 404]),
        row("GET", "/me/backup", "/me/backup", None, AUTHED),
        row("GET", "/users/{id}/avatar", "/users/{zed}/avatar", None, AUTHED),
        // Workspaces: "team" has dan and mia as members, "private" nobody.
        row("GET", "/workspaces", "/workspaces", None, AUTHED),
        row("POST", "/workspaces", "/workspaces", Some(json!({"name": "New one"})), [401, 403, 201, 201, 401, 201]),
        row("GET", "/workspaces/{slug}", "/workspaces/team", None, AUTHED),
        row("GET", "/workspaces/{slug}", "/workspaces/private", None, [401, 404, 200, 200, 401, 200]),
        row(
            "PATCH",
            "/workspaces/{slug}",
            "/workspaces/team",
            Some(json!({"systemPrompt": "p"})),
            [401, 403, 200, 200, 401, 200],
        ),
        row(
            "PATCH",
            "/workspaces/{slug}",
            "/workspaces/private",
            Some(json!({"systemPrompt": "p"})),
            [401, 404, 200, 200, 401, 200],
        ),
        row("DELETE", "/workspaces/{slug}", "/workspaces/{fresh_team_ws}", None, [401, 403, 204, 204, 401, 204]),
        row("DELETE", "/workspaces/{slug}", "/workspaces/{fresh_private_ws}", None, [401, 404, 204, 204, 401, 204]),
        row("GET", "/workspaces/{slug}/members", "/workspaces/team/members", None, [401, 403, 200, 200, 401, 200]),
        row("GET", "/workspaces/{slug}/members", "/workspaces/private/members", None, [401, 404, 200, 200, 401, 200]),
        row(
            "PUT",
            "/workspaces/{slug}/members",
            "/workspaces/team/members",
            Some(json!({"userIds": ["{dan}", "{mia}"]})),
            [401, 403, 200, 200, 401, 200],
        ),
        row(
            "PUT",
            "/workspaces/{slug}/members",
            "/workspaces/private/members",
            Some(json!({"userIds": []})),
            [401, 404, 200, 200, 401, 200],
        ),
        row("GET", "/workspaces/{slug}/threads", "/workspaces/team/threads", None, AUTHED),
        row("GET", "/workspaces/{slug}/threads", "/workspaces/private/threads", None, [401, 404, 200, 200, 401, 200]),
        row(
            "POST",
            "/workspaces/{slug}/threads",
            "/workspaces/team/threads",
            Some(json!({"title": "mine"})),
            [401, 201, 201, 201, 401, 201],
        ),
        row(
            "POST",
            "/workspaces/{slug}/threads",
            "/workspaces/private/threads",
            Some(json!({"title": "mine"})),
            [401, 404, 201, 201, 401, 201],
        ),
        // Documents: members read and search; admins and managers upload, remove, retry (a
        // JSON body is not an upload: they reach that check, a default user never does).
        row("GET", "/workspaces/{slug}/documents", "/workspaces/team/documents", None, AUTHED),
        row(
            "GET",
            "/workspaces/{slug}/documents",
            "/workspaces/private/documents",
            None,
            [401, 404, 200, 200, 401, 200],
        ),
        row(
            "POST",
            "/workspaces/{slug}/documents",
            "/workspaces/team/documents",
            Some(json!({})),
            [401, 403, 400, 400, 401, 400],
        ),
        row(
            "DELETE",
            "/workspaces/{slug}/documents/{id}",
            "/workspaces/team/documents/nope",
            None,
            [401, 403, 404, 404, 401, 404],
        ),
        row(
            "POST",
            "/workspaces/{slug}/documents/{id}/retry",
            "/workspaces/team/documents/nope/retry",
            None,
            [401, 403, 404, 404, 401, 404],
        ),
        row("GET", "/workspaces/{slug}/search", "/workspaces/team/search?q=hello", None, AUTHED),
        row(
            "GET",
            "/workspaces/{slug}/search",
            "/workspaces/private/search?q=hello",
            None,
            [401, 404, 200, 200, 401, 200],
        ),
        // Threads are their owner's alone: dan's thread is a 404 for everyone else.
        row("GET", "/threads/{id}", "/threads/{dan_thread}", None, [401, 200, 404, 404, 401, 404]),
        row(
            "PATCH",
            "/threads/{id}",
            "/threads/{dan_thread}",
            Some(json!({"title": "t2"})),
            [401, 200, 404, 404, 401, 404],
        ),
        row("DELETE", "/threads/{id}", "/threads/{fresh_dan_thread}", None, [401, 204, 404, 404, 401, 404]),
        row("GET", "/threads/{id}/messages", "/threads/{dan_thread}/messages", None, [401, 200, 404, 404, 401, 404]),
        row("GET", "/threads/{id}", "/threads/{mia_thread}", None, [401, 404, 200, 404, 401, 404]),
        // Chat: the thread's owner reaches validation (an empty message, no reply to attach
        // to or stop), everyone else a 404. (Replies themselves are tested in chat.rs.)
        row(
            "POST",
            "/threads/{id}/messages",
            "/threads/{dan_thread}/messages",
            Some(json!({"content": "  "})),
            [401, 422, 404, 404, 401, 404],
        ),
        row("GET", "/threads/{id}/stream", "/threads/{dan_thread}/stream", None, [401, 404, 404, 404, 401, 404]),
        row("POST", "/threads/{id}/stop", "/threads/{dan_thread}/stop", None, [401, 404, 404, 404, 401, 404]),
        // Regenerate: the owner reaches the check (no finished reply to write again).
        row(
            "POST",
            "/threads/{id}/regenerate",
            "/threads/{dan_thread}/regenerate",
            None,
            [401, 409, 404, 404, 401, 404],
        ),
        row(
            "GET",
            "/threads/{id}/messages",
            "/threads/{dan_thread}/messages?limit=0",
            None,
            [401, 422, 404, 404, 401, 404],
        ),
        // Everyone's chats and usage: admins and managers.
        row("GET", "/chats", "/chats", None, [401, 403, 200, 200, 401, 200]),
        row("GET", "/chats", "/chats?format=csv&user=dan", None, [401, 403, 200, 200, 401, 200]),
        row("GET", "/usage", "/usage", None, [401, 403, 200, 200, 401, 200]),
        row("GET", "/usage", "/usage?from=2026-02-30", None, [401, 403, 422, 422, 401, 422]),
        row("GET", "/models", "/models", None, AUTHED),
        row("GET", "/embedders", "/embedders", None, AUTHED),
        row("GET", "/me/usage", "/me/usage", None, AUTHED),
        row("GET", "/queue", "/queue", None, AUTHED),
        row("DELETE", "/queue/{id}", "/queue/nope", None, [401, 404, 404, 404, 401, 404]),
        row("POST", "/queue/pause", "/queue/pause", None, [401, 403, 403, 204, 401, 204]),
        row("POST", "/queue/resume", "/queue/resume", None, [401, 403, 403, 204, 401, 204]),
        // Providers: admins only (a URL that is not http(s) is refused before any network).
        row("GET", "/providers", "/providers", None, [401, 403, 403, 200, 401, 200]),
        row(
            "POST",
            "/providers",
            "/providers",
            Some(json!({"name": "p", "baseUrl": "ftp://nowhere"})),
            [401, 403, 403, 422, 401, 422],
        ),
        row("PATCH", "/providers/{id}", "/providers/nope", Some(json!({"name": "q"})), [401, 403, 403, 404, 401, 404]),
        row("DELETE", "/providers/{id}", "/providers/nope", None, [401, 403, 403, 404, 401, 404]),
        row("POST", "/providers/{id}/test", "/providers/nope/test", None, [401, 403, 403, 404, 401, 404]),
        // Administration: managers never act on admins.
        row("GET", "/users", "/users", None, [401, 403, 200, 200, 401, 200]),
        row(
            "POST",
            "/users",
            "/users",
            Some(json!({"username": "{fresh_name}", "password": pw, "role": "default"})),
            [401, 403, 201, 201, 401, 201],
        ),
        row(
            "POST",
            "/users",
            "/users",
            Some(json!({"username": "{fresh_name}", "password": pw, "role": "admin"})),
            [401, 403, 403, 201, 401, 201],
        ),
        row("GET", "/users/{id}", "/users/{dan}", None, [401, 403, 200, 200, 401, 200]),
        row(
            "PATCH",
            "/users/{id}",
            "/users/{fresh_default}",
            Some(json!({"displayName": "Z"})),
            [401, 403, 200, 200, 401, 200],
        ),
        row(
            "PATCH",
            "/users/{id}",
            "/users/{fresh_admin}",
            Some(json!({"displayName": "Z"})),
            [401, 403, 403, 200, 401, 200],
        ),
        row(
            "PATCH",
            "/users/{id}",
            "/users/{fresh_default}",
            Some(json!({"role": "admin"})),
            [401, 403, 403, 200, 401, 200],
        ),
        row("DELETE", "/users/{id}", "/users/{fresh_default}", None, [401, 403, 200, 200, 401, 200]),
        row("DELETE", "/users/{id}", "/users/{fresh_admin}", None, [401, 403, 403, 200, 401, 200]),
        row(
            "POST",
            "/users/{id}/password",
            "/users/{fresh_default}/password",
            Some(json!({"newPassword": "brand new phrase"})),
            [401, 403, 204, 204, 401, 204],
        ),
        row(
            "POST",
            "/users/{id}/password",
            "/users/{fresh_admin}/password",
            Some(json!({"newPassword": "brand new phrase"})),
            [401, 403, 403, 204, 401, 204],
        ),
        row(
            "PUT",
            "/users/{id}/workspaces",
            "/users/{fresh_default}/workspaces",
            Some(json!({"workspaceIds": ["{team_id}"]})),
            [401, 403, 200, 200, 401, 200],
        ),
        row(
            "PUT",
            "/users/{id}/workspaces",
            "/users/{fresh_admin}/workspaces",
            Some(json!({"workspaceIds": []})),
            [401, 403, 403, 200, 401, 200],
        ),
        row("DELETE", "/users/{id}/sessions", "/users/{fresh_default}/sessions", None, [401, 403, 200, 200, 401, 200]),
        row("DELETE", "/users/{id}/sessions", "/users/{fresh_admin}/sessions", None, [401, 403, 403, 200, 401, 200]),
        row("GET", "/events", "/events", None, [401, 403, 403, 200, 401, 200]),
        row("DELETE", "/events", "/events", None, [401, 403, 403, 200, 401, 200]),
        row("GET", "/settings", "/settings", None, [401, 403, 403, 200, 401, 200]),
        row("PATCH", "/settings", "/settings", Some(json!({"idleTimeoutMinutes": 30})), [401, 403, 403, 200, 401, 200]),
        // Host only: an admin's browser that is not the host's gets 403.
        row(
            "POST",
            "/mode",
            "/mode",
            Some(json!({"mode": "multi", "admin": {"username": "x1", "password": "whatever long phrase"}})),
            [401, 403, 403, 403, 401, 409],
        ),
        row("GET", "/server", "/server", None, [401, 403, 403, 403, 401, 200]),
        row("POST", "/server", "/server", Some(json!({"action": "stop"})), [401, 403, 403, 403, 401, 200]),
        row("GET", "/server/qr", "/server/qr?url=http://nope/", None, [401, 403, 403, 403, 401, 404]),
    ]
}

/// Every `.route(...)` of the API router in src/http/mod.rs, as (METHOD, path).
pub(crate) fn router_routes() -> BTreeSet<(String, String)> {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/http/mod.rs")).unwrap();
    let start = src.find("let api = Router::new()").expect("the API router");
    let end = start + src[start..].find(".fallback(api_not_found)").expect("its end");
    let api = &src[start..end];
    let mut out = BTreeSet::new();
    let mut rest = api;
    while let Some(i) = rest.find(".route(") {
        rest = &rest[i + 7..];
        let q1 = rest.find('"').unwrap();
        let q2 = q1 + 1 + rest[q1 + 1..].find('"').unwrap();
        let path = rest[q1 + 1..q2].to_string();
        // The route's handlers run to the matching close paren.
        let mut depth = 1;
        let mut j = 0;
        for (k, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                j = k;
                break;
            }
        }
        let handlers = &rest[q2..j];
        for m in ["get", "post", "put", "patch", "delete"] {
            let needle = format!("{m}(");
            let mut from = 0;
            while let Some(p) = handlers[from..].find(&needle) {
                let at = from + p;
                let before = handlers[..at].chars().last().unwrap_or(' ');
                if !(before.is_alphanumeric() || before == '_' || before == ':') {
                    out.insert((m.to_uppercase(), path.clone()));
                }
                from = at + needle.len();
            }
        }
        rest = &rest[j..];
    }
    out
}

#[test]
fn every_route_has_a_row() {
    let routes = router_routes();
    assert!(routes.len() >= 40, "parsed only {} routes: {routes:?}", routes.len());
    let covered: BTreeSet<(String, String)> =
        table().iter().map(|r| (r.method.to_string(), r.route.to_string())).collect();
    let missing: Vec<_> = routes.difference(&covered).collect();
    assert!(missing.is_empty(), "routes without a row in the capability matrix: {missing:?}");
    let stale: Vec<_> = covered.difference(&routes).collect();
    assert!(stale.is_empty(), "rows for routes the router does not have: {stale:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_each_role_as_the_matrix_says() {
    let f = multi().await;
    let srv = &f.srv;
    // One password for everyone, the owner included, so that self-service rows can pass it.
    let owner = f.owner.clone();
    sql(srv, move |c| {
        c.execute(
            "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE username = 'dan') WHERE id = ?1",
            [owner],
        )
    })
    .await;
    add_user(srv, "logme", "default", false).await;
    let zed = add_user(srv, "zed", "default", false).await;
    let zed_session_id = {
        let z = zed.clone();
        let cookie = session_for(srv, &zed, false).await;
        let _ = cookie;
        sql(srv, move |c| c.query_row("SELECT id FROM sessions WHERE user_id = ?1", [z], |r| r.get::<_, String>(0)))
            .await
    };
    let z = zed.clone();
    sql(srv, move |c| {
        c.execute(
            "UPDATE users SET avatar = ?2, avatar_type = 'image/png' WHERE id = ?1",
            rusqlite::params![z, TINY_PNG],
        )
    })
    .await;

    let callers: [Option<(&str, bool)>; 8] = [
        None,
        Some((f.dan.as_str(), false)),
        Some((f.mia.as_str(), false)),
        Some((f.ada.as_str(), false)),
        Some((f.sam.as_str(), false)),
        Some((f.owner.as_str(), true)),
        Some((f.ada.as_str(), false)),
        Some((f.owner.as_str(), true)),
    ];
    // The LAN server on an address of this machine that is not loopback (one end of a veth
    // pair the test makes): requests to it come from a LAN peer address.
    let ns = crate::common::Netns::create();
    let lan_opts = || hearth::domain::lan::LanOptions { bind: Some(ns.host_ip.parse().unwrap()), port: None };
    let lan_port = srv
        .engine
        .start_lan(
            &srv.engine.host_principal("test").await.unwrap(),
            hearth::domain::lan::LanOptions { port: Some(0), ..lan_opts() },
        )
        .await
        .unwrap()
        .port;
    let lan_base = format!("http://{}:{lan_port}", ns.host_ip);
    let mut failures = Vec::new();
    let mut n = 0;
    for r in table() {
        for (ci, caller) in callers.iter().enumerate() {
            // Fresh objects for destructive rows, fresh sessions for every call.
            let mut path = r.path.to_string();
            let mut body = r.body.as_ref().map(|b| b.to_string());
            let fill = |s: &mut String, key: &str, val: &str| *s = s.replace(key, val);
            let needs = |key: &str| path.contains(key) || body.as_ref().is_some_and(|b| b.contains(key));
            let mut subs: Vec<(String, String)> = vec![
                ("{dan}".into(), f.dan.clone()),
                ("{mia}".into(), f.mia.clone()),
                ("{zed}".into(), zed.clone()),
                ("{zed_session}".into(), zed_session_id.clone()),
                ("{team_id}".into(), f.team.0.clone()),
                ("{dan_thread}".into(), f.dan_thread.clone()),
                ("{mia_thread}".into(), f.mia_thread.clone()),
            ];
            if needs("{fresh_team_ws}") {
                let slug = format!("tmp-team-{n}");
                add_workspace(srv, &slug, &[&f.dan]).await;
                subs.push(("{fresh_team_ws}".into(), slug));
            }
            if needs("{fresh_private_ws}") {
                let slug = format!("tmp-private-{n}");
                add_workspace(srv, &slug, &[]).await;
                subs.push(("{fresh_private_ws}".into(), slug));
            }
            if needs("{fresh_dan_thread}") {
                subs.push(("{fresh_dan_thread}".into(), add_thread(srv, &f.team.0, &f.dan).await));
            }
            if needs("{fresh_default}") {
                subs.push(("{fresh_default}".into(), add_user(srv, &format!("tmp-d{n}"), "default", false).await));
            }
            if needs("{fresh_admin}") {
                subs.push(("{fresh_admin}".into(), add_user(srv, &format!("tmp-a{n}"), "admin", false).await));
            }
            subs.push(("{fresh_name}".into(), format!("new-user-{n}")));
            for (k, v) in &subs {
                fill(&mut path, k, v);
                if let Some(b) = body.as_mut() {
                    fill(b, k, v);
                }
            }
            n += 1;
            let cookie = match caller {
                Some((user, host)) => Some(session_for(srv, user, *host).await),
                None => None,
            };
            let over_lan = ci > 5;
            let base = if over_lan {
                // The host's "stop" row stops it: start it again on the same port.
                if !srv.engine.lan_status().await.unwrap().running {
                    srv.engine
                        .start_lan(
                            &srv.engine.host_principal("test").await.unwrap(),
                            hearth::domain::lan::LanOptions { port: Some(lan_port), ..lan_opts() },
                        )
                        .await
                        .unwrap();
                }
                lan_base.clone()
            } else {
                srv.base.clone()
            };
            let expect = r.expect[if over_lan { AS_ADMIN } else { ci }];
            let m = reqwest::Method::from_bytes(r.method.as_bytes()).unwrap();
            let mut rb = reqwest::Client::new().request(m, format!("{base}/api/v1{path}")).header("x-hearth-csrf", "1");
            if let Some(c) = &cookie {
                rb = rb.header("cookie", c);
            }
            rb = match body.as_deref() {
                Some("\"png\"") => rb.header("content-type", "image/png").body(TINY_PNG.to_vec()),
                Some(b) => rb.header("content-type", "application/json").body(b.to_string()),
                None => rb,
            };
            let resp = rb.send().await.unwrap();
            let got = resp.status().as_u16();
            if got != expect {
                let text = resp.text().await.unwrap_or_default();
                failures.push(format!(
                    "{} {} as {}: expected {}, got {} {}",
                    r.method, path, CALLERS[ci], expect, got, text
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {n} calls broke the matrix:\n{}", failures.len(), failures.join("\n"));
}

/// The OpenAPI document served at /api/openapi.json describes exactly the router's routes.
#[test]
fn openapi_lists_every_route() {
    let spec: Value = serde_json::from_str(include_str!("../../openapi.json")).unwrap();
    let mut documented = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        if path == "/host-login" {
            continue;
        }
        for m in ["get", "post", "put", "patch", "delete"] {
            if item.get(m).is_some() {
                documented.insert((m.to_uppercase(), path.clone()));
            }
        }
    }
    assert_eq!(documented, router_routes());
}
