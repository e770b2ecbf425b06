//! Monitoring (domain.md, "Monitoring"; Res. CNJ 307/2019 asks for data "com recorte de raça e
//! gênero"): the reporting period, the published categories people are counted in (age bands,
//! gender groups, first-contact sources) and the small-cell protection of every published table.

pub mod indicators;
pub mod period;
pub mod suppress;

pub use period::{Period, PeriodError, PeriodQuery};

use super::text::fold;

/// How the person first reached the office (domain.md: spontaneous, prison unit, court, RAESP
/// partner, app).
pub const FIRST_CONTACTS: [(&str, &str); 5] = [
    ("espontanea", "Procurou por conta própria"),
    ("unidade_prisional", "Unidade prisional"),
    ("judiciario", "Poder Judiciário (vara ou audiência)"),
    ("raesp", "Organização parceira (RAESP)"),
    ("app", "Aplicativo ou internet"),
];

/// The published gender categories. Gender identity is typed by the person in their own words
/// (no list imposed at registration); monitoring groups those words into these.
pub const GENDER_GROUPS: [(&str, &str); 7] = [
    ("mulher", "Mulher"),
    ("homem", "Homem"),
    ("mulher_trans", "Mulher trans ou travesti"),
    ("homem_trans", "Homem trans"),
    ("nao_binaria", "Pessoa não binária"),
    ("outra", "Outra identidade"),
    ("nao_informada", "Não informada"),
];

/// The group of a self-described gender identity. Unknown words are "outra", never guessed.
pub fn gender_group(typed: &str) -> &'static str {
    let folded = fold(typed);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    let starts = |p: &str| words.iter().any(|w| w.starts_with(p));
    if words.is_empty() {
        return "nao_informada";
    }
    let trans = starts("trans") || has("travesti");
    let woman = has("mulher") || starts("femin") || has("f") || has("travesti");
    let man = has("homem") || starts("mascul") || has("m");
    if (has("nao") && starts("binari")) || has("nb") || starts("naobinari") || starts("agener") {
        return "nao_binaria";
    }
    if starts("fluid") || has("queer") {
        return "outra";
    }
    match (trans, woman, man) {
        (true, true, false) => "mulher_trans",
        (true, false, true) => "homem_trans",
        (false, true, false) => "mulher",
        (false, false, true) => "homem",
        _ => "outra",
    }
}

/// Age bands, youngest first, with the lowest age of each (at the end of the period).
pub const AGE_BANDS: [(&str, &str, u32); 8] = [
    ("ate_17", "Até 17 anos", 0),
    ("18_24", "18 a 24 anos", 18),
    ("25_29", "25 a 29 anos", 25),
    ("30_39", "30 a 39 anos", 30),
    ("40_49", "40 a 49 anos", 40),
    ("50_59", "50 a 59 anos", 50),
    ("60_mais", "60 anos ou mais", 60),
    ("nao_informada", "Idade não informada", 0),
];

/// For each band from the oldest down (except the youngest), the latest birth date (ISO) of
/// someone at least that old on `at`: `birth <= threshold` means "in this band or older". ISO
/// dates compare as text, so the same comparison runs in SQLite and PostgreSQL.
pub fn age_thresholds(at: &str) -> Vec<(&'static str, String)> {
    let Some((y, m, d)) = period::parse_iso(at) else {
        return Vec::new();
    };
    AGE_BANDS[1..7]
        .iter()
        .rev()
        .map(|(code, _, years)| {
            let year = y - i64::from(*years);
            // Years end on the day of the same number, or the next day when the month has no
            // such day (Código Civil art. 132 §3º): born on 29 February, a year older on
            // 1 March of a common year. Clamping the threshold day gives exactly that.
            let day = d.min(period::days_in_month(year, m));
            (*code, format!("{year:04}-{m:02}-{day:02}"))
        })
        .collect()
}

/// The band of someone born on `birth` (ISO), on `at` (ISO): the rule the SQL applies.
pub fn age_band(birth: Option<&str>, at: &str) -> &'static str {
    let Some(birth) = birth.filter(|b| period::parse_iso(b).is_some()) else {
        return "nao_informada";
    };
    age_thresholds(at)
        .into_iter()
        .find(|(_, threshold)| birth <= threshold.as_str())
        .map(|(code, _)| code)
        .unwrap_or("ate_17")
}

/// `1234,5` — pt-BR decimals (comma) with one decimal place, for averages and rates.
pub fn decimal_br(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gender_words_are_grouped_without_guessing() {
        assert_eq!(gender_group("Mulher"), "mulher");
        assert_eq!(gender_group("mulher cis"), "mulher");
        assert_eq!(gender_group("FEMININO"), "mulher");
        assert_eq!(gender_group("Homem"), "homem");
        assert_eq!(gender_group("masculino"), "homem");
        assert_eq!(gender_group("Mulher trans"), "mulher_trans");
        assert_eq!(gender_group("travesti"), "mulher_trans");
        assert_eq!(gender_group("Homem transexual"), "homem_trans");
        assert_eq!(gender_group("Não binárie"), "nao_binaria");
        assert_eq!(gender_group("não-binária"), "nao_binaria");
        assert_eq!(gender_group("gênero fluido"), "outra");
        assert_eq!(gender_group("prefiro não dizer agora"), "outra");
        assert_eq!(gender_group("  "), "nao_informada");
        // Both words: not guessed.
        assert_eq!(gender_group("homem e mulher"), "outra");
    }

    #[test]
    fn age_is_counted_to_the_birthday() {
        let at = "2026-12-31";
        assert_eq!(age_band(Some("2008-12-31"), at), "18_24");
        assert_eq!(age_band(Some("2009-01-01"), at), "ate_17");
        assert_eq!(age_band(Some("2001-12-31"), at), "25_29");
        assert_eq!(age_band(Some("2002-01-01"), at), "18_24");
        assert_eq!(age_band(Some("1966-12-31"), at), "60_mais");
        assert_eq!(age_band(Some("1967-01-01"), at), "50_59");
        assert_eq!(age_band(None, at), "nao_informada");
        assert_eq!(age_band(Some("31/12/1990"), at), "nao_informada");
        // Born on 29 February: 18 on 1 March of a common year (Código Civil art. 132 §3º).
        assert_eq!(age_band(Some("2008-02-29"), "2026-03-01"), "18_24");
        assert_eq!(age_band(Some("2008-02-29"), "2026-02-28"), "ate_17");
        // Born on 28 February: 18 on 28 February, also of a leap year.
        assert_eq!(age_band(Some("2010-02-28"), "2028-02-28"), "18_24");
        assert_eq!(age_band(Some("2010-03-01"), "2028-02-29"), "ate_17");
    }

    #[test]
    fn decimals_are_written_the_brazilian_way() {
        assert_eq!(decimal_br(2.26), "2,3");
        assert_eq!(decimal_br(3.0), "3,0");
    }
}
