//! The case file: acolhimento e entrevista (areas, documents) and the plano singular with its
//! versions and "Meu plano" — scoped to the unit, logged for the person, never lost on error.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, iso_in_days, on_both_databases};

on_both_databases!(
    interview_and_documents_are_recorded,
    the_plan_is_versioned_and_the_person_reads_it,
    a_pre_egresso_gets_an_exit_plan,
    other_units_and_roles_reach_nothing,
);

async fn interview_and_documents_are_recorded(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let overview = app
        .get("/equipe/pessoas/1/entrevista", Some(&tecnica))
        .await;
    assert_eq!(overview.status, 200);
    assert!(overview.body.contains("Emergências: resolva primeiro"));
    assert!(overview.body.contains("Perdeu o RG na mudança"));

    // A stigmatising word is refused beside its field; what was typed stays; nothing changes.
    let bad = app
        .post(
            "/equipe/pessoas/1/entrevista/moradia",
            &[
                ("situacao", "Dorme na casa de um ex-detento conhecido."),
                ("demandas", "Vaga em abrigo"),
                ("emergencia", "1"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("“ex-detento”"), "{}", bad.body);
    assert!(bad.body.contains("Vaga em abrigo"), "typed text kept");
    assert!(
        bad.body.contains("checked"),
        "the emergency box stays ticked"
    );
    let empty = app
        .post("/equipe/pessoas/1/entrevista/moradia", &[], Some(&tecnica))
        .await;
    assert_eq!(empty.status, 422);
    assert!(
        !app.get("/equipe/pessoas/1/entrevista", Some(&tecnica))
            .await
            .body
            .contains("Vaga em abrigo")
    );
    assert_eq!(
        app.get("/equipe/pessoas/1/entrevista/nao-existe", Some(&tecnica))
            .await
            .status,
        404
    );

    let saved = app
        .post(
            "/equipe/pessoas/1/entrevista/moradia",
            &[
                ("situacao", "Dorme na casa de um conhecido, de favor."),
                ("demandas", "Vaga em abrigo"),
                ("emergencia", "1"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(
        saved.location(),
        Some("/equipe/pessoas/1/entrevista?salvo=1")
    );
    let overview = app
        .get("/equipe/pessoas/1/entrevista", Some(&tecnica))
        .await;
    assert!(overview.body.contains("Dorme na casa de um conhecido"));
    assert!(overview.body.contains("Moradia e acolhimento"));

    // Documents: an unknown status is refused and nothing is saved.
    let bad = app
        .post(
            "/equipe/pessoas/1/documentos",
            &[("titulo", "tem"), ("ctps", "talvez")],
            Some(&tecnica),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Escolha uma das opções."));
    let form_after = app
        .get("/equipe/pessoas/1/entrevista", Some(&tecnica))
        .await;
    assert!(
        form_after
            .body
            .contains(r#"<option value="nao_tem" selected>"#),
        "CTPS still 'Não tem' as seeded"
    );
    let ok = app
        .post(
            "/equipe/pessoas/1/documentos",
            &[
                ("certidao", "tem"),
                ("titulo", "providenciando"),
                ("ctps", "tem"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let after = app
        .get("/equipe/pessoas/1/entrevista", Some(&tecnica))
        .await;
    let select = |body: &str, name: &str| -> String {
        let start = body
            .find(&format!(r#"name="{name}""#))
            .expect("select present");
        let rest = &body[start..];
        let end = rest.find("</select>").expect("select closes");
        rest[..end]
            .split("<option")
            .find(|o| o.contains(" selected"))
            .and_then(|o| o.split('"').nth(1))
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(select(&after.body, "titulo"), "providenciando");
    assert_eq!(select(&after.body, "ctps"), "tem");
    // Left blank = not asked: the seeded RG line is gone.
    assert_eq!(select(&after.body, "rg_cin"), "");

    // Maria sees the reads and writes, and gets them in her download.
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let data = app.get("/inicio/meus-dados", Some(&me)).await;
    for line in [
        "Carla Mendes (Equipe técnica) viu sua entrevista de acolhimento",
        "Carla Mendes (Equipe técnica) registrou parte da sua entrevista de acolhimento",
        "Carla Mendes (Equipe técnica) atualizou a lista dos seus documentos",
    ] {
        assert!(data.body.contains(line), "{line}");
    }
    let export: serde_json::Value =
        serde_json::from_str(&app.get("/inicio/meus-dados/baixar", Some(&me)).await.body)
            .expect("JSON");
    assert!(
        export["entrevista"]
            .to_string()
            .contains("Dorme na casa de um conhecido")
    );
    assert_eq!(
        export["entrevista"]["documentos"]["titulo"],
        "providenciando"
    );
}

async fn the_plan_is_versioned_and_the_person_reads_it(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let plan = app.get("/equipe/pessoas/1/plano", Some(&tecnica)).await;
    assert_eq!(plan.status, 200);
    assert!(plan.body.contains("Plano singular de atendimento"));
    assert!(plan.body.contains("Versão 1"));
    let form = app
        .get("/equipe/pessoas/1/plano/area?area=saude", Some(&tecnica))
        .await;
    assert!(form.body.contains(r#"name="versao" value="1""#));

    let deadline = iso_in_days(10);
    // Bad rows: a deadline without an action, an action without who does it.
    let bad = app
        .post(
            "/equipe/pessoas/1/plano/area",
            &[
                ("versao", "1"),
                ("area", "saude"),
                ("demanda", "Dor de dente há semanas"),
                ("objetivo", ""),
                ("acao_0", ""),
                ("quem_0", ""),
                ("prazo_0", &deadline),
                ("situacao_0", "a_fazer"),
                ("acao_1", "Marcar dentista na UBS"),
                ("quem_1", ""),
                ("prazo_1", ""),
                ("situacao_1", "a_fazer"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(bad.status, 422);
    for message in [
        "Escreva o objetivo combinado com a pessoa.",
        "Escreva a ação, ou apague o prazo.",
        "Escolha quem faz.",
    ] {
        assert!(bad.body.contains(message), "{message}");
    }
    assert!(
        bad.body.contains("Marcar dentista na UBS"),
        "typed text kept"
    );

    let fields = |versao: &'static str, what: &'static str| {
        vec![
            ("versao", versao),
            ("area", "saude"),
            ("demanda", "Dor de dente há semanas"),
            ("objetivo", "Tratar o dente pelo SUS"),
            ("acao_0", what),
            ("quem_0", "pessoa"),
            ("prazo_0", "PRAZO"),
            ("situacao_0", "a_fazer"),
            ("acao_1", ""),
            ("quem_1", ""),
            ("prazo_1", ""),
            ("situacao_1", "a_fazer"),
        ]
    };
    let with_deadline = |mut f: Vec<(&'static str, &'static str)>, d: &'static str| {
        for pair in f.iter_mut() {
            if pair.1 == "PRAZO" {
                pair.1 = d;
            }
        }
        f
    };
    let deadline: &'static str = Box::leak(deadline.into_boxed_str());
    let saved = app
        .post(
            "/equipe/pessoas/1/plano/area",
            &with_deadline(fields("1", "Marcar dentista na UBS"), deadline),
            Some(&tecnica),
        )
        .await;
    assert_eq!(saved.location(), Some("/equipe/pessoas/1/plano?salvo=1"));

    // A colleague's form opened on version 1 can no longer overwrite version 2.
    let stale = app
        .post(
            "/equipe/pessoas/1/plano/area",
            &with_deadline(fields("1", "Outra ação escrita ao mesmo tempo"), deadline),
            Some(&tecnica),
        )
        .await;
    assert_eq!(stale.status, 409);
    assert!(stale.body.contains("Outra pessoa da equipe salvou o plano"));
    assert!(stale.body.contains("Outra ação escrita ao mesmo tempo"));
    // Saving the same thing again makes no new version.
    let same = app
        .post(
            "/equipe/pessoas/1/plano/area",
            &with_deadline(fields("2", "Marcar dentista na UBS"), deadline),
            Some(&tecnica),
        )
        .await;
    assert_eq!(same.location(), Some("/equipe/pessoas/1/plano?igual=1"));
    // Marking it done is version 3.
    let mut done = with_deadline(fields("2", "Marcar dentista na UBS"), deadline);
    done[7].1 = "feita";
    let moved = app
        .post("/equipe/pessoas/1/plano/area", &done, Some(&tecnica))
        .await;
    assert_eq!(moved.status, 303, "{}", moved.body);

    let history = app
        .get("/equipe/pessoas/1/plano/historico", Some(&tecnica))
        .await;
    let body = &history.body;
    let (v3, v2, v1) = (
        body.find("Versão 3").expect("v3"),
        body.find("Versão 2").expect("v2"),
        body.find("Versão 1").expect("v1"),
    );
    assert!(v3 < v2 && v2 < v1, "newest first");
    assert!(body.contains("Carla Mendes"));
    assert!(body.contains("Incluiu a área Saúde"));
    assert!(body.contains("Ação “Marcar dentista na UBS”: feita."));
    assert!(
        !body.contains("Outra ação escrita"),
        "the stale save left nothing"
    );

    // Maria: what she must do comes first; done actions are not "to do".
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let mine = app.get("/inicio/plano", Some(&me)).await;
    assert_eq!(mine.status, 200);
    let body = &mine.body;
    let must = body.find("O que você precisa fazer").expect("own steps");
    let team = body
        .find("O que a equipe e os parceiros vão fazer")
        .expect("team steps");
    let own = body
        .find("Levar a certidão de nascimento")
        .expect("her action");
    assert!(must < own && own < team, "her own actions first");
    assert!(body.contains("Pedir a isenção da taxa da CIN"));
    assert!(body.contains("Você"));
    assert!(body.contains("Tratar o dente pelo SUS"));
    let data = app.get("/inicio/meus-dados", Some(&me)).await;
    assert!(
        data.body
            .contains("Carla Mendes (Equipe técnica) salvou uma nova versão do seu plano")
    );
    assert!(
        data.body
            .contains("Carla Mendes (Equipe técnica) viu o histórico do seu plano")
    );
    let export: serde_json::Value =
        serde_json::from_str(&app.get("/inicio/meus-dados/baixar", Some(&me)).await.body)
            .expect("JSON");
    assert_eq!(export["plano"]["versao"], 3);
    assert!(
        export["plano"]
            .to_string()
            .contains("Tratar o dente pelo SUS")
    );
}

async fn a_pre_egresso_gets_an_exit_plan(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let release = iso_in_days(90);
    let created = app
        .post(
            "/equipe/pessoas/nova",
            &[
                ("nome", "José Carlos Pereira"),
                ("categoria", "pre_egresso"),
                ("unidade_prisional", "Penitenciária do Distrito Federal I"),
                ("saida_prevista", &release),
                ("regime", "fechado"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(created.location(), Some("/equipe/pessoas/2"));
    let record = app.get("/equipe/pessoas/2", Some(&tecnica)).await;
    assert!(record.body.contains("Plano Individual de Saída"));
    let plan = app.get("/equipe/pessoas/2/plano", Some(&tecnica)).await;
    assert!(plan.body.contains("<h1>Plano Individual de Saída</h1>"));
    let (y, rest) = release.split_once('-').expect("iso");
    let (m, d) = rest.split_once('-').expect("iso");
    assert!(plan.body.contains(&format!("prevista em {d}/{m}/{y}")));
    assert!(plan.body.contains("Ainda sem plano"));
    // A first save on a person without a plan is version 1, on base 0.
    let saved = app
        .post(
            "/equipe/pessoas/2/plano/area",
            &[
                ("versao", "0"),
                ("area", "documentacao"),
                ("demanda", "Sair com documentos"),
                ("objetivo", "Ter RG e CPF no dia da saída"),
                ("acao_0", "Pedir a segunda via do RG"),
                ("quem_0", "equipe"),
                ("prazo_0", &release),
                ("situacao_0", "a_fazer"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let plan = app.get("/equipe/pessoas/2/plano", Some(&tecnica)).await;
    assert!(plan.body.contains("Versão 1"));
    assert!(plan.body.contains("Pedir a segunda via do RG"));

    // He leaves prison: attended as an egresso, the exit plan goes on as his plano singular.
    let released = app
        .post("/equipe/pessoas/2/saida", &[], Some(&tecnica))
        .await;
    assert_eq!(released.location(), Some("/equipe/pessoas/2?saida=1"));
    let record = app.get("/equipe/pessoas/2?saida=1", Some(&tecnica)).await;
    assert!(record.body.contains("Saída registrada."));
    assert!(record.body.contains("<p class=\"lead\">Pessoa egressa</p>"));
    assert!(!record.body.contains("Registrar saída"));
    let plan = app.get("/equipe/pessoas/2/plano", Some(&tecnica)).await;
    assert!(plan.body.contains("<h1>Plano singular de atendimento</h1>"));
    assert!(plan.body.contains("Pedir a segunda via do RG"));
}

async fn other_units_and_roles_reach_nothing(app: TestApp) {
    let other = app.other_unit_caseworker().await;
    let reads = [
        "/equipe/pessoas/1/entrevista",
        "/equipe/pessoas/1/entrevista/saude",
        "/equipe/pessoas/1/plano",
        "/equipe/pessoas/1/plano/area?area=saude",
        "/equipe/pessoas/1/plano/historico",
    ];
    let writes: [(&str, Vec<(&str, &str)>); 4] = [
        ("/equipe/pessoas/1/saida", vec![]),
        (
            "/equipe/pessoas/1/entrevista/saude",
            vec![("situacao", "Escrito por outra unidade")],
        ),
        ("/equipe/pessoas/1/documentos", vec![("cpf", "nao_tem")]),
        (
            "/equipe/pessoas/1/plano/area",
            vec![
                ("versao", "1"),
                ("area", "saude"),
                ("demanda", "Escrito por outra unidade"),
                ("objetivo", "Escrito por outra unidade"),
            ],
        ),
    ];
    for path in reads {
        let page = app.get(path, Some(&other)).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(!page.body.contains("Maria"), "{path}");
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
    // Nothing changed, and none of it shows up in Maria's log as a read by them.
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let history = app
        .get("/equipe/pessoas/1/plano/historico", Some(&tecnica))
        .await;
    assert!(!history.body.contains("Versão 2"));
    let interview = app
        .get("/equipe/pessoas/1/entrevista", Some(&tecnica))
        .await;
    assert!(!interview.body.contains("Escrito por outra unidade"));
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let data = app.get("/inicio/meus-dados", Some(&me)).await;
    assert!(!data.body.contains("Técnico de BH"));
}
