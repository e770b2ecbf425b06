//! Companies joining: the public registration form (`/empresas/cadastro`) and the company's own
//! HR accounts (`/empresa/equipe`).

use crate::components::{ErrorSummary, PasswordField, TextField};
use crate::domain::FieldErrors;
use crate::server::services::jobs::companies::{MemberForm, SignupForm};
use leptos::prelude::*;

#[component]
pub fn SignupPage(form: SignupForm, errors: FieldErrors, general: Option<String>) -> impl IntoView {
    view! {
        <h1>"Cadastrar empresa"</h1>
        <p>"Empresas parceiras publicam vagas para pessoas que saíram do sistema prisional. O Escritório Social confere o cadastro antes da primeira vaga."</p>
        <p>"Você vê só o perfil profissional de quem se candidata. Nunca informações sobre a passagem pela prisão."</p>
        <ErrorSummary errors=errors.clone() general=general/>
        <form method="post" action="/empresas/cadastro" class="stack" novalidate>
            <fieldset class="stack">
                <legend>"Empresa"</legend>
                <TextField name="cnpj" label="CNPJ" hint="Com ou sem pontos. Aceita o CNPJ com letras." value=form.cnpj errors=errors.clone() maxlength=18 autocomplete="off"/>
                <TextField name="razao_social" label="Razão social" value=form.razao_social errors=errors.clone() maxlength=200 autocomplete="organization"/>
                <TextField name="nome_fantasia" label="Nome fantasia (opcional)" value=form.nome_fantasia errors=errors.clone() maxlength=200/>
                <TextField name="cnae" label="CNAE principal (opcional)" hint="Exemplo: 5611-2/01" value=form.cnae errors=errors.clone() maxlength=10 autocomplete="off"/>
            </fieldset>
            <fieldset class="stack">
                <legend>"Quem cuida do cadastro"</legend>
                <TextField name="nome" label="Seu nome" value=form.nome errors=errors.clone() maxlength=200 autocomplete="name"/>
                <TextField name="email" label="Seu e-mail" hint="É com ele que você entra." input_type="email" value=form.email errors=errors.clone() maxlength=254 autocomplete="email"/>
                <TextField name="telefone" label="Telefone com DDD" input_type="tel" value=form.telefone errors=errors.clone() maxlength=20 autocomplete="tel"/>
                <PasswordField name="senha" label="Senha" hint="Pelo menos 8 letras, números ou símbolos." errors=errors.clone() autocomplete="new-password"/>
                <PasswordField name="confirmacao" label="Repita a senha" errors=errors autocomplete="new-password"/>
            </fieldset>
            <button type="submit" class="primary">"Cadastrar empresa"</button>
        </form>
    }
}

#[derive(Clone, Debug)]
pub struct MemberLine {
    pub name: String,
    pub email: String,
    pub has_password: bool,
}

