//! A person's rights over their data: export, access log, consents, deletion request.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    export_holds_my_data_and_nobody_elses,
    i_see_who_viewed_my_data_and_can_withdraw_consent,
    deletion_requests_are_recorded_once,
);

async fn profile(app: &TestApp, cookie: &str, skills: &str) {
    let page = app
        .post(
            "/inicio/perfil",
            &[
                ("escolaridade", "medio"),
                ("habilidades", skills),
                ("contato", "whatsapp"),
                ("telefone", "61998765432"),
            ],
            Some(cookie),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
}

async fn second_egresso(app: &TestApp) -> String {
    app.create_account(
        &[
            ("papel", "egresso"),
            ("nome", "José Lima"),
            ("cpf", "111.444.777-35"),
            ("unidade", "1"),
        ],
        "11144477735",
        "senha-do-jose",
    )
    .await
}

async fn export_holds_my_data_and_nobody_elses(app: TestApp) {
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    profile(&app, &maria, "Cozinha industrial e confeitaria").await;
    app.post(
        "/vagas/1/candidatura",
        &[("consentimento", "1")],
        Some(&maria),
    )
    .await;
    app.post("/vagas/3/salvar", &[("salvar", "1")], Some(&maria))
        .await;
    let jose = second_egresso(&app).await;
    profile(&app, &jose, "Soldagem MIG e TIG").await;

    let res = app
        .client
        .get(app.url("/inicio/meus-dados/baixar"))
        .header("cookie", format!("esv_sessao={maria}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let data: serde_json::Value =
        serde_json::from_str(&res.text().await.unwrap()).expect("valid JSON");
    assert_eq!(data["pessoa"]["cpf"], "52998224725");
    assert_eq!(
        data["pessoa"]["unidade"]["nome"],
        "Escritório Social de Brasília"
    );
    assert_eq!(
        data["perfil_profissional"]["habilidades"],
        "Cozinha industrial e confeitaria"
    );
    assert_eq!(data["candidaturas"][0]["vaga"], "Pedreiro");
    assert_eq!(data["vagas_salvas"][0], 3);
    assert_eq!(data["autorizacoes"][0]["autorizado"], true);
    let text = data.to_string();
    assert!(
        !text.contains("11144477735") && !text.contains("Soldagem") && !text.contains("José"),
        "nobody else's data"
    );
    assert!(!text.contains("argon2"), "never the password hash");

    let other = app.get("/inicio/meus-dados/baixar", Some(&jose)).await;
    assert!(
        other.body.contains("Soldagem")
            && !other.body.contains("52998224725")
            && !other.body.contains("Cozinha industrial")
    );
    assert_eq!(
        app.get("/inicio/meus-dados/baixar", None).await.status,
        303,
        "anonymous: log in first"
    );
}

async fn i_see_who_viewed_my_data_and_can_withdraw_consent(app: TestApp) {
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    profile(&app, &maria, "Cozinha industrial e confeitaria").await;
    assert!(
        app.get("/inicio/meus-dados", Some(&maria))
            .await
            .body
            .contains("Ninguém além de você acessou seus dados")
    );
    app.post(
        "/vagas/1/candidatura",
        &[("consentimento", "1")],
        Some(&maria),
    )
    .await;
    let (company, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    assert!(
        app.get("/empresa/vagas/1/candidatos", Some(&company))
            .await
            .body
            .contains("Cozinha industrial")
    );

    let mine = app.get("/inicio/meus-dados", Some(&maria)).await;
    assert!(
        mine.body
            .contains("Roberto Lima (Construtora Horizonte Ltda.) viu seu perfil profissional."),
        "{}",
        mine.body
    );
    assert!(
        mine.body
            .contains("Enviar meu perfil profissional para Construtora Horizonte Ltda.")
    );
    assert!(mine.body.contains("Autorizado desde"));

    let revoked = app
        .post(
            "/inicio/meus-dados/autorizacoes/1/retirar",
            &[],
            Some(&maria),
        )
        .await;
    assert_eq!(revoked.location(), Some("/inicio/meus-dados?retirada=1"));
    let mine = app.get("/inicio/meus-dados?retirada=1", Some(&maria)).await;
    assert!(mine.body.contains("Autorização retirada em"));
    assert!(
        !app.get("/empresa/vagas/1/candidatos", Some(&company))
            .await
            .body
            .contains("Cozinha industrial"),
        "the company no longer sees the profile"
    );
    assert!(
        app.get("/inicio/candidaturas", Some(&maria))
            .await
            .body
            .contains("Você desistiu")
    );
}

async fn deletion_requests_are_recorded_once(app: TestApp) {
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    assert!(
        app.get("/inicio/meus-dados", Some(&maria))
            .await
            .body
            .contains("Pedir para apagar meus dados")
    );
    for _ in 0..2 {
        let done = app
            .post("/inicio/meus-dados/exclusao", &[], Some(&maria))
            .await;
        assert_eq!(done.location(), Some("/inicio/meus-dados?pedido=1"));
    }
    let page = app.get("/inicio/meus-dados", Some(&maria)).await;
    assert!(page.body.contains("Você pediu para apagar seus dados em"));
    let data: serde_json::Value = serde_json::from_str(
        &app.get("/inicio/meus-dados/baixar", Some(&maria))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(data["pedidos"].as_array().unwrap().len(), 1);
    assert_eq!(data["pedidos"][0]["tipo"], "deletion");
}
