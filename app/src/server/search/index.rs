//! The index: postings per stemmed term (title and whole text), filter sets, day buckets for
//! "newest first", and what a result line shows. See the module above for the why.

use crate::domain::search::{self, Expansion, QueryWord, family_term, query_words};
use crate::server::error::WebError;
use crate::server::services::jobs::vacancies::{Filters, PAGE_SIZE};
use crate::server::sql::Sql;
use roaring::RoaringBitmap;
use sea_orm::{ConnectionTrait, DatabaseConnection, FromQueryResult};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// What a result line shows: public fields only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub id: i32,
    pub organization_id: i32,
    pub title: String,
    pub company: String,
    pub city: String,
    pub uf: String,
    pub salary_min_cents: Option<i64>,
    pub salary_max_cents: Option<i64>,
    pub shift: String,
    pub quota: bool,
    pub closes_at: i64,
}

/// One page of results and how many there are in all.
#[derive(Debug, Clone, Default)]
pub struct Results {
    pub cards: Vec<Listing>,
    pub total: u64,
}

/// A vacancy row as the index reads it.
#[derive(Debug, FromQueryResult)]
struct Row {
    id: i32,
    organization_id: i32,
    title: String,
    cbo_code: String,
    salary_min_cents: Option<i64>,
    salary_max_cents: Option<i64>,
    shift: String,
    city: String,
    uf: String,
    ibge_municipality: String,
    quota: bool,
    status: String,
    posted_at: i64,
    closes_at: i64,
    search_title: String,
    search_body: String,
    company: String,
}

const COLUMNS: &str = "v.id, v.organization_id, v.title, v.cbo_code, v.salary_min_cents, \
    v.salary_max_cents, v.shift, v.city, v.uf, v.ibge_municipality, v.quota, v.status, \
    v.posted_at, v.closes_at, v.search_title, v.search_body, o.name AS company \
    FROM vacancy v JOIN organization o ON o.id = v.organization_id";

/// What the index keeps of one vacancy (strings shared between vacancies).
struct Doc {
    organization_id: i32,
    title: Box<str>,
    company: Arc<str>,
    city: Arc<str>,
    uf: Arc<str>,
    place: Arc<str>,
    family: Arc<str>,
    shift: Arc<str>,
    salary_min_cents: Option<i64>,
    salary_max_cents: Option<i64>,
    quota: bool,
    posted_at: i64,
    closes_at: i64,
}

impl Doc {
    /// The top of the salary range, as the salary filter reads it.
    fn salary_top(&self) -> Option<i64> {
        self.salary_max_cents.or(self.salary_min_cents)
    }
}

#[derive(Default)]
struct Postings {
    /// Vacancies whose own title starts with this word (after stop words): in pt-BR the
    /// first word names the job ("Servente de pedreiro" is a servente).
    head: RoaringBitmap,
    /// In the vacancy's own title.
    own: RoaringBitmap,
    /// In the title or the CBO occupation's title (and CBO family pseudo-terms).
    title: RoaringBitmap,
    all: RoaringBitmap,
}

#[derive(Default)]
struct Inner {
    docs: Vec<Option<Doc>>,
    live: RoaringBitmap,
    terms: BTreeMap<String, Postings>,
    ufs: HashMap<Arc<str>, RoaringBitmap>,
    places: HashMap<Arc<str>, RoaringBitmap>,
    families: HashMap<Arc<str>, RoaringBitmap>,
    shifts: HashMap<Arc<str>, RoaringBitmap>,
    quota: RoaringBitmap,
    /// `salary_steps[k]`: vacancies whose best salary is at least `k × SALARY_STEP` (step 0:
    /// any salary stated). "Salário a partir de" is one intersection and a look at the
    /// vacancies of one step, not a look at every vacancy (1,000,000 at national scale).
    salary_steps: Vec<RoaringBitmap>,
    /// Vacancies by the day they were posted (Unix days): newest first without a sort of all.
    days: BTreeMap<i64, RoaringBitmap>,
    /// (closes_at, id): what leaves the board next.
    closing: BTreeSet<(i64, u32)>,
    strings: HashMap<Box<str>, Arc<str>>,
}

