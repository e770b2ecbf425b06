//! Calendars: each appointment downloads as `.ics`, and the person's private calendar address
//! serves them all, revocably. Both parse with the `icalendar` crate and carry UID, DTSTAMP,
//! DTSTART in America/Sao_Paulo, SEQUENCE (raised on each change), STATUS:CANCELLED when
//! cancelled, and a VALARM.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, local_in_days, on_both_databases};
use icalendar::parser::{Component, read_calendar, unfold};

on_both_databases!(
    an_appointment_downloads_as_a_valid_calendar_file,
    the_private_calendar_address_serves_and_is_revocable,
);

/// `2026-12-03T14:30` → `20261203T143000`
fn ics_local(local: &str) -> String {
    format!("{}00", local.replace(['-', ':'], ""))
}

fn prop(c: &Component<'_>, name: &str) -> String {
    c.find_prop(name)
        .map(|p| p.val.as_str().to_string())
        .unwrap_or_else(|| panic!("{name} missing"))
}

/// Parses and returns (VEVENTs as owned property lists), checking the calendar's frame.
/// A property as parsed: name, value, parameters.
type Prop = (String, String, Vec<(String, String)>);

fn events(text: &str) -> Vec<Vec<Prop>> {
    let unfolded = unfold(text);
    let cal = read_calendar(&unfolded).expect("valid iCalendar");
    assert!(
        cal.properties
            .iter()
            .any(|p| p.name == "VERSION" && p.val == "2.0")
    );
    assert!(
        cal.components
            .iter()
            .any(|c| c.name == "VTIMEZONE" && prop(c, "TZID") == "America/Sao_Paulo")
    );
    cal.components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|e| {
            let mut props: Vec<_> = e
                .properties
                .iter()
                .map(|p| {
                    (
                        p.name.as_str().to_string(),
                        p.val.as_str().to_string(),
                        p.params
                            .iter()
                            .map(|k| {
                                (
                                    k.key.as_str().to_string(),
                                    k.val
                                        .as_ref()
                                        .map(|v| v.as_str().to_string())
                                        .unwrap_or_default(),
                                )
                            })
                            .collect(),
                    )
                })
                .collect();
            for alarm in e.components.iter().filter(|c| c.name == "VALARM") {
                props.push(("VALARM".into(), prop(alarm, "TRIGGER"), Vec::new()));
            }
            props
        })
        .collect()
}

fn get<'a>(event: &'a [Prop], name: &str) -> Option<&'a Prop> {
    event.iter().find(|(n, _, _)| n == name)
}

fn value(event: &[Prop], name: &str) -> String {
    get(event, name)
        .map(|(_, v, _)| v.clone())
        .unwrap_or_else(|| panic!("{name} missing in {event:?}"))
}

async fn mark(app: &TestApp, tecnica: &str, when: &str) -> i32 {
    esv_tests::mark_appointment(app, tecnica, when, "Rua das Flores, 10; sala 2").await
}

