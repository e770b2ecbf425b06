//! What a push notification says. Phones are shared and lock screens are public, so the texts
//! are short, neutral and carry no sensitive word: never the nature of the service, the word
//! "egresso", a court, a prison or any case detail — only "a commitment", "a request", "a
//! vacancy", and a time. The person taps to read the rest after logging in.

use super::dates;

/// The title and body shown on the lock screen, where the tap leads, and the `tag` that
/// collapses repeated notices about the same thing into one.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PushText {
    pub title: String,
    pub body: String,
    pub url: String,
    pub tag: String,
}

/// Why a notification is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A reminder before an appointment (24 h and 2 h by default).
    Reminder { appointment_id: i32, starts_at: i64 },
    /// The appointment moved to another time or place.
    Moved { appointment_id: i32, starts_at: i64 },
    /// The appointment was cancelled.
    Cancelled { appointment_id: i32, starts_at: i64 },
    /// A referral changed status: to the person.
    ReferralForPerson { referral_id: i32 },
    /// A referral changed status: to the caseworker.
    ReferralForStaff { referral_id: i32 },
    /// A company moved a candidacy: to the person.
    CandidacyForPerson { application_id: i32 },
    /// A company moved a candidacy: to the caseworker of reference.
    CandidacyForStaff { person_id: i32 },
}

/// Words that must never appear in a notification (folded: lower case, no accents). The unit
/// tests check every text against them.
pub const SENSITIVE_WORDS: &[&str] = &[
    "egress",
    "pris",
    "presidi",
    "penitenci",
    "cadeia",
    "detent",
    "reclus",
    "penal",
    "crime",
    "criminal",
    "condena",
    "juiz",
    "justica",
    "tribunal",
    "processo",
    "audiencia",
    "tornozeleira",
    "escritorio social",
    "antecedente",
    "liberdade",
    "regime",
    "saude",
    "droga",
];

/// The text for `notice`, said relative to `now` ("hoje", "amanhã").
pub fn text(notice: Notice, now: i64) -> PushText {
    match notice {
        Notice::Reminder {
            appointment_id,
            starts_at,
        } => PushText {
            title: "Lembrete".into(),
            body: format!(
                "Você tem um compromisso {} às {}. Toque para ver.",
                day_words(starts_at, now),
                hour_words(starts_at)
            ),
            url: appointment_url(appointment_id),
            tag: format!("compromisso-{appointment_id}"),
        },
        Notice::Moved {
            appointment_id,
            starts_at,
        } => PushText {
            title: "Compromisso mudou".into(),
            body: format!(
                "Seu compromisso agora é {} às {}. Toque para ver.",
                day_words(starts_at, now),
                hour_words(starts_at)
            ),
            url: appointment_url(appointment_id),
            tag: format!("compromisso-{appointment_id}"),
        },
        Notice::Cancelled {
            appointment_id,
            starts_at,
        } => PushText {
            title: "Compromisso desmarcado".into(),
            body: format!(
                "O compromisso de {} às {} foi desmarcado. Toque para ver.",
                day_words(starts_at, now),
                hour_words(starts_at)
            ),
            url: appointment_url(appointment_id),
            tag: format!("compromisso-{appointment_id}"),
        },
        Notice::ReferralForPerson { referral_id } => PushText {
            title: "Novidade".into(),
            body: "Há uma novidade em um pedido seu. Toque para ver.".into(),
            url: "/inicio/encaminhamentos".into(),
            tag: format!("pedido-{referral_id}"),
        },
        Notice::ReferralForStaff { referral_id } => PushText {
            title: "Novidade".into(),
            body: "Um encaminhamento mudou. Toque para ver.".into(),
            url: format!("/equipe/encaminhamentos/{referral_id}"),
            tag: format!("pedido-{referral_id}"),
        },
        Notice::CandidacyForPerson { application_id } => PushText {
            title: "Novidade".into(),
            body: "Há uma novidade sobre uma vaga. Toque para ver.".into(),
            url: "/inicio/candidaturas".into(),
            tag: format!("vaga-{application_id}"),
        },
        Notice::CandidacyForStaff { person_id } => PushText {
            title: "Novidade".into(),
            body: "Uma candidatura mudou. Toque para ver.".into(),
            url: format!("/equipe/pessoas/{person_id}"),
            tag: format!("candidatura-{person_id}"),
        },
    }
}

