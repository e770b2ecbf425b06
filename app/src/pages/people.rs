//! Pessoas atendidas (`/equipe/pessoas`): find a person of the unit by name or CPF, register a
//! new one (egressa, pré-egressa, familiar), read the record, create the person's access.

use crate::components::picker::{self, Picker, PickerField};
use crate::components::{ErrorSummary, SelectField, TextField};
use crate::domain::monitoring::FIRST_CONTACTS;
use crate::domain::people::{CATEGORIES, RACES, REGIMES, WHY_RACE_AND_GENDER, label};
use crate::domain::text::encode_query;
use crate::domain::{FieldErrors, jobs};
use crate::server::services::case::people::PersonForm;
use leptos::prelude::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect()
}

#[component]
pub fn PeoplePage(
    query: String,
    lines: Vec<(i32, String, String, Option<String>)>,
    notice: Option<&'static str>,
    /// Matches in all, this page and how many pages.
    total: u64,
    page: u64,
    pages: u64,
) -> impl IntoView {
    let searched = !query.trim().is_empty();
    let none = lines.is_empty();
    let href = |n: u64| {
        format!(
            "/equipe/pessoas?q={}&pagina={n}",
            encode_query(query.trim())
        )
    };
    let prev = (page > 1).then(|| href((page - 1).min(pages)));
    let next = (page < pages).then(|| href(page + 1));
    let found = match total {
        0 => None,
        1 => Some("1 pessoa encontrada.".to_string()),
        n => Some(format!("{n} pessoas encontradas.")),
    };
    let items = lines
        .into_iter()
        .map(|(id, name, category, cpf)| {
            let href = format!("/equipe/pessoas/{id}");
            view! {
                <li class="item">
                    <p class="item-title"><a href=href>{name}</a></p>
                    <p>{label(&CATEGORIES, &category)}</p>
                    {cpf.map(|c| view! { <p class="muted">{format!("CPF {c}")}</p> })}
                </li>
            }
        })
        .collect_view();
    let errors = FieldErrors::default();
    view! {
        <h1>"Pessoas atendidas"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <form method="get" action="/equipe/pessoas" class="stack search" role="search">
            <TextField name="q" label="Nome ou CPF" value=query errors=errors input_type="search" maxlength=100/>
            <button type="submit" class="primary">"Buscar"</button>
        </form>
        <p><a class="button-link secondary-link" href="/equipe/pessoas/nova">"Cadastrar pessoa"</a></p>
        {(searched && none).then(|| view! { <p role="status">"Ninguém encontrado na sua unidade. Confira o nome ou o CPF."</p> })}
        {(!searched).then(|| view! { <p class="muted">"Busque pelo nome (sem acentos também funciona) ou pelo CPF."</p> })}
        {found.map(|f| view! { <p role="status" class="result-count">{f}</p> })}
        <ul class="items">{items}</ul>
        <crate::components::Pager page pages prev next/>
    }
}

