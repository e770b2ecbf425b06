//! Logging in and out, on SQLite and PostgreSQL.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    every_demo_role_lands_on_its_own_home_with_its_name,
    wrong_password_and_unknown_account_get_the_same_message,
    bad_input_is_explained_beside_the_field_and_kept,
    repeated_failures_are_rate_limited,
    logout_stops_the_token_at_once,
    logout_everywhere_revokes_every_session,
    cross_origin_posts_are_refused,
    tampered_cookie_is_treated_as_logged_out,
);

async fn every_demo_role_lands_on_its_own_home_with_its_name(app: TestApp) {
    let cases = [
        ("admin@exemplo.org", "/admin", "Administração ESV"),
        ("coordenacao@exemplo.org", "/equipe", "Joana Ribeiro"),
        ("tecnica@exemplo.org", "/equipe", "Carla Mendes"),
        ("rh@exemplo.org", "/empresa", "Roberto Lima"),
        ("parceiro@exemplo.org", "/parceiro", "Paulo Nascimento"),
        (DEMO_EGRESSO_CPF, "/inicio", "Maria Aparecida dos Santos"),
        // The CPF also works without punctuation, and e-mails in any case.
        ("52998224725", "/inicio", "Maria Aparecida dos Santos"),
        ("RH@Exemplo.org", "/empresa", "Roberto Lima"),
    ];
    for (identifier, home, name) in cases {
        let (cookie, location) = app.login(identifier, DEMO_PASSWORD).await;
        assert_eq!(location, home, "{identifier}");
        let page = app.get(home, Some(&cookie)).await;
        assert_eq!(page.status, 200, "{identifier}: {}", page.body);
        assert!(
            page.body.contains(name),
            "{identifier} home should greet {name}"
        );
        assert!(page.body.contains("Sair de todos os dispositivos"));
        assert!(page.body.contains(r#"<html lang="pt-BR">"#));
    }
    // The egresso sees "Meus dados" with their own CPF.
    let (cookie, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let home = app.get("/inicio", Some(&cookie)).await;
    assert!(home.body.contains("Meus dados"));
    let data = app.get("/inicio/meus-dados", Some(&cookie)).await;
    assert_eq!(data.status, 200);
    assert!(data.body.contains("529.982.247-25"));
    assert!(data.body.contains("Escritório Social de Brasília"));
}

async fn wrong_password_and_unknown_account_get_the_same_message(app: TestApp) {
    let wrong = app.try_login("tecnica@exemplo.org", "senha-errada").await;
    let unknown = app.try_login("ninguem@exemplo.org", "senha-errada").await;
    let unknown_cpf = app.try_login("111.444.777-35", "senha-errada").await;
    for page in [&wrong, &unknown, &unknown_cpf] {
        assert_eq!(page.status, 401);
        assert!(
            page.body.contains("CPF, e-mail ou senha não conferem"),
            "{}",
            page.body
        );
        assert!(page.session_cookie().is_none());
    }
    // Identical apart from the typed identifier (kept in the field) and the per-page nonce.
    let normalise = |body: &str, id: &str| {
        let nonce = body
            .split("nonce=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default();
        body.replace(nonce, "").replace(id, "")
    };
    assert_eq!(
        normalise(&wrong.body, "tecnica@exemplo.org"),
        normalise(&unknown.body, "ninguem@exemplo.org")
    );
}

async fn bad_input_is_explained_beside_the_field_and_kept(app: TestApp) {
    let page = app.try_login("123.456", "").await;
    assert_eq!(page.status, 422);
    assert!(
        page.body
            .contains("Digite um CPF válido (11 números) ou seu e-mail."),
        "{}",
        page.body
    );
    assert!(page.body.contains("Digite sua senha."));
    assert!(
        page.body.contains(r#"value="123.456""#),
        "typed value must be kept"
    );
    assert!(page.body.contains(r#"aria-invalid="true""#));
    // A malformed body gets a pt-BR page, not a framework message.
    let raw = app
        .client
        .post(app.url("/entrar"))
        .header("content-type", "application/json")
        .header("origin", app.origin.clone())
        .body(r#"{"identificador": "x"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    assert!(
        raw.text()
            .await
            .unwrap()
            .contains("Não entendemos o pedido")
    );
}

async fn repeated_failures_are_rate_limited(app: TestApp) {
    for _ in 0..5 {
        let page = app.try_login("rh@exemplo.org", "errada-de-novo").await;
        assert_eq!(page.status, 401);
    }
    // Now even the right password is refused for this account, with a pt-BR explanation.
    let page = app.try_login("rh@exemplo.org", DEMO_PASSWORD).await;
    assert_rate_limited(&page);
    // Other accounts are not affected.
    let (_, location) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    assert_eq!(location, "/equipe");
}

async fn logout_stops_the_token_at_once(app: TestApp) {
    let (cookie, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    assert_eq!(app.get("/equipe", Some(&cookie)).await.status, 200);
    let out = app.post("/sair", &[], Some(&cookie)).await;
    assert_eq!(out.status, 303);
    assert_eq!(out.location(), Some("/entrar?saiu=1"));
    assert_eq!(out.session_cookie().as_deref(), Some(""), "cookie cleared");
    // The old token (still cryptographically valid) no longer opens anything.
    let after = app.get("/equipe", Some(&cookie)).await;
    assert_eq!(after.status, 303);
    assert_eq!(after.location(), Some("/entrar"));
}

async fn logout_everywhere_revokes_every_session(app: TestApp) {
    let (phone, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let (computer, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let (other_user, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    assert_eq!(app.get("/inicio", Some(&computer)).await.status, 200);
    let out = app.post("/sair-de-todos", &[], Some(&phone)).await;
    assert_eq!(out.status, 303);
    assert_eq!(out.location(), Some("/entrar?saiu=todos"));
    assert_eq!(app.get("/inicio", Some(&phone)).await.status, 303);
    assert_eq!(app.get("/inicio", Some(&computer)).await.status, 303);
    // Someone else's session is untouched.
    assert_eq!(app.get("/equipe", Some(&other_user)).await.status, 200);
}

async fn cross_origin_posts_are_refused(app: TestApp) {
    let (cookie, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let evil = app
        .post_from(
            "/sair-de-todos",
            &[],
            Some(&cookie),
            "https://site-malicioso.example",
        )
        .await;
    assert_eq!(evil.status, 403);
    assert!(evil.body.contains("Você não tem acesso"));
    // Nothing changed: the session still works.
    assert_eq!(app.get("/inicio", Some(&cookie)).await.status, 200);
    // A login posted from another site is refused too (login CSRF).
    let login = app
        .post_from(
            "/entrar",
            &[
                ("identificador", "admin@exemplo.org"),
                ("senha", DEMO_PASSWORD),
            ],
            None,
            "https://site-malicioso.example",
        )
        .await;
    assert_eq!(login.status, 403);
    assert!(login.session_cookie().is_none());
    // Sec-Fetch-Site: cross-site is refused even without an Origin header.
    let fetched = app
        .client
        .post(app.url("/sair"))
        .header("sec-fetch-site", "cross-site")
        .header("cookie", format!("esv_sessao={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(fetched.status(), 403);
    assert_eq!(app.get("/inicio", Some(&cookie)).await.status, 200);
}

async fn tampered_cookie_is_treated_as_logged_out(app: TestApp) {
    let (cookie, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    let mut tampered = cookie.clone();
    tampered.pop();
    tampered.push(if cookie.ends_with('A') { 'B' } else { 'A' });
    let page = app.get("/admin", Some(&tampered)).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), Some("/entrar"));
}

/// The per-IP limit: its counter lives in the database, like every limit (one limit for all
/// servers), so both databases are checked.
async fn one_address_is_limited(backend: esv_tests::Backend) {
    let limits = esv_tests::Limits {
        per_ip: 3,
        ..esv_tests::Limits::default()
    };
    let Some(app) = esv_tests::spawn_app_with(backend, limits).await else {
        return;
    };
    for who in ["a@exemplo.org", "b@exemplo.org", "c@exemplo.org"] {
        let page = app.try_login(who, "chute").await;
        assert_eq!(page.status, 401);
    }
    // A fourth attempt from the same address is refused, whatever the account.
    let page = app.try_login("admin@exemplo.org", DEMO_PASSWORD).await;
    assert_rate_limited(&page);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_trying_many_accounts_is_rate_limited_sqlite() {
    one_address_is_limited(esv_tests::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_trying_many_accounts_is_rate_limited_postgres() {
    one_address_is_limited(esv_tests::Backend::Postgres).await;
}

/// Two server processes on one PostgreSQL enforce one limit (issue 15, point 3): failures
/// spread over both count together, and the account is blocked on both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_share_one_login_limit() {
    let Some(app) = esv_tests::spawn_app(esv_tests::Backend::Postgres).await else {
        return;
    };
    let other = esv_tests::Node::start(env!("CARGO_BIN_EXE_esv-node"), &app, "limite", &[]);
    other.wait_healthy().await;
    let on_other = |password: &'static str| {
        let client = app.client.clone();
        let origin = other.origin();
        async move {
            client
                .post(format!("{origin}/entrar"))
                .header("origin", origin.clone())
                .form(&[
                    ("identificador", "tecnica@exemplo.org"),
                    ("senha", password),
                ])
                .send()
                .await
                .expect("POST")
                .status()
                .as_u16()
        }
    };
    // The default limit is 5 failures per account: 3 here, 2 there.
    for _ in 0..3 {
        assert_eq!(
            app.try_login("tecnica@exemplo.org", "errada").await.status,
            401
        );
    }
    for _ in 0..2 {
        assert_eq!(on_other("errada").await, 401);
    }
    // Blocked on both, even with the right password.
    assert_rate_limited(&app.try_login("tecnica@exemplo.org", DEMO_PASSWORD).await);
    assert_eq!(on_other(DEMO_PASSWORD).await, 429);
    // Another account is not affected.
    let (_, home) = app.login("coordenacao@exemplo.org", DEMO_PASSWORD).await;
    assert_eq!(home, "/equipe");
}

fn assert_rate_limited(page: &esv_tests::Page) {
    assert_eq!(page.status, 429);
    assert!(page.body.contains("Muitas tentativas seguidas"));
    assert!(page.session_cookie().is_none());
}
