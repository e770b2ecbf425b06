//! CEP (Código de Endereçamento Postal, Correios): 8 digits, no check digit, written
//! `70040-010`. The ranges run from 01000-000 (São Paulo) to 99999-999; no CEP starts with
//! 00, so a number that does is a typing mistake, not an address.

use serde::{Deserialize, Serialize};

/// A CEP as stored: its 8 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cep(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CepError {
    #[error("Digite o CEP.")]
    Empty,
    #[error("Digite o CEP com 8 números. Exemplo: 70040-010")]
    WrongLength,
    #[error("Este CEP não existe. Nenhum CEP começa com 00. Confira os números.")]
    OutOfRange,
}

impl Cep {
    /// Accepts `70040-010`, `70040010`, `70.040-010`, with spaces around; letters or other
    /// signs are refused rather than dropped, so `7004O-010` (a letter O) is not read as
    /// another CEP.
    pub fn parse(input: &str) -> Result<Self, CepError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(CepError::Empty);
        }
        if trimmed
            .chars()
            .any(|c| !(c.is_ascii_digit() || matches!(c, '.' | '-' | ' ')))
        {
            return Err(CepError::WrongLength);
        }
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        if digits.len() != 8 {
            return Err(CepError::WrongLength);
        }
        if digits.starts_with("00") {
            return Err(CepError::OutOfRange);
        }
        Ok(Cep(digits))
    }

    /// The 8 digits, as stored.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// `70040-010`, as people write it.
    pub fn formatted(&self) -> String {
        format!("{}-{}", &self.0[..5], &self.0[5..])
    }

    /// A stored CEP as people write it; what is not a CEP is shown as it is.
    pub fn show(stored: &str) -> String {
        Cep::parse(stored).map_or_else(|_| stored.to_string(), |c| c.formatted())
    }

    pub fn into_digits(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ways_people_write_a_cep() {
        for typed in ["70040-010", "70040010", " 70.040-010 ", "70040 010"] {
            assert_eq!(
                Cep::parse(typed).map(|c| c.formatted()).as_deref(),
                Ok("70040-010")
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_cep() {
        assert_eq!(Cep::parse("  "), Err(CepError::Empty));
        assert_eq!(Cep::parse("123"), Err(CepError::WrongLength));
        assert_eq!(Cep::parse("700400100"), Err(CepError::WrongLength));
        // A letter O typed for a zero is refused, not dropped into a 7-digit number.
        assert_eq!(Cep::parse("7004O-010"), Err(CepError::WrongLength));
        assert_eq!(Cep::parse("CEP 70040-010"), Err(CepError::WrongLength));
        assert_eq!(Cep::parse("00040-010"), Err(CepError::OutOfRange));
    }

    #[test]
    fn shows_stored_digits_as_people_write_them() {
        assert_eq!(Cep::show("70302000"), "70302-000");
        assert_eq!(Cep::show(""), "");
    }
}
