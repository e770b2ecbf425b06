//! What a person types to log in: a CPF (egressos) or an e-mail (everyone else).

use crate::domain::{Cpf, Email};

#[derive(Debug, Clone)]
pub enum LoginId {
    Cpf(Cpf),
    Email(Email),
}

impl LoginId {
    /// An `@` means e-mail; anything else must be a valid CPF.
    pub fn parse(input: &str) -> Result<LoginId, &'static str> {
        let s = input.trim();
        if s.is_empty() {
            return Err("Digite seu CPF ou seu e-mail.");
        }
        if s.contains('@') {
            Email::parse(s)
                .map(LoginId::Email)
                .map_err(|_| "Este e-mail não parece certo. Exemplo: nome@exemplo.org")
        } else {
            Cpf::parse(s)
                .map(LoginId::Cpf)
                .map_err(|_| "Digite um CPF válido (11 números) ou seu e-mail.")
        }
    }

    /// A key for counting attempts. Not logged.
    pub fn key(&self) -> String {
        match self {
            LoginId::Cpf(c) => format!("cpf:{}", c.digits()),
            LoginId::Email(e) => format!("email:{}", e.as_str()),
        }
    }
}
