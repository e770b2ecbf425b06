//! The index: postings per stemmed term (title and whole text), filter sets, day buckets for
//! "newest first", and what a result line shows. See the module above for the why.

use crate::domain::search::{self, Expansion, QueryWord, family_term, query_words};
use crate::server::error::WebError;
use crate::server::services::vacancies::{Filters, PAGE_SIZE};
use crate::server::sql::Sql;
use roaring::RoaringBitmap;
use sea_orm::{ConnectionTrait, DatabaseConnection, FromQueryResult};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

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
    /// Vacancies by the day they were posted (Unix days): newest first without a sort of all.
    days: BTreeMap<i64, RoaringBitmap>,
    /// (closes_at, id): what leaves the board next.
    closing: BTreeSet<(i64, u32)>,
    strings: HashMap<Box<str>, Arc<str>>,
}

const DAY: i64 = 86_400;
/// A prefix matches at most this many words (the most a short prefix should cost).
const MAX_PREFIX_TERMS: usize = 64;
/// Tiers up to this size are sorted whole; larger ones are walked day by day.
const SORT_WHOLE: u64 = 4_096;

/// The index of one server process. Cheap to share (`Arc`); reads run in parallel.
#[derive(Default)]
pub struct VacancyIndex {
    inner: RwLock<Inner>,
}

impl VacancyIndex {
    // A panic while holding the lock leaves a consistent index (every change below is
    // applied whole before anything can fail), so a poisoned lock is taken over.
    fn read(&self) -> RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }
    fn write(&self) -> RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
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
            sql.push("v.id IN (");
            for (n, id) in chunk.iter().enumerate() {
                if n > 0 {
                    sql.push(", ");
                }
                sql.bind(*id);
            }
            sql.push(")");
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
        let tiers = inner.tiers(f);
        let total = tiers.iter().map(RoaringBitmap::len).sum();
        let skip = (f.page.saturating_sub(1)).saturating_mul(PAGE_SIZE);
        let ids = inner.page(&tiers, skip, PAGE_SIZE as usize);
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
        let day = doc.posted_at.div_euclid(DAY);
        if let Some(ids) = self.days.get_mut(&day) {
            ids.remove(id);
            if ids.is_empty() {
                self.days.remove(&day);
            }
        }
        self.closing.remove(&(doc.closes_at, id));
    }

    /// The vacancies that pass the filters (before the words).
    fn filtered(&self, f: &Filters) -> RoaringBitmap {
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
        let mut result = match sets.first() {
            Some(first) => (*first).clone(),
            None => self.live.clone(),
        };
        for s in sets.iter().skip(1) {
            result &= *s;
        }
        if let Some(min) = f.min_salary_cents {
            result = result
                .iter()
                .filter(|id| {
                    self.doc(*id)
                        .and_then(Doc::salary_top)
                        .is_some_and(|top| top >= min)
                })
                .collect();
        }
        result
    }

    /// The matching vacancies in rank tiers, each already filtered, disjoint: every word in
    /// the vacancy's own title and one of them heading it; every word in its own title; in
    /// the title or its CBO occupation's title; there through related words; anywhere.
    fn tiers(&self, f: &Filters) -> Vec<RoaringBitmap> {
        let filtered = self.filtered(f);
        let words = query_words(&f.terms);
        if words.is_empty() {
            return vec![filtered];
        }
        let mut all = [
            filtered.clone(),
            filtered.clone(),
            filtered.clone(),
            filtered,
        ];
        let mut heads = RoaringBitmap::new();
        for word in &words {
            let [head, levels @ ..] = self.levels(word);
            heads |= head;
            for (acc, level) in all.iter_mut().zip(levels.iter()) {
                *acc &= level;
            }
        }
        let [own, title, related, anywhere] = all;
        let headed = &own & &heads;
        let anywhere = anywhere - &related;
        let related = related - &title;
        let title = title - &own;
        let own = own - &headed;
        vec![headed, own, title, related, anywhere]
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
        let mut related = title.clone();
        let related_of = std::iter::once(word.stem.as_str()).chain(corrected.iter().copied());
        for stem in related_of {
            for expansion in search::related().of(stem) {
                related |= &self.title_match(expansion);
            }
        }
        anywhere |= &related;
        [head, own, title, related, anywhere]
    }

    fn title_match(&self, expansion: &Expansion) -> RoaringBitmap {
        let title = |t: &str| self.terms.get(t).map(|p| &p.title);
        match expansion {
            Expansion::Family(term) => title(term).cloned().unwrap_or_default(),
            Expansion::Words(words) => {
                let mut sets: Vec<&RoaringBitmap> = Vec::with_capacity(words.len());
                for w in words {
                    match title(w) {
                        Some(s) => sets.push(s),
                        None => return RoaringBitmap::new(),
                    }
                }
                sets.sort_by_key(|s| s.len());
                let mut result = sets.first().map(|s| (*s).clone()).unwrap_or_default();
                for s in sets.iter().skip(1) {
                    result &= *s;
                }
                result
            }
        }
    }

    /// Ids `skip..skip + take` of the tiers in rank order (newest first inside a tier).
    fn page(&self, tiers: &[RoaringBitmap], mut skip: u64, take: usize) -> Vec<u32> {
        let mut out = Vec::with_capacity(take);
        let newest_first = |ids: &mut Vec<u32>| {
            ids.sort_unstable_by_key(|id| {
                let posted = self.doc(*id).map(|d| d.posted_at).unwrap_or(0);
                std::cmp::Reverse((posted, *id))
            })
        };
        let emit = |mut ids: Vec<u32>, skip: &mut u64, out: &mut Vec<u32>| {
            newest_first(&mut ids);
            let from = (*skip).min(ids.len() as u64) as usize;
            *skip -= from as u64;
            let room = take - out.len();
            out.extend(ids.into_iter().skip(from).take(room));
        };
        for tier in tiers {
            if out.len() == take {
                break;
            }
            let n = tier.len();
            if skip >= n {
                skip -= n;
                continue;
            }
            if n <= SORT_WHOLE {
                emit(tier.iter().collect(), &mut skip, &mut out);
                continue;
            }
            for day in self.days.values().rev() {
                if out.len() == take {
                    break;
                }
                let here = tier.intersection_len(day);
                if here == 0 {
                    continue;
                }
                if skip >= here {
                    skip -= here;
                    continue;
                }
                emit((tier & day).iter().collect(), &mut skip, &mut out);
            }
        }
        out
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
