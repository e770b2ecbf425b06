//! The ESV server: configuration, start-up (database, migrations, demo data), the router with
//! all its middleware, and serving with graceful shutdown. `main.rs` only calls `run`.

pub mod backup;
pub mod config;
pub mod middleware;
pub mod push;

use app::server::limiter::{AttemptLimiter, Limits};
use app::server::render::RenderedPage;
use app::server::seal::DataKey;
use app::server::state::{AppState, PushSettings, Site};
use app::server::tokens::TokenKeys;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use config::Config;
use leptos::config::LeptosOptions;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::services::ServeDir;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("configuration: {0}")]
    Config(#[from] config::ConfigError),
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("demo data: {0}")]
    Seed(#[from] app::server::services::seed::SeedError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server: {0}")]
    Serve(std::io::Error),
    #[error("push: {0}")]
    Push(#[from] push::PushError),
    #[error("start-up data (search index, search names): {0}")]
    Startup(app::server::error::WebError),
}

/// Connects, migrates, seeds (if asked) and builds the whole router; also gives the push
/// sender (to start a worker with `push::spawn_worker`).
pub async fn build(
    config: &Config,
    limits: Limits,
) -> Result<(Router, AppState, Arc<push::Sender>), StartError> {
    let sender = Arc::new(push::Sender::new(
        &config.vapid_private_key,
        &config.push_contact,
        config.push_endpoints.clone(),
    )?);
    let db = connect(&config.database_url).await?;
    Migrator::up(&db, None).await?;
    if config.demo_data
        && app::server::services::seed::seed_demo_if_empty(&db, config.demo_year).await?
    {
        tracing::info!("demo data seeded");
    }
    let filled = app::server::services::case::people::backfill_search_names(&db)
        .await
        .map_err(StartError::Startup)?;
    let deadlines = app::server::services::case::plans::backfill_open_deadlines(&db)
        .await
        .map_err(StartError::Startup)?;
    let listed = app::server::services::directory::index::fill_missing(&db)
        .await
        .map_err(StartError::Startup)?;
    let genders = app::server::services::case::people::backfill_gender_groups(&db)
        .await
        .map_err(StartError::Startup)?;
    if filled + deadlines + listed + genders > 0 {
        tracing::info!(
            people = filled,
            gender_groups = genders,
            plans = deadlines,
            directory_entries = listed,
            "search names, plan deadlines, directory search rows and gender groups filled"
        );
    }
    refresh_statistics(&db).await?;
    // SQLite keeps a connection's planner statistics from when it loaded the schema: pooled
    // connections opened before a migration's new index was analysed planned without its
    // statistics (an area's page sorted 7,700 rows: 5–8 ms instead of 0.8 ms, until a
    // restart). Serve from fresh connections, which read the statistics just written.
    // (An in-memory database would not survive the reconnection.)
    let in_memory =
        config.database_url.contains(":memory:") || config.database_url.contains("mode=memory");
    let db = if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite && !in_memory {
        db.close().await?;
        connect(&config.database_url).await?
    } else {
        db
    };
    // Listen before loading, so a vacancy written in between is not missed (PostgreSQL).
    let notifications = app::server::search::listen::connect(&db).await?;
    let search = Arc::new(app::server::search::VacancyIndex::default());
    let started = std::time::Instant::now();
    let indexed = search.reload(&db).await.map_err(StartError::Startup)?;
    tracing::info!(
        vacancies = indexed,
        seconds = started.elapsed().as_secs_f64(),
        "search index built"
    );
    let public = Arc::new(app::server::cache::PublicCache::new(config.public_cache));
    if let Some(listener) = notifications {
        app::server::search::listen::run(listener, db.clone(), search.clone(), public.clone());
    }
    let limiter = Arc::new(AttemptLimiter::new(limits, db.clone()));
    let state = AppState {
        db,
        tokens: Arc::new(TokenKeys::new(&config.jwt_secret, &config.public_origin)),
        limiter,
        site: Arc::new(load_site(&config.site_dir)),
        public,
        search,
        secure_cookies: config.secure_cookies(),
        public_origin: config.public_origin.as_str().into(),
        seal_min_hires: config.seal_min_hires,
        push: Arc::new(PushSettings {
            vapid_public_key: sender.public_key().to_string(),
            data_key: DataKey::new(config.data_key),
            reminder_offsets: config.reminder_offsets.clone(),
            endpoints: config.push_endpoints.clone(),
        }),
    };
    Ok((router(state.clone()), state, sender))
}

pub(crate) async fn connect(url: &str) -> Result<DatabaseConnection, sea_orm::DbErr> {
    let mut options = ConnectOptions::new(url.to_string());
    // SQL statements are not logged: bound values could be personal data.
    options.sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // One writer at a time is what SQLite allows; more connections only add lock waits.
        options.max_connections(4);
        // Set on every connection the pool opens (a PRAGMA run once reaches one of them).
        // `mmap_size`: pages are read from the mapped file, not by one read() call each. On
        // the directory benchmark: 1,338 req/s and p99 42 ms with it, 1,052 and 54 ms
        // without (docs/PERFORMANCE.md). The mapped pages are the OS's file cache, shared,
        // not the process's own memory.
        options.map_sqlx_sqlite_opts(|o| {
            // FULL: a commit is on disk before the form is answered, so an answered write
            // survives a power cut too (docs/OPERATIONS.md, "Crashes"). Set, not left to the
            // build's default.
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(std::time::Duration::from_secs(5))
                .pragma("mmap_size", "268435456")
        });
    }
    Database::connect(options).await
}

