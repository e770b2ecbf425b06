//! CNPJ (Cadastro Nacional da Pessoa Jurídica): 14 characters. From July 2026 new
//! registrations may be alphanumeric (IN RFB 2.229/2024): the first 12 positions are 0-9 or
//! A-Z, each worth its ASCII code − 48; the two check digits stay numeric, mod 11 with weights
//! 5,4,3,2,9,8,7,6,5,4,3,2 and then 6,5,4,3,2,9,8,7,6,5,4,3,2. Stored as text.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A valid CNPJ, stored as its 14 characters (upper case, no punctuation).
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cnpj(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CnpjError {
    #[error("Digite o CNPJ.")]
    Empty,
    #[error("O CNPJ tem 14 números ou letras.")]
    WrongLength,
    #[error("Os dois últimos caracteres do CNPJ são números.")]
    LettersInCheckDigits,
    #[error("Este CNPJ não é válido. Confira os caracteres.")]
    BadCheckDigits,
}

const FIRST_WEIGHTS: [u32; 12] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const SECOND_WEIGHTS: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

impl Cnpj {
    /// Accepts `11.444.777/0001-61`, `12.ABC.345/01DE-35`, lower case letters, or no punctuation.
    pub fn parse(input: &str) -> Result<Self, CnpjError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(CnpjError::Empty);
        }
        let mut chars = Vec::with_capacity(14);
        for c in trimmed.chars() {
            match c {
                '.' | '/' | '-' | ' ' => {}
                c if c.is_ascii_alphanumeric() => chars.push(c.to_ascii_uppercase()),
                _ => return Err(CnpjError::WrongLength),
            }
        }
        if chars.len() != 14 {
            return Err(CnpjError::WrongLength);
        }
        if !chars[12].is_ascii_digit() || !chars[13].is_ascii_digit() {
            return Err(CnpjError::LettersInCheckDigits);
        }
        if chars.iter().all(|c| *c == chars[0]) {
            return Err(CnpjError::BadCheckDigits);
        }
        // ASCII code − 48: '0'..'9' → 0..9, 'A'..'Z' → 17..42.
        let values: Vec<u32> = chars.iter().map(|c| *c as u32 - 48).collect();
        let check = |weights: &[u32]| -> u32 {
            let sum: u32 = values.iter().zip(weights).map(|(v, w)| v * w).sum();
            let r = sum % 11;
            if r < 2 { 0 } else { 11 - r }
        };
        if check(&FIRST_WEIGHTS) != values[12] || check(&SECOND_WEIGHTS) != values[13] {
            return Err(CnpjError::BadCheckDigits);
        }
        Ok(Cnpj(chars.into_iter().collect()))
    }

    /// Completes a 12-character base (0-9, A-Z) with its two check digits.
    pub fn with_check_digits(base: &str) -> Option<Cnpj> {
        let base = base.to_ascii_uppercase();
        if base.len() != 12 || !base.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let values: Vec<u32> = base.chars().map(|c| c as u32 - 48).collect();
        let digit = |vals: &[u32], weights: &[u32]| -> u32 {
            let r = vals.iter().zip(weights).map(|(v, w)| v * w).sum::<u32>() % 11;
            if r < 2 { 0 } else { 11 - r }
        };
        let first = digit(&values, &FIRST_WEIGHTS);
        let mut with_first = values.clone();
        with_first.push(first);
        let second = digit(&with_first, &SECOND_WEIGHTS);
        Cnpj::parse(&format!("{base}{first}{second}")).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `12.ABC.345/01DE-35`
    pub fn formatted(&self) -> String {
        let c = &self.0;
        format!(
            "{}.{}.{}/{}-{}",
            &c[0..2],
            &c[2..5],
            &c[5..8],
            &c[8..12],
            &c[12..14]
        )
    }
}

impl fmt::Debug for Cnpj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cnpj({})", self.formatted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_numeric_reference_cnpj() {
        let cnpj = Cnpj::parse("11.444.777/0001-61").unwrap();
        assert_eq!(cnpj.as_str(), "11444777000161");
        assert_eq!(cnpj.formatted(), "11.444.777/0001-61");
        assert_eq!(Cnpj::parse("11444777000161").unwrap(), cnpj);
    }

    #[test]
    fn accepts_the_alphanumeric_reference_cnpj_in_any_case() {
        let cnpj = Cnpj::parse("12.ABC.345/01DE-35").unwrap();
        assert_eq!(cnpj.as_str(), "12ABC34501DE35");
        assert_eq!(Cnpj::parse("12abc34501de35").unwrap(), cnpj);
        assert_eq!(cnpj.formatted(), "12.ABC.345/01DE-35");
    }

    #[test]
    fn completes_a_base_with_its_check_digits() {
        assert_eq!(
            Cnpj::with_check_digits("114447770001").unwrap().as_str(),
            "11444777000161"
        );
        assert_eq!(
            Cnpj::with_check_digits("12abc34501de").unwrap().as_str(),
            "12ABC34501DE35"
        );
        assert!(Cnpj::with_check_digits("1234").is_none());
    }

    #[test]
    fn rejects_wrong_check_digits() {
        assert_eq!(
            Cnpj::parse("11.444.777/0001-62"),
            Err(CnpjError::BadCheckDigits)
        );
        assert_eq!(
            Cnpj::parse("12.ABC.345/01DE-36"),
            Err(CnpjError::BadCheckDigits)
        );
        // Same digits with one letter changed: the checksum must notice.
        assert_eq!(
            Cnpj::parse("12.ABD.345/01DE-35"),
            Err(CnpjError::BadCheckDigits)
        );
    }

    #[test]
    fn rejects_letters_in_check_digits_wrong_length_and_repeats() {
        assert_eq!(
            Cnpj::parse("12.ABC.345/01DE-3A"),
            Err(CnpjError::LettersInCheckDigits)
        );
        assert_eq!(
            Cnpj::parse("11.444.777/0001-6"),
            Err(CnpjError::WrongLength)
        );
        assert_eq!(
            Cnpj::parse("11.444.777/0001-611"),
            Err(CnpjError::WrongLength)
        );
        assert_eq!(
            Cnpj::parse("11.444.777/0001-6!"),
            Err(CnpjError::WrongLength)
        );
        assert_eq!(
            Cnpj::parse("00000000000000"),
            Err(CnpjError::BadCheckDigits)
        );
        assert_eq!(Cnpj::parse(""), Err(CnpjError::Empty));
    }
}
