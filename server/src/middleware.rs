//! Every layer, in one place, in the order a request meets them.
//!
//! All responses: request id → trace span (method, path without query, request id; never
//! headers, cookies or bodies) → timeout → compression (brotli, gzip) → security headers.
//! Pages additionally: session cookie → `Actor` → page drawing through leptos_axum → pt-BR
//! error pages → same-origin check on every state-changing request → body size limit →
//! handler.
//! The partner API (`/api/v1`): JSON errors → API key → `Actor` + calls per key counted →
//! body size limit → handler. No cookie is read there: a browser session cannot call it, so
//! it needs no cross-site check. Its OpenAPI document gets the JSON errors only.
//! Static files: content-hashed `/pkg/*` cached for a year; the rest revalidated.

use app::components::Viewer;
use app::server::actor::Actor;
use app::server::api::error::ApiError;
use app::server::forms::read_session_cookie;
use app::server::render::{PendingPage, RenderedPage};
use app::server::services::access::{api_tokens, auth};
use app::server::state::AppState;
use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use http::{HeaderName, HeaderValue, Method, StatusCode, header};
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

/// Forms here are small; 64 KiB is plenty and bounds what a client can make us buffer.
const BODY_LIMIT_BYTES: usize = 64 * 1024;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Layers that only page routes get.
pub fn pages(router: Router<AppState>, state: AppState) -> Router<AppState> {
    router
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(from_fn_with_state(state.clone(), same_origin_only))
        .layer(from_fn_with_state(state.clone(), error_pages))
        .layer(from_fn(render_pages))
        .layer(from_fn_with_state(state, authenticate))
}

/// Layers for the partner API's endpoints (`app::server::api::routes`).
pub fn api(router: Router<AppState>, state: AppState) -> Router<AppState> {
    router
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(from_fn_with_state(state, api_key))
        .layer(from_fn(api_errors))
}

/// Layers for what the API serves without a key (its description).
pub fn api_public(router: Router<AppState>) -> Router<AppState> {
    router.layer(from_fn(api_errors))
}

/// `Authorization: Bearer <key>` → the key's `Actor`, after counting the call against the
/// key's allowance. No key, or an unknown or revoked one: 401.
async fn api_key(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let secret = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim);
    let Some(secret) = secret else {
        return ApiError::Unauthorized.into_response();
    };
    match api_tokens::authenticate(&state.db, secret).await {
        Ok(Some((actor, key))) => match state.limiter.allow_api_call(key).await {
            Ok(Ok(())) => {
                req.extensions_mut().insert(actor);
                next.run(req).await
            }
            Ok(Err(wait)) => ApiError::TooManyRequests(wait).into_response(),
            Err(e) => ApiError::from(e).into_response(),
        },
        Ok(None) => ApiError::Unauthorized.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

/// Any bare error status (axum's extractors, the body limit, a wrong method) becomes the
/// API's JSON error; answers that are JSON already pass as they are.
async fn api_errors(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        return ApiError::for_status(status).into_response();
    }
    response
}

/// Cache rules for the static site.
pub fn static_files(router: Router<AppState>) -> Router<AppState> {
    router.layer(from_fn(static_cache_headers))
}

/// Layers for everything.
pub fn common(router: Router) -> Router {
    router
        .layer(from_fn(security_headers))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(PropagateRequestIdLayer::new(X_REQUEST_ID.clone()))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &Request| {
                let id = req
                    .extensions()
                    .get::<RequestId>()
                    .and_then(|id| id.header_value().to_str().ok())
                    .unwrap_or("-")
                    .to_string();
                // The path only: query strings could carry personal data.
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
            })
            .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetSensitiveRequestHeadersLayer::new([header::COOKIE, header::AUTHORIZATION]))
        .layer(SetRequestIdLayer::new(X_REQUEST_ID.clone(), MakeRequestUuid))
}

/// Turns the session cookie into an `Actor` in the request extensions (or nothing).
async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if let Some(token) = read_session_cookie(req.headers()) {
        match auth::authenticate(&state, token).await {
            Ok(Some(actor)) => {
                req.extensions_mut().insert(actor);
            }
            Ok(None) => {}
            Err(e) => return e.into_response(),
        }
    }
    next.run(req).await
}

/// Draws the page a handler (or the error-page layer) answered with through leptos_axum, with
/// this request's parts (see `app::server::render`).
pub async fn render_pages(req: Request, next: Next) -> Response {
    // What the page's contexts need of the request (method, address, headers): not the
    // extensions, which the handler has already read.
    let mut request = http::Request::new(());
    *request.method_mut() = req.method().clone();
    *request.uri_mut() = req.uri().clone();
    *request.version_mut() = req.version();
    *request.headers_mut() = req.headers().clone();
    let (request, ()) = request.into_parts();
    let answer = next.run(req).await;
    match answer.extensions().get::<PendingPage>().cloned() {
        Some(pending) => app::server::render::finish(pending, request, answer).await,
        None => answer,
    }
}

/// Replaces any bare error status (from a handler, an extractor, the body limit, the origin
/// check, axum itself) with a pt-BR page. Pages already rendered are left as they are.
async fn error_pages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let viewer: Option<Viewer> = req.extensions().get::<Actor>().map(Actor::viewer);
    let response = next.run(req).await;
    let status = response.status();
    if (status.is_client_error() || status.is_server_error())
        && response.extensions().get::<RenderedPage>().is_none()
        && response.extensions().get::<PendingPage>().is_none()
    {
        let mut page = app::pages::errors::render(&state, status, viewer);
        if let Some(retry) = response.headers().get(header::RETRY_AFTER) {
            page.headers_mut()
                .insert(header::RETRY_AFTER, retry.clone());
        }
        return page;
    }
    response
}

/// Cross-site request forgery guard: a state-changing request must come from our own pages.
/// Browsers send `Sec-Fetch-Site` and/or `Origin` on POST; a foreign one is refused (403).
async fn same_origin_only(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site")
        && !(site == "same-origin" || site == "none")
    {
        tracing::warn!("refused cross-site request");
        return StatusCode::FORBIDDEN.into_response();
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("null");
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        let same_host = origin
            .split_once("://")
            .map(|(_, rest)| rest == host)
            .unwrap_or(false);
        if origin != &*state.public_origin && !same_host {
            tracing::warn!("refused cross-origin request");
            return StatusCode::FORBIDDEN.into_response();
        }
    }
    next.run(req).await
}

async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        // Geolocation only for our own pages ("Usar minha localização" in /servicos, asked
        // after a tap); never for anything embedded.
        HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=(self), interest-cohort=()",
        ),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        // Non-page responses (files, JSON) need no scripts or framing of their own.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            ),
        );
    }
    response
}

async fn static_cache_headers(req: Request, next: Next) -> Response {
    let immutable = req.uri().path().starts_with("/pkg/");
    let mut response = next.run(req).await;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let value = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}
