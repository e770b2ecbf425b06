//! Backup and restore (issue 15, point 2): `esv-server backup DIR` while the server runs and
//! takes writes, `esv-server restore DIR` into an empty database; every table compared with
//! the original, the sealed columns readable with the restored keys, old sessions still valid,
//! and refused restores leave the target without data.

use esv_tests::{Backend, DEMO_EGRESSO_CPF, DEMO_PASSWORD, EmptyDatabase, Node, TestApp};
use sea_orm::Database;
use std::path::{Path, PathBuf};

const EXE: &str = env!("CARGO_BIN_EXE_esv-node");
const PASSPHRASE: &str = "cavalo bateria grampo correto";
/// The in-process server's JWT secret (`spawn_app`): the backup command must run with the
/// same keys as the servers, as it does in production.
const APP_JWT_SECRET: &str = "integration-tests-secret-0123456789abcdef";

fn backup(app: &TestApp, dir: &Path, passphrase: &str) -> (i32, String, String) {
    let dir = dir.display().to_string();
    app.run_command_with(
        EXE,
        &["backup", &dir],
        &[
            ("ESV_BACKUP_SENHA", passphrase),
            ("ESV_JWT_SECRET", APP_JWT_SECRET),
        ],
    )
}

/// `esv-server restore` on the target with no keys in the environment: they come from the
/// backup into the target's data directory.
fn restore(target: &EmptyDatabase, dir: &Path, passphrase: &str) -> (i32, String, String) {
    let out = std::process::Command::new(EXE)
        .arg("restore")
        .arg(dir)
        .env("ESV_DATABASE_URL", &target.url)
        .env("ESV_DATA_DIR", &target.data_dir)
        .env("ESV_BACKUP_SENHA", passphrase)
        .env("ESV_LOG", "warn")
        .env_remove("ESV_JWT_SECRET")
        .env_remove("ESV_DATA_KEY")
        .env_remove("ESV_VAPID_PRIVATE_KEY")
        .output()
        .expect("run restore");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_dir(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "esv-backup-{name}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ))
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Maria's private calendar address: its secret is a sealed column.
async fn make_calendar_address(app: &TestApp, maria: &str) -> String {
    let made = app
        .post("/inicio/agenda/calendario", &[], Some(maria))
        .await;
    assert_eq!(made.status, 303);
    let agenda = app.get("/inicio/agenda", Some(maria)).await;
    calendar_path(&agenda.body, &app.origin)
}

fn calendar_path(body: &str, origin: &str) -> String {
    let prefix = format!("{origin}/agenda/");
    let start = body.find(&prefix).expect("the address is shown") + origin.len();
    let end = start + body[start..].find(".ics").expect(".ics") + 4;
    body[start..end].to_string()
}

async fn backup_and_restore(backend: Backend) {
    let Some(app) = esv_tests::spawn_app(backend).await else {
        return;
    };
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let calendar = make_calendar_address(&app, &maria).await;
    let before = esv_tests::table_contents(&app.db, &[]).await;
    let rows: i64 = before.values().map(|(n, _)| n).sum();
    assert!(
        before["person"].0 > 0 && before["calendar_feed"].0 == 1 && rows > 100,
        "the demo data is there to back up"
    );

    // Refused before anything is written: no passphrase, a short one.
    let dir = temp_dir("a");
    let (code, _, err) = backup(&app, &dir, "");
    assert_eq!(code, 1);
    assert!(err.contains("ESV_BACKUP_SENHA"), "{err}");
    let (code, _, _) = backup(&app, &dir, "curta");
    assert_eq!(code, 1);
    assert!(!dir.exists());

    let (code, out, err) = backup(&app, &dir, PASSPHRASE);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Backup concluído"), "{out}");
    assert!(out.contains(&format!("{} linha(s)", rows)), "{out}");
    // Nothing readable in the backup: not a name, not a CPF.
    for file in files_under(&dir) {
        let bytes = std::fs::read(&file).expect("read");
        for secret in ["Maria", "52998224725", "529.982.247-25"] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{} holds {secret} in clear",
                file.display()
            );
        }
    }
    // A second backup into the same folder would mix two: refused.
    let (code, _, err) = backup(&app, &dir, PASSPHRASE);
    assert_eq!(code, 1);
    assert!(err.contains("já tem arquivos"), "{err}");

    let Some(target) = esv_tests::empty_database(backend).await else {
        return;
    };
    // A wrong passphrase: refused, and the target has no tables at all.
    let (code, _, err) = restore(&target, &dir, "outra senha qualquer");
    assert_eq!(code, 1);
    assert!(err.contains("senha não abre"), "{err}");
    let db = Database::connect(&target.url).await.expect("target");
    assert!(esv_tests::table_names(&db).await.is_empty());

    // One byte changed in a table: refused, and every table of the target stays empty.
    let tampered = temp_dir("tampered");
    std::fs::create_dir_all(tampered.join("tables")).expect("dir");
    for file in files_under(&dir) {
        let to = tampered.join(file.strip_prefix(&dir).expect("under"));
        std::fs::copy(&file, &to).expect("copy");
    }
    let person = tampered.join("tables/person.sealed");
    let mut bytes = std::fs::read(&person).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(&person, bytes).expect("write");
    let (code, _, err) = restore(&target, &tampered, PASSPHRASE);
    assert_eq!(code, 1);
    assert!(err.contains("Nada foi gravado"), "{err}");
    // (The schema is there, with only what the migrations themselves fill.)
    for (table, (count, _)) in esv_tests::table_contents(&db, &[]).await {
        if !server::backup::FILLED_BY_MIGRATIONS.contains(&table.as_str()) {
            assert_eq!(count, 0, "a refused restore left rows in {table}");
        }
    }
    let _ = std::fs::remove_dir_all(&tampered);

    // The real restore: every table as it was.
    let (code, out, err) = restore(&target, &dir, PASSPHRASE);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Restauração concluída"), "{out}");
    let after = esv_tests::table_contents(&db, &[]).await;
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (table, (count, rows)) in &before {
        assert_eq!(
            (count, rows),
            (&after[table].0, &after[table].1),
            "table {table} differs after restore"
        );
    }
    eprintln!(
        "backup ({backend:?}): {} tables, {rows} rows compared",
        before.len()
    );
    // Restoring over data is refused.
    let (code, _, err) = restore(&target, &dir, PASSPHRASE);
    assert_eq!(code, 1);
    assert!(err.contains("já tem dados"), "{err}");
    db.close().await.ok();

    // A server on the restored database with the restored keys (nothing in its environment):
    // Maria's session still holds, and her sealed calendar secret opens.
    assert_eq!(
        std::fs::read(target.data_dir.join("jwt-secret")).expect("restored jwt secret"),
        APP_JWT_SECRET.as_bytes()
    );
    let node = Node::start_on(
        EXE,
        &target.url,
        Some(target.data_dir.clone()),
        "restored",
        // Tokens name the deployment's public address: the same as before the restore.
        &[("ESV_PUBLIC_URL", app.origin.clone())],
    );
    node.wait_healthy().await;
    let agenda = app
        .client
        .get(format!("{}/inicio/agenda", node.origin()))
        .header("cookie", format!("esv_sessao={maria}"))
        .send()
        .await
        .expect("agenda");
    assert_eq!(
        agenda.status(),
        200,
        "{:?}",
        agenda.headers().get("location")
    );
    let body = agenda.text().await.expect("body");
    assert_eq!(calendar_path(&body, &app.origin), calendar);
    let feed = app
        .client
        .get(format!("{}{calendar}", node.origin()))
        .send()
        .await
        .expect("feed");
    assert_eq!(feed.status(), 200);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_every_table_and_the_keys_sqlite() {
    backup_and_restore(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_every_table_and_the_keys_postgres() {
    backup_and_restore(Backend::Postgres).await;
}

/// Taken while people log in (each login writes a session and an audit entry): the backup is
/// one instant of the database, so it restores whole, foreign keys and all.
async fn backup_under_writes(backend: Backend) {
    let Some(app) = esv_tests::spawn_app(backend).await else {
        return;
    };
    let app = std::sync::Arc::new(app);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (app, stop) = (app.clone(), stop.clone());
        tokio::spawn(async move {
            let mut logins = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
                logins += 1;
            }
            logins
        })
    };
    let dir = temp_dir("online");
    let (code, out, err) = {
        let (app, dir) = (app.clone(), dir.clone());
        tokio::task::spawn_blocking(move || backup(&app, &dir, PASSPHRASE))
            .await
            .expect("backup")
    };
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let logins = writer.await.expect("writer");
    assert_eq!(code, 0, "{out}{err}");
    assert!(logins > 0);
    let Some(target) = esv_tests::empty_database(backend).await else {
        return;
    };
    let (code, out, err) = restore(&target, &dir, PASSPHRASE);
    assert_eq!(code, 0, "{out}{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_writes_restores_whole_sqlite() {
    backup_under_writes(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_writes_restores_whole_postgres() {
    backup_under_writes(Backend::Postgres).await;
}