#[component]
pub fn CompanyTeamPage(
    company: String,
    members: Vec<MemberLine>,
    form: MemberForm,
    errors: FieldErrors,
    code: Option<(String, String)>,
) -> impl IntoView {
    let items = members
        .into_iter()
        .map(|m| {
            let state = if m.has_password {
                "Acesso ativo"
            } else {
                "Ainda não criou a senha"
            };
            view! {
                <li class="item">
                    <p class="item-title">{m.name}</p>
                    <p>{m.email}</p>
                    <p class="muted">{state}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Equipe da empresa"</h1>
        <p class="lead">{company}</p>
        {code.map(|(name, code)| view! {
            <div class="notice" role="status">
                <p>{format!("Acesso criado para {name}. Entregue este código. Ele vale por 72 horas e só uma vez:")}</p>
                <p class="code">{code}</p>
                <p>"A pessoa entra em “Definir senha” com o e-mail e o código, e escolhe a senha."</p>
            </div>
        })}
        <ul class="items">{items}</ul>
        <h2>"Dar acesso a mais alguém da empresa"</h2>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action="/empresa/equipe" class="stack" novalidate>
            <TextField name="nome" label="Nome" value=form.nome errors=errors.clone() maxlength=200/>
            <TextField name="email" label="E-mail" input_type="email" value=form.email errors=errors maxlength=254/>
            <button type="submit" class="primary">"Criar acesso"</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{CompanyTeamPage, MemberForm, MemberLine, SignupForm, SignupPage};
    use crate::domain::FieldErrors;
    use crate::server::actor::CompanyActor;
    use crate::server::error::WebError;
    use crate::server::forms::{PostedForm, client_ip};
    use crate::server::render::page;
    use crate::server::services::access::accounts::display_code;
    use crate::server::services::directory::network::CreateError;
    use crate::server::services::jobs::companies;
    use crate::server::state::AppState;
    use axum::extract::State;
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    fn signup_page(
        state: &AppState,
        status: StatusCode,
        form: SignupForm,
        errors: FieldErrors,
        general: Option<String>,
    ) -> Response {
        page(state, status, "Cadastrar empresa", None, move || {
            view! { <SignupPage form errors general/> }
        })
    }

    pub async fn form(State(state): State<AppState>) -> Response {
        signup_page(
            &state,
            StatusCode::OK,
            SignupForm::default(),
            FieldErrors::default(),
            None,
        )
    }

    pub async fn submit(
        State(state): State<AppState>,
        parts: http::request::Parts,
        PostedForm(form): PostedForm<SignupForm>,
    ) -> Result<Response, WebError> {
        // Same per-address budget as the login form: registering is not a way to probe e-mails.
        if !state.limiter.allow_ip(client_ip(&parts.extensions)).await? {
            let general = Some(
                "Muitas tentativas seguidas. Espere alguns minutos e tente de novo.".to_string(),
            );
            return Ok(signup_page(
                &state,
                StatusCode::TOO_MANY_REQUESTS,
                blank(form),
                FieldErrors::default(),
                general,
            ));
        }
        match companies::register(&state.db, &form).await {
            Ok(()) => Ok(Redirect::to("/entrar?empresa=1").into_response()),
            Err(CreateError::Invalid(errors)) => Ok(signup_page(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                blank(form),
                errors,
                None,
            )),
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    /// What was typed, without the passwords (they are never written back into a page).
    fn blank(form: SignupForm) -> SignupForm {
        SignupForm {
            senha: String::new(),
            confirmacao: String::new(),
            ..form
        }
    }

    async fn team_page(
        state: &AppState,
        me: &CompanyActor,
        status: StatusCode,
        form: MemberForm,
        errors: FieldErrors,
        code: Option<(String, String)>,
    ) -> Result<Response, WebError> {
        let company = companies::my_company(&state.db, me).await?.name;
        let members = companies::team(&state.db, me)
            .await?
            .into_iter()
            .map(|a| MemberLine {
                name: a.display_name,
                email: a.email.unwrap_or_default(),
                has_password: a.password_hash.is_some(),
            })
            .collect();
        Ok(page(
            state,
            status,
            "Equipe da empresa",
            Some(me.actor.viewer()),
            move || view! { <CompanyTeamPage company members form errors code/> },
        ))
    }

    pub async fn team(
        State(state): State<AppState>,
        me: CompanyActor,
    ) -> Result<Response, WebError> {
        team_page(
            &state,
            &me,
            StatusCode::OK,
            MemberForm::default(),
            FieldErrors::default(),
            None,
        )
        .await
    }

    pub async fn add_member(
        State(state): State<AppState>,
        me: CompanyActor,
        PostedForm(form): PostedForm<MemberForm>,
    ) -> Result<Response, WebError> {
        match companies::add_member(&state.db, &me, &form).await {
            Ok(created) => {
                let code = Some((
                    created.account.display_name.clone(),
                    display_code(&created.code),
                ));
                team_page(
                    &state,
                    &me,
                    StatusCode::CREATED,
                    MemberForm::default(),
                    FieldErrors::default(),
                    code,
                )
                .await
            }
            Err(CreateError::Invalid(errors)) => {
                team_page(
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
}
