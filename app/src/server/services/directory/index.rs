//! The directory's search tables (`directory_listing`, `directory_word`): derived from the
//! HSDS tables, written in the same transaction as every change to a service, and filled at
//! start-up for entries that have none (rows written before the tables existed, seeds).
//! One row per *active* service at a location, so the public search never reads an inactive
//! one. The folding and word rules live here, next to the search that relies on them.

use crate::domain::services::{self as rules, Opening};
use crate::domain::text::fold;
use crate::server::BeginWrite;
use crate::server::entities::{phone, schedule};
use crate::server::error::WebError;
use crate::server::sql::Sql;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, FromQueryResult};
use std::collections::HashMap;

/// Longest stored word and sort name (the columns' sizes in the migration).
const WORD_LEN: usize = 40;
const SORT_LEN: usize = 200;
/// Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound values.
const ROWS_PER_INSERT: usize = 400;

/// The words a search term can match: each word of the folded text, ASCII letters and
/// digits only (as `search_terms` keeps them), once each.
pub fn words_of(search_text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in fold(search_text).split(' ') {
        let w: String = w
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(WORD_LEN)
            .collect();
        if !w.is_empty() && !words.contains(&w) {
            words.push(w);
        }
    }
    words
}

/// The words starting with `term` are those in `[term, upper)`: `upper` is `term` with its
/// last character moved one step on in the order 0–9, a–z (a trailing `z` is dropped first:
/// "luz" → "lv"). `None` when every word is past `term` ("zzz"). Only digits and lower-case
/// letters occur, which sort the same way in SQLite and in PostgreSQL's collations.
pub fn prefix_upper_bound(term: &str) -> Option<String> {
    let mut chars: Vec<char> = term.chars().collect();
    while let Some(last) = chars.pop() {
        let next = match last {
            '0'..='8' | 'a'..='y' => char::from(last as u8 + 1),
            '9' => 'a',
            _ => continue,
        };
        chars.push(next);
        return Some(chars.into_iter().collect());
    }
    None
}

/// How a query with search terms should read `directory_listing d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermsLead {
    /// Few entries match: read them by id from the first term's word range (callers put the
    /// rarest term first, `rarest_first`); the other terms are checked per entry.
    Yes,
    /// Many match: walk the listing's own index (page order, position) and check each entry
    /// it meets against the word ranges, one seek in `idx_directory_word_entry` each. Listing
    /// the ranges' ids instead cost a list of every match per statement (25–31 ms for a
    /// position with a word 8,000 entries share).
    No,
}

/// `w.word` (of the word table under `alias`) starts with `term`: an index range.
fn push_word_range(sql: &mut Sql, alias: &str, term: &str) {
    let term: String = term.chars().take(WORD_LEN).collect();
    sql.push(" AND ")
        .push(alias)
        .push(".word >= ")
        .bind(term.clone());
    if let Some(upper) = prefix_upper_bound(&term) {
        sql.push(" AND ").push(alias).push(".word < ").bind(upper);
    }
}

/// " AND the entry `id` (an SQL expression) has a word starting with `term`": one seek.
fn push_has_word(sql: &mut Sql, id: &str, term: &str) {
    sql.push(" AND EXISTS (SELECT 1 FROM directory_word x WHERE x.sal_id = ")
        .push(id);
    push_word_range(sql, "x", term);
    sql.push(")");
}

/// Appends, for each term, "and `d` has a word starting with `term`" (the first term's
/// range read within `area` and `city` when given, which follow the word in its key).
pub fn push_terms(
    sql: &mut Sql,
    terms: &[String],
    area: Option<&str>,
    city: Option<&str>,
    lead: TermsLead,
) {
    let mut rest = terms;
    if lead == TermsLead::Yes
        && let Some((first, others)) = terms.split_first()
    {
        sql.push(" AND d.sal_id IN (SELECT w.sal_id FROM directory_word w WHERE 1 = 1");
        push_word_range(sql, "w", first);
        push_place(sql, area, city);
        sql.push(")");
        rest = others;
    }
    for term in rest {
        push_has_word(sql, "d.sal_id", term);
    }
}

