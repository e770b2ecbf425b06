//! The service directory's pure rules: the fixed taxonomy of service areas (`domain.md`), weekly
//! opening hours (HSDS 3 `schedule`: `byday`, `opens_at`, `closes_at`), "Aberto agora" in
//! Brasília time, and distances between two points on the map.

use super::dates::BRASILIA_OFFSET_SECONDS;

/// The service areas of the Escritório Social method, used as the HSDS taxonomy.
pub const AREAS: [(&str, &str); 13] = [
    ("documentacao", "Documentação civil"),
    ("saude", "Saúde (inclui saúde mental, álcool e drogas)"),
    ("assistencia_social", "Assistência social e benefícios"),
    ("alimentacao", "Alimentação"),
    ("vestuario_higiene", "Vestuário e higiene"),
    ("moradia", "Moradia e acolhimento"),
    ("educacao", "Educação e escolarização"),
    ("qualificacao", "Qualificação profissional"),
    ("trabalho_renda", "Trabalho e renda"),
    ("juridica", "Assistência jurídica"),
    ("familia", "Família e vínculos"),
    ("cultura_esporte", "Cultura, esporte e lazer"),
    ("transporte", "Transporte"),
];

/// The fixed code for an area typed in a URL or form, if it is one of `AREAS`.
pub fn area_code(area: &str) -> Option<&'static str> {
    AREAS.iter().find(|(c, _)| *c == area).map(|(c, _)| *c)
}

pub fn area_label(code: &str) -> &'static str {
    AREAS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("Outros")
}

/// HSDS `byday` codes, Monday first, with the pt-BR abbreviations people type.
pub const WEEKDAYS: [(&str, &str, &str); 7] = [
    ("MO", "seg", "segunda"),
    ("TU", "ter", "terça"),
    ("WE", "qua", "quarta"),
    ("TH", "qui", "quinta"),
    ("FR", "sex", "sexta"),
    ("SA", "sab", "sábado"),
    ("SU", "dom", "domingo"),
];

/// One weekly opening: weekday (0 = Monday) and minutes since midnight, `closes` up to 24:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opening {
    pub weekday: u8,
    pub opens: u16,
    pub closes: u16,
}

impl Opening {
    pub fn byday(&self) -> &'static str {
        WEEKDAYS[self.weekday as usize].0
    }
}

/// `08:00` → 480; `24:00` is allowed as a closing time (open until midnight).
pub fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once([':', 'h'])?;
    let h: u16 = h.trim().parse().ok()?;
    let m: u16 = if m.trim().is_empty() {
        0
    } else {
        m.trim().parse().ok()?
    };
    // `then`, not `then_some`: the sum is only computed for valid hours (found by the fuzz
    // target `horarios`: "9999:00" overflowed before the check could refuse it).
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then(|| h * 60 + m)
}

pub fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn weekday_index(word: &str) -> Option<u8> {
    let w = super::text::fold(word);
    WEEKDAYS
        .iter()
        .position(|(code, short, long)| {
            w == *short || w == super::text::fold(long) || w == code.to_lowercase()
        })
        .map(|i| i as u8)
}

/// Parses the admin's notation: `seg-sex 08:00-17:00; sab 08:00-12:00`. Day ranges wrap
/// (`sex-seg`); a day may appear once per period. Returns the openings, Monday first.
pub fn parse_week(text: &str) -> Result<Vec<Opening>, String> {
    let mut out = Vec::new();
    for part in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (days, hours) = part.split_once(char::is_whitespace).ok_or_else(|| {
            format!("Em “{part}”, escreva os dias e o horário. Exemplo: seg-sex 08:00-17:00")
        })?;
        let (from, to) = match days.split_once('-') {
            Some((a, b)) => (weekday_index(a), weekday_index(b)),
            None => (weekday_index(days), weekday_index(days)),
        };
        let (Some(from), Some(to)) = (from, to) else {
            return Err(format!(
                "Em “{part}”, use os dias seg, ter, qua, qui, sex, sab, dom."
            ));
        };
        let (opens, closes) = hours
            .trim()
            .split_once('-')
            .and_then(|(a, b)| Some((parse_hhmm(a)?, parse_hhmm(b)?)))
            .filter(|(a, b)| a < b)
            .ok_or_else(|| format!("Em “{part}”, escreva o horário assim: 08:00-17:00."))?;
        let mut d = from;
        loop {
            out.push(Opening {
                weekday: d,
                opens,
                closes,
            });
            if d == to {
                break;
            }
            d = (d + 1) % 7;
        }
    }
    out.sort_by_key(|o| (o.weekday, o.opens));
    Ok(out)
}

