//! `/admin/cursos`: the admin keeps the course catalogue (create, edit, close).

use crate::components::{ErrorSummary, SelectField, TextArea, TextField};
use crate::domain::FieldErrors;
use crate::server::services::courses::CourseForm;
use leptos::prelude::*;

#[component]
pub fn AdminCoursesPage(
    lines: Vec<(i32, String, String, bool)>,
    notice: Option<&'static str>,
) -> impl IntoView {
    let items = lines
        .into_iter()
        .map(|(id, title, provider, open)| {
            let edit = format!("/admin/cursos/{id}/editar");
            let public = format!("/cursos/{id}");
            view! {
                <li class="item">
                    <p class="item-title"><a href=public>{title}</a></p>
                    <p>{provider}</p>
                    <p><strong>{if open { "Inscrições abertas" } else { "Encerrado" }}</strong></p>
                    <p><a href=edit>"Editar"</a></p>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Cursos"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <p><a class="button-link" href="/admin/cursos/novo">"Cadastrar curso"</a></p>
        <ul class="items">{items}</ul>
    }
}

#[component]
pub fn CourseFormPage(
    action: String,
    heading: &'static str,
    form: CourseForm,
    errors: FieldErrors,
    providers: Vec<(String, String)>,
) -> impl IntoView {
    let ufs = crate::domain::place::UFS
        .iter()
        .map(|(s, n, _)| (s.to_string(), format!("{s} – {n}")))
        .collect::<Vec<_>>();
    let modalities = crate::domain::courses::MODALITIES
        .iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect::<Vec<_>>();
    view! {
        <p><a href="/admin/cursos">"← Cursos"</a></p>
        <h1>{heading}</h1>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action=action class="stack" novalidate>
            <SelectField name="fornecedor" label="Organização que oferece" options=providers selected=form.fornecedor errors=errors.clone() empty_label="Escolha"/>
            <TextField name="titulo" label="Nome do curso" value=form.titulo errors=errors.clone() required=true maxlength=120/>
            <TextArea name="descricao" label="O que a pessoa vai aprender" value=form.descricao errors=errors.clone() maxlength=4000/>
            <SelectField name="modalidade" label="Como é a aula" options=modalities selected=form.modalidade errors=errors.clone() empty_label="Escolha"/>
            <TextField name="horas" label="Carga horária (horas)" value=form.horas errors=errors.clone() inputmode="numeric" maxlength=4/>
            <TextField name="inicio" label="Começa em" input_type="date" value=form.inicio errors=errors.clone()/>
            <TextField name="cidade" label="Cidade (se presencial)" value=form.cidade errors=errors.clone() maxlength=100/>
            <SelectField name="uf" label="Estado (UF), se presencial" options=ufs selected=form.uf errors=errors.clone() empty_label="Escolha"/>
            <TextField name="municipio" label="Código IBGE do município, se presencial" hint="7 números. Exemplo: 5300108 (Brasília)." value=form.municipio errors=errors.clone() inputmode="numeric" maxlength=7/>
            <TextField name="preco" label="Preço (R$)" hint="Deixe vazio se for gratuito." value=form.preco errors=errors inputmode="decimal" maxlength=15/>
            <div class="check">
                <input type="checkbox" id="campo-remicao" name="remicao" value="1" checked=!form.remicao.is_empty()/>
                <label for="campo-remicao">"Conta para remição pelo estudo (LEP art. 126)"</label>
            </div>
            <div class="check">
                <input type="checkbox" id="campo-aberto" name="aberto" value="1" checked=!form.aberto.is_empty()/>
                <label for="campo-aberto">"Inscrições abertas"</label>
            </div>
            <button type="submit" class="primary">"Salvar curso"</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{AdminCoursesPage, CourseForm, CourseFormPage};
    use crate::domain::FieldErrors;
    use crate::server::actor::AdminActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::courses;
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

    pub async fn list(
        State(state): State<AppState>,
        me: AdminActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let lines = courses::all_courses(&state.db, &me)
            .await?
            .into_iter()
            .map(|c| {
                (
                    c.course.id,
                    c.course.title,
                    c.provider,
                    c.course.status == "open",
                )
            })
            .collect();
        let notice = (!q.salvo.is_empty()).then_some("Curso salvo.");
        Ok(page(
            &state,
            StatusCode::OK,
            "Cursos",
            Some(me.actor.viewer()),
            move || view! { <AdminCoursesPage lines notice/> },
        ))
    }

    async fn form_page(
        state: &AppState,
        me: &AdminActor,
        status: StatusCode,
        id: Option<i32>,
        form: CourseForm,
        errors: FieldErrors,
    ) -> Result<Response, WebError> {
        let providers = courses::providers(&state.db, me).await?;
        let (action, heading) = match id {
            Some(id) => (format!("/admin/cursos/{id}/editar"), "Editar curso"),
            None => ("/admin/cursos/novo".to_string(), "Cadastrar curso"),
        };
        Ok(page(
            state,
            status,
            heading,
            Some(me.actor.viewer()),
            move || {
                view! { <CourseFormPage action heading form errors providers/> }
            },
        ))
    }

    pub async fn new_form(
        State(state): State<AppState>,
        me: AdminActor,
    ) -> Result<Response, WebError> {
        let form = CourseForm {
            aberto: "1".into(),
            ..Default::default()
        };
        form_page(
            &state,
            &me,
            StatusCode::OK,
            None,
            form,
            FieldErrors::default(),
        )
        .await
    }

    pub async fn edit_form(
        State(state): State<AppState>,
        me: AdminActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        let form = courses::course_form(&state.db, &me, id).await?;
        form_page(
            &state,
            &me,
            StatusCode::OK,
            Some(id),
            form,
            FieldErrors::default(),
        )
        .await
    }

    async fn save(
        state: AppState,
        me: AdminActor,
        id: Option<i32>,
        form: CourseForm,
    ) -> Result<Response, WebError> {
        match courses::save_course(&state.db, &me, id, &form).await {
            Ok(_) => Ok(Redirect::to("/admin/cursos?salvo=1").into_response()),
            Err(CreateError::Invalid(errors)) => {
                form_page(
                    &state,
                    &me,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    id,
                    form,
                    errors,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    pub async fn create(
        State(state): State<AppState>,
        me: AdminActor,
        PostedForm(form): PostedForm<CourseForm>,
    ) -> Result<Response, WebError> {
        save(state, me, None, form).await
    }

    pub async fn update(
        State(state): State<AppState>,
        me: AdminActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<CourseForm>,
    ) -> Result<Response, WebError> {
        save(state, me, Some(id), form).await
    }
}
