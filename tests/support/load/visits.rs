//! Each role's usual visit, page by page, with a pause after each. Searches come from the
//! long-tail workloads of the benchmarks (`bench/*-workload.txt`: 1,200 job searches, the
//! directory's requests, name searches), so the load is not one request repeated. Writes
//! are the ones each role makes every day: an egresso saves a vacancy, a caseworker saves a
//! plan area and marks an appointment (which plans two push reminders), a company posts a
//! vacancy.

use super::Person;
use app::domain::Role;
use std::sync::LazyLock;

const JOB_SEARCHES: &str = include_str!("../../../bench/search-workload.txt");
const DIRECTORY: &str = include_str!("../../../bench/directory-workload.txt");
const NAME_SEARCHES: &str = include_str!("../../../bench/people-workload.txt");

fn lines(text: &'static str, prefix: &str) -> Vec<&'static str> {
    text.lines().filter(|l| l.starts_with(prefix)).collect()
}

static JOBS: LazyLock<Vec<&str>> = LazyLock::new(|| lines(JOB_SEARCHES, "/vagas"));
static SERVICES: LazyLock<Vec<&str>> = LazyLock::new(|| lines(DIRECTORY, "/servicos"));
static NAMES: LazyLock<Vec<&str>> = LazyLock::new(|| lines(NAME_SEARCHES, "/equipe/pessoas?"));

const PLAN_AREAS: [&str; 4] = ["saude", "documentacao", "trabalho_renda", "moradia"];

const MONITORING: [&str; 4] = [
    "/monitoramento",
    "/monitoramento?indicador=encaminhamentos&corte=raca&corte2=genero",
    "/monitoramento?indicador=atendimentos&corte=genero",
    "/monitoramento?indicador=encaminhamentos",
];

/// Logs in with the demo password; the session is kept for the rest of the run.
pub async fn log_in(p: &mut Person) -> bool {
    let started = std::time::Instant::now();
    let sent = p
        .client
        .post(format!("{}/entrar", p.base))
        .header("origin", &p.base)
        .form(&[
            ("identificador", p.member.login.as_str()),
            ("senha", crate::DEMO_PASSWORD),
        ])
        .send()
        .await;
    let session = match sent {
        Ok(r) if r.status().as_u16() == 303 => r
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix("esv_sessao="))
            .map(|rest| rest.split(';').next().unwrap_or_default().to_string())
            .ok_or_else(|| "no session cookie".to_string()),
        Ok(r) => Err(format!("status {}", r.status())),
        Err(e) => Err(format!("no answer: {e}")),
    };
    let login = p.member.login.clone();
    match session {
        Ok(session) => {
            p.session = session;
            p.record("POST /entrar", "/entrar", Ok(started.elapsed()));
            true
        }
        Err(what) => {
            p.record("POST /entrar", &login, Err(what));
            false
        }
    }
}

/// One visit of the person's role; false when the run is over.
pub async fn one_visit(p: &mut Person, open_vacancies: &[i32]) -> bool {
    match p.member.role {
        Role::Egresso => egresso(p, open_vacancies).await,
        Role::Caseworker => caseworker(p).await,
        Role::Coordinator => coordinator(p).await,
        Role::Company => company(p).await,
        Role::Partner => partner(p).await,
        Role::Admin => admin(p).await,
    }
}

/// Opens a page and pauses; false when the run is over.
async fn open(p: &mut Person, page: &'static str, path: &str) -> bool {
    p.get(page, path).await;
    p.think().await
}

async fn search(p: &mut Person, page: &'static str, all: &[&str]) -> bool {
    let path = p.rng.pick(all).copied().unwrap_or("/vagas");
    open(p, page, path).await
}

async fn egresso(p: &mut Person, open_vacancies: &[i32]) -> bool {
    if !open(p, "GET /inicio", "/inicio").await || !search(p, "GET /vagas?…", &JOBS).await {
        return false;
    }
    if let Some(id) = p.rng.pick(open_vacancies).copied() {
        let path = format!("/vagas/{id}");
        if !open(p, "GET /vagas/{id}", &path).await {
            return false;
        }
        if p.rng.below(3) == 0 {
            let keep = if p.rng.below(4) == 0 { "0" } else { "1" };
            p.post(
                "POST /vagas/{id}/salvar",
                &format!("{path}/salvar"),
                &[("salvar", keep)],
                &path,
            )
            .await;
            if !p.think().await {
                return false;
            }
        }
    }
    match p.rng.below(5) {
        0 => open(p, "GET /inicio/agenda", "/inicio/agenda").await,
        1 => open(p, "GET /inicio/plano", "/inicio/plano").await,
        2 => open(p, "GET /inicio/salvas", "/inicio/salvas").await,
        3 => open(p, "GET /inicio/encaminhamentos", "/inicio/encaminhamentos").await,
        _ => search(p, "GET /servicos?…", &SERVICES).await,
    }
}