const DAY: i64 = 86_400;
/// A prefix matches at most this many words (the most a short prefix should cost).
const MAX_PREFIX_TERMS: usize = 64;
/// R$ 100,00 between salary steps (what people type is round: 1500, 1800, 2000 fall on a
/// step and need no look at any vacancy), up to R$ 10.000,00 (above it, each is looked at).
const SALARY_STEP: i64 = 10_000;
const SALARY_STEPS: usize = 101;

/// The index of one server process. Cheap to share (`Arc`); reads run in parallel.
#[derive(Default)]
pub struct VacancyIndex {
    inner: RwLock<Inner>,
    words: Mutex<WordCache>,
}

/// What each query word matches (`Inner::levels`: its inflections, prefixes, typo and related
/// trades unioned at five levels), kept between searches until the index changes. Requests
/// are a long tail of word *combinations*, filters and pages over a small vocabulary of
/// trades; the unions of a word's postings were what a search spent its time on at 1,000,000
/// vacancies (docs/PERFORMANCE.md). Not a result cache: every search still intersects, filters,
/// counts and pages. Bounded in bytes, emptied on every change to the index.
#[derive(Default)]
struct WordCache {
    words: HashMap<String, Arc<[RoaringBitmap; 5]>>,
    bytes: usize,
}

const WORD_CACHE_BYTES: usize = 64 << 20;
/// Longer "words" are not trades: computed, never kept.
const WORD_CACHE_MAX_LEN: usize = 32;

impl WordCache {
    fn get(cache: &Mutex<WordCache>, word: &str) -> Option<Arc<[RoaringBitmap; 5]>> {
        let cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.words.get(word).cloned()
    }

    fn keep(cache: &Mutex<WordCache>, word: &str, levels: Arc<[RoaringBitmap; 5]>) {
        if word.len() > WORD_CACHE_MAX_LEN {
            return;
        }
        let size: usize = levels.iter().map(RoaringBitmap::serialized_size).sum();
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.bytes + size > WORD_CACHE_BYTES {
            cache.words.clear();
            cache.bytes = 0;
        }
        if cache.words.insert(word.to_string(), levels).is_none() {
            cache.bytes += size;
        }
    }

    fn clear(cache: &Mutex<WordCache>) {
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.words.clear();
        cache.bytes = 0;
    }
}

