//! The local search embedder (PRODUCT A3, optional retrieval by meaning): sentence-transformers'
//! all-MiniLM-L6-v2 run in-process on the CPU with candle, its tokenizer with `tokenizers`.
//! A passage becomes a 384-number vector (mean of the token states, unit length), so the
//! cosine distance of two vectors says how close their meanings are.
//!
//! The model's files (`config.json`, `tokenizer.json`, `model.safetensors`) are found in a
//! folder named after the model in one of the model folders (`scripts/fetch-embedder.sh` puts
//! them in the repository's `models/`). Without them, search is by keywords only.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{PaddingParams, Tokenizer, TruncationParams};

/// What an embedder is known by: stored per workspace with its dimension, so that vectors of
/// one embedder are never compared with another's (a change re-indexes instead).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmbedderSpec {
    /// The id workspaces store (`Workspace.embedder`).
    pub id: &'static str,
    /// The folder of its files under a model folder.
    pub folder: &'static str,
    pub dim: usize,
    /// Tokens read of each passage (the model's own limit); the rest is not embedded.
    pub max_tokens: usize,
}

/// The embedders this build knows.
pub const EMBEDDERS: &[EmbedderSpec] =
    &[EmbedderSpec { id: "all-minilm-l6-v2", folder: "all-MiniLM-L6-v2", dim: 384, max_tokens: 256 }];

pub fn spec(id: &str) -> Option<&'static EmbedderSpec> {
    EMBEDDERS.iter().find(|s| s.id == id)
}

/// Passages embedded in one forward pass (the padding of a batch is wasted work, so it stays
/// small).
const BATCH: usize = 16;

/// A loaded embedder.
pub struct Embedder {
    pub spec: &'static EmbedderSpec,
    model: BertModel,
    tokenizer: Tokenizer,
}

impl Embedder {
    /// Loads the model from `dir` (its three files).
    pub fn load(spec: &'static EmbedderSpec, dir: &Path) -> Result<Self, String> {
        let read = |name: &str| dir.join(name);
        let config: Config =
            serde_json::from_slice(&std::fs::read(read("config.json")).map_err(|e| format!("config.json: {e}"))?)
                .map_err(|e| format!("config.json: {e}"))?;
        if config.hidden_size != spec.dim {
            return Err(format!("the model has {} dimensions, not {}", config.hidden_size, spec.dim));
        }
        let mut tokenizer = Tokenizer::from_file(read("tokenizer.json")).map_err(|e| format!("tokenizer.json: {e}"))?;
        tokenizer
            .with_truncation(Some(TruncationParams { max_length: spec.max_tokens, ..Default::default() }))
            .map_err(|e| format!("tokenizer: {e}"))?;
        tokenizer.with_padding(Some(PaddingParams::default()));
        // Read whole (no memory map: no unsafe code); the buffer goes once the weights are in
        // the model's tensors.
        let weights = std::fs::read(read("model.safetensors")).map_err(|e| format!("model.safetensors: {e}"))?;
        let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, &Device::Cpu)
            .map_err(|e| format!("model.safetensors: {e}"))?;
        let model = BertModel::load(vb, &config).map_err(|e| format!("model: {e}"))?;
        Ok(Self { spec, model, tokenizer })
    }

    /// Unit vectors for `texts`, in order.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        let mut out = Vec::with_capacity(texts.len());
        for batch in texts.chunks(BATCH) {
            out.extend(self.embed_batch(batch).map_err(|e| e.to_string())?);
        }
        Ok(out)
    }

    fn embed_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, Box<dyn std::error::Error + Send + Sync>> {
        let enc = self.tokenizer.encode_batch(texts.to_vec(), true)?;
        let rows = enc.len();
        let len = enc.first().map_or(0, |e| e.get_ids().len());
        let flat = |f: &dyn Fn(&tokenizers::Encoding) -> &[u32]| -> Vec<u32> {
            enc.iter().flat_map(|e| f(e).iter().copied()).collect()
        };
        let ids = Tensor::from_vec(flat(&|e| e.get_ids()), (rows, len), &Device::Cpu)?;
        let types = Tensor::from_vec(flat(&|e| e.get_type_ids()), (rows, len), &Device::Cpu)?;
        let mask = Tensor::from_vec(flat(&|e| e.get_attention_mask()), (rows, len), &Device::Cpu)?;
        let states = self.model.forward(&ids, &types, Some(&mask))?; // (rows, len, dim)
                                                                     // Mean over the real tokens (padding masked out), then unit length.
        let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?; // (rows, len, 1)
        let summed = states.broadcast_mul(&m)?.sum(1)?; // (rows, dim)
        let counts = m.sum(1)?.clamp(1e-9, f64::MAX)?; // (rows, 1)
        let mean = summed.broadcast_div(&counts)?;
        let norm = mean.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
        let unit = mean.broadcast_div(&norm)?;
        Ok(unit.to_vec2::<f32>()?)
    }
}

