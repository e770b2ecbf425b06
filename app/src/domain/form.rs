use serde::{Deserialize, Serialize};

/// Errors to show beside form fields, keyed by the field's `name`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(Vec<(String, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.0.push((field.to_string(), message.into()));
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(f, m)| (f.as_str(), m.as_str()))
    }
}

/// The page a list was asked for (`?pagina=`): a number from 1 up; anything else — empty,
/// negative, not a number, absurdly far — is page 1, so an old or mangled link still works.
pub fn page_number(input: &str) -> u64 {
    input
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|p| (1..=100_000).contains(p))
        .unwrap_or(1)
}

/// A record a form offers to choose (`components::picker`): a service, a person.
#[derive(Clone, Debug)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// What tells two alike apart (a place; a category and a masked CPF).
    pub detail: String,
}

/// What a picker shows: the record chosen so far and what the search found.
#[derive(Clone, Debug, Default)]
pub struct Picker {
    pub chosen: Option<Choice>,
    pub found: Vec<Choice>,
    /// How many records match in all (only the first ones are offered).
    pub total: u64,
    pub searched: bool,
}

#[cfg(test)]
mod page_tests {
    use super::page_number;

    #[test]
    fn bad_page_numbers_are_page_one() {
        assert_eq!(page_number("3"), 3);
        assert_eq!(page_number(" 2 "), 2);
        for bad in ["", "0", "-1", "abc", "99999999999999999999", "100001"] {
            assert_eq!(page_number(bad), 1, "{bad}");
        }
    }
}
