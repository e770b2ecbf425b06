//! Whom a service is for and what kind of service it is: two taxonomies kept as data in
//! `reference/taxonomias/` (HSDS 3 taxonomy terms), read once.

use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub code: String,
    pub name: String,
    pub description: String,
}

/// The taxonomies, by the code stored with each service.
pub const FOR_WHOM: &str = "para_quem";
pub const KIND: &str = "tipo";

const FOR_WHOM_CSV: &str = include_str!("../../../reference/taxonomias/para-quem.csv");
const KIND_CSV: &str = include_str!("../../../reference/taxonomias/tipos-de-servico.csv");

/// Reads the `code,name,description` rows after the header.
fn parse(csv: &str) -> Vec<Term> {
    super::text::csv_rows(csv)
        .into_iter()
        .skip(1)
        .filter_map(|(_, fields)| {
            let [code, name, description] = <[String; 3]>::try_from(fields).ok()?;
            Some(Term {
                code,
                name,
                description,
            })
        })
        .collect()
}

pub fn for_whom() -> &'static [Term] {
    static TERMS: OnceLock<Vec<Term>> = OnceLock::new();
    TERMS.get_or_init(|| parse(FOR_WHOM_CSV))
}

pub fn kinds() -> &'static [Term] {
    static TERMS: OnceLock<Vec<Term>> = OnceLock::new();
    TERMS.get_or_init(|| parse(KIND_CSV))
}

/// The terms of a taxonomy by its code (`FOR_WHOM`, `KIND`).
pub fn terms(taxonomy: &str) -> &'static [Term] {
    match taxonomy {
        FOR_WHOM => for_whom(),
        KIND => kinds(),
        _ => &[],
    }
}

pub fn find(taxonomy: &str, code: &str) -> Option<&'static Term> {
    terms(taxonomy).iter().find(|t| t.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_files_hold_the_programme_s_terms() {
        let whom: Vec<&str> = for_whom().iter().map(|t| t.code.as_str()).collect();
        for c in [
            "mulheres",
            "lgbtqia",
            "idosos",
            "migrantes",
            "pcd",
            "familias",
        ] {
            assert!(whom.contains(&c), "{c}");
        }
        let kinds: Vec<&str> = kinds().iter().map(|t| t.code.as_str()).collect();
        for c in [
            "escritorio_social",
            "conselho_comunidade",
            "patronato",
            "defensoria",
            "cras",
            "creas",
            "caps",
            "sine",
            "abrigo_mulheres",
        ] {
            assert!(kinds.contains(&c), "{c}");
        }
        // Quoted fields keep their commas.
        assert!(
            find(FOR_WHOM, "mulheres")
                .unwrap()
                .description
                .contains(", também")
        );
        assert_eq!(find(KIND, "cras").unwrap().name, "CRAS");
        assert!(find(KIND, "nada").is_none());
    }

    #[test]
    fn codes_are_distinct_across_the_three_taxonomies() {
        // The HSDS import tells a term's taxonomy by its code.
        let mut all: Vec<&str> = crate::domain::services::AREAS
            .iter()
            .map(|(c, _)| *c)
            .collect();
        all.extend(for_whom().iter().map(|t| t.code.as_str()));
        all.extend(kinds().iter().map(|t| t.code.as_str()));
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
