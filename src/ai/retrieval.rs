//! Retrieval by keywords and, where a workspace chose an embedder, by meaning (PRODUCT A3).
//!
//! Keywords: FTS5's BM25 over the passages. Meaning: the question's vector against the
//! passages' vectors (sqlite-vec, cosine), among documents whose vectors were all made by the
//! workspace's embedder. The two rankings are fused by reciprocal rank (each list gives a
//! passage 1 / (60 + its rank)), so neither score's scale matters.
//!
//! Vectors are made by the ingestion worker after a document is indexed, one small batch at a
//! time on a single thread of its own (chat keeps the other cores), each batch written in its
//! own transaction; a document's vectors count only once all are in. Changing a workspace's
//! embedder drops its vectors in the same transaction, and the worker makes them again.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use super::embedder::{self, Embedder};
use crate::domain::{Error, Result};
use crate::store::documents::{self, Hit};
use crate::store::workspaces;
use crate::Engine;

/// The constant of reciprocal rank fusion (the usual 60: a passage's place matters, the gap
/// between the first few places not too much).
const RRF_K: f64 = 60.0;
/// The least cosine similarity a passage found by meaning alone must have: the nearest
/// vectors always exist, and a question the documents do not answer gets no passages.
/// (all-MiniLM-L6-v2: unrelated sentences score about 0 to 0.2, related ones 0.35 and up.)
pub const MIN_SIMILARITY: f64 = 0.3;
/// Words in more than this share of all passages are left out of a keyword search.
const COMMON_SHARE: f64 = 0.1;
/// Candidates each ranking gives the fusion.
pub const CANDIDATES: i64 = 30;
/// Passages embedded per batch (one write each), and batches per turn of the worker.
const EMBED_BATCH: i64 = 32;
const BATCHES_PER_TURN: usize = 8;

/// The best `limit` passages of two rankings, by reciprocal rank; a passage's score becomes
/// its fused score.
pub fn fuse(keyword: Vec<Hit>, meaning: Vec<Hit>, limit: usize) -> Vec<Hit> {
    let mut by_chunk: HashMap<i64, (f64, Hit)> = HashMap::new();
    for list in [keyword, meaning] {
        for (rank, h) in list.into_iter().enumerate() {
            let add = 1.0 / (RRF_K + rank as f64 + 1.0);
            by_chunk.entry(h.chunk_id).or_insert((0.0, h)).0 += add;
        }
    }
    let mut all: Vec<(f64, Hit)> = by_chunk.into_values().collect();
    all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.chunk_id.cmp(&b.1.chunk_id)));
    all.into_iter()
        .take(limit)
        .map(|(s, mut h)| {
            h.score = s;
            h
        })
        .collect()
}

/// An embedder a workspace may choose (`GET /embedders`).
#[derive(Clone, Debug, serde::Serialize)]
pub struct EmbedderView {
    pub id: &'static str,
    pub name: &'static str,
    pub dimensions: usize,
}

/// The embedding pool: one thread, so that making vectors never takes more than one core.
fn worker_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new().num_threads(1).thread_name(|_| "hearth-embed".into()).build().ok()
    })
    .as_ref()
}

impl Engine {
    /// The embedders whose files this install has (what a workspace may choose).
    pub fn embedders(&self) -> Vec<EmbedderView> {
        self.inner
            .embedders
            .available()
            .into_iter()
            .map(|s| EmbedderView { id: s.id, name: s.folder, dimensions: s.dim })
            .collect()
    }

