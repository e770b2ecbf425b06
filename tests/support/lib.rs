//! Test support: `spawn_app` starts the real server (the same router, middleware and start-up
//! as `esv-server`) on a random port against a fresh database — a new SQLite file, or a new
//! PostgreSQL database when `ESV_TEST_POSTGRES_URL` is set — and a small HTTP client that
//! behaves like a browser form (no redirects followed, cookie kept by hand, same-origin
//! `Origin` header on POST).

use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use server::config::Config;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

pub use app::server::limiter::Limits;

pub mod load;
pub mod push_service;

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const DEMO_PASSWORD: &str = "esv-demo-2026";
pub const DEMO_EGRESSO_CPF: &str = "529.982.247-25";

/// Generates one test per backend from an `async fn(TestApp)`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    if let Some(app) = $crate::spawn_app($crate::Backend::Sqlite).await {
                        super::$name(app).await;
                    }
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(app) = $crate::spawn_app($crate::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            }
        )*
    };
}

pub struct TestApp {
    pub origin: String,
    pub client: reqwest::Client,
    pub db: sea_orm::DatabaseConnection,
    /// The database this server uses (to start more server processes on it).
    pub database_url: String,
    /// The server's state (keys, settings), for tests that look behind the pages.
    pub state: app::server::state::AppState,
    /// The server's push sender; `start_push_worker` runs a worker with it.
    pub sender: std::sync::Arc<server::push::Sender>,
    worker: Option<tokio::task::JoinHandle<()>>,
    data_dir: PathBuf,
    pg_cleanup: Option<(String, String)>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("esv_t_{}_{n}_{nanos}", std::process::id())
}

fn in_ci() -> bool {
    std::env::var("CI")
        .map(|v| v == "true" || v == "1")
        .unwrap_or(false)
}

/// A fresh PostgreSQL database, or `None` (skipped) when none is configured outside CI.
async fn fresh_postgres(name: &str) -> Option<(String, String)> {
    let Ok(admin_url) = std::env::var("ESV_TEST_POSTGRES_URL") else {
        if in_ci() {
            panic!(
                "CI=true but ESV_TEST_POSTGRES_URL is not set: the PostgreSQL tests cannot be skipped in CI"
            );
        }
        eprintln!(
            "SKIPPED (PostgreSQL): set ESV_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test to run it"
        );
        return None;
    };
    let admin = Database::connect(&admin_url)
        .await
        .expect("connect to ESV_TEST_POSTGRES_URL");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    admin.close().await.ok();
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b.to_string())
        .expect("ESV_TEST_POSTGRES_URL has a database name");
    Some((format!("{base}/{name}"), admin_url))
}

/// A new database named `name`: a SQLite file in `data_dir`, or a PostgreSQL database (with
/// what dropping it needs). `None` when PostgreSQL is not configured (outside CI).
async fn fresh_database(
    backend: Backend,
    name: &str,
    data_dir: &std::path::Path,
) -> Option<(String, Option<(String, String)>)> {
    Some(match backend {
        Backend::Sqlite => (
            format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("esv.sqlite3").display()
            ),
            None,
        ),
        Backend::Postgres => {
            let (url, admin) = fresh_postgres(name).await?;
            (url, Some((admin, name.to_string())))
        }
    })
}

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, Limits::default()).await
}

pub async fn spawn_app_with(backend: Backend, limits: Limits) -> Option<TestApp> {
    spawn(backend, limits, Demo::Small).await
}

/// A server whose demo data includes the year of activity in 7 cities (`make run`'s).
pub async fn spawn_app_with_demo_year(backend: Backend) -> Option<TestApp> {
    spawn(backend, Limits::default(), Demo::Year).await
}

