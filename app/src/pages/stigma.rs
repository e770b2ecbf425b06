//! Estigma (`/equipe/pessoas/{id}/estigma`): episodes the person lived, what the team did,
//! how it ended. One form records a new episode; each episode opens to be completed.

use crate::components::{ErrorSummary, SelectField, TextArea, TextField};
use crate::domain::FieldErrors;
use crate::domain::plan::iso_to_br;
use crate::domain::stigma::{KINDS, SETTINGS, kind_name, label};
use crate::server::services::case::stigma_episodes::EpisodeForm;
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct EpisodeLine {
    pub id: i32,
    pub kind: String,
    pub setting: String,
    pub day: String,
    pub what: String,
    pub action: Option<String>,
    pub outcome: Option<String>,
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect()
}

#[component]
fn EpisodeFields(form: EpisodeForm, errors: FieldErrors) -> impl IntoView {
    view! {
        <SelectField name="tipo" label="Tipo de estigma" options=pairs(&KINDS) selected=form.tipo errors=errors.clone() empty_label="Escolha"/>
        <SelectField name="onde" label="Onde aconteceu" options=pairs(&SETTINGS) selected=form.onde errors=errors.clone() empty_label="Escolha"/>
        <TextField name="data" label="Quando" input_type="date" value=form.data errors=errors.clone()/>
        <TextArea name="o_que" label="O que aconteceu" hint="Com as palavras da pessoa." value=form.o_que errors=errors.clone() maxlength=4000/>
        <TextArea name="acao" label="O que a equipe fez (opcional)" hint="Exemplo: conversa com a empresa, apoio psicológico, orientação jurídica." value=form.acao errors=errors.clone() maxlength=2000/>
        <TextArea name="desfecho" label="Como terminou (opcional)" value=form.desfecho errors=errors maxlength=2000/>
    }
}

