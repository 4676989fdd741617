//! The knowledge issue's figures (`BENCH_ONLY=ingest,search,ttft cargo bench --bench http`;
//! results in bench-results/knowledge.json):
//!
//! - ingest: reading and indexing throughput of the real engine (in this process): a
//!   BENCH_INGEST_MB (20) MB Markdown file, MB of text per second; a BENCH_PDF_PAGES (200)
//!   page PDF, pages per second. From upload done to `indexed`.
//! - search: p50/p99 of `search_documents` (the HTTP handler's engine call, with its scope
//!   check) over BENCH_CHUNKS (100,000) passages, 1,000 queries of two or three words; then
//!   the same passages searched by keywords and meaning (the workspace given the embedder,
//!   every passage a vector: random unit vectors, as only their number matters for the
//!   cost), 300 questions, the question's own embedding included.
//! - ttft: time to first token through `hearth serve` (a stub provider in this process that
//!   answers at once), 40 messages one after another, with nothing else going on, then
//!   while a BENCH_TTFT_MB (50) MB document is being indexed, then while its passages'
//!   vectors are made (the workspace given the embedder).

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::chat::{api, client, stub};
use super::{env_num, ms, pct, spawn_with};

type Report = serde_json::Map<String, Value>;

const WORDS: &[&str] = &[
    "harbour", "tide", "keeper", "lantern", "rope", "storm", "lens", "beacon", "gull", "reef", "anchor", "fog",
    "signal", "shore", "wave", "mast", "compass", "chart", "island", "current", "budget", "meeting", "report",
    "policy", "travel", "invoice", "server", "backup", "network", "printer", "kitchen", "office", "garden", "recipe",
    "starter", "flour",
];

fn next(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *seed >> 33
}