async fn an_appointment_downloads_as_a_valid_calendar_file(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let when = local_in_days(2, "14:30");
    let id = mark(&app, &tecnica, &when).await;

    let agenda = app.get("/inicio/agenda", Some(&maria)).await;
    assert!(agenda.body.contains(&format!("/inicio/agenda/{id}.ics")));

    let file = app
        .get(&format!("/inicio/agenda/{id}.ics"), Some(&maria))
        .await;
    assert_eq!(file.status, 200);
    let ctype = file.headers.get("content-type").unwrap().to_str().unwrap();
    assert!(ctype.starts_with("text/calendar"), "{ctype}");
    let disposition = file
        .headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(disposition.contains(&format!("compromisso-{id}.ics")));
    let host = app.origin.trim_start_matches("http://");
    let ev = &events(&file.body)[0];
    assert_eq!(value(ev, "UID"), format!("compromisso-{id}@{host}"));
    let stamp = value(ev, "DTSTAMP");
    assert!(stamp.len() == 16 && stamp.ends_with('Z'), "{stamp}");
    let (_, start, params) = get(ev, "DTSTART").expect("DTSTART");
    assert_eq!(start, &ics_local(&when));
    assert_eq!(
        params,
        &vec![("TZID".to_string(), "America/Sao_Paulo".to_string())]
    );
    assert_eq!(value(ev, "SEQUENCE"), "0");
    assert_eq!(value(ev, "STATUS"), "CONFIRMED");
    assert_eq!(value(ev, "SUMMARY"), "Compromisso");
    // Escaped on the wire (RFC 5545 §3.3.11), read back as typed.
    assert!(
        file.body
            .contains("LOCATION:Rua das Flores\\, 10\\; sala 2\r\n")
    );
    assert_eq!(value(ev, "LOCATION"), "Rua das Flores, 10; sala 2");
    assert_eq!(value(ev, "VALARM"), "-PT2H");

    // Moved: same UID, higher SEQUENCE, new start.
    let later = local_in_days(3, "09:00");
    let moved = app
        .post(
            &format!("/equipe/agenda/{id}/remarcar"),
            &[
                ("quando", &later),
                ("local", "Rua das Flores, 10"),
                ("com_quem", "Carla Mendes"),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(moved.status, 303);
    let file = app
        .get(&format!("/inicio/agenda/{id}.ics"), Some(&maria))
        .await;
    let ev = &events(&file.body)[0];
    assert_eq!(value(ev, "UID"), format!("compromisso-{id}@{host}"));
    assert_eq!(value(ev, "SEQUENCE"), "1");
    assert_eq!(get(ev, "DTSTART").unwrap().1, ics_local(&later));

    // Cancelled: STATUS:CANCELLED, SEQUENCE up again, no alarm.
    app.post(
        &format!("/equipe/agenda/{id}/cancelar"),
        &[],
        Some(&tecnica),
    )
    .await;
    let file = app
        .get(&format!("/inicio/agenda/{id}.ics"), Some(&maria))
        .await;
    let ev = &events(&file.body)[0];
    assert_eq!(value(ev, "STATUS"), "CANCELLED");
    assert_eq!(value(ev, "SEQUENCE"), "2");
    assert!(get(ev, "VALARM").is_none());

    // Only the person's own: staff and anonymous get nothing; another id is not found.
    assert_eq!(
        app.get(&format!("/inicio/agenda/{id}.ics"), Some(&tecnica))
            .await
            .status,
        403
    );
    assert_eq!(
        app.get(&format!("/inicio/agenda/{id}.ics"), None)
            .await
            .status,
        303
    );
    assert_eq!(
        app.get("/inicio/agenda/999.ics", Some(&maria)).await.status,
        404
    );
}

async fn the_private_calendar_address_serves_and_is_revocable(app: TestApp) {
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let (maria, _) = app.login(DEMO_EGRESSO_CPF, DEMO_PASSWORD).await;
    let first = mark(&app, &tecnica, &local_in_days(2, "10:00")).await;
    let second = mark(&app, &tecnica, &local_in_days(5, "16:00")).await;

    let agenda = app.get("/inicio/agenda", Some(&maria)).await;
    assert!(agenda.body.contains("Criar endereço do calendário"));
    let made = app
        .post("/inicio/agenda/calendario", &[], Some(&maria))
        .await;
    assert_eq!(made.status, 303);
    let agenda = app
        .get("/inicio/agenda?calendario=criado", Some(&maria))
        .await;
    assert!(agenda.body.contains("Endereço do calendário pronto"));
    let prefix = format!("{}/agenda/", app.origin);
    let start = agenda.body.find(&prefix).expect("the address is shown") + app.origin.len();
    let end = start + agenda.body[start..].find(".ics").expect(".ics") + 4;
    let path = agenda.body[start..end].to_string();
    assert!(
        agenda
            .body
            .contains(&format!("webcal://{}", &prefix["http://".len()..]))
    );

    // A calendar app polls it without a session.
    let feed = app.get(&path, None).await;
    assert_eq!(feed.status, 200);
    assert_eq!(
        feed.headers.get("cache-control").unwrap(),
        "private, no-store"
    );
    let evs = events(&feed.body);
    let uids: Vec<String> = evs.iter().map(|e| value(e, "UID")).collect();
    let host = app.origin.trim_start_matches("http://");
    assert_eq!(
        uids,
        vec![
            format!("compromisso-{first}@{host}"),
            format!("compromisso-{second}@{host}")
        ]
    );
    assert!(!feed.body.contains("Carla"), "no names in the calendar");

    // A guessed address is not found.
    assert_eq!(
        app.get(&format!("/agenda/{}.ics", "A".repeat(43)), None)
            .await
            .status,
        404
    );

    // Renewing makes a new address; the old one stops working.
    app.post("/inicio/agenda/calendario", &[], Some(&maria))
        .await;
    assert_eq!(app.get(&path, None).await.status, 404);
    let agenda = app.get("/inicio/agenda", Some(&maria)).await;
    let start = agenda.body.find(&prefix).expect("new address") + app.origin.len();
    let end = start + agenda.body[start..].find(".ics").expect(".ics") + 4;
    let renewed = agenda.body[start..end].to_string();
    assert_ne!(renewed, path);
    assert_eq!(app.get(&renewed, None).await.status, 200);

    // Turning it off: 404 from then on.
    let off = app
        .post("/inicio/agenda/calendario/desligar", &[], Some(&maria))
        .await;
    assert_eq!(off.status, 303);
    assert_eq!(app.get(&renewed, None).await.status, 404);
    let agenda = app
        .get("/inicio/agenda?calendario=desligado", Some(&maria))
        .await;
    assert!(agenda.body.contains("Endereço do calendário desligado"));
    assert!(agenda.body.contains("Criar endereço do calendário"));
}
