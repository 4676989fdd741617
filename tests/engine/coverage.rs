//! Coverage sweeps: the lock over every route of the router, the event log over every
//! event kind an API action writes (PRODUCT E1), the CLI against a live server's data
//! directory (PRODUCT C1), and the order of the LAN URLs (PRODUCT M4).

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::common::*;
use crate::fixture::*;

// ---------------------------------------------------------------------------------------
// 1. The single-user lock covers every non-public route.

/// The public routes of the API, as API.md's "Public (no session)" table lists them (the
/// ones this router has). The test below also checks that openapi.json marks exactly these
/// as needing no session, so neither can drift alone.
const PUBLIC: [(&str, &str); 7] = [
    ("GET", "/status"),
    ("GET", "/health"),
    ("POST", "/auth/login"),
    ("POST", "/auth/unlock"),
    ("POST", "/auth/lock"),
    ("POST", "/auth/logout"),
    ("GET", "/auth/users"),
];

/// Operations that openapi.json marks as needing no session (`security: []`).
fn openapi_public() -> BTreeSet<(String, String)> {
    let spec: Value = serde_json::from_str(include_str!("../../openapi.json")).unwrap();
    let mut out = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for m in ["get", "post", "put", "patch", "delete"] {
            if let Some(op) = item.get(m) {
                if op.get("security").and_then(Value::as_array).is_some_and(|s| s.is_empty()) {
                    out.insert((m.to_uppercase(), path.clone()));
                }
            }
        }
    }
    out
}

/// A request with no session: a plausible body (JSON, or a PNG where the row says "png").
async fn anonymous(srv: &TestServer, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut rb = reqwest::Client::new().request(m, srv.url(&format!("/api/v1{path}"))).header("x-hearth-csrf", "1");
    rb = match body {
        Some("\"png\"") => rb.header("content-type", "image/png").body(TINY_PNG.to_vec()),
        Some(b) => rb.header("content-type", "application/json").body(b.to_string()),
        None => rb,
    };
    parts(rb.send().await.unwrap()).await
}

