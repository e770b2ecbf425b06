//! Password rules. No composition puzzles (low-literacy users; NIST SP 800-63B): only a
//! minimum length, a maximum to bound hashing work, and the two typed copies must match.

pub const MIN_LEN: usize = 8;
pub const MAX_LEN: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NewPasswordError {
    #[error("A senha precisa ter pelo menos 8 letras, números ou símbolos.")]
    TooShort,
    #[error("A senha pode ter no máximo 128 caracteres.")]
    TooLong,
    #[error("As duas senhas não são iguais. Digite de novo.")]
    Mismatch,
}

pub fn check_new_password(password: &str, confirmation: &str) -> Result<(), NewPasswordError> {
    let len = password.chars().count();
    if len < MIN_LEN {
        return Err(NewPasswordError::TooShort);
    }
    if len > MAX_LEN {
        return Err(NewPasswordError::TooLong);
    }
    if password != confirmation {
        return Err(NewPasswordError::Mismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_the_only_rule_besides_matching() {
        assert_eq!(
            check_new_password("curta", "curta"),
            Err(NewPasswordError::TooShort)
        );
        assert_eq!(check_new_password("minhacasa", "minhacasa"), Ok(()));
        assert_eq!(
            check_new_password("minhacasa", "minhacas"),
            Err(NewPasswordError::Mismatch)
        );
        let long = "a".repeat(129);
        assert_eq!(
            check_new_password(&long, &long),
            Err(NewPasswordError::TooLong)
        );
        // Counted in characters, not bytes: 8 accented letters are enough.
        assert_eq!(check_new_password("ãéíõúçâê", "ãéíõúçâê"), Ok(()));
    }
}
