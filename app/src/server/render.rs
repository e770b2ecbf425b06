//! Pages go out through `leptos_axum`, the stack's axum integration.
//!
//! A handler does the request's work (actor, form, services) and answers with `page(...)`: a
//! response that carries the page still to be drawn (`PendingPage`). The `render_pages` layer
//! (server/src/middleware.rs) hands it to `leptos_axum::handle_response_inner` (the function
//! behind `render_app_async_with_context`) with the request's parts, so every page gets leptos_axum's contexts: a fresh CSP nonce per response
//! (`leptos::nonce`, put on every script tag by Leptos), `ResponseOptions`, `RequestUrl`,
//! `Parts`. The document below sets the status code and the headers from inside the view,
//! through `ResponseOptions`: the status the handler chose, `no-store` (pages can hold personal
//! data on a shared phone), the CSP with the same nonce, and the offline marker on public pages.
//!
//! Why handlers stay axum handlers and not Leptos routes: see docs/ARCHITECTURE.md.

use super::cache::TtlCache;
use super::state::{AppState, Site};
use crate::components::{PageFrame, Viewer};
use axum::body::Body;
use axum::response::Response;
use futures::{Stream, StreamExt, stream};
use http::{HeaderValue, Request, StatusCode, header, request::Parts};
use leptos::hydration::HydrationScripts;
use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use std::future::Future;
use std::hash::Hash;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

/// Lets the service worker keep this page for offline reading (`pwa/sw.js`). Only for pages
/// with nothing personal on them: public content seen without logging in.
/// The marker header is set by `document`, through `ResponseOptions`.
pub fn mark_public_offline(response: &mut Response) {
    if let Some(pending) = response.extensions().get::<PendingPage>() {
        pending.update(|page| page.public_offline = true);
    }
}

const OFFLINE_HEADER: http::HeaderName = http::HeaderName::from_static("x-esv-offline");

/// Marks a response that is finished as it is (a drawn page, a JSON answer for a script), so the
/// error-page layer leaves it alone.
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

/// A page a handler answered with, drawn by the `render_pages` layer (see `finish`).
#[derive(Clone)]
pub struct PendingPage(Arc<Mutex<Option<Page>>>);

struct Page {
    status: StatusCode,
    title: String,
    site: Arc<Site>,
    body: PageBody,
    public_offline: bool,
}

enum PageBody {
    /// The page's view, drawn inside the page frame for `viewer`.
    View {
        viewer: Option<Viewer>,
        view: Box<dyn FnOnce() -> AnyView + Send>,
        /// Called with the drawn frame and body (a shared page keeps it).
        keep: Option<Box<dyn FnOnce(String) + Send>>,
    },
    /// A frame and body drawn before, for a visitor who sees the same thing.
    Kept(Arc<String>),
}

impl PendingPage {
    fn answer(page: Page) -> Response {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = page.status;
        response
            .extensions_mut()
            .insert(PendingPage(Arc::new(Mutex::new(Some(page)))));
        response
    }

    fn update(&self, change: impl FnOnce(&mut Page)) {
        if let Ok(mut slot) = self.0.lock()
            && let Some(page) = slot.as_mut()
        {
            change(page);
        }
    }

    fn take(&self) -> Option<Page> {
        self.0.lock().ok().and_then(|mut slot| slot.take())
    }
}

/// Answers with `body` inside the page frame (menu for `viewer`) and the given status.
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
    let viewer = viewer.map(|mut v| {
        if v.role == crate::domain::Role::Egresso {
            v.queue_mark = Some(super::offline::owner_mark(state, v.user_id));
        }
        v
    });
    PendingPage::answer(Page {
        status,
        title: title.to_string(),
        site: state.site.clone(),
        body: PageBody::View {
            viewer,
            view: Box::new(move || body().into_any()),
            keep: None,
        },
        public_offline: false,
    })
}

/// An anonymous page many people ask for at once (a public search): its frame and body are
/// drawn once and kept in `cache` for a few seconds; each response still goes through
/// leptos_axum with its own nonce (nothing in the kept part carries one).
pub fn shared_page<K, F, V>(
    state: &AppState,
    cache: &Arc<TtlCache<K, String>>,
    key: K,
    title: &str,
    body: F,
) -> Response
where
    K: Hash + Eq + Clone + Send + Sync + 'static,
    F: FnOnce() -> V + Send + 'static,
    V: IntoView + 'static,
{
    let cache = Arc::clone(cache);
    PendingPage::answer(Page {
        status: StatusCode::OK,
        title: title.to_string(),
        site: state.site.clone(),
        body: PageBody::View {
            viewer: None,
            view: Box::new(move || body().into_any()),
            // With the cache off (benchmarks of the uncached path) nothing is copied for it.
            keep: cache.keeps().then(|| {
                Box::new(move |html: String| {
                    cache.insert(key, html);
                }) as Box<dyn FnOnce(String) + Send>
            }),
        },
        public_offline: false,
    })
}

