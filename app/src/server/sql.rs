//! Hand-written SQL with bound values, the same text for SQLite (`?`) and PostgreSQL (`$n`):
//! for the few queries the query builder would make harder to read (joins with paging and
//! bounding boxes). Values are always bound, never formatted into the text.

use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, Statement, Value};

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

    /// Appends `(v1, v2, …)` for an `IN` list, each value bound. An empty list becomes
    /// `(NULL)`, which matches nothing (`IN ()` is not valid SQL on PostgreSQL).
    pub fn bind_list<V: Into<Value>>(&mut self, values: impl IntoIterator<Item = V>) -> &mut Sql {
        self.text.push('(');
        let mut empty = true;
        for value in values {
            if !empty {
                self.text.push_str(", ");
            }
            self.bind(value);
            empty = false;
        }
        if empty {
            self.text.push_str("NULL");
        }
        self.text.push(')');
        self
    }

    /// Appends another piece of SQL with its bound values (renumbered on PostgreSQL).
    pub fn append(&mut self, other: Sql) -> &mut Sql {
        let mut rest = other.text.as_str();
        let mut values = other.values.into_iter();
        // Each placeholder of `other`, in order, becomes one of ours.
        loop {
            let next = match self.backend {
                DatabaseBackend::Postgres => rest.find('$'),
                _ => rest.find('?'),
            };
            let Some(at) = next else {
                self.text.push_str(rest);
                return self;
            };
            self.text.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let digits = match self.backend {
                DatabaseBackend::Postgres => after.chars().take_while(char::is_ascii_digit).count(),
                _ => 0,
            };
            rest = &after[digits..];
            if let Some(v) = values.next() {
                self.bind(v);
            }
        }
    }

    /// Runs a `SELECT COUNT(…) AS n …` and gives `n` (0 when there is no row).
    pub async fn count(&self, db: &impl ConnectionTrait) -> Result<usize, DbErr> {
        let n: i64 = db
            .query_one_raw(self.statement())
            .await?
            .map(|r| r.try_get("", "n"))
            .transpose()?
            .unwrap_or(0);
        Ok(usize::try_from(n).unwrap_or(0))
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

    #[test]
    fn lists_bind_each_value_and_an_empty_list_matches_nothing() {
        let mut pg = Sql::new(DatabaseBackend::Postgres, "SELECT 1 WHERE a = ");
        pg.bind(0).push(" AND b IN ").bind_list([1, 2, 3]);
        assert_eq!(
            pg.statement().sql,
            "SELECT 1 WHERE a = $1 AND b IN ($2, $3, $4)"
        );
        let mut lite = Sql::new(DatabaseBackend::Sqlite, "SELECT 1 WHERE b IN ");
        lite.bind_list(Vec::<i32>::new());
        assert_eq!(lite.statement().sql, "SELECT 1 WHERE b IN (NULL)");
        assert_eq!(lite.statement().values.map(|v| v.0.len()), Some(0));
    }

    #[test]
    fn appended_pieces_keep_their_values_in_order() {
        for backend in [DatabaseBackend::Postgres, DatabaseBackend::Sqlite] {
            let mut outer = Sql::new(backend, "SELECT * FROM (");
            outer.bind(0);
            let mut inner = Sql::new(backend, " x WHERE a = ");
            inner.bind(1).push(" AND b = ").bind(2);
            outer.append(inner).push(") t WHERE c = ").bind(3);
            let st = outer.statement();
            let n = st.values.as_ref().map(|v| v.0.len());
            assert_eq!(n, Some(4));
            if backend == DatabaseBackend::Postgres {
                assert_eq!(
                    st.sql,
                    "SELECT * FROM ($1 x WHERE a = $2 AND b = $3) t WHERE c = $4"
                );
            } else {
                assert_eq!(
                    st.sql,
                    "SELECT * FROM (? x WHERE a = ? AND b = ?) t WHERE c = ?"
                );
            }
        }
    }
}