/// Back to the admin's notation, consecutive days with the same hours grouped.
pub fn format_week(openings: &[Opening]) -> String {
    describe(
        openings,
        |d| WEEKDAYS[d as usize].1.to_string(),
        "-",
        |o| format!("{}-{}", hhmm(o.opens), hhmm(o.closes)),
    )
    .join("; ")
}

/// For people: "segunda a sexta, das 08:00 às 17:00".
pub fn describe_week(openings: &[Opening]) -> Vec<String> {
    describe(
        openings,
        |d| WEEKDAYS[d as usize].2.to_string(),
        " a ",
        |o| {
            if o.opens == 0 && o.closes == 24 * 60 {
                "24 horas".to_string()
            } else {
                format!("das {} às {}", hhmm(o.opens), hhmm(o.closes))
            }
        },
    )
}

fn describe(
    openings: &[Opening],
    day: impl Fn(u8) -> String,
    range: &str,
    hours: impl Fn(&Opening) -> String,
) -> Vec<String> {
    let mut groups: Vec<(u8, u8, Opening)> = Vec::new();
    for o in openings {
        match groups.last_mut() {
            Some((_, last, g))
                if *last + 1 == o.weekday && g.opens == o.opens && g.closes == o.closes =>
            {
                *last = o.weekday;
            }
            _ => groups.push((o.weekday, o.weekday, *o)),
        }
    }
    groups
        .into_iter()
        .map(|(a, b, o)| {
            let days = if a == b {
                day(a)
            } else {
                format!("{}{range}{}", day(a), day(b))
            };
            format!("{days} {}", hours(&o))
        })
        .collect()
}

/// (weekday with 0 = Monday, minutes since midnight) of a Unix time in Brasília.
pub fn brasilia_weekday_minute(unix_seconds: i64) -> (u8, u16) {
    let local = unix_seconds + BRASILIA_OFFSET_SECONDS;
    let days = local.div_euclid(86_400);
    // 1970-01-01 was a Thursday (index 3).
    let weekday = (days + 3).rem_euclid(7) as u8;
    (weekday, (local.rem_euclid(86_400) / 60) as u16)
}

/// What the list shows about the opening hours right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenState {
    OpenUntil(u16),
    OpensLater { weekday: u8, at: u16, today: bool },
    NoHours,
}

pub fn open_state(openings: &[Opening], unix_seconds: i64) -> OpenState {
    if openings.is_empty() {
        return OpenState::NoHours;
    }
    let (day, minute) = brasilia_weekday_minute(unix_seconds);
    if let Some(o) = openings
        .iter()
        .find(|o| o.weekday == day && o.opens <= minute && minute < o.closes)
    {
        return OpenState::OpenUntil(o.closes);
    }
    for offset in 0..8u8 {
        let d = (day + offset) % 7;
        if let Some(o) = openings
            .iter()
            .filter(|o| o.weekday == d && (offset > 0 || o.opens > minute))
            .min_by_key(|o| o.opens)
        {
            return OpenState::OpensLater {
                weekday: d,
                at: o.opens,
                today: offset == 0,
            };
        }
    }
    OpenState::NoHours
}

pub fn open_state_text(state: &OpenState) -> String {
    match state {
        OpenState::OpenUntil(c) if *c == 24 * 60 => "Aberto agora · até meia-noite".to_string(),
        OpenState::OpenUntil(c) => format!("Aberto agora · fecha às {}", hhmm(*c)),
        OpenState::OpensLater {
            at, today: true, ..
        } => {
            format!("Fechado agora · abre hoje às {}", hhmm(*at))
        }
        OpenState::OpensLater { weekday, at, .. } => format!(
            "Fechado agora · abre {} às {}",
            WEEKDAYS[*weekday as usize].2,
            hhmm(*at)
        ),
        OpenState::NoHours => "Horário não informado".to_string(),
    }
}

/// Great-circle distance in kilometres (haversine, mean Earth radius 6,371 km).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

