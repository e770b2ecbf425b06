//! `/equipe/empresas` (coordination): companies that registered themselves wait here for a
//! decision; each opens on its own page to approve or refuse with a reason.

use crate::components::{ErrorSummary, TextArea};
use crate::domain::{Cnpj, FieldErrors, cnae, dates, jobs};
use leptos::prelude::*;

/// A company as the coordination reviews it.
#[derive(Clone, Debug)]
pub struct CompanyView {
    pub id: i32,
    pub name: String,
    pub cnpj: String,
    pub trade_name: Option<String>,
    pub cnae: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub created_at: i64,
    pub pending: bool,
    pub status_text: String,
}

pub fn cnpj_text(cnpj: &Option<String>) -> String {
    cnpj.as_deref()
        .and_then(|c| Cnpj::parse(c).ok())
        .map(|c| c.formatted())
        .unwrap_or_default()
}

#[component]
pub fn CompaniesReviewPage(
    pending: Vec<CompanyView>,
    decided: Vec<CompanyView>,
    notice: Option<&'static str>,
) -> impl IntoView {
    let empty = pending.is_empty();
    let line = |c: CompanyView| {
        let href = format!("/equipe/empresas/{}", c.id);
        let meta = format!(
            "CNPJ {} · cadastro em {}",
            c.cnpj,
            dates::br_date(c.created_at)
        );
        view! {
            <li class="item">
                <p class="item-title"><a href=href>{c.name}</a></p>
                <p class="muted">{meta}</p>
                <p>{c.status_text}</p>
            </li>
        }
    };
    let pending = pending.into_iter().map(line).collect_view();
    let decided = decided.into_iter().map(line).collect_view();
    view! {
        <h1>"Empresas"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <h2>"Esperando aprovação"</h2>
        {empty.then(|| view! { <p>"Nenhuma empresa esperando."</p> })}
        <ul class="items">{pending}</ul>
        <h2>"Respondidas por último"</h2>
        <ul class="items">{decided}</ul>
    }
}

#[component]
pub fn CompanyReviewPage(
    company: CompanyView,
    reason: String,
    errors: FieldErrors,
) -> impl IntoView {
    let approve = format!("/equipe/empresas/{}/aprovar", company.id);
    let refuse = format!("/equipe/empresas/{}/recusar", company.id);
    let pending = company.pending;
    view! {
        <p><a href="/equipe/empresas">"← Empresas"</a></p>
        <h1>{company.name.clone()}</h1>
        <p class="lead">{company.status_text.clone()}</p>
        <dl class="data">
            <dt>"CNPJ"</dt><dd>{company.cnpj.clone()}</dd>
            {company.trade_name.clone().map(|t| view! { <dt>"Nome fantasia"</dt><dd>{t}</dd> })}
            {company.cnae.clone().map(|c| view! { <dt>"CNAE"</dt><dd>{cnae::format(&c)}</dd> })}
            {company.contact_email.clone().map(|e| view! { <dt>"E-mail"</dt><dd>{e}</dd> })}
            {company.contact_phone.clone().map(|p| view! { <dt>"Telefone"</dt><dd>{jobs::format_phone(&p)}</dd> })}
            <dt>"Cadastro em"</dt><dd>{dates::br_date(company.created_at)}</dd>
        </dl>
        <ErrorSummary errors=errors.clone() general=None/>
        {pending.then(|| view! {
            <p>"Confira o CNPJ na Receita Federal antes de aprovar. Aprovada, a empresa pode publicar vagas."</p>
            <form method="post" action=approve class="stack">
                <button type="submit" class="primary">"Aprovar empresa"</button>
            </form>
            <form method="post" action=refuse class="stack" novalidate>
                <TextArea name="motivo" label="Motivo da recusa" hint="A empresa vai ler. Diga o que precisa mudar." value=reason errors=errors maxlength=1000/>
                <button type="submit" class="secondary">"Recusar cadastro"</button>
            </form>
        })}
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{CompaniesReviewPage, CompanyReviewPage, CompanyView, cnpj_text};
    use crate::domain::FieldErrors;
    use crate::server::actor::StaffActor;
    use crate::server::entities::organization;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::directory::network::CreateError;
    use crate::server::services::jobs::companies;
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    fn view_of(o: organization::Model) -> CompanyView {
        let status_text = match (o.status.as_str(), &o.decision_note) {
            (companies::PENDING, _) => "Esperando aprovação".to_string(),
            (companies::REFUSED, Some(n)) => format!("Recusada: {n}"),
            (companies::REFUSED, None) => "Recusada".to_string(),
            _ => "Aprovada".to_string(),
        };
        CompanyView {
            id: o.id,
            cnpj: cnpj_text(&o.cnpj),
            name: o.name,
            trade_name: o.trade_name,
            cnae: o.cnae,
            contact_email: o.contact_email,
            contact_phone: o.contact_phone,
            created_at: o.created_at,
            pending: o.status == companies::PENDING,
            status_text,
        }
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        aprovada: String,
        recusada: String,
    }

    pub async fn list(
        State(state): State<AppState>,
        me: StaffActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let (pending, decided) = companies::for_review(&state.db, &me).await?;
        let pending = pending.into_iter().map(view_of).collect();
        let decided = decided.into_iter().map(view_of).collect();
        let notice = if !q.aprovada.is_empty() {
            Some("Empresa aprovada. Ela já pode publicar vagas.")
        } else if !q.recusada.is_empty() {
            Some("Cadastro recusado. A empresa vê o motivo ao entrar.")
        } else {
            None
        };
        Ok(page(
            &state,
            StatusCode::OK,
            "Empresas",
            Some(me.actor.viewer()),
            move || view! { <CompaniesReviewPage pending decided notice/> },
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
        let company = view_of(companies::company_for_review(&state.db, me, id).await?);
        let title = company.name.clone();
        Ok(page(
            state,
            status,
            &title,
            Some(me.actor.viewer()),
            move || view! { <CompanyReviewPage company reason errors/> },
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
        approve: bool,
        reason: String,
    ) -> Result<Response, WebError> {
        match companies::decide(&state.db, &me, id, approve, &reason).await {
            Ok(()) => {
                let to = if approve {
                    "/equipe/empresas?aprovada=1"
                } else {
                    "/equipe/empresas?recusada=1"
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

    pub async fn approve(
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
