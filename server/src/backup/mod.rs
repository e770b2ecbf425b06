//! `esv-server backup DIR` and `esv-server restore DIR` (docs/OPERATIONS.md).
//!
//! A backup is taken while the servers run: every table is read inside one read-only
//! transaction (a snapshot: SQLite's WAL read transaction, PostgreSQL's REPEATABLE READ), so it
//! holds the database as it was at one instant, foreign keys whole. Everything, the keys that
//! open sealed columns included, is encrypted with `ESV_BACKUP_SENHA` (`crypt`).
//!
//! A restore goes into an empty database of the same kind: it migrates to the backup's schema
//! version, inserts every row in one transaction (all or nothing), checks each table's row
//! count, then migrates to this version and writes the keys into the data directory.
//!
//! DIR holds `esv-backup.json` (in clear: format and key derivation only; written last, so a
//! backup cut short has none and is refused), `index.sealed` (schema version, tables, row
//! counts, keys) and `tables/<table>.sealed` (the rows, one JSON line each).

pub mod crypt;
pub mod tables;

use crate::config::Config;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use crypt::{BackupKey, CryptError, Kdf, SealedReader, SealedWriter};
use migrations::{Migrator, MigratorTrait};
// Table names come from the database's own catalog, quoted.
use sea_orm::sqlx::{self, AssertSqlSafe, Row};
use sea_orm::{DatabaseBackend, DatabaseConnection};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use tables::{MIGRATIONS_TABLE, Table, TableError};

const FORMAT: u32 = 1;
const MIGRATIONS_SQL: &str = "SELECT version FROM seaql_migrations ORDER BY version";
const HEADER: &str = "esv-backup.json";
const INDEX: &str = "index.sealed";
/// Tables the migrations themselves fill (reference data: the anti-stigma language terms,
/// the quota tiers of Decreto 9.450/2018). A new database has these rows; the restore replaces
/// them with the backup's. Kept true by a test that migrates an empty database.
pub const FILLED_BY_MIGRATIONS: [&str; 2] = ["language_term", "quota_rule_set"];
/// Rows per INSERT on PostgreSQL.
const BATCH: usize = 500;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "defina ESV_BACKUP_SENHA com pelo menos {} caracteres: ela cifra o backup",
        crypt::MIN_PASSPHRASE_CHARS
    )]
    Passphrase,
    #[error("a pasta {0} já tem arquivos. Use uma pasta nova")]
    DirNotEmpty(String),
    #[error("o banco não tem as tabelas do ESV (nenhuma migração aplicada)")]
    NotEsv,
    #[error("{0} não é um backup do ESV, ou está incompleto (falta esv-backup.json)")]
    NotABackup(String),
    #[error("a senha não abre este backup, ou o backup foi alterado. Nada foi gravado")]
    WrongPassphrase,
    #[error("o backup está danificado ({0}). Nada foi gravado")]
    Damaged(String),
    #[error("este backup é de {backup} e o destino é {target}. Restaure no mesmo tipo de banco")]
    OtherBackend { backup: String, target: String },
    #[error("este backup é de uma versão mais nova do ESV ({0}). Atualize o servidor antes")]
    NewerBackup(String),
    #[error("o banco de destino já tem dados. Restaure num banco vazio")]
    NotEmpty,
    #[error(
        "o banco de destino já foi preparado por uma versão mais nova que a do backup. Restaure num banco novo"
    )]
    TargetAhead,
    #[error("arquivo {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("banco de dados: {0}")]
    Db(String),
}

impl From<sqlx::Error> for BackupError {
    fn from(e: sqlx::Error) -> Self {
        BackupError::Db(e.to_string())
    }
}

impl From<sea_orm::DbErr> for BackupError {
    fn from(e: sea_orm::DbErr) -> Self {
        BackupError::Db(e.to_string())
    }
}