/// Planner statistics. Without them SQLite sorted all open vacancies to show the newest 20
/// (140 ms at 100,000 rows) instead of reading them in index order (0.2 ms). The sampled
/// ANALYZE (`analysis_limit`) keeps start-up fast on a large database.
async fn refresh_statistics(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    use sea_orm::ConnectionTrait;
    match db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => {
            db.execute_unprepared("PRAGMA analysis_limit = 1000; ANALYZE;")
                .await?
        }
        _ => db.execute_unprepared("ANALYZE").await?,
    };
    Ok(())
}

/// After a bulk seed: planner statistics, and on PostgreSQL the visibility map too. A freshly
/// bulk-loaded table has none, so every count read the heap (a sequential scan, 5 ms on the
/// directory listing) where an index-only scan takes 0.7 ms. Autovacuum does this on a live
/// database; a benchmark must not measure the minutes before it runs.
async fn settle_after_bulk_load(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    use sea_orm::ConnectionTrait;
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        db.execute_unprepared("VACUUM ANALYZE").await?;
        return Ok(());
    }
    refresh_statistics(db).await
}

/// Reads the asset names the site builder wrote (`hash.txt`: `js: …`, `wasm: …`, `css: …`).
fn load_site(site_dir: &Path) -> Site {
    let site_dir = std::fs::canonicalize(site_dir).unwrap_or_else(|_| site_dir.to_path_buf());
    let hash_file = site_dir.join("hash.txt");
    let hashes = std::fs::read_to_string(&hash_file).unwrap_or_default();
    if hashes.is_empty() {
        tracing::warn!(dir = %site_dir.display(), "site not built: pages will render without CSS and WASM (run `make site`)");
    }
    let css_hash = hashes
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim() == "css")
        .map(|(_, v)| v.trim().to_string());
    let css_href = match css_hash {
        Some(h) => format!("/pkg/esv.{h}.css"),
        None => "/pkg/esv.css".to_string(),
    };
    let options = |name: &str, hash_file: &Path| {
        LeptosOptions::builder()
            .output_name(name)
            .site_root(site_dir.display().to_string())
            .site_pkg_dir("pkg")
            .hash_files(!hashes.is_empty())
            // An absolute path: leptos otherwise looks next to the running executable.
            .hash_file(std::sync::Arc::<str>::from(hash_file.display().to_string()))
            .build()
    };
    let leptos = options("esv", &hash_file);
    // The second bundle (islands that call server functions), if the site has it.
    let actions_hash = site_dir.join("hash-acoes.txt");
    let actions = actions_hash
        .exists()
        .then(|| options("esv-acoes", &actions_hash));
    Site {
        leptos,
        actions,
        css_href,
    }
}