impl VacancyIndex {
    // A panic while holding the lock leaves a consistent index (every change below is
    // applied whole before anything can fail), so a poisoned lock is taken over.
    fn read(&self) -> RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }
    /// Every change takes this guard: what words matched is forgotten here (no search runs
    /// while it is held, so none can keep a word from before the change).
    fn write(&self) -> RwLockWriteGuard<'_, Inner> {
        let guard = self.inner.write().unwrap_or_else(|e| e.into_inner());
        WordCache::clear(&self.words);
        guard
    }

    /// Reads every open vacancy and replaces the whole index (start-up, and after a lost
    /// notification connection). Reads by windows of ids, so each query walks the primary
    /// key: a "status = open ORDER BY id" keyset query made the planners scan every open
    /// vacancy for each chunk (minutes at 1,000,000).
    pub async fn reload(&self, db: &DatabaseConnection) -> Result<u64, WebError> {
        const WINDOW: i32 = 20_000;
        let now = crate::server::now();
        let last: i32 = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT COALESCE(MAX(id), 0) AS n FROM vacancy",
            ))
            .await?
            .map(|r| r.try_get("", "n"))
            .transpose()?
            .unwrap_or(0);
        let mut fresh = Inner::default();
        let mut after = 0i32;
        while after < last {
            let mut sql = rows_where(db);
            sql.push("v.id > ")
                .bind(after)
                .push(" AND v.id <= ")
                .bind(after.saturating_add(WINDOW))
                .push(" AND v.status = ")
                .bind("open")
                .push(" AND v.closes_at >= ")
                .bind(now)
                .push(" ORDER BY v.id");
            for row in select(db, &sql).await? {
                fresh.insert(row);
            }
            after = after.saturating_add(WINDOW);
        }
        let count = fresh.live.len();
        *self.write() = fresh;
        Ok(count)
    }

    /// Reads these vacancies again after a write: open ones are (re)indexed, the rest leave.
    pub async fn refresh(&self, db: &DatabaseConnection, ids: &[i32]) -> Result<(), WebError> {
        let now = crate::server::now();
        for chunk in ids.chunks(500) {
            let mut sql = rows_where(db);
            sql.push("v.id IN ").bind_list(chunk.iter().copied());
            let rows = select(db, &sql).await?;
            let mut inner = self.write();
            for id in chunk {
                if let Ok(id) = u32::try_from(*id) {
                    inner.remove(id);
                }
            }
            for row in rows {
                if row.status == "open" && row.closes_at >= now {
                    inner.insert(row);
                }
            }
        }
        Ok(())
    }

    /// One page of results: title matches of the words as typed (or inflected, or with one
    /// typo) first, then title matches through related words, then matches anywhere in the
    /// text; within each, the newest first.
    pub fn search(&self, f: &Filters, now: i64) -> Results {
        self.expire(now);
        let inner = self.read();
        let skip = (f.page.saturating_sub(1)).saturating_mul(PAGE_SIZE);
        let (ids, total) = inner.ranked_page(f, &self.words, skip, PAGE_SIZE as usize);
        Results {
            cards: ids.into_iter().filter_map(|id| inner.listing(id)).collect(),
            total,
        }
    }

    /// The places with open vacancies: (IBGE code, city, UF), by UF then city.
    pub fn places(&self) -> Vec<(String, String, String)> {
        let inner = self.read();
        let mut places: Vec<(String, String, String)> = inner
            .places
            .iter()
            .filter_map(|(code, ids)| {
                let doc = inner.doc(ids.min()?)?;
                Some((code.to_string(), doc.city.to_string(), doc.uf.to_string()))
            })
            .collect();
        places.sort_by(|a, b| (&a.2, &a.1, &a.0).cmp(&(&b.2, &b.1, &b.0)));
        places
    }

    /// Vacancies past their closing time leave the board at their closing second.
    fn expire(&self, now: i64) {
        let due = |inner: &Inner| {
            inner
                .closing
                .first()
                .is_some_and(|(closes, _)| *closes < now)
        };
        if !due(&self.read()) {
            return;
        }
        let mut inner = self.write();
        while let Some(&(closes, id)) = inner.closing.first() {
            if closes >= now {
                break;
            }
            inner.remove(id);
        }
    }
}

async fn select(db: &DatabaseConnection, sql: &Sql) -> Result<Vec<Row>, WebError> {
    Ok(Row::find_by_statement(sql.statement()).all(db).await?)
}

fn rows_where(db: &DatabaseConnection) -> Sql {
    let mut sql = Sql::new(db.get_database_backend(), "SELECT ");
    sql.push(COLUMNS).push(" WHERE ");
    sql
}

impl Inner {
    fn intern(&mut self, s: &str) -> Arc<str> {
        if let Some(shared) = self.strings.get(s) {
            return shared.clone();
        }
        let shared: Arc<str> = s.into();
        self.strings.insert(s.into(), shared.clone());
        shared
    }

    fn doc(&self, id: u32) -> Option<&Doc> {
        self.docs.get(id as usize).and_then(Option::as_ref)
    }

