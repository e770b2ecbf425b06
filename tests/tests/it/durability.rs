//! Crash durability (issue 15, point 1): a server process takes a mixed write load (logins,
//! plan saves, referrals and the partner's answers, vacancies, applications, hires,
//! appointments with their reminders) and is SIGKILLed mid-load, several times, then started
//! again. Every write that got a success answer must be there afterwards, nothing may be
//! half-written (an appointment without its planned reminders, a referral without its
//! history, a hire without its application), and the push outbox still holds each reminder.

use app::server::entities::{
    application, appointment, hire, plan_version, push_event, referral, referral_event, vacancy,
};
use esv_tests::{
    Backend, DEMO_EGRESSO_CPF, DEMO_PASSWORD, Node, TestApp, borrowed, iso_in_days, vacancy_form,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::time::Duration;

const EXE: &str = env!("CARGO_BIN_EXE_esv-node");
/// Server processes killed mid-load; one more is started to check.
const KILLS: u64 = 4;

/// The writes that were answered with success, to look for after the crashes.
#[derive(Default)]
struct Acked {
    /// Session cookie and a page it opens.
    logins: Vec<(String, &'static str)>,
    plans: Vec<String>,
    referrals: Vec<String>,
    answers: Vec<i32>,
    vacancies: Vec<String>,
    applications: Vec<i32>,
    hires: Vec<i32>,
    appointments: Vec<String>,
}

impl Acked {
    /// How many of each kind of write were answered.
    fn counts(&self) -> [(&'static str, usize); 8] {
        [
            ("logins", self.logins.len()),
            ("plan saves", self.plans.len()),
            ("referrals", self.referrals.len()),
            ("answers", self.answers.len()),
            ("vacancies", self.vacancies.len()),
            ("applications", self.applications.len()),
            ("hires", self.hires.len()),
            ("appointments", self.appointments.len()),
        ]
    }
}

/// What every worker records into, answer by answer (a worker stops mid-write when its
/// process is killed).
type Shared = std::sync::Arc<std::sync::Mutex<Acked>>;

fn record(acked: &Shared, write: impl FnOnce(&mut Acked)) {
    write(&mut acked.lock().expect("acked"));
}

/// One server process, seen from a client that gives up when the process dies.
#[derive(Clone)]
struct Target {
    client: reqwest::Client,
    base: String,
    /// The deployment's public origin (the same for every process): the `Origin` of forms.
    origin: String,
    db: sea_orm::DatabaseConnection,
}

/// The process died mid-request (no answer): this worker's life is over.
#[derive(Debug)]
struct Gone;

struct Answer {
    status: u16,
    location: Option<String>,
    session: Option<String>,
    body: String,
}

impl Target {
    fn new(client: &reqwest::Client, node: &Node, app: &TestApp) -> Target {
        Target {
            client: client.clone(),
            base: node.origin(),
            origin: app.origin.clone(),
            db: app.db.clone(),
        }
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> Result<Answer, Gone> {
        let r = req.send().await.map_err(|_| Gone)?;
        let status = r.status().as_u16();
        let header = |name: &str| {
            r.headers()
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .map(String::from)
                .collect::<Vec<_>>()
        };
        let location = header("location").into_iter().next();
        let session = header("set-cookie").into_iter().find_map(|c| {
            c.strip_prefix("esv_sessao=")
                .map(|rest| rest.split(';').next().unwrap_or_default().to_string())
        });
        let body = r.text().await.map_err(|_| Gone)?;
        Ok(Answer {
            status,
            location,
            session,
            body,
        })
    }

    async fn get(&self, path: &str, session: &str) -> Result<Answer, Gone> {
        self.send(
            self.client
                .get(format!("{}{path}", self.base))
                .header("cookie", format!("esv_sessao={session}")),
        )
        .await
    }

    async fn post(&self, path: &str, form: &[(&str, &str)], session: &str) -> Result<Answer, Gone> {
        let mut req = self
            .client
            .post(format!("{}{path}", self.base))
            .form(form)
            .header("origin", &self.origin);
        if !session.is_empty() {
            req = req.header("cookie", format!("esv_sessao={session}"));
        }
        self.send(req).await
    }

    /// Logs in; an answered login is an acknowledged write (a session row).
    async fn login(&self, who: &str, home: &'static str, acked: &Shared) -> Result<String, Gone> {
        let r = self
            .post(
                "/entrar",
                &[("identificador", who), ("senha", DEMO_PASSWORD)],
                "",
            )
            .await?;
        let session = r
            .session
            .unwrap_or_else(|| panic!("login of {who} refused: {}", r.body));
        record(acked, |a| a.logins.push((session.clone(), home)));
        Ok(session)
    }
}

/// The caseworker saves plan versions, each with a new action.
async fn plans(t: Target, life: u64, acked: Shared) -> Result<(), Gone> {
    let me = t
        .login("tecnica@exemplo.org", "/equipe/agenda", &acked)
        .await?;
    let deadline = iso_in_days(30);
    for i in 0.. {
        let form = t
            .get("/equipe/pessoas/1/plano/area?area=saude", &me)
            .await?;
        let Some(versao) = form
            .body
            .split(r#"name="versao" value=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(String::from)
        else {
            panic!("the plan form has no version: {}", form.status);
        };
        let action = format!("Ação da vida {life} número {i}");
        let r = t
            .post(
                "/equipe/pessoas/1/plano/area",
                &[
                    ("versao", &versao),
                    ("area", "saude"),
                    ("demanda", "Dor de dente há semanas"),
                    ("objetivo", "Tratar o dente pelo SUS"),
                    ("acao_0", &action),
                    ("quem_0", "pessoa"),
                    ("prazo_0", &deadline),
                    ("situacao_0", "a_fazer"),
                    ("acao_1", ""),
                    ("quem_1", ""),
                    ("prazo_1", ""),
                    ("situacao_1", "a_fazer"),
                ],
                &me,
            )
            .await?;
        assert_eq!(
            r.location.as_deref(),
            Some("/equipe/pessoas/1/plano?salvo=1"),
            "{}",
            r.body
        );
        record(&acked, |a| a.plans.push(action));
    }
    Ok(())
}

/// The caseworker refers Maria to the demo partner, which accepts at once.
async fn referrals(t: Target, life: u64, acked: Shared) -> Result<(), Gone> {
    let staff = t
        .login("tecnica@exemplo.org", "/equipe/agenda", &acked)
        .await?;
    let partner = t
        .login("parceiro@exemplo.org", "/parceiro/encaminhamentos", &acked)
        .await?;
    for i in 0.. {
        let demand = format!("Mediação familiar, pedido {life}-{i}.");
        let r = t
            .post(
                "/equipe/encaminhamentos/novo",
                &[
                    ("pessoa", "1"),
                    ("servico", "11"),
                    ("demanda", &demand),
                    ("compartilhar", "1"),
                    ("consentimento", "1"),
                ],
                &staff,
            )
            .await?;
        assert_eq!(
            r.location.as_deref(),
            Some("/equipe/encaminhamentos?enviado=1"),
            "{}",
            r.body
        );
        record(&acked, |a| a.referrals.push(demand.clone()));
        let id = referral::Entity::find()
            .filter(referral::Column::Demand.eq(&demand))
            .one(&t.db)
            .await
            .expect("read")
            .expect("an answered referral is in the database")
            .id;
        let path = format!("/parceiro/encaminhamentos/{id}");
        let r = t.post(&path, &[("situacao", "aceito")], &partner).await?;
        assert_eq!(r.location, Some(format!("{path}?salvo=1")), "{}", r.body);
        record(&acked, |a| a.answers.push(id));
    }
    Ok(())
}

/// The company posts a vacancy, Maria applies, the company hires her.
async fn jobs(t: Target, life: u64, acked: Shared) -> Result<(), Gone> {
    let company = t.login("rh@exemplo.org", "/empresa/vagas", &acked).await?;
    let maria = t.login(DEMO_EGRESSO_CPF, "/inicio", &acked).await?;
    let closes = iso_in_days(20);
    let start = iso_in_days(-1);
    for i in 0.. {
        let title = format!("Pedreiro de acabamento {life}-{i}");
        let r = t
            .post(
                "/empresa/vagas/nova",
                &borrowed(&vacancy_form(&title, "7152-10", &closes)),
                &company,
            )
            .await?;
        assert_eq!(
            r.location.as_deref(),
            Some("/empresa/vagas?salva=1"),
            "{}",
            r.body
        );
        record(&acked, |a| a.vacancies.push(title.clone()));
        let vacancy_id = vacancy::Entity::find()
            .filter(vacancy::Column::Title.eq(&title))
            .one(&t.db)
            .await
            .expect("read")
            .expect("an answered vacancy is in the database")
            .id;
        let r = t
            .post(
                &format!("/vagas/{vacancy_id}/candidatura"),
                &[("consentimento", "1")],
                &maria,
            )
            .await?;
        assert_eq!(r.status, 303, "{}", r.body);
        record(&acked, |a| a.applications.push(vacancy_id));
        let application_id = application::Entity::find()
            .filter(application::Column::VacancyId.eq(vacancy_id))
            .one(&t.db)
            .await
            .expect("read")
            .expect("an answered application is in the database")
            .id;
        let r = t
            .post(
                &format!("/empresa/candidaturas/{application_id}/em_analise"),
                &[],
                &company,
            )
            .await?;
        assert_eq!(r.status, 303, "{}", r.body);
        let r = t
            .post(
                &format!("/empresa/candidaturas/{application_id}/contratar"),
                &[("inicio", &start), ("contrato", "")],
                &company,
            )
            .await?;
        assert_eq!(
            r.location,
            Some(format!(
                "/empresa/vagas/{vacancy_id}/candidatos?contratada=1"
            )),
            "{}",
            r.body
        );
        record(&acked, |a| a.hires.push(application_id));
    }
    Ok(())
}

/// The caseworker marks appointments for Maria; each plans its reminders (the push outbox).
async fn appointments(t: Target, life: u64, acked: Shared) -> Result<(), Gone> {
    let staff = t
        .login("tecnica@exemplo.org", "/equipe/agenda", &acked)
        .await?;
    for i in 0..u64::MAX {
        // Two days ahead or more: both reminders (24 h and 2 h before) are still to come.
        let when = esv_tests::local_in_days(
            2 + (life * 1000 + i) as i64 % 300,
            &format!("{:02}:{:02}", 8 + i % 10, i % 60),
        );
        let place = format!("Sala {life}-{i}");
        let r = t
            .post(
                "/equipe/agenda",
                &[
                    ("pessoa", "1"),
                    ("quando", &when),
                    ("local", &place),
                    ("com_quem", "Carla Mendes"),
                ],
                &staff,
            )
            .await?;
        assert_eq!(
            r.location.as_deref(),
            Some("/equipe/agenda?marcado=1"),
            "{}",
            r.body
        );
        record(&acked, |a| a.appointments.push(place));
    }
    Ok(())
}

fn start_node(app: &TestApp, life: u64) -> Node {
    Node::start(
        EXE,
        app,
        &format!("durable-{life}"),
        &[
            // Sessions name the deployment: the same public address for every process.
            ("ESV_PUBLIC_URL", app.origin.clone()),
            // The outbox is checked as the crashes left it: no worker sends from it.
            ("ESV_PUSH_WORKER", "0".into()),
        ],
    )
}

async fn durability(backend: Backend) {
    let Some(app) = esv_tests::spawn_app(backend).await else {
        return;
    };
    // Maria's profile, which applying needs.
    esv_tests::maria_applies(&app).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    let shared = Shared::default();
    for life in 0..KILLS {
        let node = start_node(&app, life);
        node.wait_healthy().await;
        let t = Target::new(&client, &node, &app);
        let workers = [
            tokio::spawn(plans(t.clone(), life, shared.clone())),
            tokio::spawn(referrals(t.clone(), life, shared.clone())),
            tokio::spawn(jobs(t.clone(), life, shared.clone())),
            tokio::spawn(appointments(t.clone(), life, shared.clone())),
        ];
        // A different moment in each life, so the kill lands in different writes.
        tokio::time::sleep(Duration::from_millis(1500 + 700 * life)).await;
        drop(node); // SIGKILL
        for w in workers {
            // Each ends with `Gone` when its process dies; a panic is a failed check.
            let _ = w.await.expect("a worker panicked (see above)");
        }
    }
    let acked = std::mem::take(&mut *shared.lock().expect("acked"));

    let node = start_node(&app, KILLS);
    node.wait_healthy().await;
    let t = Target::new(&client, &node, &app);
    let db = &app.db;
    for (session, home) in &acked.logins {
        let r = t.get(home, session).await.expect("the server answers");
        assert_eq!(
            r.status, 200,
            "a session answered before a crash must hold ({home})"
        );
    }
    let versions: Vec<String> = plan_version::Entity::find()
        .filter(plan_version::Column::PersonId.eq(1))
        .all(db)
        .await
        .expect("plans")
        .into_iter()
        .map(|v| v.content)
        .collect();
    for action in &acked.plans {
        assert!(
            versions.iter().any(|c| c.contains(action.as_str())),
            "saved plan version lost: {action}"
        );
    }
    for demand in &acked.referrals {
        let found = referral::Entity::find()
            .filter(referral::Column::Demand.eq(demand))
            .count(db)
            .await
            .expect("referrals");
        assert_eq!(found, 1, "referral {demand}");
    }
    for id in &acked.answers {
        let r = referral::Entity::find_by_id(*id)
            .one(db)
            .await
            .expect("referral")
            .expect("there");
        assert_eq!(r.status, "aceito", "answer to referral {id} lost");
    }
    for title in &acked.vacancies {
        let found = vacancy::Entity::find()
            .filter(vacancy::Column::Title.eq(title))
            .count(db)
            .await
            .expect("vacancies");
        assert_eq!(found, 1, "vacancy {title}");
    }
    for vacancy_id in &acked.applications {
        let found = application::Entity::find()
            .filter(application::Column::VacancyId.eq(*vacancy_id))
            .filter(application::Column::PersonId.eq(1))
            .count(db)
            .await
            .expect("applications");
        assert_eq!(found, 1, "application to vacancy {vacancy_id}");
    }
    for application_id in &acked.hires {
        let found = hire::Entity::find()
            .filter(hire::Column::ApplicationId.eq(*application_id))
            .count(db)
            .await
            .expect("hires");
        assert_eq!(found, 1, "hire of application {application_id}");
    }
    for place in &acked.appointments {
        assert_eq!(
            appointment::Entity::find()
                .filter(appointment::Column::Place.eq(place))
                .count(db)
                .await
                .expect("appointments"),
            1,
            "appointment {place}"
        );
    }

    // Nothing half-written, acknowledged or not: every appointment of the load has both its
    // reminders in the outbox, every referral its history, every hire its application.
    let load_appointments = appointment::Entity::find()
        .filter(appointment::Column::Place.starts_with("Sala "))
        .filter(appointment::Column::Place.contains("-"))
        .all(db)
        .await
        .expect("appointments");
    assert!(load_appointments.len() >= acked.appointments.len());
    for a in &load_appointments {
        let planned = push_event::Entity::find()
            .filter(push_event::Column::AppointmentId.eq(a.id))
            .filter(push_event::Column::Status.eq("planejado"))
            .count(db)
            .await
            .expect("events");
        assert_eq!(
            planned, 2,
            "appointment {} has {planned} reminders",
            a.place
        );
    }
    for r in referral::Entity::find()
        .filter(referral::Column::Demand.starts_with("Mediação familiar, pedido "))
        .all(db)
        .await
        .expect("referrals")
    {
        let events = referral_event::Entity::find()
            .filter(referral_event::Column::ReferralId.eq(r.id))
            .count(db)
            .await
            .expect("events");
        let expected = if r.status == "aceito" { 2 } else { 1 };
        assert_eq!(events, expected, "referral {} ({}) history", r.id, r.status);
    }
    for h in hire::Entity::find()
        .filter(hire::Column::ApplicationId.is_not_null())
        .all(db)
        .await
        .expect("hires")
    {
        let a = application::Entity::find_by_id(h.application_id.unwrap_or_default())
            .one(db)
            .await
            .expect("application")
            .expect("a hire's application exists");
        assert_eq!(
            a.status, "contratada",
            "hire {} and its application agree",
            h.id
        );
    }
    let counts = acked.counts();
    for (what, n) in counts {
        assert!(n > 0, "the load made no {what}");
    }
    eprintln!(
        "durability ({backend:?}): {KILLS} SIGKILLs, {} acknowledged writes checked ({})",
        counts.iter().map(|(_, n)| n).sum::<usize>(),
        counts
            .iter()
            .map(|(what, n)| format!("{n} {what}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_sigkill_sqlite() {
    durability(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_sigkill_postgres() {
    durability(Backend::Postgres).await;
}