fn router(state: AppState) -> Router {
    // leptos_axum renders on Leptos's executor: this process's tokio (an error only means it
    // was set already, by an earlier router in the same process, as in the tests).
    let _ = any_spawner::Executor::init_tokio();
    let pages = middleware::pages(app::server::router::routes(), state.clone());
    let not_found = {
        let state = state.clone();
        axum::routing::any(move || {
            let state = state.clone();
            async move { app::pages::errors::render(&state, http::StatusCode::NOT_FOUND, None) }
        })
        .layer(axum::middleware::from_fn(middleware::render_pages))
    };
    let files = ServeDir::new(state.site.leptos.site_root.to_string())
        .precompressed_br()
        .precompressed_gzip()
        .call_fallback_on_method_not_allowed(true)
        .fallback(not_found.with_state(()));
    let static_site = middleware::static_files(Router::new().fallback_service(files));
    let api = middleware::api(app::server::api::routes(), state.clone())
        .merge(middleware::api_public(app::server::api::public_routes()));
    let app = Router::new()
        .route("/health", get(health))
        .merge(api)
        .merge(pages)
        .merge(static_site)
        .with_state(state);
    middleware::common(app)
}

/// Liveness and readiness: answers 200 only if the database answers.
async fn health(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (
            http::StatusCode::OK,
            [(http::header::CACHE_CONTROL, "no-store")],
            "ok",
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            let mut r = (
                http::StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable",
            )
                .into_response();
            r.extensions_mut().insert(RenderedPage);
            r
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then finishes in-flight requests.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(StartError::Serve)
}

/// `esv-server seed-benchmark-servicos [COUNT]`: migrates and adds COUNT generated directory
/// entries (default 100,000), for benchmarks. Never run it on real data.
pub async fn seed_benchmark_services(config: Config, count: i64) -> Result<(), StartError> {
    let db = connect(&config.database_url).await?;
    Migrator::up(&db, None).await?;
    let started = std::time::Instant::now();
    app::server::services::seed::directory::seed_benchmark_services(&db, count).await?;
    app::server::services::directory::index::fill_missing(&db)
        .await
        .map_err(StartError::Startup)?;
    settle_after_bulk_load(&db).await?;
    tracing::info!(
        count,
        seconds = started.elapsed().as_secs_f64(),
        "benchmark directory entries seeded"
    );
    Ok(())
}

/// `esv-server seed-benchmark [COUNT]`: migrates and adds COUNT generated vacancies (default
/// 100,000) and one company per 20, for benchmarks. Never run it on real data.
pub async fn seed_benchmark(config: Config, count: i64) -> Result<(), StartError> {
    let db = connect(&config.database_url).await?;
    Migrator::up(&db, None).await?;
    let started = std::time::Instant::now();
    app::server::services::seed::seed_benchmark_vacancies(&db, count).await?;
    settle_after_bulk_load(&db).await?;
    tracing::info!(
        count,
        seconds = started.elapsed().as_secs_f64(),
        "benchmark vacancies seeded"
    );
    Ok(())
}

/// `esv-server criar-admin EMAIL`: the first administrator of a real installation (no demo
/// data, no default password anywhere). Prints a one-time code; the person sets the password
/// at `/definir-senha`. Exit 0 with the code; 1 when refused; 2 when the database fails.
pub async fn create_admin(config: Config, email: &str) -> std::process::ExitCode {
    use app::server::services::access::accounts::{self, BootstrapError, display_code};
    use std::process::ExitCode;
    let db = match connect(&config.database_url).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("esv-server: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = Migrator::up(&db, None).await {
        eprintln!("esv-server: {e}");
        return ExitCode::from(2);
    }
    match accounts::bootstrap_admin(&db, email).await {
        Ok((created, new)) => {
            let email = created.account.email.unwrap_or_default();
            if new {
                println!("Conta de administração criada para {email}.");
            } else {
                println!("{email} já era administração: o código anterior deixou de valer.");
            }
            println!("Código de uso único: {}", display_code(&created.code));
            println!(
                "Vale por 72 horas. Abra {}/definir-senha, digite o e-mail e o código, e escolha a senha.",
                config.public_origin.trim_end_matches('/')
            );
            ExitCode::SUCCESS
        }
        Err(BootstrapError::Internal(e)) => {
            eprintln!("esv-server: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("esv-server: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `esv-server backup DIR` and `esv-server restore DIR` (see `backup`). Exit 0 when done;
/// 1 when refused (the message says why; nothing was written); 2 when the machine failed.
pub async fn backup_command(config: Config, restore: bool, dir: &str) -> std::process::ExitCode {
    use std::process::ExitCode;
    let passphrase = match backup::check_passphrase(std::env::var("ESV_BACKUP_SENHA").ok()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("esv-server: {e}.");
            return ExitCode::from(1);
        }
    };
    let dir = Path::new(dir);
    let result = if restore {
        backup::restore(&config, dir, &passphrase).await
    } else {
        backup::backup(&config, dir, &passphrase).await
    };
    match result {
        Ok(done) if restore => {
            println!(
                "Restauração concluída: {} tabela(s), {} linha(s).",
                done.tables, done.rows
            );
            println!(
                "As chaves do backup foram gravadas em {}.",
                config.data_dir.display()
            );
            for var in done.env_overrides {
                println!(
                    "Atenção: {var} está definida com outro valor. Retire-a do ambiente para o servidor usar a chave restaurada."
                );
            }
            ExitCode::SUCCESS
        }
        Ok(done) => {
            println!(
                "Backup concluído em {}: {} tabela(s), {} linha(s).",
                dir.display(),
                done.tables,
                done.rows
            );
            println!("Guarde a senha longe do backup: sem ela, nada pode ser restaurado.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("esv-server: {e}.");
            ExitCode::from(e.exit_code())
        }
    }
}

/// `esv-server importar-servicos FILE`: an HSDS 3 JSON file into the public directory (see
/// `directory::hsds_import`). Exit 0 when imported; 1 with every bad record on stderr, and
/// nothing written; 2 when the file cannot be read.
pub async fn import_services(config: Config, path: &str) -> std::process::ExitCode {
    use app::server::services::directory::{hsds::Ids, hsds_import};
    use std::process::ExitCode;
    let text = match std::fs::read(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("esv-server: não consegui ler {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let db = match connect(&config.database_url).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("esv-server: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = Migrator::up(&db, None).await {
        eprintln!("esv-server: {e}");
        return ExitCode::from(2);
    }
    let ids = Ids::for_origin(&config.public_origin);
    match hsds_import::import(&db, &ids, &text).await {
        Ok(r) => {
            println!(
                "Importação concluída: {} serviço(s) novo(s), {} atualizado(s), {} sem mudança.",
                r.created, r.updated, r.unchanged
            );
            ExitCode::SUCCESS
        }
        Err(hsds_import::ImportError::Invalid(errors)) => {
            for e in &errors {
                eprintln!("{path}: {e}");
            }
            eprintln!(
                "{path}: {} registro(s) com problema. Nada foi importado.",
                errors.len()
            );
            ExitCode::from(1)
        }
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("esv-server: a importação falhou e nada foi gravado.");
            ExitCode::from(1)
        }
    }
}

/// `esv-server seed-benchmark-pessoas [COUNT]`: migrates and adds COUNT generated people
/// (default 50,000) to the demo unit, with plans, appointments and referrals, for benchmarks.
/// Needs the demo data. Never run it on real data.
pub async fn seed_benchmark_people(config: Config, count: i64) -> Result<(), StartError> {
    let db = connect(&config.database_url).await?;
    Migrator::up(&db, None).await?;
    let started = std::time::Instant::now();
    app::server::services::seed::seed_demo_if_empty(&db, false).await?;
    app::server::services::seed::people::seed_benchmark_people(&db, count).await?;
    settle_after_bulk_load(&db).await?;
    tracing::info!(
        count,
        seconds = started.elapsed().as_secs_f64(),
        "benchmark people seeded"
    );
    Ok(())
}

/// Everything `main` does after reading the configuration.
pub async fn run(config: Config) -> Result<(), StartError> {
    tracing::info!(?config, "starting");
    let (app, state, sender) = build(&config, Limits::default()).await?;
    if config.push_worker.enabled {
        push::spawn_worker(
            state.db.clone(),
            state.push.clone(),
            sender,
            config.push_worker.clone(),
        );
    }
    let listener = TcpListener::bind(config.bind)
        .await
        .map_err(|source| StartError::Bind {
            addr: config.bind,
            source,
        })?;
    tracing::info!("listening on http://{}", config.bind);
    serve(listener, app, shutdown_signal()).await?;
    let (pages, results) = (
        state.public.vacancy_pages.counts(),
        state.public.vacancy_searches.counts(),
    );
    tracing::info!(
        target: "esv_cache",
        hit_ratio = state.public.search_hit_ratio(),
        page_hits = pages.0,
        page_misses = pages.1,
        result_hits = results.0,
        result_misses = results.1,
        "public job search cache"
    );
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

/// The command line of `esv-server` (and of the test package's copy of it): logging,
/// configuration from the environment, then serve or seed.
pub async fn cli(args: Vec<String>) -> std::process::ExitCode {
    use std::process::ExitCode;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ESV_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn,tower_http=info".into()),
        )
        .init();
    let config = match config::Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("esv-server: configuração inválida: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match args.first().map(String::as_str) {
        None => run(config).await,
        Some("seed-benchmark-servicos") => {
            let count = match args.get(1).map(|n| n.parse::<i64>()) {
                None => 100_000,
                Some(Ok(n)) if n > 0 => n,
                Some(_) => {
                    eprintln!("esv-server: uso: esv-server seed-benchmark-servicos [QUANTIDADE]");
                    return ExitCode::from(2);
                }
            };
            seed_benchmark_services(config, count).await
        }
        Some("seed-benchmark") => {
            let count = match args.get(1).map(|n| n.parse::<i64>()) {
                None => 100_000,
                Some(Ok(n)) if n > 0 => n,
                Some(_) => {
                    eprintln!("esv-server: uso: esv-server seed-benchmark [QUANTIDADE]");
                    return ExitCode::from(2);
                }
            };
            seed_benchmark(config, count).await
        }
        Some("seed-benchmark-pessoas") => {
            let count = match args.get(1).map(|n| n.parse::<i64>()) {
                None => 50_000,
                Some(Ok(n)) if n > 0 => n,
                Some(_) => {
                    eprintln!("esv-server: uso: esv-server seed-benchmark-pessoas [QUANTIDADE]");
                    return ExitCode::from(2);
                }
            };
            seed_benchmark_people(config, count).await
        }
        Some("criar-admin") => {
            let Some(email) = args.get(1) else {
                eprintln!("esv-server: uso: esv-server criar-admin EMAIL");
                return ExitCode::from(2);
            };
            return create_admin(config, email).await;
        }
        Some(which @ ("backup" | "restore")) => {
            let Some(dir) = args.get(1) else {
                eprintln!(
                    "esv-server: uso: esv-server {which} PASTA (com ESV_BACKUP_SENHA definida)"
                );
                return ExitCode::from(2);
            };
            return backup_command(config, which == "restore", dir).await;
        }
        Some("importar-servicos") => {
            let Some(path) = args.get(1) else {
                eprintln!(
                    "esv-server: uso: esv-server importar-servicos ARQUIVO (.json ou .zip do HSDS 3)"
                );
                return ExitCode::from(2);
            };
            return import_services(config, path).await;
        }
        Some(other) => {
            eprintln!(
                "esv-server: comando desconhecido: {other}. Use: esv-server [criar-admin EMAIL | importar-servicos ARQUIVO | backup PASTA | restore PASTA | seed-benchmark [QUANTIDADE] | seed-benchmark-servicos [QUANTIDADE] | seed-benchmark-pessoas [QUANTIDADE]]"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            ExitCode::FAILURE
        }
    }
}
