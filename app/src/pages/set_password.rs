//! `/definir-senha`: a person sets (or resets) their password with the one-time code the unit
//! gave them. Works without JavaScript.

use crate::components::{ErrorSummary, PasswordField, TextField};
use crate::domain::FieldErrors;
use leptos::prelude::*;

#[component]
pub fn SetPasswordPage(
    identifier: String,
    code: String,
    errors: FieldErrors,
    general: Option<String>,
) -> impl IntoView {
    view! {
        <h1>"Criar ou trocar sua senha"</h1>
        <p>"Use o código que a unidade entregou para você. O código vale por 3 dias e funciona uma vez."</p>
        <ErrorSummary errors=errors.clone() general=general/>
        <form method="post" action="/definir-senha" class="stack" novalidate>
            <TextField
                name="identificador"
                label="CPF ou e-mail"
                value=identifier
                errors=errors.clone()
                autocomplete="username"
                required=true
                maxlength=254
            />
            <TextField
                name="codigo"
                label="Código"
                hint="8 letras e números. Exemplo: ABCD-2345"
                value=code
                errors=errors.clone()
                autocomplete="one-time-code"
                required=true
                maxlength=20
            />
            <PasswordField
                name="senha"
                label="Nova senha"
                hint="Pelo menos 8 letras, números ou símbolos."
                errors=errors.clone()
                autocomplete="new-password"
            />
            <PasswordField name="confirmacao" label="Repita a nova senha" errors=errors autocomplete="new-password"/>
            <button type="submit" class="primary">"Salvar senha"</button>
        </form>
        <p class="aside"><a href="/entrar">"Voltar para Entrar"</a></p>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::SetPasswordPage;
    use crate::domain::FieldErrors;
    use crate::server::forms::{PostedForm, client_ip};
    use crate::server::render::page;
    use crate::server::services::access::auth::{self, LoginError, SetPasswordInput};
    use crate::server::state::AppState;
    use axum::extract::State;
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    pub async fn show(State(state): State<AppState>) -> Response {
        page(
            &state,
            StatusCode::OK,
            "Criar ou trocar senha",
            None,
            || {
                view! { <SetPasswordPage identifier=String::new() code=String::new() errors=FieldErrors::default() general=None/> }
            },
        )
    }

    #[derive(serde::Deserialize)]
    pub struct SetPasswordForm {
        #[serde(default)]
        identificador: String,
        #[serde(default)]
        codigo: String,
        #[serde(default)]
        senha: String,
        #[serde(default)]
        confirmacao: String,
    }

    pub async fn submit(
        State(state): State<AppState>,
        request_parts: http::request::Parts,
        PostedForm(form): PostedForm<SetPasswordForm>,
    ) -> Response {
        let ip = client_ip(&request_parts.extensions);
        let input = SetPasswordInput {
            identifier: &form.identificador,
            code: &form.codigo,
            password: &form.senha,
            confirmation: &form.confirmacao,
        };
        let (status, errors, general) = match auth::set_password_with_code(&state, ip, input).await
        {
            Ok(()) => return Redirect::to("/entrar?senha=salva").into_response(),
            Err(LoginError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None),
            Err(LoginError::WrongCredentials) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                FieldErrors::default(),
                None,
            ),
            Err(LoginError::RateLimited) => (
                StatusCode::TOO_MANY_REQUESTS,
                FieldErrors::default(),
                Some("Muitas tentativas seguidas. Espere 15 minutos e tente de novo.".to_string()),
            ),
            Err(LoginError::Internal(e)) => return e.into_response(),
        };
        let identifier = form.identificador.trim().to_string();
        let code = form.codigo.trim().to_string();
        page(&state, status, "Criar ou trocar senha", None, move || {
            view! { <SetPasswordPage identifier code errors general/> }
        })
    }
}