/// The embedders of an engine, loaded on first use and kept (one model in memory, shared).
#[derive(Default)]
pub struct Embedders {
    dirs: Vec<PathBuf>,
    /// One slot per entry of [`EMBEDDERS`], in the same order.
    loaded: [OnceLock<Result<Arc<Embedder>, String>>; EMBEDDERS.len()],
}

impl Embedders {
    pub fn new(model_dirs: Vec<PathBuf>) -> Self {
        Self { dirs: model_dirs, loaded: Default::default() }
    }

    /// The folder of an embedder's files, when one of the model folders has them all.
    pub fn files_of(&self, spec: &EmbedderSpec) -> Option<PathBuf> {
        self.dirs
            .iter()
            .map(|d| d.join(spec.folder))
            .find(|d| ["config.json", "tokenizer.json", "model.safetensors"].iter().all(|f| d.join(f).is_file()))
    }

    /// The embedders whose files are here (what a workspace may choose).
    pub fn available(&self) -> Vec<&'static EmbedderSpec> {
        EMBEDDERS.iter().filter(|s| self.files_of(s).is_some()).collect()
    }

    /// The loaded embedder `id` (loading it the first time: blocking, call off the runtime).
    pub fn get(&self, id: &str) -> Result<Arc<Embedder>, String> {
        let i = EMBEDDERS.iter().position(|s| s.id == id).ok_or_else(|| format!("no embedder called {id}"))?;
        let spec = &EMBEDDERS[i];
        self.loaded[i]
            .get_or_init(|| {
                let dir = self.files_of(spec).ok_or_else(|| format!("the files of {} are not here", spec.folder))?;
                let started = std::time::Instant::now();
                let e = Embedder::load(spec, &dir)?;
                tracing::info!(embedder = spec.id, ms = started.elapsed().as_millis() as u64, "search embedder loaded");
                Ok(Arc::new(e))
            })
            .clone()
    }
}

/// A vector as the bytes SQLite stores (little-endian f32s, sqlite-vec's format).
pub fn to_blob(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn models() -> Embedders {
        Embedders::new(vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("models")])
    }

    fn dot(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }

    #[test]
    fn passages_close_in_meaning_are_close_without_a_shared_word() {
        let e = models().get("all-minilm-l6-v2").expect("scripts/fetch-embedder.sh puts the model in models/");
        let v = e
            .embed(&[
                "How can I change the wireless network key?",
                "To reset the WiFi password, open the router's admin page.",
                "The cafeteria serves lunch from noon until two.",
                "",
            ])
            .unwrap();
        assert_eq!(v.len(), 4);
        for x in &v {
            assert_eq!(x.len(), 384);
            assert!((dot(x, x) - 1.0).abs() < 1e-4, "unit length");
        }
        let (near, far) = (dot(&v[0], &v[1]), dot(&v[0], &v[2]));
        assert!(near > far + 0.2, "related {near} vs unrelated {far}");
        // Same text, same vector, whatever else is in its batch (padding is masked out).
        let alone = e.embed(&["How can I change the wireless network key?"]).unwrap();
        assert!(dot(&alone[0], &v[0]) > 0.9999);
    }

    #[test]
    fn only_known_embedders_load() {
        assert!(models().get("word2vec").is_err());
        let none = Embedders::new(vec![std::env::temp_dir().join("hearth-no-models-here")]);
        assert!(none.available().is_empty());
        assert!(none.get("all-minilm-l6-v2").is_err());
    }
}
