//! Knowledge that is people's own (PRODUCT A4, C1): memories, the personal backup, and the
//! whole-database backup and restore of the command line.

use std::io::Read;

use serde_json::{json, Value};

use crate::common::*;
use crate::fixture::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memories_are_their_owners_alone() {
    let f = multi().await;
    let srv = &f.srv;
    let dan = session_for(srv, &f.dan, false).await;
    let host = session_for(srv, &f.owner, true).await;
    let (s, m) =
        call(srv, "POST", "/api/v1/me/memories", Some(&dan), Some(json!({"content": "  I am allergic to nuts.  "})))
            .await;
    assert_eq!((s, m["content"].as_str()), (201, Some("I am allergic to nuts.")), "{m}");
    let id = m["id"].as_str().unwrap().to_string();
    let (_, list) = call(srv, "GET", "/api/v1/me/memories", Some(&dan), None).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    // Nobody else sees, changes or removes it: an admin included.
    for who in [&f.mia_session, &host] {
        let (_, theirs) = call(srv, "GET", "/api/v1/me/memories", Some(who), None).await;
        assert!(!theirs.to_string().contains("allergic"), "{theirs}");
        let p = format!("/api/v1/me/memories/{id}");
        assert_eq!(call(srv, "PATCH", &p, Some(who), Some(json!({"content": "hacked"}))).await.0, 404);
        assert_eq!(call(srv, "DELETE", &p, Some(who), None).await.0, 404);
    }
    // "Remember this" only from one's own messages.
    let mia_msg = hearth::store::new_id();
    let (mm, mt) = (mia_msg.clone(), f.mia_thread.clone());
    sql(srv, move |c| {
        c.execute(
            "INSERT INTO messages (id, thread_id, role, content, created_at) VALUES (?1, ?2, 'user', 'mine', 1)",
            [&mm, &mt],
        )
    })
    .await;
    let (s, _) =
        call(srv, "POST", "/api/v1/me/memories", Some(&dan), Some(json!({"content": "x", "sourceMessageId": mia_msg})))
            .await;
    assert_eq!(s, 404);
    let (s, m) = call(
        srv,
        "POST",
        "/api/v1/me/memories",
        Some(&f.mia_session),
        Some(json!({"content": "x", "sourceMessageId": mia_msg})),
    )
    .await;
    assert_eq!((s, m["sourceMessageId"].as_str()), (201, Some(mia_msg.as_str())));
    // Bad input changes nothing.
    for bad in
        [json!({"content": "   "}), json!({"content": "y".repeat(2001)}), json!({"content": "ok", "role": "admin"})]
    {
        let (s, _) = call(srv, "POST", "/api/v1/me/memories", Some(&dan), Some(bad.clone())).await;
        assert!(s == 422 || s == 400, "{bad}: {s}");
    }
    let (s, m) =
        call(srv, "PATCH", &format!("/api/v1/me/memories/{id}"), Some(&dan), Some(json!({"content": "Nuts: no."})))
            .await;
    assert_eq!((s, m["content"].as_str()), (200, Some("Nuts: no.")));
    let (_, list) = call(srv, "GET", "/api/v1/me/memories", Some(&dan), None).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(call(srv, "DELETE", &format!("/api/v1/me/memories/{id}"), Some(&dan), None).await.0, 204);
    let (_, list) = call(srv, "GET", "/api/v1/me/memories", Some(&dan), None).await;
    assert_eq!(list["items"], json!([]));
}

fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_personal_backup_has_everything_of_ones_own_and_nothing_else() {
    let f = multi().await;
    let srv = &f.srv;
    let dan = session_for(srv, &f.dan, false).await;
    call(srv, "POST", "/api/v1/me/memories", Some(&dan), Some(json!({"content": "Call me D."}))).await;
    call(srv, "POST", "/api/v1/me/memories", Some(&f.mia_session), Some(json!({"content": "mia's secret"}))).await;
    let (dt, mt) = (f.dan_thread.clone(), f.mia_thread.clone());
    sql(srv, move |c| {
        c.execute(
            "INSERT INTO messages (id, thread_id, role, content, created_at) VALUES ('d1', ?1, 'user', 'dan asks', 1)",
            [&dt],
        )?;
        c.execute(
            "INSERT INTO messages (id, thread_id, role, content, created_at) VALUES ('m1', ?1, 'user', 'mia asks', 1)",
            [&mt],
        )
    })
    .await;
    let r = reqwest::Client::new().get(srv.url("/api/v1/me/backup")).header("cookie", &dan).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/zip");
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"hearth-backup-dan-"));
    let files = unzip(&r.bytes().await.unwrap());
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(names, ["README.txt", "manifest.json", "memories.json", "profile.json", "threads.json", "usage.json"]);
    let manifest: Value = serde_json::from_str(&files["manifest.json"]).unwrap();
    assert_eq!((manifest["format"].as_str(), manifest["version"].as_i64()), (Some("hearth-personal-backup"), Some(1)));
    let threads: Value = serde_json::from_str(&files["threads.json"]).unwrap();
    assert_eq!(threads[0]["messages"][0]["content"], "dan asks");
    assert_eq!(threads[0]["workspace"], "team");
    let all: String = files.values().cloned().collect();
    assert!(all.contains("Call me D."));
    for foreign in ["mia asks", "mia's secret", "$argon2", "passwordHash", "password_hash"] {
        assert!(!all.contains(foreign), "{foreign} is in dan's backup");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_while_writing_then_restore_gives_one_moments_rows() {
    let srv = TestServer::start().await;
    sql(&srv, |c| c.execute("CREATE TABLE IF NOT EXISTS t_probe (n INTEGER PRIMARY KEY)", [])).await;
    // A writer keeps inserting 1, 2, 3, … while the backup runs.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (engine, stop) = (srv.engine.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = 0i64;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                n += 1;
                let k = n;
                engine
                    .db()
                    .write(move |tx| -> Result<(), hearth::store::StoreError> {
                        tx.execute("INSERT INTO t_probe (n) VALUES (?1)", [k])?;
                        Ok(())
                    })
                    .await
                    .unwrap();
            }
            n
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("copy.db");
    let (ok, stdout, stderr) = run_cli(&srv.dir.path().join("data"), &["backup", file.to_str().unwrap()], None).await;
    assert!(ok, "{stdout}{stderr}");
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let written = writer.await.unwrap();
    // Into a new data directory.
    let fresh = out.path().join("restored");
    let (ok, stdout, stderr) = run_cli(&fresh, &["restore", file.to_str().unwrap()], None).await;
    assert!(ok, "{stdout}{stderr}");
    let conn = rusqlite::Connection::open(fresh.join("hearth.db")).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let (count, max): (i64, i64) = conn
        .query_row("SELECT count(*), coalesce(max(n), 0) FROM t_probe", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert!(
        count > 0 && count == max && max <= written,
        "one moment's rows, 1..{max} without gaps ({count}; {written} written)"
    );
    let users: i64 = conn.query_row("SELECT count(*) FROM users", [], |r| r.get(0)).unwrap();
    assert_eq!(users, 1);
    drop(conn);
    // The restored directory opens as a Hearth.
    hearth::Engine::open(&hearth::config::EngineConfig::new(&fresh)).unwrap();
    // An existing database is not overwritten without --force; a backup file is never.
    let (ok, _, stderr) = run_cli(&fresh, &["restore", file.to_str().unwrap()], None).await;
    assert!(!ok && stderr.contains("--force"), "{stderr}");
    let (ok, _, stderr) = run_cli(&srv.dir.path().join("data"), &["backup", file.to_str().unwrap()], None).await;
    assert!(!ok && stderr.contains("already exists"), "{stderr}");
    let (ok, _, stderr) = run_cli(&fresh, &["restore", "--force", file.to_str().unwrap()], None).await;
    assert!(ok, "{stderr}");
    // A newer schema, a file that is not a database: refused, nothing written.
    let newer = out.path().join("newer.db");
    std::fs::copy(&file, &newer).unwrap();
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 999).unwrap();
    let empty = out.path().join("empty");
    let (ok, _, stderr) = run_cli(&empty, &["restore", newer.to_str().unwrap()], None).await;
    assert!(!ok && stderr.contains("newer Hearth"), "{stderr}");
    assert!(!empty.join("hearth.db").exists());
    let junk = out.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all, just some words").unwrap();
    let (ok, _, stderr) = run_cli(&empty, &["restore", junk.to_str().unwrap()], None).await;
    assert!(!ok && stderr.contains("not a usable Hearth database"), "{stderr}");
    assert!(!empty.join("hearth.db").exists());
}