#[component]
pub fn NewPersonPage(form: PersonForm, errors: FieldErrors, relative: Picker) -> impl IntoView {
    view! {
        <p><a href="/equipe/pessoas">"← Pessoas atendidas"</a></p>
        <h1>"Cadastrar pessoa"</h1>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action="/equipe/pessoas/nova" class="stack" novalidate>
            <TextField name="nome_social" label="Nome social (se houver)" hint="É o nome que aparece primeiro em todo o sistema." value=form.nome_social errors=errors.clone() maxlength=200/>
            <TextField name="nome" label="Nome de registro" value=form.nome errors=errors.clone() required=true maxlength=200/>
            <SelectField name="categoria" label="Quem é a pessoa" options=pairs(&CATEGORIES) selected=form.categoria errors=errors.clone() empty_label="Escolha"/>
            <TextField name="cpf" label="CPF (opcional)" value=form.cpf errors=errors.clone() inputmode="numeric" maxlength=14/>
            <TextField name="telefone" label="Telefone com DDD (opcional)" value=form.telefone errors=errors.clone() input_type="tel" maxlength=20/>
            <TextField name="email" label="E-mail (opcional)" value=form.email errors=errors.clone() input_type="email" maxlength=254/>
            <SelectField name="escolaridade" label="Escolaridade (opcional)" options=pairs(&jobs::SCHOOLING) selected=form.escolaridade errors=errors.clone() empty_label="Não informada"/>
            <TextField name="nascimento" label="Data de nascimento (opcional)" input_type="date" value=form.nascimento errors=errors.clone()/>
            <SelectField name="primeiro_contato" label="Como a pessoa chegou ao Escritório Social (opcional)" options=pairs(&FIRST_CONTACTS) selected=form.primeiro_contato errors=errors.clone() empty_label="Não informado"/>
            <fieldset class="stack">
                <legend>"Só para pessoa pré-egressa"</legend>
                <TextField name="unidade_prisional" label="Unidade prisional" value=form.unidade_prisional errors=errors.clone() maxlength=200/>
                <TextField name="saida_prevista" label="Saída prevista" input_type="date" value=form.saida_prevista errors=errors.clone()/>
                <SelectField name="regime" label="Regime atual" options=pairs(&REGIMES) selected=form.regime errors=errors.clone() empty_label="Escolha"/>
            </fieldset>
            <fieldset class="stack">
                <legend>"Só para familiar"</legend>
                <PickerField picker=relative query=form.busca_familiar.clone() errors=errors.clone() text=&picker::RELATIVE/>
            </fieldset>
            <fieldset class="stack">
                <legend>"Raça e gênero (opcional)"</legend>
                <p class="hint">{WHY_RACE_AND_GENDER}</p>
                <SelectField name="raca" label="Cor ou raça, como a pessoa se declara" options=pairs(&RACES) selected=form.raca errors=errors.clone() empty_label="Não perguntado"/>
                <TextField name="genero" label="Identidade de gênero, como a pessoa se declara" value=form.genero errors=errors maxlength=60/>
            </fieldset>
            <button type="submit" class="primary">"Cadastrar"</button>
        </form>
    }
}