    fn insert(&mut self, row: Row) {
        let Ok(id) = u32::try_from(row.id) else {
            return;
        };
        self.remove(id);
        let family = crate::domain::cbo::family(&row.cbo_code).to_string();
        let title_terms: BTreeSet<String> = search::analyze(&row.search_title)
            .chain(std::iter::once(family_term(&family)))
            .collect();
        for term in search::analyze(&row.search_body).chain(title_terms.iter().cloned()) {
            let postings = self.terms.entry(term).or_default();
            postings.all.insert(id);
        }
        for term in title_terms {
            self.terms.entry(term).or_default().title.insert(id);
        }
        let own_title = crate::domain::text::fold(&row.title);
        for (n, term) in search::analyze(&own_title).enumerate() {
            let postings = self.terms.entry(term).or_default();
            postings.own.insert(id);
            if n == 0 {
                postings.head.insert(id);
            }
        }
        let doc = Doc {
            organization_id: row.organization_id,
            title: row.title.into(),
            company: self.intern(&row.company),
            city: self.intern(&row.city),
            uf: self.intern(&row.uf),
            place: self.intern(&row.ibge_municipality),
            family: self.intern(&family),
            shift: self.intern(&row.shift),
            salary_min_cents: row.salary_min_cents,
            salary_max_cents: row.salary_max_cents,
            quota: row.quota,
            posted_at: row.posted_at,
            closes_at: row.closes_at,
        };
        self.ufs.entry(doc.uf.clone()).or_default().insert(id);
        self.places.entry(doc.place.clone()).or_default().insert(id);
        self.families
            .entry(doc.family.clone())
            .or_default()
            .insert(id);
        self.shifts.entry(doc.shift.clone()).or_default().insert(id);
        if doc.quota {
            self.quota.insert(id);
        }
        if let Some(top) = doc.salary_top() {
            if self.salary_steps.len() < SALARY_STEPS {
                self.salary_steps
                    .resize_with(SALARY_STEPS, RoaringBitmap::new);
            }
            let steps = usize::try_from(top.max(0) / SALARY_STEP).unwrap_or(usize::MAX);
            for step in &mut self.salary_steps[..=steps.min(SALARY_STEPS - 1)] {
                step.insert(id);
            }
        }
        self.days
            .entry(doc.posted_at.div_euclid(DAY))
            .or_default()
            .insert(id);
        self.closing.insert((doc.closes_at, id));
        self.live.insert(id);
        if self.docs.len() <= id as usize {
            self.docs.resize_with(id as usize + 1, || None);
        }
        self.docs[id as usize] = Some(doc);
    }

    /// Takes a vacancy off the board (nothing happens if it is not on it). Walks every term:
    /// writes are rare, and this keeps no per-vacancy term list in memory.
    fn remove(&mut self, id: u32) {
        if !self.live.remove(id) {
            return;
        }
        let Some(doc) = self.docs.get_mut(id as usize).and_then(Option::take) else {
            return;
        };
        self.terms.retain(|_, p| {
            p.head.remove(id);
            p.own.remove(id);
            p.title.remove(id);
            p.all.remove(id);
            !p.all.is_empty()
        });
        for (map, key) in [
            (&mut self.ufs, &doc.uf),
            (&mut self.places, &doc.place),
            (&mut self.families, &doc.family),
            (&mut self.shifts, &doc.shift),
        ] {
            if let Some(ids) = map.get_mut(key) {
                ids.remove(id);
                if ids.is_empty() {
                    map.remove(key);
                }
            }
        }
        self.quota.remove(id);
        for step in &mut self.salary_steps {
            step.remove(id);
        }
        let day = doc.posted_at.div_euclid(DAY);
        if let Some(ids) = self.days.get_mut(&day) {
            ids.remove(id);
            if ids.is_empty() {
                self.days.remove(&day);
            }
        }
        self.closing.remove(&(doc.closes_at, id));
    }

    /// The vacancies that pass the filters (before the words); `None` when nothing filters
    /// (every vacancy on the board: no copy of it is made).
    fn filtered(&self, f: &Filters) -> Option<RoaringBitmap> {
        let empty = RoaringBitmap::new();
        let mut sets: Vec<&RoaringBitmap> = Vec::new();
        if let Some(uf) = &f.uf {
            sets.push(self.ufs.get(uf.as_str()).unwrap_or(&empty));
        }
        if let Some(place) = &f.municipality {
            sets.push(self.places.get(place.as_str()).unwrap_or(&empty));
        }
        if let Some(family) = &f.cbo_family {
            sets.push(self.families.get(family.as_str()).unwrap_or(&empty));
        }
        if let Some(shift) = &f.shift {
            sets.push(self.shifts.get(shift.as_str()).unwrap_or(&empty));
        }
        if f.quota_only {
            sets.push(&self.quota);
        }
        // Smallest first: each intersection is at most as large as the first set.
        sets.sort_by_key(|s| s.len());
        let mut result = match (sets.first(), f.min_salary_cents) {
            (Some(first), _) => (*first).clone(),
            (None, Some(_)) => self.live.clone(),
            (None, None) => return None,
        };
        for s in sets.iter().skip(1) {
            result &= *s;
        }
        if let Some(min) = f.min_salary_cents {
            result = self.paying_at_least(result, min);
        }
        Some(result)
    }

