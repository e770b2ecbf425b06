//! Job search language rules, pure: how text becomes index terms, how a typed query becomes
//! what it may match (the same word, its inflections, one typo, related trades). The index
//! that applies them lives in `server::search`.

pub mod related;
pub mod stem;

pub use related::{Expansion, related};
pub use stem::{is_stop_word, stem};

/// The index terms of a folded text (`text::fold`): each word's stem, stop words dropped.
pub fn analyze(folded: &str) -> impl Iterator<Item = String> + '_ {
    folded
        .split(' ')
        .filter(|w| !w.is_empty() && !is_stop_word(w))
        .map(stem)
}

/// The pseudo-term that stands for a CBO family (`cbo:7152`) in a vacancy's title terms.
pub fn family_term(family: &str) -> String {
    format!("cbo:{family}")
}

/// One word of a query: as typed (folded) and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    pub folded: String,
    pub stem: String,
}

impl QueryWord {
    /// Words this long may carry one typo ("eletrisista").
    pub const TYPO_MIN_LEN: usize = 5;
    /// Words this long also match as the start of a longer word ("manut" → "manutencao").
    pub const PREFIX_MIN_LEN: usize = 4;

    pub fn may_have_typo(&self) -> bool {
        self.folded.len() >= Self::TYPO_MIN_LEN
    }
}

/// The words of a query (already folded and split by `text::search_terms`), without stop
/// words. A query of stop words only ("de") is no query: every vacancy matches.
pub fn query_words(terms: &[String]) -> Vec<QueryWord> {
    terms
        .iter()
        .filter(|t| !is_stop_word(t))
        .map(|t| QueryWord {
            folded: t.clone(),
            stem: stem(t),
        })
        .collect()
}

/// At most one edit apart (one letter added, removed, changed, or two neighbours swapped).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match la.cmp(&lb) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Less => ra == &rb[1..],
        std::cmp::Ordering::Greater => &ra[1..] == rb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analysis_drops_stop_words_and_stems() {
        let terms: Vec<String> = analyze("auxiliar de cozinha cozinheiras").collect();
        assert_eq!(terms, vec!["auxiliar", "cozinho", "cozinheiro"]);
    }

    #[test]
    fn query_words_keep_the_typed_form() {
        let words = query_words(&["pedreira".into(), "de".into(), "obras".into()]);
        assert_eq!(words.len(), 2);
        assert_eq!(words[0].stem, "pedreiro");
        assert_eq!(words[0].folded, "pedreira");
        assert_eq!(words[1].stem, "obro");
        assert!(query_words(&["de".into()]).is_empty());
    }

    #[test]
    fn one_edit_at_most() {
        assert!(within_one_edit("eletrisista", "eletricista"));
        assert!(within_one_edit("pedreiro", "pedreiro"));
        assert!(within_one_edit("pedrero", "pedreiro"));
        assert!(within_one_edit("pedreirro", "pedreiro"));
        assert!(within_one_edit("cozinhiero", "cozinheiro"));
        assert!(!within_one_edit("cozinheiro", "cozinho"));
        assert!(!within_one_edit("padeiro", "pedreiro"));
        assert!(!within_one_edit("abc", "cba"));
        assert!(within_one_edit("", "a"));
    }
}
