//! The egresso's job seeking: "Minhas candidaturas" and "Salvas", and the actions on a
//! vacancy page (apply, save). All forms: plain POST, then redirect.

use crate::domain::{dates, jobs};
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct ApplicationLine {
    pub id: i32,
    pub vacancy_id: i32,
    pub title: String,
    pub company: String,
    pub status: String,
    pub date: String,
}

#[component]
pub fn MyApplicationsPage(
    lines: Vec<ApplicationLine>,
    notice: Option<&'static str>,
) -> impl IntoView {
    let empty = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|l| {
            let href = format!("/vagas/{}", l.vacancy_id);
            let action = format!("/inicio/candidaturas/{}/desistir", l.id);
            let active = l.status != "desistiu";
            let status = jobs::label(&jobs::APPLICATION_STATUSES, &l.status).to_string();
            view! {
                <li class="item">
                    <p class="item-title"><a href=href>{l.title}</a></p>
                    <p>{l.company}</p>
                    <p><strong>{status}</strong></p>
                    <p class="muted">{format!("Atualizada em {}", l.date)}</p>
                    {active.then(|| view! {
                        <form method="post" action=action>
                            <button type="submit" class="secondary">"Desistir desta vaga"</button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Minhas candidaturas"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {empty.then(|| view! { <p>"Você ainda não se candidatou a nenhuma vaga. " <a href="/vagas">"Ver vagas"</a></p> })}
        <ul class="items">{items}</ul>
    }
}

#[component]
pub fn SavedPage(lines: Vec<(i32, String, String, String)>) -> impl IntoView {
    let empty = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|(id, title, company, closes)| {
            let href = format!("/vagas/{id}");
            view! {
                <li class="item">
                    <p class="item-title"><a href=href>{title}</a></p>
                    <p>{company}</p>
                    <p class="muted">{closes}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Vagas salvas"</h1>
        {empty.then(|| view! { <p>"Nenhuma vaga salva. Abra uma vaga e toque em “Salvar vaga”. " <a href="/vagas">"Ver vagas"</a></p> })}
        <ul class="items">{items}</ul>
    }
}

pub fn closes_text(closes_at: i64, now: i64) -> String {
    if closes_at < now {
        "Inscrições encerradas".to_string()
    } else {
        format!("Inscrições até {}", dates::br_date(closes_at))
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{ApplicationLine, MyApplicationsPage, SavedPage, closes_text};
    use crate::domain::dates;
    use crate::server::actor::EgressoActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::jobs::applications::{self, ApplyError};
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        enviada: String,
        desistiu: String,
    }

    pub async fn list(
        State(state): State<AppState>,
        me: EgressoActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let lines = applications::my_applications(&state.db, &me)
            .await?
            .into_iter()
            .map(|a| ApplicationLine {
                id: a.application.id,
                vacancy_id: a.vacancy.id,
                title: a.vacancy.title,
                company: a.company,
                status: a.application.status,
                date: dates::br_date(a.application.updated_at),
            })
            .collect();
        let notice = if !q.enviada.is_empty() {
            Some("Candidatura enviada. A empresa recebeu seu perfil profissional.")
        } else if !q.desistiu.is_empty() {
            Some("Pronto: você desistiu da vaga. A empresa não vê mais seu perfil.")
        } else {
            None
        };
        Ok(page(
            &state,
            StatusCode::OK,
            "Minhas candidaturas",
            Some(me.actor.viewer()),
            move || view! { <MyApplicationsPage lines notice/> },
        ))
    }

    pub async fn withdraw(
        State(state): State<AppState>,
        me: EgressoActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        applications::withdraw(&state.db, &me, id).await?;
        Ok(Redirect::to("/inicio/candidaturas?desistiu=1").into_response())
    }

    pub async fn saved(
        State(state): State<AppState>,
        me: EgressoActor,
    ) -> Result<Response, WebError> {
        let now = crate::server::now();
        let lines = applications::saved(&state.db, &me)
            .await?
            .into_iter()
            .map(|(v, company)| (v.id, v.title, company, closes_text(v.closes_at, now)))
            .collect();
        Ok(page(
            &state,
            StatusCode::OK,
            "Vagas salvas",
            Some(me.actor.viewer()),
            move || view! { <SavedPage lines/> },
        ))
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct ApplyForm {
        consentimento: String,
    }

    pub async fn apply(
        State(state): State<AppState>,
        me: EgressoActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<ApplyForm>,
    ) -> Result<Response, WebError> {
        let problem =
            match applications::apply(&state.db, &me, id, !form.consentimento.is_empty()).await {
                Ok(()) => return Ok(Redirect::to("/inicio/candidaturas?enviada=1").into_response()),
                Err(ApplyError::NeedsProfile) => {
                    return Ok(Redirect::to(&format!("/inicio/perfil?vaga={id}")).into_response());
                }
                Err(ApplyError::AlreadyApplied) => {
                    return Ok(Redirect::to("/inicio/candidaturas").into_response());
                }
                Err(ApplyError::Closed) => return Err(WebError::NotFound),
                Err(ApplyError::Internal(e)) => return Err(e),
                Err(ApplyError::NeedsConsent) => {
                    "Para se candidatar, marque que autoriza enviar seu perfil para a empresa."
                }
            };
        super::super::vacancies::handlers::render_detail(
            &state,
            Some(me.actor.clone()),
            id,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(problem),
        )
        .await
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct SaveForm {
        salvar: String,
        conta: String,
    }

    pub async fn save(
        State(state): State<AppState>,
        me: EgressoActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<SaveForm>,
    ) -> Result<Response, WebError> {
        if !crate::server::offline::is_owner(&state, me.actor.user_id, &form.conta) {
            return Ok(crate::server::offline::other_account(&state, &me.actor));
        }
        applications::set_saved(&state.db, &me, id, form.salvar == "1").await?;
        Ok(Redirect::to(&format!("/vagas/{id}")).into_response())
    }
}
