//! Property tests of the parsers that take outside input (issue 15, point 5): whatever a
//! person or a file sends, the parser answers — a value, or a clear pt-BR message — and never
//! panics; and what the app itself writes reads back to the same value. The checks are in
//! `invariants`, shared with the fuzz targets (`fuzz/`).

use super::cep::{Cep, CepError};
use super::cnpj::{Cnpj, CnpjError};
use super::cpf::{Cpf, CpfError};
use super::invariants;
use proptest::prelude::*;

/// Any text, with a bias towards what the parsers look at: digits, separators, letters with
/// accents, spaces, and the odd control or wide character.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9 .,/:;Rh$T-]{0,40}",
        "[0-9A-Za-zçãéÇÃÉ .:/-]{0,40}",
        "(seg|ter|qua|qui|sex|sab|dom|[a-z]{1,4})(-[a-z]{1,4})? [0-9]{1,3}:[0-9]{1,3}-[0-9]{1,3}:[0-9]{1,3}(; )?",
    ]
}

/// CPF check digits (Receita Federal: weights 10..2 and 11..2, remainder < 2 gives 0), written
/// again here so the parser is checked against an independent copy.
fn cpf_with_check_digits(base: &[u32; 9]) -> String {
    let digit = |digits: &[u32]| {
        let top = digits.len() as u32 + 1;
        let sum: u32 = digits.iter().zip((2..=top).rev()).map(|(d, w)| d * w).sum();
        let r = sum % 11;
        if r < 2 { 0 } else { 11 - r }
    };
    let mut all = base.to_vec();
    all.push(digit(&all));
    all.push(digit(&all));
    all.iter().map(|d| char::from(b'0' + *d as u8)).collect()
}

/// Alphanumeric CNPJ check digits (IN RFB 2.229/2024: each character counts its ASCII code
/// minus 48; weights 2..9 from the right; remainder < 2 gives 0).
fn cnpj_with_check_digits(base: &str) -> String {
    let digit = |chars: &[u8]| {
        let sum: u32 = chars
            .iter()
            .rev()
            .zip((2..=9).cycle())
            .map(|(c, w)| (*c as u32 - 48) * w)
            .sum();
        let r = sum % 11;
        if r < 2 { 0 } else { 11 - r }
    };
    let mut all = base.as_bytes().to_vec();
    all.push(b'0' + digit(&all) as u8);
    all.push(b'0' + digit(&all) as u8);
    String::from_utf8(all).unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn cpf_answers_any_text(input in typed()) {
        prop_assert_eq!(invariants::cpf(&input), Ok(()));
    }

    #[test]
    fn a_valid_cpf_is_read_however_it_is_typed(
        base in prop::array::uniform9(0u32..10),
        dots in any::<bool>(),
        spaces in any::<bool>(),
    ) {
        let digits = cpf_with_check_digits(&base);
        prop_assume!(!digits.chars().all(|c| c == digits.chars().next().unwrap_or('0')));
        let typed = if dots {
            format!("{}.{}.{}-{}", &digits[..3], &digits[3..6], &digits[6..9], &digits[9..])
        } else {
            digits.clone()
        };
        let typed = if spaces { format!("  {typed} ") } else { typed };
        let cpf = Cpf::parse(&typed);
        prop_assert_eq!(cpf.as_ref().map(|c| c.digits()), Ok(digits.as_str()));
        // One check digit off: refused as such, never read as another person's CPF.
        let mut wrong: Vec<char> = digits.chars().collect();
        wrong[10] = if wrong[10] == '9' { '0' } else { char::from(wrong[10] as u8 + 1) };
        let wrong: String = wrong.into_iter().collect();
        prop_assert_eq!(Cpf::parse(&wrong).err(), Some(CpfError::BadCheckDigits));
    }

    #[test]
    fn cep_answers_any_text(input in typed()) {
        prop_assert_eq!(invariants::cep(&input), Ok(()));
    }

    #[test]
    fn a_cep_is_read_however_it_is_typed(
        digits in "[1-9][0-9]{7}",
        style in 0usize..4,
        spaces in any::<bool>(),
    ) {
        let typed = match style {
            0 => digits.clone(),
            1 => format!("{}-{}", &digits[..5], &digits[5..]),
            2 => format!("{}.{}-{}", &digits[..2], &digits[2..5], &digits[5..]),
            _ => format!("{} {}", &digits[..5], &digits[5..]),
        };
        let typed = if spaces { format!(" {typed}  ") } else { typed };
        let cep = Cep::parse(&typed);
        prop_assert_eq!(cep.as_ref().map(|c| c.digits()), Ok(digits.as_str()));
        // One digit too few or one letter in place of a digit: refused, never another CEP.
        prop_assert_eq!(Cep::parse(&typed.replacen(&digits[7..], "", 1)).err(), Some(CepError::WrongLength));
        prop_assert_eq!(Cep::parse(&typed.replacen(&digits[..1], "O", 1)).err(), Some(CepError::WrongLength));
    }

    #[test]
    fn cnpj_answers_any_text(input in typed()) {
        prop_assert_eq!(invariants::cnpj(&input), Ok(()));
    }

    #[test]
    fn an_alphanumeric_cnpj_is_read_in_any_case_and_punctuation(
        base in "[0-9A-Z]{12}",
        lower in any::<bool>(),
        punctuated in any::<bool>(),
    ) {
        let cnpj = cnpj_with_check_digits(&base);
        let mut typed = if punctuated {
            format!("{}.{}.{}/{}-{}", &cnpj[..2], &cnpj[2..5], &cnpj[5..8], &cnpj[8..12], &cnpj[12..])
        } else {
            cnpj.clone()
        };
        if lower {
            typed = typed.to_lowercase();
        }
        prop_assert_eq!(Cnpj::parse(&typed).map(|c| c.as_str().to_string()), Ok(cnpj.clone()));
        let mut wrong = cnpj.into_bytes();
        wrong[13] = if wrong[13] == b'9' { b'0' } else { wrong[13] + 1 };
        let wrong = String::from_utf8(wrong).unwrap_or_default();
        prop_assert_eq!(Cnpj::parse(&wrong).err(), Some(CnpjError::BadCheckDigits));
    }

    #[test]
    fn money_answers_any_text_and_reads_back_what_it_writes(
        input in typed(),
        cents in 0i64..100_000_000_000,
    ) {
        prop_assert_eq!(invariants::money(&input, cents), Ok(()));
    }

    #[test]
    fn dates_answer_any_text_and_read_back_what_they_write(
        input in typed(),
        minute in 0i64..(200 * 365 * 24 * 60),
    ) {
        prop_assert_eq!(invariants::dates(&input, minute), Ok(()));
    }

    #[test]
    fn opening_hours_answer_any_text(input in typed()) {
        prop_assert_eq!(invariants::opening_hours(&input), Ok(()));
    }

    #[test]
    fn the_search_query_is_analysed_whatever_it_holds(input in typed()) {
        prop_assert_eq!(invariants::search_query(&input), Ok(()));
    }

    /// A place typed by staff goes into a calendar file and stays one property.
    #[test]
    fn calendar_text_cannot_break_out_of_its_property(place in any::<String>()) {
        prop_assert_eq!(invariants::calendar_place(&place), Ok(()));
    }
}