#[derive(Clone, Debug)]
pub struct RecordView {
    pub id: i32,
    pub name: String,
    pub civil_name: Option<String>,
    pub category: String,
    pub cpf: Option<String>,
    pub facts: Vec<(&'static str, String)>,
    pub related: Option<(i32, String)>,
    pub family: Vec<(i32, String)>,
    pub has_account: bool,
    pub code: Option<String>,
    pub account_error: Option<String>,
    pub notice: Option<&'static str>,
    pub reference: String,
    pub staff: Vec<(String, String)>,
    pub reference_error: FieldErrors,
    /// (the person asked companies to be told she may fill a quota post, the unit confirmed)
    pub quota: (bool, bool),
}

#[component]
pub fn PersonRecordPage(view: RecordView) -> impl IntoView {
    let RecordView {
        id,
        name,
        civil_name,
        category,
        cpf,
        facts,
        related,
        family,
        has_account,
        code,
        account_error,
        notice,
        reference,
        staff,
        reference_error,
        quota,
    } = view;
    let (quota_asked, quota_confirmed) = quota;
    let quota_text = match quota {
        (true, true) => {
            "Confirmado. As empresas em que a pessoa se candidata veem só: “Elegível para cota”."
        }
        (true, false) => {
            "A pessoa pediu que as empresas saibam. Confirme se ela pode ocupar vaga de cota legal (Decreto 9.450/2018 ou lei estadual)."
        }
        (false, true) => "Confirmado, mas a pessoa não pediu: as empresas não veem nada.",
        (false, false) => "A pessoa não pediu. As empresas não veem nada sobre cota.",
    };
    let facts = facts
        .into_iter()
        .map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> })
        .collect_view();
    let family = family
        .into_iter()
        .map(|(fid, fname)| {
            let href = format!("/equipe/pessoas/{fid}");
            view! { <li><a href=href>{fname}</a></li> }
        })
        .collect_view();
    let action = format!("/equipe/pessoas/{id}/acesso");
    let release_action = format!("/equipe/pessoas/{id}/saida");
    let pre_release = category == "pre_egresso";
    let invalid = account_error.is_some();
    view! {
        <p><a href="/equipe/pessoas">"← Pessoas atendidas"</a></p>
        <h1>{name}</h1>
        <p class="lead">{label(&CATEGORIES, &category)}</p>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <dl class="data">
            {civil_name.map(|n| view! { <dt>"Nome de registro"</dt><dd>{n}</dd> })}
            <dt>"CPF"</dt><dd>{cpf.unwrap_or_else(|| "Não informado".to_string())}</dd>
            {facts}
            {related.map(|(rid, rname)| {
                let href = format!("/equipe/pessoas/{rid}");
                view! { <dt>"Familiar de"</dt><dd><a href=href>{rname}</a></dd> }
            })}
        </dl>
        <h2>"Atendimento"</h2>
        <ul class="actions-list">
            <li><a class="button-link secondary-link" href=format!("/equipe/pessoas/{id}/entrevista")>"Acolhimento e entrevista"</a></li>
            <li><a class="button-link secondary-link" href=format!("/equipe/pessoas/{id}/plano")>{crate::domain::plan::title(category == "pre_egresso")}</a></li>
            <li><a class="button-link secondary-link" href=format!("/equipe/pessoas/{id}/acompanhamento")>"Acompanhamento"</a></li>
            <li><a class="button-link secondary-link" href=format!("/equipe/pessoas/{id}/emprego")>"Emprego"</a></li>
            <li><a class="button-link secondary-link" href=format!("/equipe/pessoas/{id}/estigma")>"Estigma"</a></li>
        </ul>
        <form method="post" action=format!("/equipe/pessoas/{id}/referencia") class="stack">
            <SelectField name="referencia" label="Técnica ou técnico de referência" hint="Quem acompanha o caso. A pessoa aparece no painel dessa pessoa." options=staff selected=reference errors=reference_error empty_label="Ninguém ainda"/>
            <button type="submit" class="secondary">"Salvar referência"</button>
        </form>
        {pre_release.then(|| view! {
            <form method="post" action=release_action class="stack">
                <h2>"Saída da prisão"</h2>
                <p>"A pessoa saiu? Registre a saída. Ela passa a ser atendida como pessoa egressa, o plano de saída continua como plano singular, e você pode criar o acesso dela."</p>
                <button type="submit" class="secondary">"Registrar saída"</button>
            </form>
        })}
        <form method="post" action=format!("/equipe/pessoas/{id}/cota") class="stack">
            <h2>"Vaga de cota legal"</h2>
            <p>{quota_text}</p>
            <input type="hidden" name="confirmar" value=if quota_confirmed { "0" } else { "1" }/>
            {(quota_asked || quota_confirmed).then(|| view! {
                <button type="submit" class="secondary">{if quota_confirmed { "Retirar confirmação" } else { "Confirmar elegibilidade para cota" }}</button>
            })}
        </form>
        <h2>"Familiares atendidos"</h2>
        <ul class="hours">{family}</ul>
        <h2>"Acesso ao aplicativo"</h2>
        {account_error.map(|e| view! { <p class="field-error" id="erro-conta" role="alert">{e}</p> })}
        {match (code, has_account) {
            (Some(code), _) => view! {
                <div class="notice" role="status">
                    <p>"Acesso criado. Entregue este código à pessoa. Ele vale por 72 horas e só uma vez:"</p>
                    <p class="code">{code}</p>
                    <p>"Ela entra em “Definir senha” com o CPF e o código, e escolhe a senha."</p>
                </div>
            }.into_any(),
            (None, true) => view! { <p>"A pessoa já tem acesso."</p> }.into_any(),
            (None, false) => view! {
                <form method="post" action=action class="stack">
                    <p>"A pessoa entra com o CPF e uma senha que ela escolhe."</p>
                    <button type="submit" class="primary" aria-describedby=invalid.then_some("erro-conta")>"Criar acesso"</button>
                </form>
            }.into_any(),
        }}
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{NewPersonPage, PeoplePage, PersonForm, PersonRecordPage, RecordView};
    use crate::domain::people::{RACES, REGIMES, label};
    use crate::domain::{Cpf, FieldErrors, dates, jobs};
    use crate::server::actor::StaffActor;
    use crate::server::entities::person_detail;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::access::accounts::display_code;
    use crate::server::services::case::people;
    use crate::server::services::directory::network::CreateError;
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    /// The record's optional facts, labelled, only those filled in.
    fn record_facts(d: Option<&person_detail::Model>) -> Vec<(&'static str, String)> {
        let Some(d) = d else { return Vec::new() };
        let mut out = Vec::new();
        if let Some(v) = &d.prison_unit {
            out.push(("Unidade prisional", v.clone()));
        }
        if let Some(t) = d.expected_release {
            out.push(("Saída prevista", dates::br_date(t)));
        }
        if let Some(v) = &d.regime {
            out.push(("Regime", label(&REGIMES, v).to_string()));
        }
        if let Some(v) = &d.phone {
            out.push(("Telefone", jobs::format_phone(v)));
        }
        if let Some(v) = &d.email {
            out.push(("E-mail", v.clone()));
        }
        if let Some(v) = &d.schooling {
            out.push(("Escolaridade", jobs::label(&jobs::SCHOOLING, v).to_string()));
        }
        if let Some(v) = &d.race {
            out.push(("Cor ou raça (autodeclarada)", label(&RACES, v).to_string()));
        }
        if let Some(v) = &d.gender_identity {
            out.push(("Identidade de gênero (autodeclarada)", v.clone()));
        }
        out
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Search {
        q: String,
        cadastrada: String,
        pagina: String,
    }

    pub async fn list(
        State(state): State<AppState>,
        me: StaffActor,
        Query(q): Query<Search>,
    ) -> Result<Response, WebError> {
        let page_no = crate::domain::form::page_number(&q.pagina);
        let (lines, total) = if q.q.trim().is_empty() {
            (Vec::new(), 0)
        } else {
            let (found, total) = people::search(&state.db, &me, &q.q, page_no).await?;
            let lines = found
                .into_iter()
                .map(|l| (l.id, l.name, l.category, l.cpf_masked))
                .collect();
            (lines, total)
        };
        let pages = total.div_ceil(people::SEARCH_PAGE).max(1);
        let notice = (!q.cadastrada.is_empty()).then_some("Pessoa cadastrada.");
        let query = q.q;
        Ok(page(
            &state,
            StatusCode::OK,
            "Pessoas atendidas",
            Some(me.actor.viewer()),
            move || view! { <PeoplePage query lines notice total page=page_no pages/> },
        ))
    }

    async fn form_page(
        state: &AppState,
        me: &StaffActor,
        status: StatusCode,
        form: PersonForm,
        errors: FieldErrors,
    ) -> Result<Response, WebError> {
        let relative =
            people::person_picker(&state.db, me, &form.familiar_de, &form.busca_familiar).await?;
        Ok(page(
            state,
            status,
            "Cadastrar pessoa",
            Some(me.actor.viewer()),
            move || view! { <NewPersonPage form errors relative/> },
        ))
    }

    pub async fn new_form(
        State(state): State<AppState>,
        me: StaffActor,
    ) -> Result<Response, WebError> {
        form_page(
            &state,
            &me,
            StatusCode::OK,
            PersonForm::default(),
            FieldErrors::default(),
        )
        .await
    }

    pub async fn create(
        State(state): State<AppState>,
        me: StaffActor,
        PostedForm(form): PostedForm<PersonForm>,
    ) -> Result<Response, WebError> {
        if form.acao.starts_with("buscar") {
            // Only a search for the familiar's person: nothing saved, everything typed kept.
            return form_page(&state, &me, StatusCode::OK, form, FieldErrors::default()).await;
        }
        match people::register(&state.db, &me, &form).await {
            Ok(id) => Ok(Redirect::to(&format!("/equipe/pessoas/{id}")).into_response()),
            Err(CreateError::Invalid(errors)) => {
                form_page(&state, &me, StatusCode::UNPROCESSABLE_ENTITY, form, errors).await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    async fn record_page(
        state: &AppState,
        me: &StaffActor,
        id: i32,
        status: StatusCode,
        code: Option<String>,
        account_error: Option<String>,
        notice: Option<&'static str>,
    ) -> Result<Response, WebError> {
        record_page_with(
            state,
            me,
            id,
            status,
            code,
            account_error,
            notice,
            FieldErrors::default(),
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn record_page_with(
        state: &AppState,
        me: &StaffActor,
        id: i32,
        status: StatusCode,
        code: Option<String>,
        account_error: Option<String>,
        notice: Option<&'static str>,
        reference_error: FieldErrors,
    ) -> Result<Response, WebError> {
        let r = people::record(&state.db, me, id).await?;
        let p = &r.person;
        let view = RecordView {
            id: p.id,
            name: p.social_name.clone().unwrap_or_else(|| p.full_name.clone()),
            civil_name: p.social_name.as_ref().map(|_| p.full_name.clone()),
            category: p.status.clone(),
            cpf: p
                .cpf
                .as_deref()
                .and_then(|c| Cpf::parse(c).ok())
                .map(|c| c.masked()),
            facts: record_facts(r.detail.as_ref()),
            related: r.related,
            family: r.family,
            has_account: r.has_account,
            code,
            account_error,
            notice,
            reference: r
                .detail
                .as_ref()
                .and_then(|d| d.reference_user_id)
                .map(|u| u.to_string())
                .unwrap_or_default(),
            staff: r.staff,
            reference_error,
            quota: {
                let (asked, at) =
                    crate::server::services::jobs::quota_eligibility::state(&state.db, p.id)
                        .await?;
                (asked, at.is_some())
            },
        };
        let title = view.name.clone();
        Ok(page(
            state,
            status,
            &title,
            Some(me.actor.viewer()),
            move || view! { <PersonRecordPage view/> },
        ))
    }

    pub async fn show(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        Query(q): Query<RecordNotice>,
    ) -> Result<Response, WebError> {
        let notice = if !q.saida.is_empty() {
            Some("Saída registrada. Agora a pessoa é atendida como pessoa egressa.")
        } else if !q.referencia.is_empty() {
            Some("Referência salva.")
        } else if !q.cota.is_empty() {
            Some("Vaga de cota legal: resposta salva.")
        } else {
            None
        };
        record_page(&state, &me, id, StatusCode::OK, None, None, notice).await
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct RecordNotice {
        saida: String,
        referencia: String,
        cota: String,
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct ReferenceForm {
        referencia: String,
    }

    pub async fn set_reference(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<ReferenceForm>,
    ) -> Result<Response, WebError> {
        match people::set_reference(&state.db, &me, id, &form.referencia).await {
            Ok(()) => {
                Ok(Redirect::to(&format!("/equipe/pessoas/{id}?referencia=1")).into_response())
            }
            Err(CreateError::Invalid(errors)) => {
                record_page_with(
                    &state,
                    &me,
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    None,
                    None,
                    None,
                    errors,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct QuotaForm {
        confirmar: String,
    }

    pub async fn confirm_quota(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<QuotaForm>,
    ) -> Result<Response, WebError> {
        crate::server::services::jobs::quota_eligibility::confirm(
            &state.db,
            &me,
            id,
            form.confirmar == "1",
        )
        .await?;
        Ok(Redirect::to(&format!("/equipe/pessoas/{id}?cota=1")).into_response())
    }

    pub async fn record_release(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        people::record_release(&state.db, &me, id).await?;
        Ok(Redirect::to(&format!("/equipe/pessoas/{id}?saida=1")).into_response())
    }

    pub async fn give_account(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        match people::give_account(&state.db, &me, id).await {
            Ok(created) => {
                let code = display_code(&created.code);
                record_page(&state, &me, id, StatusCode::CREATED, Some(code), None, None).await
            }
            Err(CreateError::Invalid(errors)) => {
                let message = errors.get("conta").map(str::to_string);
                record_page(
                    &state,
                    &me,
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    None,
                    message,
                    None,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }
}
