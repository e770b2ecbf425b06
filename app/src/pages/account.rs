//! `/inicio/meus-dados`: what the Escritório Social holds about the person, shown to them.

use leptos::prelude::*;

#[component]
pub fn MyDataPage(
    full_name: String,
    social_name: Option<String>,
    cpf: Option<String>,
    unit_name: String,
) -> impl IntoView {
    view! {
        <h1>"Meus dados"</h1>
        <p>"Estes são os dados que a unidade guarda sobre você. Se algo estiver errado, fale com a equipe da unidade."</p>
        <dl class="data">
            <dt>"Nome"</dt>
            <dd>{full_name}</dd>
            {social_name.map(|n| view! { <dt>"Nome social"</dt><dd>{n}</dd> })}
            <dt>"CPF"</dt>
            <dd>{cpf.unwrap_or_else(|| "Não informado".to_string())}</dd>
            <dt>"Unidade"</dt>
            <dd>{unit_name}</dd>
        </dl>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::MyDataPage;
    use crate::server::actor::EgressoActor;
    use crate::server::error::WebError;
    use crate::server::render::page;
    use crate::server::services::accounts;
    use crate::server::state::AppState;
    use axum::extract::State;
    use axum::response::Response;
    use http::StatusCode;
    use leptos::prelude::*;

    pub async fn show(
        State(state): State<AppState>,
        me: EgressoActor,
    ) -> Result<Response, WebError> {
        let d = accounts::my_data(&state.db, &me).await?;
        Ok(page(
            &state,
            StatusCode::OK,
            "Meus dados",
            Some(me.actor.viewer()),
            move || {
                view! { <MyDataPage full_name=d.full_name social_name=d.social_name cpf=d.cpf unit_name=d.unit_name/> }
            },
        ))
    }
}