fn push_place(sql: &mut Sql, area: Option<&str>, city: Option<&str>) {
    if let Some(area) = area {
        sql.push(" AND w.area = ").bind(area.to_string());
    }
    if let Some(city) = city {
        sql.push(" AND w.ibge_municipality = ")
            .bind(city.to_string());
    }
}

/// The entries with a word starting with each term (within `area` and `city`), counted up
/// to `limit` from the word table alone: the first term's range, the others checked per
/// entry. The listing is not read.
pub fn count_terms(
    backend: sea_orm::DbBackend,
    terms: &[String],
    area: Option<&str>,
    city: Option<&str>,
    limit: usize,
) -> Sql {
    let mut sql = Sql::new(
        backend,
        "SELECT COUNT(*) AS n FROM (SELECT DISTINCT w.sal_id FROM directory_word w WHERE 1 = 1",
    );
    if let Some((first, others)) = terms.split_first() {
        push_word_range(&mut sql, "w", first);
        push_place(&mut sql, area, city);
        for term in others {
            push_has_word(&mut sql, "w.sal_id", term);
        }
    }
    sql.push(" LIMIT ").bind(limit as i64).push(") counted");
    sql
}

/// Puts the term with the fewest words first (each counted up to `limit` through its
/// index range), so that it leads every query: led by a word all entries share ("ponto"),
/// a count checked 70,000 entries (86 ms) that the rarer word ("saude") finds in 0.1 ms.
pub async fn rarest_first<C: ConnectionTrait>(
    db: &C,
    terms: &mut [String],
    limit: usize,
) -> Result<(), DbErr> {
    if terms.len() < 2 {
        return Ok(());
    }
    let mut sizes = Vec::with_capacity(terms.len());
    for term in terms.iter() {
        let mut sql = Sql::new(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM (SELECT 1 FROM directory_word w WHERE 1 = 1",
        );
        push_word_range(&mut sql, "w", term);
        sql.push(" LIMIT ").bind(limit as i64).push(") counted");
        sizes.push((sql.count(db).await?, term.clone()));
    }
    sizes.sort_by_key(|(n, _)| *n);
    for (slot, (_, term)) in terms.iter_mut().zip(sizes) {
        *slot = term;
    }
    Ok(())
}

/// A service at a location's weekly hours, in weekday then opening order.
pub fn openings(rows: &[schedule::Model]) -> Vec<Opening> {
    let mut out: Vec<Opening> = rows
        .iter()
        .filter_map(|r| {
            Some(Opening {
                weekday: rules::WEEKDAYS.iter().position(|(c, _, _)| *c == r.byday)? as u8,
                opens: u16::try_from(r.opens_at).ok()?,
                closes: u16::try_from(r.closes_at).ok()?,
            })
        })
        .collect();
    out.sort_by_key(|o| (o.weekday, o.opens));
    out
}

pub async fn schedules_and_phones(
    db: &impl ConnectionTrait,
    sal_ids: Vec<i32>,
) -> Result<
    (
        HashMap<i32, Vec<schedule::Model>>,
        HashMap<i32, Vec<phone::Model>>,
    ),
    DbErr,
> {
    let mut schedules: HashMap<i32, Vec<schedule::Model>> = HashMap::new();
    for s in schedule::Entity::find()
        .filter(schedule::Column::ServiceAtLocationId.is_in(sal_ids.clone()))
        .all(db)
        .await?
    {
        schedules
            .entry(s.service_at_location_id)
            .or_default()
            .push(s);
    }
    let mut phones: HashMap<i32, Vec<phone::Model>> = HashMap::new();
    for p in phone::Entity::find()
        .filter(phone::Column::ServiceAtLocationId.is_in(sal_ids))
        .order_by_asc(phone::Column::Id)
        .all(db)
        .await?
    {
        phones.entry(p.service_at_location_id).or_default().push(p);
    }
    Ok((schedules, phones))
}

/// The week as the listing keeps it: "weekday opens closes" per opening, `;` between.
pub fn hours_text(week: &[Opening]) -> String {
    week.iter()
        .map(|o| format!("{} {} {}", o.weekday, o.opens, o.closes))
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads `hours_text` back; a malformed piece (never written) is left out.
pub fn hours_of(text: &str) -> Vec<Opening> {
    text.split(';')
        .filter_map(|piece| {
            let mut parts = piece.split(' ').map(str::parse::<u16>);
            let weekday = u8::try_from(parts.next()?.ok()?).ok()?;
            Some(Opening {
                weekday,
                opens: parts.next()?.ok()?,
                closes: parts.next()?.ok()?,
            })
        })
        .collect()
}

#[derive(Debug, FromQueryResult)]
struct Source {
    sal_id: i32,
    service_id: i32,
    name: String,
    search_text: String,
    organization: String,
    organization_kind: String,
    area: String,
    address_1: String,
    city: String,
    uf: String,
    ibge_municipality: String,
    latitude: f64,
    longitude: f64,
}

/// Reads the active entries `condition` picks ("sal.id IN (…)" or "s.id = …") and writes
/// their listing and word rows.
async fn write_rows<C: ConnectionTrait>(db: &C, condition: Sql) -> Result<usize, DbErr> {
    let backend = db.get_database_backend();
    let mut select = Sql::new(
        backend,
        "SELECT sal.id AS sal_id, s.id AS service_id, s.name AS name, \
         s.search_text AS search_text, o.name AS organization, o.kind AS organization_kind, \
         s.area AS area, l.address1 AS address_1, l.city AS city, l.uf AS uf, \
         l.ibge_municipality AS ibge_municipality, l.latitude AS latitude, \
         l.longitude AS longitude \
         FROM service_at_location sal \
         JOIN service s ON s.id = sal.service_id \
         JOIN location l ON l.id = sal.location_id \
         JOIN organization o ON o.id = s.organization_id \
         WHERE s.status = ",
    );
    select.bind("active").push(" AND ");
    select.append(condition);
    let rows = Source::find_by_statement(select.statement())
        .all(db)
        .await?;
    let (schedules, phones) =
        schedules_and_phones(db, rows.iter().map(|r| r.sal_id).collect()).await?;
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut insert = Sql::new(
            backend,
            "INSERT INTO directory_listing (sal_id, service_id, name, organization, \
             organization_kind, area, address1, city, uf, ibge_municipality, sort_name, \
             latitude, longitude, lon_cell, phone, hours) VALUES ",
        );
        for (n, r) in chunk.iter().enumerate() {
            insert.push(if n == 0 { "(" } else { ", (" });
            insert
                .bind(r.sal_id)
                .push(", ")
                .bind(r.service_id)
                .push(", ");
            insert.bind(r.name.clone()).push(", ");
            insert.bind(r.organization.clone()).push(", ");
            insert.bind(r.organization_kind.clone()).push(", ");
            insert.bind(r.area.clone()).push(", ");
            insert.bind(r.address_1.clone()).push(", ");
            insert
                .bind(r.city.clone())
                .push(", ")
                .bind(r.uf.clone())
                .push(", ");
            insert.bind(r.ibge_municipality.clone()).push(", ");
            let sort: String = fold(&r.name).chars().take(SORT_LEN).collect();
            insert.bind(sort).push(", ");
            insert
                .bind(r.latitude)
                .push(", ")
                .bind(r.longitude)
                .push(", ");
            insert.bind(rules::lon_cell(r.longitude)).push(", ");
            let phone = phones
                .get(&r.sal_id)
                .and_then(|p| p.first())
                .map(|p| p.number.clone());
            insert.bind(phone).push(", ");
            let week = openings(schedules.get(&r.sal_id).map(Vec::as_slice).unwrap_or(&[]));
            insert.bind(hours_text(&week)).push(")");
        }
        db.execute_raw(insert.statement()).await?;
    }
    let words: Vec<(String, &Source)> = rows
        .iter()
        .flat_map(|r| words_of(&r.search_text).into_iter().map(move |w| (w, r)))
        .collect();
    for chunk in words.chunks(ROWS_PER_INSERT * 2) {
        let mut insert = Sql::new(
            backend,
            "INSERT INTO directory_word (word, area, ibge_municipality, sal_id) VALUES ",
        );
        for (n, (word, r)) in chunk.iter().enumerate() {
            insert.push(if n == 0 { "(" } else { ", (" });
            insert
                .bind(word.clone())
                .push(", ")
                .bind(r.area.clone())
                .push(", ");
            insert.bind(r.ibge_municipality.clone()).push(", ");
            insert.bind(r.sal_id).push(")");
        }
        db.execute_raw(insert.statement()).await?;
    }
    Ok(rows.len())
}

/// Rewrites the search rows of one service (all its locations) after it was created, edited,
/// moved or made inactive. Call it inside the transaction that changed the service.
pub async fn index_service<C: ConnectionTrait>(db: &C, service_id: i32) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let mut words = Sql::new(
        backend,
        "DELETE FROM directory_word WHERE sal_id IN \
         (SELECT sal_id FROM directory_listing WHERE service_id = ",
    );
    words.bind(service_id).push(")");
    db.execute_raw(words.statement()).await?;
    let mut listing = Sql::new(backend, "DELETE FROM directory_listing WHERE service_id = ");
    listing.bind(service_id);
    db.execute_raw(listing.statement()).await?;
    let mut condition = Sql::new(backend, "s.id = ");
    condition.bind(service_id);
    write_rows(db, condition).await?;
    Ok(())
}