/// A real installation's first start: no demo data, no account at all.
pub async fn spawn_app_without_demo(backend: Backend) -> Option<TestApp> {
    spawn(backend, Limits::default(), Demo::None).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Demo {
    None,
    Small,
    Year,
}

async fn spawn(backend: Backend, limits: Limits, demo: Demo) -> Option<TestApp> {
    let name = unique_name();
    let data_dir = std::env::temp_dir().join(&name);
    std::fs::create_dir_all(&data_dir).expect("temp dir");
    let (database_url, pg_cleanup) = fresh_database(backend, &name, &data_dir).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let origin = format!("http://{addr}");
    let config = Config {
        bind: addr,
        data_dir: data_dir.clone(),
        database_url: database_url.clone(),
        jwt_secret: b"integration-tests-secret-0123456789abcdef".to_vec(),
        public_origin: origin.clone(),
        site_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site"),
        demo_data: demo != Demo::None,
        // The small demo only, unless asked: tests count what they seed themselves.
        demo_year: demo == Demo::Year,
        seal_min_hires: 1,
        data_key: [42; 32],
        vapid_private_key: TEST_VAPID_PRIVATE_KEY.into(),
        push_contact: "mailto:testes@esv.example".into(),
        reminder_offsets: vec![24 * 3600, 2 * 3600],
        // The tests' push service is on loopback http, like the server.
        push_endpoints: app::domain::devices::PushEndpoints::known(true),
        push_worker: server::config::PushWorkerConfig::default(),
        public_cache: true,
    };
    let (router, state, sender) = server::build(&config, limits).await.expect("server starts");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = server::serve(listener, router, async {
            let _ = rx.await;
        })
        .await;
    });
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client");
    Some(TestApp {
        origin,
        client,
        database_url,
        db: state.db.clone(),
        state,
        sender,
        worker: None,
        data_dir,
        pg_cleanup,
        shutdown: Some(tx),
    })
}

/// A fixed VAPID key for the in-process servers (any valid P-256 scalar).
pub const TEST_VAPID_PRIVATE_KEY: &str = "IQ9Ur0ykXoHS9gzfYX0aBjy9lvdrjx_PFUXmie9YRcY";

/// Push worker settings for tests: quick polls and a one-second retry wait.
pub fn test_worker_config() -> server::config::PushWorkerConfig {
    server::config::PushWorkerConfig {
        poll_ms: 50,
        retry_secs: 1,
        ..Default::default()
    }
}

impl TestApp {
    /// Runs a push worker in this server (tests that don't need one run none).
    pub fn start_push_worker(&mut self, config: server::config::PushWorkerConfig) {
        self.worker = Some(server::push::spawn_worker(
            self.db.clone(),
            self.state.push.clone(),
            self.sender.clone(),
            config,
        ));
    }

    /// POSTs JSON the way `/avisos.js` does (same origin, session cookie).
    pub async fn post_json(
        &self,
        path: &str,
        body: &serde_json::Value,
        session: &str,
        user_agent: &str,
    ) -> Page {
        let req = self
            .client
            .post(self.url(path))
            .header("origin", self.origin.clone())
            .header("cookie", format!("esv_sessao={session}"))
            .header("content-type", "application/json")
            .header("user-agent", user_agent)
            .body(body.to_string());
        Self::page(req.send().await.expect("POST")).await
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.abort();
        }
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
        if let Some((admin_url, name)) = self.pg_cleanup.take() {
            drop_postgres(admin_url, name);
        }
    }
}

/// Drops a test database from a separate thread with its own runtime (Drop is sync).
fn drop_postgres(admin_url: String, name: String) {
    let _ = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        rt.block_on(async {
            let admin = Database::connect(&admin_url).await.ok()?;
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .ok()
        })
    })
    .join();
}

/// A new database with no tables at all and its own data directory (a restore's target);
/// removed when dropped. `None` when PostgreSQL is not configured (outside CI).
pub struct EmptyDatabase {
    pub url: String,
    pub data_dir: PathBuf,
    pg_cleanup: Option<(String, String)>,
}

pub async fn empty_database(backend: Backend) -> Option<EmptyDatabase> {
    let name = unique_name();
    let data_dir = std::env::temp_dir().join(&name);
    let (url, pg_cleanup) = fresh_database(backend, &name, &data_dir).await?;
    Some(EmptyDatabase {
        url,
        data_dir,
        pg_cleanup,
    })
}

impl Drop for EmptyDatabase {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
        if let Some((admin_url, name)) = self.pg_cleanup.take() {
            drop_postgres(admin_url, name);
        }
    }
}