    /// Those of `ids` whose best salary is at least `min`: the step at or below `min` by
    /// intersection; only the vacancies between that step and the next are looked at.
    fn paying_at_least(&self, mut ids: RoaringBitmap, min: i64) -> RoaringBitmap {
        let step = usize::try_from(min.max(0) / SALARY_STEP)
            .unwrap_or(usize::MAX)
            .min(SALARY_STEPS - 1);
        match self.salary_steps.get(step) {
            Some(at_step) => ids &= at_step,
            None => return RoaringBitmap::new(),
        }
        // On a step, every vacancy of the step pays enough.
        if min.max(0) % SALARY_STEP == 0 && step < SALARY_STEPS - 1 {
            return ids;
        }
        let unsure = match self.salary_steps.get(step + 1) {
            Some(next) => &ids - next,
            None => ids.clone(),
        };
        for id in &unsure {
            let pays = self
                .doc(id)
                .and_then(Doc::salary_top)
                .is_some_and(|top| top >= min);
            if !pays {
                ids.remove(id);
            }
        }
        ids
    }

    /// One page of the matches in rank tiers, and how many matches there are. The tiers,
    /// disjoint: every word in the vacancy's own title and one of them heading it; every
    /// word in its own title; in the title or its CBO occupation's title; there through
    /// related words; anywhere. Each word's levels are nested (each within the next, see
    /// `levels`), so a tier's size is a difference of two counts: the count needs no copy,
    /// and only the tiers the page reaches are built.
    fn ranked_page(
        &self,
        f: &Filters,
        cache: &Mutex<WordCache>,
        mut skip: u64,
        take: usize,
    ) -> (Vec<u32>, u64) {
        let filtered = self.filtered(f);
        let words = query_words(&f.terms);
        let mut out = Vec::with_capacity(take);
        if words.is_empty() {
            let all = filtered.as_ref().unwrap_or(&self.live);
            self.page_of(all, &mut skip, take, &mut out);
            return (out, all.len());
        }
        let sets: Vec<Arc<[RoaringBitmap; 5]>> = words
            .iter()
            .map(|word| match WordCache::get(cache, &word.folded) {
                Some(levels) => levels,
                None => {
                    let levels = Arc::new(self.levels(word));
                    WordCache::keep(cache, &word.folded, levels.clone());
                    levels
                }
            })
            .collect();
        let mut levels = Levels::new(&sets, filtered.as_ref());
        let total = levels.count(4);
        let mut below = 0;
        for k in 0..5 {
            if out.len() == take {
                break;
            }
            let here = levels.count(k);
            let n = here.saturating_sub(below);
            below = here;
            if skip >= n {
                skip -= n;
                continue;
            }
            let tier = levels.tier(k);
            self.page_of(&tier, &mut skip, take, &mut out);
        }
        (out, total)
    }

    /// For one query word (as typed, inflected, with one typo, or as a prefix), the vacancies
    /// it matches at each level: [heading the own title, in the own title, in the title or CBO
    /// occupation, there through related words, anywhere]. From the second on, each level
    /// contains the one before.
    fn levels(&self, word: &QueryWord) -> [RoaringBitmap; 5] {
        let mut direct: Vec<&str> = Vec::new();
        if let Some((term, _)) = self.terms.get_key_value(&word.stem) {
            direct.push(term);
        }
        if word.folded.len() >= QueryWord::PREFIX_MIN_LEN {
            direct.extend(
                self.terms
                    .range::<str, _>((
                        std::ops::Bound::Included(word.folded.as_str()),
                        std::ops::Bound::Unbounded,
                    ))
                    .take_while(|(t, _)| t.starts_with(&word.folded))
                    .take(MAX_PREFIX_TERMS)
                    .map(|(t, _)| t.as_str()),
            );
        }
        // One typo: only when the word as typed is found nowhere, and only towards words of
        // titles (a trade), so "médico" does not become the "médio" of "ensino médio".
        let mut corrected: Vec<&str> = Vec::new();
        if direct.is_empty() && word.may_have_typo() {
            for variant in search::one_edit_variants(&word.folded) {
                if let Some((term, p)) = self.terms.get_key_value(&search::stem(&variant))
                    && !p.title.is_empty()
                    && !corrected.contains(&term.as_str())
                {
                    corrected.push(term);
                }
            }
            direct.extend(corrected.iter().copied());
        }
        let mut head = RoaringBitmap::new();
        let mut own = RoaringBitmap::new();
        let mut title = RoaringBitmap::new();
        let mut anywhere = RoaringBitmap::new();
        for term in &direct {
            if let Some(p) = self.terms.get(*term) {
                head |= &p.head;
                own |= &p.own;
                title |= &p.title;
                anywhere |= &p.all;
            }
        }
        // Nested, whatever the data: a vacancy's own title words count as title words.
        title |= &own;
        let mut related = title.clone();
        let related_of = std::iter::once(word.stem.as_str()).chain(corrected.iter().copied());
        for stem in related_of {
            for expansion in search::related().of(stem) {
                self.add_title_match(&mut related, expansion);
            }
        }
        anywhere |= &related;
        [head, own, title, related, anywhere]
    }

