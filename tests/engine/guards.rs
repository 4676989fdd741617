//! What every request passes: Host header, Origin/CSRF, body checks, error shape, headers.

use serde_json::{json, Value};

use crate::common::*;

async fn workspace_names(c: &Api) -> Vec<String> {
    let v = parts(c.get("/api/v1/workspaces").await).await.1;
    v["items"].as_array().unwrap().iter().map(|w| w["name"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn wrong_host_header_is_refused() {
    let srv = TestServer::start().await;
    let raw = reqwest::Client::new();
    for host in ["evil.example", "evil.example:4270", "127.0.0.1.evil.example", "localhost.evil.example"] {
        let r = raw.get(srv.url("/api/v1/status")).header("host", host).send().await.unwrap();
        assert_eq!(r.status(), 403, "{host}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"]["code"], "host_not_allowed");
        // The UI itself is not served to a rebinding page either.
        let r = raw.get(srv.url("/")).header("host", host).send().await.unwrap();
        assert_eq!(r.status(), 403, "{host}");
    }
    for host in [format!("127.0.0.1:{}", srv.addr.port()), format!("localhost:{}", srv.addr.port()), "LOCALHOST".into()]
    {
        let r = raw.get(srv.url("/api/v1/status")).header("host", &host).send().await.unwrap();
        assert_eq!(r.status(), 200, "{host}");
    }
    srv.stop().await;
}

#[tokio::test]
async fn cross_origin_unsafe_requests_are_refused_and_change_nothing() {
    let srv = TestServer::start().await;
    let c = srv.client();
    let raw = reqwest::Client::new();
    let url = srv.url("/api/v1/workspaces");
    // A page on another origin posting to us.
    let r = raw.post(&url).header("origin", "http://evil.example").json(&json!({"name": "evil"})).send().await.unwrap();
    assert_eq!(error_code(r).await, (403, "cross_origin".into()));
    // Same host name, other port: another origin.
    let r = raw.post(&url).header("origin", "http://127.0.0.1:1").json(&json!({"name": "evil"})).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let r = raw.post(&url).header("origin", "null").json(&json!({"name": "evil"})).send().await.unwrap();
    assert_eq!(r.status(), 403);
    // Neither Origin nor the UI's CSRF header.
    let r = raw.post(&url).json(&json!({"name": "evil"})).send().await.unwrap();
    assert_eq!(r.status(), 403);
    // Even a form post (a "simple" request a browser sends cross-site without preflight).
    let r = raw
        .post(&url)
        .header("origin", "http://evil.example")
        .header("content-type", "text/plain")
        .body("{\"name\":\"evil\"}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(workspace_names(&c).await.is_empty());
    // The same-origin request a browser sends works.
    let r = raw.post(&url).header("origin", &srv.base).json(&json!({"name": "mine"})).send().await.unwrap();
    assert_eq!(r.status(), 201);
    assert_eq!(workspace_names(&c).await, vec!["mine"]);
    srv.stop().await;
}

#[tokio::test]
async fn bad_bodies_get_4xx_json_and_change_nothing() {
    let srv = TestServer::start().await;
    let c = srv.client();
    c.post("/api/v1/workspaces", json!({"name": "Keep"})).await;
    let raw = reqwest::Client::new();
    let send = |method: &str, path: &str, ct: &str, body: Vec<u8>| {
        raw.request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), srv.url(path))
            .header("x-hearth-csrf", "1")
            .header("content-type", ct)
            .body(body)
            .send()
    };
    // method, path, content type, body, expected status, expected error code
    type Case = (&'static str, &'static str, &'static str, Vec<u8>, u16, &'static str);
    let cases: Vec<Case> = vec![
        ("POST", "/api/v1/workspaces", "application/json", b"{\"name\": ".to_vec(), 400, "invalid_json"),
        ("POST", "/api/v1/workspaces", "application/json", b"[1,2,3]".to_vec(), 400, "invalid_body"),
        // An array that would fill the body's fields by position is not an object either.
        ("POST", "/api/v1/workspaces", "application/json", b"[\"Sneaky\", \"\"]".to_vec(), 400, "invalid_body"),
        ("PATCH", "/api/v1/settings", "application/json", b"[60, \"list\"]".to_vec(), 400, "invalid_body"),
        ("POST", "/api/v1/workspaces", "application/json", b"\"Sneaky\"".to_vec(), 400, "invalid_body"),
        ("POST", "/api/v1/workspaces", "application/json", b"{\"name\": 42}".to_vec(), 400, "invalid_body"),
        ("POST", "/api/v1/workspaces", "application/json", b"{\"name\": [\"a\"]}".to_vec(), 400, "invalid_body"),
        (
            "POST",
            "/api/v1/workspaces",
            "application/json",
            b"{\"name\": \"x\", \"ownerId\": \"someone\"}".to_vec(),
            400,
            "invalid_body",
        ),
        ("POST", "/api/v1/workspaces", "application/json", b"{\"name\": \"   \"}".to_vec(), 422, "invalid_name"),
        (
            "POST",
            "/api/v1/workspaces",
            "application/json",
            format!("{{\"name\": \"{}\"}}", "n".repeat(101)).into_bytes(),
            422,
            "invalid_name",
        ),
        ("POST", "/api/v1/workspaces", "text/plain", b"{\"name\": \"x\"}".to_vec(), 415, "unsupported_media_type"),
        (
            "POST",
            "/api/v1/workspaces",
            "application/json",
            format!("{{\"name\": \"x\", \"systemPrompt\": \"{}\"}}", "p".repeat(200_000)).into_bytes(),
            413,
            "body_too_large",
        ),
        (
            "PATCH",
            "/api/v1/workspaces/keep",
            "application/json",
            b"{\"name\": null, \"slug\": \"hijack\"}".to_vec(),
            400,
            "invalid_body",
        ),
        (
            "PATCH",
            "/api/v1/me",
            "application/json",
            b"{\"displayName\": \"x\", \"role\": \"admin\"}".to_vec(),
            400,
            "invalid_body",
        ),
        ("PATCH", "/api/v1/me", "application/json", b"{\"displayName\": 7}".to_vec(), 400, "invalid_body"),
        ("PUT", "/api/v1/me/lock", "application/json", b"{\"newPassword\": 12345678}".to_vec(), 400, "invalid_body"),
        ("PUT", "/api/v1/me/lock", "application/json", b"{\"newPassword\": true}".to_vec(), 400, "invalid_body"),
        (
            "PATCH",
            "/api/v1/settings",
            "application/json",
            b"{\"idleTimeoutMinutes\": \"5\"}".to_vec(),
            400,
            "invalid_body",
        ),
        (
            "PATCH",
            "/api/v1/settings",
            "application/json",
            b"{\"idleTimeoutMinutes\": -5}".to_vec(),
            400,
            "invalid_body",
        ),
    ];
    for (m, path, ct, body, status, code) in cases {
        let r = send(m, path, ct, body).await.unwrap();
        let got = r.status().as_u16();
        let v: Value = r.json().await.unwrap_or(Value::Null);
        assert_eq!((got, v["error"]["code"].as_str().unwrap_or("")), (status, code), "{m} {path}: {v}");
        assert!(v["error"]["message"].as_str().is_some_and(|s| !s.is_empty()), "{m} {path}: a message for people");
    }
    assert_eq!(workspace_names(&c).await, vec!["Keep"]);
    let me = parts(c.get("/api/v1/me").await).await.1;
    assert_eq!(me["displayName"], "Owner");
    assert_eq!(me["lockEnabled"], false);
    assert_eq!(parts(c.get("/api/v1/settings").await).await.1["idleTimeoutMinutes"], 30);
    srv.stop().await;
}

/// Path segments and query strings that do not decode get the same JSON error model as
/// bodies, never axum's plain-text rejection.
#[tokio::test]
async fn bad_paths_and_queries_get_4xx_json() {
    let srv = TestServer::start().await;
    let c = srv.client();
    let cases = [
        ("GET", "/api/v1/users/%FF", "invalid_path"),
        ("GET", "/api/v1/users/%FF/avatar", "invalid_path"),
        ("DELETE", "/api/v1/users/%FF/sessions", "invalid_path"),
        ("GET", "/api/v1/workspaces/%FF", "invalid_path"),
        ("GET", "/api/v1/workspaces/%FF/members", "invalid_path"),
        ("GET", "/api/v1/workspaces/%FF/threads", "invalid_path"),
        ("GET", "/api/v1/threads/%FF", "invalid_path"),
        ("GET", "/api/v1/threads/%FF/messages", "invalid_path"),
        ("DELETE", "/api/v1/me/sessions/%FF", "invalid_path"),
        ("GET", "/host-login?secret=a&secret=b", "invalid_query"),
    ];
    for (m, path, code) in cases {
        let r = c.send(m, path, None).await;
        let status = r.status().as_u16();
        let ct = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap_or(Value::Null);
        assert!((400..500).contains(&status), "{m} {path}: {status} {v}");
        assert!(ct.starts_with("application/json"), "{m} {path}: content-type {ct}");
        assert_eq!(v["error"]["code"], code, "{m} {path}: {v}");
        assert!(v["error"]["message"].as_str().is_some_and(|s| !s.is_empty()), "{m} {path}: a message for people");
    }
    srv.stop().await;
}

/// While locked, the routes that take a body check the caller first: a bad body gets 401
/// `locked`, not a 400 that names the body's fields.
#[tokio::test]
async fn locked_routes_check_the_caller_before_the_body() {
    let srv = TestServer::start().await;
    let owner = srv.client();
    assert_eq!(owner.send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": PASSWORD}))).await.status(), 200);
    let stranger = srv.client();
    for (m, path) in [("PUT", "/api/v1/me/lock"), ("DELETE", "/api/v1/me/lock"), ("POST", "/api/v1/me/password")] {
        assert_eq!(
            error_code(stranger.send(m, path, Some(json!({"bogus": 1}))).await).await,
            (401, "locked".into()),
            "{m} {path}"
        );
        let r = stranger
            .http
            .request(reqwest::Method::from_bytes(m.as_bytes()).unwrap(), srv.url(path))
            .header("x-hearth-csrf", "1")
            .header("content-type", "application/json")
            .body("{\"newPassword\": ")
            .send()
            .await
            .unwrap();
        assert_eq!(error_code(r).await, (401, "locked".into()), "{m} {path} with broken JSON");
    }
    // The owner's session still gets the body checked.
    assert_eq!(
        error_code(owner.send("PUT", "/api/v1/me/lock", Some(json!({"bogus": 1}))).await).await,
        (400, "invalid_body".into())
    );
    srv.stop().await;
}

/// Only one of the LAN server's own URLs can be pinned: the pin is handed out as a link.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_server_url_can_be_pinned() {
    let f = crate::fixture::multi().await;
    let srv = &f.srv;
    let ns = Netns::create();
    let host = crate::fixture::session_for(srv, &f.owner, true).await;
    let server = |body: Value| crate::fixture::call(srv, "POST", "/api/v1/server", Some(&host), Some(body));
    let (s, st) = server(json!({"action": "start", "bind": ns.host_ip, "port": 0})).await;
    assert_eq!(s, 200, "{st}");
    let url = st["urls"][0].as_str().unwrap().to_string();
    for bad in
        ["javascript:alert(1)", "http://evil.example/", "", &url.replace(&ns.host_ip, &ns.peer_ip), &format!("{url}x")]
    {
        let (s, v) = server(json!({"action": "pin", "url": bad})).await;
        assert_eq!((s, v["error"]["code"].as_str()), (422, Some("invalid_url")), "{bad}: {v}");
    }
    let (s, v) = server(json!({"action": "pin"})).await;
    assert_eq!((s, v["error"]["code"].as_str()), (422, Some("url_required")));
    let (_, st) = crate::fixture::call(srv, "GET", "/api/v1/server", Some(&host), None).await;
    assert_eq!(st["pinned"], Value::Null, "nothing was stored");
    let (s, v) = server(json!({"action": "pin", "url": url})).await;
    assert_eq!((s, v["pinned"].as_str()), (200, Some(url.as_str())));
    // A refused pin keeps the one before.
    assert_eq!(server(json!({"action": "pin", "url": "javascript:alert(1)"})).await.0, 422);
    let (_, st) = crate::fixture::call(srv, "GET", "/api/v1/server", Some(&host), None).await;
    assert_eq!(st["pinned"], url.as_str());
    // And it can be taken back.
    let (s, v) = server(json!({"action": "unpin"})).await;
    assert_eq!((s, v["pinned"].clone()), (200, Value::Null));
    assert_eq!(server(json!({"action": "stop"})).await.0, 200);
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_json_errors() {
    let srv = TestServer::start().await;
    let c = srv.client();
    assert_eq!(error_code(c.get("/api/v1/nope").await).await, (404, "not_found".into()));
    assert_eq!(error_code(c.get("/api/v2/status").await).await, (404, "not_found".into()));
    assert_eq!(error_code(c.get("/api/v1/workspaces/does-not-exist").await).await, (404, "not_found".into()));
    assert_eq!(error_code(c.send("DELETE", "/api/v1/status", None).await).await, (405, "method_not_allowed".into()));
    assert_eq!(error_code(c.get("/api/v1/workspaces?limit=abc").await).await, (400, "invalid_query".into()));
    assert_eq!(error_code(c.get("/api/v1/workspaces?limit=0").await).await, (422, "invalid_page".into()));
    // Any Authorization header is checked, never ignored.
    let r = reqwest::Client::new()
        .get(srv.url("/api/v1/me"))
        .header("authorization", "Bearer made-up")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    srv.stop().await;
}

#[tokio::test]
async fn security_headers_and_request_ids() {
    let srv = TestServer::start().await;
    let c = srv.client();
    for path in ["/api/v1/status", "/", "/api/v1/nope"] {
        let r = c.get(path).await;
        let h = r.headers();
        let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
        for part in ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
            assert!(csp.contains(part), "{path}: {csp}");
        }
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(h.get("referrer-policy").unwrap(), "no-referrer");
        assert!(h.get("x-request-id").is_some());
        assert!(h.get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    }
    let a = c.get("/api/v1/status").await.headers().get("x-request-id").cloned();
    let b = c.get("/api/v1/status").await.headers().get("x-request-id").cloned();
    assert_ne!(a, b);
    srv.stop().await;
}

#[tokio::test]
async fn workspaces_crud_and_pagination() {
    let srv = TestServer::start().await;
    let c = srv.client();
    let (s, a) =
        parts(c.post("/api/v1/workspaces", json!({"name": "Team Notes", "systemPrompt": "Be brief."})).await).await;
    assert_eq!(s, 201);
    assert_eq!((a["slug"].as_str(), a["systemPrompt"].as_str()), (Some("team-notes"), Some("Be brief.")));
    // Same name again: a free slug, not an error.
    let (_, b) = parts(c.post("/api/v1/workspaces", json!({"name": "Team notes"})).await).await;
    assert_eq!(b["slug"], "team-notes-2");
    let (s, r) =
        parts(c.send("PATCH", "/api/v1/workspaces/team-notes-2", Some(json!({"name": "Recipes"}))).await).await;
    assert_eq!((s, r["slug"].as_str(), r["name"].as_str()), (200, Some("recipes"), Some("Recipes")));
    assert_eq!(c.get("/api/v1/workspaces/team-notes-2").await.status(), 404);
    assert_eq!(c.get("/api/v1/workspaces/recipes").await.status(), 200);
    for i in 0..5 {
        c.post("/api/v1/workspaces", json!({"name": format!("W{i}")})).await;
    }
    let p1 = parts(c.get("/api/v1/workspaces?limit=4").await).await.1;
    assert_eq!(p1["items"].as_array().unwrap().len(), 4);
    assert_eq!(p1["next"], 4);
    let p2 = parts(c.get("/api/v1/workspaces?limit=4&offset=4").await).await.1;
    assert_eq!(p2["items"].as_array().unwrap().len(), 3);
    assert_eq!(p2["next"], Value::Null);
    assert_eq!(c.send("DELETE", "/api/v1/workspaces/recipes", None).await.status(), 204);
    assert_eq!(c.send("DELETE", "/api/v1/workspaces/recipes", None).await.status(), 404);
    let all = parts(c.get("/api/v1/workspaces?limit=200").await).await.1;
    assert_eq!(all["items"].as_array().unwrap().len(), 6);
    srv.stop().await;
}

#[tokio::test]
async fn the_api_describes_itself() {
    let srv = TestServer::start().await;
    let c = srv.client();
    let r = c.get("/api/openapi.json").await;
    assert_eq!(r.status(), 200);
    let spec: Value = r.json().await.unwrap();
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["paths"]["/workspaces"]["get"].is_object());
    // The page (swagger-ui, built into ui/dist with the web UI): only it also takes data: and
    // blob: images; the app's own pages do not.
    let page = c.get("/api/docs").await;
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("default-src 'self'") && csp.contains("img-src 'self' data: blob:"), "{csp}");
    assert!(!csp.contains("unsafe"), "{csp}");
    for path in ["/", "/api/openapi.json", "/api/v1/status"] {
        let other = c.get(path).await.headers()["content-security-policy"].to_str().unwrap().to_string();
        assert!(!other.contains("img-src"), "{path}: {other}");
    }
    // A test binary compiled before `npm run build` has no page in it: it says so.
    if page.status() == 503 {
        assert!(page.text().await.unwrap().contains("npm run build"));
    } else {
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(!html.contains("<script>") && !html.contains(" style="), "nothing inline: {html}");
        let assets: Vec<&str> = html.split('"').filter(|s| s.starts_with("/assets/")).collect();
        assert!(assets.iter().any(|a| a.starts_with("/assets/swagger-ui-bundle-")), "{html}");
        assert_eq!(assets.len(), 4, "{assets:?}");
        for a in assets {
            assert_eq!(c.get(a).await.status(), 200, "{a}");
        }
    }
    assert_eq!(c.get("/api/docs/docs.js").await.status(), 404);
    srv.stop().await;
}
