//! Acompanhamento (domain.md, step 5): how each contact happened. Follow-ups go on for as long
//! as the person wants; attendance is voluntary (Res. CNJ 307/2019, art. 4).

pub const CONTACT_KINDS: [(&str, &str); 5] = [
    ("presencial", "Atendimento presencial"),
    ("telefone", "Telefone"),
    ("mensagem", "Mensagem"),
    ("visita", "Visita"),
    ("grupo", "Grupo ou oficina"),
];

pub fn contact_label(code: &str) -> &'static str {
    CONTACT_KINDS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("Contato")
}

/// A contact is recorded on the day it happened: today or before, never in the future, and
/// not more than a year back (older notes belong to the paper file).
pub fn valid_contact_day(day_iso: &str, today_iso: &str, year_ago_iso: &str) -> bool {
    day_iso <= today_iso && day_iso >= year_ago_iso
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_days_are_past_and_recent() {
        assert!(valid_contact_day("2026-11-25", "2026-11-25", "2025-11-25"));
        assert!(!valid_contact_day("2026-11-26", "2026-11-25", "2025-11-25"));
        assert!(!valid_contact_day("2025-11-24", "2026-11-25", "2025-11-25"));
        assert_eq!(contact_label("telefone"), "Telefone");
    }
}
