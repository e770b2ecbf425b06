//! `/inicio/perfil`: the professional profile a person shows to companies they apply to.

use crate::components::{ErrorSummary, SelectField, TextArea, TextField};
use crate::domain::FieldErrors;
use crate::domain::jobs::{CONTACT_PREFERENCES, SCHOOLING};
use crate::server::services::jobs::applications::ProfileForm;
use leptos::prelude::*;

fn options(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect()
}

#[component]
pub fn ProfilePage(
    form: ProfileForm,
    errors: FieldErrors,
    saved: bool,
    /// Why the profile typed was not saved (it changed elsewhere in the meantime).
    conflict: Option<String>,
    /// (asked companies to be told, the Escritório Social confirmed)
    quota: (bool, bool),
) -> impl IntoView {
    let (asked, confirmed) = quota;
    let quota_state = match (asked, confirmed) {
        (true, true) => {
            "As empresas em que você se candidata veem: “Elegível para cota”. Só isso, nunca o motivo."
        }
        (true, false) => {
            "Você pediu. Falta o Escritório Social confirmar; até lá as empresas não veem nada."
        }
        _ => "Hoje as empresas não veem nada sobre cota.",
    };
    view! {
        <h1>"Meu perfil profissional"</h1>
        {saved.then(|| view! { <p class="notice" role="status">"Perfil salvo."</p> })}
        {conflict.map(|c| view! { <p class="notice warning" role="alert">{c}</p> })}
        <p>"É isto que a empresa vê quando você se candidata. Só isto: a empresa não vê seu CPF, sua unidade nem nada do seu atendimento."</p>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action="/inicio/perfil" class="stack" novalidate data-fila="perfil">
            <input type="hidden" name="vaga" value=form.vaga.clone()/>
            <input type="hidden" name="versao" value=form.versao.clone()/>
            <input type="hidden" name="conta" value=form.conta.clone()/>
            <SelectField name="escolaridade" label="Escolaridade" options=options(&SCHOOLING) selected=form.escolaridade errors=errors.clone() empty_label="Escolha"/>
            <TextArea name="habilidades" label="O que você sabe fazer" hint="Exemplo: assentar piso, cozinhar para muita gente, dirigir caminhão." value=form.habilidades errors=errors.clone() maxlength=1000/>
            <TextArea name="experiencia" label="Onde já trabalhou" hint="Pode ser trabalho sem carteira. Não precisa dizer onde." value=form.experiencia errors=errors.clone() maxlength=2000/>
            <TextArea name="cursos" label="Cursos que fez" value=form.cursos errors=errors.clone() maxlength=1000/>
            <TextField name="disponibilidade" label="Quando pode trabalhar" hint="Exemplo: manhã e tarde, fins de semana." value=form.disponibilidade errors=errors.clone() maxlength=200/>
            <SelectField name="contato" label="Como a empresa fala com você" options=options(&CONTACT_PREFERENCES) selected=form.contato errors=errors.clone() empty_label="Escolha"/>
            <TextField name="telefone" label="Telefone com DDD" value=form.telefone errors=errors.clone() input_type="tel" autocomplete="tel" inputmode="tel" maxlength=20/>
            <TextField name="email" label="E-mail" hint="Se preferir receber por e-mail." value=form.email errors=errors input_type="email" autocomplete="email" maxlength=254/>
            <button type="submit" class="primary">"Salvar perfil"</button>
        </form>
        <section class="area" aria-labelledby="cota">
            <h2 id="cota">"Vagas de cota legal"</h2>
            <p>"Algumas empresas têm vagas reservadas por lei. Você pode pedir que elas saibam que você pode ocupar uma dessas vagas. O Escritório Social confirma antes."</p>
            <p><strong>{quota_state}</strong></p>
            <form method="post" action="/inicio/perfil/cota">
                <input type="hidden" name="quero" value=if asked { "0" } else { "1" }/>
                <button type="submit" class=if asked { "secondary" } else { "primary" }>
                    {if asked { "Não quero mais que as empresas saibam" } else { "Quero que as empresas saibam" }}
                </button>
            </form>
        </section>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{ProfileForm, ProfilePage};
    use crate::domain::FieldErrors;
    use crate::server::actor::EgressoActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::offline;
    use crate::server::render::page;
    use crate::server::services::jobs::applications::SaveProfileError;
    use crate::server::services::{jobs::applications, jobs::quota_eligibility};
    use crate::server::state::AppState;
    use axum::extract::{Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct ProfileQuery {
        vaga: String,
        salvo: String,
    }

    async fn render(
        state: &AppState,
        me: &EgressoActor,
        status: StatusCode,
        form: ProfileForm,
        errors: FieldErrors,
        saved: bool,
        conflict: Option<String>,
    ) -> Result<Response, WebError> {
        let (asked, confirmed_at) = quota_eligibility::state(&state.db, me.person_id).await?;
        let quota = (asked, confirmed_at.is_some());
        let form = ProfileForm {
            conta: offline::owner_mark(state, me.actor.user_id),
            ..form
        };
        Ok(page(
            state,
            status,
            "Meu perfil profissional",
            Some(me.actor.viewer()),
            move || view! { <ProfilePage form errors saved conflict quota/> },
        ))
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct QuotaForm {
        quero: String,
    }

    pub async fn quota(
        State(state): State<AppState>,
        me: EgressoActor,
        PostedForm(form): PostedForm<QuotaForm>,
    ) -> Result<Response, WebError> {
        quota_eligibility::set_consent(&state.db, &me, form.quero == "1").await?;
        Ok(Redirect::to("/inicio/perfil?salvo=1#cota").into_response())
    }

    pub async fn show(
        State(state): State<AppState>,
        me: EgressoActor,
        Query(q): Query<ProfileQuery>,
    ) -> Result<Response, WebError> {
        let form = match applications::profile(&state.db, &me).await? {
            Some(p) => ProfileForm {
                escolaridade: p.schooling,
                habilidades: p.skills,
                experiencia: p.experience,
                cursos: p.courses,
                disponibilidade: p.availability,
                contato: p.contact_preference,
                telefone: p.phone.unwrap_or_default(),
                email: p.email.unwrap_or_default(),
                vaga: q.vaga,
                versao: p.version.to_string(),
                conta: String::new(),
            },
            None => ProfileForm {
                vaga: q.vaga,
                versao: "0".into(),
                ..Default::default()
            },
        };
        render(
            &state,
            &me,
            StatusCode::OK,
            form,
            FieldErrors::default(),
            !q.salvo.is_empty(),
            None,
        )
        .await
    }

    pub async fn save(
        State(state): State<AppState>,
        me: EgressoActor,
        PostedForm(form): PostedForm<ProfileForm>,
    ) -> Result<Response, WebError> {
        if !offline::is_owner(&state, me.actor.user_id, &form.conta) {
            return Ok(offline::other_account(&state, &me.actor));
        }
        match applications::save_profile(&state.db, &me, &form).await {
            Ok(()) => {
                // Back to the vacancy the person was applying to, if any (only our own paths).
                let back = form
                    .vaga
                    .parse::<i32>()
                    .ok()
                    .map(|id| format!("/vagas/{id}"))
                    .unwrap_or_else(|| "/inicio/perfil?salvo=1".into());
                Ok(Redirect::to(&back).into_response())
            }
            Err(SaveProfileError::Invalid(errors)) => {
                render(
                    &state,
                    &me,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                    false,
                    None,
                )
                .await
            }
            Err(SaveProfileError::Changed { at, version }) => {
                // What the person typed stays in the form, now over the newer version: one
                // more tap keeps it, after they have seen that something changed.
                let reason = format!(
                    "Seu perfil foi salvo em outro lugar em {}, depois que você abriu esta página. Esta mudança não foi salva. Confira o que está abaixo e toque em “Salvar perfil” para ficar com ela.",
                    crate::domain::dates::br_datetime(at)
                );
                let form = ProfileForm {
                    versao: version.to_string(),
                    ..form
                };
                let response = render(
                    &state,
                    &me,
                    StatusCode::CONFLICT,
                    form,
                    FieldErrors::default(),
                    false,
                    Some(reason.clone()),
                )
                .await?;
                Ok(offline::with_reason(response, &reason))
            }
            Err(SaveProfileError::Internal(e)) => Err(e),
        }
    }
}