    /// Adds the vacancies an expansion finds in titles (a family: its title postings, no
    /// copy; words: those with every word).
    fn add_title_match(&self, into: &mut RoaringBitmap, expansion: &Expansion) {
        let title = |t: &str| self.terms.get(t).map(|p| &p.title);
        match expansion {
            Expansion::Family(term) => {
                if let Some(ids) = title(term) {
                    *into |= ids;
                }
            }
            Expansion::Words(words) => {
                let mut sets: Vec<&RoaringBitmap> = Vec::with_capacity(words.len());
                for w in words {
                    match title(w) {
                        Some(s) => sets.push(s),
                        None => return,
                    }
                }
                sets.sort_by_key(|s| s.len());
                match sets.as_slice() {
                    [] => {}
                    [only] => *into |= *only,
                    [first, rest @ ..] => {
                        let mut both = (*first).clone();
                        for s in rest {
                            both &= *s;
                        }
                        *into |= both;
                    }
                }
            }
        }
    }

    /// Adds to `out` (up to `take`) the vacancies of one tier past the first `skip`, newest
    /// first: by the day posted (newest day first), and inside a day the vacancy added last
    /// first (the highest id). No vacancy's record is read to order them, and only the days
    /// the page reaches are intersected: the cost follows the page, not the matches.
    fn page_of(&self, tier: &RoaringBitmap, skip: &mut u64, take: usize, out: &mut Vec<u32>) {
        for day in self.days.values().rev() {
            if out.len() == take {
                break;
            }
            let here = tier.intersection_len(day);
            if here == 0 {
                continue;
            }
            if *skip >= here {
                *skip -= here;
                continue;
            }
            let room = take - out.len();
            out.extend((tier & day).iter().rev().skip(*skip as usize).take(room));
            *skip = 0;
        }
    }

    fn listing(&self, id: u32) -> Option<Listing> {
        let d = self.doc(id)?;
        Some(Listing {
            id: id as i32,
            organization_id: d.organization_id,
            title: d.title.to_string(),
            company: d.company.to_string(),
            city: d.city.to_string(),
            uf: d.uf.to_string(),
            salary_min_cents: d.salary_min_cents,
            salary_max_cents: d.salary_max_cents,
            shift: d.shift.to_string(),
            quota: d.quota,
            closes_at: d.closes_at,
        })
    }
}

/// The five nested levels of a query (each within the next), built only as far as a page
/// needs them: every word at each level, the first being the second with one word heading
/// the title. One word: its cached levels, borrowed, the filters applied when counting.
/// Several: each level intersected smallest set first, the filters included.
struct Levels<'a> {
    sets: &'a [Arc<[RoaringBitmap; 5]>],
    filter: Option<&'a RoaringBitmap>,
    built: [Option<Cow<'a, RoaringBitmap>>; 5],
    counts: [Option<u64>; 5],
}

impl<'a> Levels<'a> {
    fn new(sets: &'a [Arc<[RoaringBitmap; 5]>], filter: Option<&'a RoaringBitmap>) -> Self {
        Levels {
            sets,
            filter,
            built: Default::default(),
            counts: [None; 5],
        }
    }

    /// Whether the filters are already inside the built levels.
    fn filtered_in(&self) -> bool {
        self.sets.len() > 1
    }