#[component]
pub fn StigmaPage(
    person_id: i32,
    person_name: String,
    episodes: Vec<EpisodeLine>,
    form: EpisodeForm,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> impl IntoView {
    let empty = episodes.is_empty();
    let items = episodes
        .into_iter()
        .map(|e| {
            let head = format!(
                "{} · {} · {}",
                iso_to_br(&e.day),
                kind_name(&e.kind),
                label(&SETTINGS, &e.setting)
            );
            let href = format!("/equipe/pessoas/{person_id}/estigma/{}", e.id);
            let open = e.outcome.is_none();
            view! {
                <li class="item">
                    <p class="item-title">{head}</p>
                    <p class="prose">{e.what}</p>
                    {e.action.map(|a| view! { <p class="prose"><strong>"O que a equipe fez: "</strong>{a}</p> })}
                    {e.outcome.map(|o| view! { <p class="prose"><strong>"Como terminou: "</strong>{o}</p> })}
                    <p><a href=href>{if open { "Registrar ação e desfecho" } else { "Editar" }}</a></p>
                </li>
            }
        })
        .collect_view();
    let back = format!("/equipe/pessoas/{person_id}");
    let action = format!("/equipe/pessoas/{person_id}/estigma");
    view! {
        <p><a href=back>{format!("← {person_name}")}</a></p>
        <h1>"Estigma"</h1>
        <p class="lead">{person_name.clone()}</p>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <p>"Registre quando a pessoa foi tratada de forma diferente por ter passado pela prisão, o que a equipe fez e como terminou."</p>
        <h2>"Episódios"</h2>
        {empty.then(|| view! { <p>"Nenhum episódio registrado."</p> })}
        <ul class="items">{items}</ul>
        <h2>"Registrar episódio"</h2>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action=action class="stack" novalidate>
            <EpisodeFields form errors/>
            <button type="submit" class="primary">"Registrar episódio"</button>
        </form>
    }
}

#[component]
pub fn EpisodePage(
    person_id: i32,
    person_name: String,
    id: i32,
    form: EpisodeForm,
    errors: FieldErrors,
) -> impl IntoView {
    let back = format!("/equipe/pessoas/{person_id}/estigma");
    let action = format!("/equipe/pessoas/{person_id}/estigma/{id}");
    view! {
        <p><a href=back>"← Estigma"</a></p>
        <h1>"Episódio de estigma"</h1>
        <p class="lead">{person_name}</p>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action=action class="stack" novalidate>
            <EpisodeFields form errors/>
            <button type="submit" class="primary">"Salvar"</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{EpisodeForm, EpisodeLine, EpisodePage, StigmaPage};
    use crate::domain::{FieldErrors, dates};
    use crate::server::actor::StaffActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::now;
    use crate::server::render::page;
    use crate::server::services::case::people::name_of;
    use crate::server::services::case::stigma_episodes;
    use crate::server::services::directory::network::CreateError;
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        salvo: String,
    }

    async fn render(
        state: &AppState,
        me: &StaffActor,
        id: i32,
        status: StatusCode,
        form: EpisodeForm,
        errors: FieldErrors,
        notice: Option<&'static str>,
    ) -> Result<Response, WebError> {
        let (person, rows) = stigma_episodes::list(&state.db, me, id).await?;
        let episodes = rows
            .into_iter()
            .map(|e| EpisodeLine {
                id: e.id,
                kind: e.kind,
                setting: e.setting,
                day: e.happened_on,
                what: e.what_happened,
                action: e.action_taken,
                outcome: e.outcome,
            })
            .collect();
        let person_id = person.id;
        let person_name = name_of(&person);
        Ok(page(
            state,
            status,
            "Estigma",
            Some(me.actor.viewer()),
            move || view! { <StigmaPage person_id person_name episodes form errors notice/> },
        ))
    }

    pub async fn show(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let notice = (!q.salvo.is_empty()).then_some("Episódio salvo.");
        let form = EpisodeForm {
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
        PostedForm(form): PostedForm<EpisodeForm>,
    ) -> Result<Response, WebError> {
        match stigma_episodes::save(&state.db, &me, id, None, &form).await {
            Ok(()) => {
                Ok(Redirect::to(&format!("/equipe/pessoas/{id}/estigma?salvo=1")).into_response())
            }
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

    fn episode_page(
        state: &AppState,
        me: &StaffActor,
        person: &crate::server::entities::person::Model,
        id: i32,
        status: StatusCode,
        form: EpisodeForm,
        errors: FieldErrors,
    ) -> Response {
        let person_id = person.id;
        let person_name = name_of(person);
        page(
            state,
            status,
            "Episódio de estigma",
            Some(me.actor.viewer()),
            move || view! { <EpisodePage person_id person_name id form errors/> },
        )
    }

    pub async fn edit(
        State(state): State<AppState>,
        me: StaffActor,
        Path((person_id, id)): Path<(i32, i32)>,
    ) -> Result<Response, WebError> {
        let (person, form) = stigma_episodes::form(&state.db, &me, person_id, id).await?;
        Ok(episode_page(
            &state,
            &me,
            &person,
            id,
            StatusCode::OK,
            form,
            FieldErrors::default(),
        ))
    }

    pub async fn update(
        State(state): State<AppState>,
        me: StaffActor,
        Path((person_id, id)): Path<(i32, i32)>,
        PostedForm(form): PostedForm<EpisodeForm>,
    ) -> Result<Response, WebError> {
        match stigma_episodes::save(&state.db, &me, person_id, Some(id), &form).await {
            Ok(()) => Ok(
                Redirect::to(&format!("/equipe/pessoas/{person_id}/estigma?salvo=1"))
                    .into_response(),
            ),
            Err(CreateError::Invalid(errors)) => {
                let (person, _) = stigma_episodes::form(&state.db, &me, person_id, id).await?;
                Ok(episode_page(
                    &state,
                    &me,
                    &person,
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                ))
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }
}
