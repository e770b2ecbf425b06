//! The islands' server functions (`/api/...`, served by leptos_axum): the same session, role
//! and origin rules as the forms.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    a_vacancy_is_saved_and_unsaved_through_the_server_function,
    server_functions_refuse_other_origins_roles_and_visitors,
);

const SAVE: &str = "/api/salvar-vaga";

async fn call(app: &TestApp, origin: &str, session: Option<&str>, body: &str) -> (u16, String) {
    let mut req = app
        .client
        .post(app.url(SAVE))
        .header("origin", origin)
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(s) = session {
        req = req.header("cookie", format!("esv_sessao={s}"));
    }
    let res = req.send().await.expect("POST");
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

async fn saved_count(app: &TestApp, me: &str) -> usize {
    app.get("/inicio/salvas", Some(me))
        .await
        .body
        .matches(r#"<li class="item">"#)
        .count()
}

async fn a_vacancy_is_saved_and_unsaved_through_the_server_function(app: TestApp) {
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let origin = app.origin.clone();
    let (status, body) = call(&app, &origin, Some(&me), r#"{"id":3,"salvar":true}"#).await;
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"salva":true,"aguardando":false}"#)
    );
    assert_eq!(saved_count(&app, &me).await, 1);
    assert!(
        app.get("/vagas/3", Some(&me))
            .await
            .body
            .contains("Tirar das salvas")
    );

    let (status, body) = call(&app, &origin, Some(&me), r#"{"id":3,"salvar":false}"#).await;
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"salva":false,"aguardando":false}"#)
    );
    assert_eq!(saved_count(&app, &me).await, 0);

    // A vacancy that does not exist: 404 with a pt-BR message, nothing saved.
    let (status, body) = call(&app, &origin, Some(&me), r#"{"id":999999,"salvar":true}"#).await;
    assert_eq!(status, 404);
    assert!(body.contains("Não encontramos"), "{body}");
    assert_eq!(saved_count(&app, &me).await, 0);
}

async fn server_functions_refuse_other_origins_roles_and_visitors(app: TestApp) {
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let save = r#"{"id":3,"salvar":true}"#;
    // Another site posting with the person's cookie: refused before the function runs.
    let (status, _) = call(&app, "https://outro-site.example", Some(&me), save).await;
    assert_eq!(status, 403);
    assert_eq!(saved_count(&app, &me).await, 0);
    // A caseworker is not a person attended: the function serves one role only.
    let (staff, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let origin = app.origin.clone();
    let (status, body) = call(&app, &origin, Some(&staff), save).await;
    assert_eq!(status, 403);
    assert!(body.contains("Você não tem acesso"), "{body}");
    // Nobody logged in.
    let (status, _) = call(&app, &origin, None, save).await;
    assert_eq!(status, 401);
    assert_eq!(saved_count(&app, &me).await, 0);
}
