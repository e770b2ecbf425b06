//! `/admin/servicos`: the admin keeps the service directory (create, edit, deactivate) and
//! reviews what people reported through "Informar erro".

use crate::components::{ErrorSummary, SelectField, TextArea, TextField};
use crate::domain::{FieldErrors, dates};
use crate::server::services::directory::service_directory::ServiceForm;
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct AdminServiceLine {
    pub id: i32,
    pub name: String,
    pub organization: String,
    pub city: String,
    pub active: bool,
}

#[component]
pub fn AdminServicesPage(
    lines: Vec<AdminServiceLine>,
    reports: Vec<(i32, i32, String, String, i64)>,
    notice: Option<&'static str>,
) -> impl IntoView {
    let no_reports = reports.is_empty();
    let reports = reports
        .into_iter()
        .map(|(id, service_id, service, message, at)| {
            let edit = format!("/admin/servicos/{service_id}/editar");
            let resolve = format!("/admin/servicos/relatos/{id}/resolver");
            view! {
                <li class="item">
                    <p class="item-title"><a href=edit>{service}</a></p>
                    <p class="prose">{message}</p>
                    <p class="muted">{format!("Enviado em {}", dates::br_date(at))}</p>
                    <form method="post" action=resolve>
                        <button type="submit" class="secondary">"Marcar como conferido"</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let items = lines
        .into_iter()
        .map(|l| {
            let edit = format!("/admin/servicos/{}/editar", l.id);
            view! {
                <li class="item">
                    <p class="item-title"><a href=edit>{l.name}</a></p>
                    <p>{l.organization} " · " {l.city}</p>
                    <p><strong>{if l.active { "Aparece no site" } else { "Desativado" }}</strong></p>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Serviços e rede"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <h2>"Erros informados"</h2>
        {no_reports.then(|| view! { <p>"Nenhum erro informado para conferir."</p> })}
        <ul class="items">{reports}</ul>
        <h2>"Serviços"</h2>
        <p><a class="button-link" href="/admin/servicos/novo">"Cadastrar serviço"</a></p>
        <ul class="items">{items}</ul>
    }
}

#[component]
pub fn ServiceFormPage(
    action: String,
    heading: &'static str,
    form: ServiceForm,
    errors: FieldErrors,
    organizations: Vec<(String, String)>,
) -> impl IntoView {
    let ufs = crate::domain::place::UFS
        .iter()
        .map(|(s, n, _)| (s.to_string(), format!("{s} – {n}")))
        .collect::<Vec<_>>();
    let kinds: Vec<(String, String)> = crate::domain::services_taxonomy::kinds()
        .iter()
        .map(|t| (t.code.clone(), t.name.clone()))
        .collect();
    let for_whom = crate::domain::services_taxonomy::for_whom()
        .iter()
        .map(|t| {
            let name = format!("para_{}", t.code);
            let id = format!("campo-{name}");
            let checked = form.marcados.get(&name).is_some_and(|v| !v.is_empty());
            view! {
                <div class="check">
                    <input type="checkbox" id=id.clone() name=name value="1" checked=checked/>
                    <label for=id>{t.name.clone()}</label>
                </div>
            }
        })
        .collect_view();
    let areas = crate::domain::services::AREAS
        .iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect::<Vec<_>>();
    view! {
        <p><a href="/admin/servicos">"← Serviços e rede"</a></p>
        <h1>{heading}</h1>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action=action class="stack" novalidate>
            <SelectField name="organizacao" label="Organização responsável" hint="Cadastre antes em Organizações, como parceira ou órgão público." options=organizations selected=form.organizacao errors=errors.clone() empty_label="Escolha"/>
            <TextField name="nome" label="Nome do serviço" value=form.nome errors=errors.clone() required=true maxlength=200/>
            <SelectField name="area" label="Área" options=areas selected=form.area errors=errors.clone() empty_label="Escolha"/>
            <TextArea name="descricao" label="O que o serviço oferece" value=form.descricao errors=errors.clone() maxlength=2000/>
            <TextField name="telefone" label="Telefone com DDD" value=form.telefone errors=errors.clone() input_type="tel" maxlength=20/>
            <TextField name="endereco" label="Endereço" hint="Rua, número e bairro." value=form.endereco errors=errors.clone() maxlength=200/>
            <TextField name="cidade" label="Cidade" value=form.cidade errors=errors.clone() maxlength=100/>
            <SelectField name="uf" label="Estado (UF)" options=ufs selected=form.uf errors=errors.clone() empty_label="Escolha"/>
            <TextField name="municipio" label="Código IBGE do município" hint="7 números. Exemplo: 5300108 (Brasília)." value=form.municipio errors=errors.clone() inputmode="numeric" maxlength=7/>
            <TextField name="cep" label="CEP" value=form.cep errors=errors.clone() inputmode="numeric" maxlength=9/>
            <TextField name="latitude" label="Latitude" hint="Graus decimais. Exemplo: -15.7939" value=form.latitude errors=errors.clone() inputmode="decimal" maxlength=20/>
            <TextField name="longitude" label="Longitude" hint="Graus decimais. Exemplo: -47.8828" value=form.longitude errors=errors.clone() inputmode="decimal" maxlength=20/>
            <TextField name="horario" label="Horário de funcionamento" hint="Exemplo: seg-sex 08:00-17:00; sab 08:00-12:00" value=form.horario errors=errors.clone() maxlength=300/>
            <SelectField name="tipo" label="Tipo de serviço (opcional)" hint="Os nomes que as pessoas procuram: CRAS, CAPS, Defensoria…" options=kinds selected=form.tipo.clone() errors=errors empty_label="Nenhum destes"/>
            <fieldset class="stack">
                <legend>"Para quem (deixe sem marcar se for para todas as pessoas)"</legend>
                {for_whom}
            </fieldset>
            <div class="check">
                <input type="checkbox" id="campo-ativo" name="ativo" value="1" checked=!form.ativo.is_empty()/>
                <label for="campo-ativo">"Mostrar no site"</label>
            </div>
            <button type="submit" class="primary">"Salvar serviço"</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{AdminServiceLine, AdminServicesPage, ServiceForm, ServiceFormPage};
    use crate::domain::FieldErrors;
    use crate::server::actor::AdminActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::directory::network::CreateError;
    use crate::server::services::directory::service_directory as directory;
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        salvo: String,
        conferido: String,
    }

    pub async fn list(
        State(state): State<AppState>,
        me: AdminActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let lines = directory::admin_list(&state.db, &me)
            .await?
            .into_iter()
            .map(|l| AdminServiceLine {
                id: l.id,
                name: l.name,
                organization: l.organization,
                city: l.city,
                active: l.active,
            })
            .collect();
        let reports = directory::open_reports(&state.db, &me)
            .await?
            .into_iter()
            .map(|r| (r.id, r.service_id, r.service, r.message, r.at))
            .collect();
        let notice = if !q.salvo.is_empty() {
            Some("Serviço salvo.")
        } else if !q.conferido.is_empty() {
            Some("Pronto: erro marcado como conferido.")
        } else {
            None
        };
        Ok(page(
            &state,
            StatusCode::OK,
            "Serviços e rede",
            Some(me.actor.viewer()),
            move || view! { <AdminServicesPage lines reports notice/> },
        ))
    }

    async fn form_page(
        state: &AppState,
        me: &AdminActor,
        status: StatusCode,
        id: Option<i32>,
        form: ServiceForm,
        errors: FieldErrors,
    ) -> Result<Response, WebError> {
        let organizations = directory::directory_organizations(&state.db, me).await?;
        let (action, heading) = match id {
            Some(id) => (format!("/admin/servicos/{id}/editar"), "Editar serviço"),
            None => ("/admin/servicos/novo".to_string(), "Cadastrar serviço"),
        };
        Ok(page(
            state,
            status,
            heading,
            Some(me.actor.viewer()),
            move || {
                view! { <ServiceFormPage action heading form errors organizations/> }
            },
        ))
    }

    pub async fn new_form(
        State(state): State<AppState>,
        me: AdminActor,
    ) -> Result<Response, WebError> {
        let form = ServiceForm {
            ativo: "1".into(),
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
        let form = directory::service_form(&state.db, &me, id).await?;
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
        form: ServiceForm,
    ) -> Result<Response, WebError> {
        match directory::save_service(&state.db, &me, id, &form).await {
            Ok(_) => {
                state.public.directory_changed();
                Ok(Redirect::to("/admin/servicos?salvo=1").into_response())
            }
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
        PostedForm(form): PostedForm<ServiceForm>,
    ) -> Result<Response, WebError> {
        save(state, me, None, form).await
    }

    pub async fn update(
        State(state): State<AppState>,
        me: AdminActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<ServiceForm>,
    ) -> Result<Response, WebError> {
        save(state, me, Some(id), form).await
    }

    pub async fn resolve(
        State(state): State<AppState>,
        me: AdminActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        directory::resolve_report(&state.db, &me, id).await?;
        Ok(Redirect::to("/admin/servicos?conferido=1").into_response())
    }
}
