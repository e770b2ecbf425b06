//! `/entrar`: egressos log in with their CPF, everyone else with an e-mail. A plain HTML form:
//! it works before (and without) any JavaScript.

use crate::components::{ErrorSummary, PasswordField, TextField};
use crate::domain::FieldErrors;
use leptos::prelude::*;

#[component]
pub fn LoginPage(
    identifier: String,
    errors: FieldErrors,
    general: Option<String>,
    notice: Option<&'static str>,
    /// Where to go after logging in (a vacancy the person was looking at).
    back: Option<String>,
) -> impl IntoView {
    view! {
        <h1>"Entrar"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <ErrorSummary errors=errors.clone() general=general/>
        <form method="post" action="/entrar" class="stack" novalidate>
            {back.map(|b| view! { <input type="hidden" name="voltar" value=b/> })}
            <TextField
                name="identificador"
                label="CPF ou e-mail"
                hint="Pessoa atendida: use seu CPF. Equipe, empresa ou parceiro: use seu e-mail."
                value=identifier
                errors=errors.clone()
                autocomplete="username"
                required=true
                maxlength=254
            />
            <PasswordField name="senha" label="Senha" errors=errors autocomplete="current-password"/>
            <button type="submit" class="primary">"Entrar"</button>
        </form>
        <p class="aside">
            "Recebeu um código da unidade? "
            <a href="/definir-senha">"Crie ou troque sua senha"</a>
        </p>
        <p class="aside">
            "Sua empresa quer contratar? "
            <a href="/empresas/cadastro">"Cadastre a empresa"</a>
        </p>
    }
}

