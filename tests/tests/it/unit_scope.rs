//! Every page and form of the case file, enumerated: staff of another unit get 404 on each one
//! (the record does not exist for them), every other role gets 403, and afterwards not one row
//! of any case table has changed. Also the coordinator's unit dashboard.

use app::server::entities::{
    appointment, audit_log, follow_up, hire, interview_area, person, person_detail,
    person_document, plan_version, referral, referral_event, retention_check, stigma_episode,
};
use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, iso_in_days, on_both_databases};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_databases!(
    every_read_of_the_case_file_is_logged,
    another_unit_reaches_no_page_or_form_of_the_case_file,
    the_coordinator_sees_the_unit_in_numbers,
);

/// Every row of every case table, to compare before and after.
async fn snapshot(app: &TestApp) -> String {
    let db = &app.db;
    format!(
        "{:?}",
        (
            person::Entity::find().all(db).await.expect("db"),
            person_detail::Entity::find().all(db).await.expect("db"),
            interview_area::Entity::find().all(db).await.expect("db"),
            person_document::Entity::find().all(db).await.expect("db"),
            plan_version::Entity::find().all(db).await.expect("db"),
            follow_up::Entity::find().all(db).await.expect("db"),
            stigma_episode::Entity::find().all(db).await.expect("db"),
            hire::Entity::find().all(db).await.expect("db"),
            retention_check::Entity::find().all(db).await.expect("db"),
            referral::Entity::find().all(db).await.expect("db"),
            referral_event::Entity::find().all(db).await.expect("db"),
            appointment::Entity::find().all(db).await.expect("db"),
        )
    )
}

async fn seed_unit_one(app: &TestApp, tecnica: &str) {
    let today = iso_in_days(0);
    let when = format!("{}T10:00", iso_in_days(2));
    let start = iso_in_days(-25);
    let steps: [(&str, Vec<(&str, &str)>); 5] = [
        (
            "/equipe/encaminhamentos/novo",
            vec![
                ("pessoa", "1"),
                ("servico", "11"),
                ("demanda", "Mediação familiar"),
            ],
        ),
        (
            "/equipe/agenda",
            vec![
                ("pessoa", "1"),
                ("quando", &when),
                ("local", "Sala 2"),
                ("com_quem", "Carla Mendes"),
            ],
        ),
        (
            "/equipe/pessoas/1/estigma",
            vec![
                ("tipo", "experimentado"),
                ("onde", "trabalho"),
                ("data", &today),
                (
                    "o_que",
                    "Foi dispensada da entrevista ao contar a história.",
                ),
            ],
        ),
        (
            "/equipe/pessoas/1/emprego",
            vec![
                ("empresa", "Mercado Bom Preço"),
                ("funcao", "Repositora"),
                ("inicio", &start),
            ],
        ),
        (
            "/equipe/pessoas/1/acompanhamento",
            vec![
                ("tipo", "telefone"),
                ("data", &today),
                ("resumo", "Ligou para avisar."),
            ],
        ),
    ];
    for (path, form) in steps {
        let done = app.post(path, &form, Some(tecnica)).await;
        assert_eq!(done.status, 303, "{path}: {}", done.body);
    }
}

