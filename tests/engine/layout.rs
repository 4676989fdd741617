//! The layout's rules, checked on the source itself (DESIGN.md "The core and the AI layer"):
//! the domain layer imports no transport, and every SQL statement lives in the store.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The code of a file without its comments (line comments and doc comments).
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or("").to_string()))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// A transport name as a path segment: `axum::…`, `tower::…`, `http::…`, `hyper::…`,
/// `crate::http`, `super::http` (not `https`, not a word that merely contains one).
fn names_transport(line: &str) -> Option<&'static str> {
    names_any(line, &["axum", "tower", "tower_http", "http", "hyper", "reqwest"])
}

fn names_any(line: &str, banned: &[&'static str]) -> Option<&'static str> {
    let bytes = line.as_bytes();
    for &name in banned {
        let mut from = 0;
        while let Some(at) = line[from..].find(name) {
            let start = from + at;
            let end = start + name.len();
            let before_ok = start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
            let after = &line[end..];
            if before_ok
                && (after.starts_with("::")
                    || after.starts_with(';')
                    || after.starts_with(" as ")
                    || after.starts_with('}')
                    || after.starts_with(','))
            {
                return Some(name);
            }
            from = end;
        }
    }
    None
}

#[test]
fn the_domain_imports_no_transport() {
    let domain = rust_files(&src().join("domain"));
    assert!(domain.len() > 10, "the domain layer is src/domain/");
    // The AI layer lives beside it under the same rule, but for the HTTP *client* its
    // OpenAI-compatible providers are reached with (reqwest, in `ai/openai.rs` only).
    let ai = rust_files(&src().join("ai"));
    assert!(ai.len() > 3, "the AI layer is src/ai/");
    let mut found = Vec::new();
    for f in domain.iter().chain(&ai) {
        let client_allowed = f.ends_with("ai/openai.rs");
        for (n, line) in code_lines(f) {
            let hit = if client_allowed {
                names_any(&line, &["axum", "tower", "tower_http", "http", "hyper"])
            } else {
                names_transport(&line)
            };
            if let Some(name) = hit {
                found.push(format!("{}:{n}: {name}: {}", f.display(), line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "the domain layer names a transport:\n{}", found.join("\n"));
}

#[test]
fn the_transport_check_catches_what_it_must() {
    for bad in [
        "use axum::extract::State;",
        "use crate::http::extract::Creds;",
        "fn f(h: &http::HeaderMap) {}",
        "use tower::Service;",
        "use super::http;",
    ] {
        assert!(names_transport(bad).is_some(), "{bad}");
    }
    for fine in ["let https = false;", "fn httpish() {}", "let x = hyperbole;", "use crate::store::http_like;"] {
        assert!(names_transport(fine).is_none(), "{fine}");
    }
}

/// A string literal that starts an SQL statement (this code base writes SQL in capitals).
fn starts_sql(line: &str) -> bool {
    const VERBS: [&str; 10] =
        ["SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ", "ALTER ", "DROP ", "PRAGMA ", "WITH ", "REPLACE "];
    line.split('"').skip(1).step_by(2).any(|lit| {
        let t = lit.trim_start();
        VERBS.iter().any(|v| t.starts_with(v))
    })
}

#[test]
fn every_sql_statement_is_in_the_store() {
    let store = src().join("store");
    let mut found = Vec::new();
    for f in rust_files(&src()) {
        if f.starts_with(&store) {
            continue;
        }
        for (n, line) in code_lines(&f) {
            let calls_sqlite = [".execute(", ".query_row(", ".prepare(", ".prepare_cached(", ".execute_batch("]
                .iter()
                .any(|c| line.contains(c));
            if starts_sql(&line) || calls_sqlite {
                found.push(format!("{}:{n}: {}", f.display(), line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "SQL outside src/store/:\n{}", found.join("\n"));
    assert!(starts_sql(r#"conn.execute("DELETE FROM sessions", [])"#));
    assert!(!starts_sql(r#"Err("Select a workspace")"#));
}