/// Only our own public detail pages (vacancy, course, service) are accepted as a place to return to after logging in, so the
/// login form cannot be used to send people to another site.
pub fn safe_return(path: &str) -> Option<String> {
    let id = ["/vagas/", "/cursos/", "/servicos/"]
        .iter()
        .find_map(|prefix| path.strip_prefix(prefix))?;
    (!id.is_empty() && id.len() <= 10 && id.chars().all(|c| c.is_ascii_digit()))
        .then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::safe_return;

    #[test]
    fn only_public_detail_pages_are_valid_returns() {
        assert_eq!(safe_return("/vagas/12").as_deref(), Some("/vagas/12"));
        assert_eq!(safe_return("/cursos/3").as_deref(), Some("/cursos/3"));
        assert!(safe_return("/cursos/3/inscricao").is_none());
        for bad in [
            "https://mal.example/vagas/1",
            "//mal.example",
            "/vagas/1/../../x",
            "/admin",
            "/vagas/",
            "/vagas/1?x",
        ] {
            assert_eq!(safe_return(bad), None, "{bad}");
        }
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::LoginPage;
    use crate::domain::FieldErrors;
    use crate::server::actor::{Actor, MaybeActor};
    use crate::server::error::WebError;
    use crate::server::forms::{PostedForm, clear_session_cookie, client_ip, session_cookie};
    use crate::server::render::page;
    use crate::server::services::access::auth::{self, LoginError};
    use crate::server::state::AppState;
    use crate::server::tokens::SESSION_SECONDS;
    use axum::extract::{Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::{StatusCode, header};

    #[derive(serde::Deserialize, Default)]
    pub struct LoginQuery {
        #[serde(default)]
        pub saiu: Option<String>,
        #[serde(default)]
        pub senha: Option<String>,
        #[serde(default)]
        pub voltar: Option<String>,
        #[serde(default)]
        pub empresa: Option<String>,
    }

    pub async fn show(
        State(state): State<AppState>,
        MaybeActor(actor): MaybeActor,
        Query(q): Query<LoginQuery>,
    ) -> Response {
        let back = q.voltar.as_deref().and_then(super::safe_return);
        if let Some(actor) = actor {
            return Redirect::to(back.as_deref().unwrap_or(actor.role().home_path()))
                .into_response();
        }
        let notice = match (q.saiu.as_deref(), q.senha.as_deref(), q.empresa.as_deref()) {
            (Some("todos"), _, _) => Some("Você saiu de todos os dispositivos."),
            (Some(_), _, _) => Some("Você saiu. Até logo!"),
            (_, Some(_), _) => Some("Senha salva. Agora entre com ela."),
            (_, _, Some(_)) => Some(
                "Cadastro recebido. Entre com seu e-mail e senha. Você pode publicar vagas quando o Escritório Social aprovar a empresa.",
            ),
            _ => None,
        };
        page(&state, StatusCode::OK, "Entrar", None, move || {
            view_with(String::new(), FieldErrors::default(), None, notice, back)
        })
    }

    fn view_with(
        identifier: String,
        errors: FieldErrors,
        general: Option<String>,
        notice: Option<&'static str>,
        back: Option<String>,
    ) -> impl leptos::IntoView {
        use leptos::prelude::*;
        view! { <LoginPage identifier errors general notice back/> }
    }

    #[derive(serde::Deserialize)]
    pub struct LoginForm {
        #[serde(default)]
        identificador: String,
        #[serde(default)]
        senha: String,
        #[serde(default)]
        voltar: String,
    }

    pub async fn submit(
        State(state): State<AppState>,
        request_parts: http::request::Parts,
        PostedForm(form): PostedForm<LoginForm>,
    ) -> Response {
        let ip = client_ip(&request_parts.extensions);
        let identifier = form.identificador.trim().to_string();
        let back = super::safe_return(&form.voltar);
        let (status, errors, general) =
            match auth::login(&state, ip, &form.identificador, &form.senha).await {
                Ok(done) => {
                    let cookie = session_cookie(&done.token, SESSION_SECONDS, state.secure_cookies);
                    let to = back.as_deref().unwrap_or(done.role.home_path());
                    let location = http::HeaderValue::from_str(to)
                        .unwrap_or_else(|_| http::HeaderValue::from_static("/"));
                    return (
                        StatusCode::SEE_OTHER,
                        [(header::SET_COOKIE, cookie), (header::LOCATION, location)],
                    )
                        .into_response();
                }
                Err(LoginError::Invalid(errors)) => {
                    (StatusCode::UNPROCESSABLE_ENTITY, errors, None)
                }
                Err(LoginError::WrongCredentials) => (
                    StatusCode::UNAUTHORIZED,
                    FieldErrors::default(),
                    Some("CPF, e-mail ou senha não conferem. Confira e tente de novo.".to_string()),
                ),
                Err(LoginError::RateLimited) => (
                    StatusCode::TOO_MANY_REQUESTS,
                    FieldErrors::default(),
                    Some(
                        "Muitas tentativas seguidas. Espere 15 minutos e tente de novo."
                            .to_string(),
                    ),
                ),
                Err(LoginError::Internal(e)) => return e.into_response(),
            };
        page(&state, status, "Entrar", None, move || {
            view_with(identifier, errors, general, None, back)
        })
    }

    fn logged_out(state: &AppState, to: &'static str) -> Response {
        (
            StatusCode::SEE_OTHER,
            [
                (
                    header::SET_COOKIE,
                    clear_session_cookie(state.secure_cookies),
                ),
                (header::LOCATION, http::HeaderValue::from_static(to)),
            ],
        )
            .into_response()
    }

    pub async fn logout(
        State(state): State<AppState>,
        MaybeActor(actor): MaybeActor,
    ) -> Result<Response, WebError> {
        if let Some(actor) = actor {
            auth::logout(&state.db, &actor).await?;
        }
        Ok(logged_out(&state, "/entrar?saiu=1"))
    }

    pub async fn logout_everywhere(
        State(state): State<AppState>,
        actor: Actor,
    ) -> Result<Response, WebError> {
        auth::logout_everywhere(&state.db, &actor).await?;
        Ok(logged_out(&state, "/entrar?saiu=todos"))
    }
}
