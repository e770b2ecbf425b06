//! The hiring-quota engine. Federal rule: Decreto 9.450/2018 (PNAT), art. 5 — service contracts
//! with annual value above R$ 330.000,00 reserve posts for people in prison or egressos, by the
//! number of workers the contract requires: up to 200 → 3%; 201 to 500 → 4%; 501 to 1.000 → 5%;
//! more than 1.000 → 6%. State rules differ (domain.md: MG 10%, MT ≥ 5%, …), so a rule set is
//! data (table `quota_rule_set`): threshold, tiers and a named rounding rule.
//!
//! Rounding: the AGU opinion (Parecer 00002/2018/CPLCA/CGU/AGU) says the percentages cannot be
//! rounded; its literal reading keeps the whole part of workers × percentage (`Down`). `Up`
//! (any fraction is one more post) is the other reading. Each rule set names its rule, and the
//! exact fraction is always shown beside the whole number.

/// One tier: contracts with up to `up_to` workers (None = any number) reserve `basis_points`
/// (1/100 of a percent: 300 = 3%).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tier {
    pub up_to: Option<u32>,
    pub basis_points: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// Whole part only ("impossibilidade de arredondamento").
    Down,
    /// Any fraction counts as one more post.
    Up,
}

impl Rounding {
    pub fn parse(code: &str) -> Option<Rounding> {
        match code {
            "para_baixo" => Some(Rounding::Down),
            "para_cima" => Some(Rounding::Up),
            _ => None,
        }
    }