    /// Checks that `id` is an embedder this install has.
    pub(crate) fn check_embedder(&self, id: &str) -> Result<&'static embedder::EmbedderSpec> {
        match embedder::spec(id) {
            Some(s) if self.inner.embedders.files_of(s).is_some() => Ok(s),
            _ => Err(Error::invalid(
                "unknown_embedder",
                "Choose one of the embedders GET /embedders lists, or null for keyword search only.",
            )),
        }
    }

    async fn load_embedder(&self, id: String) -> std::result::Result<Arc<Embedder>, String> {
        let engine = self.clone();
        tokio::task::spawn_blocking(move || engine.inner.embedders.get(&id)).await.map_err(|e| e.to_string())?
    }

    /// The vector of a question (or none, with the reason logged: keywords still answer).
    async fn query_vector(&self, embedder: String, text: String) -> Option<Vec<u8>> {
        let e = match self.load_embedder(embedder).await {
            Ok(e) => e,
            Err(why) => {
                tracing::warn!(reason = %why, "search by meaning is unavailable");
                return None;
            }
        };
        let v = tokio::task::spawn_blocking(move || e.embed(&[&text])).await.ok()?.ok()?;
        v.first().map(|v| embedder::to_blob(v))
    }

    /// The best passages of workspace `workspace_id` for `question`: keywords (`words`, from
    /// [`super::documents::query_words`]; those in more than a tenth of all passages left out)
    /// fused with meaning when the workspace has an embedder.
    pub(crate) async fn retrieve(
        &self,
        workspace_id: String,
        embedder: Option<String>,
        question: String,
        words: Vec<String>,
        limit: i64,
    ) -> Result<Vec<Hit>> {
        let ws = workspace_id.clone();
        let wanted = if embedder.is_some() { CANDIDATES.max(limit) } else { limit };
        let keyword = async {
            if words.is_empty() {
                return Ok(Vec::new());
            }
            self.db()
                .run(move |c| -> Result<Vec<Hit>> {
                    let words = documents::without_common_terms(c, words, COMMON_SHARE)?;
                    match super::documents::match_of(&words) {
                        Some(q) => Ok(documents::search(c, &ws, &q, wanted)?),
                        None => Ok(Vec::new()),
                    }
                })
                .await
        };
        let Some(embedder) = embedder else { return keyword.await };
        // The question's vector is made while the keywords are searched.
        let (keyword, qv) = tokio::join!(keyword, self.query_vector(embedder.clone(), question));
        let keyword = keyword?;
        let Some(qv) = qv else {
            return Ok(keyword.into_iter().take(limit as usize).collect());
        };
        let meaning = self
            .db()
            .run(move |c| documents::nearest(c, &workspace_id, &embedder, &qv, CANDIDATES).map_err(Error::from))
            .await?
            .into_iter()
            .filter(|h| h.score >= MIN_SIMILARITY)
            .collect();
        Ok(fuse(keyword, meaning, limit as usize))
    }

    /// The embedder of a workspace known by id (for work already admitted, such as a reply).
    pub(crate) async fn embedder_of(&self, workspace_id: String) -> Option<String> {
        self.db()
            .run(move |c| Ok::<_, Error>(workspaces::by_id(c, &workspace_id)?.and_then(|w| w.embedder)))
            .await
            .ok()
            .flatten()
    }

    /// Makes some vectors of the next document that lacks them (a few batches, so that a new
    /// upload is read soon after it arrives); `cursor` keeps the place between calls. False
    /// when there is nothing to do (or its embedder cannot be loaded here).
    pub(crate) async fn embed_next(&self, cursor: &mut Option<(String, i64)>) -> bool {
        let next = self.db().run(|c| documents::next_to_embed(c).map_err(Error::from)).await;
        let (doc, ws, embedder) = match next {
            Ok(Some(n)) => n,
            Ok(None) => return false,
            Err(e) => {
                tracing::error!(error = %e, "cannot find the next document to embed");
                return false;
            }
        };
        let model = match self.load_embedder(embedder.clone()).await {
            Ok(m) => m,
            Err(why) => {
                tracing::warn!(embedder, reason = %why, "cannot make vectors: the embedder is not here");
                return false;
            }
        };
        let mut after = match cursor.take() {
            Some((d, after)) if d == doc => after,
            _ => {
                // A fresh start on this document: whatever vectors it has go first.
                let d = doc.clone();
                if let Err(e) = self.db().write(move |tx| documents::clear_vectors(tx, &d).map_err(Error::from)).await {
                    tracing::error!(error = %e, "cannot clear a document's vectors");
                    return false;
                }
                0
            }
        };
        let started = std::time::Instant::now();
        let mut made = 0usize;
        for _ in 0..BATCHES_PER_TURN {
            let d = doc.clone();
            let batch = match self
                .db()
                .run(move |c| documents::chunks_after(c, &d, after, EMBED_BATCH).map_err(Error::from))
                .await
            {
                Ok(b) => b,
                Err(e) => {
                    tracing::error!(error = %e, "cannot read a document's passages");
                    return false;
                }
            };
            let Some(last) = batch.last().map(|b| b.0) else {
                return self.finish_vectors(doc, embedder, made, started).await;
            };
            after = last;
            let more = batch.len() as i64 == EMBED_BATCH;
            let m = model.clone();
            let texts: Vec<String> = batch
                .iter()
                .map(|(_, heading, text)| if heading.is_empty() { text.clone() } else { format!("{heading}\n{text}") })
                .collect();
            let vectors = tokio::task::spawn_blocking(move || {
                let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
                match worker_pool() {
                    Some(pool) => pool.install(|| m.embed(&refs)),
                    None => m.embed(&refs),
                }
            })
            .await;
            let vectors = match vectors {
                Ok(Ok(v)) => v,
                Ok(Err(e)) => {
                    tracing::error!(error = %e, "cannot embed a document's passages");
                    return false;
                }
                Err(e) => {
                    tracing::error!(error = %e, "the embedder failed");
                    return false;
                }
            };
            let rows: Vec<(i64, Vec<u8>)> =
                batch.iter().zip(&vectors).map(|((id, _, _), v)| (*id, embedder::to_blob(v))).collect();
            made += rows.len();
            let (d, w, e) = (doc.clone(), ws.clone(), embedder.clone());
            let wrote = self
                .db()
                .write(move |tx| -> Result<bool> {
                    if !documents::wants_vectors(tx, &d, &e)? {
                        return Ok(false);
                    }
                    documents::add_vectors(tx, &e, &w, &rows)?;
                    Ok(true)
                })
                .await;
            match wrote {
                Ok(true) => {}
                Ok(false) => return true, // deleted, or the workspace changed its mind
                Err(e) => {
                    tracing::error!(error = %e, "cannot write a document's vectors");
                    return false;
                }
            }
            if more {
                // Low priority: others' writes get their turn.
                tokio::time::sleep(Duration::from_millis(2)).await;
                continue;
            }
            return self.finish_vectors(doc, embedder, made, started).await;
        }
        // More to make: the next turn goes on from here (after any document to read).
        *cursor = Some((doc, after));
        true
    }

    /// The last batch is in: the document's vectors count from now on, if all are there.
    async fn finish_vectors(&self, doc: String, embedder: String, made: usize, started: std::time::Instant) -> bool {
        let (d, e) = (doc.clone(), embedder.clone());
        let done = self
            .db()
            .write(move |tx| -> Result<bool> {
                // All of them, or the workspace dropped some while they were made: then the
                // next round makes them again.
                if documents::wants_vectors(tx, &d, &e)? && documents::vectors_complete(tx, &d, &e)? {
                    documents::mark_embedded(tx, &d, &e)?;
                    return Ok(true);
                }
                Ok(false)
            })
            .await;
        match done {
            Ok(true) => tracing::info!(
                document = doc,
                passages = made,
                ms = started.elapsed().as_millis() as u64,
                "document vectors made"
            ),
            Ok(false) => {}
            Err(e) => tracing::error!(error = %e, "cannot mark a document's vectors made"),
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: i64) -> Hit {
        Hit {
            chunk_id: id,
            document_id: format!("d{id}"),
            title: String::new(),
            heading: String::new(),
            text: String::new(),
            score: 0.0,
        }
    }

    #[test]
    fn fusion_favours_passages_both_rankings_found() {
        let keyword = vec![hit(1), hit(2), hit(3)];
        let meaning = vec![hit(4), hit(3), hit(5)];
        let fused = fuse(keyword, meaning, 3);
        let ids: Vec<i64> = fused.iter().map(|h| h.chunk_id).collect();
        // 3 is second and third: ahead of either list's first alone.
        assert_eq!(ids, vec![3, 1, 4]);
        assert!(fused[0].score > fused[1].score);
        // One ranking alone keeps its order.
        let only: Vec<i64> = fuse(vec![hit(7), hit(8)], vec![], 5).iter().map(|h| h.chunk_id).collect();
        assert_eq!(only, vec![7, 8]);
    }
}
