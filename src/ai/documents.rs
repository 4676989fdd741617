//! Documents (PRODUCT A3): upload, the ingestion worker, search, and the passages a reply is
//! given. A document row is its own job: `queued` → `reading` → `indexed` or `failed`. One
//! worker of the task supervisor reads one document at a time, each in a blocking task with
//! a time limit that catches panics (a hostile PDF fails alone), and writes its passages in
//! small transactions so chat never waits long for the database; the document becomes
//! searchable only when all of it is in. A stop of Hearth while reading puts it back in the
//! queue at the next start.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;

use super::extract::{self, Kind};
use crate::domain::policy::{self, Principal};
use crate::domain::sessions::Caller;
use crate::domain::{Error, Result};
use crate::store::documents::{self, Document, Hit, NewDocument, Source};
use crate::store::workspaces;
use crate::Engine;

/// Files one upload may carry.
pub const FILES_MAX: usize = 20;
/// How long reading one document may take.
const EXTRACT_TIMEOUT: Duration = Duration::from_secs(120);
/// Passages written per transaction while a document is read.
const BATCH: usize = 200;
/// How many passages go into a prompt at most, and how much text.
const PROMPT_PASSAGES: i64 = 4;
const PROMPT_CHARS: usize = 4000;

/// A file the edge has streamed to disk (in [`Engine::upload_dir`]), not yet a document.
pub struct UploadedFile {
    pub temp: PathBuf,
    /// As the client named it: shown, never used as a path.
    pub file_name: String,
    pub size: u64,
    pub sha256: String,
}

impl Drop for UploadedFile {
    /// A file that did not become a document leaves no trace.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.temp);
    }
}

/// A search result (`GET /workspaces/{slug}/search`).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub document_id: String,
    pub title: String,
    pub snippet: String,
    pub score: f64,
}

/// A file name fit to show: no path, no control characters, at most 200 characters.
pub fn display_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        "document".into()
    } else {
        clean
    }
}

/// Words too common to say what a question is about (English; the rest of the words are
/// kept, whatever the language).
const STOPWORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "in",
    "is", "it", "me", "my", "of", "on", "or", "our", "please", "tell", "that", "the", "there", "this", "to", "was",
    "we", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your",
];

/// The words of a question that say what it is about: lowercase, common words left out, at
/// most 32.
pub fn query_words(text: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 2 && !STOPWORDS.contains(&w.as_str()) && seen.insert(w.clone()))
        .take(32)
        .collect()
}

/// An FTS5 query from words: each quoted (no FTS syntax gets through), any of them may match;
/// BM25 ranks those with more and rarer words first.
pub fn match_of(words: &[String]) -> Option<String> {
    (!words.is_empty()).then(|| words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" OR "))
}

/// An FTS5 query from people's words.
pub fn fts_query(text: &str) -> Option<String> {
    match_of(&query_words(text))
}

