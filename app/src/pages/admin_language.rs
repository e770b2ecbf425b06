//! `/admin/linguagem`: the language guard's list. Each term shows what is proposed instead;
//! the admin adds terms and switches them off or on (nothing is deleted, so the history stays).

use crate::components::{ErrorSummary, TextField};
use crate::domain::FieldErrors;
use crate::server::services::input::language::TermForm;
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct TermLine {
    pub id: i32,
    pub term: String,
    pub suggestion: String,
    pub active: bool,
}

#[component]
pub fn LanguagePage(
    terms: Vec<TermLine>,
    form: TermForm,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> impl IntoView {
    let items = terms
        .into_iter()
        .map(|t| {
            let (action, button, state) = if t.active {
                (
                    format!("/admin/linguagem/{}/desligar", t.id),
                    "Desligar",
                    "Ligado: o texto com esta palavra não é salvo.",
                )
            } else {
                (
                    format!("/admin/linguagem/{}/ligar", t.id),
                    "Ligar",
                    "Desligado.",
                )
            };
            let proposal = if t.suggestion.is_empty() {
                "Propõe: escrever sem ela.".to_string()
            } else {
                format!("Propõe: “{}”.", t.suggestion)
            };
            let label = format!("{button}: {}", t.term);
            view! {
                <li class="item">
                    <p class="item-title">{t.term}</p>
                    <p>{proposal}</p>
                    <p class="muted">{state}</p>
                    <form method="post" action=action>
                        <button type="submit" class="secondary" aria-label=label>{button}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Linguagem respeitosa"</h1>
        <p>"Textos de vagas, cursos, serviços, planos e anotações não são salvos com estas palavras. Quem escreve vê a palavra e o termo respeitoso para usar."</p>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <h2>"Incluir palavra"</h2>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action="/admin/linguagem" class="stack" novalidate>
            <TextField name="termo" label="Palavra ou expressão" hint="Vale também no feminino e no plural. Exemplo: ex-detento." value=form.termo errors=errors.clone() maxlength=60/>
            <TextField name="sugestao" label="O que escrever no lugar (opcional)" hint="Exemplo: pessoa egressa." value=form.sugestao errors=errors maxlength=120/>
            <button type="submit" class="primary">"Incluir"</button>
        </form>
        <h2>"Palavras"</h2>
        <ul class="items">{items}</ul>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{LanguagePage, TermForm, TermLine};
    use crate::domain::FieldErrors;
    use crate::server::actor::AdminActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::directory::network::CreateError;
    use crate::server::services::input::language;
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        incluida: String,
        mudou: String,
    }

    async fn render(
        state: &AppState,
        me: &AdminActor,
        status: StatusCode,
        form: TermForm,
        errors: FieldErrors,
        notice: Option<&'static str>,
    ) -> Result<Response, WebError> {
        let terms = language::all(&state.db, me)
            .await?
            .into_iter()
            .map(|t| TermLine {
                id: t.id,
                term: t.term,
                suggestion: t.suggestion,
                active: t.active,
            })
            .collect();
        Ok(page(
            state,
            status,
            "Linguagem respeitosa",
            Some(me.actor.viewer()),
            move || view! { <LanguagePage terms form errors notice/> },
        ))
    }

    pub async fn list(
        State(state): State<AppState>,
        me: AdminActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let notice = if !q.incluida.is_empty() {
            Some("Palavra incluída. Vale a partir de agora.")
        } else if !q.mudou.is_empty() {
            Some("Lista atualizada.")
        } else {
            None
        };
        render(
            &state,
            &me,
            StatusCode::OK,
            TermForm::default(),
            FieldErrors::default(),
            notice,
        )
        .await
    }

    pub async fn add(
        State(state): State<AppState>,
        me: AdminActor,
        PostedForm(form): PostedForm<TermForm>,
    ) -> Result<Response, WebError> {
        match language::add(&state.db, &me, &form).await {
            Ok(()) => Ok(Redirect::to("/admin/linguagem?incluida=1").into_response()),
            Err(CreateError::Invalid(errors)) => {
                render(
                    &state,
                    &me,
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

    pub async fn switch_on(
        State(state): State<AppState>,
        me: AdminActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        language::set_active(&state.db, &me, id, true).await?;
        Ok(Redirect::to("/admin/linguagem?mudou=1").into_response())
    }

    pub async fn switch_off(
        State(state): State<AppState>,
        me: AdminActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        language::set_active(&state.db, &me, id, false).await?;
        Ok(Redirect::to("/admin/linguagem?mudou=1").into_response())
    }
}
