//! `/equipe/painel` (coordination only): the unit in numbers — who is attended (by category,
//! race and gender, Res. CNJ 307/2019), plans, referrals, documents, work and stigma.

use crate::server::services::case::unit_dashboard::{Count, UnitDashboard};
use leptos::prelude::*;

#[component]
fn CountTable(caption: &'static str, what: &'static str, rows: Vec<Count>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|c| view! { <tr><th scope="row">{c.label}</th><td>{c.value}</td></tr> })
        .collect_view();
    view! {
        <table class="counts">
            <caption>{caption}</caption>
            <thead><tr><th scope="col">{what}</th><th scope="col">"Número"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
pub fn UnitDashboardPage(unit: String, data: UnitDashboard) -> impl IntoView {
    let summary = vec![
        Count {
            label: "Pessoas atendidas".into(),
            value: data.people,
        },
        Count {
            label: "Com plano singular".into(),
            value: data.with_plan,
        },
        Count {
            label: format!("Pré-egressas com plano de saída (de {})", data.pre_release),
            value: data.pre_release_with_plan,
        },
        Count {
            label: "Documentos obtidos".into(),
            value: data.documents_obtained,
        },
        Count {
            label: "Contratações registradas".into(),
            value: data.hires,
        },
        Count {
            label: "Ainda no trabalho".into(),
            value: data.hires_active,
        },
    ];
    view! {
        <h1>"Painel da unidade"</h1>
        <p class="lead">{unit}</p>
        <p>"Só números, sem nomes. Raça e gênero são autodeclarados; quem não respondeu aparece à parte."</p>
        <CountTable caption="Resumo" what="Indicador" rows=summary/>
        <CountTable caption="Quem é atendido" what="Categoria" rows=data.categories/>
        <CountTable caption="Cor ou raça (IBGE, autodeclarada)" what="Cor ou raça" rows=data.races/>
        <CountTable caption="Identidade de gênero (autodeclarada)" what="Identidade de gênero" rows=data.genders/>
        <CountTable caption="Encaminhamentos por situação" what="Situação" rows=data.referrals/>
        <CountTable caption="Continuam no trabalho, por conversa" what="Conversa" rows=data.retention/>
        <CountTable caption="Episódios de estigma por tipo" what="Tipo" rows=data.stigma_kinds/>
        <CountTable caption="Episódios de estigma por lugar" what="Lugar" rows=data.stigma_settings/>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::UnitDashboardPage;
    use crate::server::actor::StaffActor;
    use crate::server::error::WebError;
    use crate::server::render::page;
    use crate::server::services::{access::accounts, case::unit_dashboard};
    use crate::server::state::AppState;
    use axum::extract::State;
    use axum::response::Response;
    use http::StatusCode;
    use leptos::prelude::*;

    pub async fn show(State(state): State<AppState>, me: StaffActor) -> Result<Response, WebError> {
        let data = unit_dashboard::dashboard(&state.db, &me).await?;
        let unit = accounts::staff_unit(&state.db, &me).await?.name;
        Ok(page(
            &state,
            StatusCode::OK,
            "Painel da unidade",
            Some(me.actor.viewer()),
            move || view! { <UnitDashboardPage unit data/> },
        ))
    }
}