/// Half the sides of a box (degrees of latitude, degrees of longitude) that holds every point
/// within `radius_km` of a point at `lat`: what an index on latitude and longitude can find
/// before exact distances are computed. Slightly generous (the Earth's smallest degree).
pub fn bounding_box(lat: f64, radius_km: f64) -> (f64, f64) {
    const KM_PER_DEGREE: f64 = 110.5;
    let dlat = radius_km / KM_PER_DEGREE;
    let cos = lat.to_radians().cos().abs().max(0.01);
    (dlat, (dlat / cos).min(180.0))
}

/// Strips of longitude, 0.1° wide (about 11 km at the equator), by which the directory's
/// position index is read: a box asks for one latitude range in each strip it covers.
pub const LON_CELLS_PER_DEGREE: f64 = 10.0;
/// Past this many strips one range over the latitude band reads less than the strips would.
pub const MAX_LON_CELLS: i32 = 64;

/// The strip a longitude falls in.
pub fn lon_cell(lon: f64) -> i32 {
    (lon * LON_CELLS_PER_DEGREE).floor() as i32
}

/// The strips a box from `lon - dlon` to `lon + dlon` covers, when there are at most
/// `MAX_LON_CELLS` of them.
pub fn lon_cells(lon: f64, dlon: f64) -> Option<std::ops::RangeInclusive<i32>> {
    let (first, last) = (lon_cell(lon - dlon), lon_cell(lon + dlon));
    (last - first < MAX_LON_CELLS).then_some(first..=last)
}

/// "850 m", "2,4 km", "35 km".
pub fn distance_text(km: f64) -> String {
    if km < 1.0 {
        format!(
            "{} m",
            ((km * 1000.0 / 50.0).round() * 50.0).max(50.0) as i64
        )
    } else if km < 10.0 {
        format!("{:.1} km", km).replace('.', ",")
    } else {
        format!("{} km", km.round() as i64)
    }
}

