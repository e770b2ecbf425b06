//! Enrolment requests for courses, as each side sees them: the person ("Meus cursos"), the
//! provider (`/parceiro/inscricoes`) and the person's unit (`/equipe/inscricoes`).

use crate::domain::courses::{ENROLMENT_STATUSES, label};
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct MyCourseLine {
    pub enrolment_id: i32,
    pub course_id: i32,
    pub title: String,
    pub provider: String,
    pub status: String,
    pub date: String,
}

#[component]
pub fn MyCoursesPage(lines: Vec<MyCourseLine>, notice: Option<&'static str>) -> impl IntoView {
    let empty = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|l| {
            let href = format!("/cursos/{}", l.course_id);
            let action = format!("/inicio/cursos/{}/cancelar", l.enrolment_id);
            let active = l.status != "cancelada";
            view! {
                <li class="item">
                    <p class="item-title"><a href=href>{l.title}</a></p>
                    <p>{l.provider}</p>
                    <p><strong>{label(&ENROLMENT_STATUSES, &l.status)}</strong></p>
                    <p class="muted">{format!("Atualizado em {}", l.date)}</p>
                    {active.then(|| view! {
                        <form method="post" action=action>
                            <button type="submit" class="secondary">"Cancelar inscrição"</button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Meus cursos"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {empty.then(|| view! { <p>"Você ainda não pediu inscrição em nenhum curso. " <a href="/cursos">"Ver cursos"</a></p> })}
        <ul class="items">{items}</ul>
    }
}

/// A request as the provider or the unit sees it.
#[derive(Clone, Debug)]
pub struct RequestLine {
    pub id: i32,
    pub person: String,
    pub contact: Option<String>,
    pub course: String,
    pub provider: String,
    pub status: String,
    pub date: String,
}

#[component]
pub fn ProviderRequestsPage(
    lines: Vec<RequestLine>,
    notice: Option<&'static str>,
) -> impl IntoView {
    let empty = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|l| {
            let action = format!("/parceiro/inscricoes/{}/responder", l.id);
            let waiting = l.status == "solicitada";
            view! {
                <li class="item">
                    <p class="item-title">{l.person}</p>
                    <p>{l.course}</p>
                    <p>"Contato: " {l.contact}</p>
                    <p><strong>{label(&ENROLMENT_STATUSES, &l.status)}</strong></p>
                    <p class="muted">{format!("Pedido em {}", l.date)}</p>
                    {waiting.then(|| view! {
                        <form method="post" action=action.clone() class="inline-actions">
                            <input type="hidden" name="resposta" value="confirmada"/>
                            <button type="submit" class="primary">"Confirmar vaga"</button>
                        </form>
                        <form method="post" action=action class="inline-actions">
                            <input type="hidden" name="resposta" value="sem_vaga"/>
                            <button type="submit" class="secondary">"Não há vaga"</button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Pedidos de inscrição"</h1>
        <p>"Pessoas que pediram vaga nos cursos da sua organização. Use o contato só para combinar a matrícula."</p>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {empty.then(|| view! { <p>"Nenhum pedido por enquanto."</p> })}
        <ul class="items">{items}</ul>
    }
}

#[component]
pub fn UnitRequestsPage(lines: Vec<RequestLine>) -> impl IntoView {
    let empty = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|l| {
            view! {
                <li class="item">
                    <p class="item-title">{l.person}</p>
                    <p>{l.course} " · " {l.provider}</p>
                    <p><strong>{label(&ENROLMENT_STATUSES, &l.status)}</strong></p>
                    <p class="muted">{format!("Pedido em {}", l.date)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Inscrições em cursos"</h1>
        <p>"Pedidos das pessoas atendidas pela sua unidade."</p>
        {empty.then(|| view! { <p>"Nenhum pedido por enquanto."</p> })}
        <ul class="items">{items}</ul>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{MyCourseLine, MyCoursesPage, ProviderRequestsPage, RequestLine, UnitRequestsPage};
    use crate::domain::dates;
    use crate::server::actor::{EgressoActor, PartnerActor, StaffActor};
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::courses::{self as service, EnrolmentLine};
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        enviado: String,
        cancelado: String,
        respondido: String,
    }

    pub async fn mine(
        State(state): State<AppState>,
        me: EgressoActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let lines = service::my_enrolments(&state.db, &me)
            .await?
            .into_iter()
            .map(|m| MyCourseLine {
                enrolment_id: m.enrolment.id,
                course_id: m.course.id,
                title: m.course.title,
                provider: m.provider,
                status: m.enrolment.status,
                date: dates::br_date(m.enrolment.updated_at),
            })
            .collect();
        let notice = if !q.enviado.is_empty() {
            Some("Pedido enviado. A organização do curso vai entrar em contato.")
        } else if !q.cancelado.is_empty() {
            Some("Inscrição cancelada.")
        } else {
            None
        };
        Ok(page(
            &state,
            StatusCode::OK,
            "Meus cursos",
            Some(me.actor.viewer()),
            move || view! { <MyCoursesPage lines notice/> },
        ))
    }

    pub async fn cancel(
        State(state): State<AppState>,
        me: EgressoActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        service::cancel(&state.db, &me, id).await?;
        Ok(Redirect::to("/inicio/cursos?cancelado=1").into_response())
    }

    fn request_line(l: EnrolmentLine, with_contact: bool) -> RequestLine {
        RequestLine {
            id: l.id,
            person: l.person_name,
            contact: with_contact.then_some(l.contact),
            course: l.course_title,
            provider: l.provider,
            status: l.status,
            date: dates::br_date(l.requested_at),
        }
    }

    pub async fn provider(
        State(state): State<AppState>,
        me: PartnerActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let lines = service::provider_enrolments(&state.db, &me)
            .await?
            .into_iter()
            .map(|l| request_line(l, true))
            .collect();
        let notice =
            (!q.respondido.is_empty()).then_some("Resposta registrada. A pessoa já vê a resposta.");
        Ok(page(
            &state,
            StatusCode::OK,
            "Pedidos de inscrição",
            Some(me.actor.viewer()),
            move || view! { <ProviderRequestsPage lines notice/> },
        ))
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Answer {
        resposta: String,
    }

    pub async fn answer(
        State(state): State<AppState>,
        me: PartnerActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<Answer>,
    ) -> Result<Response, WebError> {
        service::provider_answer(&state.db, &me, id, &form.resposta).await?;
        Ok(Redirect::to("/parceiro/inscricoes?respondido=1").into_response())
    }

    pub async fn unit(State(state): State<AppState>, me: StaffActor) -> Result<Response, WebError> {
        let lines = service::unit_enrolments(&state.db, &me)
            .await?
            .into_iter()
            .map(|l| request_line(l, false))
            .collect();
        Ok(page(
            &state,
            StatusCode::OK,
            "Inscrições em cursos",
            Some(me.actor.viewer()),
            move || view! { <UnitRequestsPage lines/> },
        ))
    }
}
