//! Counting login (and code) attempts per IP and per account, to slow down guessing, and
//! partner API calls per key (issue 14), so one partner's runaway loop cannot starve others.
//! In memory: one server process. Several replicas would each count on their own, which
//! multiplies the allowance by the replica count; see docs/ARCHITECTURE.md.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Attempts from one IP address (any account) per window.
    pub per_ip: u32,
    pub ip_window: Duration,
    /// Failed attempts on one account per window.
    pub per_account: u32,
    pub account_window: Duration,
    /// Partner API calls per key per minute.
    pub api_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_ip: 30,
            ip_window: Duration::from_secs(10 * 60),
            per_account: 5,
            account_window: Duration::from_secs(15 * 60),
            // One a second on average: a partner system syncing every few minutes needs far
            // less; a loop gone wrong is stopped within the minute.
            api_per_minute: 60,
        }
    }
}

#[derive(Default)]
struct Window {
    started: Option<Instant>,
    count: u32,
}

impl Window {
    fn current(&mut self, now: Instant, length: Duration) -> &mut u32 {
        match self.started {
            Some(start) if now.duration_since(start) < length => {}
            _ => {
                self.started = Some(now);
                self.count = 0;
            }
        }
        &mut self.count
    }
}

pub struct AttemptLimiter {
    limits: Limits,
    by_ip: Mutex<HashMap<IpAddr, Window>>,
    by_account: Mutex<HashMap<String, Window>>,
    by_api_key: Mutex<HashMap<i32, Window>>,
}

impl AttemptLimiter {
    pub fn new(limits: Limits) -> Self {
        AttemptLimiter {
            limits,
            by_ip: Mutex::new(HashMap::new()),
            by_account: Mutex::new(HashMap::new()),
            by_api_key: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one attempt from `ip`; false when the IP has used up its window.
    pub fn allow_ip(&self, ip: IpAddr) -> bool {
        let now = Instant::now();
        let mut map = self.by_ip.lock().unwrap_or_else(|p| p.into_inner());
        // Keep the map from growing without bound under a spray of addresses.
        if map.len() > 100_000 {
            map.retain(|_, w| {
                w.started
                    .is_some_and(|s| now.duration_since(s) < self.limits.ip_window)
            });
        }
        let count = map
            .entry(ip)
            .or_default()
            .current(now, self.limits.ip_window);
        *count += 1;
        *count <= self.limits.per_ip
    }

    /// Whether `account` (a normalised login identifier) may try again.
    pub fn account_blocked(&self, account: &str) -> bool {
        let now = Instant::now();
        let mut map = self.by_account.lock().unwrap_or_else(|p| p.into_inner());
        match map.get_mut(account) {
            Some(w) => *w.current(now, self.limits.account_window) >= self.limits.per_account,
            None => false,
        }
    }

    pub fn record_account_failure(&self, account: &str) {
        let now = Instant::now();
        let mut map = self.by_account.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, w| {
                w.started
                    .is_some_and(|s| now.duration_since(s) < self.limits.account_window)
            });
        }
        *map.entry(account.to_string())
            .or_default()
            .current(now, self.limits.account_window) += 1;
    }

    /// Counts one API call with key `key`: `Ok` when allowed, else the seconds until the
    /// key's minute ends (for `Retry-After`).
    pub fn allow_api_call(&self, key: i32) -> Result<(), u64> {
        const MINUTE: Duration = Duration::from_secs(60);
        let now = Instant::now();
        let mut map = self.by_api_key.lock().unwrap_or_else(|p| p.into_inner());
        let window = map.entry(key).or_default();
        let count = window.current(now, MINUTE);
        if *count >= self.limits.api_per_minute {
            let started = window.started.unwrap_or(now);
            let left = MINUTE.saturating_sub(now.duration_since(started));
            return Err(left.as_secs().max(1));
        }
        *count += 1;
        Ok(())
    }

    pub fn clear_account(&self, account: &str) {
        let mut map = self.by_account.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(account);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_an_account_after_its_failures_and_frees_it_on_success() {
        let limiter = AttemptLimiter::new(Limits {
            per_account: 3,
            ..Limits::default()
        });
        for _ in 0..3 {
            assert!(!limiter.account_blocked("a@b.org"));
            limiter.record_account_failure("a@b.org");
        }
        assert!(limiter.account_blocked("a@b.org"));
        assert!(!limiter.account_blocked("outra@b.org"));
        limiter.clear_account("a@b.org");
        assert!(!limiter.account_blocked("a@b.org"));
    }

    #[test]
    fn counts_api_calls_per_key() {
        let limiter = AttemptLimiter::new(Limits {
            api_per_minute: 2,
            ..Limits::default()
        });
        assert_eq!(limiter.allow_api_call(1), Ok(()));
        assert_eq!(limiter.allow_api_call(1), Ok(()));
        let wait = limiter
            .allow_api_call(1)
            .expect_err("third call in the minute");
        assert!((1..=60).contains(&wait), "{wait}");
        assert_eq!(
            limiter.allow_api_call(2),
            Ok(()),
            "another key has its own minute"
        );
    }

    #[test]
    fn blocks_an_ip_past_its_allowance() {
        let limiter = AttemptLimiter::new(Limits {
            per_ip: 2,
            ..Limits::default()
        });
        let ip: IpAddr = [127, 0, 0, 1].into();
        assert!(limiter.allow_ip(ip));
        assert!(limiter.allow_ip(ip));
        assert!(!limiter.allow_ip(ip));
        assert!(limiter.allow_ip([127, 0, 0, 2].into()));
    }
}
