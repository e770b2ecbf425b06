//! Hand-written SQL with bound values, the same text for SQLite (`?`) and PostgreSQL (`$n`):
//! for the few queries the query builder would make harder to read (joins with paging and
//! bounding boxes). Values are always bound, never formatted into the text.

use sea_orm::{DatabaseBackend, Statement, Value};

pub struct Sql {
    backend: DatabaseBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    pub fn new(backend: DatabaseBackend, text: &str) -> Sql {
        Sql {
            backend,
            text: text.to_string(),
            values: Vec::new(),
        }
    }

    /// Appends text (never user input).
    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder bound to `value`.
    pub fn bind(&mut self, value: impl Into<Value>) -> &mut Sql {
        self.values.push(value.into());
        let mark = match self.backend {
            DatabaseBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_string(),
        };
        self.text.push_str(&mark);
        self
    }

    pub fn statement(&self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text.clone(), self.values.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_database() {
        let mut pg = Sql::new(DatabaseBackend::Postgres, "SELECT 1 WHERE a = ");
        pg.bind(1).push(" AND b = ").bind("x");
        assert_eq!(pg.statement().sql, "SELECT 1 WHERE a = $1 AND b = $2");
        let mut lite = Sql::new(DatabaseBackend::Sqlite, "SELECT 1 WHERE a = ");
        lite.bind(1).push(" AND b = ").bind("x");
        assert_eq!(lite.statement().sql, "SELECT 1 WHERE a = ? AND b = ?");
        assert_eq!(lite.statement().values.map(|v| v.0.len()), Some(2));
    }
}
