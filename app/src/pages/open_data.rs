//! Open data (issue 14): `/dados/servicos.json`, the public service directory in Open Referral
//! HSDS 3.0.1 — the HSDS API's page of services, each service whole. No login: the directory
//! is public, and holds no personal data.

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use crate::server::error::WebError;
    use crate::server::services::directory::hsds::{self, Ids};
    use crate::server::state::AppState;
    use axum::extract::State;
    use axum::response::{IntoResponse, Response};
    use http::header;

    pub async fn services_json(State(state): State<AppState>) -> Result<Response, WebError> {
        let ids = Ids::for_origin(&state.public_origin);
        let contents = hsds::export_services(&state.db, &ids).await?;
        let n = contents.len();
        let page = serde_json::json!({
            "total_items": n,
            "total_pages": 1,
            "page_number": 1,
            "size": n,
            "first_page": true,
            "last_page": true,
            "empty": n == 0,
            "contents": contents,
        });
        let body = serde_json::to_vec(&page).map_err(|e| WebError::Internal(e.to_string()))?;
        Ok((
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                // Open data may be cached anywhere for a while; the directory changes slowly.
                (header::CACHE_CONTROL, "public, max-age=600"),
                (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            ],
            body,
        )
            .into_response())
    }
}
