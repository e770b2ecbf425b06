//! Vacancy vocabulary: shifts and contract types, their pt-BR labels and their schema.org
//! `employmentType` values.

pub const SHIFTS: [(&str, &str); 5] = [
    ("manha", "Manhã"),
    ("tarde", "Tarde"),
    ("noite", "Noite"),
    ("integral", "Integral"),
    ("escala", "Escala (plantões)"),
];

pub const EMPLOYMENT_TYPES: [(&str, &str); 4] = [
    ("clt", "CLT (carteira assinada)"),
    ("temporario", "Temporário"),
    ("estagio", "Estágio"),
    ("aprendiz", "Jovem aprendiz"),
];

pub fn shift_label(code: &str) -> &'static str {
    SHIFTS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("A combinar")
}

pub fn employment_label(code: &str) -> &'static str {
    EMPLOYMENT_TYPES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("A combinar")
}

/// schema.org JobPosting `employmentType`. A CLT job of 30 hours or more a week is full time.
pub fn schema_employment_type(code: &str, weekly_hours: i32) -> &'static str {
    match code {
        "temporario" => "TEMPORARY",
        "estagio" => "INTERN",
        "aprendiz" => "OTHER",
        _ if weekly_hours >= 30 => "FULL_TIME",
        _ => "PART_TIME",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_schema_types() {
        assert_eq!(shift_label("noite"), "Noite");
        assert_eq!(shift_label("???"), "A combinar");
        assert_eq!(schema_employment_type("clt", 44), "FULL_TIME");
        assert_eq!(schema_employment_type("clt", 20), "PART_TIME");
        assert_eq!(schema_employment_type("estagio", 30), "INTERN");
    }
}

pub const SCHOOLING: [(&str, &str); 8] = [
    ("fundamental_incompleto", "Ensino fundamental incompleto"),
    ("fundamental", "Ensino fundamental completo"),
    ("medio_incompleto", "Ensino médio incompleto"),
    ("medio", "Ensino médio completo"),
    ("tecnico", "Curso técnico"),
    ("superior_incompleto", "Ensino superior incompleto"),
    ("superior", "Ensino superior completo"),
    ("eja", "Estudando na EJA"),
];

pub const CONTACT_PREFERENCES: [(&str, &str); 3] = [
    ("whatsapp", "WhatsApp"),
    ("telefone", "Ligação"),
    ("email", "E-mail"),
];

/// Candidatura states, with what the person reads.
pub const APPLICATION_STATUSES: [(&str, &str); 6] = [
    ("enviada", "Enviada"),
    ("em_analise", "A empresa está analisando"),
    ("entrevista", "Chamada para entrevista"),
    ("contratada", "Contratada"),
    ("nao_selecionada", "Não selecionada desta vez"),
    ("desistiu", "Você desistiu"),
];

pub fn label<'a>(list: &'a [(&str, &'a str)], code: &str) -> &'a str {
    list.iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

/// A Brazilian phone with area code: 10 or 11 digits (DDD + number), punctuation ignored.
pub fn parse_phone(input: &str) -> Option<String> {
    let digits: String = input.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits
        .strip_prefix("55")
        .filter(|d| d.len() >= 10)
        .map(str::to_string)
        .unwrap_or(digits);
    ((digits.len() == 10 || digits.len() == 11) && !digits.starts_with('0')).then_some(digits)
}

/// `61998765432` → `(61) 99876-5432`; `6133334444` → `(61) 3333-4444`.
pub fn format_phone(digits: &str) -> String {
    if !(digits.len() == 10 || digits.len() == 11) || !digits.is_ascii() {
        return digits.to_string();
    }
    let (ddd, rest) = digits.split_at(2);
    let (a, b) = rest.split_at(rest.len() - 4);
    format!("({ddd}) {a}-{b}")
}

#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn phones_are_shown_as_people_write_them() {
        assert_eq!(format_phone("61998765432"), "(61) 99876-5432");
        assert_eq!(format_phone("6133334444"), "(61) 3333-4444");
        assert_eq!(format_phone("123"), "123");
    }

    #[test]
    fn phones_need_an_area_code() {
        assert_eq!(
            parse_phone("(61) 99876-5432").as_deref(),
            Some("61998765432")
        );
        assert_eq!(
            parse_phone("+55 61 3333-4444").as_deref(),
            Some("6133334444")
        );
        assert_eq!(parse_phone("99876-5432"), None);
        assert_eq!(parse_phone("061998765432"), None);
        assert_eq!(label(&APPLICATION_STATUSES, "desistiu"), "Você desistiu");
    }
}

/// Words that ask candidates for a criminal-record certificate. Asking for it without a legal
/// or job-specific reason is moral damage (TST, IRR Tema 1, 2017); the vacancy must drop it or
/// say why the law or the job requires it.
const RECORD_REQUESTS: [&str; 7] = [
    "antecedentes criminais",
    "antecedente criminal",
    "certidao de antecedentes",
    "atestado de antecedentes",
    "certidao criminal",
    "folha corrida",
    "nada consta criminal",
];

/// Does this vacancy text ask for a criminal-record certificate? (accents and case ignored)
pub fn asks_criminal_record(text: &str) -> bool {
    let folded = super::text::fold(text);
    RECORD_REQUESTS.iter().any(|r| folded.contains(r))
}

pub const CRIMINAL_RECORD_RULE: &str = "Pedir certidão de antecedentes criminais sem motivo é discriminação (TST, Tema 1, 2017). Tire o pedido do texto ou, se a lei ou a função exigir (por exemplo: vigilante, cuidado de crianças ou idosos), explique no campo “Por que a função exige certidão”.";

#[cfg(test)]
mod record_tests {
    use super::asks_criminal_record;

    #[test]
    fn criminal_record_requests_are_found_whatever_the_spelling() {
        assert!(asks_criminal_record(
            "Apresentar CERTIDÃO DE ANTECEDENTES na admissão"
        ));
        assert!(asks_criminal_record(
            "Exigimos atestado de antecedentes criminais."
        ));
        assert!(asks_criminal_record("trazer folha corrida"));
        assert!(!asks_criminal_record(
            "Trazer carteira de trabalho e comprovante de residência"
        ));
    }
}
