//! Course vocabulary and the remição-by-study arithmetic shown on course pages.

pub const MODALITIES: [(&str, &str); 2] =
    [("presencial", "Presencial"), ("ead", "A distância (EAD)")];

pub const ENROLMENT_STATUSES: [(&str, &str); 4] = [
    ("solicitada", "Pedido enviado"),
    ("confirmada", "Vaga confirmada"),
    ("sem_vaga", "Sem vaga nesta turma"),
    ("cancelada", "Cancelada"),
];

pub fn label(list: &[(&'static str, &'static str)], code: &str) -> &'static str {
    list.iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

/// Hours of study that earn one day of remição: LEP (Lei 7.210/1984) art. 126 §1º I —
/// 12 hours of school attendance, spread over at least 3 days, = 1 day off the sentence.
pub const HOURS_PER_REMISSION_DAY: i32 = 12;

/// Whole days of remição a course of `hours` can earn when finished (before the +1/3 bonus for
/// completing a school level, art. 126 §5º, which depends on the person's schooling).
pub fn remission_days(hours: i32) -> i32 {
    hours.max(0) / HOURS_PER_REMISSION_DAY
}

/// The plain-language line shown on a course that counts for remição.
pub fn remission_text(hours: i32) -> String {
    match remission_days(hours) {
        0 => {
            "Conta para remição pelo estudo (12 horas de aula = 1 dia a menos de pena).".to_string()
        }
        1 => {
            "Conta para remição pelo estudo: até 1 dia a menos de pena (12 horas de aula = 1 dia)."
                .to_string()
        }
        n => format!(
            "Conta para remição pelo estudo: até {n} dias a menos de pena (12 horas de aula = 1 dia)."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_hours_make_one_day() {
        assert_eq!(remission_days(0), 0);
        assert_eq!(remission_days(11), 0);
        assert_eq!(remission_days(12), 1);
        assert_eq!(remission_days(160), 13);
        assert_eq!(remission_days(-5), 0);
        assert!(remission_text(160).contains("até 13 dias"));
        assert!(remission_text(12).contains("até 1 dia a menos"));
    }

    #[test]
    fn labels() {
        assert_eq!(label(&MODALITIES, "ead"), "A distância (EAD)");
        assert_eq!(
            label(&ENROLMENT_STATUSES, "sem_vaga"),
            "Sem vaga nesta turma"
        );
        assert_eq!(label(&ENROLMENT_STATUSES, "x"), "—");
    }
}
