//! Throttling for every credential-taking endpoint (ASVS 6.1.1, 6.3.1; SECURITY.md).
//!
//! Failures are counted under three keys at once, and an attempt waits while any of them
//! does (it is refused before its password is hashed, or the throttle would be none):
//! - the account: a few free failures, then a wait that doubles up to half a minute (a soft
//!   lock: guessing from many addresses is slowed, the real user is never locked out long);
//! - the address *and* the account: the same free failures, then up to 15 minutes: one
//!   client guessing at one account is stopped for long, and only that pair;
//! - the address alone: many more free failures ([`ADDRESS_FREE`]), then up to 15 minutes:
//!   a client trying many accounts is stopped, yet a dozen failures on one account (a person
//!   who forgot their password) never lock the others who share the address (everyone
//!   behind one NAT, every program on the host). The host's own session is not held to it.
//!
//! Counters forget after a quiet period; a success clears the account and the pair, and
//! gives the address back its own failures.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed on one account (and on one account from one address) before any waiting.
const FREE_ATTEMPTS: u32 = 5;
/// Failures allowed from one address, all accounts together, before any waiting: well above
/// what one person mistyping one password makes.
pub const ADDRESS_FREE: u32 = 30;
/// A key with no failure for this long starts again from zero.
const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);
/// Longest wait imposed on an account (soft lock: at most half a minute between tries).
pub const ACCOUNT_CAP: Duration = Duration::from_secs(30);
/// Longest wait imposed on one client address.
pub const ADDRESS_CAP: Duration = Duration::from_secs(15 * 60);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Account,
    /// One address guessing at one account.
    Pair,
    Address,
}

struct Entry {
    failures: u32,
    last: Instant,
    blocked_until: Option<Instant>,
}

/// The throttling key of a client address. An IPv6 client usually holds a whole /64 and can
/// pick a new address in it for every guess: its key is the /64.
pub fn address_key(address: &str) -> String {
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("addr:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(std::net::IpAddr::V6(v6)) => {
            format!("addr:{}", v6.to_ipv4_mapped().map_or(v6.to_string(), |v4| v4.to_string()))
        }
        _ => format!("addr:{address}"),
    }
}

#[derive(Default)]
pub struct Throttle {
    entries: Mutex<HashMap<String, Entry>>,
}

impl Throttle {
    /// Starts an attempt: `Err(seconds)` when any key must still wait; otherwise the attempt
    /// is counted as a failure at once, before the password is even checked, so that guesses
    /// sent in parallel cannot all pass this check before the first of them fails. A correct
    /// password then takes it back with [`Throttle::succeed`].
    pub fn begin(&self, keys: &[(Scope, String)]) -> Result<(), u64> {
        let now = Instant::now();
        let Ok(mut map) = self.entries.lock() else { return Ok(()) };
        let wait = keys
            .iter()
            .filter_map(|(_, k)| map.get(k))
            .filter_map(|e| e.blocked_until)
            .filter(|until| *until > now)
            .map(|until| (until - now).as_secs_f64().ceil() as u64)
            .max();
        if let Some(s) = wait {
            return Err(s.max(1));
        }
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
            e.blocked_until = blocked_until(*scope, e.failures, now);
        }
        Ok(())
    }

    /// The attempt begun was right. The account starts again from zero. The address gets
    /// back the failures made against this account (its owner mistyping, then getting it
    /// right), but not the others: signing in to one's own account does not wipe an
    /// address's record of guesses at other accounts.
    pub fn succeed(&self, keys: &[(Scope, String)]) {
        let Ok(mut map) = self.entries.lock() else { return };
        let mut own = 0;
        for (scope, k) in keys {
            if matches!(scope, Scope::Account | Scope::Pair) {
                own = own.max(map.remove(k).map_or(1, |e| e.failures));
            }
        }
        for (scope, k) in keys {
            if *scope == Scope::Address {
                if let Some(e) = map.get_mut(k) {
                    e.failures = e.failures.saturating_sub(own.max(1));
                    e.blocked_until = blocked_until(*scope, e.failures, e.last);
                }
            }
        }
    }
}

