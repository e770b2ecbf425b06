//! `/equipe/contratacoes` (coordination): hires that companies reported for people of the unit.
//! The team confirms with the person; only a confirmed hire counts for a quota.

use crate::components::{ErrorSummary, TextArea};
use crate::domain::FieldErrors;
use crate::domain::plan::iso_to_br;
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct ReportedLine {
    pub id: i32,
    pub person: String,
    pub employer: String,
    pub job: String,
    pub started: String,
    pub contract: Option<String>,
    pub pending: bool,
}

#[component]
pub fn HiresToConfirmPage(lines: Vec<ReportedLine>, notice: Option<&'static str>) -> impl IntoView {
    let empty = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|l| {
            let href = format!("/equipe/contratacoes/{}", l.id);
            let meta = format!(
                "{} · {} · início {}",
                l.employer,
                l.job,
                iso_to_br(&l.started)
            );
            view! {
                <li class="item">
                    <p class="item-title"><a href=href>{l.person}</a></p>
                    <p>{meta}</p>
                    {l.contract.map(|c| view! { <p class="muted">{format!("Cota: {c}")}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Contratações a confirmar"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <p>"Empresas registraram estas contratações. Confirme com a pessoa antes: só contratações confirmadas contam para a cota e para o selo da empresa."</p>
        {empty.then(|| view! { <p>"Nenhuma contratação esperando confirmação."</p> })}
        <ul class="items">{items}</ul>
    }
}

#[component]
pub fn HireToConfirmPage(line: ReportedLine, reason: String, errors: FieldErrors) -> impl IntoView {
    let confirm = format!("/equipe/contratacoes/{}/confirmar", line.id);
    let refuse = format!("/equipe/contratacoes/{}/recusar", line.id);
    let pending = line.pending;
    view! {
        <p><a href="/equipe/contratacoes">"← Contratações a confirmar"</a></p>
        <h1>{line.person.clone()}</h1>
        <dl class="data">
            <dt>"Empresa"</dt><dd>{line.employer.clone()}</dd>
            <dt>"Função"</dt><dd>{line.job.clone()}</dd>
            <dt>"Primeiro dia"</dt><dd>{iso_to_br(&line.started)}</dd>
            <dt>"Cota"</dt><dd>{line.contract.clone().unwrap_or_else(|| "Sem contrato com cota".to_string())}</dd>
        </dl>
        <ErrorSummary errors=errors.clone() general=None/>
        {if pending {
            view! {
                <form method="post" action=confirm class="stack">
                    <p>"Confirmado, entram no seu painel as conversas dos 30, 90 e 180 dias."</p>
                    <button type="submit" class="primary">"Confirmar contratação"</button>
                </form>
                <form method="post" action=refuse class="stack" novalidate>
                    <TextArea name="motivo" label="Por que não confirma" hint="A empresa vai ler." value=reason errors=errors maxlength=1000/>
                    <button type="submit" class="secondary">"Não confirmar"</button>
                </form>
            }.into_any()
        } else {
            view! { <p>"Esta contratação já foi respondida."</p> }.into_any()
        }}
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{HireToConfirmPage, HiresToConfirmPage, ReportedLine};
    use crate::domain::FieldErrors;
    use crate::server::actor::StaffActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::directory::network::CreateError;
    use crate::server::services::jobs::employment::{self, ReportedHire};
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    fn line(r: ReportedHire) -> ReportedLine {
        ReportedLine {
            id: r.hire.id,
            person: r.person,
            employer: r.hire.employer,
            job: r.hire.job_title,
            started: r.hire.started_on,
            contract: r.contract,
            pending: r.hire.status == "a_confirmar",
        }
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        confirmada: String,
        recusada: String,
    }

    pub async fn list(
        State(state): State<AppState>,
        me: StaffActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let lines = employment::to_confirm(&state.db, &me)
            .await?
            .into_iter()
            .map(line)
            .collect();
        let notice = if !q.confirmada.is_empty() {
            Some("Contratação confirmada. Ela já conta para a cota do contrato.")
        } else if !q.recusada.is_empty() {
            Some("Contratação não confirmada. A empresa vê o motivo.")
        } else {
            None
        };
        Ok(page(
            &state,
            StatusCode::OK,
            "Contratações a confirmar",
            Some(me.actor.viewer()),
            move || view! { <HiresToConfirmPage lines notice/> },
        ))
    }

    async fn one(
        state: &AppState,
        me: &StaffActor,
        id: i32,
        status: StatusCode,
        reason: String,
        errors: FieldErrors,
    ) -> Result<Response, WebError> {
        let line = line(employment::reported_hire(&state.db, me, id).await?);
        let title = line.person.clone();
        Ok(page(
            state,
            status,
            &title,
            Some(me.actor.viewer()),
            move || view! { <HireToConfirmPage line reason errors/> },
        ))
    }

    pub async fn show(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        one(
            &state,
            &me,
            id,
            StatusCode::OK,
            String::new(),
            FieldErrors::default(),
        )
        .await
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct ReasonForm {
        motivo: String,
    }

    async fn decide(
        state: AppState,
        me: StaffActor,
        id: i32,
        confirm: bool,
        reason: String,
    ) -> Result<Response, WebError> {
        match employment::decide_hire(&state.db, &me, id, confirm, &reason).await {
            Ok(()) => {
                // A confirmed hire may earn the company its seal on the public board.
                state.public.vacancies_changed();
                let to = if confirm {
                    "/equipe/contratacoes?confirmada=1"
                } else {
                    "/equipe/contratacoes?recusada=1"
                };
                Ok(Redirect::to(to).into_response())
            }
            Err(CreateError::Invalid(errors)) => {
                one(
                    &state,
                    &me,
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    reason,
                    errors,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    pub async fn confirm(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        decide(state, me, id, true, String::new()).await
    }

    pub async fn refuse(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<ReasonForm>,
    ) -> Result<Response, WebError> {
        decide(state, me, id, false, form.motivo).await
    }
}
