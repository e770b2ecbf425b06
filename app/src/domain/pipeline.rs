//! A vacancy's candidate pipeline, as the company moves it: recebida → em análise → entrevista
//! → contratada | não selecionada. The person reads each state in "Minhas candidaturas"
//! (`jobs::APPLICATION_STATUSES`); "desistiu" is the person's own and ends the candidatura.

/// What the company reads for each state.
pub const COMPANY_LABELS: [(&str, &str); 6] = [
    ("enviada", "Recebida"),
    ("em_analise", "Em análise"),
    ("entrevista", "Entrevista"),
    ("contratada", "Contratada"),
    ("nao_selecionada", "Não selecionada"),
    ("desistiu", "A pessoa desistiu"),
];

/// The button that moves a candidatura to each state.
pub const ACTIONS: [(&str, &str); 4] = [
    ("em_analise", "Analisar"),
    ("entrevista", "Chamar para entrevista"),
    ("contratada", "Contratar"),
    ("nao_selecionada", "Não selecionar"),
];

/// Where a candidatura may go from `from`. Contratada, não selecionada and desistiu are final.
pub fn next(from: &str) -> &'static [&'static str] {
    match from {
        "enviada" => &["em_analise", "entrevista", "nao_selecionada"],
        "em_analise" => &["entrevista", "contratada", "nao_selecionada"],
        "entrevista" => &["contratada", "nao_selecionada"],
        _ => &[],
    }
}

pub fn can_move(from: &str, to: &str) -> bool {
    next(from).contains(&to)
}

pub fn company_label(code: &str) -> &'static str {
    COMPANY_LABELS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

pub fn action_label(code: &str) -> &'static str {
    ACTIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [&str; 6] = [
        "enviada",
        "em_analise",
        "entrevista",
        "contratada",
        "nao_selecionada",
        "desistiu",
    ];

    #[test]
    fn every_allowed_and_refused_move() {
        let allowed = [
            ("enviada", "em_analise"),
            ("enviada", "entrevista"),
            ("enviada", "nao_selecionada"),
            ("em_analise", "entrevista"),
            ("em_analise", "contratada"),
            ("em_analise", "nao_selecionada"),
            ("entrevista", "contratada"),
            ("entrevista", "nao_selecionada"),
        ];
        for from in ALL {
            for to in ALL {
                assert_eq!(
                    can_move(from, to),
                    allowed.contains(&(from, to)),
                    "{from} → {to}"
                );
            }
        }
    }

    #[test]
    fn every_next_state_has_a_button() {
        for from in ALL {
            for to in next(from) {
                assert_ne!(action_label(to), "—");
            }
        }
        assert_eq!(company_label("enviada"), "Recebida");
    }
}
