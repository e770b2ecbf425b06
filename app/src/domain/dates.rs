//! Calendar dates from Unix seconds, in Brasília time (UTC−3; Brazil has had no daylight
//! saving time since 2019, Decreto 9.772/2019). No time-zone database needed.

pub const BRASILIA_OFFSET_SECONDS: i64 = -3 * 3600;

/// (year, month, day) of a Unix time in Brasília.
pub fn civil_date(unix_seconds: i64) -> (i64, u32, u32) {
    let days = (unix_seconds + BRASILIA_OFFSET_SECONDS).div_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2026-11-25` (ISO 8601, for schema.org).
pub fn iso_date(unix_seconds: i64) -> String {
    let (y, m, d) = civil_date(unix_seconds);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `2026-11-25T13:05:00Z` (RFC 3339 in UTC, for data exchange).
pub fn iso_datetime_utc(unix_seconds: i64) -> String {
    let (y, m, d) = civil_date(unix_seconds - BRASILIA_OFFSET_SECONDS);
    let s = unix_seconds.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// `25/11/2026`, as people in Brazil write dates.
pub fn br_date(unix_seconds: i64) -> String {
    let (y, m, d) = civil_date(unix_seconds);
    format!("{d:02}/{m:02}/{y:04}")
}

/// `2026-12-31` → the last second of that day in Brasília, as Unix seconds.
pub fn end_of_day_from_iso(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=9999).contains(&y) {
        return None;
    }
    // Howard Hinnant's days-from-civil algorithm.
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let end = days * 86_400 + 86_399 - BRASILIA_OFFSET_SECONDS;
    // Reject impossible dates such as 2026-02-31 by checking the round trip.
    (iso_date(end) == format!("{y:04}-{m:02}-{d:02}")).then_some(end)
}

/// `2026-12-01T14:30` (the browser's `datetime-local`) → Unix seconds, read as Brasília time
/// (America/Sao_Paulo, UTC−3 all year since 2019).
pub fn parse_local_datetime(input: &str) -> Option<i64> {
    let (date, time) = input.trim().split_once('T')?;
    let (h, m) = time.get(..5)?.split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    // The end of that day in Brasília, back to its start, plus the time of day.
    let start_of_day = end_of_day_from_iso(date)? - 86_399;
    Some(start_of_day + h * 3600 + m * 60)
}

/// `01/12/2026 às 14:30`, in Brasília time.
pub fn br_datetime(unix_seconds: i64) -> String {
    let minutes = (unix_seconds + BRASILIA_OFFSET_SECONDS).rem_euclid(86_400) / 60;
    format!(
        "{} às {:02}:{:02}",
        br_date(unix_seconds),
        minutes / 60,
        minutes % 60
    )
}

/// The `datetime-local` value of a Unix time, in Brasília time (to refill a form).
pub fn local_datetime(unix_seconds: i64) -> String {
    let minutes = (unix_seconds + BRASILIA_OFFSET_SECONDS).rem_euclid(86_400) / 60;
    format!(
        "{}T{:02}:{:02}",
        iso_date(unix_seconds),
        minutes / 60,
        minutes % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn local_date_and_time_round_trip_in_brasilia() {
        let t = parse_local_datetime("2026-12-01T14:30").unwrap();
        // 14:30 in Brasília is 17:30 UTC.
        assert_eq!(t % 86_400, 17 * 3600 + 30 * 60);
        assert_eq!(br_datetime(t), "01/12/2026 às 14:30");
        assert_eq!(local_datetime(t), "2026-12-01T14:30");
        let late = parse_local_datetime("2026-12-01T23:45").unwrap();
        assert_eq!(br_datetime(late), "01/12/2026 às 23:45");
        // 23:45 in Brasília is the next day in UTC.
        assert_eq!(iso_datetime_utc(late), "2026-12-02T02:45:00Z");
        assert_eq!(parse_local_datetime("2026-12-01T24:00"), None);
        assert_eq!(parse_local_datetime("2026-02-30T10:00"), None);
        assert_eq!(parse_local_datetime("2026-12-01"), None);
    }

    use super::*;

    #[test]
    fn dates_are_in_brasilia_time() {
        // 2026-11-25 02:00 UTC is still the 24th in Brasília.
        assert_eq!(iso_date(1_795_572_000), "2026-11-24");
        assert_eq!(iso_date(1_795_572_000 + 3 * 3600), "2026-11-25");
        assert_eq!(br_date(0), "31/12/1969");
        assert_eq!(iso_date(951_825_600), "2000-02-29");
    }

    #[test]
    fn dates_parse_back_to_the_end_of_that_day() {
        let end = end_of_day_from_iso("2026-12-31").unwrap();
        assert_eq!(iso_date(end), "2026-12-31");
        assert_eq!(iso_date(end + 1), "2027-01-01");
        assert_eq!(end_of_day_from_iso("2026-02-31"), None);
        assert_eq!(end_of_day_from_iso("31/12/2026"), None);
    }
}
