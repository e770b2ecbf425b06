//! Encaminhamentos, staff side (`/equipe/encaminhamentos`): refer a person of the unit to a
//! service of the directory (with the consent gate), follow each referral and its history,
//! record an answer given by phone, cancel. The receiver's side is `referrals_partner.rs`.

use crate::components::picker::{self, Picker, PickerField};
use crate::components::{ErrorSummary, SelectField, TextArea};
use crate::domain::referrals::{self, label};
use crate::domain::{FieldErrors, dates};
use crate::server::services::case::referrals::ReferralForm;
use leptos::prelude::*;

/// The status-change form, as typed (both sides).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MoveForm {
    pub situacao: String,
    pub observacao: String,
}

/// One referral, for a list or its page.
#[derive(Clone, Debug)]
pub struct ReferralCard {
    pub href: String,
    pub person: String,
    pub service: String,
    pub organization: String,
    pub status: String,
    pub status_note: Option<String>,
    pub updated: String,
}

#[component]
pub fn ReferralList(cards: Vec<ReferralCard>, empty: &'static str) -> impl IntoView {
    let none = cards.is_empty();
    let items = cards
        .into_iter()
        .map(|c| {
            view! {
                <li class="item">
                    <p class="item-title"><a href=c.href>{c.person}</a></p>
                    <p>{c.service} " · " {c.organization}</p>
                    <p><strong>{label(&c.status)}</strong></p>
                    {c.status_note.map(|n| view! { <p class="prose">{n}</p> })}
                    <p class="muted">{format!("Atualizado em {}", c.updated)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        {none.then(|| view! { <p>{empty}</p> })}
        <ul class="items">{items}</ul>
    }
}

#[component]
pub fn UnitReferralsPage(
    cards: Vec<ReferralCard>,
    notice: Option<&'static str>,
    page: u64,
    pages: u64,
) -> impl IntoView {
    let href = |n: u64| format!("/equipe/encaminhamentos?pagina={n}");
    let prev = (page > 1).then(|| href((page - 1).min(pages)));
    let next = (page < pages).then(|| href(page + 1));
    let empty = if page > pages {
        "Esta página não existe. Volte para a primeira página."
    } else {
        "Nenhum encaminhamento ainda."
    };
    view! {
        <h1>"Encaminhamentos"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <p><a class="button-link" href="/equipe/encaminhamentos/novo">"Novo encaminhamento"</a></p>
        <ReferralList cards empty/>
        <crate::components::Pager page pages prev next/>
    }
}

#[component]
pub fn NewReferralPage(
    form: ReferralForm,
    errors: FieldErrors,
    people: Picker,
    services: Picker,
) -> impl IntoView {
    let consent_error = errors.get("consentimento").map(str::to_string);
    let invalid = consent_error.is_some();
    view! {
        <p><a href="/equipe/encaminhamentos">"← Encaminhamentos"</a></p>
        <h1>"Novo encaminhamento"</h1>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action="/equipe/encaminhamentos/novo" class="stack" novalidate>
            <PickerField picker=people query=form.busca_pessoa.clone() errors=errors.clone() text=&picker::PERSON/>
            <PickerField picker=services query=form.busca.clone() errors=errors.clone() text=&picker::SERVICE/>
            <TextArea name="demanda" label="Do que a pessoa precisa" hint="Escreva só o necessário para o atendimento." value=form.demanda errors=errors.clone() maxlength=2000/>
            <div class="check">
                <input type="checkbox" id="campo-compartilhar" name="compartilhar" value="1" checked=!form.compartilhar.is_empty()/>
                <label for="campo-compartilhar">"Enviar este texto para a organização"</label>
            </div>
            <div class="field" class:has-error=invalid>
                {consent_error.map(|e| view! { <p class="field-error" id="erro-consentimento">{e}</p> })}
                <div class="check">
                    <input type="checkbox" id="campo-consentimento" name="consentimento" value="1" checked=!form.consentimento.is_empty()
                        aria-describedby=invalid.then_some("erro-consentimento") aria-invalid=invalid.then_some("true")/>
                    <label for="campo-consentimento">"A pessoa autorizou enviar o caso para esta organização"</label>
                </div>
            </div>
            <TextArea name="justificativa" label="Sem autorização: por que é preciso enviar?" hint="Só em caso de necessidade. Fica registrado e a pessoa pode ver." value=form.justificativa errors=errors maxlength=1000/>
            <button type="submit" class="primary">"Encaminhar"</button>
        </form>
    }
}

#[derive(Clone, Debug)]
pub struct ReferralDetail {
    pub person: String,
    pub unit: String,
    pub service: String,
    pub organization: String,
    pub area: &'static str,
    pub demand: Option<String>,
    pub shares_case: bool,
    pub override_justification: Option<String>,
    pub status: String,
    pub status_note: Option<String>,
    pub created: String,
    pub history: Vec<String>,
}

/// The page of one referral, for staff (`action_base` = /equipe/...) or the receiver.
#[component]
pub fn ReferralPage(
    detail: ReferralDetail,
    back: &'static str,
    action: String,
    moves: Vec<&'static str>,
    form: MoveForm,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> impl IntoView {
    let options = moves
        .iter()
        .map(|m| (m.to_string(), label(m).to_string()))
        .collect::<Vec<_>>();
    let history = detail
        .history
        .into_iter()
        .map(|h| view! { <li>{h}</li> })
        .collect_view();
    let sharing = match (detail.shares_case, detail.override_justification) {
        (false, _) => "A demanda não foi enviada para a organização.".to_string(),
        (true, None) => "A demanda foi enviada com autorização da pessoa.".to_string(),
        (true, Some(j)) => format!("A demanda foi enviada sem autorização. Justificativa: {j}"),
    };
    view! {
        <p><a href=back>"← Encaminhamentos"</a></p>
        <h1>{detail.person}</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <dl class="data">
            <dt>"Situação"</dt><dd><strong>{label(&detail.status)}</strong></dd>
            {detail.status_note.map(|n| view! { <dt>"Observação"</dt><dd class="prose">{n}</dd> })}
            <dt>"Serviço"</dt><dd>{detail.service}</dd>
            <dt>"Organização"</dt><dd>{detail.organization}</dd>
            <dt>"Área"</dt><dd>{detail.area}</dd>
            <dt>"Encaminhado por"</dt><dd>{detail.unit}</dd>
            <dt>"Enviado em"</dt><dd>{detail.created}</dd>
        </dl>
        <h2>"Do que a pessoa precisa"</h2>
        {match detail.demand {
            Some(d) => view! { <p class="prose">{d}</p> }.into_any(),
            None => view! { <p>"A pessoa não autorizou enviar o caso. Combine o atendimento com o Escritório Social."</p> }.into_any(),
        }}
        <p class="muted">{sharing}</p>
        <ErrorSummary errors=errors.clone() general=None/>
        {(!options.is_empty()).then(|| view! {
            <h2>"Registrar resposta"</h2>
            <form method="post" action=action class="stack" novalidate>
                <SelectField name="situacao" label="Nova situação" options=options selected=form.situacao errors=errors.clone() empty_label="Escolha"/>
                <TextArea name="observacao" label="Observação" hint="Obrigatória para recusa (o motivo) e para concluído (como terminou)." value=form.observacao errors=errors maxlength=1000/>
                <button type="submit" class="primary">"Salvar"</button>
            </form>
        })}
        <h2>"Histórico"</h2>
        <ul class="hours">{history}</ul>
    }
}

pub fn history_line(
    at: i64,
    from: Option<&str>,
    to: &str,
    note: Option<&str>,
    who: &str,
) -> String {
    let change = match from {
        None => format!("enviado ({})", label(to)),
        Some(f) => format!("{} → {}", label(f), label(to)),
    };
    let note = note.map(|n| format!(": {n}")).unwrap_or_default();
    format!("{} — {who}: {change}{note}", dates::br_date(at))
}

/// Moves a given side may offer from a status (cancelling is the unit's).
pub fn offered_moves(status: &str, unit: bool) -> Vec<&'static str> {
    referrals::next(status)
        .iter()
        .copied()
        .filter(|m| unit || *m != "cancelado")
        .collect()
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{
        MoveForm, NewReferralPage, ReferralCard, ReferralDetail, ReferralForm, ReferralPage,
        UnitReferralsPage, history_line, offered_moves,
    };
    use crate::domain::services::area_label;
    use crate::domain::{FieldErrors, dates};
    use crate::server::actor::StaffActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::case::referrals::{
        self as service, MoveError, Moving, ReferralView,
    };
    use crate::server::services::directory::network::CreateError;
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    pub fn card(v: &ReferralView, href: String) -> ReferralCard {
        ReferralCard {
            href,
            person: v.person.clone(),
            service: v.service.clone(),
            organization: v.organization.clone(),
            status: v.status.clone(),
            status_note: v.status_note.clone(),
            updated: dates::br_date(v.updated_at),
        }
    }

    pub fn detail(v: ReferralView) -> ReferralDetail {
        ReferralDetail {
            person: v.person,
            unit: v.unit,
            service: v.service,
            organization: v.organization,
            area: area_label(&v.area),
            demand: v.demand,
            shares_case: v.shares_case,
            override_justification: v.override_justification,
            created: dates::br_date(v.created_at),
            history: v
                .history
                .iter()
                .map(|h| history_line(h.at, h.from.as_deref(), &h.to, h.note.as_deref(), &h.who))
                .collect(),
            status: v.status,
            status_note: v.status_note,
        }
    }

    /// A refused move, as an error beside the field at fault.
    pub fn refusal_errors(e: &crate::domain::referrals::TransitionError) -> FieldErrors {
        use crate::domain::referrals::TransitionError::{OutcomeRequired, ReasonRequired};
        let mut errors = FieldErrors::default();
        let field = match e {
            ReasonRequired | OutcomeRequired => "observacao",
            _ => "situacao",
        };
        errors.add(field, e.to_string());
        errors
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        pub enviado: String,
        pub salvo: String,
        pub pagina: String,
    }

    pub async fn list(
        State(state): State<AppState>,
        me: StaffActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let page_no = crate::domain::form::page_number(&q.pagina);
        let (views, total) = service::unit_referrals(&state.db, &me, page_no).await?;
        let cards = views
            .iter()
            .map(|v| card(v, format!("/equipe/encaminhamentos/{}", v.id)))
            .collect();
        let pages = total.div_ceil(service::LIST_PAGE).max(1);
        let notice = (!q.enviado.is_empty()).then_some("Encaminhamento enviado.");
        Ok(page(
            &state,
            StatusCode::OK,
            "Encaminhamentos",
            Some(me.actor.viewer()),
            move || view! { <UnitReferralsPage cards notice page=page_no pages/> },
        ))
    }

    async fn form_page(
        state: &AppState,
        me: &StaffActor,
        status: StatusCode,
        form: ReferralForm,
        errors: FieldErrors,
    ) -> Result<Response, WebError> {
        let people =
            service::person_picker(&state.db, me, &form.pessoa, &form.busca_pessoa).await?;
        let services = service::service_picker(&state.db, &form.servico, &form.busca).await?;
        Ok(page(
            state,
            status,
            "Novo encaminhamento",
            Some(me.actor.viewer()),
            move || view! { <NewReferralPage form errors people services/> },
        ))
    }

    pub async fn new_form(
        State(state): State<AppState>,
        me: StaffActor,
    ) -> Result<Response, WebError> {
        form_page(
            &state,
            &me,
            StatusCode::OK,
            ReferralForm::default(),
            FieldErrors::default(),
        )
        .await
    }

    pub async fn create(
        State(state): State<AppState>,
        me: StaffActor,
        PostedForm(form): PostedForm<ReferralForm>,
    ) -> Result<Response, WebError> {
        if form.acao.starts_with("buscar") {
            // Only a search (person or service; Enter in either box presses the first button,
            // so both are searched): nothing is saved, everything typed comes back.
            return form_page(&state, &me, StatusCode::OK, form, FieldErrors::default()).await;
        }
        match service::create(&state.db, &me, &form).await {
            Ok(_) => Ok(Redirect::to("/equipe/encaminhamentos?enviado=1").into_response()),
            Err(CreateError::Invalid(errors)) => {
                form_page(&state, &me, StatusCode::UNPROCESSABLE_ENTITY, form, errors).await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    async fn show_page(
        state: &AppState,
        me: &StaffActor,
        id: i32,
        status: StatusCode,
        form: MoveForm,
        errors: FieldErrors,
        notice: Option<&'static str>,
    ) -> Result<Response, WebError> {
        let v = service::unit_referral(&state.db, me, id).await?;
        let moves = offered_moves(&v.status, true);
        let detail = detail(v);
        let action = format!("/equipe/encaminhamentos/{id}");
        Ok(page(
            state,
            status,
            "Encaminhamento",
            Some(me.actor.viewer()),
            move || view! { <ReferralPage detail back="/equipe/encaminhamentos" action moves form errors notice/> },
        ))
    }

    pub async fn show(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let notice = (!q.salvo.is_empty()).then_some("Situação registrada.");
        show_page(
            &state,
            &me,
            id,
            StatusCode::OK,
            MoveForm::default(),
            FieldErrors::default(),
            notice,
        )
        .await
    }

    pub async fn move_status(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<MoveForm>,
    ) -> Result<Response, WebError> {
        match service::move_status(
            &state.db,
            Moving::Staff(&me),
            id,
            &form.situacao,
            &form.observacao,
        )
        .await
        {
            Ok(()) => {
                Ok(Redirect::to(&format!("/equipe/encaminhamentos/{id}?salvo=1")).into_response())
            }
            Err(MoveError::Refused(e)) => {
                let errors = refusal_errors(&e);
                show_page(
                    &state,
                    &me,
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                    None,
                )
                .await
            }
            Err(MoveError::Web(e)) => Err(e),
        }
    }
}