impl BackupError {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
        move |source| match crypt::crypt_error(&source) {
            Some(CryptError::Open) => BackupError::WrongPassphrase,
            Some(CryptError::Truncated) => {
                BackupError::Damaged(format!("{} está incompleto", path.display()))
            }
            _ => BackupError::Io {
                path: path.display().to_string(),
                source,
            },
        }
    }

    fn table(e: TableError, path: &Path) -> BackupError {
        match e {
            TableError::Io(source) => BackupError::io(path)(source),
            TableError::Db(e) => e.into(),
            TableError::Data { .. } => BackupError::Damaged(e.to_string()),
        }
    }

    /// Exit status: 1 for what the operator can fix, 2 for a failure of the machine.
    pub fn exit_code(&self) -> u8 {
        match self {
            BackupError::Io { .. } | BackupError::Db(_) => 2,
            _ => 1,
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Header {
    format: u32,
    kdf: Kdf,
    /// Unix seconds.
    created_at: i64,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Index {
    backend: String,
    /// The migrations applied when the backup was taken, in order.
    migrations: Vec<String>,
    tables: Vec<Entry>,
    secrets: Secrets,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    table: Table,
    rows: u64,
}

/// The server's keys, base64url: without `data_key` sealed columns cannot be read.
#[derive(serde::Serialize, serde::Deserialize)]
struct Secrets {
    jwt_secret: String,
    data_key: String,
    vapid_private_key: String,
}

/// What a backup or restore did.
#[derive(Debug)]
pub struct Summary {
    pub tables: usize,
    pub rows: u64,
    /// Keys set in the environment that differ from the restored ones (restore only).
    pub env_overrides: Vec<&'static str>,
}

pub fn check_passphrase(passphrase: Option<String>) -> Result<String, BackupError> {
    match passphrase {
        Some(p) if p.chars().count() >= crypt::MIN_PASSPHRASE_CHARS => Ok(p),
        _ => Err(BackupError::Passphrase),
    }
}

fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => "SQLite",
        _ => "PostgreSQL",
    }
}

/// A table's file, relative to the backup folder; also the name it is sealed under (part of
/// its associated data).
fn sealed_name(table: &str) -> String {
    format!("tables/{table}.sealed")
}

fn table_file(dir: &Path, table: &str) -> PathBuf {
    dir.join(sealed_name(table))
}

fn private_dir(dir: &Path) -> Result<(), BackupError> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(BackupError::io(dir))
}

fn create_private_file(path: &Path) -> Result<std::fs::File, BackupError> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(BackupError::io(path))
}

/// Seals `bytes` into `path` and makes it durable.
fn write_sealed(
    path: &Path,
    key: &BackupKey,
    name: &str,
    number: u32,
    bytes: &[u8],
) -> Result<(), BackupError> {
    let file = create_private_file(path)?;
    let mut w = SealedWriter::new(std::io::BufWriter::new(file), key, name, number);
    w.write(bytes).map_err(BackupError::io(path))?;
    finish(w, path)
}

fn finish(
    w: SealedWriter<'_, std::io::BufWriter<std::fs::File>>,
    path: &Path,
) -> Result<(), BackupError> {
    let file = w
        .finish()
        .map_err(BackupError::io(path))?
        .into_inner()
        .map_err(|e| BackupError::io(path)(e.into_error()))?;
    file.sync_all().map_err(BackupError::io(path))
}

