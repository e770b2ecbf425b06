//! Anti-stigma work: stigma episodes recorded and completed; a hire plans the 30/90/180-day
//! retention check-ins, which reach the reference caseworker's dashboard when due.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, iso_in_days, on_both_databases};

on_both_databases!(
    stigma_episodes_are_recorded_and_completed,
    a_hire_brings_check_ins_to_the_dashboard,
    other_units_and_roles_reach_neither,
);

async fn stigma_episodes_are_recorded_and_completed(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let page = app.get("/equipe/pessoas/1/estigma", Some(&tecnica)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Nenhum episódio registrado."));
    let tomorrow = iso_in_days(1);
    let bad = app
        .post(
            "/equipe/pessoas/1/estigma",
            &[
                ("tipo", ""),
                ("onde", "trabalho"),
                ("data", &tomorrow),
                ("o_que", "Curto"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(bad.status, 422);
    for message in [
        "Escolha o tipo de estigma.",
        "A data não pode ser no futuro.",
        "Conte o que aconteceu",
    ] {
        assert!(bad.body.contains(message), "{message}");
    }
    let what = "Na entrevista, o gerente perguntou se ela tinha passagem e encerrou a conversa.";
    let day = iso_in_days(-10);
    let made = app
        .post(
            "/equipe/pessoas/1/estigma",
            &[
                ("tipo", "experimentado"),
                ("onde", "trabalho"),
                ("data", &day),
                ("o_que", what),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(made.location(), Some("/equipe/pessoas/1/estigma?salvo=1"));
    let page = app.get("/equipe/pessoas/1/estigma", Some(&tecnica)).await;
    assert!(page.body.contains(what));
    assert!(
        page.body
            .contains("Experimentado · Trabalho ou busca de emprego")
    );
    assert!(page.body.contains("Registrar ação e desfecho"));
    let edit = app.get("/equipe/pessoas/1/estigma/1", Some(&tecnica)).await;
    assert_eq!(edit.status, 200);
    assert!(edit.body.contains(what));
    let done = app
        .post(
            "/equipe/pessoas/1/estigma/1",
            &[
                ("tipo", "experimentado"),
                ("onde", "trabalho"),
                ("data", &day),
                ("o_que", what),
                (
                    "acao",
                    "Conversa da coordenação com a empresa sobre a lei e o TST.",
                ),
                ("desfecho", "A empresa chamou de novo e ela foi contratada."),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let page = app.get("/equipe/pessoas/1/estigma", Some(&tecnica)).await;
    assert!(page.body.contains("A empresa chamou de novo"));
    assert_eq!(
        app.get("/equipe/pessoas/1/estigma/99", Some(&tecnica))
            .await
            .status,
        404
    );

    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let data = app.get("/inicio/meus-dados", Some(&me)).await;
    assert!(data.body.contains(
        "Carla Mendes (Equipe técnica) registrou um episódio de preconceito que você sofreu"
    ));
    let export: serde_json::Value =
        serde_json::from_str(&app.get("/inicio/meus-dados/baixar", Some(&me)).await.body)
            .expect("JSON");
    assert_eq!(
        export["episodios_de_estigma"][0]["desfecho"],
        "A empresa chamou de novo e ela foi contratada."
    );
}

async fn a_hire_brings_check_ins_to_the_dashboard(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let home = app.get("/equipe", Some(&tecnica)).await;
    assert!(
        home.body
            .contains("Nenhuma conversa de acompanhamento do emprego")
    );
    let far = iso_in_days(-400);
    let bad = app
        .post(
            "/equipe/pessoas/1/emprego",
            &[
                ("empresa", "Restaurante Sabor de Casa"),
                ("funcao", ""),
                ("inicio", &far),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Digite a função."));
    assert!(bad.body.contains("Escolha uma data do último ano"));
    assert!(bad.body.contains("Restaurante Sabor de Casa"));

    // Started 25 days ago: the 30-day conversation is 5 days ahead, so it is on the dashboard.
    let start = iso_in_days(-25);
    let hired = app
        .post(
            "/equipe/pessoas/1/emprego",
            &[
                ("empresa", "Restaurante Sabor de Casa"),
                ("funcao", "Auxiliar de cozinha"),
                ("inicio", &start),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(
        hired.location(),
        Some("/equipe/pessoas/1/emprego?contratacao=1")
    );
    let page = app.get("/equipe/pessoas/1/emprego", Some(&tecnica)).await;
    let (y, rest) = iso_in_days(5)
        .split_once('-')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .expect("iso");
    let (m, d) = rest.split_once('-').expect("iso");
    let due30 = format!("{d}/{m}/{y}");
    assert!(
        page.body
            .contains(&format!("Conversa dos 30 dias ({due30})"))
    );
    assert!(page.body.contains("90 dias"));
    assert!(page.body.contains("180 dias"));
    let home = app.get("/equipe", Some(&tecnica)).await;
    assert!(home.body.contains(&format!(
        "Conversa dos 30 dias · Restaurante Sabor de Casa · {due30}"
    )));

    let missing = app
        .post(
            "/equipe/pessoas/1/emprego/conversa/1",
            &[("trabalhando", ""), ("nota", "Está gostando")],
            Some(&tecnica),
        )
        .await;
    assert_eq!(missing.status, 422);
    assert!(
        missing
            .body
            .contains("Diga se a pessoa ainda está no trabalho.")
    );
    assert!(missing.body.contains("Está gostando"));
    let ok = app
        .post(
            "/equipe/pessoas/1/emprego/conversa/1",
            &[
                ("trabalhando", "sim"),
                ("nota", "Está gostando; o chefe é respeitoso."),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(ok.location(), Some("/equipe/pessoas/1/emprego?conversa=1"));
    let again = app
        .post(
            "/equipe/pessoas/1/emprego/conversa/1",
            &[("trabalhando", "nao")],
            Some(&tecnica),
        )
        .await;
    assert_eq!(again.status, 422);
    assert!(again.body.contains("Esta conversa já foi registrada."));
    let home = app.get("/equipe", Some(&tecnica)).await;
    assert!(!home.body.contains("Conversa dos 30 dias"));
    assert!(!home.body.contains("Conversa dos 90 dias"), "not due yet");

    // The 90-day conversation finds the job lost: the job ends, the 180-day one is not needed.
    let lost = app
        .post(
            "/equipe/pessoas/1/emprego/conversa/2",
            &[
                ("trabalhando", "nao"),
                ("nota", "Saiu depois de uma discussão."),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(lost.status, 303, "{}", lost.body);
    let page = app.get("/equipe/pessoas/1/emprego", Some(&tecnica)).await;
    assert!(page.body.contains("Conversa feita: continua no trabalho."));
    assert!(page.body.contains("Conversa feita: saiu do trabalho."));
    assert!(page.body.contains("Não precisou"));
    let br = app::domain::plan::iso_to_br;
    assert!(
        page.body
            .contains(&format!("De {} a {}", br(&start), br(&iso_in_days(0)))),
        "the job ended on the day of the conversation"
    );

    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let data = app.get("/inicio/meus-dados", Some(&me)).await;
    assert!(data.body.contains("registrou sua contratação"));
    assert!(
        data.body
            .contains("registrou uma conversa sobre seu trabalho")
    );
}

async fn other_units_and_roles_reach_neither(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let start = iso_in_days(-25);
    app.post(
        "/equipe/pessoas/1/emprego",
        &[
            ("empresa", "Restaurante Sabor de Casa"),
            ("funcao", "Auxiliar de cozinha"),
            ("inicio", &start),
        ],
        Some(&tecnica),
    )
    .await;
    let day = iso_in_days(-2);
    app.post(
        "/equipe/pessoas/1/estigma",
        &[
            ("tipo", "antecipado"),
            ("onde", "saude"),
            ("data", &day),
            (
                "o_que",
                "Deixou de ir ao posto de saúde com medo de ser reconhecida.",
            ),
        ],
        Some(&tecnica),
    )
    .await;
    let other = app.other_unit_caseworker().await;
    let reads = [
        "/equipe/pessoas/1/estigma",
        "/equipe/pessoas/1/estigma/1",
        "/equipe/pessoas/1/emprego",
    ];
    let writes: [(&str, Vec<(&str, &str)>); 4] = [
        (
            "/equipe/pessoas/1/estigma",
            vec![
                ("tipo", "experimentado"),
                ("onde", "trabalho"),
                ("data", "2026-01-01"),
                ("o_que", "Escrito por outra unidade"),
            ],
        ),
        (
            "/equipe/pessoas/1/estigma/1",
            vec![
                ("tipo", "experimentado"),
                ("onde", "trabalho"),
                ("data", "2026-01-01"),
                ("o_que", "Escrito por outra unidade"),
            ],
        ),
        (
            "/equipe/pessoas/1/emprego",
            vec![
                ("empresa", "Outra"),
                ("funcao", "Outra"),
                ("inicio", "2026-01-01"),
            ],
        ),
        (
            "/equipe/pessoas/1/emprego/conversa/1",
            vec![("trabalhando", "nao")],
        ),
    ];
    for path in reads {
        assert_eq!(app.get(path, Some(&other)).await.status, 404, "{path}");
    }
    for (path, form) in &writes {
        assert_eq!(
            app.post(path, form, Some(&other)).await.status,
            404,
            "{path}"
        );
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
        for (path, form) in &writes {
            assert_eq!(
                app.post(path, form, Some(&cookie)).await.status,
                403,
                "{who} {path}"
            );
        }
    }
    // Nothing changed.
    let page = app.get("/equipe/pessoas/1/emprego", Some(&tecnica)).await;
    assert!(page.body.contains("A fazer"));
    assert!(!page.body.contains("Conversa feita"));
    let episodes = app.get("/equipe/pessoas/1/estigma", Some(&tecnica)).await;
    assert!(!episodes.body.contains("Escrito por outra unidade"));
}