/// `n` words: a third from the small list, the rest from 20,000 made-up words drawn with a
/// Zipf-like skew (a few common, most rare), as in real text.
fn words(seed: &mut u64, n: usize) -> String {
    (0..n)
        .map(|_| {
            let r = next(seed);
            if r.is_multiple_of(3) {
                WORDS[(r / 3) as usize % WORDS.len()].to_string()
            } else {
                // 1/u skew: rank = 20000^(u) - 1 for u uniform in [0, 1).
                let u = (next(seed) % 1_000_000) as f64 / 1_000_000.0;
                let rank = (20_000f64.powf(u) as u64).saturating_sub(1);
                format!("w{rank}x")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn markdown(mb: u64) -> String {
    let mut seed = 7;
    let mut s = String::new();
    let mut i = 0;
    while (s.len() as u64) < mb << 20 {
        s.push_str(&format!("## Part {i}\n\n{}.\n\n{}.\n\n", words(&mut seed, 120), words(&mut seed, 80)));
        i += 1;
    }
    s
}

#[path = "../../tests/engine/pdf.rs"]
mod pdfgen;

/// A PDF of `pages` pages of 40 lines of words.
fn pdf(pages: usize) -> Vec<u8> {
    let mut seed = 11;
    let pages: Vec<Vec<String>> = (0..pages).map(|_| (0..40).map(|_| words(&mut seed, 12)).collect()).collect();
    pdfgen::pdf(&pages)
}

async fn upload(c: &reqwest::Client, base: &str, slug: &str, name: &str, bytes: Vec<u8>) -> String {
    let form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    let r = c
        .post(format!("{base}/workspaces/{slug}/documents"))
        .header("x-hearth-csrf", "1")
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.expect("json");
    v["items"][0]["id"].as_str().expect("id").to_string()
}

async fn wait_indexed(c: &reqwest::Client, base: &str, slug: &str, id: &str) -> Value {
    loop {
        let list = api(c, base, reqwest::Method::GET, &format!("/workspaces/{slug}/documents"), Value::Null).await;
        if let Some(d) = list["items"].as_array().and_then(|a| a.iter().find(|d| d["id"] == id)) {
            if d["status"] == "indexed" || d["status"] == "failed" {
                assert_eq!(d["status"], "indexed", "{d}");
                return d.clone();
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub async fn ingest(report: &mut Report) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let h = spawn_with(&tmp.path().join("ingest"), &[]);
    let base = format!("http://{}/api/v1", h.addr);
    let c = client();
    let ws = api(&c, &base, reqwest::Method::POST, "/workspaces", json!({"name": "Ingest"})).await;
    let slug = ws["slug"].as_str().expect("slug").to_string();
    api(&c, &base, reqwest::Method::PATCH, "/settings", json!({"uploadMaxMb": 1024})).await;
    let mb = env_num("BENCH_INGEST_MB", 20);
    let text = markdown(mb);
    let bytes = text.len() as f64 / (1 << 20) as f64;
    let id = upload(&c, &base, &slug, "big.md", text.into_bytes()).await;
    let t = Instant::now();
    let d = wait_indexed(&c, &base, &slug, &id).await;
    let text_secs = t.elapsed().as_secs_f64();
    let pages = env_num("BENCH_PDF_PAGES", 200) as usize;
    let id = upload(&c, &base, &slug, "big.pdf", pdf(pages)).await;
    let t = Instant::now();
    wait_indexed(&c, &base, &slug, &id).await;
    let pdf_secs = t.elapsed().as_secs_f64();
    println!(
        "ingestion: {bytes:.1} MB of Markdown ({} passages) in {text_secs:.2} s = {:.1} MB/s; a {pages}-page PDF in {pdf_secs:.2} s = {:.0} pages/s",
        d["chunks"],
        bytes / text_secs,
        pages as f64 / pdf_secs
    );
    report.insert("ingest_text_mb_per_s".into(), (bytes / text_secs).into());
    report.insert("ingest_pdf_pages_per_s".into(), (pages as f64 / pdf_secs).into());
}

pub async fn search(report: &mut Report) {
    let n = env_num("BENCH_CHUNKS", 100_000);
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut cfg = hearth::config::EngineConfig::new(tmp.path());
    cfg.model_dirs.push(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models"));
    let engine = hearth::Engine::open(&cfg).expect("open");
    let me = engine.host_principal("bench").await.expect("owner");
    engine
        .db()
        .run_blocking(move |c| -> Result<(), hearth::store::StoreError> {
            let tx = c.transaction()?;
            tx.execute("INSERT INTO workspaces (id, slug, name, owner_id, created_at, updated_at) SELECT 'w', 'w', 'W', id, 0, 0 FROM users WHERE is_owner = 1", [])?;
            let mut seed = 3;
            for d in 0..(n / 100) {
                tx.execute(
                    "INSERT INTO documents (id, workspace_id, title, file_name, kind, size, sha256, status, created_at, updated_at) \
                     VALUES (?1, 'w', ?1, ?1, 'text', 0, '', 'indexed', 0, 0)",
                    [format!("d{d}")],
                )?;
                for s in 0..100 {
                    tx.execute(
                        "INSERT INTO chunks (document_id, workspace_id, seq, heading, text) VALUES (?1, 'w', ?2, ?3, ?4)",
                        rusqlite::params![format!("d{d}"), s, words(&mut seed, 4), words(&mut seed, 180)],
                    )?;
                }
            }
            tx.commit()?;
            Ok(())
        })
        .expect("fill");
    let mut seed = 99;
    let mut lat = Vec::new();
    for i in 0..1000 {
        // Questions name a few specific words: made-up words of middling rarity.
        let q: Vec<String> = (0..(2 + i % 2)).map(|_| format!("w{}x", 50 + next(&mut seed) % 2000)).collect();
        let q = q.join(" ");
        let t = Instant::now();
        let hits = engine.search_documents(me.clone(), "w".into(), q, 10).await.expect("search");
        lat.push(t.elapsed());
        let _ = hits;
    }
    lat.sort();
    println!(
        "search over {n} passages: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (1000 queries of 2-3 rarer words; the corpus: a Zipf-like mix over 20,000 words)",
        ms(pct(&lat, 0.5)),
        ms(pct(&lat, 0.99)),
        ms(pct(&lat, 1.0))
    );
    report.insert("search_chunks".into(), (n as f64).into());
    report.insert("search_p50_ms".into(), ms(pct(&lat, 0.5)).into());
    report.insert("search_p99_ms".into(), ms(pct(&lat, 0.99)).into());

    // By keywords and meaning: every passage gets a vector.
    engine
        .db()
        .run_blocking(move |c| -> Result<(), hearth::store::StoreError> {
            let tx = c.transaction()?;
            tx.execute("UPDATE workspaces SET embedder = 'all-minilm-l6-v2', embedder_dim = 384 WHERE id = 'w'", [])?;
            tx.execute("UPDATE documents SET embedded_with = 'all-minilm-l6-v2'", [])?;
            let ids: Vec<i64> =
                tx.prepare("SELECT id FROM chunks")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
            let mut ins = tx
                .prepare("INSERT INTO vectors_minilm_l6_v2 (chunk_id, embedding) VALUES (?1, ?2)")?;
            let mut bits = tx.prepare(
                "INSERT INTO vector_bits_minilm_l6_v2 (chunk_id, workspace_id, embedding) VALUES (?1, 'w', vec_quantize_binary(?2))",
            )?;
            let mut seed = 7u64;
            for id in ids {
                let mut v: Vec<f32> = (0..384).map(|_| (next(&mut seed) % 2001) as f32 / 1000.0 - 1.0).collect();
                let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
                v.iter_mut().for_each(|x| *x /= norm);
                let blob: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
                ins.execute(rusqlite::params![id, blob])?;
                bits.execute(rusqlite::params![id, blob])?;
            }
            drop((ins, bits));
            tx.commit()?;
            Ok(())
        })
        .expect("vectors");
    // The first question loads the model (not counted).
    engine.search_documents(me.clone(), "w".into(), "warm up".into(), 10).await.expect("search");
    let mut lat = Vec::new();
    for i in 0..300 {
        let q = format!(
            "How does w{}x relate to the {} of w{}x?",
            50 + next(&mut seed) % 2000,
            WORDS[i % WORDS.len()],
            50 + next(&mut seed) % 2000
        );
        let t = Instant::now();
        let hits = engine.search_documents(me.clone(), "w".into(), q, 10).await.expect("search");
        lat.push(t.elapsed());
        assert!(!hits.is_empty());
    }
    lat.sort();
    println!(
        "search by keywords and meaning over {n} passages: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (300 questions; embedding the question included)",
        ms(pct(&lat, 0.5)),
        ms(pct(&lat, 0.99)),
        ms(pct(&lat, 1.0))
    );
    // Where the time goes: the question's embedding alone, and the vector query alone.
    let models =
        hearth::ai::embedder::Embedders::new(vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models")]);
    let e = models.get("all-minilm-l6-v2").expect("embedder");
    let mut emb = Vec::new();
    let mut knn = Vec::new();
    for i in 0..50 {
        let q =
            format!("How does w{}x relate to the {} of w{i}x?", 50 + next(&mut seed) % 2000, WORDS[i % WORDS.len()]);
        let t = Instant::now();
        let v = e.embed(&[q.as_str()]).expect("embed");
        emb.push(t.elapsed());
        let blob = hearth::ai::embedder::to_blob(&v[0]);
        let t = Instant::now();
        engine
            .db()
            .run(move |c| {
                hearth::store::documents::nearest(c, "w", "all-minilm-l6-v2", &blob, 30)
                    .map_err(hearth::store::StoreError::from)
            })
            .await
            .expect("nearest");
        knn.push(t.elapsed());
    }
    emb.sort();
    knn.sort();
    println!(
        "  of which: the question's embedding p50 {:.2} ms, the vector query p50 {:.2} ms p99 {:.2} ms",
        ms(pct(&emb, 0.5)),
        ms(pct(&knn, 0.5)),
        ms(pct(&knn, 0.99))
    );
    report.insert("hybrid_search_p50_ms".into(), ms(pct(&lat, 0.5)).into());
    report.insert("hybrid_search_p99_ms".into(), ms(pct(&lat, 0.99)).into());
}

pub async fn ttft(report: &mut Report) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let models = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let h = spawn_with(&tmp.path().join("ttft"), &[("HEARTH_MODELS_DIR", models.as_os_str())]);
    let base = format!("http://{}/api/v1", h.addr);
    let c = client();
    let stub_url = stub(3, Duration::from_millis(1)).await;
    api(&c, &base, reqwest::Method::PATCH, "/settings", json!({"uploadMaxMb": 1024})).await;
    let p = api(&c, &base, reqwest::Method::POST, "/providers", json!({"name": "stub", "baseUrl": stub_url})).await;
    let ws = api(&c, &base, reqwest::Method::POST, "/workspaces", json!({"name": "Chat"})).await;
    let slug = ws["slug"].as_str().expect("slug").to_string();
    let model = format!("{}/stub", p["id"].as_str().expect("id"));
    api(&c, &base, reqwest::Method::PATCH, &format!("/workspaces/{slug}"), json!({"model": model})).await;
    let docs = api(&c, &base, reqwest::Method::POST, "/workspaces", json!({"name": "Docs"})).await;
    let docs = docs["slug"].as_str().expect("slug").to_string();
    let run = |label: &'static str| {
        let (c, base, slug) = (c.clone(), base.clone(), slug.clone());
        async move {
            let mut lat = Vec::new();
            for _ in 0..40 {
                let t = api(&c, &base, reqwest::Method::POST, &format!("/workspaces/{slug}/threads"), json!({})).await;
                let tid = t["id"].as_str().expect("thread").to_string();
                let start = Instant::now();
                let r = c
                    .post(format!("{base}/threads/{tid}/messages"))
                    .header("x-hearth-csrf", "1")
                    .json(&json!({"content": "a harbour question"}))
                    .send()
                    .await
                    .expect("send");
                let mut body = r.bytes_stream();
                let mut seen = String::new();
                let mut first = None;
                while let Some(Ok(chunk)) = futures_util::StreamExt::next(&mut body).await {
                    seen.push_str(&String::from_utf8_lossy(&chunk));
                    if first.is_none() && seen.contains("event: token") {
                        first = Some(start.elapsed());
                    }
                }
                lat.push(first.expect("a token"));
            }
            lat.sort();
            let _ = label;
            lat
        }
    };
    let idle = run("idle").await;
    let mb = env_num("BENCH_TTFT_MB", 50);
    let id = upload(&c, &base, &docs, "big.md", markdown(mb).into_bytes()).await;
    let busy = run("indexing").await;
    let list = api(&c, &base, reqwest::Method::GET, &format!("/workspaces/{docs}/documents"), Value::Null).await;
    let still =
        list["items"].as_array().and_then(|a| a.iter().find(|d| d["id"] == id.as_str())).map(|d| d["status"].clone());
    println!(
        "time to first token (stub provider): idle p50 {:.2} ms p90 {:.2} ms; while a {mb} MB document is indexed p50 {:.2} ms p90 {:.2} ms (its status after: {})",
        ms(pct(&idle, 0.5)),
        ms(pct(&idle, 0.9)),
        ms(pct(&busy, 0.5)),
        ms(pct(&busy, 0.9)),
        still.unwrap_or(Value::Null)
    );
    report.insert("ttft_idle_p50_ms".into(), ms(pct(&idle, 0.5)).into());
    report.insert("ttft_indexing_p50_ms".into(), ms(pct(&busy, 0.5)).into());

    // Then while the same document's passage vectors are made (search by meaning chosen).
    wait_indexed(&c, &base, &docs, &id).await;
    api(&c, &base, reqwest::Method::PATCH, &format!("/workspaces/{docs}"), json!({"embedder": "all-minilm-l6-v2"}))
        .await;
    tokio::time::sleep(Duration::from_secs(2)).await; // the embedder loads
    let embedding = run("embedding").await;
    let list = api(&c, &base, reqwest::Method::GET, &format!("/workspaces/{docs}/documents"), Value::Null).await;
    let with = list["items"]
        .as_array()
        .and_then(|a| a.iter().find(|d| d["id"] == id.as_str()))
        .map(|d| d["embeddedWith"].clone());
    println!(
        "time to first token while its passage vectors are made: p50 {:.2} ms p90 {:.2} ms (embeddedWith after: {})",
        ms(pct(&embedding, 0.5)),
        ms(pct(&embedding, 0.9)),
        with.unwrap_or(Value::Null)
    );
    report.insert("ttft_embedding_p50_ms".into(), ms(pct(&embedding, 0.5)).into());
}
