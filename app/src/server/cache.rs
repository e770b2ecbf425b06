//! A small in-process cache with a time limit, for public data many people ask for at once
//! (job search results and filter lists). Each process keeps its own: with several servers a
//! change shows everywhere within the time limit, and at once on the server that made it
//! (writers call `clear`).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub struct TtlCache<K, V> {
    ttl: Duration,
    capacity: usize,
    entries: Mutex<HashMap<K, (Instant, Arc<V>)>>,
}

impl<K: Hash + Eq + Clone, V> TtlCache<K, V> {
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        TtlCache {
            ttl,
            capacity,
            entries: Mutex::new(HashMap::new()),
        }
    }

    // A panic while holding the lock leaves a usable map: recover it instead of failing.
    fn lock(&self) -> MutexGuard<'_, HashMap<K, (Instant, Arc<V>)>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        let entries = self.lock();
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, v)| v.clone())
    }

    pub fn insert(&self, key: K, value: V) -> Arc<V> {
        let value = Arc::new(value);
        let mut entries = self.lock();
        if entries.len() >= self.capacity {
            let ttl = self.ttl;
            entries.retain(|_, (at, _)| at.elapsed() < ttl);
            if entries.len() >= self.capacity {
                entries.clear();
            }
        }
        entries.insert(key, (Instant::now(), value.clone()));
        value
    }

    pub fn clear(&self) {
        self.lock().clear();
    }
}

/// The public caches of one server process.
pub struct PublicCache {
    pub vacancy_searches: TtlCache<
        crate::server::services::vacancies::Filters,
        crate::server::services::vacancies::Results,
    >,
    pub vacancy_places: TtlCache<(), Vec<(String, String, String)>>,
    /// Companies that hold the Selo Empresa Parceira now.
    pub sealed_companies: TtlCache<(), std::collections::HashSet<i32>>,
    /// Whole anonymous `/vagas` pages, keyed by the query as typed (see `render::shared_page`).
    pub vacancy_pages: TtlCache<crate::pages::vacancies::VacancyQuery, String>,
    /// Stands where the CSP nonce goes in a kept page; random per process, so nothing a
    /// company writes in a vacancy can contain it.
    pub nonce_placeholder: String,
}

/// How stale public job listings may be on another server process.
pub const PUBLIC_TTL: Duration = Duration::from_secs(30);

impl Default for PublicCache {
    fn default() -> Self {
        PublicCache {
            vacancy_searches: TtlCache::new(PUBLIC_TTL, 512),
            vacancy_places: TtlCache::new(PUBLIC_TTL, 1),
            sealed_companies: TtlCache::new(PUBLIC_TTL, 1),
            vacancy_pages: TtlCache::new(PUBLIC_TTL, 512),
            nonce_placeholder: super::render::new_nonce(),
        }
    }
}

impl PublicCache {
    /// After a vacancy is published, edited or closed.
    pub fn vacancies_changed(&self) {
        self.vacancy_searches.clear();
        self.vacancy_places.clear();
        self.vacancy_pages.clear();
        self.sealed_companies.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_clear() {
        let cache = TtlCache::new(Duration::from_secs(60), 2);
        assert!(cache.get(&"a").is_none());
        cache.insert("a", 1);
        assert_eq!(cache.get(&"a").as_deref(), Some(&1));
        cache.clear();
        assert!(cache.get(&"a").is_none());

        let expired = TtlCache::new(Duration::ZERO, 2);
        expired.insert("a", 1);
        assert!(expired.get(&"a").is_none(), "past its time limit");
    }

    #[test]
    fn a_full_cache_makes_room() {
        let cache = TtlCache::new(Duration::from_secs(60), 2);
        cache.insert(1, "one");
        cache.insert(2, "two");
        cache.insert(3, "three");
        assert_eq!(cache.get(&3).as_deref(), Some(&"three"));
        assert!(cache.lock().len() <= 2);
    }
}
