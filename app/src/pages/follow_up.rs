//! Acompanhamento (`/equipe/pessoas/{id}/acompanhamento`): the contacts with a person, newest
//! first, and the form to record one. Confidential notes are marked as such.

use crate::components::{ErrorSummary, SelectField, TextArea, TextField};
use crate::domain::FieldErrors;
use crate::domain::follow_up::{CONTACT_KINDS, contact_label};
use crate::domain::plan::iso_to_br;
use crate::server::services::case::follow_ups::FollowUpForm;
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct ContactLine {
    pub kind: String,
    pub day: String,
    pub summary: String,
    pub confidential: bool,
    pub author: String,
}

#[component]
pub fn FollowUpPage(
    person_id: i32,
    person_name: String,
    lines: Vec<ContactLine>,
    form: FollowUpForm,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> impl IntoView {
    let empty = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|l| {
            let head = format!("{} · {}", iso_to_br(&l.day), contact_label(&l.kind));
            view! {
                <li class="item">
                    <p class="item-title">{head} " " {l.confidential.then(|| view! { <span class="tag-alert">"Nota técnica sigilosa"</span> })}</p>
                    <p class="prose">{l.summary}</p>
                    <p class="muted">{format!("Registrado por {}", l.author)}</p>
                </li>
            }
        })
        .collect_view();
    let kinds: Vec<(String, String)> = CONTACT_KINDS
        .iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect();
    let back = format!("/equipe/pessoas/{person_id}");
    let action = format!("/equipe/pessoas/{person_id}/acompanhamento");
    view! {
        <p><a href=back>{format!("← {person_name}")}</a></p>
        <h1>"Acompanhamento"</h1>
        <p class="lead">{person_name.clone()}</p>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <h2>"Registrar contato"</h2>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action=action class="stack" novalidate>
            <SelectField name="tipo" label="Como foi o contato" options=kinds selected=form.tipo errors=errors.clone() empty_label="Escolha"/>
            <TextField name="data" label="Dia" input_type="date" value=form.data errors=errors.clone()/>
            <TextArea name="resumo" label="O que foi conversado" value=form.resumo errors=errors maxlength=4000/>
            <div class="check">
                <input type="checkbox" id="campo-confidencial" name="confidencial" value="1" checked=!form.confidencial.is_empty()/>
                <label for="campo-confidencial">"Nota técnica sigilosa: só a equipe da unidade vê (nem a pessoa, nem parceiros, nem empresas)"</label>
            </div>
            <button type="submit" class="primary">"Registrar contato"</button>
        </form>
        <h2>"Contatos"</h2>
        {empty.then(|| view! { <p>"Nenhum contato registrado."</p> })}
        <ul class="items">{items}</ul>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{ContactLine, FollowUpForm, FollowUpPage};
    use crate::domain::{FieldErrors, dates};
    use crate::server::actor::StaffActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::now;
    use crate::server::render::page;
    use crate::server::services::case::follow_ups;
    use crate::server::services::case::people::name_of;
    use crate::server::services::directory::network::CreateError;
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        registrado: String,
    }

    async fn render(
        state: &AppState,
        me: &StaffActor,
        id: i32,
        status: StatusCode,
        form: FollowUpForm,
        errors: FieldErrors,
        notice: Option<&'static str>,
    ) -> Result<Response, WebError> {
        let (person, rows) = follow_ups::list(&state.db, me, id).await?;
        let lines = rows
            .into_iter()
            .map(|r| ContactLine {
                kind: r.kind,
                day: r.day,
                summary: r.summary,
                confidential: r.confidential,
                author: r.author,
            })
            .collect();
        let person_id = person.id;
        let person_name = name_of(&person);
        Ok(page(
            state,
            status,
            "Acompanhamento",
            Some(me.actor.viewer()),
            move || view! { <FollowUpPage person_id person_name lines form errors notice/> },
        ))
    }

    pub async fn show(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let notice = (!q.registrado.is_empty()).then_some("Contato registrado.");
        let form = FollowUpForm {
            data: dates::iso_date(now()),
            ..Default::default()
        };
        render(
            &state,
            &me,
            id,
            StatusCode::OK,
            form,
            FieldErrors::default(),
            notice,
        )
        .await
    }

    pub async fn create(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<FollowUpForm>,
    ) -> Result<Response, WebError> {
        match follow_ups::create(&state.db, &me, id, &form).await {
            Ok(()) => Ok(Redirect::to(&format!(
                "/equipe/pessoas/{id}/acompanhamento?registrado=1"
            ))
            .into_response()),
            Err(CreateError::Invalid(errors)) => {
                render(
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
            Err(CreateError::Internal(e)) => Err(e),
        }
    }
}
