//! The partner API `/api/v1` (issue 14, point 6): keys an organisation creates and revokes in
//! its own area, the same scope as its pages (another organisation's key → 404), each read of
//! a person in that person's "Quem viu meus dados", calls counted per key, and an OpenAPI 3.1
//! description that is valid and that every answer here matches.

use esv_tests::{
    DEMO_EGRESSO_CPF, DEMO_PASSWORD, Limits, TestApp, maria_applies, on_both_databases,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::path::PathBuf;

on_both_databases!(
    a_partner_key_lists_and_answers_referrals,
    keys_reach_only_their_own_organisation,
    a_company_key_reads_its_vacancies_and_candidates,
);

/// Demo service 11: the family service of Coletivo Recomeço (the demo partner) in Brasília.
const PARTNER_SERVICE: &str = "11";
const DEMAND: &str = "Quer retomar contato com a filha; precisa de mediação familiar.";

/// What the API answers: status, headers we look at, and the body as JSON.
struct Answer {
    status: u16,
    retry_after: Option<String>,
    www_authenticate: Option<String>,
    json: Value,
}

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    key: Option<&str>,
    body: Option<&str>,
) -> Answer {
    let url = app.url(path);
    let mut req = match method {
        "POST" => app.client.post(url),
        _ => app.client.get(url),
    };
    if let Some(key) = key {
        req = req.header("authorization", format!("Bearer {key}"));
    }
    if let Some(body) = body {
        req = req
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let response = req.send().await.expect("API call");
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let retry_after = header("retry-after");
    let www_authenticate = header("www-authenticate");
    let content_type = header("content-type").unwrap_or_default();
    let text = response.text().await.expect("API body");
    assert!(
        content_type.starts_with("application/json"),
        "{method} {path}: every answer is JSON, got {content_type}: {text}"
    );
    let json = serde_json::from_str(&text).expect("API body is JSON");
    Answer {
        status,
        retry_after,
        www_authenticate,
        json,
    }
}

async fn get(app: &TestApp, path: &str, key: &str) -> Answer {
    call(app, "GET", path, Some(key), None).await
}

async fn answer_referral(app: &TestApp, id: i32, key: &str, body: Value) -> Answer {
    let path = format!("/api/v1/encaminhamentos/{id}/resposta");
    call(app, "POST", &path, Some(key), Some(&body.to_string())).await
}

/// Creates a key named `name` in the organisation's area (`base`); returns the key and its id.
async fn create_key(app: &TestApp, base: &str, session: &str, name: &str) -> (String, i32) {
    let created = app.post(base, &[("nome", name)], Some(session)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let start = created.body.find("esv_").expect("the new key is shown");
    let key: String = created.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    assert!(key.len() > 40, "{key}");
    let stored = app::server::entities::api_token::Entity::find()
        .filter(app::server::entities::api_token::Column::Name.eq(name))
        .one(&app.db)
        .await
        .expect("key row")
        .expect("key stored");
    let id = stored.id;
    assert_ne!(stored.token_hash, key, "only a hash of the key is kept");
    assert!(!stored.token_hash.contains(&key[4..]));
    (key, id)
}

async fn refer_maria(app: &TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let sent = app
        .post(
            "/equipe/encaminhamentos/novo",
            &[
                ("pessoa", "1"),
                ("servico", PARTNER_SERVICE),
                ("demanda", DEMAND),
                ("compartilhar", "1"),
                ("consentimento", "1"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
}

/// The served OpenAPI document.
async fn document(app: &TestApp) -> Value {
    let doc = call(app, "GET", "/api/v1/openapi.json", None, None).await;
    assert_eq!(doc.status, 200, "the description needs no key");
    doc.json
}

/// Checks `instance` against the document's component schema `name`, with every object
/// closed to properties the document does not describe: an answer carries nothing the
/// description leaves out.
fn assert_matches(doc: &Value, name: &str, instance: &Value) {
    let mut components = doc["components"].clone();
    close_objects(&mut components);
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{name}"),
        "components": components,
    });
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the document's schemas compile");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{instance:#}");
}

fn close_objects(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            map.values_mut().for_each(close_objects);
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

async fn a_partner_key_lists_and_answers_referrals(app: TestApp) {
    refer_maria(&app).await;
    let doc = document(&app).await;
    let (partner, _) = app.login("parceiro@exemplo.org", DEMO_PASSWORD).await;

    // The organisation's area: no key yet; a key without a name is refused beside the field.
    let area = app.get("/parceiro/integracoes", Some(&partner)).await;
    assert_eq!(area.status, 200);
    assert!(area.body.contains("Nenhuma chave criada."));
    let nameless = app
        .post("/parceiro/integracoes", &[("nome", " x ")], Some(&partner))
        .await;
    assert_eq!(nameless.status, 422);
    assert!(nameless.body.contains("Dê um nome à chave"));
    assert!(
        nameless.body.contains(r#"value=" x ""#),
        "what was typed is kept"
    );
    assert!(
        nameless.body.contains("Nenhuma chave criada."),
        "nothing created"
    );
    let (key, key_id) = create_key(&app, "/parceiro/integracoes", &partner, "Sistema SGP").await;
    let area = app.get("/parceiro/integracoes", Some(&partner)).await;
    assert!(area.body.contains("Sistema SGP") && area.body.contains("Ainda não foi usada"));
    assert!(!area.body.contains(&key), "the key is shown once only");

    // No key, a wrong key: 401 in JSON, in Portuguese.
    let anonymous = call(&app, "GET", "/api/v1/encaminhamentos", None, None).await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(
        anonymous.www_authenticate.as_deref(),
        Some("Bearer realm=\"esv\"")
    );
    assert!(
        anonymous.json["erro"]
            .as_str()
            .unwrap_or("")
            .contains("Chave de acesso")
    );
    assert_matches(&doc, "Erro", &anonymous.json);
    let wrong = get(&app, "/api/v1/encaminhamentos", "esv_nao-e-uma-chave").await;
    assert_eq!(wrong.status, 401);
    // The session cookie is no key: a browser session cannot call the API.
    let cookie_only = app.get("/api/v1/encaminhamentos", Some(&partner)).await;
    assert_eq!(cookie_only.status, 401);

    // The list: only what the partner may see (the demand, since Maria allowed it).
    let list = get(&app, "/api/v1/encaminhamentos", &key).await;
    assert_eq!(list.status, 200, "{}", list.json);
    assert_matches(&doc, "ListaEncaminhamentos", &list.json);
    assert_eq!(list.json["total"], 1);
    let item = &list.json["itens"][0];
    assert_eq!(item["pessoa"], "Maria Aparecida dos Santos");
    assert_eq!(item["demanda"], DEMAND);
    assert_eq!(item["situacao"], "solicitado");
    assert_eq!(item["unidade"], "Escritório Social de Brasília");
    let moves = item["respostas_possiveis"].as_array().expect("moves");
    assert!(moves.contains(&json!("aceito")) && !moves.contains(&json!("cancelado")));
    let text = list.json.to_string();
    assert!(!text.contains("52998224725") && !text.contains("529.982.247-25"));
    let id = item["id"].as_i64().expect("id") as i32;

    // Refused answers change nothing and say why, beside the field.
    let cancel = answer_referral(&app, id, &key, json!({"situacao": "cancelado"})).await;
    assert_eq!(cancel.status, 422);
    assert_matches(&doc, "Erro", &cancel.json);
    assert!(
        cancel.json["campos"]["situacao"]
            .as_str()
            .unwrap_or("")
            .contains("Só a equipe do Escritório Social pode cancelar")
    );
    let jump = answer_referral(
        &app,
        id,
        &key,
        json!({"situacao": "concluido", "observacao": "ok, fim"}),
    )
    .await;
    assert_eq!(jump.status, 422);
    assert!(
        jump.json["campos"]["situacao"]
            .as_str()
            .unwrap_or("")
            .contains("não pode passar")
    );
    let broken = call(
        &app,
        "POST",
        &format!("/api/v1/encaminhamentos/{id}/resposta"),
        Some(&key),
        Some("{situacao"),
    )
    .await;
    assert_eq!(broken.status, 400);
    assert!(broken.json["erro"].as_str().unwrap_or("").contains("JSON"));
    let one = get(&app, &format!("/api/v1/encaminhamentos/{id}"), &key).await;
    assert_eq!(one.json["situacao"], "solicitado", "nothing changed");
    assert_matches(&doc, "Encaminhamento", &one.json);

    // Accepted, then done with the outcome.
    let accepted = answer_referral(&app, id, &key, json!({"situacao": "aceito"})).await;
    assert_eq!(accepted.status, 200, "{}", accepted.json);
    assert_matches(&doc, "Encaminhamento", &accepted.json);
    assert_eq!(accepted.json["situacao"], "aceito");
    let done = answer_referral(
        &app,
        id,
        &key,
        // A NUL pasted into the note is dropped (PostgreSQL cannot store it); the rest is kept.
        json!({"situacao": "concluido", "observacao": "Três encontros de\u{0} mediação."}),
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.json);
    let history = done.json["historico"].as_array().expect("history");
    assert_eq!(history.len(), 3, "{history:?}");
    assert_eq!(history[2]["quem"], "Integração “Sistema SGP”");
    assert_eq!(history[2]["observacao"], "Três encontros de mediação.");

    // The unit and Maria see the answers; Maria sees the key's reads in "Quem viu meus dados".
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let unit = app
        .get(&format!("/equipe/encaminhamentos/{id}"), Some(&tecnica))
        .await;
    assert!(
        unit.body
            .contains("Aceito → Concluído: Três encontros de mediação.")
    );
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let data = app.get("/inicio/meus-dados", Some(&maria)).await;
    for line in [
        "Integração “Sistema SGP” (Coletivo Recomeço) viu seu encaminhamento",
        "Integração “Sistema SGP” (Coletivo Recomeço) registrou uma resposta ao seu encaminhamento",
    ] {
        assert!(data.body.contains(line), "{line}");
    }

    // The area shows the key was used; revoking it shuts it out at once.
    let area = app.get("/parceiro/integracoes", Some(&partner)).await;
    assert!(area.body.contains("Último uso:"));
    let revoked = app
        .post(
            &format!("/parceiro/integracoes/{key_id}/revogar"),
            &[],
            Some(&partner),
        )
        .await;
    assert_eq!(revoked.location(), Some("/parceiro/integracoes?revogada=1"));
    let after = get(&app, "/api/v1/encaminhamentos", &key).await;
    assert_eq!(after.status, 401);
    let area = app
        .get("/parceiro/integracoes?revogada=1", Some(&partner))
        .await;
    assert!(area.body.contains("Chave revogada.") && area.body.contains("Não funciona mais."));

    // An unknown address under /api/v1 is a JSON 404 (with a key) or 401 (without).
    let (other_key, _) = create_key(&app, "/parceiro/integracoes", &partner, "Outra").await;
    let nowhere = get(&app, "/api/v1/nada", &other_key).await;
    assert_eq!(nowhere.status, 404);
    assert_matches(&doc, "Erro", &nowhere.json);
}

/// A second RAESP partner organisation (a course provider of the demo) with an account.
async fn other_partner(app: &TestApp) -> String {
    use app::server::entities::organization;
    let other = organization::Entity::find()
        .filter(organization::Column::Kind.eq("partner"))
        .filter(organization::Column::Name.ne("Coletivo Recomeço"))
        .one(&app.db)
        .await
        .expect("organisations")
        .expect("another partner in the demo");
    app.create_account(
        &[
            ("papel", "partner"),
            ("nome", "Ana do Instituto"),
            ("email", "ana@instituto.org"),
            ("organizacao", &other.id.to_string()),
        ],
        "ana@instituto.org",
        "senha-do-instituto-2026",
    )
    .await
}

async fn keys_reach_only_their_own_organisation(app: TestApp) {
    refer_maria(&app).await;
    let (partner, _) = app.login("parceiro@exemplo.org", DEMO_PASSWORD).await;
    let (key_a, key_a_id) = create_key(&app, "/parceiro/integracoes", &partner, "Sistema A").await;
    let other = other_partner(&app).await;
    let (key_b, _) = create_key(&app, "/parceiro/integracoes", &other, "Sistema B").await;

    // B's key: A's referral does not exist for it, and B's answer changes nothing.
    let list = get(&app, "/api/v1/encaminhamentos", &key_b).await;
    assert_eq!(list.status, 200);
    assert_eq!(list.json["total"], 0);
    assert_eq!(list.json["itens"], json!([]));
    assert_eq!(
        get(&app, "/api/v1/encaminhamentos/1", &key_b).await.status,
        404
    );
    let answer = answer_referral(&app, 1, &key_b, json!({"situacao": "aceito"})).await;
    assert_eq!(answer.status, 404);
    let still = get(&app, "/api/v1/encaminhamentos/1", &key_a).await;
    assert_eq!(still.json["situacao"], "solicitado");

    // B cannot see or revoke A's keys.
    let b_area = app.get("/parceiro/integracoes", Some(&other)).await;
    assert!(!b_area.body.contains("Sistema A"));
    let revoke = app
        .post(
            &format!("/parceiro/integracoes/{key_a_id}/revogar"),
            &[],
            Some(&other),
        )
        .await;
    assert_eq!(revoke.status, 404);
    assert_eq!(
        get(&app, "/api/v1/encaminhamentos", &key_a).await.status,
        200
    );

    // A partner's key reads no vacancies; a company's reads no referrals.
    assert_eq!(get(&app, "/api/v1/vagas", &key_a).await.status, 403);
    let (company, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let (company_key, _) = create_key(&app, "/empresa/integracoes", &company, "Sistema RH").await;
    let refused = get(&app, "/api/v1/encaminhamentos", &company_key).await;
    assert_eq!(refused.status, 403);
    assert!(
        refused.json["erro"]
            .as_str()
            .unwrap_or("")
            .contains("não dá acesso")
    );

    // Other roles have no key area.
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    assert_eq!(
        app.get("/parceiro/integracoes", Some(&tecnica))
            .await
            .status,
        403
    );
    assert_eq!(
        app.get("/empresa/integracoes", Some(&partner)).await.status,
        403
    );

    // A key's account is nobody's login and no team member.
    let team = app.get("/empresa/equipe", Some(&company)).await;
    assert!(!team.body.contains("Integração"));
    let (admin, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    let accounts = app.get("/admin/contas", Some(&admin)).await;
    assert_eq!(accounts.status, 200);
    assert!(!accounts.body.contains("Integração “Sistema A”"));
}

async fn a_company_key_reads_its_vacancies_and_candidates(app: TestApp) {
    maria_applies(&app).await;
    let doc = document(&app).await;
    let (company, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let area = app.get("/empresa/integracoes", Some(&company)).await;
    assert!(area.body.contains("vagas da empresa"));
    let (key, _) = create_key(&app, "/empresa/integracoes", &company, "Sistema de RH").await;

    let vacancies = get(&app, "/api/v1/vagas", &key).await;
    assert_eq!(vacancies.status, 200, "{}", vacancies.json);
    assert_matches(&doc, "ListaVagas", &vacancies.json);
    let first = vacancies.json["itens"]
        .as_array()
        .expect("items")
        .iter()
        .find(|v| v["id"] == 1)
        .expect("vacancy 1 is the company's")
        .clone();
    assert_eq!(first["candidaturas"], 1);

    let candidates = get(&app, "/api/v1/vagas/1/candidaturas", &key).await;
    assert_eq!(candidates.status, 200);
    assert_matches(&doc, "ListaCandidaturas", &candidates.json);
    let maria = &candidates.json["itens"][0];
    assert_eq!(maria["nome"], "Maria Aparecida dos Santos");
    assert_eq!(maria["habilidades"], "Assentar piso e azulejo");
    assert_eq!(maria["situacao"], "enviada");
    // Nothing about prison, the case or the unit: the schema above already forbids any
    // field it does not describe; and no identifier slips in as a value.
    let text = candidates.json.to_string();
    for secret in [
        "52998224725",
        "529.982.247-25",
        "Escritório Social",
        "egress",
    ] {
        assert!(!text.contains(secret), "{secret}");
    }
    let (me, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let data = app.get("/inicio/meus-dados", Some(&me)).await;
    assert!(data.body.contains(
        "Integração “Sistema de RH” (Construtora Horizonte Ltda.) viu seu perfil profissional"
    ));

    // Another company's key: the vacancy and its candidates do not exist for it.
    let other = app.other_company().await;
    let (other_key, _) = create_key(&app, "/empresa/integracoes", &other, "Mercado").await;
    let theirs = get(&app, "/api/v1/vagas", &other_key).await;
    assert!(
        theirs.json["itens"]
            .as_array()
            .expect("items")
            .iter()
            .all(|v| v["id"] != 1),
        "{}",
        theirs.json
    );
    assert_eq!(
        get(&app, "/api/v1/vagas/1/candidaturas", &other_key)
            .await
            .status,
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_are_counted_per_key() {
    let limits = Limits {
        api_per_minute: 3,
        ..Limits::default()
    };
    let Some(app) = esv_tests::spawn_app_with(esv_tests::Backend::Sqlite, limits).await else {
        return;
    };
    let (partner, _) = app.login("parceiro@exemplo.org", DEMO_PASSWORD).await;
    let (first, _) = create_key(&app, "/parceiro/integracoes", &partner, "Primeira").await;
    let (second, _) = create_key(&app, "/parceiro/integracoes", &partner, "Segunda").await;
    for _ in 0..3 {
        assert_eq!(
            get(&app, "/api/v1/encaminhamentos", &first).await.status,
            200
        );
    }
    let stopped = get(&app, "/api/v1/encaminhamentos", &first).await;
    assert_eq!(stopped.status, 429);
    let wait: u64 = stopped
        .retry_after
        .as_deref()
        .and_then(|s| s.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(
        stopped.json["erro"]
            .as_str()
            .unwrap_or("")
            .contains("Muitos pedidos")
    );
    assert_eq!(
        get(&app, "/api/v1/encaminhamentos", &second).await.status,
        200,
        "each key has its own allowance"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_is_valid_openapi_3_1_and_covers_every_endpoint() {
    let Some(app) = esv_tests::spawn_app(esv_tests::Backend::Sqlite).await else {
        return;
    };
    let doc = document(&app).await;
    assert_eq!(doc["openapi"], "3.1.0");
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../reference/openapi-3.1/schema.json");
    let meta: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("OpenAPI 3.1 schema"))
            .expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&meta)
        .expect("the OpenAPI 3.1 schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // A broken document is caught (the check can fail).
    let mut broken = doc.clone();
    broken["paths"]["/api/v1/vagas"]["get"]["responses"] = json!("nenhuma");
    assert!(!validator.is_valid(&broken));

    // Every endpoint is described, with its method, key and answers.
    for (path, method) in [
        ("/api/v1/encaminhamentos", "get"),
        ("/api/v1/encaminhamentos/{id}", "get"),
        ("/api/v1/encaminhamentos/{id}/resposta", "post"),
        ("/api/v1/vagas", "get"),
        ("/api/v1/vagas/{id}/candidaturas", "get"),
    ] {
        let operation = &doc["paths"][path][method];
        assert!(operation.is_object(), "{method} {path} is described");
        assert_eq!(operation["security"], json!([{"chave": []}]), "{path}");
        for status in ["200", "401", "403", "429"] {
            assert!(
                operation["responses"][status].is_object(),
                "{path} {status}"
            );
        }
    }
    assert_eq!(
        doc["paths"].as_object().expect("paths").len(),
        5,
        "no endpoint described that does not exist"
    );
    let scheme = &doc["components"]["securitySchemes"]["chave"];
    assert_eq!(scheme["type"], "http");
    assert_eq!(scheme["scheme"], "bearer");
    // And each described endpoint exists: a key of the other kind of organisation gets 403
    // there (an address that does not exist gets 404), and no key gets 401.
    let (partner, _) = app.login("parceiro@exemplo.org", DEMO_PASSWORD).await;
    let (partner_key, _) = create_key(&app, "/parceiro/integracoes", &partner, "Chave P").await;
    let (company, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let (company_key, _) = create_key(&app, "/empresa/integracoes", &company, "Chave C").await;
    for (method, path, key) in [
        ("GET", "/api/v1/encaminhamentos", &company_key),
        ("GET", "/api/v1/encaminhamentos/1", &company_key),
        ("POST", "/api/v1/encaminhamentos/1/resposta", &company_key),
        ("GET", "/api/v1/vagas", &partner_key),
        ("GET", "/api/v1/vagas/1/candidaturas", &partner_key),
    ] {
        let body = (method == "POST").then_some("{}");
        assert_eq!(
            call(&app, method, path, Some(key), body).await.status,
            403,
            "{path}"
        );
        assert_eq!(
            call(&app, method, path, None, body).await.status,
            401,
            "{path}"
        );
    }
    assert_eq!(
        get(&app, "/api/v1/vagas/1/outra-coisa", &partner_key)
            .await
            .status,
        404
    );
}
