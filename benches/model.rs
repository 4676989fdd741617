//! `cargo bench --bench model`: the starter model (models/SmolLM2-135M-Instruct-Q4_1.gguf,
//! from scripts/fetch-model.sh) through the embedded backend on this machine, as the engine
//! runs it (the same `Backend::stream`, one thread per physical core).
//!
//! - load: the first request's time to its first token, model loading included;
//! - time to first token (TTFT): from `stream()` to the first text, the model loaded (the
//!   prompt's tokens decoded, the first reply token sampled);
//! - tokens/s: reply tokens after the first, over the time after the first;
//!
//! for a fixed prompt, 128 reply tokens, greedy. BENCH_RUNS (5) runs, the median reported.
//! Results also go to bench-results/model.json.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use hearth::ai::backend::{Backend, ChatMessage, ChatRequest, ChatRole, Delta};
use hearth::ai::embedded::EmbeddedBackend;
use tokio_util::sync::CancellationToken;

const MODEL: &str = "SmolLM2-135M-Instruct-Q4_1.gguf";
const PROMPT: &str = "Write a long story about a lighthouse keeper who finds a message in a bottle.";
const MAX_TOKENS: u32 = 128;

struct Run {
    ttft: Duration,
    decode: Duration,
    prompt_tokens: u32,
    tokens: u32,
}

async fn run(backend: &EmbeddedBackend, max_tokens: u32) -> Run {
    let request = ChatRequest {
        model: MODEL.into(),
        messages: vec![ChatMessage { role: ChatRole::User, content: PROMPT.into() }],
        temperature: 0.0,
        max_tokens,
        context_window: None,
    };
    let started = Instant::now();
    let mut stream = backend.stream(request, CancellationToken::new()).await.expect("stream");
    let mut first = None;
    while let Some(delta) = stream.next().await {
        match delta.expect("delta") {
            Delta::Text(_) => {
                first.get_or_insert_with(Instant::now);
            }
            Delta::Done { prompt_tokens, completion_tokens, .. } => {
                let end = Instant::now();
                let first = first.unwrap_or(end);
                return Run { ttft: first - started, decode: end - first, prompt_tokens, tokens: completion_tokens };
            }
        }
    }
    panic!("the reply ended without Done");
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    assert!(dir.join(MODEL).is_file(), "{} is missing: run scripts/fetch-model.sh", dir.join(MODEL).display());
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5).max(1);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    rt.block_on(async {
        let backend = EmbeddedBackend::new(vec![dir]);
        let load = run(&backend, 1).await.ttft;
        println!("model: {MODEL}");
        println!("load + first token: {:.0} ms", load.as_secs_f64() * 1e3);
        let mut ttft = Vec::new();
        let mut tps = Vec::new();
        let mut last = None;
        for i in 0..runs {
            let r = run(&backend, MAX_TOKENS).await;
            let rate = f64::from(r.tokens.saturating_sub(1)) / r.decode.as_secs_f64();
            println!(
                "run {}: {} prompt tokens, {} reply tokens, TTFT {:.1} ms, {:.1} tokens/s",
                i + 1,
                r.prompt_tokens,
                r.tokens,
                r.ttft.as_secs_f64() * 1e3,
                rate
            );
            ttft.push(r.ttft.as_secs_f64() * 1e3);
            tps.push(rate);
            last = Some(r);
        }
        let last = last.unwrap();
        let (ttft, tps) = (median(ttft), median(tps));
        println!("median of {runs}: TTFT {ttft:.1} ms, {tps:.1} tokens/s (greedy, {} reply tokens)", last.tokens);
        let report = serde_json::json!({
            "model": MODEL,
            "prompt_tokens": last.prompt_tokens,
            "reply_tokens": last.tokens,
            "runs": runs,
            "load_and_first_token_ms": load.as_secs_f64() * 1e3,
            "ttft_ms_median": ttft,
            "tokens_per_s_median": tps,
        });
        let _ = std::fs::create_dir_all("bench-results");
        let _ = std::fs::write("bench-results/model.json", serde_json::to_string_pretty(&report).unwrap_or_default());
    });
}
