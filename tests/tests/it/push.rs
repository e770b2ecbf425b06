//! Web Push end to end: the person turns notices on (the subscription the browser gives is
//! stored, its keys sealed), the server plans reminders with the appointment, a worker sends
//! them to a local push service that checks VAPID and decrypts like a browser, and the
//! plaintext is what a shared phone may show. Gone devices are removed; errors retry once.

use app::server::entities::{push_attempt, push_delivery, push_event, push_subscription};
use esv_tests::push_service::{PushService, Subscription};
use esv_tests::{
    DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, local_in_days, on_both_databases, test_worker_config,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_databases!(
    a_reminder_arrives_encrypted_signed_and_neutral,
    moving_and_cancelling_replan_and_tell_the_person,
    a_gone_device_is_removed_and_a_server_error_retries_once,
    devices_are_listed_and_removed_by_their_owner_only,
    referral_and_candidacy_news_reach_the_person_and_the_caseworker,
    a_message_the_push_service_refuses_is_not_retried,
);

const ANDROID: &str = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36";

fn now() -> i64 {
    app::server::now()
}

async fn subscribe(app: &TestApp, session: &str, sub: &Subscription) {
    let page = app
        .post_json("/conta/dispositivos", &sub.json, session, ANDROID)
        .await;
    assert_eq!(page.status, 201, "{}", page.body);
    assert!(page.body.contains("Este aparelho vai receber os avisos"));
}

/// The demo caseworker marks a meeting with Maria; returns its id.
async fn mark(app: &TestApp, tecnica: &str, when: &str) -> i32 {
    esv_tests::mark_appointment(app, tecnica, when, "Escritório Social, sala 2").await
}

/// Makes the planned reminder of `kind` due now, as if time had passed.
async fn make_due(app: &TestApp, appointment: i32, kind: &str) {
    let done = push_event::Entity::update_many()
        .col_expr(push_event::Column::DueAt, Expr::value(now() - 1))
        .filter(push_event::Column::AppointmentId.eq(appointment))
        .filter(push_event::Column::Kind.eq(kind))
        .filter(push_event::Column::Status.eq("planejado"))
        .exec(&app.db)
        .await
        .expect("update");
    assert_eq!(done.rows_affected, 1, "one {kind} planned");
}

fn assert_neutral(text: &str) {
    assert_eq!(
        app::domain::notifications::sensitive_word(text),
        None,
        "a sensitive word in a notification: {text}"
    );
    for word in ["Maria", "Carla", "Escritório", "sala"] {
        assert!(!text.contains(word), "a detail in a notification: {text}");
    }
}

async fn a_reminder_arrives_encrypted_signed_and_neutral(mut app: TestApp) {
    let service = PushService::start(&app.state.push.vapid_public_key).await;
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;

    // A bad subscription is refused in plain words and nothing is stored.
    let bad = app
        .post_json(
            "/conta/dispositivos",
            &serde_json::json!({"endpoint": "ftp://x", "keys": {"p256dh": "x", "auth": "y"}}),
            &maria,
            ANDROID,
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("não podemos usar"), "{}", bad.body);
    // An address inside the network is refused too: the server never calls it. So is any
    // public name that is not a known push service's (its DNS could point anywhere).
    for endpoint in [
        "https://10.0.0.5/push/x",
        "https://push.exemplo-qualquer.com.br/push/x",
        "https://fcm.googleapis.com.exemplo-qualquer.com.br/push/x",
    ] {
        let mut internal = service.new_device().json;
        internal["endpoint"] = serde_json::json!(endpoint);
        let refused = app
            .post_json("/conta/dispositivos", &internal, &maria, ANDROID)
            .await;
        assert_eq!(refused.status, 422, "{endpoint}");
        assert!(refused.body.contains("não podemos usar"), "{endpoint}");
    }
    assert_eq!(
        push_subscription::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    let phone = service.new_device();
    let tablet = service.new_device();
    subscribe(&app, &maria, &phone).await;
    subscribe(&app, &maria, &tablet).await;
    // The device secrets are sealed at rest.
    for row in push_subscription::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
    {
        for sub in [&phone, &tablet] {
            let auth = sub.json["keys"]["auth"].as_str().unwrap();
            let key = sub.json["keys"]["p256dh"].as_str().unwrap();
            assert!(!row.auth.contains(auth), "auth is sealed");
            assert!(!row.p256dh.contains(key), "p256dh is sealed");
        }
        let key = app::server::seal::DataKey::new([42; 32]);
        assert!(key.open_text("push_subscription.auth", &row.auth).is_ok());
        assert_eq!(row.device, "Android · Chrome");
    }

    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let id = mark(&app, &tecnica, &local_in_days(1, "14:30")).await;
    let kinds: Vec<String> = push_event::Entity::find()
        .filter(push_event::Column::AppointmentId.eq(id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(kinds.contains(&"lembrete_2h".to_string()), "{kinds:?}");

    make_due(&app, id, "lembrete_2h").await;
    app.start_push_worker(test_worker_config());
    let got = service.wait_for(2, 30).await;
    assert_eq!(service.refused(), Vec::<String>::new());
    assert_eq!(got.len(), 2, "one per device");
    let mut devices: Vec<&str> = got.iter().map(|r| r.device.as_str()).collect();
    devices.sort_unstable();
    assert_eq!(devices, vec![phone.device.as_str(), tablet.device.as_str()]);
    for r in &got {
        let json = r.json();
        assert_eq!(json["title"], "Lembrete");
        assert_eq!(
            json["body"],
            "Você tem um compromisso amanhã às 14h30. Toque para ver."
        );
        assert_eq!(json["url"], format!("/inicio/agenda#compromisso-{id}"));
        assert_eq!(json["tag"], format!("compromisso-{id}"));
        assert_neutral(&r.plaintext);
        assert!(r.ttl > 0 && r.ttl <= 86_400, "TTL {}", r.ttl);
        assert_eq!(r.urgency.as_deref(), Some("high"));
        assert!(r.topic.is_some());
    }
    // Exactly once: nothing more arrives, and the outbox says so.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(service.received().len(), 2);
    let sent = push_delivery::Entity::find()
        .filter(push_delivery::Column::Status.eq("enviada"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(sent, 2);
    let attempts = push_attempt::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(attempts.len(), 2);
    assert!(
        attempts
            .iter()
            .all(|a| a.status_code == Some(201) && a.outcome == "entregue")
    );
}

async fn moving_and_cancelling_replan_and_tell_the_person(mut app: TestApp) {
    let service = PushService::start(&app.state.push.vapid_public_key).await;
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let phone = service.new_device();
    subscribe(&app, &maria, &phone).await;
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let id = mark(&app, &tecnica, &local_in_days(3, "09:00")).await;
    let db = app.db.clone();
    let planned = |status: &'static str| {
        let db = db.clone();
        async move {
            push_event::Entity::find()
                .filter(push_event::Column::AppointmentId.eq(id))
                .filter(push_event::Column::Status.eq(status))
                .all(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(planned("planejado").await.len(), 2, "24 h and 2 h");
    app.start_push_worker(test_worker_config());

    let moved = app
        .post(
            &format!("/equipe/agenda/{id}/remarcar"),
            &[
                ("quando", &local_in_days(4, "15:00")),
                ("local", "Escritório Social, sala 3"),
                ("com_quem", "Carla Mendes"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(moved.status, 303, "{}", moved.body);
    let got = service.wait_for(1, 30).await;
    assert_eq!(got.len(), 1);
    let json = got[0].json();
    assert_eq!(json["title"], "Compromisso mudou");
    let (_, m, d) = app::domain::dates::civil_date(now() + 4 * 86_400);
    assert_eq!(
        json["body"],
        format!("Seu compromisso agora é no dia {d:02}/{m:02} às 15h. Toque para ver.")
    );
    assert_neutral(&got[0].plaintext);
    // The old reminders are dropped and new ones planned for the new time.
    let again = planned("planejado").await;
    assert_eq!(again.len(), 2);
    assert!(again.iter().all(|e| e.sequence == 1));
    assert_eq!(planned("cancelado").await.len(), 2);

    let cancelled = app
        .post(
            &format!("/equipe/agenda/{id}/cancelar"),
            &[],
            Some(&tecnica),
        )
        .await;
    assert_eq!(cancelled.status, 303);
    let got = service.wait_for(2, 30).await;
    assert_eq!(got.len(), 2);
    let json = got[1].json();
    assert_eq!(json["title"], "Compromisso desmarcado");
    assert!(json["body"].as_str().unwrap().contains("foi desmarcado"));
    assert_eq!(
        planned("planejado").await.len(),
        0,
        "no reminder for a cancelled meeting"
    );
    assert_eq!(service.refused(), Vec::<String>::new());
}

async fn a_gone_device_is_removed_and_a_server_error_retries_once(mut app: TestApp) {
    let service = PushService::start(&app.state.push.vapid_public_key).await;
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let old = service.new_device();
    let flaky = service.new_device();
    subscribe(&app, &maria, &old).await;
    subscribe(&app, &maria, &flaky).await;
    service.answer_next(&old.device, &[410]);
    service.answer_next(&flaky.device, &[500]);
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let id = mark(&app, &tecnica, &local_in_days(1, "10:00")).await;
    make_due(&app, id, "lembrete_2h").await;
    app.start_push_worker(test_worker_config());

    let got = service.wait_for(1, 30).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].device, flaky.device);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(
        service.answers_to(&flaky.device),
        vec![500, 201],
        "retried once, delivered once"
    );
    assert_eq!(
        service.answers_to(&old.device),
        vec![410],
        "never tried again"
    );
    assert_eq!(service.received().len(), 1);
    // 410: the device is gone from "Meus dispositivos".
    let left = push_subscription::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(left.len(), 1);
    assert!(left[0].endpoint.ends_with(&flaky.device));
    // Every attempt is recorded.
    let outcomes: Vec<(Option<i32>, String)> = push_attempt::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.status_code, a.outcome))
        .collect();
    for expected in [
        (Some(410), "removida"),
        (Some(500), "nova_tentativa"),
        (Some(201), "entregue"),
    ] {
        assert!(
            outcomes.contains(&(expected.0, expected.1.to_string())),
            "{outcomes:?}"
        );
    }
    assert_eq!(outcomes.len(), 3);
}

async fn devices_are_listed_and_removed_by_their_owner_only(app: TestApp) {
    let service = PushService::start(&app.state.push.vapid_public_key).await;
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let phone = service.new_device();
    subscribe(&app, &maria, &phone).await;
    let page = app.get("/conta/dispositivos", Some(&maria)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Android · Chrome"));
    assert!(page.body.contains("Ainda não recebeu avisos."));
    let id = push_subscription::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .expect("stored")
        .id;

    // The agenda offers the switch (no prompt on load: the script waits for two taps).
    let agenda = app.get("/inicio/agenda", Some(&maria)).await;
    assert!(agenda.body.contains("data-avisos"));
    assert!(agenda.body.contains("/avisos.js"));
    assert!(agenda.body.contains("Adicionar à Tela de Início"));

    // Staff may subscribe too; someone else's device is "not found" to them.
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let staff_page = app.get("/conta/dispositivos", Some(&tecnica)).await;
    assert_eq!(staff_page.status, 200);
    assert!(staff_page.body.contains("encaminhamento"));
    assert!(!staff_page.body.contains("Android · Chrome"));
    let steal = app
        .post(
            &format!("/conta/dispositivos/{id}/remover"),
            &[],
            Some(&tecnica),
        )
        .await;
    assert_eq!(steal.status, 404);
    // A company has no notices to receive.
    let (rh, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    assert_eq!(app.get("/conta/dispositivos", Some(&rh)).await.status, 403);
    assert_eq!(
        app.post_json("/conta/dispositivos", &phone.json, &rh, ANDROID)
            .await
            .status,
        403
    );

    let removed = app
        .post(
            &format!("/conta/dispositivos/{id}/remover"),
            &[],
            Some(&maria),
        )
        .await;
    assert_eq!(removed.location(), Some("/conta/dispositivos?removido=1"));
    assert_eq!(
        push_subscription::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let page = app
        .get("/conta/dispositivos?removido=1", Some(&maria))
        .await;
    assert!(page.body.contains("Aparelho removido"));
    assert!(page.body.contains("Nenhum aparelho recebe avisos."));
}

async fn referral_and_candidacy_news_reach_the_person_and_the_caseworker(mut app: TestApp) {
    let service = PushService::start(&app.state.push.vapid_public_key).await;
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let maria_phone = service.new_device();
    let carla_phone = service.new_device();
    subscribe(&app, &maria, &maria_phone).await;
    subscribe(&app, &tecnica, &carla_phone).await;
    app.start_push_worker(test_worker_config());

    // Carla refers Maria; the partner accepts: Maria and Carla hear of it.
    let sent = app
        .post(
            "/equipe/encaminhamentos/novo",
            &[
                ("pessoa", "1"),
                ("servico", "11"),
                ("demanda", "Quer retomar contato com a filha."),
                ("compartilhar", "1"),
                ("consentimento", "1"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let (partner, _) = app.login("parceiro@exemplo.org", DEMO_PASSWORD).await;
    let accepted = app
        .post(
            "/parceiro/encaminhamentos/1",
            &[("situacao", "aceito")],
            Some(&partner),
        )
        .await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    let got = service.wait_for(2, 30).await;
    assert_eq!(got.len(), 2);
    let to_maria = &service.received_by(&maria_phone.device)[0];
    assert_eq!(
        to_maria.json()["body"],
        "Há uma novidade em um pedido seu. Toque para ver."
    );
    assert_eq!(to_maria.json()["url"], "/inicio/encaminhamentos");
    let to_carla = &service.received_by(&carla_phone.device)[0];
    assert_eq!(to_carla.json()["url"], "/equipe/encaminhamentos/1");
    for r in &got {
        assert_neutral(&r.plaintext);
    }

    // Maria applies; the company moves her candidacy: Maria hears of it (neutral words).
    esv_tests::maria_applies(&app).await;
    let (rh, _) = app.login("rh@exemplo.org", DEMO_PASSWORD).await;
    let moved = app
        .post("/empresa/candidaturas/1/em_analise", &[], Some(&rh))
        .await;
    assert_eq!(moved.status, 303);
    // Carla, Maria's caseworker of reference (demo data), hears of it too.
    let got = service.wait_for(4, 30).await;
    let carla_news = service.received_by(&carla_phone.device);
    assert_eq!(carla_news.len(), 2, "{got:?}");
    assert_eq!(
        carla_news[1].json()["body"],
        "Uma candidatura mudou. Toque para ver."
    );
    let news = service.received_by(&maria_phone.device);
    assert_eq!(news.len(), 2, "{got:?}");
    assert_eq!(
        news[1].json()["body"],
        "Há uma novidade sobre uma vaga. Toque para ver."
    );
    assert_eq!(news[1].json()["url"], "/inicio/candidaturas");
    assert_neutral(&news[1].plaintext);
    assert_eq!(service.refused(), Vec::<String>::new());
}

async fn a_message_the_push_service_refuses_is_not_retried(mut app: TestApp) {
    // This push service expects another server's VAPID key: it refuses (400) what we sign.
    let other_key = server::push::Sender::new(
        "AQ9Ur0ykXoHS9gzfYX0aBjy9lvdrjx_PFUXmie9YRcY",
        "mailto:x@y.z",
        app::domain::devices::PushEndpoints::known(true),
    )
    .expect("key")
    .public_key()
    .to_string();
    let service = PushService::start(&other_key).await;
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let phone = service.new_device();
    subscribe(&app, &maria, &phone).await;
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let id = mark(&app, &tecnica, &local_in_days(1, "10:00")).await;
    make_due(&app, id, "lembrete_2h").await;
    app.start_push_worker(test_worker_config());
    for _ in 0..100 {
        if !service.refused().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let refused = service.refused();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(refused[0].contains("VAPID public key"), "{refused:?}");
    assert!(service.received().is_empty());
    let row = push_delivery::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .expect("delivery");
    assert_eq!(row.status, "falhou");
    assert_eq!(row.attempts, 1);
}
