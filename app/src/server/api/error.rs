//! The partner API's one error type. Every answer that is not a success is JSON in pt-BR:
//! `{"erro": "…", "campos": {"campo": "…"}}`. Internal details go to the log, never out.

use crate::domain::FieldErrors;
use crate::server::error::WebError;
use axum::Json;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use std::collections::BTreeMap;

#[derive(Debug)]
pub enum ApiError {
    /// No key, or a key that is unknown or revoked.
    Unauthorized,
    /// A key of the other kind of organisation (a company's key on a partner's endpoint).
    Forbidden,
    NotFound,
    /// The request cannot be read (body too large, not JSON, wrong method).
    BadRequest(StatusCode, &'static str),
    /// The request was read, and refused: each field's reason.
    Invalid(FieldErrors),
    /// The key used up its calls for this minute: seconds to wait.
    TooManyRequests(u64),
    Internal(String),
}

/// O que toda resposta de erro traz.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Erro {
    /// O que deu errado, em português simples.
    pub erro: String,
    /// Num pedido recusado: o motivo ao lado de cada campo com problema.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub campos: BTreeMap<String, String>,
}

impl From<WebError> for ApiError {
    fn from(e: WebError) -> Self {
        match e {
            WebError::NotLoggedIn => ApiError::Unauthorized,
            WebError::Forbidden => ApiError::Forbidden,
            WebError::NotFound => ApiError::NotFound,
            WebError::BadRequest => {
                ApiError::BadRequest(StatusCode::BAD_REQUEST, "Não foi possível ler o pedido.")
            }
            WebError::Internal(detail) => ApiError::Internal(detail),
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(e: sea_orm::DbErr) -> Self {
        ApiError::from(WebError::from(e))
    }
}

impl ApiError {
    /// The answer for a bare error status from outside our handlers (axum's extractors, the
    /// body limit, an unknown path or method).
    pub fn for_status(status: StatusCode) -> ApiError {
        match status {
            StatusCode::UNAUTHORIZED => ApiError::Unauthorized,
            StatusCode::FORBIDDEN => ApiError::Forbidden,
            StatusCode::NOT_FOUND => ApiError::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => {
                ApiError::BadRequest(status, "Este endereço não aceita este método.")
            }
            StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::BadRequest(status, "O corpo do pedido é grande demais.")
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::BadRequest(
                status,
                "Envie o corpo em JSON, com Content-Type: application/json.",
            ),
            StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => ApiError::BadRequest(
                status,
                "O corpo do pedido não é o JSON esperado. Confira os campos na documentação: /api/v1/openapi.json.",
            ),
            s if s.is_server_error() => ApiError::Internal(format!("bare status {s}")),
            _ => ApiError::BadRequest(status, "Não foi possível atender o pedido."),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, erro, campos) = match self {
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "Chave de acesso ausente, inválida ou revogada. Envie o cabeçalho Authorization: Bearer <chave>.".to_string(),
                BTreeMap::new(),
            ),
            ApiError::Forbidden => (
                StatusCode::FORBIDDEN,
                "Esta chave não dá acesso a este recurso.".to_string(),
                BTreeMap::new(),
            ),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                "Não encontrado.".to_string(),
                BTreeMap::new(),
            ),
            ApiError::BadRequest(status, message) => (status, message.to_string(), BTreeMap::new()),
            ApiError::Invalid(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "Confira os campos.".to_string(),
                errors
                    .iter()
                    .map(|(f, m)| (f.to_string(), m.to_string()))
                    .collect(),
            ),
            ApiError::TooManyRequests(wait) => {
                let mut response = (
                    StatusCode::TOO_MANY_REQUESTS,
                    Json(Erro {
                        erro: format!(
                            "Muitos pedidos com esta chave. Tente de novo em {wait} segundos."
                        ),
                        campos: BTreeMap::new(),
                    }),
                )
                    .into_response();
                if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
                return response;
            }
            ApiError::Internal(detail) => {
                tracing::error!(%detail, "internal error (api)");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Erro interno. Tente de novo em alguns minutos.".to_string(),
                    BTreeMap::new(),
                )
            }
        };
        let mut response = (status, Json(Erro { erro, campos })).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"esv\""),
            );
        }
        response
    }
}