/// Writes the search rows of every active entry that has none, 500 per transaction; returns
/// how many. A no-op (one indexed query) once every entry is there.
pub async fn fill_missing(db: &DatabaseConnection) -> Result<u64, WebError> {
    let backend = db.get_database_backend();
    let mut done = 0;
    loop {
        let mut missing = Sql::new(
            backend,
            "SELECT sal.id AS id FROM service_at_location sal \
             JOIN service s ON s.id = sal.service_id WHERE s.status = ",
        );
        missing.bind("active").push(
            " AND NOT EXISTS (SELECT 1 FROM directory_listing d WHERE d.sal_id = sal.id) \
             ORDER BY sal.id LIMIT 500",
        );
        let ids: Vec<i32> = db
            .query_all_raw(missing.statement())
            .await?
            .into_iter()
            .map(|r| r.try_get("", "id"))
            .collect::<Result<_, DbErr>>()?;
        if ids.is_empty() {
            return Ok(done);
        }
        let mut condition = Sql::new(backend, "sal.id IN ");
        condition.bind_list(ids);
        let txn = db.begin_write().await?;
        let written = write_rows(&txn, condition).await?;
        txn.commit().await?;
        if written == 0 {
            // The entries went inactive in between: nothing more this round can fill.
            return Ok(done);
        }
        done += written as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_split_and_unique() {
        assert_eq!(
            words_of("Defensoria Pública – Núcleo de Execução Penal, defensoria"),
            ["defensoria", "publica", "nucleo", "de", "execucao", "penal"]
        );
        assert!(words_of(" – ").is_empty());
    }

    #[test]
    fn hours_survive_the_listing() {
        let week = vec![
            Opening {
                weekday: 0,
                opens: 480,
                closes: 1020,
            },
            Opening {
                weekday: 5,
                opens: 480,
                closes: 720,
            },
        ];
        assert_eq!(hours_text(&week), "0 480 1020;5 480 720");
        assert_eq!(hours_of(&hours_text(&week)), week);
        assert!(hours_of("").is_empty());
    }

    #[test]
    fn a_prefix_range_holds_exactly_the_words_that_start_with_the_term() {
        assert_eq!(prefix_upper_bound("caps").as_deref(), Some("capt"));
        assert_eq!(prefix_upper_bound("luz").as_deref(), Some("lv"));
        assert_eq!(prefix_upper_bound("a9").as_deref(), Some("aa"));
        assert_eq!(prefix_upper_bound("zz"), None);
        let words = [
            "cap", "caps", "capsad", "capt", "capsz", "cbps", "luz", "luzes", "lv",
        ];
        for term in ["caps", "luz", "ca", "zz"] {
            let upper = prefix_upper_bound(term);
            for w in words {
                let in_range = w >= term && upper.as_deref().is_none_or(|u| w < u);
                assert_eq!(in_range, w.starts_with(term), "{term} / {w}");
            }
        }
    }
}
