//! Encaminhamentos, receiver side (`/parceiro/encaminhamentos`): a RAESP partner sees only the
//! referrals addressed to it, with only what it needs (name, unit, service, the demand when the
//! person allowed it), and answers: accepted, refused (reason), no place, could not contact,
//! in attendance, done (outcome). The unit and the person see each answer.

use crate::pages::referrals::{ReferralCard, ReferralList};
use leptos::prelude::*;

#[component]
pub fn PartnerReferralsPage(cards: Vec<ReferralCard>, page: u64, pages: u64) -> impl IntoView {
    let href = |n: u64| format!("/parceiro/encaminhamentos?pagina={n}");
    let prev = (page > 1).then(|| href((page - 1).min(pages)));
    let next = (page < pages).then(|| href(page + 1));
    let empty = if page > pages {
        "Esta página não existe. Volte para a primeira página."
    } else {
        "Nenhum encaminhamento recebido."
    };
    view! {
        <h1>"Encaminhamentos recebidos"</h1>
        <p>"Pessoas que o Escritório Social encaminhou para a sua organização. Responda a cada uma: a pessoa e a equipe acompanham."</p>
        <ReferralList cards empty/>
        <crate::components::Pager page pages prev next/>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::PartnerReferralsPage;
    use crate::domain::FieldErrors;
    use crate::pages::referrals::handlers::{Notice, card, detail, refusal_errors};
    use crate::pages::referrals::{MoveForm, ReferralPage, offered_moves};
    use crate::server::actor::PartnerActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::case::referrals::{self as service, MoveError, Moving};
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    pub async fn list(
        State(state): State<AppState>,
        me: PartnerActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let page_no = crate::domain::form::page_number(&q.pagina);
        let (views, total) = service::partner_referrals(&state.db, &me, page_no).await?;
        let cards = views
            .iter()
            .map(|v| card(v, format!("/parceiro/encaminhamentos/{}", v.id)))
            .collect();
        let pages = total.div_ceil(service::LIST_PAGE).max(1);
        Ok(page(
            &state,
            StatusCode::OK,
            "Encaminhamentos recebidos",
            Some(me.actor.viewer()),
            move || view! { <PartnerReferralsPage cards page=page_no pages/> },
        ))
    }

    async fn show_page(
        state: &AppState,
        me: &PartnerActor,
        id: i32,
        status: StatusCode,
        form: MoveForm,
        errors: FieldErrors,
        notice: Option<&'static str>,
    ) -> Result<Response, WebError> {
        let v = service::partner_referral(&state.db, me, id).await?;
        let moves = offered_moves(&v.status, false);
        let detail = detail(v);
        let action = format!("/parceiro/encaminhamentos/{id}");
        Ok(page(
            state,
            status,
            "Encaminhamento",
            Some(me.actor.viewer()),
            move || view! { <ReferralPage detail back="/parceiro/encaminhamentos" action moves form errors notice/> },
        ))
    }

    pub async fn show(
        State(state): State<AppState>,
        me: PartnerActor,
        Path(id): Path<i32>,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let notice =
            (!q.salvo.is_empty()).then_some("Resposta registrada. A pessoa e a equipe já veem.");
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
        me: PartnerActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<MoveForm>,
    ) -> Result<Response, WebError> {
        match service::move_status(
            &state.db,
            Moving::Partner(&me),
            id,
            &form.situacao,
            &form.observacao,
        )
        .await
        {
            Ok(()) => Ok(
                Redirect::to(&format!("/parceiro/encaminhamentos/{id}?salvo=1")).into_response(),
            ),
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
