//! Acompanhamento (contacts, confidential technical notes) and the caseload dashboard: the
//! técnica de referência sees her people's overdue actions, referrals waiting and next
//! appointments; confidential notes reach nobody outside the unit's staff.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, iso_in_days, on_both_databases};

on_both_databases!(
    contacts_are_recorded_and_confidential_notes_stay_in_the_team,
    the_dashboard_shows_what_needs_attention,
    other_units_and_roles_reach_no_follow_up,
);

const SECRET: &str = "Relata uso de crack nos fins de semana; acompanhar no CAPS AD.";

async fn contacts_are_recorded_and_confidential_notes_stay_in_the_team(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let page = app
        .get("/equipe/pessoas/1/acompanhamento", Some(&tecnica))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Nenhum contato registrado."));
    let tomorrow = iso_in_days(1);
    let bad = app
        .post(
            "/equipe/pessoas/1/acompanhamento",
            &[
                ("tipo", "telefone"),
                ("data", &tomorrow),
                ("resumo", "Ligou para contar da entrevista de emprego."),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("hoje ou antes"));
    assert!(
        bad.body
            .contains("Ligou para contar da entrevista de emprego.")
    );
    let today = iso_in_days(0);
    for (kind, summary, confidential) in [
        (
            "telefone",
            "Ligou para contar da entrevista de emprego.",
            "",
        ),
        ("presencial", SECRET, "1"),
    ] {
        let done = app
            .post(
                "/equipe/pessoas/1/acompanhamento",
                &[
                    ("tipo", kind),
                    ("data", &today),
                    ("resumo", summary),
                    ("confidencial", confidential),
                ],
                Some(&tecnica),
            )
            .await;
        assert_eq!(
            done.location(),
            Some("/equipe/pessoas/1/acompanhamento?registrado=1"),
            "{}",
            done.body
        );
    }
    let page = app
        .get("/equipe/pessoas/1/acompanhamento", Some(&tecnica))
        .await;
    assert!(page.body.contains(SECRET));
    assert!(page.body.contains("Nota técnica sigilosa"));
    assert!(page.body.contains("Registrado por Carla Mendes"));
    // The coordinator is unit staff: she reads it too.
    let (coord, _) = app.login("coordenacao@exemplo.org", DEMO_PASSWORD).await;
    assert!(
        app.get("/equipe/pessoas/1/acompanhamento", Some(&coord))
            .await
            .body
            .contains(SECRET)
    );

    // Maria: the ordinary contact is in her download, the technical note nowhere.
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let export = app.get("/inicio/meus-dados/baixar", Some(&me)).await;
    assert!(
        export
            .body
            .contains("Ligou para contar da entrevista de emprego.")
    );
    for path in [
        "/inicio",
        "/inicio/plano",
        "/inicio/agenda",
        "/inicio/encaminhamentos",
        "/inicio/meus-dados",
        "/inicio/meus-dados/baixar",
    ] {
        let body = app.get(path, Some(&me)).await.body;
        assert!(!body.contains("crack"), "{path}");
    }
    assert!(
        app.get("/inicio/meus-dados", Some(&me))
            .await
            .body
            .contains("Carla Mendes (Equipe técnica) registrou um atendimento com você")
    );
    // Partners and companies: their pages never carry it, and the staff page is closed.
    for (who, paths) in [
        (
            "parceiro@exemplo.org",
            &[
                "/parceiro",
                "/parceiro/encaminhamentos",
                "/parceiro/inscricoes",
            ][..],
        ),
        ("rh@exemplo.org", &["/empresa", "/empresa/vagas"][..]),
    ] {
        let (cookie, _) = app.login(who, DEMO_PASSWORD).await;
        for path in paths {
            assert!(
                !app.get(path, Some(&cookie)).await.body.contains("crack"),
                "{who} {path}"
            );
        }
        assert_eq!(
            app.get("/equipe/pessoas/1/acompanhamento", Some(&cookie))
                .await
                .status,
            403
        );
    }
}

async fn the_dashboard_shows_what_needs_attention(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let home = app.get("/equipe", Some(&tecnica)).await;
    assert!(home.body.contains("Minhas pessoas"));
    assert!(home.body.contains("Maria Aparecida dos Santos"));
    assert!(home.body.contains("Nenhuma ação atrasada."));

    // An action past its deadline, a referral with no answer, a meeting in 2 days.
    let past = iso_in_days(-3);
    let saved = app
        .post(
            "/equipe/pessoas/1/plano/area",
            &[
                ("versao", "1"),
                ("area", "saude"),
                ("demanda", "Dor de dente"),
                ("objetivo", "Tratar pelo SUS"),
                ("acao_0", "Marcar dentista na UBS"),
                ("quem_0", "pessoa"),
                ("prazo_0", &past),
                ("situacao_0", "a_fazer"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let referred = app
        .post(
            "/equipe/encaminhamentos/novo",
            &[
                ("pessoa", "1"),
                ("servico", "11"),
                ("demanda", "Mediação familiar"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(referred.status, 303, "{}", referred.body);
    let when = format!("{}T10:00", iso_in_days(2));
    let marked = app
        .post(
            "/equipe/agenda",
            &[
                ("pessoa", "1"),
                ("quando", &when),
                ("local", "Escritório Social, sala 2"),
                ("com_quem", "Carla Mendes"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(marked.status, 303, "{}", marked.body);

    let home = app.get("/equipe", Some(&tecnica)).await;
    let body = &home.body;
    assert!(body.contains("Marcar dentista na UBS"));
    assert!(body.contains("Apoio a familiares e mediação de vínculos · enviado hoje"));
    assert!(body.contains("Escritório Social, sala 2"));

    // A colleague of the same unit with no people: her dashboard is empty until she is named.
    let colleague = app
        .create_account(
            &[
                ("papel", "caseworker"),
                ("nome", "Bruno Costa"),
                ("email", "bruno@exemplo.org"),
                ("unidade", "1"),
            ],
            "bruno@exemplo.org",
            "senha-do-bruno-2026",
        )
        .await;
    let theirs = app.get("/equipe", Some(&colleague)).await;
    assert!(
        theirs
            .body
            .contains("Ninguém com você como referência ainda.")
    );
    assert!(!theirs.body.contains("Marcar dentista"));
    let bad = app
        .post(
            "/equipe/pessoas/1/referencia",
            &[("referencia", "1")],
            Some(&tecnica),
        )
        .await;
    assert_eq!(bad.status, 422, "the admin is not unit staff");
    assert!(bad.body.contains("Escolha alguém da equipe da unidade."));
    let record = app.get("/equipe/pessoas/1", Some(&tecnica)).await;
    let bruno_id = record
        .body
        .split("<option value=\"")
        .filter_map(|o| o.split_once("\">"))
        .find(|(_, rest)| rest.starts_with("Bruno Costa"))
        .map(|(id, _)| id.to_string())
        .expect("Bruno listed");
    let named = app
        .post(
            "/equipe/pessoas/1/referencia",
            &[("referencia", &bruno_id)],
            Some(&tecnica),
        )
        .await;
    assert_eq!(named.location(), Some("/equipe/pessoas/1?referencia=1"));
    let theirs = app.get("/equipe", Some(&colleague)).await;
    assert!(theirs.body.contains("Marcar dentista na UBS"));
    assert!(
        app.get("/equipe", Some(&tecnica))
            .await
            .body
            .contains("Nenhuma ação atrasada.")
    );
    // The coordinator sees the whole unit.
    let (coord, _) = app.login("coordenacao@exemplo.org", DEMO_PASSWORD).await;
    let hers = app.get("/equipe", Some(&coord)).await;
    assert!(hers.body.contains("Pessoas da unidade"));
    assert!(hers.body.contains("Marcar dentista na UBS"));

    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let data = app.get("/inicio/meus-dados", Some(&me)).await;
    assert!(data.body.contains("viu seu nome no painel da equipe"));
    assert!(
        data.body
            .contains("mudou a técnica de referência do seu atendimento")
    );
}

async fn other_units_and_roles_reach_no_follow_up(app: TestApp) {
    let other = app.other_unit_caseworker().await;
    let today = iso_in_days(0);
    assert_eq!(
        app.get("/equipe/pessoas/1/acompanhamento", Some(&other))
            .await
            .status,
        404
    );
    let posted = app
        .post(
            "/equipe/pessoas/1/acompanhamento",
            &[
                ("tipo", "telefone"),
                ("data", &today),
                ("resumo", "Intrusão"),
            ],
            Some(&other),
        )
        .await;
    assert_eq!(posted.status, 404);
    let named = app
        .post(
            "/equipe/pessoas/1/referencia",
            &[("referencia", "7")],
            Some(&other),
        )
        .await;
    assert_eq!(named.status, 404);
    // Their dashboard lists none of unit 1.
    let theirs = app.get("/equipe", Some(&other)).await;
    assert!(!theirs.body.contains("Maria"));
    // Naming a staff member of another unit as reference is refused.
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let record = app.get("/equipe/pessoas/1", Some(&tecnica)).await;
    assert!(!record.body.contains("Técnico de BH"));
    let foreign = app
        .post(
            "/equipe/pessoas/1/referencia",
            &[("referencia", "7")],
            Some(&tecnica),
        )
        .await;
    assert_eq!(foreign.status, 422);
    let list = app
        .get("/equipe/pessoas/1/acompanhamento", Some(&tecnica))
        .await;
    assert!(!list.body.contains("Intrusão"));
}
