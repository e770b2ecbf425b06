//! Brazilian states (UF) with their IBGE codes. An IBGE municipality code has 7 digits and its
//! first 2 are the state's code (IBGE, Divisão Territorial Brasileira).

pub const UFS: [(&str, &str, u8); 27] = [
    ("AC", "Acre", 12),
    ("AL", "Alagoas", 27),
    ("AM", "Amazonas", 13),
    ("AP", "Amapá", 16),
    ("BA", "Bahia", 29),
    ("CE", "Ceará", 23),
    ("DF", "Distrito Federal", 53),
    ("ES", "Espírito Santo", 32),
    ("GO", "Goiás", 52),
    ("MA", "Maranhão", 21),
    ("MG", "Minas Gerais", 31),
    ("MS", "Mato Grosso do Sul", 50),
    ("MT", "Mato Grosso", 51),
    ("PA", "Pará", 15),
    ("PB", "Paraíba", 25),
    ("PE", "Pernambuco", 26),
    ("PI", "Piauí", 22),
    ("PR", "Paraná", 41),
    ("RJ", "Rio de Janeiro", 33),
    ("RN", "Rio Grande do Norte", 24),
    ("RO", "Rondônia", 11),
    ("RR", "Roraima", 14),
    ("RS", "Rio Grande do Sul", 43),
    ("SC", "Santa Catarina", 42),
    ("SE", "Sergipe", 28),
    ("SP", "São Paulo", 35),
    ("TO", "Tocantins", 17),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    #[error("Escolha o estado (UF).")]
    UnknownUf,
    #[error("O código IBGE do município tem 7 números.")]
    BadMunicipalityCode,
    #[error("Este código IBGE é de outro estado. Os 2 primeiros números devem ser {0}.")]
    MunicipalityInOtherUf(u8),
}

/// Checks a UF and a municipality code together; returns them normalised.
pub fn parse_uf_and_municipality(uf: &str, code: &str) -> Result<(String, String), PlaceError> {
    let uf = uf.trim().to_uppercase();
    let Some((_, _, uf_code)) = UFS.iter().find(|(sigla, _, _)| *sigla == uf) else {
        return Err(PlaceError::UnknownUf);
    };
    let code = code.trim();
    if code.len() != 7 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(PlaceError::BadMunicipalityCode);
    }
    if code[..2] != uf_code.to_string() {
        return Err(PlaceError::MunicipalityInOtherUf(*uf_code));
    }
    Ok((uf, code.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn municipality_must_belong_to_the_state() {
        // Brasília (DF) is 5300108; Belo Horizonte (MG) is 3106200.
        assert_eq!(
            parse_uf_and_municipality("df", "5300108"),
            Ok(("DF".into(), "5300108".into()))
        );
        assert_eq!(
            parse_uf_and_municipality("DF", "3106200"),
            Err(PlaceError::MunicipalityInOtherUf(53))
        );
        assert_eq!(
            parse_uf_and_municipality("DF", "53001"),
            Err(PlaceError::BadMunicipalityCode)
        );
        assert_eq!(
            parse_uf_and_municipality("XX", "5300108"),
            Err(PlaceError::UnknownUf)
        );
    }
}
