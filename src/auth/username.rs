//! Usernames (PRODUCT U2): lowercase, 2–64 characters, a letter first, then letters,
//! digits, `.`, `_`, `-`.

use crate::error::{ApiError, ApiResult};

pub fn check(name: &str) -> ApiResult<()> {
    let ok_len = (2..=64).contains(&name.len());
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok_len && first_ok && rest_ok {
        Ok(())
    } else {
        Err(ApiError::invalid(
            "invalid_username",
            "Usernames are 2 to 64 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter.",
        ))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn usernames() {
        for good in ["al", "maria.k", "dev_ops-2", &"a".repeat(64)] {
            assert!(super::check(good).is_ok(), "{good}");
        }
        for bad in ["a", "Maria", "2fast", "-x", "user name", "ünï", &"a".repeat(65), "", "a/b"] {
            assert!(super::check(bad).is_err(), "{bad}");
        }
    }
}
