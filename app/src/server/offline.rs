//! Writes a phone kept while it had no network and sends later (issue 15, point 8; the phone's
//! side is `pwa/sw.js`, "Offline writes"). Three of the egresso's forms may be kept: saving a
//! vacancy, the answer to a check-in about the job, and the professional profile.
//!
//! What the server adds for them:
//! - **whose write it is**: each of those forms carries `conta`, a mark of the account that
//!   drew it ([`owner_mark`]). Phones are shared: a change kept while Maria was logged in must
//!   never be sent in João's session, so a write whose mark is not the session's is refused
//!   with 409 and nothing changes;
//! - **conflicts**: a write that no longer fits what the server holds (the profile saved from
//!   another phone since the form was drawn; a check-in the team already recorded) is answered
//!   with 409 and a pt-BR reason in the `x-esv-motivo` header, so the phone can show the
//!   person why it was not sent and keep what they typed.

use super::state::AppState;
use crate::domain::text::encode_query;
use axum::response::Response;
use http::HeaderValue;

/// The form field that carries the account's mark.
pub const OWNER_FIELD: &str = "conta";

/// The header with the reason a kept write was refused (percent-encoded UTF-8, `+` for space).
pub const REASON_HEADER: &str = "x-esv-motivo";

/// Set on the answer to a write kept for another account: the phone keeps it for that account
/// instead of showing it as a conflict to whoever is logged in now.
pub const OTHER_ACCOUNT_HEADER: &str = "x-esv-outra-conta";

/// Said when a write kept for one account reaches the server in another's session.
pub const OTHER_ACCOUNT: &str = "Esta mudança foi feita em outra conta neste celular. Ela não foi enviada. Entre com a conta certa para enviar.";

/// The mark of an account: stable, the same on every server of one installation, and telling
/// nothing about the account to whoever reads the phone.
pub fn owner_mark(state: &AppState, user_id: i32) -> String {
    state.push.data_key.mark("fila", &user_id.to_string())
}

/// Whether a posted mark belongs to this account. A form without one (drawn before this
/// check existed, or by a tool) is the session's own.
pub fn is_owner(state: &AppState, user_id: i32, posted: &str) -> bool {
    let posted = posted.trim();
    posted.is_empty() || posted == owner_mark(state, user_id)
}

/// The value of the reason header: percent-encoded, as headers are ASCII.
pub fn reason_value(reason: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(&encode_query(reason)).ok()
}

/// Adds the reason for a 409 to `response`, for the phone to show.
pub fn with_reason(mut response: Response, reason: &str) -> Response {
    if let Some(value) = reason_value(reason) {
        response.headers_mut().insert(REASON_HEADER, value);
    }
    response
}

/// The answer to a write kept for another account: 409, nothing changed, and nothing of what
/// that account typed shown back.
pub fn other_account(state: &AppState, me: &super::actor::Actor) -> Response {
    use leptos::prelude::*;
    let response = super::render::page(
        state,
        http::StatusCode::CONFLICT,
        "Mudança não enviada",
        Some(me.viewer()),
        || {
            view! {
                <h1>"Mudança não enviada"</h1>
                <p class="notice warning" role="alert">{OTHER_ACCOUNT}</p>
                <p><a href="/inicio">"Voltar para o início"</a></p>
            }
        },
    );
    let mut response = with_reason(response, OTHER_ACCOUNT);
    response
        .headers_mut()
        .insert(OTHER_ACCOUNT_HEADER, HeaderValue::from_static("1"));
    response
}
