//! When appointment reminders go out. By default 24 h and 2 h before (configurable with
//! `ESV_LEMBRETES_HORAS`): the day before to plan the trip, and two hours before to leave home
//! in time.

/// The default offsets, in hours before the appointment.
pub const DEFAULT_HOURS: &[i64] = &[24, 2];

/// `"24,2"` → offsets in seconds, largest first, without repeats. Each must be a whole number
/// of hours from 1 to 168 (a week).
pub fn parse_hours(text: &str) -> Result<Vec<i64>, String> {
    let mut hours = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.parse::<i64>() {
            Ok(h) if (1..=168).contains(&h) => hours.push(h),
            _ => return Err(format!("'{part}' is not a number of hours from 1 to 168")),
        }
    }
    if hours.is_empty() {
        return Err("give at least one number of hours, such as 24,2".into());
    }
    hours.sort_unstable_by(|a, b| b.cmp(a));
    hours.dedup();
    Ok(hours.into_iter().map(|h| h * 3600).collect())
}

/// The reminders to plan for an appointment at `starts_at`, decided at `now`: `(offset, due)`
/// for each offset whose moment is still ahead. A reminder whose moment has passed is
/// skipped — a meeting marked for this afternoon gets no "tomorrow" reminder.
pub fn plan(offsets: &[i64], starts_at: i64, now: i64) -> Vec<(i64, i64)> {
    offsets
        .iter()
        .map(|&o| (o, starts_at - o))
        .filter(|&(_, due)| due > now)
        .collect()
}

/// The event kind stored for a reminder `offset` seconds before: `lembrete_24h`.
pub fn kind(offset: i64) -> String {
    format!("lembrete_{}h", offset / 3600)
}

/// "1 dia e 2 horas antes", for the page that turns reminders on.
pub fn describe(offsets: &[i64]) -> String {
    let words: Vec<String> = offsets
        .iter()
        .map(|o| match o / 3600 {
            h if h % 24 == 0 && h / 24 == 1 => "1 dia".to_string(),
            h if h % 24 == 0 => format!("{} dias", h / 24),
            1 => "1 hora".to_string(),
            h => format!("{h} horas"),
        })
        .collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => format!("{last} antes"),
        Some((last, rest)) => format!("{} e {last} antes", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_described_in_plain_words() {
        assert_eq!(describe(&[24 * 3600, 2 * 3600]), "1 dia e 2 horas antes");
        assert_eq!(
            describe(&[48 * 3600, 24 * 3600, 3600]),
            "2 dias, 1 dia e 1 hora antes"
        );
        assert_eq!(describe(&[36 * 3600]), "36 horas antes");
    }

    #[test]
    fn hours_parse_sorted_and_without_repeats() {
        assert_eq!(parse_hours("2, 24,2"), Ok(vec![24 * 3600, 2 * 3600]));
        assert!(parse_hours("").is_err());
        assert!(parse_hours("0").is_err());
        assert!(parse_hours("24,abc").is_err());
        assert!(parse_hours("200").is_err());
    }

    #[test]
    fn only_reminders_still_ahead_are_planned() {
        let offsets = [24 * 3600, 2 * 3600];
        let starts = 1_000_000;
        // Two days ahead: both.
        assert_eq!(plan(&offsets, starts, starts - 48 * 3600).len(), 2);
        // Ten hours ahead: only the 2 h one.
        assert_eq!(
            plan(&offsets, starts, starts - 10 * 3600),
            vec![(2 * 3600, starts - 2 * 3600)]
        );
        // One hour ahead: none.
        assert!(plan(&offsets, starts, starts - 3600).is_empty());
    }

    #[test]
    fn kinds_name_the_hours() {
        assert_eq!(kind(24 * 3600), "lembrete_24h");
        assert_eq!(kind(2 * 3600), "lembrete_2h");
    }
}
