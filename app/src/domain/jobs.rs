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
