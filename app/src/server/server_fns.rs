//! Leptos server functions (the islands' actions), served by leptos_axum.
//!
//! The route sits among the page routes (`router.rs`), so a call passes the same layers as a
//! form: session cookie → `Actor`, the same-origin check (a foreign `Origin` or
//! `Sec-Fetch-Site: cross-site` gets 403) and the body limit. Inside, `actor::<T>()` asks for
//! the role the function serves, exactly as a handler's extractor does.

use super::error::WebError;
use super::render::RenderedPage;
use super::state::AppState;
use axum::extract::{FromRequestParts, Request, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// `POST /api/{function}`: runs the server function with the app's state in context.
pub async fn handle(State(state): State<AppState>, req: Request) -> Response {
    let mut response =
        leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), req)
            .await
            .into_response();
    // The function's own answer (value or error) goes to the island as it is.
    response.extensions_mut().insert(RenderedPage);
    response
}

/// The state and the actor of the role `T`, or an error with the right status: nobody logged
/// in → 401, another role → 403.
pub async fn actor<T>() -> Result<(AppState, T), ServerFnError>
where
    T: FromRequestParts<AppState, Rejection = WebError>,
{
    let state = use_context::<AppState>()
        .ok_or_else(|| answer_error(WebError::Internal("no state".into())))?;
    let mut parts = use_context::<Parts>()
        .ok_or_else(|| answer_error(WebError::Internal("no request".into())))?;
    let me = T::from_request_parts(&mut parts, &state)
        .await
        .map_err(answer_error)?;
    Ok((state, me))
}

/// Sets the response status for `error` and gives the island a pt-BR message; details go to
/// the log only.
pub fn answer_error(error: WebError) -> ServerFnError {
    let (status, message) = match &error {
        WebError::NotLoggedIn => (StatusCode::UNAUTHORIZED, "Entre de novo para continuar."),
        WebError::Forbidden => (StatusCode::FORBIDDEN, "Você não tem acesso a isto."),
        WebError::NotFound => (StatusCode::NOT_FOUND, "Não encontramos o que você pediu."),
        WebError::BadRequest => (
            StatusCode::BAD_REQUEST,
            "Não foi possível entender o pedido.",
        ),
        WebError::Internal(detail) => {
            tracing::error!(error = %detail, "server function failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Algo deu errado do nosso lado. Tente de novo.",
            )
        }
    };
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(status);
    }
    ServerFnError::new(message)
}

/// A call kept on a shared phone for another account (`server::offline`): 409, the reason in
/// the header the service worker reads, and nothing changed.
pub fn other_account() -> ServerFnError {
    use super::offline::{OTHER_ACCOUNT, REASON_HEADER, reason_value};
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(StatusCode::CONFLICT);
        if let Some(value) = reason_value(OTHER_ACCOUNT) {
            response.insert_header(http::HeaderName::from_static(REASON_HEADER), value);
        }
        response.insert_header(
            http::HeaderName::from_static(super::offline::OTHER_ACCOUNT_HEADER),
            http::HeaderValue::from_static("1"),
        );
    }
    ServerFnError::new(OTHER_ACCOUNT)
}
