//! Related words as data (`related.txt`): the area for the trades in it ("cozinha" →
//! cozinheiro, auxiliar de cozinha), synonyms used in job ads ("limpeza" → serviços gerais,
//! zelador) and CBO 2002 families. Parsed once; a line that does not parse is a bug caught by
//! the unit test below, never at a user's request.

use super::{analyze, family_term};
use crate::domain::text::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a related word may also match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expansion {
    /// Every one of these stems in the vacancy's title ("auxiliar de limpeza").
    Words(Vec<String>),
    /// A CBO family's pseudo-term (`family_term`).
    Family(String),
}

pub struct Related {
    by_stem: HashMap<String, Vec<Expansion>>,
}

impl Related {
    pub fn parse(text: &str) -> Result<Related, String> {
        let mut by_stem: HashMap<String, Vec<Expansion>> = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (left, right) = line
                .split_once('=')
                .ok_or_else(|| format!("line {}: no '='", n + 1))?;
            let mut expansions = Vec::new();
            for item in right.split('|').map(str::trim) {
                if let Some(family) = item.strip_prefix("cbo:") {
                    if family.len() != 4 || !family.bytes().all(|b| b.is_ascii_digit()) {
                        return Err(format!("line {}: bad CBO family {item}", n + 1));
                    }
                    expansions.push(Expansion::Family(family_term(family)));
                } else {
                    let words: Vec<String> = analyze(&fold(item)).collect();
                    if words.is_empty() {
                        return Err(format!("line {}: empty expansion", n + 1));
                    }
                    expansions.push(Expansion::Words(words));
                }
            }
            for word in left.split(',').map(|w| fold(w.trim())) {
                if word.is_empty() || word.contains(' ') {
                    return Err(format!("line {}: '{word}' is not one word", n + 1));
                }
                let entry = by_stem.entry(super::stem(&word)).or_default();
                for e in &expansions {
                    if !entry.contains(e) {
                        entry.push(e.clone());
                    }
                }
            }
        }
        Ok(Related { by_stem })
    }

    /// What a query word's stem also matches (empty when it has no related words).
    pub fn of(&self, stem: &str) -> &[Expansion] {
        self.by_stem.get(stem).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The list shipped with the app.
pub fn related() -> &'static Related {
    static RELATED: OnceLock<Related> = OnceLock::new();
    RELATED.get_or_init(|| {
        // The unit test parses the same text: a bad line never reaches a running server.
        Related::parse(include_str!("related.txt")).unwrap_or(Related {
            by_stem: HashMap::new(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::stem;

    #[test]
    fn the_shipped_list_parses() {
        let list = Related::parse(include_str!("related.txt")).expect("related.txt parses");
        assert!(list.by_stem.len() > 100, "{}", list.by_stem.len());
    }

    #[test]
    fn areas_reach_their_trades() {
        let r = related();
        let cozinha = r.of(&stem("cozinha"));
        assert!(cozinha.contains(&Expansion::Words(vec![stem("cozinheiro")])));
        assert!(cozinha.contains(&Expansion::Words(vec!["auxiliar".into(), stem("cozinha")])));
        let limpeza = r.of(&stem("limpeza"));
        assert!(limpeza.contains(&Expansion::Words(vec![stem("servicos"), stem("gerais")])));
        assert!(limpeza.contains(&Expansion::Family("cbo:5143".into())));
        assert!(r.of(&stem("astronauta")).is_empty());
    }

    #[test]
    fn bad_lines_are_refused() {
        assert!(Related::parse("limpeza zelador").is_err());
        assert!(Related::parse("limpeza = cbo:51").is_err());
        assert!(Related::parse("servicos gerais = zelador").is_err());
        assert!(Related::parse("limpeza = de").is_err());
    }
}
