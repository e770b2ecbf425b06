//! Language guard. The app never writes, and never lets anyone publish, words that stigmatise
//! people who were in prison (Metodologia de Enfrentamento ao Estigma, CNJ 2023; Res. CNJ
//! 307/2019). The list of terms is data (table `language_term`, managed at /admin/linguagem);
//! this module holds the matching rule. Matching is on folded text (accents and case do not
//! get around it), at word starts, on a stem that covers feminine and plural forms.

use super::text::fold;

/// One stigmatising term: how it is matched, how it is named, and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// `stem(term)`: folded, without the final -s and vowel ("ex presidiari").
    pub pattern: String,
    pub shown: String,
    pub suggestion: String,
}

/// The stem a term is matched on: folded text without a plural -s and a final vowel, so
/// "ex-presidiário" also finds "ex-presidiárias".
pub fn stem(term: &str) -> String {
    let mut s = fold(term);
    if s.len() > 4 && s.ends_with('s') {
        s.pop();
    }
    if s.len() > 4 && s.ends_with(['a', 'e', 'o']) {
        s.pop();
    }
    s
}

/// The active terms, checked together.
#[derive(Clone, Debug, Default)]
pub struct Guard {
    terms: Vec<Term>,
}

impl Guard {
    pub fn new(terms: Vec<Term>) -> Self {
        Guard { terms }
    }

    /// The first stigmatising term found in `text`.
    pub fn check(&self, text: &str) -> Option<&Term> {
        let folded = format!(" {} ", fold(text));
        self.terms
            .iter()
            .filter(|t| !t.pattern.is_empty())
            .find(|t| folded.contains(&format!(" {}", t.pattern)))
    }
}

/// What the writer reads beside the field: the word, why, and the respectful term.
pub fn message(term: &Term) -> String {
    if term.suggestion.is_empty() {
        format!(
            "O texto usa “{}”, palavra que estigmatiza pessoas. Escreva sem ela.",
            term.shown
        )
    } else {
        format!(
            "O texto usa “{}”, palavra que estigmatiza pessoas. Escreva “{}”.",
            term.shown, term.suggestion
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> Guard {
        Guard::new(
            [
                ("ex-presidiário", "pessoa egressa"),
                ("ex-detento", "pessoa egressa"),
                ("bandido", ""),
                ("apenado", "pessoa privada de liberdade"),
            ]
            .iter()
            .map(|(t, s)| Term {
                pattern: stem(t),
                shown: t.to_string(),
                suggestion: s.to_string(),
            })
            .collect(),
        )
    }

    #[test]
    fn stems_cover_feminine_and_plural() {
        assert_eq!(stem("Ex-presidiário"), "ex presidiari");
        assert_eq!(stem("apenados"), "apenad");
        assert_eq!(stem("bandida"), "bandid");
        // Short words keep their letters.
        assert_eq!(stem("réu"), "reu");
    }

    #[test]
    fn finds_stigmatising_words_whatever_the_spelling() {
        let g = guard();
        let shown = |t: &str| g.check(t).map(|t| t.shown.clone());
        assert_eq!(
            shown("Aceitamos EX-PRESIDIÁRIOS"),
            Some("ex-presidiário".into())
        );
        assert_eq!(shown("vaga para ex detentas"), Some("ex-detento".into()));
        assert_eq!(shown("Nada de Bandidos"), Some("bandido".into()));
        assert_eq!(shown("Pedreiro com experiência em obras"), None);
        // Word starts only: "trapenado" is not "apenado".
        assert_eq!(shown("trapenado"), None);
    }

    #[test]
    fn the_message_proposes_the_respectful_term() {
        let g = guard();
        let term = g.check("Mora com um apenado").expect("found");
        assert_eq!(
            message(term),
            "O texto usa “apenado”, palavra que estigmatiza pessoas. Escreva “pessoa privada de liberdade”."
        );
        let term = g.check("bandido").expect("found");
        assert!(message(term).ends_with("Escreva sem ela."));
        assert!(Guard::default().check("ex-presidiário").is_none());
    }
}