/// Reads the whole database in one snapshot into `dir`.
pub async fn backup(config: &Config, dir: &Path, passphrase: &str) -> Result<Summary, BackupError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(BackupError::io(dir))?;
        if entries.next().is_some() {
            return Err(BackupError::DirNotEmpty(dir.display().to_string()));
        }
    }
    let kdf = Kdf::fresh().map_err(|_| BackupError::Db("random numbers".into()))?;
    let key = BackupKey::derive(passphrase, &kdf).map_err(|_| BackupError::Passphrase)?;
    let db = crate::connect(&config.database_url).await?;
    private_dir(&dir.join("tables"))?;

    let mut entries = Vec::new();
    let migrations;
    macro_rules! dump_all {
        ($tx:expr, $module:ident) => {{
            let tx = $tx;
            if !tables::$module::user_tables(&mut *tx)
                .await?
                .iter()
                .any(|t| t == MIGRATIONS_TABLE)
            {
                return Err(BackupError::NotEsv);
            }
            migrations = sqlx::query(MIGRATIONS_SQL)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| r.try_get::<String, _>(0))
                .collect::<Result<Vec<_>, _>>()?;
            for (i, table) in tables::$module::tables(&mut *tx)
                .await?
                .into_iter()
                .enumerate()
            {
                let path = table_file(dir, &table.name);
                let file = create_private_file(&path)?;
                let name = sealed_name(&table.name);
                let mut w =
                    SealedWriter::new(std::io::BufWriter::new(file), &key, &name, i as u32 + 1);
                let rows = tables::$module::dump(&mut *tx, &table, |line| w.write(line))
                    .await
                    .map_err(|e| BackupError::table(e, &path))?;
                finish(w, &path)?;
                entries.push(Entry { table, rows });
            }
        }};
    }
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            // The first read starts the snapshot; the writers go on meanwhile (WAL).
            let mut tx = db.get_sqlite_connection_pool().begin().await?;
            dump_all!(&mut *tx, sqlite);
            tx.rollback().await?;
        }
        _ => {
            let mut tx = db.get_postgres_connection_pool().begin().await?;
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
            dump_all!(&mut *tx, postgres);
            tx.rollback().await?;
        }
    }

    let summary = Summary {
        tables: entries.len(),
        rows: entries.iter().map(|e| e.rows).sum(),
        env_overrides: Vec::new(),
    };
    let index = Index {
        backend: backend_name(&db).into(),
        migrations,
        tables: entries,
        secrets: Secrets {
            jwt_secret: URL_SAFE_NO_PAD.encode(&config.jwt_secret),
            data_key: URL_SAFE_NO_PAD.encode(config.data_key),
            vapid_private_key: config.vapid_private_key.clone(),
        },
    };
    let index_json = serde_json::to_vec(&index).map_err(|e| BackupError::Db(e.to_string()))?;
    write_sealed(&dir.join(INDEX), &key, INDEX, 0, &index_json)?;
    let header = Header {
        format: FORMAT,
        kdf,
        created_at: app::server::now(),
    };
    let header_path = dir.join(HEADER);
    let mut file = create_private_file(&header_path)?;
    let text = serde_json::to_vec_pretty(&header).map_err(|e| BackupError::Db(e.to_string()))?;
    file.write_all(&text)
        .and_then(|_| file.sync_all())
        .map_err(BackupError::io(&header_path))?;
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(BackupError::io(dir))?;
    db.close().await.ok();
    Ok(summary)
}

fn read_index(dir: &Path, passphrase: &str) -> Result<(Index, BackupKey), BackupError> {
    let header_path = dir.join(HEADER);
    let text = std::fs::read(&header_path)
        .map_err(|_| BackupError::NotABackup(dir.display().to_string()))?;
    let header: Header = serde_json::from_slice(&text)
        .map_err(|_| BackupError::NotABackup(dir.display().to_string()))?;
    if header.format != FORMAT {
        return Err(BackupError::NewerBackup(format!(
            "formato {}",
            header.format
        )));
    }
    let key =
        BackupKey::derive(passphrase, &header.kdf).map_err(|_| BackupError::WrongPassphrase)?;
    let path = dir.join(INDEX);
    let file = std::fs::File::open(&path).map_err(BackupError::io(&path))?;
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut SealedReader::new(file, &key, INDEX, 0), &mut plain)
        .map_err(BackupError::io(&path))?;
    let index: Index =
        serde_json::from_slice(&plain).map_err(|e| BackupError::Damaged(format!("índice: {e}")))?;
    Ok((index, key))
}

/// The migrations already applied to the target, if its tables are otherwise empty.
async fn check_empty(db: &DatabaseConnection) -> Result<Vec<String>, BackupError> {
    macro_rules! check {
        ($conn:expr, $module:ident) => {{
            let conn = $conn;
            let mut applied = Vec::new();
            for table in tables::$module::user_tables(&mut *conn).await? {
                if table == MIGRATIONS_TABLE {
                    applied = sqlx::query(MIGRATIONS_SQL)
                        .fetch_all(&mut *conn)
                        .await?
                        .iter()
                        .map(|r| r.try_get::<String, _>(0))
                        .collect::<Result<Vec<_>, _>>()?;
                    continue;
                }
                if FILLED_BY_MIGRATIONS.contains(&table.as_str()) {
                    continue;
                }
                let any: bool = sqlx::query(AssertSqlSafe(format!(
                    "SELECT EXISTS (SELECT 1 FROM {})",
                    tables::quote(&table)
                )))
                .fetch_one(&mut *conn)
                .await?
                .try_get(0)?;
                if any {
                    return Err(BackupError::NotEmpty);
                }
            }
            applied
        }};
    }
    Ok(match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            check!(
                &mut *db.get_sqlite_connection_pool().acquire().await?,
                sqlite
            )
        }
        _ => check!(
            &mut *db.get_postgres_connection_pool().acquire().await?,
            postgres
        ),
    })
}

