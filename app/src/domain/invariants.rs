//! What every parser of outside input promises, whatever it is given: an answer (a value,
//! or a pt-BR sentence a person can act on), never a panic; and what the app writes reads
//! back the same. Each check returns the broken promise. Shared by the property tests
//! (`properties`, where proptest draws the input) and the fuzz targets (`fuzz/`, where
//! libFuzzer draws it, guided by coverage), so both hold the parsers to the same rules.

use super::cep::Cep;
use super::cnpj::Cnpj;
use super::cpf::Cpf;
use super::{dates, ics, money, search, services, text};

/// A pt-BR message a person can act on: a whole sentence, not a code.
pub fn is_message(text: &str) -> bool {
    let first = text.chars().next();
    first.is_some_and(|c| c.is_uppercase() || c == '“' || c == '"') && text.ends_with('.')
        || text.contains("Exemplo")
}

fn message(text: &str) -> Result<(), String> {
    if is_message(text) {
        Ok(())
    } else {
        Err(format!("not a sentence for a person: {text:?}"))
    }
}

fn same<T: PartialEq + std::fmt::Debug>(what: &str, first: T, again: T) -> Result<(), String> {
    if first == again {
        Ok(())
    } else {
        Err(format!("{what}: {first:?} read back as {again:?}"))
    }
}

pub fn cpf(input: &str) -> Result<(), String> {
    match Cpf::parse(input) {
        Ok(cpf) => same(
            "CPF",
            Ok(cpf.digits().to_string()),
            Cpf::parse(&cpf.formatted()).map(|c| c.digits().to_string()),
        ),
        Err(e) => message(&e.to_string()),
    }
}

/// A CEP is read as its 8 digits (never 00…), and its written form reads back the same.
pub fn cep(input: &str) -> Result<(), String> {
    match Cep::parse(input) {
        Ok(cep) if cep.digits().len() != 8 || cep.digits().starts_with("00") => {
            Err(format!("not a CEP: {:?}", cep.digits()))
        }
        Ok(cep) => same(
            "CEP",
            Ok(cep.digits().to_string()),
            Cep::parse(&cep.formatted()).map(|c| c.digits().to_string()),
        ),
        Err(e) => message(&e.to_string()),
    }
}

pub fn cnpj(input: &str) -> Result<(), String> {
    match Cnpj::parse(input) {
        Ok(cnpj) => same(
            "CNPJ",
            Ok(cnpj.as_str().to_string()),
            Cnpj::parse(&cnpj.formatted()).map(|c| c.as_str().to_string()),
        ),
        Err(e) => message(&e.to_string()),
    }
}

/// Money as typed ("R$ 1.234,56"), and `cents` as the app writes it.
pub fn money(input: &str, cents: i64) -> Result<(), String> {
    if let Some(c) = money::parse_reais(input)
        && c < 0
    {
        return Err(format!("{input:?} read as {c} cents"));
    }
    let cents = cents.rem_euclid(100_000_000_000);
    same(
        "money in a form",
        Some(cents),
        money::parse_reais(&money::reais_for_input(cents)),
    )?;
    same(
        "money shown",
        Some(cents),
        money::parse_reais(&money::brl(cents)),
    )
}

/// A date and time as the browser sends it, and `minute` (from 1970, up to 2170) as the
/// app writes it.
pub fn dates(input: &str, minute: i64) -> Result<(), String> {
    let _ = dates::parse_local_datetime(input);
    let _ = dates::end_of_day_from_iso(input);
    let t = minute.rem_euclid(200 * 365 * 24 * 60) * 60;
    same(
        "date and time",
        Some(t),
        dates::parse_local_datetime(&dates::local_datetime(t)),
    )?;
    match dates::end_of_day_from_iso(&dates::iso_date(t)) {
        Some(end) if end >= t && end - t < 86_400 => Ok(()),
        other => Err(format!("the end of the day of {t} is {other:?}")),
    }
}

/// Opening hours ("seg-sex 08:00-17:00; sab 08:00-12:00").
pub fn opening_hours(input: &str) -> Result<(), String> {
    let _ = services::parse_hhmm(input);
    match services::parse_week(input) {
        // What was read is written back in the same notation and reads the same.
        Ok(week) => {
            let again = services::parse_week(&services::format_week(&week));
            same("opening hours", Ok(week), again)
        }
        Err(e) => message(&e),
    }
}

/// The job board's and the directory's search box.
pub fn search_query(input: &str) -> Result<(), String> {
    let terms = text::search_terms(input);
    if search::query_words(&terms)
        .iter()
        .any(|w| w.stem.is_empty())
    {
        return Err(format!("an empty stem from {input:?}"));
    }
    for term in terms.iter().take(3) {
        let _ = search::one_edit_variants(term);
    }
    let _ = search::analyze(&text::fold(input)).count();
    Ok(())
}

/// A place typed by staff goes into a calendar file: whatever it holds, it stays one
/// property (no line break, no new component) and every line stays within 75 octets.
pub fn calendar_place(place: &str) -> Result<(), String> {
    let event = ics::Event {
        id: 7,
        starts_at: 1_800_000_000,
        updated_at: 1_790_000_000,
        sequence: 0,
        cancelled: false,
        place,
    };
    let out = ics::calendar(&[event], "esv.example", "https://esv.example/inicio", 24);
    if !out.ends_with("\r\n") {
        return Err("the calendar does not end with CRLF".into());
    }
    if let Some(line) = out
        .split("\r\n")
        .find(|l| l.len() > 75 || l.contains(['\n', '\r']))
    {
        return Err(format!("a broken line: {line:?}"));
    }
    let unfolded = out.replace("\r\n ", "");
    same(
        "events",
        1,
        unfolded.matches("\r\nBEGIN:VEVENT\r\n").count(),
    )?;
    same("locations", 1, unfolded.matches("\r\nLOCATION:").count())
}