    pub fn explained(self) -> &'static str {
        match self {
            Rounding::Down => {
                "Sem arredondar para cima: conta só a parte inteira (leitura do Parecer AGU 00002/2018)."
            }
            Rounding::Up => "Qualquer fração conta como mais uma vaga.",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSet {
    pub code: String,
    pub name: String,
    /// The contract must be worth *more* than this per year (centavos); None = any value.
    pub above_annual_cents: Option<i64>,
    pub tiers: Vec<Tier>,
    pub rounding: Rounding,
}

/// `200:300;500:400;1000:500;*:600` → tiers (ascending limits, the last one open).
pub fn parse_tiers(text: &str) -> Option<Vec<Tier>> {
    let mut tiers = Vec::new();
    let mut last_limit = 0u32;
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (limit, bp) = part.split_once(':')?;
        let basis_points: u32 = bp.trim().parse().ok().filter(|b| *b <= 10_000)?;
        let up_to = match limit.trim() {
            "*" => None,
            n => {
                let n: u32 = n.parse().ok()?;
                if n <= last_limit || tiers.last().is_some_and(|t: &Tier| t.up_to.is_none()) {
                    return None;
                }
                last_limit = n;
                Some(n)
            }
        };
        if tiers.last().is_some_and(|t: &Tier| t.up_to.is_none()) {
            return None;
        }
        tiers.push(Tier {
            up_to,
            basis_points,
        });
    }
    tiers
        .last()
        .is_some_and(|t| t.up_to.is_none())
        .then_some(tiers)
}

/// What a contract must reserve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub basis_points: u32,
    /// workers × percentage, exactly, in hundredths of a post (450 = 4,50 posts).
    pub exact_hundredths: u64,
    /// Whole posts to reserve, after the rule set's rounding.
    pub required: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applies {
    Yes(Requirement),
    /// The annual value is not above the rule set's threshold.
    BelowThreshold,
}

pub fn requirement(rule: &RuleSet, annual_cents: i64, workers: u32) -> Applies {
    if rule.above_annual_cents.is_some_and(|t| annual_cents <= t) {
        return Applies::BelowThreshold;
    }
    let basis_points = rule
        .tiers
        .iter()
        .find(|t| t.up_to.is_none_or(|n| workers <= n))
        .map(|t| t.basis_points)
        .unwrap_or(0);
    // In 1/10000 of a post, integers only: no floating point near a legal boundary.
    let exact = u64::from(workers) * u64::from(basis_points);
    let whole = exact / 10_000;
    let required = match rule.rounding {
        Rounding::Down => whole,
        Rounding::Up if exact % 10_000 > 0 => whole + 1,
        Rounding::Up => whole,
    };
    Applies::Yes(Requirement {
        basis_points,
        exact_hundredths: exact / 100,
        required: u32::try_from(required).unwrap_or(u32::MAX),
    })
}

/// `450` → `4,50`; `300` (basis points) → `3%`.
pub fn hundredths_text(h: u64) -> String {
    format!("{},{:02}", h / 100, h % 100)
}

pub fn percent_text(basis_points: u32) -> String {
    if basis_points.is_multiple_of(100) {
        format!("{}%", basis_points / 100)
    } else {
        format!("{},{:02}%", basis_points / 100, basis_points % 100)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compliance {
    NotRequired,
    Met,
    /// Posts still missing.
    Short(u32),
}

pub fn compliance(applies: Applies, hired: u32) -> Compliance {
    match applies {
        Applies::BelowThreshold => Compliance::NotRequired,
        Applies::Yes(r) => status(r.required, hired),
    }
}

/// Compliance with `required` whole posts (0: nothing is required).
pub fn status(required: u32, hired: u32) -> Compliance {
    match required {
        0 => Compliance::NotRequired,
        r if hired >= r => Compliance::Met,
        r => Compliance::Short(r - hired),
    }
}

impl Compliance {
    /// What the company and the coordination read.
    pub fn label(self) -> String {
        match self {
            Compliance::NotRequired => "Sem cota".to_string(),
            Compliance::Met => "Cumprindo a cota".to_string(),
            Compliance::Short(n) => format!("Faltam {n}"),
        }
    }
}

/// The months (`AAAA-MM`) from `start` to `end` (`AAAA-MM-DD`), both included.
pub fn months(start: &str, end: &str) -> Vec<String> {
    let ym = |d: &str| -> Option<(i32, u32)> {
        Some((d.get(..4)?.parse().ok()?, d.get(5..7)?.parse().ok()?))
    };
    let (Some((mut y, mut m)), Some((ey, em))) = (ym(start), ym(end)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while (y, m) <= (ey, em) && out.len() < 600 {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// A job (`started`, `ended` as `AAAA-MM-DD`) counts in a month (`AAAA-MM`) if it was held on
/// any day of it.
pub fn active_in_month(started: &str, ended: Option<&str>, month: &str) -> bool {
    let first = format!("{month}-01");
    let last = format!("{month}-31");
    started <= last.as_str() && ended.is_none_or(|e| e >= first.as_str())
}

/// Selo Empresa Parceira: at least `min_hires` confirmed hires in the last 365 days.
pub fn earns_seal(confirmed_at: &[i64], now: i64, min_hires: usize) -> bool {
    min_hires > 0
        && confirmed_at
            .iter()
            .filter(|t| **t <= now && now - **t <= 365 * 86_400)
            .count()
            >= min_hires
}

#[cfg(test)]
mod tests {
    use super::*;

    fn federal(rounding: Rounding) -> RuleSet {
        RuleSet {
            code: "federal".into(),
            name: "Decreto 9.450/2018".into(),
            above_annual_cents: Some(33_000_000),
            tiers: parse_tiers("200:300;500:400;1000:500;*:600").expect("tiers"),
            rounding,
        }
    }

    fn required(rule: &RuleSet, cents: i64, workers: u32) -> Option<u32> {
        match requirement(rule, cents, workers) {
            Applies::Yes(r) => Some(r.required),
            Applies::BelowThreshold => None,
        }
    }

    #[test]
    fn the_threshold_is_strictly_above_330_thousand_reais() {
        let rule = federal(Rounding::Down);
        assert_eq!(
            required(&rule, 33_000_000, 200),
            None,
            "R$ 330.000,00 exactly"
        );
        assert_eq!(
            required(&rule, 33_000_001, 200),
            Some(6),
            "one centavo above"
        );
    }

    #[test]
    fn tier_boundaries() {
        let rule = federal(Rounding::Down);
        let bp = |w| match requirement(&rule, 50_000_000, w) {
            Applies::Yes(r) => r.basis_points,
            Applies::BelowThreshold => 0,
        };
        assert_eq!((bp(200), bp(201)), (300, 400));
        assert_eq!((bp(500), bp(501)), (400, 500));
        assert_eq!((bp(1000), bp(1001)), (500, 600));
        assert_eq!(required(&rule, 50_000_000, 200), Some(6));
        assert_eq!(required(&rule, 50_000_000, 201), Some(8), "8,04");
        assert_eq!(required(&rule, 50_000_000, 1001), Some(60), "60,06");
    }

    #[test]
    fn rounding_is_a_named_rule_and_the_exact_fraction_is_kept() {
        let down = federal(Rounding::Down);
        let up = federal(Rounding::Up);
        // 150 workers × 3% = 4,50 posts.
        assert_eq!(
            requirement(&down, 50_000_000, 150),
            Applies::Yes(Requirement {
                basis_points: 300,
                exact_hundredths: 450,
                required: 4
            })
        );
        assert_eq!(required(&up, 50_000_000, 150), Some(5));
        // Whole results are the same under both readings.
        assert_eq!(required(&down, 50_000_000, 100), Some(3));
        assert_eq!(required(&up, 50_000_000, 100), Some(3));
        // Small contracts: 20 workers × 3% = 0,60 → 0 posts (Down) or 1 (Up).
        assert_eq!(required(&down, 50_000_000, 20), Some(0));
        assert_eq!(required(&up, 50_000_000, 20), Some(1));
        assert_eq!(hundredths_text(450), "4,50");
        assert_eq!(percent_text(300), "3%");
        assert_eq!(percent_text(250), "2,50%");
    }

    #[test]
    fn state_rule_sets_are_data() {
        let mg = RuleSet {
            code: "mg".into(),
            name: "Minas Gerais".into(),
            above_annual_cents: None,
            tiers: parse_tiers("*:1000").expect("flat 10%"),
            rounding: Rounding::Down,
        };
        let mt = RuleSet {
            code: "mt".into(),
            name: "Mato Grosso".into(),
            above_annual_cents: None,
            tiers: parse_tiers("*:500").expect("flat 5%"),
            rounding: Rounding::Up,
        };
        assert_eq!(required(&mg, 1, 45), Some(4), "4,5 → 4");
        assert_eq!(required(&mt, 1, 45), Some(3), "2,25 → 3");
        assert_eq!(required(&mg, 0, 1000), Some(100));
    }

    #[test]
    fn tier_text_is_checked() {
        assert_eq!(parse_tiers("500:400;200:300;*:600"), None, "limits ascend");
        assert_eq!(parse_tiers("200:300"), None, "the last tier is open");
        assert_eq!(parse_tiers("*:300;*:400"), None);
        assert_eq!(parse_tiers("*:20000"), None, "at most 100%");
        assert_eq!(parse_tiers("x:1"), None);
    }

    #[test]
    fn compliance_and_months() {
        let rule = federal(Rounding::Down);
        let a = requirement(&rule, 50_000_000, 150);
        assert_eq!(compliance(a, 2), Compliance::Short(2));
        assert_eq!(compliance(a, 4), Compliance::Met);
        assert_eq!(
            compliance(requirement(&rule, 100, 150), 0),
            Compliance::NotRequired
        );
        assert_eq!(
            months("2026-11-15", "2027-02-01"),
            ["2026-11", "2026-12", "2027-01", "2027-02"]
        );
        assert!(active_in_month("2026-11-30", None, "2026-11"));
        assert!(!active_in_month("2026-12-01", None, "2026-11"));
        assert!(!active_in_month(
            "2026-01-10",
            Some("2026-10-31"),
            "2026-11"
        ));
        assert!(active_in_month("2026-01-10", Some("2026-11-01"), "2026-11"));
    }

    #[test]
    fn the_seal_counts_confirmed_hires_of_the_last_12_months() {
        let now = 1_795_618_800;
        let day = 86_400;
        let hires = [now - 10 * day, now - 200 * day, now - 400 * day];
        assert!(earns_seal(&hires, now, 2));
        assert!(
            !earns_seal(&hires, now, 3),
            "the third is older than a year"
        );
        assert!(!earns_seal(&[], now, 0), "a seal needs at least one hire");
    }
}