/// A response reduced to what the tests look at.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> Option<&str> {
        self.headers.get(LOCATION).and_then(|v| v.to_str().ok())
    }

    /// The session cookie value set by this response (empty when cleared).
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix("esv_sessao="))
            .map(|rest| rest.split(';').next().unwrap_or_default().to_string())
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    async fn page(response: reqwest::Response) -> Page {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap_or_default();
        Page {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, session: Option<&str>) -> Page {
        let mut req = self.client.get(self.url(path));
        if let Some(s) = session {
            req = req.header("cookie", format!("esv_sessao={s}"));
        }
        Self::page(req.send().await.expect("GET")).await
    }

    /// POSTs a form the way a browser does from one of our pages.
    pub async fn post(&self, path: &str, form: &[(&str, &str)], session: Option<&str>) -> Page {
        self.post_from(path, form, session, &self.origin.clone())
            .await
    }

    pub async fn post_from(
        &self,
        path: &str,
        form: &[(&str, &str)],
        session: Option<&str>,
        origin: &str,
    ) -> Page {
        let mut req = self
            .client
            .post(self.url(path))
            .form(form)
            .header("origin", origin);
        if let Some(s) = session {
            req = req.header("cookie", format!("esv_sessao={s}"));
        }
        Self::page(req.send().await.expect("POST")).await
    }

    /// Creates an account the real way — the admin's form, the one-time code, the person
    /// choosing a password at /definir-senha — and returns that person's session cookie.
    pub async fn create_account(
        &self,
        form: &[(&str, &str)],
        identifier: &str,
        password: &str,
    ) -> String {
        let (admin, _) = self.login("admin@exemplo.org", DEMO_PASSWORD).await;
        let created = self.post("/admin/contas/nova", form, Some(&admin)).await;
        assert_eq!(created.status, 201, "{}", created.body);
        let code = created
            .body
            .split(r#"class="code">"#)
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .expect("code shown")
            .trim()
            .to_string();
        let set = self
            .post(
                "/definir-senha",
                &[
                    ("identificador", identifier),
                    ("codigo", &code),
                    ("senha", password),
                    ("confirmacao", password),
                ],
                None,
            )
            .await;
        assert_eq!(set.status, 303, "{}", set.body);
        self.login(identifier, password).await.0
    }

    /// Staff of a second unit (Escritório Social de BH, created on first use): `role` is
    /// "caseworker" or "coordinator". Returns the session cookie.
    pub async fn other_unit_staff(&self, role: &str, email: &str) -> String {
        let (admin, _) = self.login("admin@exemplo.org", DEMO_PASSWORD).await;
        let units = self.get("/admin/unidades", Some(&admin)).await;
        if !units.body.contains("Escritório Social de BH") {
            let made = self
                .post(
                    "/admin/unidades",
                    &[
                        ("nome", "Escritório Social de BH"),
                        ("uf", "MG"),
                        ("municipio", "3106200"),
                    ],
                    Some(&admin),
                )
                .await;
            assert_eq!(made.status, 303, "{}", made.body);
        }
        self.create_account(
            &[
                ("papel", role),
                ("nome", "Técnico de BH"),
                ("email", email),
                ("unidade", "2"),
            ],
            email,
            "senha-do-tecnico-bh",
        )
        .await
    }

    /// HR of another approved demo company (organisation 3, "Mercado Bom Preço"): the
    /// "company B" of the scope tests. Returns the session cookie.
    pub async fn other_company(&self) -> String {
        self.create_account(
            &[
                ("papel", "company"),
                ("nome", "RH do Mercado"),
                ("email", "rh@mercado.com.br"),
                ("organizacao", "3"),
            ],
            "rh@mercado.com.br",
            "senha-do-mercado-2026",
        )
        .await
    }

    /// A caseworker of the second unit (see `other_unit_staff`).
    pub async fn other_unit_caseworker(&self) -> String {
        self.other_unit_staff("caseworker", "bh@exemplo.org").await
    }

    /// Runs the server's command line (`exe`: the test's `env!("CARGO_BIN_EXE_esv-node")`)
    /// with `args` on this app's database and public URL; gives the exit code, stdout and
    /// stderr.
    pub fn run_command(&self, exe: &str, args: &[&str]) -> (i32, String, String) {
        self.run_command_with(exe, args, &[])
    }

    /// `run_command` with more settings in the environment.
    pub fn run_command_with(
        &self,
        exe: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> (i32, String, String) {
        use base64::Engine;
        let data_dir = self.data_dir.join(format!("command-{}", unique_name()));
        let out = std::process::Command::new(exe)
            .args(args)
            .env("ESV_DATABASE_URL", &self.database_url)
            .env("ESV_PUBLIC_URL", &self.origin)
            .env("ESV_DATA_DIR", &data_dir)
            .env("ESV_JWT_SECRET", "command-test-secret-0123456789abcdef0123")
            .env(
                "ESV_DATA_KEY",
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([42u8; 32]),
            )
            .env("ESV_VAPID_PRIVATE_KEY", TEST_VAPID_PRIVATE_KEY)
            .env("ESV_LOG", "warn")
            .envs(env.iter().copied())
            .output()
            .expect("run the server command");
        let _ = std::fs::remove_dir_all(&data_dir);
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Posts the login form and returns the response, whatever it is.
    pub async fn try_login(&self, identifier: &str, password: &str) -> Page {
        self.post(
            "/entrar",
            &[("identificador", identifier), ("senha", password)],
            None,
        )
        .await
    }

    /// Logs in and returns the session cookie and where the login redirected to.
    pub async fn login(&self, identifier: &str, password: &str) -> (String, String) {
        let page = self.try_login(identifier, password).await;
        assert_eq!(
            page.status, 303,
            "login as {identifier} failed: {}",
            page.body
        );
        let cookie = page.session_cookie().expect("session cookie");
        let location = page.location().expect("redirect").to_string();
        (cookie, location)
    }
}

/// The company's new-vacancy form (`/empresa/vagas/nova`) as a company fills it: a CLT job
/// in Brasília, open to the quota, closing on `closes` (`AAAA-MM-DD`).
pub fn vacancy_form(title: &str, cbo: &str, closes: &str) -> Vec<(&'static str, String)> {
    [
        ("titulo", title),
        ("cbo", cbo),
        (
            "descricao",
            "Preparar legumes, lavar louça e manter a cozinha limpa.",
        ),
        ("requisitos", "Ensino fundamental."),
        ("horas", "44"),
        ("turno", "manha"),
        ("contrato", "clt"),
        ("cidade", "Brasília"),
        ("uf", "DF"),
        ("municipio", "5300108"),
        ("salario_min", "1.800"),
        ("salario_max", ""),
        ("cota", "1"),
        ("encerra", closes),
    ]
    .iter()
    .map(|(k, v)| (*k, v.to_string()))
    .collect()
}

/// A form of owned values as the `(&str, &str)` pairs the post helpers take.
pub fn borrowed<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'a str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The calendar date `days` from now in Brasília, `AAAA-MM-DD` (what date fields take).
pub fn iso_in_days(days: i64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    app::domain::dates::iso_date(now + days * 86_400)
}

/// A federal-rule public contract: R$ 450.000,00 a year, 150 workers → 4 posts (3 %, 4,50).
pub const QUOTA_CONTRACT: [(&str, &str); 8] = [
    ("orgao", "Ministério da Saúde"),
    ("numero", "12/2026"),
    ("objeto", "Limpeza e conservação dos prédios."),
    ("valor_anual", "450.000,00"),
    ("trabalhadores", "150"),
    ("inicio", "2026-01-01"),
    ("fim", "2027-12-31"),
    ("regra", "federal"),
];

/// A professional profile as Maria fills it in.
const DEMO_PROFILE: [(&str, &str); 7] = [
    ("escolaridade", "medio"),
    ("habilidades", "Assentar piso e azulejo"),
    ("experiencia", "Cinco anos em obras"),
    ("cursos", "NR-35"),
    ("disponibilidade", "Manhã"),
    ("contato", "whatsapp"),
    ("telefone", "(61) 99876-5432"),
];

/// Maria fills in her profile and applies to vacancy 1 (Construtora Horizonte, the demo
/// company); returns her session.
pub async fn maria_applies(app: &TestApp) -> String {
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    assert_eq!(
        app.post("/inicio/perfil", &DEMO_PROFILE, Some(&me))
            .await
            .status,
        303
    );
    let sent = app
        .post("/vagas/1/candidatura", &[("consentimento", "1")], Some(&me))
        .await;
    assert_eq!(sent.status, 303);
    me
}

/// `2026-12-03T14:30`: a `datetime-local` value `days` from now in Brasília.
pub fn local_in_days(days: i64, time: &str) -> String {
    format!("{}T{time}", iso_in_days(days))
}

/// The demo caseworker (session `staff`) marks a meeting with Maria; returns its id.
pub async fn mark_appointment(app: &TestApp, staff: &str, when: &str, place: &str) -> i32 {
    use sea_orm::EntityTrait;
    let made = app
        .post(
            "/equipe/agenda",
            &[
                ("pessoa", "1"),
                ("quando", when),
                ("local", place),
                ("com_quem", "Carla Mendes"),
            ],
            Some(staff),
        )
        .await;
    assert_eq!(
        made.location(),
        Some("/equipe/agenda?marcado=1"),
        "{}",
        made.body
    );
    app::server::entities::appointment::Entity::find()
        .all(&app.db)
        .await
        .expect("appointments")
        .into_iter()
        .map(|a| a.id)
        .max()
        .expect("one appointment")
}

/// `count` appointments of Maria, each with its 2 h reminder due at `due(i)` (inserted
/// directly: the tests of scale and the benchmark need thousands). Returns each reminder's
/// push `Topic` with its due time.
pub async fn due_reminders(
    app: &TestApp,
    count: usize,
    due: impl Fn(usize) -> i64,
) -> std::collections::HashMap<String, i64> {
    use app::server::entities::{appointment, push_event};
    use sea_orm::{EntityTrait, Set};
    let now = app::server::now();
    let mut topics = std::collections::HashMap::new();
    let indices: Vec<usize> = (0..count).collect();
    for chunk in indices.chunks(1000) {
        let rows: Vec<appointment::ActiveModel> = chunk
            .iter()
            .map(|i| appointment::ActiveModel {
                person_id: Set(1),
                unit_id: Set(1),
                starts_at: Set(due(*i) + 7200),
                place: Set("Sala 2".into()),
                with_whom: Set("Carla Mendes".into()),
                note: Set(None),
                status: Set("agendado".into()),
                sequence: Set(0),
                created_by: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .collect();
        let made = appointment::Entity::insert_many(rows)
            .exec_with_returning(&app.db)
            .await
            .expect("appointments");
        let events: Vec<push_event::ActiveModel> = made
            .iter()
            .zip(chunk)
            .map(|(a, i)| push_event::ActiveModel {
                kind: Set("lembrete_2h".into()),
                person_id: Set(Some(1)),
                account_id: Set(None),
                appointment_id: Set(Some(a.id)),
                ref_id: Set(None),
                sequence: Set(0),
                due_at: Set(due(*i)),
                expires_at: Set(a.starts_at),
                status: Set("planejado".into()),
                created_at: Set(now),
                ..Default::default()
            })
            .collect();
        for e in push_event::Entity::insert_many(events)
            .exec_with_returning(&app.db)
            .await
            .expect("events")
        {
            topics.insert(format!("e{}", e.id), e.due_at);
        }
    }
    topics
}

/// Another server process (`esv-node`, the same command as `esv-server`) on the same
/// database as `app`, with the same secrets; killed when dropped. `exe` is the test's
/// `env!("CARGO_BIN_EXE_esv-node")`; `env` adds settings.
pub struct Node {
    child: std::process::Child,
    pub port: u16,
    data_dir: std::path::PathBuf,
}

impl Node {
    pub fn start(exe: &str, app: &TestApp, name: &str, env: &[(&str, String)]) -> Node {
        use base64::Engine;
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let keys = [
            (
                "ESV_JWT_SECRET",
                "multi-process-test-secret-0123456789abcdef".to_string(),
            ),
            // The same keys as the test's own server: several servers share them.
            ("ESV_DATA_KEY", URL_SAFE_NO_PAD.encode([42u8; 32])),
            ("ESV_VAPID_PRIVATE_KEY", TEST_VAPID_PRIVATE_KEY.to_string()),
        ];
        let env: Vec<(&str, String)> = keys.into_iter().chain(env.iter().cloned()).collect();
        Node::start_on(exe, &app.database_url, None, name, &env)
    }

    /// A server on `database_url` that reads its keys from `data_dir` (a new directory when
    /// `None`) unless `env` sets them. The directory is removed when the node is dropped.
    pub fn start_on(
        exe: &str,
        database_url: &str,
        data_dir: Option<PathBuf>,
        name: &str,
        env: &[(&str, String)],
    ) -> Node {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let data_dir = data_dir.unwrap_or_else(|| {
            std::env::temp_dir().join(format!("esv-node-{name}-{}-{port}", std::process::id()))
        });
        let child = std::process::Command::new(exe)
            .env("ESV_BIND", format!("127.0.0.1:{port}"))
            .env("ESV_DATA_DIR", &data_dir)
            .env("ESV_DATABASE_URL", database_url)
            .env("ESV_SITE_DIR", &data_dir)
            .env("ESV_LOG", "warn")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start esv-node");
        Node {
            child,
            port,
            data_dir,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub async fn wait_healthy(&self) {
        let url = format!("http://127.0.0.1:{}/health", self.port);
        let client = reqwest::Client::new();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::time::Instant::now() < deadline {
            if let Ok(r) = client.get(&url).send().await
                && r.status().is_success()
            {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("esv-node on port {} did not start", self.port);
    }

    /// How this process names itself as a lease owner of push deliveries.
    pub fn owner_prefix(&self) -> String {
        format!("{}-", self.child.id())
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// A `/vagas?…` request path as the search form reads it (what `Query<VacancyQuery>` gets).
pub fn vacancy_query(path: &str) -> app::server::services::jobs::vacancies::VacancyQuery {
    let mut q = app::server::services::jobs::vacancies::VacancyQuery::default();
    let Some((_, query)) = path.split_once('?') else {
        return q;
    };
    let Ok(url) = reqwest::Url::parse(&format!("http://x/?{query}")) else {
        return q;
    };
    for (k, v) in url.query_pairs() {
        let v = v.to_string();
        match k.as_ref() {
            "q" => q.q = v,
            "uf" => q.uf = v,
            "cidade" => q.cidade = v,
            "cbo" => q.cbo = v,
            "cota" => q.cota = v,
            "turno" => q.turno = v,
            "salario" => q.salario = v,
            "pagina" => q.pagina = v,
            _ => {}
        }
    }
    q
}

// Database contents, read through each database's own text output (not the app's code).

async fn strings(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("query")
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).expect("text"))
        .collect()
}

/// Every table but sea-orm's migration record, from the database's own catalog.
pub async fn table_names(db: &DatabaseConnection) -> Vec<String> {
    let sql = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => {
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations' ORDER BY name"
        }
        _ => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             AND table_name <> 'seaql_migrations' ORDER BY table_name"
        }
    };
    strings(db, sql).await
}

/// Each table's row count (but `skip`'s) and every row as the database itself prints it (PostgreSQL's row
/// text; SQLite's storage class and `quote()` of each column), sorted. Written apart from the
/// backup's own reader, so a value the backup changed or lost shows here.
pub async fn table_contents(
    db: &DatabaseConnection,
    skip: &[&str],
) -> BTreeMap<String, (i64, String)> {
    let mut all = BTreeMap::new();
    for table in table_names(db).await {
        if skip.contains(&table.as_str()) {
            continue;
        }
        let sql = match db.get_database_backend() {
            sea_orm::DatabaseBackend::Sqlite => {
                let columns = strings(
                    db,
                    &format!("SELECT name FROM pragma_table_xinfo('{table}') WHERE hidden = 0"),
                )
                .await;
                let row = columns
                    .iter()
                    .map(|c| format!("typeof(\"{c}\") || ':' || quote(\"{c}\")"))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ");
                format!(
                    "SELECT count(*), coalesce(group_concat(r, char(10)), '') \
                     FROM (SELECT {row} AS r FROM \"{table}\" ORDER BY r)"
                )
            }
            _ => format!(
                "SELECT count(*)::bigint, coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') \
                 FROM \"{table}\" t"
            ),
        };
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .expect("table contents")
            .expect("one row");
        all.insert(
            table,
            (
                row.try_get_by_index::<i64>(0).expect("count"),
                row.try_get_by_index::<String>(1).expect("rows"),
            ),
        );
    }
    all
}