/// After `failures` failures, the last at `last`: none beyond the scope's free ones, then a
/// wait that doubles with each failure, up to the scope's cap.
fn blocked_until(scope: Scope, failures: u32, last: Instant) -> Option<Instant> {
    let (free, cap) = match scope {
        Scope::Account => (FREE_ATTEMPTS, ACCOUNT_CAP),
        Scope::Pair => (FREE_ATTEMPTS, ADDRESS_CAP),
        Scope::Address => (ADDRESS_FREE, ADDRESS_CAP),
    };
    if failures < free {
        return None;
    }
    let exp = (failures - free).min(20);
    Some(last + Duration::from_secs(1u64 << exp).min(cap))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_accounts_are_capped() {
        let t = Throttle::default();
        let keys = vec![(Scope::Account, "acct:a".to_string())];
        for _ in 0..5 {
            assert!(t.begin(&keys).is_ok(), "five free attempts");
        }
        assert_eq!(t.begin(&keys), Err(1), "the sixth waits");
        // Failures keep coming after each wait: the wait doubles up to the soft-lock cap.
        if let Ok(mut map) = t.entries.lock() {
            let e = map.get_mut("acct:a").unwrap();
            e.failures = 40;
            e.blocked_until = blocked_until(Scope::Account, 40, e.last);
        }
        let wait = t.begin(&keys).unwrap_err();
        assert!(wait <= ACCOUNT_CAP.as_secs() && wait > 1, "account wait {wait} is over the soft-lock cap");
        t.succeed(&keys);
        assert!(t.begin(&keys).is_ok());
    }

    #[test]
    fn ipv6_clients_are_throttled_by_their_64() {
        assert_eq!(address_key("2001:db8:1:2:aaaa::1"), address_key("2001:db8:1:2:bbbb::9"));
        assert_ne!(address_key("2001:db8:1:2::1"), address_key("2001:db8:1:3::1"));
        assert_eq!(address_key("::ffff:10.0.0.7"), "addr:10.0.0.7");
        assert_eq!(address_key("10.0.0.7"), "addr:10.0.0.7");
        assert_ne!(address_key("10.0.0.7"), address_key("10.0.0.8"));
    }

    fn keys(acct: &str, addr: &str) -> Vec<(Scope, String)> {
        vec![
            (Scope::Account, format!("acct:{acct}")),
            (Scope::Pair, format!("pair:{addr}|{acct}")),
            (Scope::Address, format!("addr:{addr}")),
        ]
    }

    #[test]
    fn a_success_gives_back_only_its_own_attempt_at_the_address() {
        let t = Throttle::default();
        let n = ADDRESS_FREE - 1;
        for i in 0..n {
            assert!(t.begin(&keys(&i.to_string(), "x")).is_ok());
        }
        // A correct login as someone else from the same address.
        let mine = keys("me", "x");
        assert!(t.begin(&mine).is_ok());
        t.succeed(&mine);
        // The failed guesses at other accounts still count: the next is the last free one.
        assert!(t.begin(&keys("next", "x")).is_ok());
        assert!(t.begin(&keys("after", "x")).is_err(), "the address-wide cap");
        assert!(t.begin(&keys("after", "y")).is_ok(), "only that address");
    }

    /// One account's failures never lock the other accounts out at the same address, while
    /// that account stays refused (before any hash) from there.
    #[test]
    fn a_dozen_failures_on_one_account_leave_the_others_alone() {
        let t = Throttle::default();
        for _ in 0..12 {
            // Each guess after the wait before it ended (the waits themselves: tested above).
            if let Ok(mut map) = t.entries.lock() {
                for e in map.values_mut() {
                    e.blocked_until = None;
                }
            }
            assert!(t.begin(&keys("dan", "nat")).is_ok());
        }
        assert!(t.begin(&keys("dan", "nat")).is_err(), "dan's account is still refused from there");
        let mia = keys("mia", "nat");
        assert!(t.begin(&mia).is_ok(), "mia signs in from the same address");
        t.succeed(&mia);
    }

    #[test]
    fn mistyping_one_own_password_is_forgiven_at_the_address_too() {
        let t = Throttle::default();
        let mine = keys("me", "127.0.0.1");
        for _ in 0..3 {
            for _ in 0..4 {
                assert!(t.begin(&mine).is_ok(), "four mistakes");
            }
            assert!(t.begin(&mine).is_ok());
            t.succeed(&mine);
        }
        // After three rounds of four mistakes and a success, nothing is left to wait for.
        for _ in 0..5 {
            assert!(t.begin(&mine).is_ok());
        }
    }
}
