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
    lan.shutdown().await;
    srv.stop().await;
}
