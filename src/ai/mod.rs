//! The AI layer: model backends behind one trait, the queue in front of them, the usage
//! ledger and chat. Under the same rule as `crate::domain`: no transport (no web server
//! crates, HTTP types or edge module; the one HTTP *client*, for providers, is in `openai.rs`)
//! and no SQL (that lives in `crate::store`).
//!
//! Rooms:
//! - `backend`: the [`backend::Backend`] trait (one request → a stream of tokens, cancelled
//!   through a token that reaches the model) and the shared types;
//! - `embedded`: llama.cpp running GGUF files in-process (the starter model and any GGUF in
//!   the data directory's `models/`).

pub mod backend;
pub mod chat;
pub mod documents;
pub mod embedded;
pub mod embedder;
pub mod extract;
pub mod openai;
pub mod providers;
pub mod queue;
pub mod retrieval;
pub mod settings;
