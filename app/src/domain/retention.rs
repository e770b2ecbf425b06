//! Retention after a hire (domain.md, anti-stigma: "retention check-ins after a hire"): the
//! team talks with the person 30, 90 and 180 days after the start, when job loss is likeliest.

use super::dates::{end_of_day_from_iso, iso_date};

/// Days after the first day of work when the team checks in.
pub const CHECK_IN_DAYS: [i32; 3] = [30, 90, 180];

/// How many days before its date a check-in shows on the dashboard.
pub const SHOW_BEFORE_DAYS: i64 = 7;

/// The check-in dates for a job that started on `start` (`AAAA-MM-DD`): (mark, date).
pub fn check_in_dates(start: &str) -> Option<Vec<(i32, String)>> {
    let t = end_of_day_from_iso(start)?;
    Some(
        CHECK_IN_DAYS
            .iter()
            .map(|d| (*d, iso_date(t + i64::from(*d) * 86_400)))
            .collect(),
    )
}

/// What the person answers when a check-in comes up, from their phone: (code, words shown).
/// The team still talks with them; the answer says who needs that talk first.
pub const ANSWERS: [(&str, &str); 3] = [
    ("bem", "Está tudo bem"),
    ("dificil", "Está difícil. Quero conversar com a equipe"),
    ("saiu", "Não trabalho mais lá"),
];

/// The words for an answer's code.
pub fn answer_label(code: &str) -> Option<&'static str> {
    ANSWERS.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// Shown on the dashboard: from a week before its date, and every day after until done.
pub fn is_due(due: &str, today: &str) -> bool {
    shown_until(today).is_some_and(|last| due <= last.as_str())
}

/// The last due date (ISO) the dashboard shows today: a week ahead.
pub fn shown_until(today: &str) -> Option<String> {
    end_of_day_from_iso(today).map(|t| iso_date(t + SHOW_BEFORE_DAYS * 86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_ins_fall_30_90_and_180_days_after_the_start() {
        assert_eq!(
            check_in_dates("2026-11-25"),
            Some(vec![
                (30, "2026-12-25".to_string()),
                (90, "2027-02-23".to_string()),
                (180, "2027-05-24".to_string()),
            ])
        );
        // Across February of a leap year.
        assert_eq!(
            check_in_dates("2028-01-31").map(|v| v[0].1.clone()),
            Some("2028-03-01".to_string())
        );
        assert_eq!(check_in_dates("31/12/2026"), None);
    }

    #[test]
    fn a_check_in_shows_a_week_ahead_and_stays_until_done() {
        assert!(is_due("2026-12-02", "2026-11-25"));
        assert!(!is_due("2026-12-03", "2026-11-25"));
        assert!(is_due("2026-10-01", "2026-11-25"));
    }
}
