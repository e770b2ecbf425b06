//! Every page route, in one place. Middleware is added by the server crate.

use super::state::AppState;
use crate::pages::{
    account, admin_accounts, admin_directory, homes, login, set_password, vacancies,
};
use axum::Router;
use axum::response::Redirect;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/entrar") }))
        .route(
            "/entrar",
            get(login::handlers::show).post(login::handlers::submit),
        )
        .route("/sair", post(login::handlers::logout))
        .route("/sair-de-todos", post(login::handlers::logout_everywhere))
        .route(
            "/definir-senha",
            get(set_password::handlers::show).post(set_password::handlers::submit),
        )
        .route("/vagas", get(vacancies::handlers::list))
        .route("/vagas/{id}", get(vacancies::handlers::show))
        .route("/inicio", get(homes::handlers::egresso))
        .route("/inicio/meus-dados", get(account::handlers::show))
        .route("/equipe", get(homes::handlers::staff))
        .route("/empresa", get(homes::handlers::company))
        .route("/parceiro", get(homes::handlers::partner))
        .route("/admin", get(homes::handlers::admin))
        .route("/admin/contas", get(admin_accounts::handlers::list))
        .route(
            "/admin/contas/nova",
            get(admin_accounts::handlers::new_form).post(admin_accounts::handlers::create),
        )
        .route(
            "/admin/contas/{id}/codigo",
            post(admin_accounts::handlers::issue_code),
        )
        .route(
            "/admin/unidades",
            get(admin_directory::handlers::units).post(admin_directory::handlers::create_unit),
        )
        .route(
            "/admin/organizacoes",
            get(admin_directory::handlers::organizations)
                .post(admin_directory::handlers::create_organization),
        )
}
