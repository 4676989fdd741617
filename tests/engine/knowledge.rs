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

// ---- Documents ------------------------------------------------------------------------------

/// A one-page PDF whose page shows `lines`.
fn pdf_with(lines: &[&str]) -> Vec<u8> {
    crate::pdf::pdf(&[lines.iter().map(|l| l.to_string()).collect()])
}

/// A DOCX whose body is `paragraphs` (style, text); `document.xml` padded with `pad` bytes.
fn docx_with(paragraphs: &[(&str, &str)], pad: usize) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for (style, text) in paragraphs {
        let ppr =
            if style.is_empty() { String::new() } else { format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>") };
        body.push_str(&format!("<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"));
    }
    let xml = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>{}",
        " ".repeat(pad)
    );
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file("[Content_Types].xml", opts).unwrap();
    w.write_all(b"<Types/>").unwrap();
    w.start_file("word/document.xml", opts).unwrap();
    w.write_all(xml.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

/// Uploads `files` (name, bytes) to `slug` as `cookie`; returns the status and the JSON.
pub(crate) async fn upload(srv: &TestServer, cookie: &str, slug: &str, files: Vec<(&str, Vec<u8>)>) -> (u16, Value) {
    let mut form = reqwest::multipart::Form::new();
    for (name, bytes) in files {
        form = form.part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    }
    let r = reqwest::Client::new()
        .post(srv.url(&format!("/api/v1/workspaces/{slug}/documents")))
        .header("x-hearth-csrf", "1")
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// The workspace's documents once none is queued or being read.
pub(crate) async fn settled(srv: &TestServer, cookie: &str, slug: &str) -> Vec<Value> {
    for _ in 0..300 {
        let (_, list) = call(srv, "GET", &format!("/api/v1/workspaces/{slug}/documents"), Some(cookie), None).await;
        let items = list["items"].as_array().cloned().unwrap_or_default();
        if items.iter().all(|d| d["status"] == "indexed" || d["status"] == "failed") {
            return items;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("documents still being read after 30 s");
}

fn by_name<'a>(docs: &'a [Value], name: &str) -> &'a Value {
    docs.iter().find(|d| d["fileName"] == name).unwrap_or_else(|| panic!("no {name} in {docs:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_of_every_kind_are_read_searched_and_removed() {
    let f = multi().await;
    let srv = &f.srv;
    let dan = session_for(srv, &f.dan, false).await;
    let mia = &f.mia_session;
    let long_md = format!(
        "# Field guide\n\nIntro text.\n\n## Lighthouses\n\n{}\n\nThe keeper polishes the Fresnel lens every morning.",
        "Waves break on the rocks below the tower. ".repeat(60)
    );
    let files = vec![
        ("notes.txt", "The annual budget meeting is on Thursday in room 4.".as_bytes().to_vec()),
        ("guide.md", long_md.into_bytes()),
        ("page.html", b"<!doctype html><html><head><title>t</title><script>steal()</script></head><body><h1>Recipes</h1><p>Sourdough needs a starter fed daily.</p><img src=\"http://192.0.2.1/x.png\"></body></html>".to_vec()),
        ("report.pdf", pdf_with(&["Quarterly report", "Revenue grew by seventeen percent."])),
        ("memo.docx", docx_with(&[("Heading1", "Travel policy"), ("", "Trains are preferred over planes for trips under 600 km.")], 0)),
        ("latin1.txt", encoding_rs::WINDOWS_1252.encode("Le café du matin est servi à sept heures.").0.into_owned()),
        ("../../escape.txt", b"Paths never climb out of the data directory.".to_vec()),
    ];
    let (s, up) = upload(srv, mia, "team", files).await;
    assert_eq!(s, 201, "{up}");
    assert_eq!(up["items"].as_array().unwrap().len(), 7);
    let docs = settled(srv, &dan, "team").await;
    for d in &docs {
        assert_eq!(d["status"], "indexed", "{d}");
    }
    assert_eq!(by_name(&docs, "memo.docx")["title"], "Travel policy");
    assert_eq!(by_name(&docs, "guide.md")["title"], "Field guide");
    assert!(by_name(&docs, "guide.md")["chunks"].as_i64().unwrap() >= 2);
    assert_eq!(by_name(&docs, "report.pdf")["kind"], "pdf");
    assert_eq!(by_name(&docs, "page.html")["kind"], "html");
    by_name(&docs, "escape.txt");
    // Files are kept by id in the data directory's documents/, whatever their names.
    let data = srv.dir.path().join("data");
    let stored: Vec<String> = std::fs::read_dir(data.join("documents"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(stored.len(), 7);
    assert!(stored.iter().all(|n| n.len() == 32 && n.chars().all(|c| c.is_ascii_hexdigit())), "{stored:?}");
    assert!(!srv.dir.path().join("escape.txt").exists() && !data.join("escape.txt").exists());
    // Search: a member finds each by its words; accents do not matter; scripts were not text.
    let search = |q: &str| {
        let (cookie, q) = (dan.clone(), q.to_string());
        async move {
            let (s, r) =
                call(srv, "GET", &format!("/api/v1/workspaces/team/search?q={}", urlencode(&q)), Some(&cookie), None)
                    .await;
            assert_eq!(s, 200, "{r}");
            r["items"].as_array().cloned().unwrap_or_default()
        }
    };
    for (q, doc) in [
        ("budget meeting", "notes.txt"),
        ("Fresnel lens", "Field guide"),
        ("sourdough starter", "Recipes"),
        ("revenue percent", "report.pdf"),
        ("trains planes", "Travel policy"),
        ("cafe matin", "latin1.txt"),
    ] {
        let hits = search(q).await;
        assert!(!hits.is_empty(), "nothing for {q:?}");
        assert_eq!(hits[0]["title"], doc, "{q:?}: {hits:?}");
    }
    assert!(search("steal").await.is_empty(), "a script's code is not text");
    // Another workspace's documents are not found from here, nor listed for non-members.
    assert_eq!(call(srv, "GET", "/api/v1/workspaces/private/documents", Some(&dan), None).await.0, 404);
    assert_eq!(call(srv, "GET", "/api/v1/workspaces/private/search?q=budget", Some(&dan), None).await.0, 404);
    let (_, other) = call(srv, "GET", "/api/v1/workspaces/private/search?q=budget", Some(mia), None).await;
    assert_eq!(other["items"], json!([]));
    // A default user cannot upload or remove.
    let (s, _) = upload(srv, &dan, "team", vec![("x.txt", b"hello there".to_vec())]).await;
    assert_eq!(s, 403);
    let notes = by_name(&docs, "notes.txt")["id"].as_str().unwrap().to_string();
    assert_eq!(
        call(srv, "DELETE", &format!("/api/v1/workspaces/team/documents/{notes}"), Some(&dan), None).await.0,
        403
    );
    // Removing a document takes its passages out of the search at once, and its file.
    assert_eq!(
        call(srv, "DELETE", &format!("/api/v1/workspaces/team/documents/{notes}"), Some(mia), None).await.0,
        204
    );
    assert!(search("budget meeting").await.iter().all(|h| h["documentId"] != notes.as_str()));
    assert!(!data.join("documents").join(&notes).exists());
    let left: i64 =
        sql(srv, move |c| c.query_row("SELECT count(*) FROM chunks WHERE document_id = ?1", [&notes], |r| r.get(0)))
            .await;
    assert_eq!(left, 0);
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_documents_fail_alone_and_bad_uploads_leave_nothing() {
    let f = multi().await;
    let srv = &f.srv;
    let mia = &f.mia_session;
    let host = session_for(srv, &f.owner, true).await;
    let data = srv.dir.path().join("data");
    let count =
        || async { sql(srv, |c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))).await };
    // Not documents, by their content whatever their names: refused, nothing kept.
    let png = crate::fixture::TINY_PNG.to_vec();
    let (s, e) = upload(srv, mia, "team", vec![("fine.txt", b"fine".to_vec()), ("photo.txt", png)]).await;
    assert_eq!((s, e["error"]["code"].as_str()), (415, Some("unsupported_type")), "{e}");
    let (s, _) = upload(srv, mia, "team", vec![("empty.txt", Vec::new())]).await;
    assert_eq!(s, 415);
    assert_eq!(count().await, 0);
    // Over the cap: refused while streaming.
    let (s, _) = call(srv, "PATCH", "/api/v1/settings", Some(&host), Some(json!({"uploadMaxMb": 1}))).await;
    assert_eq!(s, 200);
    let (s, e) = upload(srv, mia, "team", vec![("big.txt", vec![b'a'; (1 << 20) + 10])]).await;
    assert_eq!((s, e["error"]["code"].as_str()), (413, Some("file_too_large")), "{e}");
    assert_eq!(count().await, 0);
    let leftovers = std::fs::read_dir(data.join("uploads")).map(|d| d.count()).unwrap_or(0);
    assert_eq!(leftovers, 0, "no partial upload stays on disk");
    // Broken files fail alone, with a reason; the good one beside them is indexed.
    let bomb = docx_with(&[("", "tiny")], 70 << 20);
    assert!(bomb.len() < (1 << 20), "the bomb is small packed: {}", bomb.len());
    let files = vec![
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage".to_vec()),
        ("scan.pdf", pdf_with(&[])),
        ("bomb.docx", bomb),
        ("good.txt", b"The good file is still indexed.".to_vec()),
    ];
    let (s, up) = upload(srv, mia, "team", files).await;
    assert_eq!(s, 201, "{up}");
    let docs = settled(srv, mia, "team").await;
    assert_eq!(by_name(&docs, "good.txt")["status"], "indexed");
    for name in ["broken.pdf", "scan.pdf", "bomb.docx"] {
        let d = by_name(&docs, name);
        assert_eq!(d["status"], "failed", "{d}");
        assert!(!d["error"].as_str().unwrap_or("").is_empty(), "{d}");
    }
    assert!(by_name(&docs, "bomb.docx")["error"].as_str().unwrap().contains("too much"));
    // Retry puts a failed one back in the queue; an indexed one is a conflict.
    let broken = by_name(&docs, "broken.pdf")["id"].as_str().unwrap().to_string();
    let good = by_name(&docs, "good.txt")["id"].as_str().unwrap().to_string();
    let (s, d) = call(srv, "POST", &format!("/api/v1/workspaces/team/documents/{broken}/retry"), Some(mia), None).await;
    assert!(s == 200 && (d["status"] == "queued" || d["status"] == "reading"), "{d}");
    let (s, _) = call(srv, "POST", &format!("/api/v1/workspaces/team/documents/{good}/retry"), Some(mia), None).await;
    assert_eq!(s, 409);
    settled(srv, mia, "team").await;
    // The server is fine.
    assert_eq!(call(srv, "GET", "/api/v1/health", None, None).await.0, 200);
    let ok: String = sql(srv, |c| c.query_row("PRAGMA integrity_check", [], |r| r.get(0))).await;
    assert_eq!(ok, "ok");
}

async fn serve(data: &std::path::Path) -> Serve {
    Serve::start(std::path::Path::new(env!("CARGO_BIN_EXE_hearth")), data, None).await
}

async fn get_json(http: &reqwest::Client, url: String) -> Value {
    http.get(url).send().await.unwrap().json().await.unwrap()
}

/// A kill -9 while a document is being read: at the next start it is read again from the
/// start and ends indexed, whole, with the database intact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_while_reading_resumes_after_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let http = reqwest::Client::new();
    let first = serve(&data).await;
    let api = |base: &str, p: &str| format!("{base}/api/v1{p}");
    let ws: Value = http
        .post(api(&first.base, "/workspaces"))
        .header("x-hearth-csrf", "1")
        .json(&json!({"name": "Big"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let slug = ws["slug"].as_str().unwrap().to_string();
    // Many passages: long enough to be caught while it is being read.
    let mut big = String::new();
    for i in 0..4000 {
        big.push_str(&format!(
            "## Section {i}\n\nParagraph {i} tells of harbours, tides and the keeper's log. {}\n\n",
            "Ropes and lanterns. ".repeat(20)
        ));
    }
    big.push_str("The last line mentions a narwhal.\n");
    let form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(big.into_bytes()).file_name("big.md"));
    let r = http
        .post(api(&first.base, &format!("/workspaces/{slug}/documents")))
        .header("x-hearth-csrf", "1")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    // Wait until part of it is written, then kill -9.
    let mut caught = false;
    for _ in 0..2000 {
        let list = get_json(&http, api(&first.base, &format!("/workspaces/{slug}/documents"))).await;
        let d = &list["items"][0];
        if d["status"] == "reading" && d["progress"].as_f64().unwrap_or(0.0) > 0.0 {
            caught = true;
            break;
        }
        assert_ne!(d["status"], "indexed", "read before it could be interrupted; make the document bigger");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert!(caught, "never saw it being read");
    drop(first);
    let second = serve(&data).await;
    let mut status = Value::Null;
    for _ in 0..600 {
        let list = get_json(&http, api(&second.base, &format!("/workspaces/{slug}/documents"))).await;
        status = list["items"][0].clone();
        if status["status"] == "indexed" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(status["status"], "indexed", "{status}");
    let hits: Value = http
        .get(api(&second.base, &format!("/workspaces/{slug}/search?q=narwhal")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(hits["items"].as_array().unwrap().len(), 1, "{hits}");
    drop(second);
    let conn = rusqlite::Connection::open(data.join("hearth.db")).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let (chunks, said): (i64, i64) = conn
        .query_row("SELECT (SELECT count(*) FROM chunks), (SELECT chunks FROM documents)", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(chunks, said, "every passage once: the interrupted attempt's were replaced");
}

/// An upload cut off halfway (the client goes away mid-body): a clear 400 when the server
/// can still answer, no partial file on disk, no document.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_cut_off_halfway_leaves_nothing() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let f = multi().await;
    let srv = &f.srv;
    let boundary = "XyZboundary";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"half.txt\"\r\nContent-Type: text/plain\r\n\r\n"
    );
    let mut body = head.into_bytes();
    body.extend(std::iter::repeat_n(b'a', 200_000));
    let declared = body.len() + 100_000; // the rest never comes
    let req = format!(
        "POST /api/v1/workspaces/team/documents HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\nX-Hearth-CSRF: 1\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {declared}\r\n\r\n",
        srv.addr, f.mia_session
    );
    let mut s = tokio::net::TcpStream::connect(srv.addr).await.unwrap();
    s.write_all(req.as_bytes()).await.unwrap();
    s.write_all(&body).await.unwrap();
    s.shutdown().await.unwrap(); // the client stops sending
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), s.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 400"), "{answer}");
    // Nothing kept: no document, no file in uploads/ or documents/.
    let data = srv.dir.path().join("data");
    for _ in 0..50 {
        let n = std::fs::read_dir(data.join("uploads")).map(|d| d.count()).unwrap_or(0);
        if n == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(std::fs::read_dir(data.join("uploads")).map(|d| d.count()).unwrap_or(0), 0);
    assert_eq!(std::fs::read_dir(data.join("documents")).map(|d| d.count()).unwrap_or(0), 0);
    let docs: i64 = sql(srv, |c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))).await;
    assert_eq!(docs, 0);
    assert_eq!(call(srv, "GET", "/api/v1/health", None, None).await.0, 200);
}

fn repo_models() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models")
}

async fn vector_count(srv: &TestServer) -> i64 {
    sql(srv, |c| c.query_row("SELECT count(*) FROM vectors_minilm_l6_v2", [], |r| r.get(0))).await
}

/// Waits until every document of `slug` has its vectors made with `embedder` (or none).
async fn embedded(srv: &TestServer, cookie: &str, slug: &str, embedder: Option<&str>) -> Vec<Value> {
    for _ in 0..600 {
        let docs = settled(srv, cookie, slug).await;
        if docs.iter().all(|d| d["embeddedWith"].as_str() == embedder) {
            return docs;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("documents still without their vectors after 60 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workspace_with_an_embedder_finds_passages_by_meaning() {
    let f = multi_with(|c| c.model_dirs.push(repo_models())).await;
    let srv = &f.srv;
    let dan = session_for(srv, &f.dan, false).await;
    let mia = &f.mia_session;
    let (s, list) = call(srv, "GET", "/api/v1/embedders", Some(&dan), None).await;
    assert_eq!(s, 200, "{list}");
    assert_eq!(list["items"][0]["id"], "all-minilm-l6-v2", "scripts/fetch-embedder.sh puts it in models/: {list}");
    assert_eq!(list["items"][0]["dimensions"], 384);

    let files = vec![
        ("router.txt", b"To reset the wireless router's password, hold its button down for ten seconds.".to_vec()),
        ("lunch.txt", b"The cafeteria serves lunch from noon until two o'clock.".to_vec()),
        ("parking.txt", b"Visitors leave their cars in the lot behind building B.".to_vec()),
    ];
    let (s, up) = upload(srv, mia, "team", files).await;
    assert_eq!(s, 201, "{up}");
    let docs = settled(srv, &dan, "team").await;
    assert!(docs.iter().all(|d| d["status"] == "indexed" && d["embeddedWith"].is_null()), "{docs:?}");
    let search = |q: &str| {
        let (cookie, q) = (dan.clone(), q.to_string());
        async move {
            let (s, r) =
                call(srv, "GET", &format!("/api/v1/workspaces/team/search?q={}", urlencode(&q)), Some(&cookie), None)
                    .await;
            assert_eq!(s, 200, "{r}");
            r["items"].as_array().cloned().unwrap_or_default()
        }
    };
    // Keywords alone: no word in common, nothing found.
    let question = "How do I change the WiFi key?";
    assert!(search(question).await.is_empty());

    // Only known embedders, only by those who edit the workspace; nothing changes otherwise.
    let (s, r) = call(srv, "PATCH", "/api/v1/workspaces/team", Some(mia), Some(json!({"embedder": "word2vec"}))).await;
    assert_eq!((s, r["error"]["code"].as_str()), (422, Some("unknown_embedder")), "{r}");
    let (s, _) =
        call(srv, "PATCH", "/api/v1/workspaces/team", Some(&dan), Some(json!({"embedder": "all-minilm-l6-v2"}))).await;
    assert_eq!(s, 403);
    assert_eq!(vector_count(srv).await, 0);

    // Chosen: the worker makes every passage's vector, and meaning finds what words could not.
    let (s, ws) =
        call(srv, "PATCH", "/api/v1/workspaces/team", Some(mia), Some(json!({"embedder": "all-minilm-l6-v2"}))).await;
    assert_eq!(s, 200, "{ws}");
    assert_eq!(ws["embedder"], "all-minilm-l6-v2");
    let docs = embedded(srv, &dan, "team", Some("all-minilm-l6-v2")).await;
    let chunks: i64 = docs.iter().map(|d| d["chunks"].as_i64().unwrap()).sum();
    assert_eq!(vector_count(srv).await, chunks);
    let hits = search(question).await;
    assert_eq!(hits.first().map(|h| h["title"].clone()), Some(json!("router.txt")), "{hits:?}");
    let hits = search("Where do guests put an automobile?").await;
    assert_eq!(hits.first().map(|h| h["title"].clone()), Some(json!("parking.txt")), "{hits:?}");
    // Keywords still count: an exact word ranks its passage first.
    let hits = search("cafeteria").await;
    assert_eq!(hits[0]["title"], "lunch.txt", "{hits:?}");
    // Another workspace's vectors never answer here (private has none; it finds nothing).
    let (_, other) = call(srv, "GET", "/api/v1/workspaces/private/search?q=router%20password", Some(mia), None).await;
    assert_eq!(other["items"], json!([]));

    // A removed document takes its vectors with it.
    let router = by_name(&docs, "router.txt")["id"].as_str().unwrap().to_string();
    let (s, _) = call(srv, "DELETE", &format!("/api/v1/workspaces/team/documents/{router}"), Some(mia), None).await;
    assert_eq!(s, 204);
    assert_eq!(vector_count(srv).await, chunks - by_name(&docs, "router.txt")["chunks"].as_i64().unwrap());
    assert!(search(question).await.iter().all(|h| h["documentId"] != router.as_str()));

    // Back to keywords only: the vectors go in the same change.
    let (s, ws) = call(srv, "PATCH", "/api/v1/workspaces/team", Some(mia), Some(json!({"embedder": null}))).await;
    assert_eq!((s, ws["embedder"].clone()), (200, Value::Null), "{ws}");
    assert_eq!(vector_count(srv).await, 0);
    embedded(srv, &dan, "team", None).await;
    assert!(search("Where do guests put an automobile?").await.is_empty());
}

/// Words found in a large share of all passages are left out of a keyword search (scoring
/// every passage that has them is what makes a search slow, and BM25 gives them next to no
/// weight): a question with one rare word still finds its passage first, and a question of
/// common words only still finds passages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn common_words_do_not_swamp_a_search() {
    let f = multi().await;
    let srv = &f.srv;
    let dan = session_for(srv, &f.dan, false).await;
    let ws = f.team.0.clone();
    sql(srv, move |c| {
        let tx = c.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO documents (id, workspace_id, title, file_name, kind, size, sha256, status, chunks, created_at, updated_at) \
             VALUES ('harbour-log', ?1, 'Harbour log', 'log.txt', 'text', 0, '', 'indexed', 1500, 0, 0)",
            [&ws],
        )?;
        for i in 0..1500 {
            let text = if i == 777 {
                "The harbour master keeps the lighthouse logbook in the tower.".to_string()
            } else {
                format!("Entry {i}: the harbour was calm and the boats came in.")
            };
            tx.execute(
                "INSERT INTO chunks (document_id, workspace_id, seq, heading, text) VALUES ('harbour-log', ?1, ?2, '', ?3)",
                rusqlite::params![ws, i, text],
            )?;
        }
        tx.commit()
    })
    .await;
    let search = |q: &'static str| {
        let cookie = dan.clone();
        async move {
            let (s, r) =
                call(srv, "GET", &format!("/api/v1/workspaces/team/search?q={}", urlencode(q)), Some(&cookie), None)
                    .await;
            assert_eq!(s, 200, "{r}");
            r["items"].as_array().cloned().unwrap_or_default()
        }
    };
    let hits = search("harbour boats lighthouse").await;
    assert!(hits[0]["snippet"].as_str().unwrap().contains("lighthouse"), "{hits:?}");
    assert_eq!(hits.len(), 1, "only the rare word's passage: {hits:?}");
    let hits = search("harbour boats").await;
    assert!(!hits.is_empty(), "all words common: the rarest still searches");
}
