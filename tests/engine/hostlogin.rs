//! The per-launch host secret: `/host-login?secret=…` works once, only from loopback.

use serde_json::json;

use crate::common::*;

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).cookie_store(true).build().unwrap()
}

#[tokio::test]
async fn host_secret_works_once() {
    let srv = TestServer::start().await;
    let secret = srv.engine.new_host_secret();
    let browser = no_redirects();
    // A wrong secret, a truncated one, none at all: refused, and the real one still works.
    for bad in [format!("{secret}x"), secret[..secret.len() - 1].to_string(), "".into()] {
        let r = browser.get(srv.url(&format!("/host-login?secret={bad}"))).send().await.unwrap();
        assert_eq!(error_code(r).await, (403, "invalid_host_secret".into()));
    }
    let r = browser.get(srv.url(&format!("/host-login?secret={secret}"))).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers().get("location").unwrap(), "/");
    let st: serde_json::Value = browser.get(srv.url("/api/v1/status")).send().await.unwrap().json().await.unwrap();
    assert_eq!(st["host"], true);
    // Second use: refused, from any browser.
    let again = no_redirects().get(srv.url(&format!("/host-login?secret={secret}"))).send().await.unwrap();
    assert_eq!(error_code(again).await, (403, "invalid_host_secret".into()));
    // A plain loopback browser without the secret is not the host.
    let st = parts(srv.client().get("/api/v1/status").await).await.1;
    assert_eq!(st["host"], false);
    srv.stop().await;
}

#[tokio::test]
async fn host_login_does_not_bypass_the_lock() {
    let srv = TestServer::start().await;
    srv.client().send("PUT", "/api/v1/me/lock", Some(json!({"newPassword": PASSWORD}))).await;
    let secret = srv.engine.new_host_secret();
    let browser = no_redirects();
    let r = browser.get(srv.url(&format!("/host-login?secret={secret}"))).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let api = Api { http: browser, base: srv.base.clone() };
    assert_eq!(error_code(api.get("/api/v1/me").await).await, (401, "locked".into()));
    assert_eq!(api.post("/api/v1/auth/unlock", json!({"password": PASSWORD})).await.status(), 200);
    let st = parts(api.get("/api/v1/status").await).await.1;
    assert_eq!((st["host"].clone(), st["locked"].clone()), (json!(true), json!(false)));
    // Another browser that unlocks is not the host.
    let other = srv.client();
    other.post("/api/v1/auth/unlock", json!({"password": PASSWORD})).await;
    assert_eq!(parts(other.get("/api/v1/status").await).await.1["host"], false);
    srv.stop().await;
}

/// "Another machine" (a network namespace of the test's own) reaches a listener on the
/// test's veth address. Even with the right secret and a forged `Host: 127.0.0.1`, it gets
/// no host session, and no implicit owner access either.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn host_secret_and_owner_access_only_from_loopback() {
    let srv = TestServer::start().await;
    let ns = Netns::create();
    let lan = srv.engine.serve(format!("{}:0", ns.host_ip).parse().unwrap()).await.unwrap();
    let port = lan.local_addr().port();
    let secret = srv.engine.new_host_secret();
    let url = format!("http://{}:{port}", ns.host_ip);

    let (code, body) = ns.curl(&["-H", "Host: 127.0.0.1", &format!("{url}/host-login?secret={secret}")]).await;
    assert_eq!(code, 403, "{body}");
    assert!(body.contains("host_only"), "{body}");
    let (code, _) = ns.curl(&["-H", "Host: 127.0.0.1", &format!("{url}/api/v1/workspaces")]).await;
    assert_eq!(code, 401, "single-user owner access is for loopback only");
    let (code, _) = ns.curl(&[&format!("{url}/api/v1/status")]).await;
    assert_eq!(code, 403, "the LAN address is not an allowed host name in single-user mode");

    // The refused attempt did not spend the secret: loopback can still use it, once.
    let r = no_redirects().get(srv.url(&format!("/host-login?secret={secret}"))).send().await.unwrap();
    assert_eq!(r.status(), 303);
    // A `hearth host-link` link is held to the same: refused from the LAN, and not spent.
    let link = srv.engine.mint_host_link().await.unwrap();
    let (code, body) = ns.curl(&["-H", "Host: 127.0.0.1", &format!("{url}/host-login?secret={link}")]).await;
    assert_eq!(code, 403, "{body}");
    assert!(body.contains("host_only"), "{body}");
    let r = no_redirects().get(srv.url(&format!("/host-login?secret={link}"))).send().await.unwrap();
    assert_eq!(r.status(), 303);
    lan.shutdown().await;
    srv.stop().await;
}

