//! Agendamentos: the unit schedules and cancels; the person sees "Minha agenda"; other units
//! and roles get nothing.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, local_in_days, on_both_databases};

on_both_databases!(
    the_unit_schedules_and_the_person_sees_it,
    a_meeting_is_moved_and_the_person_sees_the_new_time,
    other_units_and_roles_get_nothing,
);

fn br(local: &str) -> String {
    let (date, time) = local.split_once('T').expect("T");
    let mut parts = date.split('-');
    let (y, m, d) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    format!("{d}/{m}/{y} às {time}")
}

async fn the_unit_schedules_and_the_person_sees_it(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let past = local_in_days(-3, "10:00");
    let bad = app
        .post(
            "/equipe/agenda",
            &[
                ("pessoa", "1"),
                ("quando", &past),
                ("local", ""),
                ("com_quem", "Carla"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(
        bad.body
            .contains("Escolha uma data e hora que ainda não passaram.")
    );
    assert!(bad.body.contains("Digite onde vai ser."));
    assert!(
        bad.body.contains(&format!(r#"value="{past}""#)),
        "what was typed is kept"
    );

    let when = local_in_days(3, "14:30");
    let made = app
        .post(
            "/equipe/agenda",
            &[
                ("pessoa", "1"),
                ("quando", &when),
                ("local", "Escritório Social, sala 2"),
                ("com_quem", "Carla Mendes"),
                ("observacao", "Levar RG e comprovante de residência."),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(
        made.location(),
        Some("/equipe/agenda?marcado=1"),
        "{}",
        made.body
    );
    let agenda = app.get("/equipe/agenda", Some(&tecnica)).await;
    assert!(agenda.body.contains(&br(&when)));
    assert!(agenda.body.contains("Maria Aparecida dos Santos"));

    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let mine = app.get("/inicio/agenda", Some(&maria)).await;
    assert!(mine.body.contains(&br(&when)), "{}", mine.body);
    assert!(mine.body.contains("Escritório Social, sala 2"));
    assert!(mine.body.contains("Levar RG e comprovante de residência."));

    let cancelled = app
        .post("/equipe/agenda/1/cancelar", &[], Some(&tecnica))
        .await;
    assert_eq!(cancelled.location(), Some("/equipe/agenda?desmarcado=1"));
    assert!(
        app.get("/inicio/agenda", Some(&maria))
            .await
            .body
            .contains("Desmarcado. Não precisa ir.")
    );
    let data = app.get("/inicio/meus-dados", Some(&maria)).await;
    assert!(
        data.body
            .contains("Carla Mendes (Equipe técnica) marcou um atendimento com você")
    );
    assert!(
        data.body
            .contains("Carla Mendes (Equipe técnica) desmarcou um atendimento seu")
    );
}

async fn other_units_and_roles_get_nothing(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let when = local_in_days(2, "09:00");
    app.post(
        "/equipe/agenda",
        &[
            ("pessoa", "1"),
            ("quando", &when),
            ("local", "Escritório Social"),
            ("com_quem", "Carla Mendes"),
        ],
        Some(&tecnica),
    )
    .await;
    let other = app.other_unit_caseworker().await;
    let theirs = app.get("/equipe/agenda", Some(&other)).await;
    assert!(theirs.body.contains("Nenhum atendimento marcado."));
    assert!(!theirs.body.contains("Maria"));
    assert_eq!(
        app.post("/equipe/agenda/1/cancelar", &[], Some(&other))
            .await
            .status,
        404
    );
    let foreign = app
        .post(
            "/equipe/agenda",
            &[
                ("pessoa", "1"),
                ("quando", &when),
                ("local", "Escritório Social de BH"),
                ("com_quem", "Técnico"),
            ],
            Some(&other),
        )
        .await;
    assert_eq!(foreign.status, 422);
    assert!(foreign.body.contains("Escolha a pessoa."));
    for who in [
        "rh@exemplo.org",
        "parceiro@exemplo.org",
        "admin@exemplo.org",
    ] {
        let (cookie, _) = app.login(who, DEMO_PASSWORD).await;
        assert_eq!(app.get("/equipe/agenda", Some(&cookie)).await.status, 403);
        assert_eq!(app.get("/inicio/agenda", Some(&cookie)).await.status, 403);
    }
}

async fn a_meeting_is_moved_and_the_person_sees_the_new_time(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let first = local_in_days(3, "14:30");
    let made = app
        .post(
            "/equipe/agenda",
            &[
                ("pessoa", "1"),
                ("quando", &first),
                ("local", "Escritório Social, sala 2"),
                ("com_quem", "Carla Mendes"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(made.status, 303);
    let form = app.get("/equipe/agenda/1/remarcar", Some(&tecnica)).await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains(&format!(r#"value="{first}""#)),
        "current time in the form"
    );
    let past = local_in_days(-1, "09:00");
    let bad = app
        .post(
            "/equipe/agenda/1/remarcar",
            &[
                ("quando", &past),
                ("local", "Sala 5"),
                ("com_quem", "Carla Mendes"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(
        bad.body
            .contains("Escolha uma data e hora que ainda não passaram.")
    );
    assert!(bad.body.contains("Sala 5"), "typed text kept");
    let later = local_in_days(5, "09:00");
    let moved = app
        .post(
            "/equipe/agenda/1/remarcar",
            &[
                ("quando", &later),
                ("local", "Sala 5"),
                ("com_quem", "Carla Mendes"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(moved.location(), Some("/equipe/agenda?remarcado=1"));
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let mine = app.get("/inicio/agenda", Some(&me)).await;
    assert!(mine.body.contains(&br(&later)));
    assert!(!mine.body.contains(&br(&first)));
    assert!(
        mine.body
            .contains("Remarcado: confira a nova data e o lugar.")
    );
    assert!(mine.body.contains("Sala 5"));
    assert!(
        app.get("/inicio/meus-dados", Some(&me))
            .await
            .body
            .contains("Carla Mendes (Equipe técnica) remarcou um atendimento seu")
    );
    // A cancelled meeting is not moved: a new one is marked instead.
    app.post("/equipe/agenda/1/cancelar", &[], Some(&tecnica))
        .await;
    let again = app
        .post(
            "/equipe/agenda/1/remarcar",
            &[
                ("quando", &later),
                ("local", "Sala 5"),
                ("com_quem", "Carla Mendes"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(again.status, 422);
    assert!(again.body.contains("Este atendimento foi desmarcado."));
}
