//! `/inicio/meus-dados`: what the Escritório Social holds about the person, shown to them, with
//! their rights (LGPD art. 18): consents, who accessed their data, a copy as a file, deletion.

use crate::domain::dates;
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct ConsentLine {
    /// "perfil" (profile to a company) or "curso" (contact to a course provider).
    pub kind: &'static str,
    pub organization_id: i32,
    pub organization: String,
    pub granted: bool,
    pub since: i64,
}

#[derive(Clone, Debug)]
pub struct MyDataView {
    pub full_name: String,
    pub social_name: Option<String>,
    pub cpf: Option<String>,
    pub unit_name: String,
    pub consents: Vec<ConsentLine>,
    pub access: Vec<(i64, String, &'static str)>,
    pub deletion_requested: Option<i64>,
    pub notice: Option<&'static str>,
}

#[component]
pub fn MyDataPage(view: MyDataView) -> impl IntoView {
    let MyDataView {
        full_name,
        social_name,
        cpf,
        unit_name,
        consents,
        access,
        deletion_requested,
        notice,
    } = view;
    let no_consents = consents.is_empty();
    let consent_items = consents
        .into_iter()
        .map(|c| {
            let action = format!("/inicio/meus-dados/autorizacoes/{}/retirar", c.organization_id);
            let state = if c.granted {
                format!("Autorizado desde {}", dates::br_date(c.since))
            } else {
                format!("Autorização retirada em {}", dates::br_date(c.since))
            };
            view! {
                <li class="item">
                    <p class="item-title">{match c.kind {
                        "curso" => format!("Enviar meu nome e contato para {} (curso)", c.organization),
                        "caso" => format!("Compartilhar meu caso com {} (encaminhamento)", c.organization),
                        "cota" => "Dizer às empresas em que me candidato que posso ocupar vaga de cota legal".to_string(),
                        _ => format!("Enviar meu perfil profissional para {}", c.organization),
                    }}</p>
                    <p>{state}</p>
                    {c.granted.then(|| view! {
                        <form method="post" action=action>
                            <input type="hidden" name="finalidade" value=c.kind/>
                            <button type="submit" class="secondary">"Retirar autorização"</button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    let no_access = access.is_empty();
    let access_items = access
        .into_iter()
        .map(|(at, who, what)| view! { <li class="item"><p>{format!("{} — {who} {what}.", dates::br_date(at))}</p></li> })
        .collect_view();
    view! {
        <h1>"Meus dados"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <p>"Estes são os dados que a unidade guarda sobre você. Se algo estiver errado, fale com a equipe da unidade."</p>
        <dl class="data">
            <dt>"Nome"</dt>
            <dd>{full_name}</dd>
            {social_name.map(|n| view! { <dt>"Nome social"</dt><dd>{n}</dd> })}
            <dt>"CPF"</dt>
            <dd>{cpf.unwrap_or_else(|| "Não informado".to_string())}</dd>
            <dt>"Unidade"</dt>
            <dd>{unit_name}</dd>
        </dl>
        <p><a href="/inicio/perfil">"Ver e mudar meu perfil profissional"</a></p>

        <h2>"Minhas autorizações"</h2>
        {no_consents.then(|| view! { <p>"Você ainda não autorizou enviar seus dados para ninguém."</p> })}
        <ul class="items">{consent_items}</ul>

        <h2>"Quem viu meus dados"</h2>
        {no_access.then(|| view! { <p>"Ninguém além de você acessou seus dados por aqui."</p> })}
        <ul class="items">{access_items}</ul>

        <h2>"Uma cópia dos meus dados"</h2>
        <p>"Baixe um arquivo com tudo o que o sistema guarda sobre você."</p>
        <p><a class="button-link" href="/inicio/meus-dados/baixar" download="meus-dados.json">"Baixar meus dados"</a></p>

        <h2>"Apagar meus dados"</h2>
        {match deletion_requested {
            Some(at) => view! {
                <p>{format!("Você pediu para apagar seus dados em {}. A unidade vai responder.", dates::br_date(at))}</p>
            }.into_any(),
            None => view! {
                <p>"Você pode pedir para a unidade apagar seus dados. Alguns dados a lei manda guardar; a unidade explica quais."</p>
                <form method="post" action="/inicio/meus-dados/exclusao">
                    <button type="submit" class="secondary">"Pedir para apagar meus dados"</button>
                </form>
            }.into_any(),
        }}
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{ConsentLine, MyDataPage, MyDataView};
    use crate::server::actor::EgressoActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::case::referrals::SHARE_CASE_WITH_PARTNER;
    use crate::server::services::courses::SHARE_CONTACT_WITH_COURSE_PROVIDER;
    use crate::server::services::jobs::applications::SHARE_PROFILE_WITH_EMPLOYER;
    use crate::server::services::jobs::quota_eligibility::{self, TELL_QUOTA_ELIGIBILITY};
    use crate::server::services::{access::accounts, case::referrals, courses, privacy::my_data};
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::{StatusCode, header};
    use leptos::prelude::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        retirada: String,
        pedido: String,
    }

    pub async fn show(
        State(state): State<AppState>,
        me: EgressoActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let d = accounts::my_data(&state.db, &me).await?;
        let consents = my_data::consents(&state.db, &me)
            .await?
            .into_iter()
            .filter_map(|c| {
                let kind = match c.purpose.as_str() {
                    SHARE_PROFILE_WITH_EMPLOYER => "perfil",
                    SHARE_CONTACT_WITH_COURSE_PROVIDER => "curso",
                    SHARE_CASE_WITH_PARTNER => "caso",
                    TELL_QUOTA_ELIGIBILITY => "cota",
                    _ => return None,
                };
                Some(ConsentLine {
                    kind,
                    // The quota line has no organisation: it goes to every company applied to.
                    organization_id: if kind == "cota" { 0 } else { c.target_id? },
                    organization: c.target_name,
                    granted: c.granted,
                    since: c.since,
                })
            })
            .collect();
        let access = my_data::access_log(&state.db, &me)
            .await?
            .into_iter()
            .map(|l| (l.at, l.who, l.what))
            .collect();
        let notice = if !q.retirada.is_empty() {
            Some("Autorização retirada. A organização não vê mais seus dados.")
        } else if !q.pedido.is_empty() {
            Some("Pedido registrado. A unidade vai responder.")
        } else {
            None
        };
        let view = MyDataView {
            full_name: d.full_name,
            social_name: d.social_name,
            cpf: d.cpf,
            unit_name: d.unit_name,
            consents,
            access,
            deletion_requested: my_data::open_deletion_request(&state.db, &me).await?,
            notice,
        };
        Ok(page(
            &state,
            StatusCode::OK,
            "Meus dados",
            Some(me.actor.viewer()),
            move || view! { <MyDataPage view/> },
        ))
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct RevokeForm {
        finalidade: String,
    }

    pub async fn revoke(
        State(state): State<AppState>,
        me: EgressoActor,
        Path(organization_id): Path<i32>,
        PostedForm(form): PostedForm<RevokeForm>,
    ) -> Result<Response, WebError> {
        match form.finalidade.as_str() {
            "curso" => courses::revoke_provider_sharing(&state.db, &me, organization_id).await?,
            "caso" => referrals::revoke_case_sharing(&state.db, &me, organization_id).await?,
            "cota" => quota_eligibility::set_consent(&state.db, &me, false).await?,
            _ => my_data::revoke_profile_sharing(&state.db, &me, organization_id).await?,
        }
        Ok(Redirect::to("/inicio/meus-dados?retirada=1").into_response())
    }

    pub async fn download(
        State(state): State<AppState>,
        me: EgressoActor,
    ) -> Result<Response, WebError> {
        let data = my_data::export(&state.db, &me).await?;
        let body =
            serde_json::to_string_pretty(&data).map_err(|e| WebError::Internal(e.to_string()))?;
        Ok((
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"meus-dados.json\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response())
    }

    pub async fn request_deletion(
        State(state): State<AppState>,
        me: EgressoActor,
    ) -> Result<Response, WebError> {
        my_data::request_deletion(&state.db, &me).await?;
        Ok(Redirect::to("/inicio/meus-dados?pedido=1").into_response())
    }
}
