//! Throttling for every credential-taking endpoint (ASVS 6.1.1, 6.3.1; SECURITY.md).
//!
//! Failures are counted per key ("acct:…", "addr:…"). After a few free attempts each new
//! failure doubles the wait, up to a cap. The cap per account is short (a soft lock) so an
//! attacker cannot lock the real user out for long; the cap per address is long, since it
//! only slows that address. Counters forget after a quiet period and reset on success.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Attempts allowed before any waiting.
const FREE_ATTEMPTS: u32 = 5;
/// A key with no failure for this long starts again from zero.
const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);
/// Longest wait imposed on an account (soft lock: at most half a minute between tries).
pub const ACCOUNT_CAP: Duration = Duration::from_secs(30);
/// Longest wait imposed on one client address.
pub const ADDRESS_CAP: Duration = Duration::from_secs(15 * 60);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Account,
    Address,
}

struct Entry {
    failures: u32,
    last: Instant,
    blocked_until: Option<Instant>,
}

#[derive(Default)]
pub struct Throttle {
    entries: Mutex<HashMap<String, Entry>>,
}

impl Throttle {
    /// `Err(seconds)` when any key must still wait.
    pub fn check(&self, keys: &[(Scope, String)]) -> Result<(), u64> {
        let now = Instant::now();
        let Ok(map) = self.entries.lock() else { return Ok(()) };
        let wait = keys
            .iter()
            .filter_map(|(_, k)| map.get(k))
            .filter_map(|e| e.blocked_until)
            .filter(|until| *until > now)
            .map(|until| (until - now).as_secs_f64().ceil() as u64)
            .max();
        match wait {
            Some(s) => Err(s.max(1)),
            None => Ok(()),
        }
    }

    pub fn fail(&self, keys: &[(Scope, String)]) {
        let now = Instant::now();
        let Ok(mut map) = self.entries.lock() else { return };
        if map.len() > 100_000 {
            map.retain(|_, e| now.duration_since(e.last) < FORGET_AFTER);
        }
        for (scope, key) in keys {
            let e = map.entry(key.clone()).or_insert(Entry { failures: 0, last: now, blocked_until: None });
            if now.duration_since(e.last) >= FORGET_AFTER {
                e.failures = 0;
            }
            e.failures += 1;
            e.last = now;
            if e.failures >= FREE_ATTEMPTS {
                let cap = match scope {
                    Scope::Account => ACCOUNT_CAP,
                    Scope::Address => ADDRESS_CAP,
                };
                let exp = (e.failures - FREE_ATTEMPTS).min(20);
                let wait = Duration::from_secs(1u64 << exp).min(cap);
                e.blocked_until = Some(now + wait);
            }
        }
    }

    pub fn succeed(&self, keys: &[(Scope, String)]) {
        if let Ok(mut map) = self.entries.lock() {
            for (_, k) in keys {
                map.remove(k);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_accounts_are_capped() {
        let t = Throttle::default();
        let keys = vec![(Scope::Account, "acct:a".to_string())];
        for _ in 0..4 {
            t.fail(&keys);
            assert!(t.check(&keys).is_ok());
        }
        t.fail(&keys);
        assert_eq!(t.check(&keys), Err(1));
        for _ in 0..30 {
            t.fail(&keys);
        }
        let wait = t.check(&keys).unwrap_err();
        assert!(wait <= ACCOUNT_CAP.as_secs(), "account wait {wait} is over the soft-lock cap");
        t.succeed(&keys);
        assert!(t.check(&keys).is_ok());
    }
}
