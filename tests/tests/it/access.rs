//! Who may open what, and the admin's account workflow, on SQLite and PostgreSQL.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, on_both_databases};

on_both_databases!(
    each_role_is_kept_out_of_the_other_roles_pages,
    anonymous_visitors_are_sent_to_the_login_page,
    admin_creates_an_account_and_the_person_sets_a_password,
    admin_form_errors_keep_the_input_and_change_nothing,
    admin_resets_a_forgotten_password,
    admin_registers_units_and_organizations,
);

const LOGINS: [(&str, &str); 6] = [
    ("admin@exemplo.org", "/admin"),
    ("coordenacao@exemplo.org", "/equipe"),
    ("tecnica@exemplo.org", "/equipe"),
    ("rh@exemplo.org", "/empresa"),
    ("parceiro@exemplo.org", "/parceiro"),
    (DEMO_EGRESSO_CPF, "/inicio"),
];

/// Every role-only page and the role allowed in it.
const PAGES: [(&str, &[&str]); 36] = [
    ("/conta/dispositivos", &["/equipe", "/inicio"]),
    ("/empresa/contratos", &["/empresa"]),
    ("/empresa/contratos/novo", &["/empresa"]),
    ("/empresa/equipe", &["/empresa"]),
    ("/equipe/pessoas/1/estigma", &["/equipe"]),
    ("/equipe/pessoas/1/emprego", &["/equipe"]),
    ("/admin/linguagem", &["/admin"]),
    ("/equipe/pessoas/1/acompanhamento", &["/equipe"]),
    ("/equipe/pessoas/1/entrevista", &["/equipe"]),
    ("/equipe/pessoas/1/entrevista/saude", &["/equipe"]),
    ("/equipe/pessoas/1/plano", &["/equipe"]),
    ("/equipe/pessoas/1/plano/area?area=saude", &["/equipe"]),
    ("/equipe/pessoas/1/plano/historico", &["/equipe"]),
    ("/inicio/plano", &["/inicio"]),
    ("/admin", &["/admin"]),
    ("/equipe/agenda", &["/equipe"]),
    ("/inicio/agenda", &["/inicio"]),
    ("/equipe/pessoas", &["/equipe"]),
    ("/equipe/pessoas/nova", &["/equipe"]),
    ("/equipe/encaminhamentos", &["/equipe"]),
    ("/equipe/encaminhamentos/novo", &["/equipe"]),
    ("/parceiro/encaminhamentos", &["/parceiro"]),
    ("/inicio/encaminhamentos", &["/inicio"]),
    ("/admin/servicos", &["/admin"]),
    ("/admin/cursos", &["/admin"]),
    ("/equipe/inscricoes", &["/equipe"]),
    ("/parceiro/inscricoes", &["/parceiro"]),
    ("/inicio/cursos", &["/inicio"]),
    ("/admin/contas", &["/admin"]),
    ("/admin/contas/nova", &["/admin"]),
    ("/admin/unidades", &["/admin"]),
    ("/admin/organizacoes", &["/admin"]),
    ("/equipe", &["/equipe"]),
    ("/empresa", &["/empresa"]),
    ("/parceiro", &["/parceiro"]),
    ("/inicio/meus-dados", &["/inicio"]),
];

