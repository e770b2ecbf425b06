//! A real installation (issue 15, point 7): no demo data and no default password anywhere;
//! `esv-server criar-admin EMAIL` prints a one-time code for the first administrator, who sets
//! the password at `/definir-senha`.

use esv_tests::TestApp;

/// Runs `esv-server criar-admin EMAIL` (the test package's copy) on the app's database.
fn create_admin(app: &TestApp, email: &str) -> (i32, String, String) {
    app.run_command(env!("CARGO_BIN_EXE_esv-node"), &["criar-admin", email])
}

fn code_in(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("Código de uso único: "))
        .expect("the code is printed")
        .trim()
        .to_string()
}

async fn set_password(app: &TestApp, email: &str, code: &str, password: &str) -> u16 {
    app.post(
        "/definir-senha",
        &[
            ("identificador", email),
            ("codigo", code),
            ("senha", password),
            ("confirmacao", password),
        ],
        None,
    )
    .await
    .status
}

async fn first_admin(backend: esv_tests::Backend) {
    use app::server::entities::{person, user_account, vacancy};
    use sea_orm::{EntityTrait, PaginatorTrait};
    let Some(app) = esv_tests::spawn_app_without_demo(backend).await else {
        return;
    };
    // Nothing to log in with: no account, no demo password, no demo people or vacancies.
    assert_eq!(
        user_account::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        0
    );
    assert_eq!(
        person::Entity::find().count(&app.db).await.expect("count"),
        0
    );
    assert_eq!(
        vacancy::Entity::find().count(&app.db).await.expect("count"),
        0
    );
    let demo = app
        .try_login("admin@exemplo.org", esv_tests::DEMO_PASSWORD)
        .await;
    assert_eq!(demo.status, 401);

    let (status, _, err) = create_admin(&app, "não é e-mail");
    assert_eq!(status, 1, "{err}");
    assert!(err.contains("e-mail inválido"), "{err}");
    assert_eq!(
        user_account::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        0
    );

    let (status, out, err) = create_admin(&app, "Gestao@Orgao.gov.br");
    assert_eq!(status, 0, "{out}{err}");
    assert!(
        out.contains("Conta de administração criada para gestao@orgao.gov.br."),
        "{out}"
    );
    assert!(
        out.contains(&format!("{}/definir-senha", app.origin)),
        "{out}"
    );
    let first = code_in(&out);
    assert_eq!(first.len(), 9, "{first}");
    // No password until the code is used.
    assert_eq!(app.try_login("gestao@orgao.gov.br", "").await.status, 422);

    // Run again: a fresh code; the first one stops working.
    let (status, out, _) = create_admin(&app, "gestao@orgao.gov.br");
    assert_eq!(status, 0);
    assert!(out.contains("já era administração"), "{out}");
    let second = code_in(&out);
    assert_ne!(first, second);
    assert_eq!(
        set_password(&app, "gestao@orgao.gov.br", &first, "senha-da-gestao-2026").await,
        422,
        "the earlier code no longer works"
    );
    assert_eq!(
        set_password(&app, "gestao@orgao.gov.br", &second, "senha-da-gestao-2026").await,
        303
    );
    let (admin, home) = app
        .login("gestao@orgao.gov.br", "senha-da-gestao-2026")
        .await;
    assert_eq!(home, "/admin");
    assert_eq!(app.get("/admin/contas", Some(&admin)).await.status, 200);
    assert_eq!(
        user_account::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        1
    );

    // An e-mail that belongs to another kind of account is not turned into an administrator.
    let signup = app
        .post(
            "/empresas/cadastro",
            &[
                ("cnpj", "11.222.333/0001-81"),
                ("razao_social", "Padaria Pão Quente Ltda."),
                ("nome", "Rita Souza"),
                ("email", "rita@paoquente.com.br"),
                ("telefone", "(61) 3333-4444"),
                ("senha", "senha-da-padaria-1"),
                ("confirmacao", "senha-da-padaria-1"),
            ],
            None,
        )
        .await;
    assert_eq!(signup.status, 303, "{}", signup.body);
    let (status, _, err) = create_admin(&app, "rita@paoquente.com.br");
    assert_eq!(status, 1);
    assert!(err.contains("não é de administração"), "{err}");
    let (rita, home) = app
        .login("rita@paoquente.com.br", "senha-da-padaria-1")
        .await;
    assert_eq!(home, "/empresa");
    assert_eq!(app.get("/admin/contas", Some(&rita)).await.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_administrator_comes_from_the_command_line_sqlite() {
    first_admin(esv_tests::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_administrator_comes_from_the_command_line_postgres() {
    first_admin(esv_tests::Backend::Postgres).await;
}
