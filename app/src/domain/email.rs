use serde::{Deserialize, Serialize};

/// An e-mail address, trimmed and lower-cased so that logins are not case-sensitive.
/// Only the shape is checked (something@domain.tld); delivery is not our business here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Digite o e-mail.")]
    Empty,
    #[error("Este e-mail não parece certo. Exemplo: nome@exemplo.org")]
    Invalid,
}

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(EmailError::Invalid);
        };
        let ok = !local.is_empty()
            && s.len() <= 254
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s.contains(char::is_whitespace)
            && !domain.contains('@');
        if ok {
            Ok(Email(s))
        } else {
            Err(EmailError::Invalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_spaces() {
        assert_eq!(
            Email::parse("  RH@Exemplo.org ").unwrap().as_str(),
            "rh@exemplo.org"
        );
    }

    #[test]
    fn rejects_what_is_not_an_address() {
        for bad in [
            "rh",
            "rh@",
            "@exemplo.org",
            "rh@exemplo",
            "r h@exemplo.org",
            "a@b@c.org",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Invalid), "{bad}");
        }
        assert_eq!(Email::parse(" "), Err(EmailError::Empty));
    }
}
