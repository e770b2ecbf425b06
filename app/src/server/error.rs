//! The web layer's one error type. Handlers return it; it becomes a status code here, and the
//! error-page middleware (server crate) turns any bare error status into a pt-BR page. Internal
//! details go to the log with the request id, never to the browser.

use axum::response::{IntoResponse, Redirect, Response};
use http::StatusCode;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not logged in")]
    NotLoggedIn,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("bad request")]
    BadRequest,
    #[error("internal: {0}")]
    Internal(String),
}

impl From<sea_orm::DbErr> for WebError {
    fn from(e: sea_orm::DbErr) -> Self {
        WebError::Internal(format!("database: {e}"))
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::NotLoggedIn => Redirect::to("/entrar").into_response(),
            WebError::Forbidden => StatusCode::FORBIDDEN.into_response(),
            WebError::NotFound => StatusCode::NOT_FOUND.into_response(),
            WebError::BadRequest => StatusCode::BAD_REQUEST.into_response(),
            WebError::Internal(detail) => {
                // The request id is on the current tracing span (see the server's middleware).
                tracing::error!(%detail, "internal error");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}
