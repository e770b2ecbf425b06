//! Field checks shared by the forms that create public content (vacancies, courses, services):
//! each adds a pt-BR message beside its field and returns the normalised value.

use crate::domain::FieldErrors;
use crate::domain::language::{Guard, message};
use crate::domain::place::{PlaceError, parse_uf_and_municipality};

/// Trimmed text of `min..=max` characters, free of the guard's stigmatising terms (see
/// `domain::language`; the terms come from `services::input::language::guard`).
pub fn text_field(
    guard: &Guard,
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    min: usize,
    max: usize,
    empty: &str,
) -> String {
    let value = value.trim().to_string();
    let len = value.chars().count();
    if len < min {
        errors.add(field, empty.to_string());
    } else if len > max {
        errors.add(field, format!("Escreva no máximo {max} caracteres."));
    } else if let Some(term) = guard.check(&value) {
        errors.add(field, message(term));
    }
    value
}

/// A UF and an IBGE municipality code that belong together; the error goes beside the field at fault.
pub fn place_field(
    errors: &mut FieldErrors,
    uf: &str,
    municipio: &str,
) -> Option<(String, String)> {
    match parse_uf_and_municipality(uf, municipio) {
        Ok(p) => Some(p),
        Err(e) => {
            let field = if matches!(e, PlaceError::UnknownUf) {
                "uf"
            } else {
                "municipio"
            };
            errors.add(field, e.to_string());
            None
        }
    }
}
