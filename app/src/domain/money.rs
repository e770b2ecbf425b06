//! Amounts in centavos, shown the Brazilian way.

/// `185000` → `R$ 1.850,00`
pub fn brl(cents: i64) -> String {
    let negative = cents < 0;
    let cents = cents.unsigned_abs();
    let (reais, centavos) = (cents / 100, cents % 100);
    let digits = reais.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!(
        "{}R$ {grouped},{centavos:02}",
        if negative { "-" } else { "" }
    )
}

/// `185000` → `1.850,00`: an amount to put back in a form field (`parse_reais` reads it).
pub fn reais_for_input(cents: i64) -> String {
    brl(cents).replacen("R$ ", "", 1)
}

/// Parses what a person types as reais ("1850", "1.850", "1850,50", "R$ 1.850,00") to centavos.
pub fn parse_reais(input: &str) -> Option<i64> {
    let s: String = input
        .trim()
        .trim_start_matches("R$")
        .trim()
        .chars()
        .filter(|c| *c != '.' && *c != ' ')
        .collect();
    if s.is_empty() {
        return None;
    }
    let (whole, frac) = match s.split_once(',') {
        Some((w, f)) if !f.is_empty() && f.len() <= 2 && f.chars().all(|c| c.is_ascii_digit()) => (
            w,
            if f.len() == 1 {
                format!("{f}0")
            } else {
                f.to_string()
            },
        ),
        Some(_) => return None,
        None => (s.as_str(), "00".to_string()),
    };
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || whole.len() > 9 {
        return None;
    }
    Some(whole.parse::<i64>().ok()? * 100 + frac.parse::<i64>().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_reais() {
        assert_eq!(brl(185_000), "R$ 1.850,00");
        assert_eq!(brl(5), "R$ 0,05");
        assert_eq!(brl(123_456_789), "R$ 1.234.567,89");
        assert_eq!(parse_reais("1850"), Some(185_000));
        assert_eq!(reais_for_input(185_000), "1.850,00");
        assert_eq!(parse_reais(&reais_for_input(185_050)), Some(185_050));
        assert_eq!(parse_reais("R$ 1.850,5"), Some(185_050));
        assert_eq!(parse_reais("1.850,00"), Some(185_000));
        assert_eq!(parse_reais("mil"), None);
        assert_eq!(parse_reais("12,345"), None);
        assert_eq!(parse_reais(""), None);
    }
}
