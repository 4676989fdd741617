//! Passwords: argon2id with the OWASP parameters, a policy check before any hashing, and a
//! bounded number of hashes at once so that a burst of logins cannot starve other work.

use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::{OnceCell, Semaphore};

use super::error::{Error, Result};
use crate::config::{ARGON2_M_KIB, ARGON2_P, ARGON2_T, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};

/// A password as received: never printed, never serialized.
pub struct Secret(String);

impl Secret {
    pub fn new(s: String) -> Self {
        Secret(s)
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

const COMMON: &str = include_str!("common-passwords.txt");

/// PRODUCT U3 / ASVS 6.2: length bounds and a list of very common passwords (plus the
/// product's own name), no composition rules. Variants that only add digits or symbols at
/// the end ("Password1!", "hearth2024") count as the common word itself.
pub fn check_policy(pw: &str, names: &[&str]) -> Result<()> {
    let n = pw.chars().count();
    if n < PASSWORD_MIN_CHARS {
        return Err(Error::invalid(
            "weak_password",
            format!("Use at least {PASSWORD_MIN_CHARS} characters. A few unrelated words make a strong password."),
        ));
    }
    if n > PASSWORD_MAX_CHARS {
        return Err(Error::invalid("weak_password", format!("Use at most {PASSWORD_MAX_CHARS} characters.")));
    }
    let lower = pw.to_lowercase();
    let stem = lower.trim_end_matches(|c: char| !c.is_alphabetic());
    let stem = if stem.is_empty() { lower.as_str() } else { stem };
    let listed = |w: &str| COMMON.lines().any(|l| l == w);
    if listed(&lower) || listed(stem) || stem == "hearth" || stem.starts_with("hearth") && stem.len() <= 10 {
        return Err(Error::invalid(
            "weak_password",
            "This password is too common and easy to guess. Choose another one.",
        ));
    }
    // A strength estimate (zxcvbn: dictionaries, keyboard walks, repeats, sequences, dates,
    // l33t), with the names a guesser would try first: the product's, the account's.
    let mut inputs = vec!["hearth"];
    inputs.extend(names.iter().copied().filter(|n| !n.is_empty()));
    if zxcvbn::zxcvbn(pw, &inputs).score() < zxcvbn::Score::Two {
        return Err(Error::invalid(
            "weak_password",
            "This password is easy to guess (a name, a word repeated, a keyboard pattern). A few unrelated \
             words make a strong one.",
        ));
    }
    Ok(())
}

/// Hashes and verifies off the async workers, at most `permits` at once (one per core).
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    dummy: Arc<OnceCell<String>>,
}

fn argon2() -> Argon2<'static> {
    // The parameters are constants checked by a test; Params::new only fails on out-of-range
    // values.
    let params = Params::new(ARGON2_M_KIB, ARGON2_T, ARGON2_P, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

impl Default for Hasher {
    fn default() -> Self {
        Self::new()
    }
}

impl Hasher {
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Hasher { permits: Arc::new(Semaphore::new(cores)), dummy: Arc::new(OnceCell::new()) }
    }

    pub async fn hash(&self, pw: &Secret) -> Result<String> {
        let pw = pw.expose().to_owned();
        let _permit = self.permits.acquire().await.map_err(Error::internal)?;
        tokio::task::spawn_blocking(move || hash_blocking(&pw)).await.map_err(Error::internal)?
    }

    /// True when `pw` matches `hash`. With no hash (unknown user, no password) it verifies
    /// against a dummy hash anyway, so the answer takes the same time (ASVS 6.3.8).
    pub async fn verify(&self, hash: Option<&str>, pw: &Secret) -> Result<bool> {
        // Longer than any password Hearth accepts: it cannot match, and is not worth hashing.
        if pw.expose().chars().count() > PASSWORD_MAX_CHARS {
            return Ok(false);
        }
        let (hash, real) = match hash {
            Some(h) => (h.to_owned(), true),
            None => (self.dummy_hash().await?, false),
        };
        let pw = pw.expose().to_owned();
        let _permit = self.permits.acquire().await.map_err(Error::internal)?;
        let ok = tokio::task::spawn_blocking(move || verify_blocking(&hash, &pw)).await.map_err(Error::internal)?;
        Ok(real && ok)
    }

    /// After a successful verification: a new hash of `pw` when `hash` was made with weaker
    /// parameters than today's (ASVS 6.2, "rehash on login when parameters rise"), else none.
    /// The caller stores it only if the stored hash is still `hash`.
    pub async fn upgrade(&self, hash: &str, pw: &Secret) -> Result<Option<String>> {
        if !needs_rehash(hash) {
            return Ok(None);
        }
        self.hash(pw).await.map(Some)
    }

    async fn dummy_hash(&self) -> Result<String> {
        self.dummy
            .get_or_try_init(|| async {
                let mut raw = [0u8; 24];
                rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut raw);
                let pw = Secret(hex::encode(raw));
                self.hash(&pw).await
            })
            .await
            .cloned()
    }
}

