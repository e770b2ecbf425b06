//! CPF (Cadastro de Pessoas Físicas): 11 digits, two mod-11 check digits.
//! Rule (Receita Federal): weights 10..2 for the first check digit, 11..2 for the second;
//! remainder < 2 → 0, otherwise 11 − remainder. Sequences of one repeated digit are invalid.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A valid CPF, stored as its 11 digits.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cpf(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CpfError {
    #[error("Digite o CPF.")]
    Empty,
    #[error("O CPF tem 11 números.")]
    WrongLength,
    #[error("Este CPF não é válido. Confira os números.")]
    BadCheckDigits,
}

impl Cpf {
    /// Accepts `529.982.247-25`, `52998224725` or with spaces; nothing else.
    pub fn parse(input: &str) -> Result<Self, CpfError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(CpfError::Empty);
        }
        if trimmed
            .chars()
            .any(|c| !(c.is_ascii_digit() || matches!(c, '.' | '-' | ' ')))
        {
            return Err(CpfError::WrongLength);
        }
        let digits: Vec<u32> = trimmed.chars().filter_map(|c| c.to_digit(10)).collect();
        if digits.len() != 11 {
            return Err(CpfError::WrongLength);
        }
        if digits.iter().all(|d| *d == digits[0]) {
            return Err(CpfError::BadCheckDigits);
        }
        let check = |len: usize| -> u32 {
            let sum: u32 = digits[..len]
                .iter()
                .zip((2..=(len as u32 + 1)).rev())
                .map(|(d, w)| d * w)
                .sum();
            let r = sum % 11;
            if r < 2 { 0 } else { 11 - r }
        };
        if check(9) != digits[9] || check(10) != digits[10] {
            return Err(CpfError::BadCheckDigits);
        }
        Ok(Cpf(digits
            .iter()
            .map(|d| char::from(b'0' + *d as u8))
            .collect()))
    }

    /// The 11 digits, as stored.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// `529.982.247-25`, for showing to the person who owns it.
    pub fn formatted(&self) -> String {
        let d = &self.0;
        format!("{}.{}.{}-{}", &d[0..3], &d[3..6], &d[6..9], &d[9..11])
    }

    /// `***.982.247-**`: enough for staff to tell people apart on a list, not enough to copy.
    pub fn masked(&self) -> String {
        let d = &self.0;
        format!("***.{}.{}-**", &d[3..6], &d[6..9])
    }
}

// Never print a whole CPF by accident (logs, panics, debug output).
impl fmt::Debug for Cpf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cpf({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_reference_cpf_with_or_without_punctuation() {
        for input in ["529.982.247-25", "52998224725", " 529 982 247 25 "] {
            let cpf = Cpf::parse(input).expect(input);
            assert_eq!(cpf.digits(), "52998224725");
            assert_eq!(cpf.formatted(), "529.982.247-25");
        }
    }

    #[test]
    fn rejects_wrong_check_digits() {
        assert_eq!(Cpf::parse("529.982.247-24"), Err(CpfError::BadCheckDigits));
        assert_eq!(Cpf::parse("529.982.247-15"), Err(CpfError::BadCheckDigits));
    }

    #[test]
    fn rejects_repeated_digits_even_though_they_pass_the_checksum() {
        for d in 0..=9 {
            let s = d.to_string().repeat(11);
            assert_eq!(Cpf::parse(&s), Err(CpfError::BadCheckDigits), "{s}");
        }
    }

    #[test]
    fn rejects_wrong_length_letters_and_empty() {
        assert_eq!(Cpf::parse(""), Err(CpfError::Empty));
        assert_eq!(Cpf::parse("   "), Err(CpfError::Empty));
        assert_eq!(Cpf::parse("5299822472"), Err(CpfError::WrongLength));
        assert_eq!(Cpf::parse("529982247255"), Err(CpfError::WrongLength));
        assert_eq!(Cpf::parse("529.982.247-2A"), Err(CpfError::WrongLength));
    }

    #[test]
    fn debug_output_never_shows_the_whole_number() {
        let cpf = Cpf::parse("529.982.247-25").unwrap();
        let shown = format!("{cpf:?}");
        assert!(!shown.contains("52998224725"), "{shown}");
        assert_eq!(cpf.masked(), "***.982.247-**");
    }
}
