//! Operations: health, headers, compression, error pages.

use esv_tests::{TestApp, on_both_databases};

on_both_databases!(
    health_checks_the_database,
    pages_carry_security_headers_and_are_compressed,
    only_pages_with_islands_load_the_wasm,
    kept_public_pages_still_get_a_fresh_nonce,
);

async fn health_checks_the_database(app: TestApp) {
    let page = app.get("/health", None).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body, "ok");
    app.db.clone().close().await.unwrap();
    let down = app.get("/health", None).await;
    assert_eq!(down.status, 503);
}

async fn pages_carry_security_headers_and_are_compressed(app: TestApp) {
    let res = app
        .client
        .get(app.url("/entrar"))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    let h = res.headers();
    let csp = h
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("frame-ancestors 'none'")
            && csp.contains("'nonce-")
            && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(h.get("referrer-policy").unwrap(), "same-origin");
    assert_eq!(h.get("cache-control").unwrap(), "no-store");
    assert_eq!(h.get("content-encoding").unwrap(), "br");
    assert!(h.get("x-request-id").is_some());
    // The nonce in the header is the one on the page's scripts.
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_string();
    let plain = app.get("/entrar", None).await;
    let plain_nonce = plain
        .body
        .split("nonce=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert_ne!(nonce, plain_nonce, "a fresh nonce per response");
    // A body over the limit is refused with a pt-BR page, before any handler runs.
    let big = "x".repeat(100 * 1024);
    let res = app
        .client
        .post(app.url("/entrar"))
        .header("origin", app.origin.clone())
        .form(&[("identificador", big.as_str()), ("senha", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("O envio é grande demais")
    );
}

async fn only_pages_with_islands_load_the_wasm(app: TestApp) {
    // The login page has the password island: it links the hydration script and WASM.
    let login = app.get("/entrar", None).await;
    assert!(login.body.contains("<leptos-island"));
    assert!(login.body.contains(r#"rel="modulepreload""#));
    // A home without islands ships no script but the service-worker registration.
    let (cookie, home) = app
        .login("tecnica@exemplo.org", esv_tests::DEMO_PASSWORD)
        .await;
    let page = app.get(&home, Some(&cookie)).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<leptos-island"));
    assert!(
        !page.body.contains("modulepreload") && !page.body.contains(".wasm"),
        "{}",
        page.body
    );
    assert_eq!(page.body.matches("<script").count(), 1);
    assert!(page.body.contains(r#"src="/pwa.js""#));
}

/// `/vagas` for anonymous visitors is kept in memory for a few seconds (`render::shared_page`);
/// each response must still carry its own nonce, the same in the header and on the scripts.
async fn kept_public_pages_still_get_a_fresh_nonce(app: TestApp) {
    let mut seen = Vec::new();
    for _ in 0..2 {
        let page = app.get("/vagas?q=pedreiro", None).await;
        assert_eq!(page.status, 200);
        let csp = page.headers["content-security-policy"].to_str().unwrap();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap();
        let on_page: Vec<&str> = page
            .body
            .split("nonce=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap())
            .collect();
        assert!(!on_page.is_empty());
        assert!(
            on_page.iter().all(|n| *n == nonce),
            "{on_page:?} vs {nonce}"
        );
        seen.push((nonce.to_string(), page.body.replace(nonce, "N")));
    }
    assert_ne!(seen[0].0, seen[1].0, "a fresh nonce per response");
    assert_eq!(seen[0].1, seen[1].1, "the same page otherwise");
}
