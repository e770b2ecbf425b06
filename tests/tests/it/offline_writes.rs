//! What the server does for writes a phone kept offline and sends later (issue 15, point 8;
//! `app::server::offline`): a profile typed over an older version is a conflict shown with
//! what was typed, never a silent overwrite; a write kept for another account is refused and
//! changes nothing; the person's answer to a check-in reaches the team once, and a late one
//! is shown as not sent.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, iso_in_days, on_both_databases};

on_both_databases!(
    a_profile_saved_elsewhere_in_between_is_a_conflict_not_a_loss,
    a_write_kept_for_another_account_changes_nothing,
    the_person_answers_a_check_in_about_their_job,
);

const PROFILE: [(&str, &str); 7] = [
    ("escolaridade", "medio"),
    ("habilidades", "Assentar piso e azulejo"),
    ("experiencia", "Cinco anos em obras"),
    ("cursos", "NR-35"),
    ("disponibilidade", "Manhã e tarde"),
    ("contato", "whatsapp"),
    ("telefone", "(61) 99876-5432"),
];

/// The value of the hidden field `name` in a page.
fn hidden(body: &str, name: &str) -> String {
    let key = format!(r#"name="{name}" value=""#);
    body.split(&key)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string()
}

/// The reason the server gave the phone for a refused write.
fn reason(page: &esv_tests::Page) -> String {
    let raw = page
        .headers
        .get("x-esv-motivo")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // As the service worker reads it: `+` is a space, `%XX` a byte of UTF-8.
    form_urlencoded::parse(format!("r={raw}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

fn with<'a>(form: &[(&'a str, &'a str)], more: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    form.iter().chain(more).copied().collect()
}

async fn a_profile_saved_elsewhere_in_between_is_a_conflict_not_a_loss(app: TestApp) {
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let empty = app.get("/inicio/perfil", Some(&me)).await;
    assert_eq!(hidden(&empty.body, "versao"), "0");
    let conta = hidden(&empty.body, "conta");
    assert!(conta.len() >= 20, "{conta}");
    // The mark is the account's, the same on every page and every session.
    let (again, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let home = app.get("/inicio", Some(&again)).await;
    assert!(home.body.contains(&format!(r#"data-fila-conta="{conta}""#)));

    // Phone A saves over version 0.
    let first = app
        .post(
            "/inicio/perfil",
            &with(&PROFILE, &[("versao", "0"), ("conta", &conta)]),
            Some(&me),
        )
        .await;
    assert_eq!(first.status, 303, "{}", first.body);
    // The same save sent again over version 0 (its reply was lost): done once, no conflict.
    let repeated = app
        .post(
            "/inicio/perfil",
            &with(&PROFILE, &[("versao", "0"), ("conta", &conta)]),
            Some(&me),
        )
        .await;
    assert_eq!(repeated.status, 303, "{}", repeated.body);

    // Phone B typed over version 0 too, offline, and sends it now: not saved, shown.
    let mut late = PROFILE.to_vec();
    late[1] = ("habilidades", "Pintura de paredes");
    let conflict = app
        .post(
            "/inicio/perfil",
            &with(&late, &[("versao", "0"), ("conta", &conta)]),
            Some(&me),
        )
        .await;
    assert_eq!(conflict.status, 409, "{}", conflict.body);
    assert!(
        reason(&conflict).starts_with("Seu perfil foi salvo em outro lugar em "),
        "{}",
        reason(&conflict)
    );
    assert!(conflict.body.contains("Esta mudança não foi salva."));
    assert!(conflict.body.contains("Pintura de paredes"));
    assert_eq!(hidden(&conflict.body, "versao"), "1");
    let now = app.get("/inicio/perfil", Some(&me)).await;
    assert!(now.body.contains("Assentar piso e azulejo"));
    assert!(!now.body.contains("Pintura de paredes"));

    // One more tap on the conflict page keeps the phone's version.
    let kept = app
        .post(
            "/inicio/perfil",
            &with(&late, &[("versao", "1"), ("conta", &conta)]),
            Some(&me),
        )
        .await;
    assert_eq!(kept.status, 303, "{}", kept.body);
    let now = app.get("/inicio/perfil", Some(&me)).await;
    assert!(now.body.contains("Pintura de paredes"));
    assert_eq!(hidden(&now.body, "versao"), "2");
}

async fn a_write_kept_for_another_account_changes_nothing(app: TestApp) {
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let conta = hidden(&app.get("/inicio/perfil", Some(&me)).await.body, "conta");
    let other = "b3V0cmEgY29udGEgYXF1aQ";
    let refused = app
        .post(
            "/inicio/perfil",
            &with(&PROFILE, &[("versao", "0"), ("conta", other)]),
            Some(&me),
        )
        .await;
    assert_eq!(refused.status, 409);
    assert_eq!(
        refused
            .headers
            .get("x-esv-outra-conta")
            .and_then(|v| v.to_str().ok()),
        Some("1")
    );
    assert!(reason(&refused).contains("feita em outra conta"));
    // Nothing of what the other account typed is shown back.
    assert!(!refused.body.contains("Assentar piso"));
    let page = app.get("/inicio/perfil", Some(&me)).await;
    assert_eq!(hidden(&page.body, "versao"), "0");

    let save = app
        .post(
            "/vagas/3/salvar",
            &[("salvar", "1"), ("conta", other)],
            Some(&me),
        )
        .await;
    assert_eq!(save.status, 409);
    let save_fn = app
        .post_json(
            "/api/salvar-vaga",
            &serde_json::json!({"id": 3, "salvar": true, "conta": other}),
            &me,
            "offline-writes",
        )
        .await;
    assert_eq!(save_fn.status, 409);
    assert!(save_fn.headers.contains_key("x-esv-outra-conta"));
    let saved = app.get("/inicio/salvas", Some(&me)).await;
    assert!(!saved.body.contains(r#"<li class="item">"#));

    // The account's own mark goes through, by form and by server function.
    let save = app
        .post(
            "/vagas/3/salvar",
            &[("salvar", "1"), ("conta", &conta)],
            Some(&me),
        )
        .await;
    assert_eq!(save.status, 303);
    let save_fn = app
        .post_json(
            "/api/salvar-vaga",
            &serde_json::json!({"id": 3, "salvar": false, "conta": conta}),
            &me,
            "offline-writes",
        )
        .await;
    assert_eq!(save_fn.status, 200);
}

/// The id in the answer form's action on `/inicio/trabalho`.
fn check_in_id(body: &str) -> String {
    body.split(r#"action="/inicio/trabalho/"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string()
}

async fn the_person_answers_a_check_in_about_their_job(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let nothing = app.get("/inicio/trabalho", Some(&me)).await;
    assert!(nothing.body.contains("Nada para responder agora."));
    assert!(
        !app.get("/inicio", Some(&me))
            .await
            .body
            .contains("como está o seu trabalho")
    );
    // Two jobs that started 28 days ago: their 30-day conversations are coming up.
    let start = iso_in_days(-28);
    for (company, role) in [
        ("Padaria Pão Quente", "Padeira"),
        ("Loja Boa Vista", "Vendedora"),
    ] {
        let hired = app
            .post(
                "/equipe/pessoas/1/emprego",
                &[("empresa", company), ("funcao", role), ("inicio", &start)],
                Some(&tecnica),
            )
            .await;
        assert_eq!(hired.status, 303, "{}", hired.body);
    }
    let home = app.get("/inicio", Some(&me)).await;
    assert!(home.body.contains("como está o seu trabalho"));
    let page = app.get("/inicio/trabalho", Some(&me)).await;
    let first = check_in_id(&page.body);
    assert!(!first.is_empty(), "{}", page.body);
    let conta = hidden(&page.body, "conta");
    let path = format!("/inicio/trabalho/{first}");

    // No choice: the error beside the field, the note kept, nothing recorded.
    let bad = app
        .post(
            &path,
            &[
                ("resposta", ""),
                ("recado", "Mudaram meu horário"),
                ("conta", &conta),
            ],
            Some(&me),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Escolha como está o trabalho."));
    assert!(bad.body.contains("Mudaram meu horário"));

    let answer = [
        ("resposta", "dificil"),
        ("recado", "Mudaram meu horário"),
        ("conta", conta.as_str()),
    ];
    let sent = app.post(&path, &answer, Some(&me)).await;
    assert_eq!(sent.location(), Some("/inicio/trabalho?enviada=1"));
    // The same answer again (a phone whose first try's reply was lost): done once.
    let again = app.post(&path, &answer, Some(&me)).await;
    assert_eq!(again.status, 303);
    // Another answer to the same conversation: shown as not sent.
    let other = app
        .post(
            &path,
            &[("resposta", "bem"), ("recado", ""), ("conta", &conta)],
            Some(&me),
        )
        .await;
    assert_eq!(other.status, 409);
    assert!(reason(&other).starts_with("Você já respondeu esta conversa em "));
    assert!(
        other
            .body
            .contains("Está difícil. Quero conversar com a equipe")
    );

    // The team sees the answer beside the conversation.
    let team = app.get("/equipe/pessoas/1/emprego", Some(&tecnica)).await;
    assert!(
        team.body
            .contains("Resposta da pessoa: Está difícil. Quero conversar com a equipe"),
        "{}",
        team.body
    );
    assert!(team.body.contains("Mudaram meu horário"));
    let dashboard = app.get("/equipe", Some(&tecnica)).await;
    assert!(
        dashboard
            .body
            .contains("A pessoa respondeu: Está difícil. Quero conversar com a equipe")
    );

    // The second job's conversation: the team records it before the phone's answer arrives.
    let page = app.get("/inicio/trabalho", Some(&me)).await;
    let second = check_in_id(&page.body);
    assert!(!second.is_empty() && second != first, "{}", page.body);
    let recorded = app
        .post(
            &format!("/equipe/pessoas/1/emprego/conversa/{second}"),
            &[("trabalhando", "sim"), ("nota", "")],
            Some(&tecnica),
        )
        .await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    let late = app
        .post(
            &format!("/inicio/trabalho/{second}"),
            &[
                ("resposta", "bem"),
                ("recado", "Gosto da loja"),
                ("conta", &conta),
            ],
            Some(&me),
        )
        .await;
    assert_eq!(late.status, 409);
    assert!(reason(&late).starts_with("A equipe já registrou esta conversa em "));
    assert!(late.body.contains("Gosto da loja"), "{}", late.body);
    let team = app.get("/equipe/pessoas/1/emprego", Some(&tecnica)).await;
    assert!(!team.body.contains("Gosto da loja"));
    // Nothing is left to answer.
    let done = app.get("/inicio/trabalho", Some(&me)).await;
    assert!(check_in_id(&done.body).is_empty());
}