async fn each_role_is_kept_out_of_the_other_roles_pages(app: TestApp) {
    for (identifier, home) in LOGINS {
        let (cookie, _) = app.login(identifier, DEMO_PASSWORD).await;
        for (path, allowed) in PAGES {
            let page = app.get(path, Some(&cookie)).await;
            if allowed.contains(&home) {
                assert_eq!(page.status, 200, "{identifier} should open {path}");
            } else {
                assert_eq!(page.status, 403, "{identifier} must not open {path}");
                assert!(page.body.contains("Você não tem acesso a esta página"));
                // The error page still offers the way back to the person's own home.
                assert!(page.body.contains(&format!(r#"href="{home}""#)));
            }
        }
        // State-changing admin actions are refused too, and change nothing.
        if home != "/admin" {
            let create = app
                .post(
                    "/admin/contas/nova",
                    &[
                        ("papel", "admin"),
                        ("nome", "Intrusa"),
                        ("email", "intrusa@exemplo.org"),
                    ],
                    Some(&cookie),
                )
                .await;
            assert_eq!(create.status, 403, "{identifier} must not create accounts");
            let code = app.post("/admin/contas/1/codigo", &[], Some(&cookie)).await;
            assert_eq!(code.status, 403, "{identifier} must not issue codes");
        }
    }
    let (admin, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    let list = app.get("/admin/contas", Some(&admin)).await;
    assert!(!list.body.contains("Intrusa"));
}

async fn anonymous_visitors_are_sent_to_the_login_page(app: TestApp) {
    for (path, _) in PAGES {
        let page = app.get(path, None).await;
        assert_eq!(page.status, 303, "{path}");
        assert_eq!(page.location(), Some("/entrar"), "{path}");
    }
    let post = app
        .post("/admin/contas/nova", &[("papel", "admin")], None)
        .await;
    assert_eq!(post.status, 303);
    let missing = app.get("/nao-existe", None).await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Página não encontrada"));
}

fn code_from(body: &str) -> String {
    let marker = r#"class="code">"#;
    let start = body
        .find(marker)
        .unwrap_or_else(|| panic!("code shown: {body}"))
        + marker.len();
    let rest = &body[start..];
    rest[..rest.find("</p>").unwrap()].trim().to_string()
}

async fn admin_creates_an_account_and_the_person_sets_a_password(app: TestApp) {
    let (admin, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    let form = app.get("/admin/contas/nova", Some(&admin)).await;
    assert!(form.body.contains("Escritório Social de Brasília"));
    // A new egresso: CPF 111.444.777-35 is valid and not in the demo data.
    let created = app
        .post(
            "/admin/contas/nova",
            &[
                ("papel", "egresso"),
                ("nome", "João Pereira"),
                ("cpf", "111.444.777-35"),
                ("unidade", "1"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let code = code_from(&created.body);
    assert_eq!(code.len(), 9, "ABCD-EFGH: {code}");
    // No password yet: logging in does not work.
    let early = app.try_login("111.444.777-35", "qualquer-coisa").await;
    assert_eq!(early.status, 401);
    // A wrong code is refused and the typed values stay.
    let wrong = app
        .post(
            "/definir-senha",
            &[
                ("identificador", "111.444.777-35"),
                ("codigo", "AAAA-AAAA"),
                ("senha", "minha-senha-nova"),
                ("confirmacao", "minha-senha-nova"),
            ],
            None,
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("Código errado ou vencido"));
    assert!(wrong.body.contains(r#"value="111.444.777-35""#));
    // The right code, typed in lower case without the dash, works once.
    let typed = code.replace('-', "").to_lowercase();
    let set = app
        .post(
            "/definir-senha",
            &[
                ("identificador", "111.444.777-35"),
                ("codigo", &typed),
                ("senha", "minha-senha-nova"),
                ("confirmacao", "minha-senha-nova"),
            ],
            None,
        )
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    let (cookie, home) = app.login("11144477735", "minha-senha-nova").await;
    assert_eq!(home, "/inicio");
    let data = app.get("/inicio/meus-dados", Some(&cookie)).await;
    assert!(data.body.contains("João Pereira"));
    assert!(data.body.contains("111.444.777-35"));
    let again = app
        .post(
            "/definir-senha",
            &[
                ("identificador", "111.444.777-35"),
                ("codigo", &code),
                ("senha", "outra-senha-123"),
                ("confirmacao", "outra-senha-123"),
            ],
            None,
        )
        .await;
    assert_eq!(again.status, 422, "a code works only once");
    // A company account is tied to a company, by e-mail.
    let company = app
        .post(
            "/admin/contas/nova",
            &[
                ("papel", "company"),
                ("nome", "Lúcia Prado"),
                ("email", "lucia@horizonte.com.br"),
                ("organizacao", "1"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(company.status, 201, "{}", company.body);
    let list = app.get("/admin/contas", Some(&admin)).await;
    assert!(list.body.contains("Lúcia Prado") && list.body.contains("lucia@horizonte.com.br"));
    // Staff lists show a masked CPF, never the whole number.
    assert!(list.body.contains("***.444.777-**"));
    assert!(!list.body.contains("111.444.777-35"));
}

async fn admin_form_errors_keep_the_input_and_change_nothing(app: TestApp) {
    let (admin, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    let before = app
        .get("/admin/contas", Some(&admin))
        .await
        .body
        .matches("class=\"item\"")
        .count();
    let page = app
        .post(
            "/admin/contas/nova",
            &[
                ("papel", "egresso"),
                ("nome", "Ana Clara"),
                ("cpf", "123.456.789-00"),
                ("unidade", ""),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("Este CPF não é válido"), "{}", page.body);
    assert!(page.body.contains("Escolha a unidade."));
    assert!(page.body.contains(r#"value="Ana Clara""#));
    assert!(page.body.contains(r#"value="123.456.789-00""#));
    // A duplicate e-mail is refused.
    let dup = app
        .post(
            "/admin/contas/nova",
            &[
                ("papel", "caseworker"),
                ("nome", "Outra Carla"),
                ("email", "TECNICA@exemplo.org"),
                ("unidade", "1"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(dup.status, 422);
    assert!(dup.body.contains("Já existe uma conta com este e-mail."));
    // A company account cannot be tied to a RAESP partner.
    let wrong_org = app
        .post(
            "/admin/contas/nova",
            &[
                ("papel", "company"),
                ("nome", "Beto"),
                ("email", "beto@exemplo.org"),
                ("organizacao", "2"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(wrong_org.status, 422);
    let after = app
        .get("/admin/contas", Some(&admin))
        .await
        .body
        .matches("class=\"item\"")
        .count();
    assert_eq!(before, after, "nothing was created");
}

async fn admin_resets_a_forgotten_password(app: TestApp) {
    let (admin, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    let (old_session, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let list = app.get("/admin/contas", Some(&admin)).await;
    assert!(list.body.contains("Carla Mendes"));
    // Carla is account 3 in the demo data (admin, coordinator, caseworker, ...).
    let first = app.post("/admin/contas/3/codigo", &[], Some(&admin)).await;
    let second = app.post("/admin/contas/3/codigo", &[], Some(&admin)).await;
    assert_eq!(second.status, 200);
    assert!(second.body.contains("Carla Mendes"));
    let (old_code, new_code) = (code_from(&first.body), code_from(&second.body));
    let stale = app
        .post(
            "/definir-senha",
            &[
                ("identificador", "tecnica@exemplo.org"),
                ("codigo", &old_code),
                ("senha", "nova-senha-da-carla"),
                ("confirmacao", "nova-senha-da-carla"),
            ],
            None,
        )
        .await;
    assert_eq!(stale.status, 422, "a newer code replaces the older one");
    let mismatch = app
        .post(
            "/definir-senha",
            &[
                ("identificador", "tecnica@exemplo.org"),
                ("codigo", &new_code),
                ("senha", "nova-senha-da-carla"),
                ("confirmacao", "outra"),
            ],
            None,
        )
        .await;
    assert_eq!(mismatch.status, 422);
    assert!(mismatch.body.contains("As duas senhas não são iguais"));
    let ok = app
        .post(
            "/definir-senha",
            &[
                ("identificador", "tecnica@exemplo.org"),
                ("codigo", &new_code),
                ("senha", "nova-senha-da-carla"),
                ("confirmacao", "nova-senha-da-carla"),
            ],
            None,
        )
        .await;
    assert_eq!(ok.status, 303);
    // Whoever had the old password is logged out; the old password no longer works.
    assert_eq!(app.get("/equipe", Some(&old_session)).await.status, 303);
    assert_eq!(
        app.try_login("tecnica@exemplo.org", DEMO_PASSWORD)
            .await
            .status,
        401
    );
    app.login("tecnica@exemplo.org", "nova-senha-da-carla")
        .await;
    let missing = app
        .post("/admin/contas/9999/codigo", &[], Some(&admin))
        .await;
    assert_eq!(missing.status, 404);
}

async fn admin_registers_units_and_organizations(app: TestApp) {
    let (admin, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    let bad = app
        .post(
            "/admin/unidades",
            &[
                ("nome", "Escritório Social de BH"),
                ("uf", "MG"),
                ("municipio", "5300108"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Este código IBGE é de outro estado"));
    assert!(bad.body.contains(r#"value="Escritório Social de BH""#));
    let ok = app
        .post(
            "/admin/unidades",
            &[
                ("nome", "Escritório Social de BH"),
                ("uf", "MG"),
                ("municipio", "3106200"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(ok.status, 303);
    let units = app.get("/admin/unidades?criada=1", Some(&admin)).await;
    assert!(
        units.body.contains("Escritório Social de BH")
            && units.body.contains("Unidade cadastrada.")
    );
    // Alphanumeric CNPJ (IN RFB 2.229/2024) is accepted; a taken one is refused.
    let dup = app
        .post(
            "/admin/organizacoes",
            &[
                ("tipo", "company"),
                ("nome", "Outra"),
                ("cnpj", "11.444.777/0001-61"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(dup.status, 422);
    assert!(
        dup.body
            .contains("Já existe uma organização com este CNPJ.")
    );
    let no_cnpj = app
        .post(
            "/admin/organizacoes",
            &[("tipo", "company"), ("nome", "Sem CNPJ"), ("cnpj", "")],
            Some(&admin),
        )
        .await;
    assert_eq!(no_cnpj.status, 422, "companies need a CNPJ");
    let partner = app
        .post(
            "/admin/organizacoes",
            &[
                ("tipo", "partner"),
                ("nome", "Pastoral Carcerária Local"),
                ("cnpj", ""),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(partner.status, 303, "partners may have no CNPJ");
    let orgs = app.get("/admin/organizacoes", Some(&admin)).await;
    assert!(orgs.body.contains("Pastoral Carcerária Local"));
    assert!(orgs.body.contains("12.ABC.345/01DE-35"));
}
