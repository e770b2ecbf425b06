//! Renders a page to a complete HTML document: `<html lang="pt-BR">`, the hashed stylesheet,
//! the islands' hydration script with a fresh CSP nonce, and the security headers that depend
//! on that nonce. Pages are never cached (they can hold personal data on a shared phone).

use super::cache::TtlCache;
use super::state::AppState;
use crate::components::{PageFrame, Viewer};
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use leptos::hydration::HydrationScripts;
use leptos::nonce::Nonce;
use leptos::prelude::*;
use std::hash::Hash;
use std::sync::Arc;

/// Lets the service worker keep this page for offline reading (`pwa/sw.js`). Only for pages
/// with nothing personal on them: public content seen without logging in.
pub fn mark_public_offline(response: &mut Response) {
    response.headers_mut().insert(
        http::HeaderName::from_static("x-esv-offline"),
        HeaderValue::from_static("public"),
    );
}

/// Marks a response as a finished page, so the error-page middleware leaves it alone.
#[derive(Clone, Copy, Debug)]
pub struct RenderedPage;

pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'strict-dynamic' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; \
         manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

pub fn new_nonce() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 18];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Renders `body` inside the page frame (menu for `viewer`) with the given status.
pub fn page<F, V>(
    state: &AppState,
    status: StatusCode,
    title: &str,
    viewer: Option<Viewer>,
    body: F,
) -> Response
where
    F: FnOnce() -> V + Send + 'static,
    V: IntoView + 'static,
{
    let nonce = new_nonce();
    let html = document(state, title, viewer, &nonce, body);
    respond(status, html, &nonce)
}

/// An anonymous page many people ask for at once (a public search): rendered once with a
/// per-process secret placeholder where the nonce goes, kept for a few seconds, and sent with
/// a fresh nonce in the placeholder's place, so every response still has its own nonce.
pub fn shared_page<K, F, V>(
    state: &AppState,
    cache: &TtlCache<K, String>,
    key: K,
    title: &str,
    body: F,
) -> Response
where
    K: Hash + Eq + Clone,
    F: FnOnce() -> V + Send + 'static,
    V: IntoView + 'static,
{
    let placeholder = &state.public.nonce_placeholder;
    let html = cache.insert(key, document(state, title, None, placeholder, body));
    with_fresh_nonce(state, &html)
}

/// The kept copy of a shared page, if there is one (see `shared_page`).
pub fn shared_copy<K: Hash + Eq + Clone>(
    state: &AppState,
    cache: &TtlCache<K, String>,
    key: &K,
) -> Option<Response> {
    cache.get(key).map(|html| with_fresh_nonce(state, &html))
}

fn with_fresh_nonce(state: &AppState, html: &str) -> Response {
    let nonce = new_nonce();
    let html = html.replace(state.public.nonce_placeholder.as_str(), &nonce);
    respond(StatusCode::OK, html, &nonce)
}

fn document<F, V>(
    state: &AppState,
    title: &str,
    viewer: Option<Viewer>,
    nonce: &str,
    body: F,
) -> String
where
    F: FnOnce() -> V + Send + 'static,
    V: IntoView + 'static,
{
    let nonce = nonce.to_string();
    let site = state.site.clone();
    let title = format!("{title} · Escritório Social Virtual");
    let owner = Owner::new_root(Some(Arc::new(hydration_context::SsrSharedContext::new())));
    let html = owner.with(|| {
        provide_context(Nonce::from_value(nonce.clone()));
        // Islands mode: only islands carry hydration markers (HydrationScripts does the same).
        if let Some(shared) = Owner::current_shared_context() {
            shared.set_is_hydrating(false);
        }
        // The body first: a page without islands gets no WASM and no hydration script at all.
        let body_html = view! { <PageFrame viewer=viewer>{body()}</PageFrame> }.to_html();
        let has_islands = body_html.contains("<leptos-island");
        let has_read_aloud = body_html.contains("data-ouvir");
        let read_aloud_nonce = nonce.clone();
        let has_push_switch = body_html.contains("data-avisos");
        let push_nonce = nonce.clone();
        let options = site.leptos.clone();
        let css = site.css_href.clone();
        let nonce_attr = nonce.clone();
        let head_html = view! {
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>{title}</title>
            <meta name="theme-color" content="#1d4f6e"/>
            <meta name="description" content="Escritório Social Virtual: atendimento, trabalho e serviços."/>
            <link rel="manifest" href="/manifest.webmanifest"/>
            <link rel="icon" href="/icons/icon-192.png" type="image/png"/>
            <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
            <link rel="stylesheet" href=css/>
            {has_islands.then(|| view! { <HydrationScripts options=options islands=true/> })}
            <script type="module" nonce=nonce_attr src="/pwa.js"></script>
            {has_read_aloud.then(|| view! { <script type="module" nonce=read_aloud_nonce src="/ouvir.js"></script> })}
            {has_push_switch.then(|| view! { <script type="module" nonce=push_nonce src="/avisos.js"></script> })}
        }
        .to_html();
        format!(r#"<!DOCTYPE html><html lang="pt-BR"><head>{head_html}</head><body>{body_html}</body></html>"#)
    });
    drop(owner);
    html
}

fn respond(status: StatusCode, html: String, nonce: &str) -> Response {
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    response.extensions_mut().insert(RenderedPage);
    response
}
