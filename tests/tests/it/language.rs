//! The language guard as data: the seeded terms, the admin adding and switching off terms, and
//! every free-text form of the case file refusing them with the respectful term proposed.

use app::domain::language::stem;
use app::server::entities::language_term;
use esv_tests::{DEMO_PASSWORD, TestApp, on_both_databases};
use sea_orm::EntityTrait;

on_both_databases!(
    seeded_terms_match_their_own_stem,
    the_admin_manages_the_list_and_forms_follow_it,
);

async fn seeded_terms_match_their_own_stem(app: TestApp) {
    let terms = language_term::Entity::find()
        .all(&app.db)
        .await
        .expect("terms");
    assert!(terms.len() >= 10);
    for t in terms {
        assert_eq!(t.pattern, stem(&t.term), "{}", t.term);
    }
}

async fn the_admin_manages_the_list_and_forms_follow_it(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let note =
        |text: &'static str| vec![("tipo", "presencial"), ("data", "HOJE"), ("resumo", text)];
    let today = {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs() as i64;
        app::domain::dates::iso_date(now)
    };
    let post_note = |text: &'static str| {
        let mut form = note(text);
        form[1].1 = Box::leak(today.clone().into_boxed_str());
        form
    };
    // Seeded: refused, with the respectful term proposed.
    let refused = app
        .post(
            "/equipe/pessoas/1/acompanhamento",
            &post_note("Contou que os vizinhos a chamam de ex-presidiária."),
            Some(&tecnica),
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("O texto usa “ex-presidiário”, palavra que estigmatiza pessoas. Escreva “pessoa egressa”."),
        "{}",
        refused.body
    );
    // A word not on the list yet goes through…
    let text = "Na escola do filho, chamam a família de reeducandas.";
    let first = app
        .post(
            "/equipe/pessoas/1/acompanhamento",
            &post_note("Ouviu na fila: lá vem a reeducanda."),
            Some(&tecnica),
        )
        .await;
    assert_eq!(first.status, 303);

    let (admin, _) = app.login("admin@exemplo.org", DEMO_PASSWORD).await;
    let page = app.get("/admin/linguagem", Some(&admin)).await;
    assert!(page.body.contains("ex-detento"));
    assert!(page.body.contains("Propõe: “pessoa egressa”."));
    let dup = app
        .post(
            "/admin/linguagem",
            &[("termo", "Apenadas"), ("sugestao", "")],
            Some(&admin),
        )
        .await;
    assert_eq!(dup.status, 422);
    assert!(dup.body.contains("Esta palavra já está na lista."));
    let added = app
        .post(
            "/admin/linguagem",
            &[
                ("termo", "reeducando"),
                ("sugestao", "pessoa em cumprimento de pena"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(added.location(), Some("/admin/linguagem?incluida=1"));
    // …and is refused from now on, in every form that saves text.
    let now_refused = app
        .post(
            "/equipe/pessoas/1/acompanhamento",
            &post_note(Box::leak(text.to_string().into_boxed_str())),
            Some(&tecnica),
        )
        .await;
    assert_eq!(now_refused.status, 422);
    assert!(
        now_refused
            .body
            .contains("Escreva “pessoa em cumprimento de pena”.")
    );
    let plan = app
        .post(
            "/equipe/pessoas/1/plano/area",
            &[
                ("versao", "1"),
                ("area", "familia"),
                ("demanda", "A família é tratada como reeducandos na escola"),
                ("objetivo", "Conversar com a escola"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(plan.status, 422);
    let interview = app
        .post(
            "/equipe/pessoas/1/entrevista/familia",
            &[("situacao", "Filho chamado de filho de bandido na escola.")],
            Some(&tecnica),
        )
        .await;
    assert_eq!(interview.status, 422);
    assert!(interview.body.contains("“bandido”"));

    // Switched off, the term no longer blocks.
    let terms = language_term::Entity::find()
        .all(&app.db)
        .await
        .expect("terms");
    let id = terms
        .iter()
        .find(|t| t.term == "reeducando")
        .map(|t| t.id)
        .expect("added");
    let off = app
        .post(
            &format!("/admin/linguagem/{id}/desligar"),
            &[],
            Some(&admin),
        )
        .await;
    assert_eq!(off.location(), Some("/admin/linguagem?mudou=1"));
    let passes = app
        .post(
            "/equipe/pessoas/1/acompanhamento",
            &post_note(Box::leak(text.to_string().into_boxed_str())),
            Some(&tecnica),
        )
        .await;
    assert_eq!(passes.status, 303);
    // Only the admin manages the list.
    for who in [
        "tecnica@exemplo.org",
        "rh@exemplo.org",
        "parceiro@exemplo.org",
    ] {
        let (cookie, _) = app.login(who, DEMO_PASSWORD).await;
        assert_eq!(app.get("/admin/linguagem", Some(&cookie)).await.status, 403);
        let tried = app
            .post(
                "/admin/linguagem",
                &[("termo", "qualquer"), ("sugestao", "")],
                Some(&cookie),
            )
            .await;
        assert_eq!(tried.status, 403);
        assert_eq!(
            app.post(&format!("/admin/linguagem/{id}/ligar"), &[], Some(&cookie))
                .await
                .status,
            403
        );
    }
}
