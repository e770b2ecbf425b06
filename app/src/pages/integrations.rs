//! "Integrações" (`/empresa/integracoes`, `/parceiro/integracoes`): an organisation creates a
//! key for the partner API (`/api/v1`), sees it once, and revokes it when its system no longer
//! needs it. Everyone in the organisation sees every key, who made it and when it was last used.

use crate::components::{ErrorSummary, TextField};
use crate::domain::{FieldErrors, dates};
use crate::server::services::access::api_tokens::{KeyForm, KeyLine};
use leptos::prelude::*;

#[component]
pub fn IntegrationsPage(
    /// `/empresa/integracoes` or `/parceiro/integracoes`.
    base: &'static str,
    /// What the key reads, in a sentence.
    reach: &'static str,
    keys: Vec<KeyLine>,
    form: KeyForm,
    errors: FieldErrors,
    /// A key just created: its name and the key, shown this once.
    created: Option<(String, String)>,
    notice: Option<&'static str>,
) -> impl IntoView {
    let empty = keys.is_empty();
    let items = keys
        .into_iter()
        .map(|k| {
            let used = match k.last_used_at {
                Some(t) => format!("Último uso: {}", dates::br_datetime(t)),
                None => "Ainda não foi usada".to_string(),
            };
            let made = format!(
                "Criada por {} em {}. Termina em …{}",
                k.created_by,
                dates::br_date(k.created_at),
                k.hint
            );
            let state = match k.revoked_at {
                Some(t) => view! {
                    <p class="muted">{format!("Revogada em {}. Não funciona mais.", dates::br_datetime(t))}</p>
                }
                .into_any(),
                None => {
                    let action = format!("{base}/{}/revogar", k.id);
                    let label = format!("Revogar a chave {}", k.name);
                    view! {
                        <p>{used}</p>
                        <form method="post" action=action>
                            <button type="submit" class="secondary" aria-label=label>"Revogar"</button>
                        </form>
                    }
                    .into_any()
                }
            };
            view! {
                <li class="item">
                    <p class="item-title">{k.name}</p>
                    <p class="muted">{made}</p>
                    {state}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Integrações"</h1>
        <p class="lead">"Uma chave deixa o sistema da sua organização ler e responder pelo Escritório Social Virtual, sem ninguém precisar copiar dados à mão."</p>
        <p>{reach}" Cada vez que a chave lê dados de uma pessoa, a pessoa vê o nome da chave em “Quem viu meus dados”."</p>
        <p>"Documentação para quem programa: "<a href="/api/v1/openapi.json">"descrição da API (OpenAPI)"</a>"."</p>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {created.map(|(name, secret)| view! {
            <div class="notice" role="status">
                <p>{format!("Chave “{name}” criada. Copie agora e guarde num lugar seguro. Ela não aparece de novo:")}</p>
                <p><code class="secret">{secret}</code></p>
                <p>"Quem tiver esta chave lê os dados da sua organização. Se ela vazar, revogue e crie outra."</p>
            </div>
        })}
        <h2>"Chaves da organização"</h2>
        {if empty {
            view! { <p>"Nenhuma chave criada."</p> }.into_any()
        } else {
            view! { <ul class="items">{items}</ul> }.into_any()
        }}
        <h2>"Criar uma chave"</h2>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action=base class="stack" novalidate>
            <TextField name="nome" label="Nome da chave" hint="Para saber onde ela é usada. Exemplo: Sistema de RH." value=form.nome errors maxlength=80 autocomplete="off"/>
            <button type="submit" class="primary">"Criar chave"</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::IntegrationsPage;
    use crate::domain::FieldErrors;
    use crate::server::actor::{CompanyActor, PartnerActor};
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::access::api_tokens::{self, KeyForm, KeyOwner};
    use crate::server::services::directory::network::CreateError;
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    const COMPANY: &str = "/empresa/integracoes";
    const PARTNER: &str = "/parceiro/integracoes";

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        pub revogada: String,
    }

    fn place(owner: KeyOwner<'_>) -> (&'static str, &'static str) {
        match owner {
            KeyOwner::Company(_) => (
                COMPANY,
                "Com ela, o sistema lê as vagas da empresa e os perfis profissionais de quem se candidatou.",
            ),
            KeyOwner::Partner(_) => (
                PARTNER,
                "Com ela, o sistema lê os encaminhamentos enviados à sua organização e registra as respostas.",
            ),
        }
    }

    async fn show(
        state: &AppState,
        owner: KeyOwner<'_>,
        status: StatusCode,
        form: KeyForm,
        errors: FieldErrors,
        created: Option<(String, String)>,
        notice: Option<&'static str>,
    ) -> Result<Response, WebError> {
        let keys = api_tokens::list(&state.db, owner).await?;
        let (base, reach) = place(owner);
        let viewer = owner.actor().viewer();
        Ok(page(
            state,
            status,
            "Integrações",
            Some(viewer),
            move || {
                view! { <IntegrationsPage base reach keys form errors created notice/> }
            },
        ))
    }

    async fn list(state: AppState, owner: KeyOwner<'_>, q: Notice) -> Result<Response, WebError> {
        let notice = (!q.revogada.is_empty())
            .then_some("Chave revogada. O sistema que a usava não entra mais.");
        show(
            &state,
            owner,
            StatusCode::OK,
            KeyForm::default(),
            FieldErrors::default(),
            None,
            notice,
        )
        .await
    }

    async fn create(
        state: AppState,
        owner: KeyOwner<'_>,
        form: KeyForm,
    ) -> Result<Response, WebError> {
        match api_tokens::create(&state.db, owner, &form).await {
            // Shown in this answer only (pages are no-store): never in an address or a redirect.
            Ok(key) => {
                show(
                    &state,
                    owner,
                    StatusCode::CREATED,
                    KeyForm::default(),
                    FieldErrors::default(),
                    Some((key.name, key.secret)),
                    None,
                )
                .await
            }
            Err(CreateError::Invalid(errors)) => {
                show(
                    &state,
                    owner,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                    None,
                    None,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    async fn revoke(state: AppState, owner: KeyOwner<'_>, id: i32) -> Result<Response, WebError> {
        api_tokens::revoke(&state.db, owner, id).await?;
        let (base, _) = place(owner);
        Ok(Redirect::to(&format!("{base}?revogada=1")).into_response())
    }

    pub async fn company_list(
        State(state): State<AppState>,
        me: CompanyActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        list(state, KeyOwner::Company(&me), q).await
    }

    pub async fn company_create(
        State(state): State<AppState>,
        me: CompanyActor,
        PostedForm(form): PostedForm<KeyForm>,
    ) -> Result<Response, WebError> {
        create(state, KeyOwner::Company(&me), form).await
    }

    pub async fn company_revoke(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        revoke(state, KeyOwner::Company(&me), id).await
    }

    pub async fn partner_list(
        State(state): State<AppState>,
        me: PartnerActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        list(state, KeyOwner::Partner(&me), q).await
    }

    pub async fn partner_create(
        State(state): State<AppState>,
        me: PartnerActor,
        PostedForm(form): PostedForm<KeyForm>,
    ) -> Result<Response, WebError> {
        create(state, KeyOwner::Partner(&me), form).await
    }

    pub async fn partner_revoke(
        State(state): State<AppState>,
        me: PartnerActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        revoke(state, KeyOwner::Partner(&me), id).await
    }
}