pub fn hash_blocking(pw: &str) -> Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon2().hash_password(pw.as_bytes(), &salt).map(|h| h.to_string()).map_err(Error::internal)
}

/// True when `hash` is not argon2id v1.3 at today's parameters or stronger.
pub fn needs_rehash(hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else { return true };
    let Ok(params) = Params::try_from(&parsed) else { return true };
    parsed.algorithm != Algorithm::Argon2id.ident()
        || parsed.version != Some(Version::V0x13.into())
        || params.m_cost() < ARGON2_M_KIB
        || params.t_cost() < ARGON2_T
        || params.p_cost() < ARGON2_P
}

pub fn verify_blocking(hash: &str, pw: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => argon2().verify_password(pw.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn overlong_passwords_never_match_and_are_not_hashed() {
        let pw = "y".repeat(PASSWORD_MAX_CHARS + 1);
        let h = Hasher::new();
        let hash = hash_blocking(&pw).unwrap();
        assert!(verify_blocking(&hash, &pw), "argon2 itself would accept it");
        // Every permit taken: a verification that hashed would wait forever.
        let _all = h.permits.acquire_many(h.permits.available_permits() as u32).await.unwrap();
        assert!(!h.verify(Some(&hash), &Secret::new(pw)).await.unwrap());
    }

    #[test]
    fn weaker_hashes_need_a_rehash() {
        let today = hash_blocking("correct horse battery staple").unwrap();
        assert!(!needs_rehash(&today));
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        for (m, t) in [(ARGON2_M_KIB / 2, ARGON2_T), (ARGON2_M_KIB, 1)] {
            let weak = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(m, t, 1, None).unwrap())
                .hash_password(b"correct horse battery staple", &salt)
                .unwrap()
                .to_string();
            assert!(needs_rehash(&weak), "m={m} t={t}");
            assert!(verify_blocking(&weak, "correct horse battery staple"), "still verifies with its own parameters");
        }
        let argon2i =
            Argon2::new(Algorithm::Argon2i, Version::V0x13, Params::new(ARGON2_M_KIB, ARGON2_T, 1, None).unwrap())
                .hash_password(b"x", &salt)
                .unwrap()
                .to_string();
        assert!(needs_rehash(&argon2i));
        assert!(needs_rehash("not a hash"));
    }

    #[test]
    fn policy_refuses_short_long_and_common() {
        assert!(check_policy("short", &[]).is_err());
        assert!(check_policy(&"x".repeat(PASSWORD_MAX_CHARS + 1), &[]).is_err());
        assert!(check_policy("password", &[]).is_err());
        assert!(check_policy("Password1!", &[]).is_err());
        assert!(check_policy("hearth2024", &[]).is_err());
        assert!(check_policy("qwertyuiop", &[]).is_err());
        // The product's name repeated, a keyboard walk, a name with a year, a repeat.
        assert!(check_policy("hearthhearth", &[]).is_err());
        assert!(check_policy("HearthHearth!", &[]).is_err());
        assert!(check_policy("asdfghjkl;'", &[]).is_err());
        assert!(check_policy("aaaaaaaaaaaa", &[]).is_err());
        assert!(check_policy("12345678910", &[]).is_err());
        assert!(check_policy("margaretsmith1984", &["margaretsmith"]).is_err());
        assert!(check_policy("correct horse battery staple", &[]).is_ok());
        assert!(check_policy("ünïcødé-pässwörd", &[]).is_ok());
    }

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters() {
        let h = hash_blocking("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_blocking(&h, "correct horse battery staple"));
        assert!(!verify_blocking(&h, "correct horse battery stapler"));
    }
}