async fn another_unit_reaches_no_page_or_form_of_the_case_file(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    seed_unit_one(&app, &tecnica).await;
    let outsiders = [
        app.other_unit_caseworker().await,
        app.other_unit_staff("coordinator", "coord-bh@exemplo.org")
            .await,
    ];
    let before = snapshot(&app).await;

    let reads = [
        "/equipe/pessoas/1",
        "/equipe/pessoas/1/entrevista",
        "/equipe/pessoas/1/entrevista/saude",
        "/equipe/pessoas/1/plano",
        "/equipe/pessoas/1/plano/area?area=saude",
        "/equipe/pessoas/1/plano/historico",
        "/equipe/pessoas/1/acompanhamento",
        "/equipe/pessoas/1/estigma",
        "/equipe/pessoas/1/estigma/1",
        "/equipe/pessoas/1/emprego",
        "/equipe/encaminhamentos/1",
        "/equipe/agenda/1/remarcar",
    ];
    let today = iso_in_days(0);
    let later = format!("{}T10:00", iso_in_days(3));
    let writes: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/equipe/pessoas/1/acesso", vec![]),
        ("/equipe/pessoas/1/saida", vec![]),
        ("/equipe/pessoas/1/cota", vec![("confirmar", "1")]),
        ("/equipe/pessoas/1/referencia", vec![("referencia", "7")]),
        (
            "/equipe/pessoas/1/entrevista/saude",
            vec![("situacao", "Intrusão")],
        ),
        ("/equipe/pessoas/1/documentos", vec![("cpf", "nao_tem")]),
        (
            "/equipe/pessoas/1/plano/area",
            vec![
                ("versao", "1"),
                ("area", "saude"),
                ("demanda", "Intrusão"),
                ("objetivo", "Intrusão"),
            ],
        ),
        (
            "/equipe/pessoas/1/acompanhamento",
            vec![
                ("tipo", "telefone"),
                ("data", &today),
                ("resumo", "Intrusão"),
            ],
        ),
        (
            "/equipe/pessoas/1/estigma",
            vec![
                ("tipo", "experimentado"),
                ("onde", "trabalho"),
                ("data", &today),
                ("o_que", "Intrusão de outra unidade"),
            ],
        ),
        (
            "/equipe/pessoas/1/estigma/1",
            vec![
                ("tipo", "experimentado"),
                ("onde", "trabalho"),
                ("data", &today),
                ("o_que", "Intrusão de outra unidade"),
            ],
        ),
        (
            "/equipe/pessoas/1/emprego",
            vec![
                ("empresa", "Intrusão"),
                ("funcao", "Intrusão"),
                ("inicio", &today),
            ],
        ),
        (
            "/equipe/pessoas/1/emprego/conversa/1",
            vec![("trabalhando", "nao")],
        ),
        ("/equipe/agenda/1/cancelar", vec![]),
        (
            "/equipe/agenda/1/remarcar",
            vec![("quando", &later), ("local", "Sala"), ("com_quem", "BH")],
        ),
        (
            "/equipe/encaminhamentos/1",
            vec![("situacao", "cancelado"), ("observacao", "Intrusão")],
        ),
    ];
    // Forms that pick a person by id answer as if the person did not exist.
    let pickers: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "/equipe/encaminhamentos/novo",
            vec![("pessoa", "1"), ("servico", "11"), ("demanda", "Intrusão")],
        ),
        (
            "/equipe/agenda",
            vec![
                ("pessoa", "1"),
                ("quando", &later),
                ("local", "Sala"),
                ("com_quem", "BH"),
            ],
        ),
        (
            "/equipe/pessoas/nova",
            vec![
                ("nome", "Parente de Fora"),
                ("categoria", "familiar"),
                ("familiar_de", "1"),
            ],
        ),
    ];
    for cookie in &outsiders {
        for path in reads {
            let page = app.get(path, Some(cookie)).await;
            assert_eq!(page.status, 404, "{path}");
            assert!(!page.body.contains("Maria"), "{path}");
        }
        for (path, form) in &writes {
            assert_eq!(
                app.post(path, form, Some(cookie)).await.status,
                404,
                "{path}"
            );
        }
        for (path, form) in &pickers {
            assert_eq!(
                app.post(path, form, Some(cookie)).await.status,
                422,
                "{path}"
            );
        }
        for path in [
            "/equipe",
            "/equipe/pessoas?q=maria",
            "/equipe/agenda",
            "/equipe/encaminhamentos",
            "/equipe/inscricoes",
        ] {
            let page = app.get(path, Some(cookie)).await;
            assert_eq!(page.status, 200, "{path}");
            assert!(!page.body.contains("Maria"), "{path}");
        }
    }
    for who in [
        "rh@exemplo.org",
        "parceiro@exemplo.org",
        "admin@exemplo.org",
        DEMO_EGRESSO_CPF,
    ] {
        let (cookie, _) = app.login(who, DEMO_PASSWORD).await;
        for path in reads {
            assert_eq!(
                app.get(path, Some(&cookie)).await.status,
                403,
                "{who} {path}"
            );
        }
        for (path, form) in writes.iter().chain(pickers.iter()) {
            assert_eq!(
                app.post(path, form, Some(&cookie)).await.status,
                403,
                "{who} {path}"
            );
        }
    }
    assert_eq!(before, snapshot(&app).await, "no case row changed");
}

