//! `/admin/contas`: list accounts, create one, and hand out one-time codes to set a password.

use crate::components::{ErrorSummary, SelectField, TextField};
use crate::domain::{FieldErrors, Role};
use crate::server::services::access::accounts::NewAccount;
use leptos::prelude::*;

#[derive(Clone)]
pub struct AccountLine {
    pub id: i32,
    pub name: String,
    pub role: Role,
    pub login: String,
    pub belongs_to: String,
    pub has_password: bool,
}

#[component]
pub fn AccountsPage(accounts: Vec<AccountLine>) -> impl IntoView {
    let items = accounts
        .into_iter()
        .map(|a| {
            let action = format!("/admin/contas/{}/codigo", a.id);
            let state = if a.has_password {
                "Senha criada"
            } else {
                "Aguardando a pessoa criar a senha"
            };
            view! {
                <li class="item">
                    <p class="item-title">{a.name}</p>
                    <p>{a.role.label()} " · " {a.belongs_to}</p>
                    <p class="muted">{a.login} " · " {state}</p>
                    <form method="post" action=action>
                        <button type="submit" class="secondary">"Gerar código de senha"</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Contas"</h1>
        <p><a class="button-link" href="/admin/contas/nova">"Criar conta"</a></p>
        <ul class="items">{items}</ul>
    }
}

#[component]
pub fn NewAccountPage(
    values: NewAccount,
    units: Vec<(String, String)>,
    organizations: Vec<(String, String)>,
    errors: FieldErrors,
) -> impl IntoView {
    let roles = Role::ALL
        .iter()
        .map(|r| (r.as_str().to_string(), r.label().to_string()))
        .collect::<Vec<_>>();
    view! {
        <h1>"Criar conta"</h1>
        <p>"Depois de criar, você recebe um código. Entregue o código à pessoa: com ele, ela cria a própria senha."</p>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action="/admin/contas/nova" class="stack" novalidate>
            <SelectField name="papel" label="Tipo de conta" options=roles selected=values.papel errors=errors.clone() empty_label="Escolha"/>
            <TextField name="nome" label="Nome" value=values.nome errors=errors.clone() required=true autocomplete="off"/>
            <TextField name="cpf" label="CPF" hint="Só para pessoa atendida." value=values.cpf errors=errors.clone() inputmode="numeric" maxlength=14 autocomplete="off"/>
            <TextField name="email" label="E-mail" hint="Para equipe, empresa, parceiro e administração." value=values.email errors=errors.clone() input_type="email" autocomplete="off" maxlength=254/>
            <SelectField name="unidade" label="Unidade" hint="Para pessoa atendida, equipe técnica e coordenação." options=units selected=values.unidade errors=errors.clone() empty_label="Nenhuma"/>
            <SelectField name="organizacao" label="Empresa ou organização" hint="Para empresa e organização parceira." options=organizations selected=values.organizacao errors=errors empty_label="Nenhuma"/>
            <button type="submit" class="primary">"Criar conta"</button>
        </form>
    }
}

#[component]
pub fn CodePage(heading: &'static str, name: String, code: String) -> impl IntoView {
    view! {
        <h1>{heading}</h1>
        <p>"Entregue este código a " <strong>{name}</strong> ". Ele vale por 3 dias e funciona uma vez."</p>
        <p>"Código:"</p>
        <p class="code">{code}</p>
        <p>"A pessoa deve abrir " <strong>"Entrar › Crie ou troque sua senha"</strong> " e digitar o código."</p>
        <p>"Este código não aparece de novo. Se perder, gere outro."</p>
        <p><a class="button-link" href="/admin/contas">"Voltar para Contas"</a></p>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{AccountLine, AccountsPage, CodePage, NewAccountPage};
    use crate::domain::FieldErrors;
    use crate::server::actor::AdminActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::access::accounts::{self, NewAccount, display_code};
    use crate::server::services::directory::network::{self, CreateError};
    use crate::server::state::AppState;
    use axum::extract::{Path, State};
    use axum::response::{IntoResponse, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    pub async fn list(
        State(state): State<AppState>,
        admin: AdminActor,
    ) -> Result<Response, WebError> {
        let accounts: Vec<AccountLine> = accounts::list_accounts(&state.db, &admin)
            .await?
            .into_iter()
            .map(|a| AccountLine {
                id: a.id,
                name: a.name,
                role: a.role,
                login: a.login,
                belongs_to: a.belongs_to,
                has_password: a.has_password,
            })
            .collect();
        Ok(page(
            &state,
            StatusCode::OK,
            "Contas",
            Some(admin.actor.viewer()),
            move || view! { <AccountsPage accounts/> },
        ))
    }

    async fn form_page(
        state: &AppState,
        admin: &AdminActor,
        status: StatusCode,
        values: NewAccount,
        errors: FieldErrors,
    ) -> Result<Response, WebError> {
        let units = network::list_units(&state.db, admin)
            .await?
            .into_iter()
            .map(|u| (u.id.to_string(), format!("{} ({})", u.name, u.uf)))
            .collect::<Vec<_>>();
        let organizations = network::list_organizations(&state.db, admin)
            .await?
            .into_iter()
            .map(|o| {
                let kind = if o.kind == network::COMPANY {
                    "empresa"
                } else {
                    "parceira"
                };
                (o.id.to_string(), format!("{} ({kind})", o.name))
            })
            .collect::<Vec<_>>();
        Ok(page(
            state,
            status,
            "Criar conta",
            Some(admin.actor.viewer()),
            move || {
                view! { <NewAccountPage values units organizations errors/> }
            },
        ))
    }

    pub async fn new_form(
        State(state): State<AppState>,
        admin: AdminActor,
    ) -> Result<Response, WebError> {
        form_page(
            &state,
            &admin,
            StatusCode::OK,
            NewAccount::default(),
            FieldErrors::default(),
        )
        .await
    }

    pub async fn create(
        State(state): State<AppState>,
        admin: AdminActor,
        PostedForm(form): PostedForm<NewAccount>,
    ) -> Result<Response, WebError> {
        match accounts::create_account(&state.db, &admin, &form).await {
            Ok(created) => {
                let name = created.account.display_name.clone();
                let code = display_code(&created.code);
                Ok(page(
                    &state,
                    StatusCode::CREATED,
                    "Conta criada",
                    Some(admin.actor.viewer()),
                    move || {
                        view! { <CodePage heading="Conta criada" name code/> }
                    },
                ))
            }
            Err(CreateError::Invalid(errors)) => {
                form_page(
                    &state,
                    &admin,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Ok(e.into_response()),
        }
    }

    pub async fn issue_code(
        State(state): State<AppState>,
        admin: AdminActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        let created = accounts::issue_password_code(&state.db, &admin, id).await?;
        let name = created.account.display_name.clone();
        let code = display_code(&created.code);
        Ok(page(
            &state,
            StatusCode::OK,
            "Código de senha",
            Some(admin.actor.viewer()),
            move || {
                view! { <CodePage heading="Código de senha" name code/> }
            },
        ))
    }
}