fn appointment_url(id: i32) -> String {
    format!("/inicio/agenda#compromisso-{id}")
}

/// "hoje", "amanhã" or "no dia 03/12", by the calendar in Brasília.
fn day_words(at: i64, now: i64) -> String {
    let day = |t: i64| (t + dates::BRASILIA_OFFSET_SECONDS).div_euclid(86_400);
    match day(at) - day(now) {
        0 => "hoje".into(),
        1 => "amanhã".into(),
        _ => {
            let (_, m, d) = dates::civil_date(at);
            format!("no dia {d:02}/{m:02}")
        }
    }
}

/// "14h" or "14h30", in Brasília time.
fn hour_words(at: i64) -> String {
    let minutes = (at + dates::BRASILIA_OFFSET_SECONDS).rem_euclid(86_400) / 60;
    match minutes % 60 {
        0 => format!("{}h", minutes / 60),
        m => format!("{}h{m:02}", minutes / 60),
    }
}

/// The first sensitive word found in `text`, if any.
pub fn sensitive_word(text: &str) -> Option<&'static str> {
    let folded = super::text::fold(text);
    SENSITIVE_WORDS.iter().copied().find(|w| folded.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::parse_local_datetime;

    fn at(s: &str) -> i64 {
        parse_local_datetime(s).unwrap()
    }

    #[test]
    fn a_reminder_the_day_before_says_tomorrow_and_the_hour() {
        let t = text(
            Notice::Reminder {
                appointment_id: 7,
                starts_at: at("2026-12-03T14:00"),
            },
            at("2026-12-02T14:00"),
        );
        assert_eq!(t.title, "Lembrete");
        assert_eq!(
            t.body,
            "Você tem um compromisso amanhã às 14h. Toque para ver."
        );
        assert_eq!(t.url, "/inicio/agenda#compromisso-7");
        assert_eq!(t.tag, "compromisso-7");
    }

    #[test]
    fn a_reminder_on_the_day_says_today_with_minutes() {
        let t = text(
            Notice::Reminder {
                appointment_id: 7,
                starts_at: at("2026-12-03T09:30"),
            },
            at("2026-12-03T07:30"),
        );
        assert_eq!(
            t.body,
            "Você tem um compromisso hoje às 9h30. Toque para ver."
        );
    }

    #[test]
    fn days_follow_the_brasilia_calendar_not_utc() {
        // 22:00 in Brasília is already the next day in UTC: still "hoje".
        let t = text(
            Notice::Reminder {
                appointment_id: 1,
                starts_at: at("2026-12-03T22:00"),
            },
            at("2026-12-03T20:00"),
        );
        assert!(t.body.contains("hoje às 22h"), "{}", t.body);
        let later = text(
            Notice::Moved {
                appointment_id: 1,
                starts_at: at("2026-12-10T08:00"),
            },
            at("2026-12-03T20:00"),
        );
        assert!(later.body.contains("no dia 10/12 às 8h"), "{}", later.body);
    }

    #[test]
    fn no_text_carries_a_sensitive_word() {
        let now = at("2026-12-02T10:00");
        let starts_at = at("2026-12-03T14:00");
        let all = [
            Notice::Reminder {
                appointment_id: 1,
                starts_at,
            },
            Notice::Moved {
                appointment_id: 1,
                starts_at,
            },
            Notice::Cancelled {
                appointment_id: 1,
                starts_at,
            },
            Notice::ReferralForPerson { referral_id: 1 },
            Notice::ReferralForStaff { referral_id: 1 },
            Notice::CandidacyForPerson { application_id: 1 },
            Notice::CandidacyForStaff { person_id: 1 },
        ];
        for n in all {
            let t = text(n, now);
            for shown in [&t.title, &t.body] {
                assert_eq!(sensitive_word(shown), None, "{shown}");
                assert!(
                    shown.chars().count() <= 80,
                    "too long for a lock screen: {shown}"
                );
            }
        }
    }

    #[test]
    fn the_check_catches_sensitive_words_with_accents_and_case() {
        assert_eq!(sensitive_word("Audiência no Fórum"), Some("audiencia"));
        assert_eq!(sensitive_word("Pessoa EGRESSA"), Some("egress"));
        assert_eq!(sensitive_word("Você tem um compromisso"), None);
    }
}