async fn the_coordinator_sees_the_unit_in_numbers(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let release = iso_in_days(60);
    for form in [
        vec![
            ("nome", "Ana Lúcia Ferreira"),
            ("categoria", "egresso"),
            ("raca", "preta"),
            ("genero", "Mulher cis"),
        ],
        vec![
            ("nome", "Rita de Cássia Moura"),
            ("categoria", "egresso"),
            ("raca", "preta"),
            ("genero", "mulher cis"),
        ],
        vec![
            ("nome", "José Carlos Pereira"),
            ("categoria", "pre_egresso"),
            ("unidade_prisional", "PDF I"),
            ("saida_prevista", &release),
            ("regime", "fechado"),
            ("raca", "parda"),
        ],
    ] {
        assert_eq!(
            app.post("/equipe/pessoas/nova", &form, Some(&tecnica))
                .await
                .status,
            303
        );
    }
    assert_eq!(
        app.get("/equipe/painel", Some(&tecnica)).await.status,
        403,
        "caseworkers: no"
    );
    let (coord, _) = app.login("coordenacao@exemplo.org", DEMO_PASSWORD).await;
    let page = app.get("/equipe/painel", Some(&coord)).await;
    assert_eq!(page.status, 200);
    let row = |label: &str, n: usize| format!("<th scope=\"row\">{label}</th><td>{n}</td>");
    for (label, n) in [
        ("Pessoas atendidas", 4),
        ("Preta", 2),
        ("Parda", 1),
        ("Não perguntado", 1),
        ("Mulher cis", 2),
        ("Não informada", 2),
        ("Pré-egressas com plano de saída (de 1)", 0),
        ("Com plano singular", 1),
    ] {
        assert!(page.body.contains(&row(label, n)), "{label} {n}");
    }
    assert!(!page.body.contains("Ana Lúcia"), "numbers only");
    for who in [
        "rh@exemplo.org",
        "parceiro@exemplo.org",
        "admin@exemplo.org",
        DEMO_EGRESSO_CPF,
    ] {
        let (cookie, _) = app.login(who, DEMO_PASSWORD).await;
        assert_eq!(
            app.get("/equipe/painel", Some(&cookie)).await.status,
            403,
            "{who}"
        );
    }
}

/// Log rows about Maria (person 1).
async fn maria_log_rows(app: &TestApp) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::SubjectKind.eq("person"))
        .filter(audit_log::Column::SubjectId.eq(1))
        .count(&app.db)
        .await
        .expect("db")
}

async fn every_read_of_the_case_file_is_logged(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    seed_unit_one(&app, &tecnica).await;
    for path in [
        "/equipe",
        "/equipe/pessoas?q=maria",
        "/equipe/pessoas/1",
        "/equipe/pessoas/1/entrevista",
        "/equipe/pessoas/1/entrevista/saude",
        "/equipe/pessoas/1/plano",
        "/equipe/pessoas/1/plano/area?area=saude",
        "/equipe/pessoas/1/plano/historico",
        "/equipe/pessoas/1/acompanhamento",
        "/equipe/pessoas/1/estigma",
        "/equipe/pessoas/1/estigma/1",
        "/equipe/pessoas/1/emprego",
        "/equipe/encaminhamentos",
        "/equipe/encaminhamentos/1",
        "/equipe/agenda",
        "/equipe/agenda/1/remarcar",
    ] {
        let before = maria_log_rows(&app).await;
        assert_eq!(app.get(path, Some(&tecnica)).await.status, 200, "{path}");
        assert!(
            maria_log_rows(&app).await > before,
            "{path} left no log entry"
        );
    }
    // Numbers only: the coordinator's dashboard reads no case file.
    let (coord, _) = app.login("coordenacao@exemplo.org", DEMO_PASSWORD).await;
    let before = maria_log_rows(&app).await;
    assert_eq!(app.get("/equipe/painel", Some(&coord)).await.status, 200);
    assert_eq!(maria_log_rows(&app).await, before);
}
