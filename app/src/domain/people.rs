//! Who a unit attends (Res. CNJ 307/2019, domain.md): categories, the pré-egresso window,
//! prison regimes, and the optional self-declared race (IBGE categories) and gender identity.

pub const CATEGORIES: [(&str, &str); 3] = [
    ("egresso", "Pessoa egressa"),
    (
        "pre_egresso",
        "Pessoa pré-egressa (ainda presa, sai em até 6 meses)",
    ),
    ("familiar", "Familiar de pessoa atendida"),
];

pub const REGIMES: [(&str, &str); 4] = [
    ("fechado", "Fechado"),
    ("semiaberto", "Semiaberto"),
    ("aberto", "Aberto"),
    ("livramento", "Livramento condicional"),
];

/// IBGE colour/race categories, self-declared; "not declared" is always an answer.
pub const RACES: [(&str, &str); 6] = [
    ("branca", "Branca"),
    ("preta", "Preta"),
    ("parda", "Parda"),
    ("amarela", "Amarela"),
    ("indigena", "Indígena"),
    ("nao_declarada", "Prefiro não dizer"),
];

/// Why race and gender are asked, shown beside the questions.
pub const WHY_RACE_AND_GENDER: &str = "Perguntamos para combater o racismo e a discriminação e publicar dados por raça e gênero (Res. CNJ 307/2019). Responder é opcional e não muda o atendimento.";

pub fn label(list: &[(&'static str, &'static str)], code: &str) -> &'static str {
    list.iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

/// Pré-egressa: still in custody, within the 6 months before the expected release (domain.md;
/// counted here as 183 days). A date in the past or further away is not the pré-egresso window.
pub fn in_pre_release_window(release: i64, now: i64) -> bool {
    release >= now - 86_400 && release <= now + 183 * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_six_month_window() {
        let now = 1_795_618_800;
        let day = 86_400;
        assert!(in_pre_release_window(now + 30 * day, now));
        assert!(in_pre_release_window(now + 183 * day, now));
        assert!(!in_pre_release_window(now + 184 * day, now));
        assert!(!in_pre_release_window(now - 2 * day, now));
        // Today (end of today in Brasília) still counts.
        assert!(in_pre_release_window(now + 12 * 3600, now));
    }

    #[test]
    fn labels() {
        assert_eq!(label(&RACES, "indigena"), "Indígena");
        assert_eq!(label(&REGIMES, "livramento"), "Livramento condicional");
        assert_eq!(label(&CATEGORIES, "x"), "—");
    }
}
