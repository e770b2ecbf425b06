//! Partner companies joining: self-registration with CNPJ (numeric or alphanumeric), the
//! coordination's approval before anything is published, and the company's own HR accounts.

use app::domain::Cnpj;
use app::server::entities::vacancy;
use esv_tests::{DEMO_PASSWORD, TestApp, iso_in_days, on_both_databases};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_databases!(
    a_company_registers_waits_for_approval_then_publishes,
    a_refused_company_reads_why,
    a_company_gives_access_to_its_own_people_only,
);

const PASSWORD: &str = "senha-da-empresa-2026";

fn signup(cnpj: &str, email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("cnpj", cnpj.to_string()),
        ("razao_social", "Cozinha Solidária Alimentos Ltda.".into()),
        ("nome_fantasia", "Cozinha Solidária".into()),
        ("cnae", "5611-2/01".into()),
        ("nome", "Helena Prado".into()),
        ("email", email.to_string()),
        ("telefone", "(61) 3333-4444".into()),
        ("senha", PASSWORD.into()),
        ("confirmacao", PASSWORD.into()),
    ]
}

async fn post_owned(
    app: &TestApp,
    path: &str,
    form: &[(&'static str, String)],
    cookie: Option<&str>,
) -> esv_tests::Page {
    app.post(path, &esv_tests::borrowed(form), cookie).await
}

fn vacancy_form(closes: &str) -> Vec<(&'static str, String)> {
    esv_tests::vacancy_form("Cozinheira", "5132-05", closes)
}

async fn vacancies_of(app: &TestApp, org: i32) -> u64 {
    vacancy::Entity::find()
        .filter(vacancy::Column::OrganizationId.eq(org))
        .count(&app.db)
        .await
        .expect("db")
}

async fn a_company_registers_waits_for_approval_then_publishes(app: TestApp) {
    // The alphanumeric CNPJ (IN RFB 2.229/2024) is accepted like the numeric one.
    let cnpj = Cnpj::with_check_digits("1A2B3C4D0001")
        .expect("valid base")
        .formatted();
    let mut bad = signup("12.345.678/0001-00", "helena@cozinha.org");
    bad[3].1 = "56112".into();
    bad[8].1 = "outra-senha".into();
    let refused = post_owned(&app, "/empresas/cadastro", &bad, None).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("CNPJ"));
    assert!(refused.body.contains("O CNAE tem 7 números."));
    assert!(refused.body.contains("As duas senhas não são iguais."));
    assert!(
        refused.body.contains("Cozinha Solidária Alimentos Ltda."),
        "typed text kept"
    );
    assert!(
        !refused.body.contains(PASSWORD),
        "passwords are never written back"
    );

    let done = post_owned(
        &app,
        "/empresas/cadastro",
        &signup(&cnpj, "helena@cozinha.org"),
        None,
    )
    .await;
    assert_eq!(done.location(), Some("/entrar?empresa=1"), "{}", done.body);
    let again = post_owned(
        &app,
        "/empresas/cadastro",
        &signup(&cnpj, "outra@cozinha.org"),
        None,
    )
    .await;
    assert!(again.body.contains("Esta empresa já tem cadastro."));
    let same_email = post_owned(
        &app,
        "/empresas/cadastro",
        &signup("11.222.333/0001-81", "rh@exemplo.org"),
        None,
    )
    .await;
    assert!(
        same_email
            .body
            .contains("Já existe uma conta com este e-mail.")
    );

    let (company, home) = app.login("helena@cozinha.org", PASSWORD).await;
    assert_eq!(home, "/empresa");
    assert!(
        app.get("/empresa", Some(&company))
            .await
            .body
            .contains("Cadastro em análise pelo Escritório Social.")
    );
    let org = app::server::entities::organization::Entity::find()
        .filter(
            app::server::entities::organization::Column::Name
                .eq("Cozinha Solidária Alimentos Ltda."),
        )
        .one(&app.db)
        .await
        .expect("db")
        .expect("registered");
    assert_eq!(org.status, "pendente");
    let closes = iso_in_days(20);
    let blocked = post_owned(
        &app,
        "/empresa/vagas/nova",
        &vacancy_form(&closes),
        Some(&company),
    )
    .await;
    assert_eq!(blocked.status, 403);
    assert!(blocked.body.contains("Sua empresa ainda não foi aprovada"));
    assert!(blocked.body.contains("Preparar legumes"), "typed text kept");
    assert_eq!(vacancies_of(&app, org.id).await, 0, "nothing published");

    // Only the coordination decides.
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    assert_eq!(
        app.get("/equipe/empresas", Some(&tecnica)).await.status,
        403
    );
    assert_eq!(
        app.post(
            &format!("/equipe/empresas/{}/aprovar", org.id),
            &[],
            Some(&tecnica)
        )
        .await
        .status,
        403
    );
    let (coord, _) = app.login("coordenacao@exemplo.org", DEMO_PASSWORD).await;
    let list = app.get("/equipe/empresas", Some(&coord)).await;
    assert!(list.body.contains("Cozinha Solidária Alimentos Ltda."));
    let page = app
        .get(&format!("/equipe/empresas/{}", org.id), Some(&coord))
        .await;
    assert!(page.body.contains("5611-2/01"));
    assert!(page.body.contains(&cnpj));
    let approved = app
        .post(
            &format!("/equipe/empresas/{}/aprovar", org.id),
            &[],
            Some(&coord),
        )
        .await;
    assert_eq!(approved.location(), Some("/equipe/empresas?aprovada=1"));
    let twice = app
        .post(
            &format!("/equipe/empresas/{}/recusar", org.id),
            &[("motivo", "Mudei de ideia sobre esta")],
            Some(&coord),
        )
        .await;
    assert_eq!(twice.status, 422, "one decision per registration");

    let published = post_owned(
        &app,
        "/empresa/vagas/nova",
        &vacancy_form(&closes),
        Some(&company),
    )
    .await;
    assert_eq!(
        published.location(),
        Some("/empresa/vagas?salva=1"),
        "{}",
        published.body
    );
    assert_eq!(vacancies_of(&app, org.id).await, 1);
    assert!(
        !app.get("/empresa", Some(&company))
            .await
            .body
            .contains("Cadastro em análise")
    );
}

async fn a_refused_company_reads_why(app: TestApp) {
    let done = post_owned(
        &app,
        "/empresas/cadastro",
        &signup("11.222.333/0001-81", "helena@cozinha.org"),
        None,
    )
    .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let (coord, _) = app.login("coordenacao@exemplo.org", DEMO_PASSWORD).await;
    let org = app::server::entities::organization::Entity::find()
        .filter(app::server::entities::organization::Column::Status.eq("pendente"))
        .one(&app.db)
        .await
        .expect("db")
        .expect("pending");
    let short = app
        .post(
            &format!("/equipe/empresas/{}/recusar", org.id),
            &[("motivo", "Não")],
            Some(&coord),
        )
        .await;
    assert_eq!(short.status, 422);
    assert!(short.body.contains("Escreva o motivo da recusa"));
    let reason = "O CNPJ está baixado na Receita Federal. Cadastre o CNPJ ativo.";
    let refused = app
        .post(
            &format!("/equipe/empresas/{}/recusar", org.id),
            &[("motivo", reason)],
            Some(&coord),
        )
        .await;
    assert_eq!(refused.location(), Some("/equipe/empresas?recusada=1"));
    let (company, _) = app.login("helena@cozinha.org", PASSWORD).await;
    let home = app.get("/empresa", Some(&company)).await;
    assert!(
        home.body
            .contains(&format!("Cadastro não aprovado. Motivo: {reason}"))
    );
    let closes = iso_in_days(20);
    let blocked = post_owned(
        &app,
        "/empresa/vagas/nova",
        &vacancy_form(&closes),
        Some(&company),
    )
    .await;
    assert_eq!(blocked.status, 403);
}

async fn a_company_gives_access_to_its_own_people_only(app: TestApp) {
    let (rh, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let bad = app
        .post(
            "/empresa/equipe",
            &[("nome", "Lia"), ("email", "não é e-mail")],
            Some(&rh),
        )
        .await;
    assert_eq!(bad.status, 422);
    let made = app
        .post(
            "/empresa/equipe",
            &[("nome", "Lia Souza"), ("email", "lia@horizonte.com.br")],
            Some(&rh),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let code = made
        .body
        .split(r#"class="code">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("code")
        .trim()
        .to_string();
    let set = app
        .post(
            "/definir-senha",
            &[
                ("identificador", "lia@horizonte.com.br"),
                ("codigo", &code),
                ("senha", "senha-da-lia-2026"),
                ("confirmacao", "senha-da-lia-2026"),
            ],
            None,
        )
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    let (lia, home) = app.login("lia@horizonte.com.br", "senha-da-lia-2026").await;
    assert_eq!(home, "/empresa");
    // Same company: same vacancies.
    let hers = app.get("/empresa/vagas", Some(&lia)).await.body;
    let his = app.get("/empresa/vagas", Some(&rh)).await.body;
    let count = |b: &str| b.matches(r#"<li class="item">"#).count();
    assert_eq!(count(&hers), count(&his));
    assert!(
        app.get("/empresa/equipe", Some(&lia))
            .await
            .body
            .contains("Roberto Lima")
    );

    // Another company sees none of them.
    let done = post_owned(
        &app,
        "/empresas/cadastro",
        &signup("11.222.333/0001-81", "helena@cozinha.org"),
        None,
    )
    .await;
    assert_eq!(done.status, 303);
    let (other, _) = app.login("helena@cozinha.org", PASSWORD).await;
    let team = app.get("/empresa/equipe", Some(&other)).await;
    assert!(team.body.contains("Helena Prado"));
    assert!(!team.body.contains("Lia Souza"));
    assert!(!team.body.contains("Roberto Lima"));
    assert!(
        app.get("/empresa/vagas", Some(&other))
            .await
            .body
            .matches(r#"<li class="item">"#)
            .count()
            == 0
    );
    // Other roles cannot open the company's team page.
    for who in [
        "tecnica@exemplo.org",
        "parceiro@exemplo.org",
        "admin@exemplo.org",
    ] {
        let (cookie, _) = app.login(who, DEMO_PASSWORD).await;
        assert_eq!(
            app.get("/empresa/equipe", Some(&cookie)).await.status,
            403,
            "{who}"
        );
    }
}