/// `hearth host-link` gives the host of a running `hearth serve` a way back in: a fresh link,
/// once, within its time; a spent one shows a page with that advice to a browser; the host
/// session outlives the browser (a persistent cookie).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn host_link_mints_a_fresh_single_use_link_for_the_running_server() {
    use crate::fixture::{run_cli, Serve};
    let data = tempfile::tempdir().unwrap();
    // No server yet: it says so and fails.
    let (ok, _, err) = run_cli(data.path(), &["host-link"], None).await;
    assert!(!ok && err.contains("no Hearth server is running"), "{err}");

    let serve = Serve::start(std::path::Path::new(env!("CARGO_BIN_EXE_hearth")), data.path(), None).await;
    let (ok, out, err) = run_cli(data.path(), &["host-link"], None).await;
    assert!(ok, "{err}");
    let link = out.lines().next().unwrap().to_string();
    assert!(link.starts_with(&format!("{}/host-login?secret=", serve.base)), "{out}");
    // Two links from two runs: both good, each once.
    let (_, out2, _) = run_cli(data.path(), &["host-link"], None).await;
    let link2 = out2.lines().next().unwrap().to_string();
    assert_ne!(link, link2);

    let browser = no_redirects();
    let r = browser.get(&link).header("accept", "text/html").send().await.unwrap();
    assert_eq!(r.status(), 303);
    let cookies: Vec<String> =
        r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    // Both cookies persist: closing the browser does not cost the host its controls.
    assert!(cookies.iter().any(|c| c.starts_with("hearth_session=") && c.contains("Max-Age=")), "{cookies:?}");
    assert!(cookies.iter().any(|c| c.starts_with("hearth_host=") && c.contains("Max-Age=")), "{cookies:?}");
    let st: serde_json::Value =
        browser.get(format!("{}/api/v1/status", serve.base)).send().await.unwrap().json().await.unwrap();
    assert_eq!(st["host"], true);

    // Spent: a browser gets a page saying what to do; an API client the JSON error.
    let again = no_redirects().get(&link).header("accept", "text/html,application/xhtml+xml").send().await.unwrap();
    assert_eq!(again.status(), 403);
    assert!(again.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let page = again.text().await.unwrap();
    assert!(page.contains("hearth host-link") && !page.contains("<script"), "{page}");
    let again = no_redirects().get(&link).send().await.unwrap();
    assert_eq!(error_code(again).await, (403, "invalid_host_secret".into()));

    // An expired link is refused (and spent).
    let db = data.path().join("hearth.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    conn.execute("UPDATE host_links SET expires_at = 0", []).unwrap();
    drop(conn);
    let late = no_redirects().get(&link2).send().await.unwrap();
    assert_eq!(error_code(late).await, (403, "invalid_host_secret".into()));

    // The server killed: its URL file stays behind, but host-link asks the server itself.
    drop(serve);
    assert!(data.path().join("server.url").exists());
    let (ok, _, err) = run_cli(data.path(), &["host-link"], None).await;
    assert!(!ok && err.contains("no Hearth server is running"), "{err}");
}

/// `hearth serve --share`: a shared Hearth comes back after a reboot with nobody at the host
/// (multi-user mode: the LAN server starts on its saved interface and port; single-user: it
/// says why not, and serves on loopback anyway).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_share_starts_the_lan_server_in_multi_user_mode() {
    use crate::fixture::run_cli;
    use std::io::BufRead;
    let data = tempfile::tempdir().unwrap();
    let serve_lines = |data: std::path::PathBuf| {
        tokio::task::spawn_blocking(move || {
            let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hearth"))
                .args(["serve", "--port", "0", "--share", "--data-dir"])
                .arg(&data)
                .env("HEARTH_LOG", "warn")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
            let mut lines = Vec::new();
            for _ in 0..5 {
                let mut l = String::new();
                out.read_line(&mut l).unwrap();
                lines.push(l.trim().to_string());
            }
            (child, lines)
        })
    };
    let (mut child, lines) = serve_lines(data.path().to_path_buf()).await.unwrap();
    assert!(lines[0].starts_with("Hearth is listening on http://127.0.0.1:"), "{lines:?}");
    assert!(lines[4].contains("single-user: not sharing"), "{lines:?}");
    let _ = child.kill();
    let _ = child.wait();

    let (ok, _, err) = run_cli(
        data.path(),
        &["mode", "multi", "--admin-username", "boss", "--password-stdin"],
        Some("a long pass phrase 42\n"),
    )
    .await;
    assert!(ok, "{err}");
    // Any free port for the LAN server (its saved port is 4271 by default).
    let conn = rusqlite::Connection::open(data.path().join("hearth.db")).unwrap();
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('lan_port', '0')", []).unwrap();
    drop(conn);
    let (mut child, lines) = serve_lines(data.path().to_path_buf()).await.unwrap();
    let shared = &lines[4];
    assert!(shared.starts_with("Shared on the LAN: http"), "{lines:?}");
    let port: u16 =
        shared.split_whitespace().nth(4).unwrap().rsplit(':').next().unwrap().trim_end_matches('/').parse().unwrap();
    let r = reqwest::get(format!("http://127.0.0.1:{port}/api/v1/health")).await.unwrap();
    assert_eq!(r.status(), 200);
    let _ = child.kill();
    let _ = child.wait();
}
