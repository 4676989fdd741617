//! Integration tests of the engine against a real server on a real port, with a fresh data
//! directory each. One test binary with modules inside: each `tests/*.rs` is a separate
//! link, and links cost minutes on two cores.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod chat;
mod common;
mod coverage;
mod engine_core;
mod fixture;
mod guards;
mod hostlogin;
mod knowledge;
mod layout;
mod lock;
mod multi;
mod pdf;
mod routes;
mod store;
