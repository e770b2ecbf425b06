//! CBO 2002 (Classificação Brasileira de Ocupações): occupations as `NNNN-NN`; the first four
//! digits are the family. Only the occupations the product uses are named here; the codes
//! themselves are stored as 6 digits.

/// Occupations used by vacancies, with their CBO 2002 titles: the entry-level trades people
/// of this programme apply for (construction, cleaning, kitchen, retail, logistics,
/// maintenance, call centre, office, industry, farm). The first twenty keep their order: demo
/// vacancy ids depend on it.
pub const OCCUPATIONS: [(&str, &str); 34] = [
    ("715210", "Pedreiro"),
    ("717020", "Servente de obras"),
    ("716610", "Pintor de obras"),
    ("724110", "Encanador"),
    ("951105", "Eletricista de manutenção eletroeletrônica"),
    ("914405", "Mecânico de manutenção de automóveis"),
    (
        "514225",
        "Trabalhador de serviços de manutenção de edifícios e logradouros",
    ),
    ("514120", "Zelador de edifício"),
    ("514320", "Faxineiro"),
    ("513205", "Cozinheiro geral"),
    ("513405", "Garçom"),
    ("421125", "Operador de caixa"),
    ("521125", "Repositor de mercadorias"),
    ("411010", "Assistente administrativo"),
    ("414105", "Almoxarife"),
    ("783215", "Carregador (armazém)"),
    ("782510", "Motorista de caminhão"),
    ("784205", "Alimentador de linha de produção"),
    ("622020", "Trabalhador volante da agricultura"),
    ("848510", "Açougueiro"),
    ("715505", "Carpinteiro"),
    ("715615", "Eletricista de instalações"),
    ("514215", "Varredor de rua"),
    ("513505", "Auxiliar nos serviços de alimentação"),
    ("513435", "Atendente de lanchonete"),
    ("848305", "Padeiro"),
    ("521110", "Vendedor de comércio varejista"),
    ("521140", "Atendente de lojas e mercados"),
    ("782220", "Operador de empilhadeira"),
    (
        "519110",
        "Motociclista no transporte de documentos e pequenos volumes",
    ),
    ("784105", "Embalador, a mão"),
    ("422310", "Operador de telemarketing ativo e receptivo"),
    ("422105", "Recepcionista, em geral"),
    ("517410", "Porteiro de edifícios"),
];

/// `715210` → `7152-10`
pub fn format(code: &str) -> String {
    if code.len() == 6 {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_string()
    }
}

/// `7152-10` or `715210` → `715210`, if it is a known occupation.
pub fn parse(input: &str) -> Option<&'static str> {
    let digits: String = input.chars().filter(|c| c.is_ascii_digit()).collect();
    OCCUPATIONS
        .iter()
        .find(|(code, _)| *code == digits)
        .map(|(code, _)| *code)
}

pub fn title(code: &str) -> Option<&'static str> {
    OCCUPATIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, t)| *t)
}

pub fn family(code: &str) -> &str {
    code.get(..4).unwrap_or(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_have_families() {
        assert_eq!(format("715210"), "7152-10");
        assert_eq!(parse("7152-10"), Some("715210"));
        assert_eq!(parse("0000-00"), None);
        assert_eq!(family("715210"), "7152");
        assert_eq!(title("513405"), Some("Garçom"));
        for (code, _) in OCCUPATIONS {
            assert_eq!(code.len(), 6);
            assert!(code.chars().all(|c| c.is_ascii_digit()));
        }
    }
}