async fn caseworker(p: &mut Person) -> bool {
    if !open(p, "GET /equipe/agenda", "/equipe/agenda").await
        || !search(p, "GET /equipe/pessoas?q=…", &NAMES).await
    {
        return false;
    }
    let Some(id) = p.rng.pick(&p.member.people).copied() else {
        return open(p, "GET /equipe/encaminhamentos", "/equipe/encaminhamentos").await;
    };
    let person = format!("/equipe/pessoas/{id}");
    if !open(p, "GET /equipe/pessoas/{id}", &person).await
        || !open(
            p,
            "GET /equipe/pessoas/{id}/plano",
            &format!("{person}/plano"),
        )
        .await
    {
        return false;
    }
    if p.rng.below(2) == 0 && !save_plan_area(p, &person).await {
        return false;
    }
    if p.rng.below(3) == 0 {
        let n = p.rng.draw();
        let when = crate::local_in_days(
            2 + (n % 60) as i64,
            &format!("{:02}:{:02}", 8 + n % 10, (n / 10) % 4 * 15),
        );
        p.post(
            "POST /equipe/agenda",
            "/equipe/agenda",
            &[
                ("pessoa", &id.to_string()),
                ("quando", &when),
                ("local", "Sala 2 do Escritório Social"),
                ("com_quem", "Equipe técnica"),
            ],
            "/equipe/agenda?marcado=1",
        )
        .await;
        if !p.think().await {
            return false;
        }
    }
    open(p, "GET /equipe/encaminhamentos", "/equipe/encaminhamentos").await
}

/// Opens one plan area's form and saves it with a new action, as written in the form.
async fn save_plan_area(p: &mut Person, person: &str) -> bool {
    let area = PLAN_AREAS[p.rng.below(PLAN_AREAS.len())];
    let Some(form) = p
        .get(
            "GET /equipe/pessoas/{id}/plano/area",
            &format!("{person}/plano/area?area={area}"),
        )
        .await
    else {
        return p.think().await;
    };
    let version = form
        .split(r#"name="versao" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string();
    if !p.think().await {
        return false;
    }
    let deadline = crate::iso_in_days(30);
    let action = format!("Retorno combinado {}", p.rng.below(1000));
    p.post(
        "POST /equipe/pessoas/{id}/plano/area",
        &format!("{person}/plano/area"),
        &[
            ("versao", &version),
            ("area", area),
            ("demanda", "Pediu ajuda nesta área na conversa de hoje."),
            ("objetivo", "Resolver com a rede até o prazo."),
            ("acao_0", &action),
            ("quem_0", "pessoa"),
            ("prazo_0", &deadline),
            ("situacao_0", "a_fazer"),
        ],
        &format!("{person}/plano?salvo=1"),
    )
    .await;
    p.think().await
}

async fn coordinator(p: &mut Person) -> bool {
    let monitoring = MONITORING[p.rng.below(MONITORING.len())];
    open(p, "GET /equipe/painel", "/equipe/painel").await
        && open(p, "GET /monitoramento?…", monitoring).await
        && open(p, "GET /equipe/cotas", "/equipe/cotas").await
        && search(p, "GET /equipe/pessoas?q=…", &NAMES).await
}

async fn company(p: &mut Person) -> bool {
    if !open(p, "GET /empresa", "/empresa").await
        || !open(p, "GET /empresa/vagas", "/empresa/vagas").await
    {
        return false;
    }
    if let Some(id) = p.rng.pick(&p.member.items).copied()
        && !open(
            p,
            "GET /empresa/vagas/{id}/candidatos",
            &format!("/empresa/vagas/{id}/candidatos"),
        )
        .await
    {
        return false;
    }
    if p.rng.below(4) == 0 {
        let title = format!("Auxiliar de obras {}", p.rng.below(10_000));
        let closes = crate::iso_in_days(30);
        p.post(
            "POST /empresa/vagas/nova",
            "/empresa/vagas/nova",
            &crate::borrowed(&crate::vacancy_form(&title, "7170-20", &closes)),
            "/empresa/vagas?salva=1",
        )
        .await;
        if !p.think().await {
            return false;
        }
    }
    search(p, "GET /vagas?…", &JOBS).await
}

async fn partner(p: &mut Person) -> bool {
    if !open(p, "GET /parceiro", "/parceiro").await
        || !open(
            p,
            "GET /parceiro/encaminhamentos",
            "/parceiro/encaminhamentos",
        )
        .await
    {
        return false;
    }
    if let Some(id) = p.rng.pick(&p.member.items).copied()
        && !open(
            p,
            "GET /parceiro/encaminhamentos/{id}",
            &format!("/parceiro/encaminhamentos/{id}"),
        )
        .await
    {
        return false;
    }
    open(p, "GET /parceiro/inscricoes", "/parceiro/inscricoes").await
}

async fn admin(p: &mut Person) -> bool {
    open(p, "GET /admin", "/admin").await
        && open(p, "GET /admin/contas", "/admin/contas").await
        && open(
            p,
            "GET /monitoramento/relatorio",
            "/monitoramento/relatorio",
        )
        .await
        && open(p, "GET /admin/servicos", "/admin/servicos").await
}
