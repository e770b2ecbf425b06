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

/// Every word one edit away from `word` (a letter added, removed or changed, or two
/// neighbours swapped), lower-case ASCII letters only: the candidates for "one typo". For a
/// word of n letters that is about 54·n strings, each then looked up as a stem.
pub fn one_edit_variants(word: &str) -> Vec<String> {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
    let w = word.as_bytes();
    let n = w.len();
    let mut out: Vec<Vec<u8>> = Vec::with_capacity(54 * n + 26);
    for i in 0..n {
        let mut v = w.to_vec();
        v.remove(i);
        out.push(v);
        if i + 1 < n && w[i] != w[i + 1] {
            let mut v = w.to_vec();
            v.swap(i, i + 1);
            out.push(v);
        }
        for &c in LETTERS {
            if c != w[i] {
                let mut v = w.to_vec();
                v[i] = c;
                out.push(v);
            }
        }
    }
    for i in 0..=n {
        for &c in LETTERS {
            let mut v = w.to_vec();
            v.insert(i, c);
            out.push(v);
        }
    }
    out.into_iter()
        .filter_map(|v| String::from_utf8(v).ok())
        .collect()
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
    fn one_typo_is_undone() {
        let has = |typed: &str, meant: &str| one_edit_variants(typed).iter().any(|v| v == meant);
        assert!(has("eletrisista", "eletricista"), "a letter changed");
        assert!(has("pedrero", "pedreiro"), "a letter missing");
        assert!(has("cozinheiroo", "cozinheiro"), "a letter too many");
        assert!(has("motorisat", "motorista"), "two letters swapped");
        assert!(!has("padeiro", "pedreiro"), "two edits");
        assert!(!one_edit_variants("pedreiro").contains(&"pedreiro".to_string()));
    }
}
