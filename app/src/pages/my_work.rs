//! `/inicio/trabalho`: "Como está o trabalho?" When a check-in about the person's job comes up
//! (30, 90 and 180 days after the start), they can answer from their phone, even without
//! network (the phone keeps the answer and sends it later: pwa/sw.js, "Offline writes").

use crate::components::{ErrorSummary, SelectField, TextArea};
use crate::domain::FieldErrors;
use crate::domain::retention::ANSWERS;
use crate::server::services::jobs::check_in_answers::{AnswerForm, NOTE_MAX};
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct CheckInLine {
    pub id: i32,
    /// "Ajudante de obras · Construtora Exemplo"
    pub job: String,
    pub mark: i32,
    /// "Está tudo bem (02/12/2026 às 10:15)", once answered.
    pub answered: Option<String>,
    pub note: Option<String>,
}

#[component]
pub fn MyWorkPage(
    lines: Vec<CheckInLine>,
    form: AnswerForm,
    errors: FieldErrors,
    notice: Option<String>,
    /// Why the answer was not recorded (the team recorded the conversation first, or another
    /// answer came first).
    conflict: Option<String>,
) -> impl IntoView {
    // One form on the page (its field ids are unique): the first check-in not yet answered.
    let next = lines.iter().find(|l| l.answered.is_none()).cloned();
    let answered = lines
        .iter()
        .filter_map(|l| {
            l.answered.clone().map(|a| {
                let note = l.note.clone();
                view! {
                    <li class="item">
                        <p class="item-title">{format!("{} · {} dias", l.job, l.mark)}</p>
                        <p>{format!("Você respondeu: {a}")}</p>
                        {note.map(|n| view! { <p class="muted">{n}</p> })}
                    </li>
                }
            })
        })
        .collect_view();
    let empty = lines.is_empty();
    let options: Vec<(String, String)> = ANSWERS
        .iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect();
    view! {
        <h1>"Como está o trabalho?"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {conflict.map(|c| view! { <p class="notice warning" role="alert">{c}</p> })}
        {empty.then(|| view! {
            <p>"Nada para responder agora. Quando chegar a hora de uma conversa sobre o seu trabalho, ela aparece aqui."</p>
        })}
        {next.map(|l| {
            let action = format!("/inicio/trabalho/{}", l.id);
            view! {
                <section class="area" aria-labelledby="pergunta">
                    <h2 id="pergunta">{format!("{} · {} dias de trabalho", l.job, l.mark)}</h2>
                    <p>"A equipe do Escritório Social quer saber como você está. Sua resposta vai só para a equipe, nunca para a empresa."</p>
                    <ErrorSummary errors=errors.clone() general=None/>
                    <form method="post" action=action class="stack" novalidate data-fila="conversa">
                        <input type="hidden" name="conta" value=form.conta.clone()/>
                        <SelectField name="resposta" label="Como está o trabalho?" options=options selected=form.resposta.clone() errors=errors.clone() empty_label="Escolha"/>
                        <TextArea name="recado" label="Quer contar algo? (opcional)" hint="Exemplo: mudou meu horário, preciso de ajuda com transporte." value=form.recado.clone() errors=errors maxlength=NOTE_MAX as u32/>
                        <button type="submit" class="primary">"Enviar resposta"</button>
                    </form>
                </section>
            }
        })}
        <ul class="items">{answered}</ul>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{CheckInLine, MyWorkPage};
    use crate::domain::FieldErrors;
    use crate::domain::dates::br_datetime;
    use crate::server::actor::EgressoActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::offline;
    use crate::server::render::page;
    use crate::server::services::jobs::check_in_answers::{self, AnswerError, AnswerForm};
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        enviada: String,
    }

    async fn render(
        state: &AppState,
        me: &EgressoActor,
        status: StatusCode,
        form: AnswerForm,
        errors: FieldErrors,
        notice: Option<String>,
        conflict: Option<String>,
    ) -> Result<Response, WebError> {
        let lines = check_in_answers::open_check_ins(&state.db, me)
            .await?
            .into_iter()
            .map(|c| CheckInLine {
                id: c.id,
                job: format!("{} · {}", c.job_title, c.employer),
                mark: c.day_mark,
                note: c.answered.as_ref().and_then(|a| a.1.clone()),
                answered: c
                    .answered
                    .map(|(words, _, at)| format!("{words} ({})", br_datetime(at))),
            })
            .collect();
        let form = AnswerForm {
            conta: offline::owner_mark(state, me.actor.user_id),
            ..form
        };
        Ok(page(
            state,
            status,
            "Como está o trabalho?",
            Some(me.actor.viewer()),
            move || view! { <MyWorkPage lines form errors notice conflict/> },
        ))
    }

    pub async fn show(
        State(state): State<AppState>,
        me: EgressoActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let notice = (!q.enviada.is_empty())
            .then(|| "Resposta enviada. Obrigado! A equipe vai ler.".to_string());
        render(
            &state,
            &me,
            StatusCode::OK,
            AnswerForm::default(),
            FieldErrors::default(),
            notice,
            None,
        )
        .await
    }

    pub async fn answer(
        State(state): State<AppState>,
        me: EgressoActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<AnswerForm>,
    ) -> Result<Response, WebError> {
        if !offline::is_owner(&state, me.actor.user_id, &form.conta) {
            return Ok(offline::other_account(&state, &me.actor));
        }
        match check_in_answers::answer(&state.db, &me, id, &form).await {
            Ok(()) => Ok(Redirect::to("/inicio/trabalho?enviada=1").into_response()),
            Err(AnswerError::Invalid(errors)) => {
                render(
                    &state,
                    &me,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                    None,
                    None,
                )
                .await
            }
            Err(AnswerError::Conflict(reason)) => {
                // What the person wrote is shown back with the reason, never dropped.
                let mut shown = reason.clone();
                if !form.recado.trim().is_empty() {
                    shown.push_str(&format!(" O que você escreveu: “{}”", form.recado.trim()));
                }
                let response = render(
                    &state,
                    &me,
                    StatusCode::CONFLICT,
                    AnswerForm::default(),
                    FieldErrors::default(),
                    None,
                    Some(shown),
                )
                .await?;
                Ok(offline::with_reason(response, &reason))
            }
            Err(AnswerError::Internal(e)) => Err(e),
        }
    }
}
