//! iCalendar (RFC 5545) for appointments: one `.ics` per appointment and a person's private
//! calendar address. Times are given in America/Sao_Paulo (UTC−3 all year since Decreto
//! 9.772/2019, declared in a VTIMEZONE so every calendar app reads them the same way).
//! The text is as neutral as a notification (calendars sync to shared devices and clouds):
//! "Compromisso", the place, and a link back to the app.

use super::dates;

pub const TZID: &str = "America/Sao_Paulo";

/// How long an appointment blocks the calendar (the agenda does not record an end).
pub const DURATION: &str = "PT1H";

/// One appointment as a calendar event.
pub struct Event<'a> {
    pub id: i32,
    pub starts_at: i64,
    /// When it was last changed (DTSTAMP).
    pub updated_at: i64,
    /// Counts changes (RFC 5545 §3.8.7.4): calendars replace the old copy with a higher one.
    pub sequence: i32,
    pub cancelled: bool,
    pub place: &'a str,
}

/// A whole calendar: the header, the time zone and `events`. `host` makes the UIDs globally
/// unique; `app_url` is where the details are read; `alarm_hours` before each event a
/// reminder pops up on the device.
pub fn calendar(events: &[Event<'_>], host: &str, app_url: &str, alarm_hours: i64) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Escritorio Social Virtual//Agenda//PT-BR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Compromissos",
        "X-WR-TIMEZONE:America/Sao_Paulo",
        "BEGIN:VTIMEZONE",
        "TZID:America/Sao_Paulo",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:-0300",
        "TZOFFSETTO:-0300",
        "TZNAME:-03",
        "END:STANDARD",
        "END:VTIMEZONE",
    ] {
        push_line(&mut out, line);
    }
    for e in events {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:compromisso-{}@{host}", e.id));
        push_line(&mut out, &format!("DTSTAMP:{}", utc_stamp(e.updated_at)));
        push_line(
            &mut out,
            &format!("DTSTART;TZID={TZID}:{}", local_stamp(e.starts_at)),
        );
        push_line(&mut out, &format!("DURATION:{DURATION}"));
        push_line(&mut out, &format!("SEQUENCE:{}", e.sequence));
        push_line(
            &mut out,
            if e.cancelled {
                "STATUS:CANCELLED"
            } else {
                "STATUS:CONFIRMED"
            },
        );
        push_line(&mut out, "SUMMARY:Compromisso");
        push_line(&mut out, &format!("LOCATION:{}", escape(e.place)));
        push_line(
            &mut out,
            &format!(
                "DESCRIPTION:{}",
                escape(&format!("Veja os detalhes no app: {app_url}"))
            ),
        );
        if !e.cancelled {
            for l in [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "DESCRIPTION:Lembrete",
                &format!("TRIGGER:-PT{alarm_hours}H"),
                "END:VALARM",
            ] {
                push_line(&mut out, l);
            }
        }
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// `20261203T140000` in Brasília.
fn local_stamp(at: i64) -> String {
    let (y, m, d) = dates::civil_date(at);
    let secs = (at + dates::BRASILIA_OFFSET_SECONDS).rem_euclid(86_400);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// `20261203T170000Z` (UTC).
fn utc_stamp(at: i64) -> String {
    let local = local_stamp(at - dates::BRASILIA_OFFSET_SECONDS);
    format!("{local}Z")
}

/// TEXT escaping (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Adds a content line, folded at 75 octets without splitting a UTF-8 character (§3.1),
/// ended by CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::parse_local_datetime;

    fn event(cancelled: bool, place: &str) -> Event<'_> {
        Event {
            id: 9,
            starts_at: parse_local_datetime("2026-12-03T14:00").unwrap(),
            updated_at: parse_local_datetime("2026-11-26T10:00").unwrap(),
            sequence: 2,
            cancelled,
            place,
        }
    }

    #[test]
    fn an_event_carries_uid_stamp_local_start_sequence_and_alarm() {
        let ics = calendar(
            &[event(false, "Rua A, 10")],
            "esv.example",
            "https://esv.example/inicio/agenda",
            2,
        );
        assert!(ics.contains("UID:compromisso-9@esv.example\r\n"));
        assert!(ics.contains("DTSTAMP:20261126T130000Z\r\n"));
        assert!(ics.contains("DTSTART;TZID=America/Sao_Paulo:20261203T140000\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\n"));
        assert!(ics.contains("STATUS:CONFIRMED\r\n"));
        assert!(ics.contains("LOCATION:Rua A\\, 10\r\n"));
        assert!(ics.contains("TRIGGER:-PT2H\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn a_cancelled_event_says_so_and_has_no_alarm() {
        let ics = calendar(&[event(true, "Rua A")], "h", "u", 2);
        assert!(ics.contains("STATUS:CANCELLED\r\n"));
        assert!(!ics.contains("VALARM"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_breaking_characters() {
        let place =
            "Avenida Afonso Pena, 1500, sala 12, Centro, Belo Horizonte — ção ção ção ção ção";
        let ics = calendar(&[event(false, place)], "h", "u", 2);
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("ção ção ção ção ção"));
    }
}
