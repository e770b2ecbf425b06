//! What a backup reads and a restore writes, table by table, on each backend. The rows go
//! through sqlx (under sea-orm) as they are stored, so nothing is converted on the way:
//! - SQLite: each row is a JSON array of its values by storage class (integer, real, text,
//!   blob as `{"b": hex}`), bound back with the same class.
//! - PostgreSQL: each row is the server's own `to_jsonb` of the row, read back with
//!   `jsonb_populate_recordset`, PostgreSQL's own inverse of it.
//!
//! Generated columns are left out (the database computes them again) and so are SQLite's
//! internal tables. Tables are listed parents first (by their foreign keys), so a restore
//! inserts in that order.

use futures::TryStreamExt;
// Every SQL text built here names tables and columns read from the database's own catalog,
// quoted by `quote`; values are always bound. Hence `AssertSqlSafe`.
use sea_orm::sqlx::{self, AssertSqlSafe, PgConnection, Row, SqliteConnection, TypeInfo, ValueRef};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// sea-orm's record of applied migrations: restored by migrating, not copied.
pub const MIGRATIONS_TABLE: &str = "seaql_migrations";

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Table {
    pub name: String,
    /// Stored columns, in the table's order.
    pub columns: Vec<String>,
    /// Primary key columns: rows are read in this order.
    pub key: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("table {table}: {problem}")]
    Data { table: String, problem: String },
    #[error("writing the backup: {0}")]
    Io(#[from] std::io::Error),
}