fn locked_error(status: u16, body: &Value) -> bool {
    status == 401
        && body["error"]["code"] == "locked"
        && body["error"]["message"].as_str().is_some_and(|m| !m.is_empty())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_hearth_answers_401_on_every_non_public_route() {
    let public: BTreeSet<(String, String)> = PUBLIC.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    let mut documented_public = openapi_public();
    documented_public.remove(&("GET".to_string(), "/host-login".to_string()));
    assert_eq!(documented_public, public, "openapi.json and API.md disagree on which routes are public");

    let srv = TestServer::start().await;
    let owner = srv.client();
    let (s, ws) = parts(owner.post("/api/v1/workspaces", json!({"name": "Notes"})).await).await;
    assert_eq!(s, 201, "{ws}");
    let (s, thread) = parts(owner.post("/api/v1/workspaces/notes/threads", json!({"title": "kept"})).await).await;
    assert_eq!(s, 201, "{thread}");
    assert_eq!(owner.send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": PASSWORD}))).await.status(), 200);
    let me = parts(owner.get("/api/v1/me").await).await.1;
    let owner_id = me["id"].as_str().unwrap().to_string();
    let sessions = parts(owner.get("/api/v1/me/sessions").await).await.1;
    let session_id = sessions["items"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(parts(srv.client().get("/api/v1/status").await).await.1["locked"], true);

    // Every router route, with the first body the capability matrix has for it; the
    // matrix's placeholders become this install's real objects.
    let rows = crate::routes::table();
    let subs: Vec<(&str, String)> = vec![
        ("{dan}", owner_id.clone()),
        ("{mia}", owner_id.clone()),
        ("{zed}", owner_id.clone()),
        ("{fresh_default}", owner_id.clone()),
        ("{fresh_admin}", owner_id.clone()),
        ("{zed_session}", session_id.clone()),
        ("{team_id}", ws["id"].as_str().unwrap().to_string()),
        ("{dan_thread}", thread["id"].as_str().unwrap().to_string()),
        ("{mia_thread}", thread["id"].as_str().unwrap().to_string()),
        ("{fresh_dan_thread}", thread["id"].as_str().unwrap().to_string()),
        ("{fresh_team_ws}", "notes".into()),
        ("{fresh_private_ws}", "notes".into()),
        ("{fresh_name}", "newcomer".into()),
        ("/workspaces/team", "/workspaces/notes".into()),
        ("/workspaces/private", "/workspaces/notes".into()),
    ];
    let fill = |s: &str| subs.iter().fold(s.to_string(), |acc, (k, v)| acc.replace(k, v));

    let mut failures = Vec::new();
    let mut checked = 0;
    for (method, route) in crate::routes::router_routes() {
        if public.contains(&(method.clone(), route.clone())) {
            continue;
        }
        let Some(row) = rows.iter().find(|r| r.method == method && r.route == route) else {
            failures.push(format!("{method} {route}: no row in the capability matrix to take a body from"));
            continue;
        };
        let path = fill(row.path);
        let body = row.body.as_ref().map(|b| fill(&b.to_string()));
        assert!(
            !path.contains('{') && !body.as_deref().unwrap_or("").contains("\"{"),
            "unfilled placeholder: {path} {body:?}"
        );
        let (s, v) = anonymous(&srv, &method, &path, body.as_deref()).await;
        if !locked_error(s, &v) {
            failures.push(format!("{method} {path} with {body:?}: {s} {v}"));
        }
        if method != "GET" {
            let (s, v) = anonymous(&srv, &method, &path, Some(r#"{"bogus":1}"#)).await;
            if !locked_error(s, &v) {
                failures.push(format!("{method} {path} with a garbage body: {s} {v}"));
            }
        }
        checked += 1;
    }
    assert_eq!(checked, crate::routes::router_routes().len() - PUBLIC.len(), "every protected route was called");
    assert!(
        failures.is_empty(),
        "{} of {checked} protected routes let a locked client past the lock:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // Nothing the locked client sent went through.
    let st = parts(srv.client().get("/api/v1/status").await).await.1;
    assert_eq!(
        (st["mode"].clone(), st["locked"].clone(), st["lockEnabled"].clone()),
        (json!("single"), json!(true), json!(true))
    );
    let me_after = parts(owner.get("/api/v1/me").await).await.1;
    assert_eq!(me_after["displayName"], me["displayName"]);
    assert_eq!(me_after["hasAvatar"], me["hasAvatar"]);
    let list = parts(owner.get("/api/v1/workspaces").await).await.1;
    let slugs: Vec<_> = list["items"].as_array().unwrap().iter().map(|w| w["slug"].clone()).collect();
    assert_eq!(slugs, vec![json!("notes")]);
    let (s, t) = parts(owner.get(&format!("/api/v1/threads/{}", thread["id"].as_str().unwrap())).await).await;
    assert_eq!((s, t["title"].clone()), (200, json!("kept")));
    assert_eq!(
        owner.get("/api/v1/me/sessions").await.status(),
        200,
        "the owner's own session was not ended by a stranger"
    );
    srv.stop().await;
}

// ---------------------------------------------------------------------------------------
// 2. The event log records every security-relevant action (PRODUCT E1), without secrets.

async fn login_as(srv: &TestServer, username: &str, password: &str) -> (Api, u16) {
    let c = srv.client();
    let s = c.post("/api/v1/auth/login", json!({"username": username, "password": password})).await.status().as_u16();
    (c, s)
}

/// Every event of that kind.
fn of_kind<'a>(events: &'a [Value], kind: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["type"] == kind).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_security_action_is_in_the_event_log_without_its_secrets() {
    const EVE_PASSWORD: &str = "eve picks marigolds";
    const EVE_RESET: &str = "reset to lavender fields";
    const DAN_NEW: &str = "dan now likes quinces";
    const DAN_WRONG_CURRENT: &str = "dan misremembers this";
    const DAN_WRONG_LOGIN: &str = "dan guesses wrongly";
    // Typed into the username box by mistake: it may be a password, so it is never logged.
    const TYPED_AS_USERNAME: &str = "my-secret-in-the-name-box";
    const THROTTLE_GUESS: &str = "hammering at the door";
    let secrets = [
        USER_PASSWORD,
        OWNER_PASSWORD,
        EVE_PASSWORD,
        EVE_RESET,
        DAN_NEW,
        DAN_WRONG_CURRENT,
        DAN_WRONG_LOGIN,
        TYPED_AS_USERNAME,
        THROTTLE_GUESS,
    ];

    let f = multi().await;
    let srv = &f.srv;
    let ada = session_for(srv, &f.ada, false).await;
    let host = session_for(srv, &f.owner, true).await;
    let ok = |s: u16, v: &Value, want: u16, what: &str| assert_eq!(s, want, "{what}: {v}");

    // Sign-ins: ok, bad password, unknown name, suspended.
    let (dan, s) = login_as(srv, "dan", USER_PASSWORD).await;
    assert_eq!(s, 200);
    assert_eq!(login_as(srv, "dan", DAN_WRONG_LOGIN).await.1, 401);
    assert_eq!(login_as(srv, TYPED_AS_USERNAME, USER_PASSWORD).await.1, 401);
    assert_eq!(login_as(srv, "sam", USER_PASSWORD).await.1, 403);

    // Account administration by ada (admin).
    let (s, v) = call(
        srv,
        "POST",
        "/api/v1/users",
        Some(&ada),
        Some(json!({"username": "eve", "password": EVE_PASSWORD, "role": "default"})),
    )
    .await;
    ok(s, &v, 201, "create eve");
    let eve = v["id"].as_str().unwrap().to_string();
    let eve_url = format!("/api/v1/users/{eve}");
    let (s, v) = call(srv, "PATCH", &eve_url, Some(&ada), Some(json!({"displayName": "Eve E."}))).await;
    ok(s, &v, 200, "rename eve");
    let (s, v) = call(srv, "PATCH", &eve_url, Some(&ada), Some(json!({"role": "manager"}))).await;
    ok(s, &v, 200, "promote eve");
    let (s, v) = call(srv, "PATCH", &eve_url, Some(&ada), Some(json!({"suspended": true}))).await;
    ok(s, &v, 200, "suspend eve");
    let (s, v) = call(srv, "PATCH", &eve_url, Some(&ada), Some(json!({"suspended": false}))).await;
    ok(s, &v, 200, "unsuspend eve");
    let (s, v) =
        call(srv, "POST", &format!("{eve_url}/password"), Some(&ada), Some(json!({"newPassword": EVE_RESET}))).await;
    ok(s, &v, 204, "reset eve's password");
    let (s, v) =
        call(srv, "PUT", &format!("{eve_url}/workspaces"), Some(&ada), Some(json!({"workspaceIds": [f.team.0]}))).await;
    ok(s, &v, 200, "eve's workspaces");

    // Workspaces.
    let (s, v) = call(srv, "POST", "/api/v1/workspaces", Some(&ada), Some(json!({"name": "Garden"}))).await;
    ok(s, &v, 201, "create workspace");
    let garden = v["id"].as_str().unwrap().to_string();
    let (s, v) =
        call(srv, "PATCH", "/api/v1/workspaces/garden", Some(&ada), Some(json!({"systemPrompt": "grow"}))).await;
    ok(s, &v, 200, "update workspace");
    let (s, v) =
        call(srv, "PUT", "/api/v1/workspaces/garden/members", Some(&ada), Some(json!({"userIds": [f.dan]}))).await;
    ok(s, &v, 200, "workspace members");
    let (s, v) = call(srv, "DELETE", "/api/v1/workspaces/garden", Some(&ada), None).await;
    ok(s, &v, 204, "delete workspace");

    // Settings, by an admin and by the host (LAN server names, start and stop).
    let (s, v) = call(srv, "PATCH", "/api/v1/settings", Some(&ada), Some(json!({"idleTimeoutMinutes": 45}))).await;
    ok(s, &v, 200, "settings");
    let ns = Netns::create();
    let (s, v) = call(
        srv,
        "POST",
        "/api/v1/server",
        Some(&host),
        Some(json!({"action": "start", "bind": ns.host_ip, "port": 0})),
    )
    .await;
    ok(s, &v, 200, "start the LAN server");
    let (s, v) = call(
        srv,
        "POST",
        "/api/v1/server",
        Some(&host),
        Some(json!({"action": "hosts", "allowedHosts": ["hearth.lan"]})),
    )
    .await;
    ok(s, &v, 200, "allowed host names");
    let (s, v) = call(srv, "POST", "/api/v1/server", Some(&host), Some(json!({"action": "stop"}))).await;
    ok(s, &v, 200, "stop the LAN server");

    // dan's own account: avatar, a refused and a real password change, a refused request.
    let r = dan
        .http
        .put(srv.url("/api/v1/me/avatar"))
        .header("x-hearth-csrf", "1")
        .header("content-type", "image/png")
        .body(TINY_PNG.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let r =
        dan.post("/api/v1/me/password", json!({"currentPassword": DAN_WRONG_CURRENT, "newPassword": DAN_NEW})).await;
    assert_eq!(r.status(), 401);
    let r = dan.post("/api/v1/me/password", json!({"currentPassword": USER_PASSWORD, "newPassword": DAN_NEW})).await;
    assert_eq!(r.status(), 204);
    assert_eq!(dan.get("/api/v1/users").await.status(), 403);
    // Sessions: dan ends another of his, logs out; ada ends all of his.
    let (phone, s) = login_as(srv, "dan", DAN_NEW).await;
    assert_eq!(s, 200);
    let list = parts(dan.get("/api/v1/me/sessions").await).await.1;
    let phone_sid = list["items"].as_array().unwrap().iter().find(|s| s["current"] == false).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(dan.send("DELETE", &format!("/api/v1/me/sessions/{phone_sid}"), None).await.status(), 204);
    assert_eq!(phone.get("/api/v1/me").await.status(), 401);
    assert_eq!(dan.send("POST", "/api/v1/auth/logout", None).await.status(), 204);
    let (tablet, _) = login_as(srv, "dan", DAN_NEW).await;
    let (s, v) = call(srv, "DELETE", &format!("/api/v1/users/{}/sessions", f.dan), Some(&ada), None).await;
    ok(s, &v, 200, "end dan's sessions");
    assert_eq!(tablet.get("/api/v1/me").await.status(), 401);
    let (s, v) = call(srv, "DELETE", &eve_url, Some(&ada), None).await;
    ok(s, &v, 200, "delete eve");

    // Guessing at dan's password until the throttle answers.
    let mut throttled = false;
    for _ in 0..10 {
        if login_as(srv, "dan", THROTTLE_GUESS).await.1 == 429 {
            throttled = true;
            break;
        }
    }
    assert!(throttled, "guessing is throttled");

    let (s, v) = call(srv, "GET", "/api/v1/events?limit=1000", Some(&ada), None).await;
    assert_eq!(s, 200, "{v}");
    assert!(v["next"].is_null(), "every event on one page");
    let events = v["items"].as_array().unwrap().clone();
    let mut missing = Vec::new();
    // (kind, actor, target in details.target, extra check)
    let mut expect = |kind: &str, actor: Option<&str>, target: Option<&str>, extra: &dyn Fn(&Value) -> bool| {
        let found = of_kind(&events, kind).into_iter().any(|e| {
            e["userId"].as_str() == actor
                && target.is_none_or(|t| e["details"]["target"] == t)
                && e["address"].as_str().is_some_and(|a| !a.is_empty())
                && e["at"].as_i64().is_some_and(|t| t > 0)
                && extra(e)
        });
        if !found {
            missing.push(format!("{kind} by {actor:?} on {target:?}: got {:?}", of_kind(&events, kind)));
        }
    };
    let any = |_: &Value| true;
    let (owner, ada_id, dan_id, sam_id) =
        (Some(f.owner.as_str()), Some(f.ada.as_str()), Some(f.dan.as_str()), Some(f.sam.as_str()));
    expect("mode_switched", owner, None, &|e| e["details"]["to"] == "multi");
    expect("login_ok", dan_id, None, &any);
    expect("login_failed", dan_id, None, &|e| {
        e["details"]["reason"] == "bad_password" && e["details"]["username"] == "dan"
    });
    expect("login_failed", None, None, &|e| {
        e["details"]["reason"] == "bad_username" && e["details"].get("username").is_none()
    });
    expect("login_failed", sam_id, None, &|e| e["details"]["reason"] == "suspended");
    expect("login_throttled", dan_id, None, &any);
    expect("user_created", ada_id, Some(&eve), &|e| {
        e["details"]["username"] == "eve" && e["details"]["role"] == "default"
    });
    expect("user_edited", ada_id, Some(&eve), &|e| e["details"]["displayName"] == true);
    expect("role_changed", ada_id, Some(&eve), &|e| {
        e["details"]["from"] == "default" && e["details"]["to"] == "manager"
    });
    expect("user_suspended", ada_id, Some(&eve), &any);
    expect("user_unsuspended", ada_id, Some(&eve), &any);
    expect("password_reset", ada_id, Some(&eve), &any);
    expect("memberships_changed", ada_id, Some(&eve), &|e| e["details"]["workspaces"] == json!([f.team.0]));
    expect("memberships_changed", ada_id, None, &|e| {
        e["details"]["workspace"] == garden.as_str() && e["details"]["users"] == json!([f.dan])
    });
    expect("user_deleted", ada_id, Some(&eve), &|e| e["details"]["username"] == "eve");
    expect("workspace_created", ada_id, None, &|e| {
        e["details"]["workspace"] == garden.as_str() && e["details"]["slug"] == "garden"
    });
    expect("workspace_updated", ada_id, None, &|e| e["details"]["workspace"] == garden.as_str());
    expect("workspace_deleted", ada_id, None, &|e| e["details"]["workspace"] == garden.as_str());
    expect("settings_changed", ada_id, None, &|e| e["details"]["idleTimeoutMinutes"] == 45);
    expect("settings_changed", owner, None, &|e| e["details"]["allowedHosts"] == json!(["hearth.lan"]));
    expect("server_started", owner, None, &|e| e["details"]["bind"] == ns.host_ip.as_str());
    expect("server_stopped", owner, None, &any);
    expect("avatar_changed", dan_id, None, &any);
    expect("password_change_failed", dan_id, None, &any);
    expect("password_changed", dan_id, None, &any);
    expect("access_denied", dan_id, None, &|e| e.to_string().contains("/api/v1/users"));
    expect("session_ended", dan_id, None, &|e| e["details"]["session"] == phone_sid.as_str());
    expect("logout", dan_id, None, &any);
    expect("sessions_ended", ada_id, dan_id, &|e| e["details"]["count"].as_i64().is_some_and(|n| n >= 1));
    assert!(missing.is_empty(), "events missing from the log:\n{}", missing.join("\n"));

    // No password, typed username that may be one, or hash anywhere: JSON or CSV.
    let json_text = serde_json::to_string(&events).unwrap();
    let csv =
        reqwest::Client::new().get(srv.url("/api/v1/events?format=csv")).header("cookie", &ada).send().await.unwrap();
    assert_eq!(csv.status(), 200);
    let csv_text = csv.text().await.unwrap();
    assert_eq!(csv_text.lines().count(), events.len() + 1, "the CSV holds the same events");
    for (name, text) in [("JSON", &json_text), ("CSV", &csv_text)] {
        for s in secrets {
            assert!(!text.contains(s), "{s:?} appears in the {name} event log");
        }
        assert!(!text.contains("$argon2"), "a password hash appears in the {name} event log");
        assert!(!text.contains("hearth_session="), "a session token appears in the {name} event log");
    }

    // Clearing is itself logged, by whom and how much.
    let (s, v) = call(srv, "DELETE", "/api/v1/events", Some(&ada), None).await;
    assert_eq!(s, 200);
    assert_eq!(v["removed"].as_u64(), Some(events.len() as u64));
    let v = call(srv, "GET", "/api/v1/events", Some(&ada), None).await.1;
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!((items[0]["type"].clone(), items[0]["userId"].clone()), (json!("events_cleared"), json!(f.ada)));
    assert_eq!(items[0]["details"]["removed"].as_u64(), Some(events.len() as u64));
}

// ---------------------------------------------------------------------------------------
// 3. The CLI on a live data directory ends the user's sessions at once (PRODUCT C1).

async fn cli(data: &std::path::Path, args: &[&str], stdin: Option<&str>) -> (bool, String) {
    let (ok, out, err) = crate::fixture::run_cli(data, args, stdin).await;
    (ok, format!("{out}{err}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_passwd_and_role_change_end_the_users_live_session() {
    const CLI_PASSWORD: &str = "set from the terminal";
    let f = multi().await;
    let srv = &f.srv;
    let data = srv.dir.path().join("data");

    // passwd: the open session ends on its very next request; only the new password opens.
    let (dan, s) = login_as(srv, "dan", USER_PASSWORD).await;
    assert_eq!(s, 200);
    assert_eq!(dan.get("/api/v1/me").await.status(), 200);
    let (ok, out) =
        cli(&data, &["user", "passwd", "dan", "--password-stdin"], Some(&format!("{CLI_PASSWORD}\n"))).await;
    assert!(ok, "{out}");
    assert!(!out.contains(CLI_PASSWORD), "the CLI does not echo the password: {out}");
    let (s, v) = parts(dan.get("/api/v1/me").await).await;
    assert_eq!(s, 401, "after `user passwd` dan's session still works: {v}");
    assert!(v["error"]["code"].is_string());
    assert_eq!(dan.get("/api/v1/workspaces").await.status(), 401, "and stays ended");
    assert_eq!(login_as(srv, "dan", USER_PASSWORD).await.1, 401);
    let (dan, s) = login_as(srv, "dan", CLI_PASSWORD).await;
    assert_eq!(s, 200);
    assert_eq!(parts(dan.get("/api/v1/me").await).await.1["role"], "default");

    // mod --role: the same; the next sign-in carries the new role.
    let (ok, out) = cli(&data, &["user", "mod", "dan", "--role", "manager"], None).await;
    assert!(ok, "{out}");
    let (s, v) = parts(dan.get("/api/v1/me").await).await;
    assert_eq!(s, 401, "after `user mod --role` dan's session still works: {v}");
    let (dan, s) = login_as(srv, "dan", CLI_PASSWORD).await;
    assert_eq!(s, 200);
    assert_eq!(parts(dan.get("/api/v1/me").await).await.1["role"], "manager");
    assert_eq!(dan.get("/api/v1/users").await.status(), 200, "the new role's rights apply");

    // Both are in the event log, on dan, without the password.
    let admin = session_for(srv, &f.ada, false).await;
    let v = call(srv, "GET", "/api/v1/events?limit=1000", Some(&admin), None).await.1;
    let events = v["items"].as_array().unwrap();
    assert!(of_kind(events, "password_reset").iter().any(|e| e["details"]["target"] == f.dan.as_str()), "{v}");
    assert!(
        of_kind(events, "role_changed")
            .iter()
            .any(|e| e["details"]["target"] == f.dan.as_str() && e["details"]["to"] == "manager"),
        "{v}"
    );
    assert!(!v.to_string().contains(CLI_PASSWORD));
}

// ---------------------------------------------------------------------------------------
// 4. LAN URLs: real adapters before VPN, container and VM ones (PRODUCT M4).

const LAN_ORDER_CHILD: &str = "HEARTH_LAN_ORDER_CHILD";
const REAL: [&str; 3] = ["enp3s0", "eth0", "wlan0"];
const VIRTUAL: [&str; 7] = ["br-5e1d", "docker0", "tailscale0", "tun0", "veth9f3c", "virbr0", "wg0"];

/// `hearth::domain::lan::local_addrs` reads this machine's interfaces; the ordering function it uses
/// is private, so the test builds a network namespace holding only the interfaces it wants
/// and runs itself again inside it.
#[test]
fn lan_urls_list_real_adapters_before_virtual_ones() {
    if std::env::var_os(LAN_ORDER_CHILD).is_some() {
        for a in hearth::domain::lan::local_addrs() {
            println!("ADDR {} {}", a.interface, a.ip);
        }
        return;
    }
    let ns = format!("hearth-lan-{}", std::process::id());
    let ip = |args: &[&str]| {
        let out = std::process::Command::new("ip").args(args).output().expect("iproute2");
        assert!(out.status.success(), "ip {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    struct Cleanup(String);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let _ = std::process::Command::new("ip").args(["netns", "del", &self.0]).output();
        }
    }
    let _ = std::process::Command::new("ip").args(["netns", "del", &ns]).output();
    ip(&["netns", "add", &ns]);
    let _cleanup = Cleanup(ns.clone());
    // veth pairs, both ends inside the namespace: the names are what counts.
    let all: Vec<&str> = REAL.iter().chain(VIRTUAL.iter()).copied().collect();
    assert_eq!(all.len() % 2, 0);
    for pair in all.chunks(2) {
        ip(&["-n", &ns, "link", "add", pair[0], "type", "veth", "peer", "name", pair[1]]);
    }
    for (i, name) in all.iter().enumerate() {
        ip(&["-n", &ns, "addr", "add", &format!("10.77.{i}.1/24"), "dev", name]);
        ip(&["-n", &ns, "link", "set", name, "up"]);
    }
    // An IPv6 address on a real adapter and on a virtual one (ULA: routable on a LAN).
    ip(&["-n", &ns, "addr", "add", "fd00:77::1/64", "dev", "eth0", "nodad"]);
    ip(&["-n", &ns, "addr", "add", "fd00:78::1/64", "dev", "docker0", "nodad"]);

    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new("ip")
        .args(["netns", "exec", &ns])
        .arg(&exe)
        .args([
            "--exact",
            "coverage::lan_urls_list_real_adapters_before_virtual_ones",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(LAN_ORDER_CHILD, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "child: {stdout} {}", String::from_utf8_lossy(&out.stderr));
    let listed: Vec<(String, String)> = stdout
        .lines()
        // The harness prints "test … ... " before the first line of output.
        .filter_map(|l| l.split_once("ADDR ").map(|(_, rest)| rest))
        .map(|l| {
            let (i, a) = l.split_once(' ').unwrap();
            (i.to_string(), a.to_string())
        })
        .collect();
    let is_real = |name: &str| REAL.contains(&name);

    // Every address is listed (no loopback, no link-local fe80::), once.
    let mut want: BTreeSet<(String, String)> =
        all.iter().enumerate().map(|(i, n)| (n.to_string(), format!("10.77.{i}.1"))).collect();
    want.insert(("eth0".into(), "fd00:77::1".into()));
    want.insert(("docker0".into(), "fd00:78::1".into()));
    let got: BTreeSet<(String, String)> = listed.iter().cloned().collect();
    assert_eq!(got, want, "listed: {listed:?}");
    assert_eq!(listed.len(), want.len(), "no duplicates: {listed:?}");

    // Real adapters first (even though "br-…" and "docker0" sort before "enp3s0"), and on
    // each kind IPv4 before IPv6.
    let first_virtual = listed.iter().position(|(i, _)| !is_real(i)).unwrap();
    assert!(listed[first_virtual..].iter().all(|(i, _)| !is_real(i)), "a real adapter after a virtual one: {listed:?}");
    assert_eq!(first_virtual, REAL.len() + 1, "{listed:?}");
    assert_eq!(
        listed[first_virtual - 1],
        ("eth0".to_string(), "fd00:77::1".to_string()),
        "IPv4 before IPv6: {listed:?}"
    );
    assert_eq!(
        listed.last().unwrap(),
        &("docker0".to_string(), "fd00:78::1".to_string()),
        "IPv4 before IPv6: {listed:?}"
    );
}
