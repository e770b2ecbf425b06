//! Language guard. The app never writes, and never lets anyone publish, words that stigmatise
//! people who were in prison (Metodologia de Enfrentamento ao Estigma, CNJ 2023; Res. CNJ
//! 307/2019). Matching is on folded text, so accents and case do not get around it.

use super::text::fold;

/// Folded forms (see `text::fold`) of the terms refused, with how they are shown.
const STIGMATISING: [(&str, &str); 8] = [
    ("ex presidiari", "ex-presidiário"),
    ("expresidiari", "ex-presidiário"),
    ("ex detent", "ex-detento"),
    ("ex condenad", "ex-condenado"),
    ("ex presidi", "ex-presidiário"),
    ("bandid", "bandido"),
    ("apenad", "apenado"),
    ("vagabund", "vagabundo"),
];

/// The first stigmatising term found in `text`, as it should be named to the writer.
pub fn stigmatising_term(text: &str) -> Option<&'static str> {
    let folded = format!(" {} ", fold(text));
    STIGMATISING
        .iter()
        .find(|(needle, _)| folded.contains(&format!(" {needle}")))
        .map(|(_, shown)| *shown)
}

pub fn message(term: &str) -> String {
    format!("O texto usa “{term}”, palavra que estigmatiza pessoas. Escreva sem ela.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_stigmatising_words_whatever_the_spelling() {
        assert_eq!(
            stigmatising_term("Aceitamos EX-PRESIDIÁRIOS"),
            Some("ex-presidiário")
        );
        assert_eq!(
            stigmatising_term("vaga para ex detentas"),
            Some("ex-detento")
        );
        assert_eq!(stigmatising_term("Nada de Bandidos"), Some("bandido"));
        assert_eq!(stigmatising_term("Pedreiro com experiência em obras"), None);
        // "Marginal" is also a São Paulo highway: not on the list. Word starts only.
        assert_eq!(stigmatising_term("Perto da Marginal Tietê"), None);
        assert_eq!(stigmatising_term("trapenado"), None);
    }
}