    fn level(&mut self, k: usize) -> &RoaringBitmap {
        if self.built[k].is_none() {
            let built = match self.sets {
                [only] => Cow::Borrowed(&only[k]),
                _ if k == 0 => {
                    let mut heads = RoaringBitmap::new();
                    for set in self.sets {
                        heads |= &set[0];
                    }
                    Cow::Owned(self.level(1) & &heads)
                }
                _ => {
                    let mut parts: Vec<&RoaringBitmap> =
                        self.sets.iter().map(|set| &set[k]).collect();
                    parts.extend(self.filter);
                    parts.sort_by_key(|s| s.len());
                    let mut level = parts.first().map(|s| (*s).clone()).unwrap_or_default();
                    for part in parts.iter().skip(1) {
                        level &= *part;
                    }
                    Cow::Owned(level)
                }
            };
            self.built[k] = Some(built);
        }
        self.built[k]
            .as_deref()
            .unwrap_or_else(|| unreachable!("built above"))
    }

    fn count(&mut self, k: usize) -> u64 {
        if let Some(n) = self.counts[k] {
            return n;
        }
        let filter = (!self.filtered_in()).then_some(self.filter).flatten();
        let level = self.level(k);
        let n = match filter {
            Some(f) => level.intersection_len(f),
            None => level.len(),
        };
        self.counts[k] = Some(n);
        n
    }

    /// The vacancies of tier `k`: in level `k`, not in the one before, filtered.
    fn tier(&mut self, k: usize) -> RoaringBitmap {
        let mut tier = if k == 0 {
            self.level(0).clone()
        } else {
            self.level(k - 1);
            let (inner, outer) = (self.built[k - 1].as_deref(), self.built[k].as_deref());
            match (inner, outer) {
                (Some(inner), Some(outer)) => outer - inner,
                _ => {
                    let outer = self.level(k).clone();
                    let inner = self.level(k - 1);
                    &outer - inner
                }
            }
        };
        if !self.filtered_in()
            && let Some(f) = self.filter
        {
            tier &= f;
        }
        tier
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i32, min: Option<i64>, max: Option<i64>) -> Row {
        Row {
            id,
            organization_id: 1,
            title: "Auxiliar de limpeza".into(),
            cbo_code: "514320".into(),
            salary_min_cents: min,
            salary_max_cents: max,
            shift: "manha".into(),
            city: "Brasília".into(),
            uf: "DF".into(),
            ibge_municipality: "5300108".into(),
            quota: false,
            status: "open".into(),
            posted_at: 0,
            closes_at: i64::MAX,
            search_title: "auxiliar limpeza".into(),
            search_body: "auxiliar limpeza".into(),
            company: "Empresa".into(),
        }
    }

    /// The salary steps give exactly what a look at every vacancy gives: at the steps, between
    /// them, above the last one, and never a vacancy that states no salary.
    #[test]
    fn salary_filter_matches_a_look_at_every_vacancy() {
        let mut inner = Inner::default();
        let salaries: Vec<(Option<i64>, Option<i64>)> = (0..600)
            .map(|n| match n % 4 {
                0 => (None, None),
                1 => (Some(n * 3_700), None),
                2 => (Some(100_000), Some(n * 4_100)),
                _ => (None, Some(n * 2_900)),
            })
            .collect();
        for (n, (min, max)) in salaries.iter().enumerate() {
            inner.insert(row(n as i32 + 1, *min, *max));
        }
        // A vacancy taken off the board leaves every step.
        inner.remove(3);
        for min in [
            0, 1, 24_999, 25_000, 150_000, 180_050, 999_999, 1_000_000, 2_400_000,
        ] {
            let fast: Vec<u32> = inner
                .paying_at_least(inner.live.clone(), min)
                .iter()
                .collect();
            let slow: Vec<u32> = inner
                .live
                .iter()
                .filter(|id| {
                    inner
                        .doc(*id)
                        .and_then(Doc::salary_top)
                        .is_some_and(|top| top >= min)
                })
                .collect();
            assert_eq!(fast, slow, "from {min} cents");
            assert!(!fast.is_empty() || min > 2_000_000, "from {min} cents");
        }
    }
}
