//! CNAE 2.3 subclass codes (IBGE/Concla): 7 digits, written `0000-0/00`. Optional on a
//! company's registration; only the shape is checked (the official list changes by resolution).

/// Digits of a CNAE subclass typed with or without punctuation, or `None`.
pub fn parse(input: &str) -> Option<String> {
    let digits: String = input.chars().filter(|c| c.is_ascii_digit()).collect();
    let only_punctuation = input
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ' '));
    (digits.len() == 7 && only_punctuation).then_some(digits)
}

/// `5611201` → `5611-2/01`.
pub fn format(digits: &str) -> String {
    if digits.len() == 7 && digits.chars().all(|c| c.is_ascii_digit()) {
        format!("{}-{}/{}", &digits[..4], &digits[4..5], &digits[5..])
    } else {
        digits.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subclasses_with_or_without_punctuation() {
        assert_eq!(parse("5611-2/01").as_deref(), Some("5611201"));
        assert_eq!(parse("5611201").as_deref(), Some("5611201"));
        assert_eq!(parse("5611-2/0"), None);
        assert_eq!(parse("56a1-2/01"), None);
        assert_eq!(format("5611201"), "5611-2/01");
    }
}
