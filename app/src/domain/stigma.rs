//! Anti-stigma work (Metodologia de Enfrentamento ao Estigma, CNJ 2023; domain.md): the kinds
//! of stigma and where an episode happened, as the team records them.

pub const KINDS: [(&str, &str); 3] = [
    (
        "experimentado",
        "Experimentado: a pessoa foi tratada de forma diferente",
    ),
    (
        "antecipado",
        "Antecipado: a pessoa deixou de fazer algo por medo de ser tratada mal",
    ),
    (
        "internalizado",
        "Internalizado: a pessoa passou a acreditar no rótulo",
    ),
];

pub const SETTINGS: [(&str, &str); 6] = [
    ("trabalho", "Trabalho ou busca de emprego"),
    ("saude", "Serviço de saúde"),
    ("policia", "Polícia"),
    ("familia", "Família"),
    ("comunidade", "Comunidade ou vizinhança"),
    ("outro", "Outro lugar"),
];

pub fn label(list: &[(&'static str, &'static str)], code: &str) -> &'static str {
    list.iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

/// The short name of a kind ("Experimentado"), for lists.
pub fn kind_name(code: &str) -> &'static str {
    let full = label(&KINDS, code);
    full.split(':').next().unwrap_or(full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_short_names() {
        assert_eq!(kind_name("antecipado"), "Antecipado");
        assert_eq!(label(&SETTINGS, "policia"), "Polícia");
        assert_eq!(kind_name("x"), "—");
    }
}