/// A snippet of a passage: its start, at most `n` characters, cut at a word.
fn snippet(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    let cut: String = text.chars().take(n).collect();
    let at = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

impl Engine {
    /// Where uploads are streamed before they become documents.
    pub fn upload_dir(&self) -> PathBuf {
        self.inner.data_dir.join("uploads")
    }

    fn document_dir(&self) -> PathBuf {
        self.inner.data_dir.join("documents")
    }

    fn document_path(&self, id: &str) -> PathBuf {
        self.document_dir().join(id)
    }

    /// The largest upload, in bytes (setting `uploadMaxMb`).
    pub fn upload_max_bytes(&self) -> u64 {
        self.settings().upload_max_mb.saturating_mul(1 << 20)
    }

    /// The workspace `slug` if the caller may upload to it (admins and managers), checked
    /// before any byte of an upload is read.
    pub async fn may_upload(&self, who: &Principal, slug: String) -> Result<String> {
        policy::require_workspace_editor(who)?;
        self.read_as(who.clone().into(), move |c, who| {
            Ok(workspaces::get_by_slug(c, &policy::workspace_scope(who), &slug)?.ok_or(Error::NotFound)?.id.to_string())
        })
        .await
    }

    pub async fn documents(&self, caller: impl Into<Caller>, slug: String) -> Result<Vec<Document>> {
        self.read_as(caller.into(), move |c, who| {
            let ws = workspaces::get_by_slug(c, &policy::workspace_scope(who), &slug)?.ok_or(Error::NotFound)?;
            Ok(documents::list(c, ws.id.as_str())?)
        })
        .await
    }

    /// Makes streamed files documents, queued for reading: all of them, or none when one is
    /// not a document Hearth reads.
    pub async fn add_documents(
        &self,
        who: &Principal,
        slug: String,
        files: Vec<UploadedFile>,
    ) -> Result<Vec<Document>> {
        let ws = self.may_upload(who, slug).await?;
        let mut kinds = Vec::with_capacity(files.len());
        for f in &files {
            let temp = f.temp.clone();
            let kind = tokio::task::spawn_blocking(move || extract::sniff(&temp))
                .await
                .map_err(|e| Error::internal(format!("sniff task: {e}")))?;
            let kind = kind.ok_or_else(|| Error::UnsupportedType {
                code: "unsupported_type",
                message: format!(
                    "{:?} is not a document Hearth reads (text, Markdown, HTML, PDF or DOCX) or is empty. Nothing was uploaded.",
                    f.file_name
                ),
            })?;
            kinds.push(kind);
        }
        std::fs::create_dir_all(self.document_dir()).map_err(Error::internal)?;
        let mut placed = Vec::new();
        let mut rows = Vec::new();
        for (f, kind) in files.iter().zip(&kinds) {
            let id = documents::new_document_id();
            let path = self.document_path(&id);
            if let Err(e) = std::fs::rename(&f.temp, &path) {
                for p in &placed {
                    let _ = std::fs::remove_file(p);
                }
                return Err(Error::internal(e));
            }
            placed.push(path);
            rows.push((id, kind.as_str(), f.file_name.clone(), f.size as i64, f.sha256.clone()));
        }
        let (uid, ws2) = (who.user_id.clone(), ws.clone());
        let written = self
            .db()
            .write(move |tx| -> Result<Vec<Document>> {
                let mut out = Vec::new();
                for (id, kind, name, size, sha) in &rows {
                    documents::insert(
                        tx,
                        &NewDocument {
                            id,
                            workspace_id: &ws2,
                            title: name,
                            file_name: name,
                            kind,
                            size: *size,
                            sha256: sha,
                            uploaded_by: uid.as_str(),
                        },
                    )?;
                    out.extend(documents::get(tx, &ws2, id)?);
                }
                Ok(out)
            })
            .await;
        match written {
            Ok(docs) => {
                self.wake_ingest();
                Ok(docs)
            }
            Err(e) => {
                for p in &placed {
                    let _ = std::fs::remove_file(p);
                }
                Err(e)
            }
        }
    }

    pub async fn remove_document(&self, who: &Principal, slug: String, id: String) -> Result<()> {
        let ws = self.may_upload(who, slug).await?;
        let did = id.clone();
        self.db()
            .write(move |tx| if documents::delete(tx, &ws, &did)? { Ok(()) } else { Err(Error::NotFound) })
            .await?;
        let _ = std::fs::remove_file(self.document_path(&id));
        Ok(())
    }

    pub async fn retry_document(&self, who: &Principal, slug: String, id: String) -> Result<Document> {
        let ws = self.may_upload(who, slug).await?;
        let doc = self
            .db()
            .write(move |tx| {
                documents::get(tx, &ws, &id)?.ok_or(Error::NotFound)?;
                if !documents::retry(tx, &ws, &id)? {
                    return Err(Error::conflict("not_failed", "Only a document that failed is read again."));
                }
                documents::get(tx, &ws, &id)?.ok_or(Error::NotFound)
            })
            .await?;
        self.wake_ingest();
        Ok(doc)
    }

    /// The best passages of a workspace the caller sees, for `q`.
    pub async fn search_documents(
        &self,
        caller: impl Into<Caller>,
        slug: String,
        q: String,
        limit: i64,
    ) -> Result<Vec<SearchHit>> {
        if q.trim().is_empty() || q.chars().count() > 500 {
            return Err(Error::invalid("invalid_search", "Search for 1 to 500 characters."));
        }
        crate::domain::validate::page(limit, 0, 50)?;
        let words = query_words(&q);
        let (ws, embedder) = self
            .read_as(caller.into(), move |c, who| {
                let ws = workspaces::get_by_slug(c, &policy::workspace_scope(who), &slug)?.ok_or(Error::NotFound)?;
                Ok((ws.id.to_string(), ws.embedder))
            })
            .await?;
        let hits = self.retrieve(ws, embedder, q, words, limit).await?;
        Ok(hits
            .into_iter()
            .map(|h| SearchHit {
                document_id: h.document_id,
                title: h.title,
                snippet: snippet(&h.text, 300),
                score: h.score,
            })
            .collect())
    }

    /// The passages of `workspace` that best answer `question`, within the prompt's budget.
    pub(crate) async fn passages_for(&self, workspace: String, question: String) -> Vec<Hit> {
        let words = query_words(&question);
        let embedder = self.embedder_of(workspace.clone()).await;
        if words.is_empty() && embedder.is_none() {
            return Vec::new();
        }
        let hits = self.retrieve(workspace, embedder, question, words, PROMPT_PASSAGES).await;
        let mut used = 0;
        hits.unwrap_or_default()
            .into_iter()
            .filter(|h| {
                used += h.text.len();
                used <= PROMPT_CHARS
            })
            .collect()
    }

    /// Wakes the ingestion worker (starting it if it is not running).
    pub(crate) fn wake_ingest(&self) {
        self.start_ingest();
        self.inner.ingest_wake.notify_one();
    }

    /// The ingestion worker: documents left `reading` by a stop go back to the queue, stray
    /// files and uploads are removed, then one queued document after another is read.
    pub(crate) fn start_ingest(&self) {
        let engine = self.clone();
        self.tasks().start("ingest", move |stop| async move {
            if let Err(e) = engine.tidy_documents().await {
                tracing::warn!(error = %e, "cannot tidy the documents");
            }
            let mut vectors_at = None;
            loop {
                let next = engine.db().write(|tx| documents::take_next(tx).map_err(Error::from)).await;
                match next {
                    Ok(Some((id, kind))) => {
                        tokio::select! {
                            _ = stop.cancelled() => return,
                            _ = engine.ingest(&id, &kind) => {}
                        }
                    }
                    Ok(None) => {
                        // Nothing to read: make the vectors documents lack, one at a time.
                        let embedded = tokio::select! {
                            _ = stop.cancelled() => return,
                            worked = engine.embed_next(&mut vectors_at) => worked,
                        };
                        if embedded {
                            continue;
                        }
                        tokio::select! {
                            _ = stop.cancelled() => return,
                            _ = engine.inner.ingest_wake.notified() => {}
                            _ = tokio::time::sleep(Duration::from_secs(30)) => {}
                        }
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "cannot take the next document");
                        tokio::select! {
                            _ = stop.cancelled() => return,
                            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
                        }
                    }
                }
            }
        });
    }

    async fn tidy_documents(&self) -> Result<()> {
        let requeued = self.db().write(|tx| documents::requeue_interrupted(tx).map_err(Error::from)).await?;
        if requeued > 0 {
            tracing::info!(requeued, "documents interrupted while being read are queued again");
        }
        let ids = self.db().run(|c| documents::all_ids(c).map_err(Error::from)).await?;
        for dir in [self.document_dir(), self.upload_dir()] {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if dir == self.upload_dir() || !ids.contains(&name) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        Ok(())
    }

    /// Reads one document: its text on a blocking thread (time-limited, panics caught), then
    /// its passages in small transactions, then `indexed`.
    async fn ingest(&self, id: &str, kind: &str) {
        let path = self.document_path(id);
        let Some(kind) = Kind::parse(kind) else {
            self.fail_document(id, "unknown kind").await;
            return;
        };
        let read = tokio::task::spawn_blocking(move || {
            std::panic::catch_unwind(move || {
                let e = extract::extract(kind, &path)?;
                let passages = extract::passages(&e.text);
                Ok::<_, String>((e.title, passages))
            })
        });
        let (title, passages) = match tokio::time::timeout(EXTRACT_TIMEOUT, read).await {
            Err(_) => return self.fail_document(id, "unreadable: reading it took too long").await,
            Ok(Err(_)) | Ok(Ok(Err(_))) => {
                return self.fail_document(id, "unreadable: the file broke the reader").await
            }
            Ok(Ok(Ok(Err(reason)))) => return self.fail_document(id, &reason).await,
            Ok(Ok(Ok(Ok(r)))) => r,
        };
        if passages.is_empty() {
            return self.fail_document(id, "no text in this file").await;
        }
        let total = passages.len();
        let did = id.to_string();
        if let Err(e) = self.db().write(move |tx| documents::clear_chunks(tx, &did).map_err(Error::from)).await {
            tracing::error!(error = %e, "cannot clear a document's passages");
            return;
        }
        for (n, batch) in passages.chunks(BATCH).enumerate() {
            let rows: Vec<(String, String)> = batch.iter().map(|p| (p.heading.clone(), p.text.clone())).collect();
            let (did, first) = (id.to_string(), n * BATCH);
            let progress = ((first + rows.len()) as f64 / total as f64).min(0.99);
            let wrote = self
                .db()
                .write(move |tx| -> Result<bool> {
                    let alive = documents::add_chunks(tx, &did, first, &rows)?;
                    if alive {
                        documents::set_progress(tx, &did, progress)?;
                    }
                    Ok(alive)
                })
                .await;
            match wrote {
                Ok(true) => {}
                Ok(false) => return, // deleted while read
                Err(e) => {
                    tracing::error!(error = %e, "cannot write a document's passages");
                    return;
                }
            }
            // Low priority: others' writes (replies, messages) get their turn.
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        let did = id.to_string();
        if let Err(e) =
            self.db().write(move |tx| documents::mark_indexed(tx, &did, &title, total).map_err(Error::from)).await
        {
            tracing::error!(error = %e, "cannot mark a document indexed");
        }
    }

    async fn fail_document(&self, id: &str, reason: &str) {
        let (did, why) = (id.to_string(), reason.to_string());
        tracing::info!(document = id, reason, "a document could not be read");
        if let Err(e) = self.db().write(move |tx| documents::fail(tx, &did, &why).map_err(Error::from)).await {
            tracing::error!(error = %e, "cannot mark a document failed");
        }
    }
}

/// The sources of a reply from its passages.
pub fn sources_of(hits: &[Hit]) -> Vec<Source> {
    hits.iter()
        .map(|h| Source { document_id: h.document_id.clone(), title: h.title.clone(), snippet: snippet(&h.text, 300) })
        .collect()
}

/// The passages as a block of the system prompt.
pub fn prompt_block(hits: &[Hit]) -> Option<String> {
    if hits.is_empty() {
        return None;
    }
    let mut out = String::from(
        "Passages from this workspace's documents. Use them when they answer the question, and say which document you used:",
    );
    for (i, h) in hits.iter().enumerate() {
        let place = if h.heading.is_empty() { h.title.clone() } else { format!("{} › {}", h.title, h.heading) };
        out.push_str(&format!("\n\n[{}] {place}\n{}", i + 1, h.text));
    }
    Some(out)
}

/// The path a file is streamed to: a random name in the upload folder, never the client's.
pub fn temp_upload_path(dir: &Path) -> PathBuf {
    dir.join(format!("{}.part", crate::store::new_id()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn queries_never_carry_fts_syntax() {
        assert_eq!(fts_query("What is NEAR(a b)? \"x\" OR -y* near"), Some("\"near\"".into()));
        assert_eq!(fts_query("the guest WiFi password"), Some("\"guest\" OR \"wifi\" OR \"password\"".into()));
        assert_eq!(fts_query("a ? !"), None);
        assert_eq!(fts_query("Ça déborde"), Some("\"ça\" OR \"déborde\"".into()));
    }

    #[test]
    fn file_names_are_only_shown() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("C:\\Users\\me\\report.pdf"), "report.pdf");
        assert_eq!(display_name(".."), "document");
        assert_eq!(display_name("a\u{0}b\n.txt"), "ab.txt");
    }
}
