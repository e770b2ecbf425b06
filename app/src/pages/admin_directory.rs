//! `/admin/unidades` and `/admin/organizacoes`: the offices and the partner organizations that
//! accounts belong to. Each page lists what exists and has a form to add one.

use crate::components::{ErrorSummary, SelectField, TextField};
use crate::domain::FieldErrors;
use crate::domain::place::UFS;
use crate::server::services::directory::network::{NewOrganization, NewUnit};
use leptos::prelude::*;

#[component]
pub fn UnitsPage(
    units: Vec<(String, String)>,
    values: NewUnit,
    errors: FieldErrors,
    created: bool,
) -> impl IntoView {
    let items = units.into_iter().map(|(name, place)| view! { <li class="item"><p class="item-title">{name}</p><p class="muted">{place}</p></li> }).collect_view();
    let ufs = UFS
        .iter()
        .map(|(sigla, nome, _)| (sigla.to_string(), format!("{sigla} – {nome}")))
        .collect::<Vec<_>>();
    view! {
        <h1>"Unidades"</h1>
        {created.then(|| view! { <p class="notice" role="status">"Unidade cadastrada."</p> })}
        <ul class="items">{items}</ul>
        <h2>"Cadastrar unidade"</h2>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action="/admin/unidades" class="stack" novalidate>
            <TextField name="nome" label="Nome da unidade" value=values.nome errors=errors.clone() required=true autocomplete="off"/>
            <SelectField name="uf" label="Estado (UF)" options=ufs selected=values.uf errors=errors.clone() empty_label="Escolha"/>
            <TextField name="municipio" label="Código IBGE do município" hint="7 números. Exemplo: 5300108 (Brasília)." value=values.municipio errors=errors inputmode="numeric" maxlength=7 required=true autocomplete="off"/>
            <button type="submit" class="primary">"Cadastrar unidade"</button>
        </form>
    }
}

#[component]
pub fn OrganizationsPage(
    organizations: Vec<(String, String)>,
    values: NewOrganization,
    errors: FieldErrors,
    created: bool,
) -> impl IntoView {
    let items = organizations.into_iter().map(|(name, detail)| view! { <li class="item"><p class="item-title">{name}</p><p class="muted">{detail}</p></li> }).collect_view();
    let kinds = vec![
        ("company".to_string(), "Empresa".to_string()),
        (
            "partner".to_string(),
            "Organização parceira (RAESP)".to_string(),
        ),
        (
            "public".to_string(),
            "Órgão público (só no catálogo de serviços)".to_string(),
        ),
    ];
    view! {
        <h1>"Organizações"</h1>
        {created.then(|| view! { <p class="notice" role="status">"Organização cadastrada."</p> })}
        <ul class="items">{items}</ul>
        <h2>"Cadastrar organização"</h2>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action="/admin/organizacoes" class="stack" novalidate>
            <SelectField name="tipo" label="Tipo" options=kinds selected=values.tipo errors=errors.clone() empty_label="Escolha"/>
            <TextField name="nome" label="Nome" value=values.nome errors=errors.clone() required=true autocomplete="off"/>
            <TextField name="cnpj" label="CNPJ" hint="Obrigatório para empresa. Aceita o CNPJ com letras." value=values.cnpj errors=errors maxlength=18 autocomplete="off"/>
            <button type="submit" class="primary">"Cadastrar organização"</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{NewOrganization, NewUnit, OrganizationsPage, UnitsPage};
    use crate::domain::{Cnpj, FieldErrors};
    use crate::server::actor::AdminActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::directory::network::{self, CreateError};
    use crate::server::state::AppState;
    use axum::extract::{Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    #[derive(serde::Deserialize, Default)]
    pub struct Created {
        #[serde(default)]
        criada: Option<String>,
    }

    async fn units_page(
        state: &AppState,
        admin: &AdminActor,
        status: StatusCode,
        values: NewUnit,
        errors: FieldErrors,
        created: bool,
    ) -> Result<Response, WebError> {
        let units = network::list_units(&state.db, admin)
            .await?
            .into_iter()
            .map(|u| (u.name, format!("{} · IBGE {}", u.uf, u.ibge_municipality)))
            .collect::<Vec<_>>();
        Ok(page(
            state,
            status,
            "Unidades",
            Some(admin.actor.viewer()),
            move || view! { <UnitsPage units values errors created/> },
        ))
    }

    pub async fn units(
        State(state): State<AppState>,
        admin: AdminActor,
        Query(q): Query<Created>,
    ) -> Result<Response, WebError> {
        units_page(
            &state,
            &admin,
            StatusCode::OK,
            NewUnit::default(),
            FieldErrors::default(),
            q.criada.is_some(),
        )
        .await
    }

    pub async fn create_unit(
        State(state): State<AppState>,
        admin: AdminActor,
        PostedForm(form): PostedForm<NewUnit>,
    ) -> Result<Response, WebError> {
        match network::create_unit(&state.db, &admin, &form).await {
            Ok(_) => Ok(Redirect::to("/admin/unidades?criada=1").into_response()),
            Err(CreateError::Invalid(errors)) => {
                units_page(
                    &state,
                    &admin,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                    false,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    async fn organizations_page(
        state: &AppState,
        admin: &AdminActor,
        status: StatusCode,
        values: NewOrganization,
        errors: FieldErrors,
        created: bool,
    ) -> Result<Response, WebError> {
        let organizations = network::list_organizations(&state.db, admin)
            .await?
            .into_iter()
            .map(|o| {
                let kind = match o.kind.as_str() {
                    network::COMPANY => "Empresa",
                    network::PARTNER => "Organização parceira",
                    _ => "Órgão público",
                };
                let cnpj = o
                    .cnpj
                    .as_deref()
                    .and_then(|c| Cnpj::parse(c).ok())
                    .map(|c| format!(" · CNPJ {}", c.formatted()))
                    .unwrap_or_default();
                (o.name, format!("{kind}{cnpj}"))
            })
            .collect::<Vec<_>>();
        Ok(page(
            state,
            status,
            "Organizações",
            Some(admin.actor.viewer()),
            move || view! { <OrganizationsPage organizations values errors created/> },
        ))
    }

    pub async fn organizations(
        State(state): State<AppState>,
        admin: AdminActor,
        Query(q): Query<Created>,
    ) -> Result<Response, WebError> {
        organizations_page(
            &state,
            &admin,
            StatusCode::OK,
            NewOrganization::default(),
            FieldErrors::default(),
            q.criada.is_some(),
        )
        .await
    }

    pub async fn create_organization(
        State(state): State<AppState>,
        admin: AdminActor,
        PostedForm(form): PostedForm<NewOrganization>,
    ) -> Result<Response, WebError> {
        match network::create_organization(&state.db, &admin, &form).await {
            Ok(_) => Ok(Redirect::to("/admin/organizacoes?criada=1").into_response()),
            Err(CreateError::Invalid(errors)) => {
                organizations_page(
                    &state,
                    &admin,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                    false,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }
}
