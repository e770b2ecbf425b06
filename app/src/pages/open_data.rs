//! Open data (issue 14): the public service directory in Open Referral HSDS 3.0.1 —
//! `/dados/servicos.json` (the HSDS API's page of services, each service whole) and
//! `/dados/servicos-csv.zip` (the tabular format: one CSV per table and `datapackage.json`).
//! No login: the directory is public, and holds no personal data.

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use crate::server::error::WebError;
    use crate::server::services::directory::hsds::{self, Ids};
    use crate::server::services::directory::hsds_tabular;
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

    pub async fn services_csv_zip(State(state): State<AppState>) -> Result<Response, WebError> {
        let ids = Ids::for_origin(&state.public_origin);
        let contents = hsds::export_services(&state.db, &ids).await?;
        let body =
            hsds_tabular::package(&contents).map_err(|e| WebError::Internal(e.to_string()))?;
        Ok((
            [
                (header::CONTENT_TYPE, "application/zip"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"servicos-hsds-3.0.1.zip\"",
                ),
                (header::CACHE_CONTROL, "public, max-age=600"),
                (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            ],
            body,
        )
            .into_response())
    }
}