/// Writes a backup into the (empty) database `config` names, and its keys into the data dir.
pub async fn restore(
    config: &Config,
    dir: &Path,
    passphrase: &str,
) -> Result<Summary, BackupError> {
    let (index, key) = read_index(dir, passphrase)?;
    let db = crate::connect(&config.database_url).await?;
    let target = backend_name(&db);
    if index.backend != target {
        return Err(BackupError::OtherBackend {
            backup: index.backend,
            target: target.into(),
        });
    }
    let ours: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_string())
        .collect();
    if !ours.starts_with(&index.migrations) {
        let unknown = index
            .migrations
            .iter()
            .find(|m| !ours.contains(m))
            .cloned()
            .unwrap_or_default();
        return Err(BackupError::NewerBackup(unknown));
    }
    let applied = check_empty(&db).await?;
    if !index.migrations.starts_with(&applied) {
        return Err(BackupError::TargetAhead);
    }
    // The schema as it was when the backup was taken; later migrations run on the data.
    let steps = index.migrations.len() - applied.len();
    if steps > 0 {
        Migrator::up(&db, Some(steps as u32)).await?;
    }

    macro_rules! load_all {
        ($tx:expr, $module:ident, $insert:expr) => {{
            let tx = $tx;
            let here = tables::$module::tables(&mut *tx).await?;
            for entry in &index.tables {
                let table = &entry.table;
                if !here
                    .iter()
                    .any(|t| t.name == table.name && t.columns == table.columns)
                {
                    return Err(BackupError::Damaged(format!(
                        "a tabela {} não confere com o esquema desta versão",
                        table.name
                    )));
                }
            }
            // What the migrations filled goes; the backup holds those tables as they were.
            for entry in index.tables.iter().rev() {
                sqlx::query(AssertSqlSafe(format!(
                    "DELETE FROM {}",
                    tables::quote(&entry.table.name)
                )))
                .execute(&mut *tx)
                .await?;
            }
            for (i, entry) in index.tables.iter().enumerate() {
                let table = &entry.table;
                let path = table_file(dir, &table.name);
                let file = std::fs::File::open(&path).map_err(BackupError::io(&path))?;
                let name = sealed_name(&table.name);
                let reader = BufReader::new(SealedReader::new(file, &key, &name, i as u32 + 1));
                let mut rows = 0u64;
                let insert = $insert;
                insert(&mut *tx, table, reader, &path, &mut rows).await?;
                if rows != entry.rows {
                    return Err(BackupError::Damaged(format!(
                        "{} tem {rows} linha(s), o índice diz {}",
                        table.name, entry.rows
                    )));
                }
            }
        }};
    }

    match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            let mut tx = db.get_sqlite_connection_pool().begin().await?;
            // Checked at commit: a row may point at one inserted later (a self-reference).
            sqlx::query("PRAGMA defer_foreign_keys = ON")
                .execute(&mut *tx)
                .await?;
            load_all!(&mut *tx, sqlite, load_sqlite);
            tx.commit().await?;
        }
        _ => {
            let mut tx = db.get_postgres_connection_pool().begin().await?;
            load_all!(&mut *tx, postgres, load_postgres);
            for entry in &index.tables {
                tables::postgres::reset_sequences(&mut tx, &entry.table)
                    .await
                    .map_err(|e| BackupError::table(e, dir))?;
            }
            tx.commit().await?;
        }
    }
    Migrator::up(&db, None).await?;
    db.close().await.ok();

    let env_overrides = write_secrets(config, &index.secrets)?;
    Ok(Summary {
        tables: index.tables.len(),
        rows: index.tables.iter().map(|e| e.rows).sum(),
        env_overrides,
    })
}

