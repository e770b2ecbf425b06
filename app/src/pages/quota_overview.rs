//! `/equipe/cotas` (coordination): every current public contract with a quota, the posts it
//! requires and the confirmed quota workers this month — furthest from compliance first.

use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct OverviewRow {
    pub company: String,
    pub contract: String,
    pub required: u32,
    pub hired: u32,
    pub status: String,
}

#[component]
pub fn QuotaOverviewPage(rows: Vec<OverviewRow>, to_confirm: usize) -> impl IntoView {
    let empty = rows.is_empty();
    let rows = rows
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.company}<br/><span class="muted">{r.contract}</span></th>
                    <td>{r.required}</td>
                    <td>{r.hired}</td>
                    <td>{r.status}</td>
                </tr>
            }
        })
        .collect_view();
    let pending = match to_confirm {
        0 => "Nenhuma contratação esperando confirmação.".to_string(),
        1 => "1 contratação esperando confirmação.".to_string(),
        n => format!("{n} contratações esperando confirmação."),
    };
    view! {
        <h1>"Cotas nos contratos públicos"</h1>
        <p>"Só contam contratações confirmadas pelo Escritório Social. Números deste mês."</p>
        <p><a href="/equipe/contratacoes">{pending}</a></p>
        {empty.then(|| view! { <p>"Nenhum contrato em vigor cadastrado pelas empresas."</p> })}
        {(!empty).then(|| view! {
            <table class="counts nominal">
                <caption>"Contratos em vigor"</caption>
                <thead><tr><th scope="col">"Empresa e contrato"</th><th scope="col">"Vagas exigidas"</th><th scope="col">"Contratadas"</th><th scope="col">"Situação"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        })}
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{OverviewRow, QuotaOverviewPage};
    use crate::server::actor::StaffActor;
    use crate::server::error::WebError;
    use crate::server::render::page;
    use crate::server::services::{jobs::contracts, jobs::employment};
    use crate::server::state::AppState;
    use axum::extract::State;
    use axum::response::Response;
    use http::StatusCode;
    use leptos::prelude::*;

    pub async fn show(State(state): State<AppState>, me: StaffActor) -> Result<Response, WebError> {
        let rows = contracts::quota_overview(&state.db, &me)
            .await?
            .into_iter()
            .map(|l| OverviewRow {
                status: crate::domain::quota::status(l.required, l.hired_now).label(),
                company: l.company,
                contract: l.contract,
                required: l.required,
                hired: l.hired_now,
            })
            .collect();
        let to_confirm = employment::to_confirm(&state.db, &me).await?.len();
        Ok(page(
            &state,
            StatusCode::OK,
            "Cotas nos contratos públicos",
            Some(me.actor.viewer()),
            move || view! { <QuotaOverviewPage rows to_confirm/> },
        ))
    }
}