/// The kept copy of a shared page, if there is one (see `shared_page`).
pub fn shared_copy<K: Hash + Eq + Clone>(
    state: &AppState,
    cache: &TtlCache<K, String>,
    key: &K,
    title: &str,
) -> Option<Response> {
    cache.get(key).map(|html| {
        PendingPage::answer(Page {
            status: StatusCode::OK,
            title: title.to_string(),
            site: state.site.clone(),
            body: PageBody::Kept(html),
            public_offline: false,
        })
    })
}

/// Draws the page a handler answered with through leptos_axum, with the request's parts. The
/// headers the handler put on its answer (a cookie, `Retry-After`) go out with the page.
pub async fn finish(pending: PendingPage, request: Parts, answer: Response) -> Response {
    let Some(page) = pending.take() else {
        return answer;
    };
    let mut response = leptos_axum::handle_response_inner(
        || {},
        move || document(page),
        Request::from_parts(request, Body::empty()),
        whole_document,
    )
    .await;
    let (answer, _) = answer.into_parts();
    response.headers_mut().extend(answer.headers);
    response.extensions_mut().insert(RenderedPage);
    response
}

type HtmlStream = Pin<Box<dyn Stream<Item = String> + Send>>;

/// Whether the page has islands (set by `document`, read by `whole_document`).
#[derive(Clone, Copy)]
struct Hydrates(bool);

/// leptos_axum's "async" stream builder (the whole document, then the hydration data), except
/// that a page without islands gets no hydration data: nothing on it hydrates, and its only
/// script stays the service-worker registration.
fn whole_document(
    app: AnyView,
    hydration_data: Box<dyn FnOnce() -> HtmlStream + Send>,
    _out_of_order: bool,
) -> Pin<Box<dyn Future<Output = HtmlStream> + Send>> {
    let hydrates = use_context::<Hydrates>().is_some_and(|h| h.0);
    Box::pin(async move {
        // Our pages have nothing to wait for (handlers load the data first): one synchronous
        // pass into one buffer instead of a stream of chunks.
        let html = app.to_html();
        let rest: HtmlStream = if hydrates {
            hydration_data()
        } else {
            Box::pin(stream::empty())
        };
        Box::pin(stream::once(async move { html }).chain(rest)) as HtmlStream
    })
}

/// The islands in the small bundle (`esv`): those that call no server function.
const SMALL_BUNDLE_ISLANDS: [&str; 1] = ["PasswordInput"];

/// Whether the drawn body has an island the small bundle lacks (`data-component="Name_…"`).
fn has_action_island(body_html: &str) -> bool {
    body_html
        .split("data-component=\"")
        .skip(1)
        .filter_map(|rest| rest.split(['"', '_']).next())
        .any(|name| !SMALL_BUNDLE_ISLANDS.contains(&name))
}

/// The whole document. Runs inside leptos_axum's owner, so `use_nonce` and `ResponseOptions`
/// are the ones of this response.
fn document(page: Page) -> AnyView {
    // Islands mode: only islands carry hydration markers (HydrationScripts does the same).
    if let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(false);
    }
    // The frame and body first: a page without islands gets no WASM and no hydration script.
    let body_html = match page.body {
        PageBody::View { viewer, view, keep } => {
            let html = view! { <PageFrame viewer=viewer>{view()}</PageFrame> }.to_html();
            if let Some(keep) = keep {
                keep(html.clone());
            }
            html
        }
        PageBody::Kept(html) => html.as_ref().clone(),
    };
    let nonce = use_nonce().map(|n| n.to_string()).unwrap_or_default();
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(page.status);
        response.insert_header(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        response.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&nonce)) {
            response.insert_header(header::CONTENT_SECURITY_POLICY, csp);
        }
        if page.public_offline {
            response.insert_header(OFFLINE_HEADER, HeaderValue::from_static("public"));
        }
    }
    let has_islands = body_html.contains("<leptos-island");
    provide_context(Hydrates(has_islands));
    let has_read_aloud = body_html.contains("data-ouvir");
    let has_push_switch = body_html.contains("data-avisos");
    // Pages with an island that calls a server function load the bundle that has it; the
    // others (the login page) keep the small one.
    let options = match &page.site.actions {
        Some(actions) if has_islands && has_action_island(&body_html) => actions.clone(),
        _ => page.site.leptos.clone(),
    };
    let css = page.site.css_href.clone();
    let title = format!("{} · Escritório Social Virtual", page.title);
    view! {
        <!DOCTYPE html>
        <html lang="pt-BR">
            <head>
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
                <script type="module" nonce=use_nonce() src="/pwa.js"></script>
                {has_read_aloud.then(|| view! { <script type="module" nonce=use_nonce() src="/ouvir.js"></script> })}
                {has_push_switch.then(|| view! { <script type="module" nonce=use_nonce() src="/avisos.js"></script> })}
            </head>
            <body inner_html=body_html></body>
        </html>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::has_action_island;

    #[test]
    fn only_pages_with_an_action_island_need_the_larger_bundle() {
        // The login page: the password island only.
        assert!(!has_action_island(
            r#"<leptos-island data-component="PasswordInput_123" data-props="{}">"#
        ));
        assert!(has_action_island(
            r#"<leptos-island data-component="PasswordInput_1"></leptos-island><leptos-island data-component="SaveVacancyButton_99">"#
        ));
        assert!(!has_action_island("<main>no islands</main>"));
    }
}
