//! The partner API, `/api/v1` (issue 14, point 6): JSON for the systems of RAESP partners
//! (the referrals addressed to them, and their answers) and of companies (their vacancies and
//! their candidates' professional profiles).
//!
//! Access is by key (`Authorization: Bearer esv_…`), created and revoked by the organisation
//! in its own area (`services::access::api_tokens`). The server crate's middleware turns the
//! key into the key's `Actor` and counts calls per key (`middleware::api`); from there a
//! handler asks for `Caller<PartnerActor>` or `Caller<CompanyActor>` and calls the same
//! scoped services as the organisation's pages: another organisation's row is not found, and
//! every read of a person is logged for "Quem viu meus dados" under the key's name.
//!
//! The OpenAPI 3.1 document is generated from these handlers and types (utoipa) and served at
//! `/api/v1/openapi.json`.

pub mod error;
pub mod referrals;
pub mod vacancies;

use super::state::AppState;
use crate::server::error::WebError;
use axum::Router;
use axum::extract::{FromRequest, FromRequestParts};
use axum::response::IntoResponse;
use axum::routing::{any, get, post};
use error::ApiError;
use http::request::Parts;
use utoipa::OpenApi;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};

/// The role an endpoint serves, read from the key's actor; a missing or wrong one becomes a
/// JSON error (401, 403) instead of the pages' redirect or error page.
pub struct Caller<T>(pub T);

impl<S, T> FromRequestParts<S> for Caller<T>
where
    S: Send + Sync,
    T: FromRequestParts<S, Rejection = WebError>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        T::from_request_parts(parts, state)
            .await
            .map(Caller)
            .map_err(ApiError::from)
    }
}

/// A JSON request body, read as `axum::Json` reads it, with NUL characters dropped from
/// every string first, as the pages' forms do (`PostedForm`): a `\u0000` in a partner's
/// note would otherwise reach PostgreSQL, which cannot store it, and the answer would be a
/// server error instead of the note without it. Unreadable bodies get the API's pt-BR error.
pub struct Body<T>(pub T);

impl<S, T> FromRequest<S> for Body<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        let axum::Json(mut value) = axum::Json::<serde_json::Value>::from_request(req, state)
            .await
            .map_err(|rejection| ApiError::for_status(rejection.status()))?;
        drop_nul(&mut value);
        serde_json::from_value(value)
            .map(Body)
            .map_err(|_| ApiError::for_status(http::StatusCode::UNPROCESSABLE_ENTITY))
    }
}

fn drop_nul(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) if s.contains('\0') => s.retain(|c| c != '\0'),
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_nul),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(drop_nul),
        _ => {}
    }
}

/// The endpoints that need a key. The server crate adds the key and error layers.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/encaminhamentos", get(referrals::list))
        .route("/api/v1/encaminhamentos/{id}", get(referrals::show))
        .route(
            "/api/v1/encaminhamentos/{id}/resposta",
            post(referrals::answer),
        )
        .route("/api/v1/vagas", get(vacancies::list))
        .route(
            "/api/v1/vagas/{id}/candidaturas",
            get(vacancies::candidates),
        )
        // Anything else under /api/v1: a JSON 404, not the pages' error page.
        .route(
            "/api/v1/{*rest}",
            any(|| async { ApiError::NotFound.into_response() }),
        )
}

/// The description, readable without a key.
pub fn public_routes() -> Router<AppState> {
    Router::new().route("/api/v1/openapi.json", get(openapi_json))
}

async fn openapi_json() -> impl IntoResponse {
    (
        [
            (http::header::CONTENT_TYPE, "application/json"),
            (http::header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        document(),
    )
}

/// The OpenAPI 3.1 document, as JSON.
pub fn document() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".to_string())
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Escritório Social Virtual — API para parceiros",
        version = "1",
        description = "Para os sistemas das organizações parceiras da RAESP (encaminhamentos recebidos e suas respostas) e das empresas parceiras (vagas e perfis profissionais de quem se candidatou).\n\nCada organização cria e revoga suas chaves na própria área do site (menu \"Integrações\"). Envie a chave no cabeçalho `Authorization: Bearer <chave>`. Uma chave vê só os dados da sua organização. Cada leitura de dados de uma pessoa fica registrada em \"Quem viu meus dados\", com o nome da chave. Limite: 60 pedidos por minuto por chave (resposta 429 com `Retry-After`). Erros vêm em JSON: `{\"erro\": \"…\", \"campos\": {…}}`."
    ),
    paths(
        referrals::list,
        referrals::show,
        referrals::answer,
        vacancies::list,
        vacancies::candidates,
    ),
    components(schemas(error::Erro)),
    modifiers(&KeyScheme),
    tags(
        (name = "encaminhamentos", description = "Para organizações parceiras da RAESP"),
        (name = "vagas", description = "Para empresas parceiras"),
    )
)]
struct ApiDoc;

/// Declares the bearer key every path's `security(("chave" = []))` refers to.
struct KeyScheme;

impl utoipa::Modify for KeyScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.bearer_format = Some("esv_…".to_string());
        http.description = Some(
            "A chave criada pela organização em \"Integrações\". Mostrada uma vez só.".to_string(),
        );
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("chave", SecurityScheme::Http(http));
    }
}

#[cfg(test)]
mod body_tests {
    use super::drop_nul;

    #[test]
    fn nul_characters_are_dropped_from_every_string_and_the_rest_kept() {
        let mut v = serde_json::json!({
            "observacao": "Ana\u{0}Maria",
            "lista": ["a\u{0}", 1, {"x": "\u{0}\u{0}b"}],
            "literal": "\\u0000 fica",
        });
        drop_nul(&mut v);
        assert_eq!(
            v,
            serde_json::json!({
                "observacao": "AnaMaria",
                "lista": ["a", 1, {"x": "b"}],
                "literal": "\\u0000 fica",
            })
        );
    }
}
