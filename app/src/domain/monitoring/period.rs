//! The reporting period: a month, a quarter, a year or two dates, in Brasília calendar days,
//! and the months it spans (the bars of the charts).

use crate::domain::dates::end_of_day_from_iso;
use serde::Deserialize;

/// The longest custom period: three years of monthly bars still fit a phone screen.
pub const MAX_MONTHS: usize = 36;

pub const MONTH_NAMES: [&str; 12] = [
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
];
const MONTH_SHORT: [&str; 12] = [
    "jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez",
];

/// The period fields of the monitoring form, as typed (kept to show them back).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct PeriodQuery {
    /// "mes", "trimestre", "ano" or "datas".
    pub periodo: String,
    pub ano: String,
    pub mes: String,
    pub trimestre: String,
    pub de: String,
    pub ate: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    /// First and last day, ISO (YYYY-MM-DD), both included.
    pub start: String,
    pub end: String,
}

/// A field of the period form and what is wrong with it, in pt-BR.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodError {
    pub field: &'static str,
    pub message: &'static str,
}

pub fn parse_iso(date: &str) -> Option<(i64, u32, u32)> {
    end_of_day_from_iso(date)?;
    let mut parts = date.trim().splitn(3, '-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    Some((y, m, d))
}

pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn iso(y: i64, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

impl PeriodQuery {
    /// The period asked for. An empty form is the current year up to `today` (ISO).
    pub fn parse(&self, today: &str) -> Result<Period, PeriodError> {
        let (ty, tm, _) = parse_iso(today).unwrap_or((2026, 1, 1));
        let year = || -> Result<i64, PeriodError> {
            match self.ano.trim() {
                "" => Ok(ty),
                y => y
                    .parse::<i64>()
                    .ok()
                    .filter(|y| (2000..=ty + 1).contains(y))
                    .ok_or(PeriodError {
                        field: "ano",
                        message: "Digite um ano com 4 números, de 2000 até o ano que vem.",
                    }),
            }
        };
        match self.periodo.trim() {
            "" | "ano" => {
                let y = year()?;
                Ok(Period {
                    start: iso(y, 1, 1),
                    end: iso(y, 12, 31),
                })
            }
            "mes" => {
                let y = year()?;
                let m = match self.mes.trim() {
                    "" if y == ty => tm,
                    m => m
                        .parse::<u32>()
                        .ok()
                        .filter(|m| (1..=12).contains(m))
                        .ok_or(PeriodError {
                            field: "mes",
                            message: "Escolha o mês.",
                        })?,
                };
                Ok(Period {
                    start: iso(y, m, 1),
                    end: iso(y, m, days_in_month(y, m)),
                })
            }
            "trimestre" => {
                let y = year()?;
                let q = match self.trimestre.trim() {
                    "" if y == ty => tm.div_ceil(3),
                    q => q
                        .parse::<u32>()
                        .ok()
                        .filter(|q| (1..=4).contains(q))
                        .ok_or(PeriodError {
                            field: "trimestre",
                            message: "Escolha o trimestre.",
                        })?,
                };
                let last = q * 3;
                Ok(Period {
                    start: iso(y, last - 2, 1),
                    end: iso(y, last, days_in_month(y, last)),
                })
            }
            "datas" => {
                let start = self.de.trim();
                let end = self.ate.trim();
                if parse_iso(start).is_none() {
                    return Err(PeriodError {
                        field: "de",
                        message: "Escolha a data de início.",
                    });
                }
                if parse_iso(end).is_none() {
                    return Err(PeriodError {
                        field: "ate",
                        message: "Escolha a data de fim.",
                    });
                }
                if end < start {
                    return Err(PeriodError {
                        field: "ate",
                        message: "A data de fim vem antes da data de início.",
                    });
                }
                let period = Period {
                    start: start.to_string(),
                    end: end.to_string(),
                };
                if period.months().len() > MAX_MONTHS {
                    return Err(PeriodError {
                        field: "ate",
                        message: "Escolha um período de até 3 anos.",
                    });
                }
                Ok(period)
            }
            _ => Err(PeriodError {
                field: "periodo",
                message: "Escolha o tipo de período.",
            }),
        }
    }
}

/// One month of a period, cut to the period's own first and last day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthSlice {
    /// "2026-03": the code of the bar.
    pub key: String,
    /// "mar/2026": its label.
    pub label: String,
    pub start: String,
    pub end: String,
}

impl Period {
    /// Unix seconds of the first instant of the first day, in Brasília.
    pub fn start_ts(&self) -> i64 {
        start_of_day(&self.start)
    }

    /// Unix seconds of the last second of the last day, in Brasília.
    pub fn end_ts(&self) -> i64 {
        end_of_day_from_iso(&self.end).unwrap_or(0)
    }

    pub fn months(&self) -> Vec<MonthSlice> {
        let (Some((sy, sm, _)), Some((ey, em, _))) = (parse_iso(&self.start), parse_iso(&self.end))
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let (mut y, mut m) = (sy, sm);
        while (y, m) <= (ey, em) && out.len() <= MAX_MONTHS {
            let first = iso(y, m, 1);
            let last = iso(y, m, days_in_month(y, m));
            out.push(MonthSlice {
                key: format!("{y:04}-{m:02}"),
                label: format!("{}/{y}", MONTH_SHORT[(m - 1) as usize]),
                start: first.max(self.start.clone()),
                end: last.min(self.end.clone()),
            });
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        out
    }

    /// "janeiro a dezembro de 2026", "março de 2026", "01/02/2026 a 15/03/2026".
    pub fn describe(&self) -> String {
        let (Some((sy, sm, sd)), Some((ey, em, ed))) =
            (parse_iso(&self.start), parse_iso(&self.end))
        else {
            return String::new();
        };
        let whole_months = sd == 1 && ed == days_in_month(ey, em);
        let month = |m: u32| MONTH_NAMES[(m - 1) as usize];
        if whole_months && sy == ey && sm == em {
            format!("{} de {sy}", month(sm))
        } else if whole_months && sy == ey {
            format!("{} a {} de {sy}", month(sm), month(em))
        } else {
            format!("{sd:02}/{sm:02}/{sy} a {ed:02}/{em:02}/{ey}")
        }
    }
}

/// Unix seconds at 00:00 of an ISO day in Brasília.
pub fn start_of_day(date: &str) -> i64 {
    end_of_day_from_iso(date).map(|t| t - 86_399).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(periodo: &str, ano: &str, mes: &str, trimestre: &str, de: &str, ate: &str) -> PeriodQuery {
        PeriodQuery {
            periodo: periodo.into(),
            ano: ano.into(),
            mes: mes.into(),
            trimestre: trimestre.into(),
            de: de.into(),
            ate: ate.into(),
        }
    }

    #[test]
    fn the_four_kinds_of_period() {
        let today = "2026-11-20";
        let year = PeriodQuery::default().parse(today).unwrap();
        assert_eq!(
            (year.start.as_str(), year.end.as_str()),
            ("2026-01-01", "2026-12-31")
        );
        assert_eq!(year.months().len(), 12);
        assert_eq!(year.describe(), "janeiro a dezembro de 2026");
        let feb = q("mes", "2024", "2", "", "", "").parse(today).unwrap();
        assert_eq!(feb.end, "2024-02-29");
        assert_eq!(feb.describe(), "fevereiro de 2024");
        let quarter = q("trimestre", "", "", "", "", "").parse(today).unwrap();
        assert_eq!(
            (quarter.start.as_str(), quarter.end.as_str()),
            ("2026-10-01", "2026-12-31")
        );
        let custom = q("datas", "", "", "", "2025-11-15", "2026-02-10")
            .parse(today)
            .unwrap();
        let months = custom.months();
        assert_eq!(months.len(), 4);
        assert_eq!(months[0].start, "2025-11-15");
        assert_eq!(months[0].label, "nov/2025");
        assert_eq!(months[3].end, "2026-02-10");
        assert_eq!(custom.describe(), "15/11/2025 a 10/02/2026");
    }

    #[test]
    fn wrong_periods_say_which_field() {
        let today = "2026-11-20";
        let err = |q: PeriodQuery| q.parse(today).unwrap_err().field;
        assert_eq!(err(q("ano", "1999", "", "", "", "")), "ano");
        assert_eq!(err(q("mes", "2025", "13", "", "", "")), "mes");
        assert_eq!(err(q("mes", "2025", "", "", "", "")), "mes");
        assert_eq!(err(q("trimestre", "2026", "", "5", "", "")), "trimestre");
        assert_eq!(
            err(q("datas", "", "", "", "2026-02-30", "2026-03-01")),
            "de"
        );
        assert_eq!(
            err(q("datas", "", "", "", "2026-03-01", "2026-02-01")),
            "ate"
        );
        assert_eq!(
            err(q("datas", "", "", "", "2020-01-01", "2026-02-01")),
            "ate"
        );
        assert_eq!(err(q("semana", "", "", "", "", "")), "periodo");
    }

    #[test]
    fn day_bounds_are_brasilia_days() {
        let p = q("mes", "2026", "3", "", "", "")
            .parse("2026-11-20")
            .unwrap();
        assert_eq!(p.end_ts() - p.start_ts() + 1, 31 * 86_400);
        assert_eq!(crate::domain::dates::iso_date(p.start_ts()), "2026-03-01");
        assert_eq!(
            crate::domain::dates::iso_date(p.start_ts() - 1),
            "2026-02-28"
        );
    }
}
