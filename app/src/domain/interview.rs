//! Acolhimento and entrevista (domain.md, "How attendance works"): a structured record per
//! service area (situation, demands, emergency) and the civil documents checklist.

/// The typical documents checklist of domain.md, in the order people usually get them.
pub const DOCUMENTS: [(&str, &str); 9] = [
    ("certidao", "Certidão de nascimento ou casamento"),
    ("rg_cin", "RG ou Carteira de Identidade Nacional (CIN)"),
    ("cpf", "CPF"),
    ("titulo", "Título de eleitor"),
    ("ctps", "Carteira de Trabalho Digital (CTPS)"),
    ("reservista", "Certificado de reservista"),
    ("sus", "Cartão SUS"),
    ("residencia", "Comprovante de residência"),
    ("conta", "Conta bancária"),
];

pub const DOCUMENT_STATUSES: [(&str, &str); 4] = [
    ("tem", "Tem"),
    ("providenciando", "Pedido em andamento"),
    ("nao_tem", "Não tem"),
    ("nao_se_aplica", "Não se aplica"),
];

/// The documents still missing, in checklist order: asked and not had, or being requested.
pub fn missing<'a>(statuses: impl Fn(&str) -> Option<&'a str>) -> Vec<&'static str> {
    DOCUMENTS
        .iter()
        .filter(|(code, _)| matches!(statuses(code), Some("nao_tem" | "providenciando")))
        .map(|(_, label)| *label)
        .collect()
}

/// Limits of the free texts of one area (a few paragraphs, not a file).
pub const AREA_TEXT_MAX: usize = 2000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_lists_only_documents_asked_and_not_had() {
        let recorded = [
            ("cpf", "tem"),
            ("rg_cin", "nao_tem"),
            ("ctps", "providenciando"),
        ];
        let found = missing(|code| recorded.iter().find(|(c, _)| *c == code).map(|(_, s)| *s));
        assert_eq!(
            found,
            vec![
                "RG ou Carteira de Identidade Nacional (CIN)",
                "Carteira de Trabalho Digital (CTPS)"
            ]
        );
    }

    #[test]
    fn codes_are_unique_and_fit_their_columns() {
        for list in [&DOCUMENTS[..], &DOCUMENT_STATUSES[..]] {
            for (i, (code, _)) in list.iter().enumerate() {
                assert!(code.len() <= 20);
                assert!(list[i + 1..].iter().all(|(c, _)| c != code));
            }
        }
    }
}
