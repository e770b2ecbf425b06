//! A small in-process cache with a time limit, for public data many people ask for at once
//! (job search results and filter lists). Each process keeps its own: with several servers a
//! change shows everywhere within the time limit, and at once on the server that made it
//! (writers call `clear`).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub struct TtlCache<K, V> {
    ttl: Duration,
    /// 0: keeps nothing (caches turned off with `ESV_CACHE_PUBLICO=0`).
    capacity: usize,
    entries: Mutex<HashMap<K, (Instant, Arc<V>)>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl<K: Hash + Eq + Clone, V> TtlCache<K, V> {
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        TtlCache {
            ttl,
            capacity,
            entries: Mutex::new(HashMap::new()),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// (hits, misses) since start.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    // A panic while holding the lock leaves a usable map: recover it instead of failing.
    fn lock(&self) -> MutexGuard<'_, HashMap<K, (Instant, Arc<V>)>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        let found = self
            .lock()
            .get(key)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, v)| v.clone());
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Whether anything is kept at all (capacity 0: a cache turned off).
    pub fn keeps(&self) -> bool {
        self.capacity > 0
    }

    pub fn insert(&self, key: K, value: V) -> Arc<V> {
        let value = Arc::new(value);
        if self.capacity == 0 {
            return value;
        }
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
        crate::server::services::jobs::vacancies::Filters,
        crate::server::services::jobs::vacancies::Results,
    >,
    pub vacancy_places: TtlCache<(), Vec<(String, String, String)>>,
    /// Cities with active services, for the directory's filter.
    pub service_cities: TtlCache<(), Vec<(String, String)>>,
    /// Companies that hold the Selo Empresa Parceira now.
    pub sealed_companies: TtlCache<(), std::collections::HashSet<i32>>,
    /// Whole anonymous `/vagas` pages, keyed by the query as typed (see `render::shared_page`).
    /// Holds the page frame and body only: the document around them, with its nonce, is
    /// drawn for each response.
    pub vacancy_pages:
        Arc<TtlCache<crate::server::services::jobs::vacancies::VacancyQuery, String>>,
}

/// How stale public job listings may be on another server process.
pub const PUBLIC_TTL: Duration = Duration::from_secs(30);

impl Default for PublicCache {
    fn default() -> Self {
        PublicCache::new(true)
    }
}

impl PublicCache {
    /// `search_cache = false` keeps no search results and no pages (benchmarks of the
    /// uncached path); the filter lists and the seal, which are not searches, are kept.
    pub fn new(search_cache: bool) -> Self {
        let size = |n: usize| if search_cache { n } else { 0 };
        PublicCache {
            vacancy_searches: TtlCache::new(PUBLIC_TTL, size(512)),
            vacancy_places: TtlCache::new(PUBLIC_TTL, 1),
            service_cities: TtlCache::new(PUBLIC_TTL, 1),
            sealed_companies: TtlCache::new(PUBLIC_TTL, 1),
            vacancy_pages: Arc::new(TtlCache::new(PUBLIC_TTL, size(512))),
        }
    }

    /// After the admin changed the service directory.
    pub fn directory_changed(&self) {
        self.service_cities.clear();
    }

    /// Share of search requests answered from memory (whole page or results), for the
    /// benchmark's report.
    pub fn search_hit_ratio(&self) -> f64 {
        // Every /vagas request asks the results cache unless its whole page was kept, so the
        // requests are the page hits plus the results lookups.
        let (page_hits, _) = self.vacancy_pages.counts();
        let (result_hits, result_misses) = self.vacancy_searches.counts();
        let requests = page_hits + result_hits + result_misses;
        if requests == 0 {
            return 0.0;
        }
        (page_hits + result_hits) as f64 / requests as f64
    }

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

    #[test]
    fn a_cache_turned_off_keeps_nothing_and_counts() {
        let cache = TtlCache::new(Duration::from_secs(60), 0);
        assert_eq!(*cache.insert("a", 1), 1);
        assert!(cache.get(&"a").is_none());
        assert_eq!(cache.counts(), (0, 1));
        let on = TtlCache::new(Duration::from_secs(60), 2);
        on.insert("a", 1);
        on.get(&"a");
        on.get(&"b");
        assert_eq!(on.counts(), (1, 1));
    }
}
