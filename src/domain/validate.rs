//! Checks of the values people type (names, titles, limits), each worded once. Passwords
//! have their own module (`passwords.rs`).

use super::error::{Error, Result};

/// Usernames (PRODUCT U2): lowercase, 2–64 characters, a letter first, then letters,
/// digits, `.`, `_`, `-`.
pub fn username(name: &str) -> Result<()> {
    let ok_len = (2..=64).contains(&name.len());
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok_len && first_ok && rest_ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "invalid_username",
            "Usernames are 2 to 64 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter.",
        ))
    }
}

/// A display name: at most 100 characters, no control characters; trimmed.
pub fn display_name(n: &str) -> Result<String> {
    let n = n.trim();
    if n.chars().count() > 100 || n.chars().any(char::is_control) {
        return Err(Error::invalid("invalid_display_name", "Use at most 100 characters, without control characters."));
    }
    Ok(n.to_string())
}

/// A daily message limit: 0 to 1,000,000, or none.
pub fn daily_limit(l: Option<i64>) -> Result<()> {
    if l.is_some_and(|l| !(0..=1_000_000).contains(&l)) {
        return Err(Error::invalid(
            "invalid_limit",
            "The daily message limit is a whole number from 0 to 1,000,000, or empty for no limit.",
        ));
    }
    Ok(())
}

const WORKSPACE_NAME_MAX: usize = 100;
const SYSTEM_PROMPT_MAX: usize = 20_000;

pub fn workspace_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > WORKSPACE_NAME_MAX || n.chars().any(char::is_control) {
        return Err(Error::invalid(
            "invalid_name",
            format!("Give the workspace a name of 1 to {WORKSPACE_NAME_MAX} characters, without control characters (tabs, line breaks)."),
        ));
    }
    Ok(n.to_string())
}

pub fn system_prompt(p: &str) -> Result<()> {
    if p.chars().count() > SYSTEM_PROMPT_MAX {
        return Err(Error::invalid(
            "invalid_system_prompt",
            format!("Keep the system prompt under {SYSTEM_PROMPT_MAX} characters."),
        ));
    }
    Ok(())
}

pub fn thread_title(t: &str) -> Result<String> {
    let t = t.trim();
    if t.chars().count() > 200 || t.chars().any(char::is_control) {
        return Err(Error::invalid(
            "invalid_title",
            "Keep the title to 200 characters, without control characters (tabs, line breaks).",
        ));
    }
    Ok(t.to_string())
}

/// A host name an admin may allow: letters, digits, dots and dashes; no wildcard, no port.
pub fn host_name(n: &str) -> Result<String> {
    let n = n.trim().trim_end_matches('.').to_ascii_lowercase();
    let ok = !n.is_empty()
        && n.len() <= 253
        && n.split('.')
            .all(|l| !l.is_empty() && l.len() <= 63 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if ok {
        Ok(n)
    } else {
        Err(Error::invalid("invalid_host_name", format!("\"{n}\" is not a host name (no wildcards, no ports).")))
    }
}

/// A page of a list (API.md "Lists"): `limit` from 1 to `max`, `offset` at least 0.
pub fn page(limit: i64, offset: i64, max: i64) -> Result<()> {
    if !(1..=max).contains(&limit) || offset < 0 {
        return Err(Error::invalid("invalid_page", format!("limit is 1 to {max} and offset at least 0.")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn usernames() {
        for good in ["al", "maria.k", "dev_ops-2", &"a".repeat(64)] {
            assert!(super::username(good).is_ok(), "{good}");
        }
        for bad in ["a", "Maria", "2fast", "-x", "user name", "ünï", &"a".repeat(65), "", "a/b"] {
            assert!(super::username(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn host_names_have_no_wildcards() {
        assert_eq!(super::host_name("Hearth.Local.").ok().as_deref(), Some("hearth.local"));
        for bad in ["*.local", "a:80", "", "a..b"] {
            assert!(super::host_name(bad).is_err(), "{bad}");
        }
    }
}
