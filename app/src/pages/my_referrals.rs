//! "Meus encaminhamentos" (`/inicio/encaminhamentos`): where the unit referred me, and what the
//! organisation answered, in plain words.

use crate::domain::referrals::label;
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct MyReferralLine {
    pub service: String,
    pub organization: String,
    pub status: String,
    pub note: Option<String>,
    pub updated: String,
}

#[component]
pub fn MyReferralsPage(lines: Vec<MyReferralLine>) -> impl IntoView {
    let empty = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|l| {
            view! {
                <li class="item">
                    <p class="item-title">{l.service}</p>
                    <p>{l.organization}</p>
                    <p><strong>{label(&l.status)}</strong></p>
                    {l.note.map(|n| view! { <p class="prose">{n}</p> })}
                    <p class="muted">{format!("Atualizado em {}", l.updated)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Meus encaminhamentos"</h1>
        <p>"Lugares para onde o Escritório Social encaminhou você, e a resposta de cada um."</p>
        {empty.then(|| view! { <p>"Você ainda não tem encaminhamentos."</p> })}
        <ul class="items">{items}</ul>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{MyReferralLine, MyReferralsPage};
    use crate::domain::dates;
    use crate::server::actor::EgressoActor;
    use crate::server::error::WebError;
    use crate::server::render::page;
    use crate::server::services::case::referrals;
    use crate::server::state::AppState;
    use axum::extract::State;
    use axum::response::Response;
    use http::StatusCode;
    use leptos::prelude::*;

    pub async fn list(
        State(state): State<AppState>,
        me: EgressoActor,
    ) -> Result<Response, WebError> {
        let lines = referrals::my_referrals(&state.db, &me)
            .await?
            .into_iter()
            .map(|v| MyReferralLine {
                service: v.service,
                organization: v.organization,
                status: v.status,
                note: v.status_note,
                updated: dates::br_date(v.updated_at),
            })
            .collect();
        Ok(page(
            &state,
            StatusCode::OK,
            "Meus encaminhamentos",
            Some(me.actor.viewer()),
            move || view! { <MyReferralsPage lines/> },
        ))
    }
}