async fn load_sqlite(
    conn: &mut sqlx::SqliteConnection,
    table: &Table,
    reader: impl BufRead,
    path: &Path,
    rows: &mut u64,
) -> Result<(), BackupError> {
    let sql = tables::sqlite::insert_sql(table);
    for line in reader.lines() {
        let line = line.map_err(BackupError::io(path))?;
        tables::sqlite::insert(conn, table, &sql, &line)
            .await
            .map_err(|e| BackupError::table(e, path))?;
        *rows += 1;
    }
    Ok(())
}

async fn load_postgres(
    conn: &mut sqlx::PgConnection,
    table: &Table,
    reader: impl BufRead,
    path: &Path,
    rows: &mut u64,
) -> Result<(), BackupError> {
    let mut batch = Vec::with_capacity(BATCH);
    for line in reader.lines() {
        batch.push(line.map_err(BackupError::io(path))?);
        if batch.len() == BATCH {
            tables::postgres::insert_batch(conn, table, &batch)
                .await
                .map_err(|e| BackupError::table(e, path))?;
            *rows += batch.len() as u64;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        tables::postgres::insert_batch(conn, table, &batch)
            .await
            .map_err(|e| BackupError::table(e, path))?;
        *rows += batch.len() as u64;
    }
    Ok(())
}

/// The keys go where the server looks for them when the environment does not set them.
fn write_secrets(config: &Config, secrets: &Secrets) -> Result<Vec<&'static str>, BackupError> {
    let decode = |what: &str, text: &str| {
        URL_SAFE_NO_PAD
            .decode(text.trim_end_matches('='))
            .map_err(|_| BackupError::Damaged(format!("chave {what}")))
    };
    let files = [
        (
            "ESV_JWT_SECRET",
            "jwt-secret",
            decode("jwt", &secrets.jwt_secret)?,
        ),
        (
            "ESV_DATA_KEY",
            "data-key",
            decode("data", &secrets.data_key)?,
        ),
        (
            "ESV_VAPID_PRIVATE_KEY",
            "vapid-private-key",
            decode("vapid", &secrets.vapid_private_key)?,
        ),
    ];
    let current = [
        config.jwt_secret.clone(),
        config.data_key.to_vec(),
        decode("vapid", &config.vapid_private_key)?,
    ];
    private_dir(&config.data_dir)?;
    let mut overrides = Vec::new();
    for ((var, file, bytes), now) in files.into_iter().zip(current) {
        let path = config.data_dir.join(file);
        let temp = config.data_dir.join(format!(".{file}.restaurando"));
        let _ = std::fs::remove_file(&temp);
        let mut f = create_private_file(&temp)?;
        f.write_all(&bytes)
            .and_then(|_| f.sync_all())
            .map_err(BackupError::io(&temp))?;
        std::fs::rename(&temp, &path).map_err(BackupError::io(&path))?;
        if std::env::var_os(var).is_some() && now != bytes {
            overrides.push(var);
        }
    }
    Ok(overrides)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables a fresh, migrated database already has rows in are exactly
    /// `FILLED_BY_MIGRATIONS` (else a restore would call a new database "not empty", or keep
    /// rows the backup does not have).
    #[tokio::test]
    async fn the_migrations_fill_only_the_listed_tables() {
        let dir = std::env::temp_dir().join(format!("esv-filled-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("db.sqlite3").display());
        let db = crate::connect(&url).await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        let mut conn = db.get_sqlite_connection_pool().acquire().await.unwrap();
        let mut filled = Vec::new();
        for table in tables::sqlite::user_tables(&mut conn).await.unwrap() {
            if table == MIGRATIONS_TABLE {
                continue;
            }
            let any: bool = sqlx::query(AssertSqlSafe(format!(
                "SELECT EXISTS (SELECT 1 FROM \"{table}\")"
            )))
            .fetch_one(&mut *conn)
            .await
            .unwrap()
            .get(0);
            if any {
                filled.push(table);
            }
        }
        drop(conn);
        db.close().await.unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(filled, FILLED_BY_MIGRATIONS);
    }
}
