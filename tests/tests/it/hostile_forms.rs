//! Hostile input (issue 15, point 5): every form each role can reach — found by following
//! links from the role's home, as a person would — is posted with fields missing, oversized,
//! in broken UTF-8, duplicated, and with control and markup characters. No answer may be a
//! server error, and a refused post (4xx) must leave the database as it was.

use esv_tests::{DEMO_EGRESSO_CPF, DEMO_PASSWORD, TestApp, on_both_databases};
use std::collections::{BTreeSet, HashSet};

on_both_databases!(every_form_refuses_hostile_input_without_a_server_error);

/// Tables that change on requests that change nothing else: the access log (access to case
/// files is logged, refused or not), sessions' last use, and the rate limit counters.
const BOOKKEEPING: [&str; 3] = ["audit_log", "session", "rate_counter"];

/// A form as found on a page: where it posts and the names of its fields.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Form {
    action: String,
    fields: BTreeSet<String>,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].replace("&amp;", "&"))
}

/// The POST forms of a page and its same-site links.
fn read_page(path: &str, body: &str) -> (Vec<Form>, Vec<String>) {
    let mut forms = Vec::new();
    for chunk in body.split("<form").skip(1) {
        let Some(tag_end) = chunk.find('>') else {
            continue;
        };
        let tag = &chunk[..tag_end];
        if attribute(tag, "method").as_deref() != Some("post") {
            continue;
        }
        let action = attribute(tag, "action").unwrap_or_else(|| path.to_string());
        let inner = &chunk[..chunk.find("</form>").unwrap_or(chunk.len())];
        let fields = inner
            .split(" name=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(String::from)
            .collect();
        forms.push(Form { action, fields });
    }
    let links = body
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .filter(|h| {
            h.starts_with('/')
                && !h.starts_with("//")
                && !h.starts_with("/pkg/")
                && !h.starts_with("/icons/")
                && !h.starts_with("/api/")
                && !h.ends_with(".ics")
                && !h.ends_with("/csv")
                && !h.ends_with(".json")
                && !h.ends_with(".zip")
                && h != "/manifest.webmanifest"
        })
        .collect();
    (forms, links)
}

/// Every POST form reachable from `start` by links, at most `limit` pages.
async fn forms_of(app: &TestApp, session: Option<&str>, start: &[&str], limit: usize) -> Vec<Form> {
    let mut queue: std::collections::VecDeque<String> =
        start.iter().map(|s| s.to_string()).collect();
    let mut seen = HashSet::new();
    let mut forms = BTreeSet::new();
    // Pages of one handler (`/equipe/pessoas/12`, `/vagas?q=…`) differ only in their data:
    // two of each are enough, so the crawl goes wide (every kind of page) instead of deep.
    let mut per_handler = std::collections::HashMap::<String, u32>::new();
    while let Some(path) = queue.pop_front() {
        if seen.len() >= limit || seen.contains(&path) {
            continue;
        }
        let kind = handler(path.split('?').next().unwrap_or_default());
        let visits = per_handler.entry(kind).or_default();
        if *visits >= 2 {
            continue;
        }
        *visits += 1;
        seen.insert(path.clone());
        let page = app.get(&path, session).await;
        assert!(page.status < 500, "GET {path}: {}", page.status);
        let (found, links) = read_page(&path, &page.body);
        forms.extend(found);
        queue.extend(links);
    }
    // One form per handler: `/empresa/vagas/12/pausar` and `/empresa/vagas/13/pausar` are the
    // same code with the same fields.
    let mut handlers = HashSet::new();
    forms
        .into_iter()
        // Logging out is not input handling, and would end the crawl's session.
        .filter(|f| !f.action.starts_with("/sair"))
        .filter(|f| handlers.insert((handler(&f.action), f.fields.clone())))
        .collect()
}

/// A form's action with its numbers taken out: the handler it reaches.
fn handler(action: &str) -> String {
    action
        .split(['/', '?', '&', '='])
        .map(|part| {
            if part.chars().all(|c| c.is_ascii_digit()) {
                "N"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Percent-encodes for a form body, keeping `%XX` sequences given on purpose as they are.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The hostile bodies for one form, named.
fn hostile_bodies(form: &Form) -> Vec<(&'static str, String)> {
    let all = |value: &str| {
        form.fields
            .iter()
            .map(|f| format!("{}={value}", encode(f)))
            .collect::<Vec<_>>()
            .join("&")
    };
    let big = "A".repeat(20_000);
    vec![
        ("missing fields", String::new()),
        ("oversized", all(&big)),
        // Invalid UTF-8 once decoded: a lone continuation byte and an overlong sequence.
        ("broken UTF-8", all("%FF%FE%C0%AF")),
        (
            "duplicated",
            format!("{}&{}", all("1"), all(&encode("outro valor"))),
        ),
        (
            "control and markup",
            all(&encode(
                "\u{0}\u{1b}'; DROP TABLE person; --<script>alert(1)</script>\r\n",
            )),
        ),
        ("huge number", all("99999999999999999999999999999")),
        ("negative", all("-1")),
    ]
}

async fn every_form_refuses_hostile_input_without_a_server_error(app: TestApp) {
    // A job whose 30-day conversation is due, so the person's answer form
    // (`/inicio/trabalho/{check}`) is on her pages like every other form.
    let (tecnica, _) = app.login("tecnica@exemplo.org", DEMO_PASSWORD).await;
    let start = esv_tests::iso_in_days(-28);
    let hired = app
        .post(
            "/equipe/pessoas/1/emprego",
            &[
                ("empresa", "Padaria Pão Quente"),
                ("funcao", "Padeira"),
                ("inicio", &start),
            ],
            Some(&tecnica),
        )
        .await;
    assert_eq!(hired.status, 303, "{}", hired.body);
    let mut roles: Vec<(&str, Option<String>, Vec<&str>)> = vec![(
        "visitante",
        None,
        vec![
            "/",
            "/entrar",
            "/vagas",
            "/servicos",
            "/cursos",
            "/definir-senha",
        ],
    )];
    for (who, home) in [
        (DEMO_EGRESSO_CPF, "/inicio"),
        ("tecnica@exemplo.org", "/equipe"),
        ("coordenacao@exemplo.org", "/equipe"),
        ("rh@exemplo.org", "/empresa"),
        ("parceiro@exemplo.org", "/parceiro"),
        ("admin@exemplo.org", "/admin"),
    ] {
        let (session, _) = app.login(who, DEMO_PASSWORD).await;
        roles.push((who, Some(session), vec![home]));
    }
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let (mut posts, mut refused, mut forms_seen) = (0, 0, 0);
    for (role, session, start) in &roles {
        let started = std::time::Instant::now();
        let forms = forms_of(&app, session.as_deref(), start, 150).await;
        assert!(!forms.is_empty(), "{role}: no form found");
        forms_seen += forms.len();
        if *role == DEMO_EGRESSO_CPF {
            assert!(
                forms
                    .iter()
                    .any(|f| f.action.starts_with("/inicio/trabalho/")),
                "the check-in answer form was not reached: {forms:?}"
            );
        }
        // The database as it is now; read again after a post that was accepted.
        let mut before = esv_tests::table_contents(&app.db, &BOOKKEEPING).await;
        for form in &forms {
            for (kind, body) in hostile_bodies(form) {
                let mut req = client
                    .post(app.url(&form.action))
                    .header("origin", &app.origin)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body);
                if let Some(s) = session {
                    req = req.header("cookie", format!("esv_sessao={s}"));
                }
                let answer = req.send().await.expect("the server answers");
                let status = answer.status().as_u16();
                let text = answer.text().await.unwrap_or_default();
                posts += 1;
                assert!(
                    status < 500,
                    "{role}: POST {} ({kind}) answered {status}: {}",
                    form.action,
                    text.chars().take(300).collect::<String>()
                );
                let after = esv_tests::table_contents(&app.db, &BOOKKEEPING).await;
                if (400..500).contains(&status) {
                    refused += 1;
                    for (table, rows) in &before {
                        assert!(
                            after.get(table) == Some(rows),
                            "{role}: POST {} ({kind}) was refused ({status}) but changed {table}",
                            form.action
                        );
                    }
                }
                before = after;
            }
        }
        eprintln!(
            "hostile forms: {role}: {} forms in {:.1} s",
            forms.len(),
            started.elapsed().as_secs_f64()
        );
    }
    eprintln!(
        "hostile forms: {} roles, {forms_seen} forms, {posts} hostile posts, {refused} refused with nothing changed, 0 server errors",
        roles.len()
    );
}