/// A latitude/longitude pair as the browser sends it; out-of-range values are ignored.
pub fn parse_position(lat: &str, lon: &str) -> Option<(f64, f64)> {
    let lat: f64 = lat.trim().parse().ok()?;
    let lon: f64 = lon.trim().parse().ok()?;
    ((-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
        && lat.is_finite()
        && lon.is_finite())
    .then_some((lat, lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats_the_week() {
        let week = parse_week("seg-sex 08:00-17:00; sab 8h-12h").expect("valid");
        assert_eq!(week.len(), 6);
        assert_eq!(
            week[0],
            Opening {
                weekday: 0,
                opens: 480,
                closes: 1020
            }
        );
        assert_eq!(
            week[5],
            Opening {
                weekday: 5,
                opens: 480,
                closes: 720
            }
        );
        assert_eq!(format_week(&week), "seg-sex 08:00-17:00; sab 08:00-12:00");
        assert_eq!(
            describe_week(&week),
            [
                "segunda a sexta das 08:00 às 17:00",
                "sábado das 08:00 às 12:00"
            ]
        );
        let always = parse_week("seg-dom 00:00-24:00").expect("valid");
        assert_eq!(always.len(), 7);
        assert_eq!(describe_week(&always), ["segunda a domingo 24 horas"]);
        // Ranges wrap around the weekend.
        assert_eq!(parse_week("sex-seg 10:00-14:00").expect("valid").len(), 4);
        assert!(parse_week("seg-sex 17:00-08:00").is_err());
        assert!(parse_week("feriado 08:00-12:00").is_err());
        assert!(parse_week("seg-sex").is_err());
        assert!(parse_week("seg 25:00-26:00").is_err());
        // Hours far out of range are refused, not overflowed (a fuzzer's find).
        assert!(parse_week("seg 9999:00-9999:59").is_err());
        assert_eq!(parse_hhmm("65535:59"), None);
        assert_eq!(parse_week("").expect("empty is no hours"), vec![]);
    }

    // 2026-11-25 was a Wednesday. 15:00 UTC = 12:00 in Brasília.
    const WED_NOON: i64 = 1_795_618_800;

    #[test]
    fn brasilia_weekday_and_minute() {
        assert_eq!(brasilia_weekday_minute(WED_NOON), (2, 720));
        // 02:00 UTC on Thursday is still Wednesday 23:00 in Brasília.
        assert_eq!(brasilia_weekday_minute(WED_NOON + 11 * 3600), (2, 23 * 60));
    }

    #[test]
    fn open_now_and_next_opening() {
        let week = parse_week("seg-sex 08:00-17:00; sab 08:00-12:00").expect("valid");
        assert_eq!(open_state(&week, WED_NOON), OpenState::OpenUntil(1020));
        assert_eq!(
            open_state_text(&open_state(&week, WED_NOON)),
            "Aberto agora · fecha às 17:00"
        );
        // 17:00 sharp is closed; it opens Thursday.
        let closing = WED_NOON + 5 * 3600;
        assert_eq!(
            open_state_text(&open_state(&week, closing)),
            "Fechado agora · abre quinta às 08:00"
        );
        // Wednesday 07:00: opens later today.
        assert_eq!(
            open_state_text(&open_state(&week, WED_NOON - 5 * 3600)),
            "Fechado agora · abre hoje às 08:00"
        );
        // Saturday 13:00 → Monday.
        let saturday = WED_NOON + 3 * 86_400 + 3600;
        assert_eq!(
            open_state_text(&open_state(&week, saturday)),
            "Fechado agora · abre segunda às 08:00"
        );
        assert_eq!(open_state(&[], WED_NOON), OpenState::NoHours);
        let always = parse_week("seg-dom 00:00-24:00").expect("valid");
        assert_eq!(
            open_state_text(&open_state(&always, WED_NOON + 11 * 3600 + 59 * 60)),
            "Aberto agora · até meia-noite"
        );
    }

    #[test]
    fn distances() {
        // Praça da Sé (São Paulo) to Praça XV (Rio de Janeiro): about 360 km.
        let d = distance_km(-23.5505, -46.6333, -22.9035, -43.1745);
        assert!((355.0..365.0).contains(&d), "{d}");
        assert_eq!(distance_km(-15.79, -47.88, -15.79, -47.88), 0.0);
        assert_eq!(distance_text(0.01), "50 m");
        assert_eq!(distance_text(0.83), "850 m");
        assert_eq!(distance_text(2.44), "2,4 km");
        assert_eq!(distance_text(35.4), "35 km");
        assert_eq!(
            parse_position("-15.794", "-47.883"),
            Some((-15.794, -47.883))
        );
        assert_eq!(parse_position("95", "0"), None);
        assert_eq!(parse_position("abc", "0"), None);
        assert_eq!(parse_position("NaN", "0"), None);
    }

    #[test]
    fn the_box_holds_every_point_within_the_radius() {
        let (lat, lon): (f64, f64) = (-15.799, -47.864);
        let (dlat, dlon) = bounding_box(lat, 50.0);
        // Points exactly 50 km away north, east, south-west lie inside the box.
        for bearing in [0.0f64, 90.0, 225.0] {
            let (b, d): (f64, f64) = (bearing.to_radians(), 50.0 / 6371.0);
            let (p1, l1) = (lat.to_radians(), lon.to_radians());
            let p2 = (p1.sin() * d.cos() + p1.cos() * d.sin() * b.cos()).asin();
            let l2 = l1 + (b.sin() * d.sin() * p1.cos()).atan2(d.cos() - p1.sin() * p2.sin());
            let (p2, l2) = (p2.to_degrees(), l2.to_degrees());
            assert!((distance_km(lat, lon, p2, l2) - 50.0).abs() < 0.01);
            assert!(
                (p2 - lat).abs() <= dlat && (l2 - lon).abs() <= dlon,
                "{bearing}"
            );
        }
    }

    #[test]
    fn the_strips_cover_the_box_and_give_way_to_one_band_when_wide() {
        assert_eq!(lon_cell(-47.864), -479);
        assert_eq!(lon_cell(-47.9), -479);
        assert_eq!(lon_cell(0.05), 0);
        let cells = lon_cells(-47.864, 0.2).expect("few strips");
        assert_eq!(cells, -481..=-477);
        for lon in [-48.064, -47.95, -47.664] {
            assert!(cells.contains(&lon_cell(lon)), "{lon}");
        }
        // Twenty degrees wide: one band instead of 200 ranges.
        assert_eq!(lon_cells(-47.864, 10.0), None);
    }
}
