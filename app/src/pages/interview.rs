//! Acolhimento e entrevista (`/equipe/pessoas/{id}/entrevista`): what the person told, area by
//! area (situation, demands, emergency), and the documents checklist.

use crate::components::{ErrorSummary, SelectField, TextArea};
use crate::domain::FieldErrors;
use crate::domain::interview::{DOCUMENT_STATUSES, DOCUMENTS};
use crate::domain::services::area_label;
use crate::server::services::case::interview::AreaForm;
use leptos::prelude::*;
use std::collections::HashMap;

/// One area as the overview shows it.
#[derive(Clone, Debug)]
pub struct AreaLine {
    pub code: &'static str,
    pub label: &'static str,
    pub situation: Option<String>,
    pub demands: Option<String>,
    pub emergency: bool,
}

fn statuses() -> Vec<(String, String)> {
    DOCUMENT_STATUSES
        .iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect()
}

#[component]
pub fn InterviewPage(
    person_id: i32,
    person_name: String,
    areas: Vec<AreaLine>,
    documents: HashMap<String, String>,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> impl IntoView {
    let emergencies: Vec<&'static str> = areas
        .iter()
        .filter(|a| a.emergency)
        .map(|a| a.label)
        .collect();
    let items = areas
        .into_iter()
        .map(|a| {
            let href = format!("/equipe/pessoas/{person_id}/entrevista/{}", a.code);
            let recorded = a.situation.is_some() || a.demands.is_some() || a.emergency;
            let link = if recorded { "Editar" } else { "Registrar" };
            let link_label = format!("{link}: {}", a.label);
            view! {
                <li class="item">
                    <p class="item-title">{a.label} " " {a.emergency.then(|| view! { <span class="tag-alert">"Emergência"</span> })}</p>
                    {a.situation.map(|s| view! { <p class="prose"><strong>"Situação: "</strong>{s}</p> })}
                    {a.demands.map(|d| view! { <p class="prose"><strong>"Demandas: "</strong>{d}</p> })}
                    {(!recorded).then(|| view! { <p class="muted">"Ainda não conversado."</p> })}
                    <p><a href=href aria-label=link_label>{link}</a></p>
                </li>
            }
        })
        .collect_view();
    let docs = DOCUMENTS
        .iter()
        .map(|(code, label)| {
            let selected = documents.get(*code).cloned().unwrap_or_default();
            view! {
                <SelectField name=code label=label options=statuses() selected=selected errors=errors.clone() empty_label="Não perguntado"/>
            }
        })
        .collect_view();
    let back = format!("/equipe/pessoas/{person_id}");
    let action = format!("/equipe/pessoas/{person_id}/documentos");
    let plan = format!("/equipe/pessoas/{person_id}/plano");
    view! {
        <p><a href=back>{format!("← {person_name}")}</a></p>
        <h1>"Acolhimento e entrevista"</h1>
        <p class="lead">{person_name.clone()}</p>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {(!emergencies.is_empty()).then(|| view! {
            <div class="error-summary" role="note">
                <p class="error-title">"Emergências: resolva primeiro"</p>
                <p>{emergencies.join(", ")}</p>
            </div>
        })}
        <p>"Converse área por área, no ritmo da pessoa. Depois, monte o plano com ela."</p>
        <p><a href=plan>"Ir para o plano"</a></p>
        <ul class="items">{items}</ul>
        <h2 id="documentos">"Documentos"</h2>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action=action class="stack" novalidate>
            {docs}
            <button type="submit" class="primary">"Salvar documentos"</button>
        </form>
    }
}

#[component]
pub fn InterviewAreaPage(
    person_id: i32,
    person_name: String,
    code: &'static str,
    form: AreaForm,
    errors: FieldErrors,
) -> impl IntoView {
    let label = area_label(code);
    let action = format!("/equipe/pessoas/{person_id}/entrevista/{code}");
    let back = format!("/equipe/pessoas/{person_id}/entrevista");
    view! {
        <p><a href=back>"← Acolhimento e entrevista"</a></p>
        <h1>{label}</h1>
        <p class="lead">{person_name}</p>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action=action class="stack" novalidate>
            <TextArea name="situacao" label="Situação: o que a pessoa contou" value=form.situacao errors=errors.clone() maxlength=2000/>
            <TextArea name="demandas" label="Demandas: o que a pessoa pede" value=form.demandas errors=errors maxlength=2000/>
            <div class="check">
                <input type="checkbox" id="campo-emergencia" name="emergencia" value="1" checked=!form.emergencia.is_empty()/>
                <label for="campo-emergencia">"É uma emergência (comida, abrigo, saúde, roupa, transporte)"</label>
            </div>
            <button type="submit" class="primary">"Salvar"</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{AreaForm, AreaLine, InterviewAreaPage, InterviewPage};
    use crate::domain::FieldErrors;
    use crate::domain::services::AREAS;
    use crate::server::actor::StaffActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::case::interview;
    use crate::server::services::case::people::name_of;
    use crate::server::services::directory::network::CreateError;
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;
    use std::collections::HashMap;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        salvo: String,
        documentos: String,
    }

    async fn overview(
        state: &AppState,
        me: &StaffActor,
        id: i32,
        status: StatusCode,
        posted: Option<HashMap<String, String>>,
        errors: FieldErrors,
        notice: Option<&'static str>,
    ) -> Result<Response, WebError> {
        let record = interview::interview(&state.db, me, id).await?;
        let areas = AREAS
            .iter()
            .map(|(code, label)| {
                let row = record.areas.iter().find(|r| r.area == *code);
                AreaLine {
                    code,
                    label,
                    situation: row.and_then(|r| r.situation.clone()),
                    demands: row.and_then(|r| r.demands.clone()),
                    emergency: row.is_some_and(|r| r.emergency),
                }
            })
            .collect();
        let person_id = record.person.id;
        let person_name = name_of(&record.person);
        // After a refused save, the selects show what was chosen, not what is stored.
        let documents = posted.unwrap_or(record.documents);
        Ok(page(
            state,
            status,
            "Acolhimento e entrevista",
            Some(me.actor.viewer()),
            move || view! { <InterviewPage person_id person_name areas documents errors notice/> },
        ))
    }

    pub async fn show(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let notice = if !q.salvo.is_empty() {
            Some("Entrevista salva.")
        } else if !q.documentos.is_empty() {
            Some("Documentos salvos.")
        } else {
            None
        };
        overview(
            &state,
            &me,
            id,
            StatusCode::OK,
            None,
            FieldErrors::default(),
            notice,
        )
        .await
    }

    pub async fn save_documents(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<HashMap<String, String>>,
    ) -> Result<Response, WebError> {
        match interview::save_documents(&state.db, &me, id, &form).await {
            Ok(()) => Ok(Redirect::to(&format!(
                "/equipe/pessoas/{id}/entrevista?documentos=1#documentos"
            ))
            .into_response()),
            Err(CreateError::Invalid(errors)) => {
                overview(
                    &state,
                    &me,
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Some(form),
                    errors,
                    None,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    fn area_page(
        state: &AppState,
        me: &StaffActor,
        person: &crate::server::entities::person::Model,
        code: &'static str,
        status: StatusCode,
        form: AreaForm,
        errors: FieldErrors,
    ) -> Response {
        let person_id = person.id;
        let person_name = name_of(person);
        page(
            state,
            status,
            crate::domain::services::area_label(code),
            Some(me.actor.viewer()),
            move || view! { <InterviewAreaPage person_id person_name code form errors/> },
        )
    }

    pub async fn edit_area(
        State(state): State<AppState>,
        me: StaffActor,
        Path((id, area)): Path<(i32, String)>,
    ) -> Result<Response, WebError> {
        let (person, code, form) = interview::area_form(&state.db, &me, id, &area).await?;
        Ok(area_page(
            &state,
            &me,
            &person,
            code,
            StatusCode::OK,
            form,
            FieldErrors::default(),
        ))
    }

    pub async fn save_area(
        State(state): State<AppState>,
        me: StaffActor,
        Path((id, area)): Path<(i32, String)>,
        PostedForm(form): PostedForm<AreaForm>,
    ) -> Result<Response, WebError> {
        match interview::save_area(&state.db, &me, id, &area, &form).await {
            Ok(()) => Ok(
                Redirect::to(&format!("/equipe/pessoas/{id}/entrevista?salvo=1")).into_response(),
            ),
            Err(CreateError::Invalid(errors)) => {
                let (person, code, _) = interview::area_form(&state.db, &me, id, &area).await?;
                Ok(area_page(
                    &state,
                    &me,
                    &person,
                    code,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                ))
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }
}