/// A table or column name as an SQL identifier.
pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn column_list(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| quote(c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Kahn's order over "child references parent" edges; ties by name so two backups of the
/// same schema list tables alike. Self-references are ignored (a row's parent row comes first
/// in key order); a cycle, which this schema does not have, leaves those tables at the end.
fn parents_first(names: Vec<String>, edges: &[(String, String)]) -> Vec<String> {
    let known: BTreeSet<&String> = names.iter().collect();
    let mut parents: BTreeMap<&str, BTreeSet<&str>> = names
        .iter()
        .map(|n| (n.as_str(), BTreeSet::new()))
        .collect();
    for (child, parent) in edges {
        if child != parent && known.contains(child) && known.contains(parent) {
            parents
                .entry(child.as_str())
                .or_default()
                .insert(parent.as_str());
        }
    }
    let mut order = Vec::with_capacity(names.len());
    let mut placed = BTreeSet::new();
    loop {
        let ready: Vec<&str> = parents
            .iter()
            .filter(|(n, ps)| !placed.contains(*n) && ps.iter().all(|p| placed.contains(p)))
            .map(|(n, _)| *n)
            .collect();
        if ready.is_empty() {
            break;
        }
        for n in ready {
            placed.insert(n);
            order.push(n.to_string());
        }
    }
    for n in &names {
        if !placed.contains(n.as_str()) {
            order.push(n.clone());
        }
    }
    order
}

/// The described tables, parents first.
fn in_parent_order(
    names: Vec<String>,
    edges: &[(String, String)],
    mut described: BTreeMap<String, Table>,
) -> Vec<Table> {
    parents_first(names, edges)
        .into_iter()
        .filter_map(|n| described.remove(&n))
        .collect()
}

pub mod sqlite {
    use super::*;

    pub async fn user_tables(conn: &mut SqliteConnection) -> Result<Vec<String>, sqlx::Error> {
        // `pragma_table_list` marks FTS shadow tables as 'shadow' and views as 'view'.
        let rows = sqlx::query(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .fetch_all(&mut *conn)
        .await?;
        rows.iter().map(|r| r.try_get::<String, _>(0)).collect()
    }

    pub async fn tables(conn: &mut SqliteConnection) -> Result<Vec<Table>, sqlx::Error> {
        let names: Vec<String> = user_tables(conn)
            .await?
            .into_iter()
            .filter(|n| n != MIGRATIONS_TABLE)
            .collect();
        let mut edges = Vec::new();
        let mut described = BTreeMap::new();
        for name in &names {
            for r in sqlx::query("SELECT \"table\" FROM pragma_foreign_key_list(?)")
                .bind(name)
                .fetch_all(&mut *conn)
                .await?
            {
                edges.push((name.clone(), r.try_get::<String, _>(0)?));
            }
            // hidden: 0 stored, 1 hidden (virtual tables), 2 and 3 generated.
            let cols = sqlx::query(
                "SELECT name, pk FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid",
            )
            .bind(name)
            .fetch_all(&mut *conn)
            .await?;
            let mut key: Vec<(i64, String)> = Vec::new();
            let mut columns = Vec::new();
            for c in cols {
                let col: String = c.try_get(0)?;
                let pk: i64 = c.try_get(1)?;
                if pk > 0 {
                    key.push((pk, col.clone()));
                }
                columns.push(col);
            }
            key.sort();
            described.insert(
                name.clone(),
                Table {
                    name: name.clone(),
                    columns,
                    key: key.into_iter().map(|(_, c)| c).collect(),
                },
            );
        }
        Ok(in_parent_order(names, &edges, described))
    }

    fn value(row: &sqlx::sqlite::SqliteRow, i: usize, table: &str) -> Result<Value, TableError> {
        let raw = row.try_get_raw(i)?;
        if raw.is_null() {
            return Ok(Value::Null);
        }
        let class = raw.type_info().name().to_string();
        Ok(match class.as_str() {
            "INTEGER" => Value::from(row.try_get_unchecked::<i64, _>(i)?),
            "REAL" => {
                let f = row.try_get_unchecked::<f64, _>(i)?;
                // JSON has no infinity; SQLite stores NaN as NULL.
                serde_json::Number::from_f64(f)
                    .map(Value::Number)
                    .ok_or_else(|| TableError::Data {
                        table: table.into(),
                        problem: "a real number that is not finite".into(),
                    })?
            }
            "TEXT" => Value::from(row.try_get_unchecked::<String, _>(i)?),
            "BLOB" => {
                let bytes = row.try_get_unchecked::<Vec<u8>, _>(i)?;
                let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                serde_json::json!({ "b": hex })
            }
            other => {
                return Err(TableError::Data {
                    table: table.into(),
                    problem: format!("a value of storage class {other}"),
                });
            }
        })
    }

    /// Calls `line` with each row, in key order, as one line of JSON; gives the row count.
    pub async fn dump(
        conn: &mut SqliteConnection,
        table: &Table,
        mut line: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> Result<u64, TableError> {
        let order = if table.key.is_empty() {
            "rowid".to_string()
        } else {
            column_list(&table.key)
        };
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {order}",
            column_list(&table.columns),
            quote(&table.name)
        );
        let mut rows = sqlx::query(AssertSqlSafe(sql)).fetch(&mut *conn);
        let mut count = 0;
        while let Some(row) = rows.try_next().await? {
            let values = (0..table.columns.len())
                .map(|i| value(&row, i, &table.name))
                .collect::<Result<Vec<_>, _>>()?;
            let mut text = serde_json::to_vec(&values).map_err(|e| TableError::Data {
                table: table.name.clone(),
                problem: e.to_string(),
            })?;
            text.push(b'\n');
            line(&text)?;
            count += 1;
        }
        Ok(count)
    }

    /// Inserts one dumped row.
    pub async fn insert(
        conn: &mut SqliteConnection,
        table: &Table,
        sql: &str,
        line: &str,
    ) -> Result<(), TableError> {
        let bad = |problem: String| TableError::Data {
            table: table.name.clone(),
            problem,
        };
        let values: Vec<Value> = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        if values.len() != table.columns.len() {
            return Err(bad(format!(
                "a row of {} values for {} columns",
                values.len(),
                table.columns.len()
            )));
        }
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for v in values {
            query = match v {
                Value::Null => query.bind(None::<i64>),
                Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                    (Some(i), _) if !n.is_f64() => query.bind(i),
                    (_, Some(f)) => query.bind(f),
                    _ => return Err(bad(format!("number out of range: {n}"))),
                },
                Value::String(s) => query.bind(s),
                Value::Object(o) => {
                    let hex = o
                        .get("b")
                        .and_then(Value::as_str)
                        .ok_or_else(|| bad("an object that is not a blob".into()))?;
                    let bytes = (0..hex.len())
                        .step_by(2)
                        .map(|i| {
                            hex.get(i..i + 2)
                                .and_then(|h| u8::from_str_radix(h, 16).ok())
                        })
                        .collect::<Option<Vec<u8>>>()
                        .ok_or_else(|| bad("a blob that is not hex".into()))?;
                    query.bind(bytes)
                }
                other => return Err(bad(format!("an unexpected value {other}"))),
            };
        }
        query.execute(&mut *conn).await?;
        Ok(())
    }

    pub fn insert_sql(table: &Table) -> String {
        format!(
            "INSERT INTO {} ({}) VALUES ({})",
            quote(&table.name),
            column_list(&table.columns),
            vec!["?"; table.columns.len()].join(", ")
        )
    }
}

pub mod postgres {
    use super::*;

    pub async fn user_tables(conn: &mut PgConnection) -> Result<Vec<String>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             ORDER BY table_name",
        )
        .fetch_all(&mut *conn)
        .await?;
        rows.iter().map(|r| r.try_get::<String, _>(0)).collect()
    }

    pub async fn tables(conn: &mut PgConnection) -> Result<Vec<Table>, sqlx::Error> {
        let names: Vec<String> = user_tables(conn)
            .await?
            .into_iter()
            .filter(|n| n != MIGRATIONS_TABLE)
            .collect();
        let edges = sqlx::query(
            "SELECT child.relname::text, parent.relname::text FROM pg_constraint c \
             JOIN pg_class child ON child.oid = c.conrelid \
             JOIN pg_class parent ON parent.oid = c.confrelid \
             JOIN pg_namespace n ON n.oid = child.relnamespace \
             WHERE c.contype = 'f' AND n.nspname = current_schema()",
        )
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| Ok((r.try_get::<String, _>(0)?, r.try_get::<String, _>(1)?)))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let mut described = BTreeMap::new();
        for name in &names {
            let columns = sqlx::query(
                "SELECT column_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 \
                 AND is_generated = 'NEVER' ORDER BY ordinal_position",
            )
            .bind(name)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get::<String, _>(0))
            .collect::<Result<Vec<_>, _>>()?;
            let key = sqlx::query(
                "SELECT a.attname::text FROM pg_index i \
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
                 WHERE i.indrelid = $1::regclass AND i.indisprimary \
                 ORDER BY array_position(i.indkey, a.attnum)",
            )
            .bind(quote(name))
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get::<String, _>(0))
            .collect::<Result<Vec<_>, _>>()?;
            described.insert(
                name.clone(),
                Table {
                    name: name.clone(),
                    columns,
                    key,
                },
            );
        }
        Ok(in_parent_order(names, &edges, described))
    }

    /// Calls `line` with each row, in key order, as one line of JSON; gives the row count.
    pub async fn dump(
        conn: &mut PgConnection,
        table: &Table,
        mut line: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> Result<u64, TableError> {
        let order = if table.key.is_empty() {
            String::new()
        } else {
            format!(" ORDER BY {}", column_list(&table.key))
        };
        let sql = format!(
            "SELECT to_jsonb(r)::text FROM (SELECT {} FROM {}{order}) r",
            column_list(&table.columns),
            quote(&table.name)
        );
        let mut rows = sqlx::query(AssertSqlSafe(sql)).fetch(&mut *conn);
        let mut count = 0;
        while let Some(row) = rows.try_next().await? {
            let mut text: String = row.try_get(0)?;
            text.push('\n');
            line(text.as_bytes())?;
            count += 1;
        }
        Ok(count)
    }

    /// Inserts a batch of dumped rows in one statement.
    pub async fn insert_batch(
        conn: &mut PgConnection,
        table: &Table,
        lines: &[String],
    ) -> Result<(), TableError> {
        let cols = column_list(&table.columns);
        let sql = format!(
            "INSERT INTO {t} ({cols}) SELECT {cols} FROM jsonb_populate_recordset(NULL::{t}, $1::jsonb)",
            t = quote(&table.name)
        );
        let array = format!("[{}]", lines.join(","));
        sqlx::query(AssertSqlSafe(sql))
            .bind(array)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Moves each serial/identity sequence past the restored rows, so new rows get new ids.
    pub async fn reset_sequences(conn: &mut PgConnection, table: &Table) -> Result<(), TableError> {
        for column in &table.columns {
            let sequence: Option<String> = sqlx::query("SELECT pg_get_serial_sequence($1, $2)")
                .bind(quote(&table.name))
                .bind(column)
                .fetch_one(&mut *conn)
                .await?
                .try_get(0)?;
            if let Some(sequence) = sequence {
                let sql = format!(
                    "SELECT setval($1::regclass, COALESCE((SELECT MAX({c}) FROM {t}), 1), \
                     (SELECT MAX({c}) FROM {t}) IS NOT NULL)",
                    c = quote(column),
                    t = quote(&table.name)
                );
                sqlx::query(AssertSqlSafe(sql))
                    .bind(sequence)
                    .execute(&mut *conn)
                    .await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::parents_first;

    #[test]
    fn parents_come_before_the_rows_that_point_at_them() {
        let names = ["referral", "person", "unit", "audit_log"]
            .map(String::from)
            .to_vec();
        let edges = [
            ("referral", "person"),
            ("person", "unit"),
            ("person", "person"),
            ("referral", "missing"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()));
        assert_eq!(
            parents_first(names, &edges),
            ["audit_log", "unit", "person", "referral"]
        );
    }
}
