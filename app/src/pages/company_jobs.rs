//! `/empresa/vagas`: a company's own vacancies and, for each, the candidates' professional
//! profiles — and nothing else about them (see `services::jobs::hiring`).

use crate::components::{ErrorSummary, SelectField, TextArea, TextField};
use crate::domain::{FieldErrors, cbo, dates, jobs};
use crate::server::services::jobs::hiring::{HireCandidateForm, VacancyForm};
use leptos::prelude::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect()
}

#[component]
pub fn VacancyFormPage(
    action: String,
    heading: &'static str,
    form: VacancyForm,
    errors: FieldErrors,
    /// Why the vacancy cannot be published yet (a company still under review).
    general: Option<String>,
    /// The company's public contracts (id, name), for a quota vacancy.
    contracts: Vec<(String, String)>,
) -> impl IntoView {
    let occupations = cbo::OCCUPATIONS
        .iter()
        .map(|(c, t)| (c.to_string(), format!("{t} ({})", cbo::format(c))))
        .collect::<Vec<_>>();
    let ufs = crate::domain::place::UFS
        .iter()
        .map(|(s, n, _)| (s.to_string(), format!("{s} – {n}")))
        .collect::<Vec<_>>();
    view! {
        <p><a href="/empresa/vagas">"← Minhas vagas"</a></p>
        <h1>{heading}</h1>
        <p>"A vaga aparece na página pública de vagas. Não escreva nada sobre antecedentes: a lei não permite pedir certidão criminal sem motivo."</p>
        <ErrorSummary errors=errors.clone() general=general/>
        <form method="post" action=action class="stack" novalidate>
            <TextField name="titulo" label="Nome da vaga" value=form.titulo errors=errors.clone() required=true maxlength=120/>
            <SelectField name="cbo" label="Ocupação (CBO)" options=occupations selected=form.cbo errors=errors.clone() empty_label="Escolha"/>
            <TextArea name="descricao" label="Como é o trabalho" value=form.descricao errors=errors.clone() maxlength=4000/>
            <TextArea name="requisitos" label="O que a pessoa precisa ter ou saber" value=form.requisitos errors=errors.clone() maxlength=2000/>
            <TextField name="salario_min" label="Salário (R$)" hint="Se for uma faixa, este é o menor valor." value=form.salario_min errors=errors.clone() inputmode="decimal" maxlength=15/>
            <TextField name="salario_max" label="Salário máximo (R$), se houver" value=form.salario_max errors=errors.clone() inputmode="decimal" maxlength=15/>
            <TextField name="horas" label="Horas por semana" value=form.horas errors=errors.clone() inputmode="numeric" maxlength=2/>
            <SelectField name="turno" label="Turno" options=pairs(&jobs::SHIFTS) selected=form.turno errors=errors.clone() empty_label="Escolha"/>
            <SelectField name="contrato" label="Contrato" options=pairs(&jobs::EMPLOYMENT_TYPES) selected=form.contrato errors=errors.clone() empty_label="Escolha"/>
            <TextField name="cidade" label="Cidade" value=form.cidade errors=errors.clone() maxlength=100/>
            <SelectField name="uf" label="Estado (UF)" options=ufs selected=form.uf errors=errors.clone() empty_label="Escolha"/>
            <TextField name="municipio" label="Código IBGE do município" hint="7 números. Exemplo: 5300108 (Brasília)." value=form.municipio errors=errors.clone() inputmode="numeric" maxlength=7/>
            <TextField name="encerra" label="Inscrições até" input_type="date" value=form.encerra errors=errors.clone()/>
            <TextArea name="justificativa" label="Por que a função exige certidão de antecedentes (só se exigir)" hint="Deixe vazio na maioria das vagas. A lei só permite pedir a certidão em poucos casos, como vigilante ou cuidado de crianças e idosos." value=form.justificativa errors=errors.clone() maxlength=1000/>
            <div class="check">
                <input type="checkbox" id="campo-cota" name="cota" value="1" checked=!form.cota.is_empty()/>
                <label for="campo-cota">"Vaga com cota legal (Decreto 9.450/2018 ou lei estadual)"</label>
            </div>
            <SelectField name="contrato_cota" label="Contrato público que a vaga atende (se for de cota)" hint="Cadastre o contrato em “Contratos e cotas”." options=contracts selected=form.contrato_cota errors=errors empty_label="Nenhum"/>
            <button type="submit" class="primary">"Salvar vaga"</button>
        </form>
    }
}

#[component]
pub fn CompanyVacanciesPage(
    lines: Vec<(i32, String, String, u64, &'static str)>,
    notice: Option<&'static str>,
) -> impl IntoView {
    let empty = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|(id, title, state, candidates, mode)| {
            let href = format!("/empresa/vagas/{id}/candidatos");
            let edit = format!("/empresa/vagas/{id}/editar");
            let close = format!("/empresa/vagas/{id}/encerrar");
            let pause = format!("/empresa/vagas/{id}/pausar");
            let resume = format!("/empresa/vagas/{id}/retomar");
            let (pause_label, resume_label, close_label) = (
                format!("Pausar: {title}"),
                format!("Retomar: {title}"),
                format!("Encerrar inscrições: {title}"),
            );
            let count = match candidates {
                0 => "Nenhuma candidatura ainda".to_string(),
                1 => "1 candidatura".to_string(),
                n => format!("{n} candidaturas"),
            };
            view! {
                <li class="item">
                    <p class="item-title">{title}</p>
                    <p class="muted">{state}</p>
                    <p><a href=href>{count}</a></p>
                    {(mode != "closed").then(|| view! {
                        <p><a href=edit>"Editar vaga"</a></p>
                        <div class="actions">
                            {if mode == "open" {
                                view! {
                                    <form method="post" action=pause>
                                        <button type="submit" class="secondary" aria-label=pause_label>"Pausar"</button>
                                    </form>
                                }.into_any()
                            } else {
                                view! {
                                    <form method="post" action=resume>
                                        <button type="submit" class="primary" aria-label=resume_label>"Retomar"</button>
                                    </form>
                                }.into_any()
                            }}
                            <form method="post" action=close>
                                <button type="submit" class="secondary" aria-label=close_label>"Encerrar inscrições"</button>
                            </form>
                        </div>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Minhas vagas"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <p><a class="button-link" href="/empresa/vagas/nova">"Publicar vaga"</a></p>
        {empty.then(|| view! { <p>"Sua empresa ainda não tem vagas publicadas."</p> })}
        <ul class="items">{items}</ul>
    }
}

#[derive(Clone, Debug)]
pub struct CandidateCard {
    pub application_id: i32,
    pub quota_eligible: bool,
    /// The next states the company may choose, with their buttons.
    pub moves: Vec<(&'static str, &'static str)>,
    pub name: String,
    pub schooling: &'static str,
    pub skills: String,
    pub experience: String,
    pub courses: String,
    pub availability: String,
    pub contact: String,
    pub applied_on: String,
    pub status: &'static str,
}

#[component]
pub fn CandidatesPage(
    title: String,
    cards: Vec<CandidateCard>,
    notice: Option<&'static str>,
) -> impl IntoView {
    let empty = cards.is_empty();
    let items = cards
        .into_iter()
        .map(|c| {
            let buttons = c
                .moves
                .iter()
                .map(|(code, label)| {
                    let action = format!("/empresa/candidaturas/{}/{}", c.application_id, code);
                    let named = format!("{label}: {}", c.name);
                    if *code == "contratada" {
                        // Hiring asks for the start date and the contract first.
                        let href = format!("/empresa/candidaturas/{}/contratar", c.application_id);
                        return view! {
                            <a class="button-link inline-actions" href=href aria-label=named>{*label}</a>
                        }
                        .into_any();
                    }
                    let class = if *code == "nao_selecionada" {
                        "secondary"
                    } else {
                        "primary"
                    };
                    view! {
                        <form method="post" action=action class="inline-actions">
                            <button type="submit" class=class aria-label=named>{*label}</button>
                        </form>
                    }
                    .into_any()
                })
                .collect_view();
            view! {
                <li class="item">
                    <p class="item-title">{c.name}</p>
                    {c.quota_eligible.then(|| view! { <p class="tag">"Elegível para cota"</p> })}
                    <p class="muted">{format!("Candidatura de {} · {}", c.applied_on, c.status)}</p>
                    <div class="actions">{buttons}</div>
                    <dl class="data">
                        <dt>"Escolaridade"</dt><dd>{c.schooling}</dd>
                        <dt>"Sabe fazer"</dt><dd class="prose">{c.skills}</dd>
                        <dt>"Experiência"</dt><dd class="prose">{c.experience}</dd>
                        <dt>"Cursos"</dt><dd class="prose">{c.courses}</dd>
                        <dt>"Disponibilidade"</dt><dd>{c.availability}</dd>
                        <dt>"Contato"</dt><dd>{c.contact}</dd>
                    </dl>
                </li>
            }
        })
        .collect_view();
    view! {
        <p><a href="/empresa/vagas">"← Minhas vagas"</a></p>
        <h1>{format!("Candidaturas: {title}")}</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <p>"Você vê o perfil profissional de quem se candidatou. A pessoa acompanha cada mudança em “Minhas candidaturas”."</p>
        {empty.then(|| view! { <p>"Nenhuma candidatura ainda."</p> })}
        <ul class="items">{items}</ul>
    }
}

#[component]
pub fn HireCandidatePage(
    application_id: i32,
    vacancy_id: i32,
    person: String,
    vacancy: String,
    contracts: Vec<(String, String)>,
    form: HireCandidateForm,
    errors: FieldErrors,
) -> impl IntoView {
    let action = format!("/empresa/candidaturas/{application_id}/contratar");
    let back = format!("/empresa/vagas/{vacancy_id}/candidatos");
    view! {
        <p><a href=back>"← Candidaturas"</a></p>
        <h1>"Registrar contratação"</h1>
        <p class="lead">{format!("{person} · {vacancy}")}</p>
        <p>"O Escritório Social confirma a contratação com a pessoa. Só depois ela conta para a cota do contrato."</p>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action=action class="stack" novalidate>
            <TextField name="inicio" label="Primeiro dia de trabalho" input_type="date" value=form.inicio errors=errors.clone()/>
            <SelectField name="contrato" label="Contrato público com cota (se houver)" options=contracts selected=form.contrato errors=errors empty_label="Nenhum"/>
            <button type="submit" class="primary">"Contratar"</button>
        </form>
    }
}

pub fn contact_line(preference: &str, phone: Option<&str>, email: Option<&str>) -> String {
    let how = jobs::label(&jobs::CONTACT_PREFERENCES, preference);
    let phone = phone.map(|p| {
        if p.len() == 11 {
            format!("({}) {}-{}", &p[..2], &p[2..7], &p[7..])
        } else if p.len() == 10 {
            format!("({}) {}-{}", &p[..2], &p[2..6], &p[6..])
        } else {
            p.to_string()
        }
    });
    [
        Some(format!("Prefere {how}")),
        phone,
        email.map(str::to_string),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

pub fn date(unix: i64) -> String {
    dates::br_date(unix)
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{
        CandidateCard, CandidatesPage, CompanyVacanciesPage, HireCandidateForm, HireCandidatePage,
        VacancyForm, VacancyFormPage, contact_line, date,
    };
    use crate::domain::{FieldErrors, dates, jobs, money};
    use crate::server::actor::CompanyActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::directory::network::CreateError;
    use crate::server::services::{jobs::companies, jobs::hiring};
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        salva: String,
        encerrada: String,
        pausada: String,
        retomada: String,
    }

    pub async fn list(
        State(state): State<AppState>,
        me: CompanyActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let now = crate::server::now();
        let lines = hiring::company_vacancies(&state.db, &me)
            .await?
            .into_iter()
            .map(|cv| {
                let mode = cv.mode(now);
                let v = cv.vacancy;
                let state = match mode {
                    "open" => format!("Aberta até {}", date(v.closes_at)),
                    "paused" => "Pausada: não aparece na página de vagas".to_string(),
                    _ => "Encerrada".to_string(),
                };
                (v.id, v.title, state, cv.candidates, mode)
            })
            .collect();
        let notice = if !q.salva.is_empty() {
            Some("Vaga salva. Ela já aparece na página de vagas.")
        } else if !q.encerrada.is_empty() {
            Some("Inscrições encerradas. A vaga saiu da página de vagas.")
        } else if !q.pausada.is_empty() {
            Some("Vaga pausada. Ela saiu da página de vagas até você retomar.")
        } else if !q.retomada.is_empty() {
            Some("Vaga retomada. Ela voltou para a página de vagas.")
        } else {
            None
        };
        Ok(page(
            &state,
            StatusCode::OK,
            "Minhas vagas",
            Some(me.actor.viewer()),
            move || view! { <CompanyVacanciesPage lines notice/> },
        ))
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct MoveNotice {
        movida: String,
        invalida: String,
        contratada: String,
    }

    pub async fn candidates(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
        Query(q): Query<MoveNotice>,
    ) -> Result<Response, WebError> {
        let notice = if !q.movida.is_empty() {
            Some("Candidatura atualizada. A pessoa já vê a nova situação.")
        } else if !q.contratada.is_empty() {
            Some("Contratação registrada. O Escritório Social vai confirmar com a pessoa.")
        } else if !q.invalida.is_empty() {
            Some("Essa candidatura já tinha mudado. Confira a situação abaixo.")
        } else {
            None
        };
        let vacancy = hiring::own_vacancy(&state.db, &me, id).await?;
        let cards = hiring::candidates(&state.db, &me, id)
            .await?
            .into_iter()
            .map(|c| CandidateCard {
                contact: contact_line(
                    &c.contact_preference,
                    c.phone.as_deref(),
                    c.email.as_deref(),
                ),
                application_id: c.application_id,
                quota_eligible: c.quota_eligible,
                moves: crate::domain::pipeline::next(&c.status)
                    .iter()
                    .map(|to| (*to, crate::domain::pipeline::action_label(to)))
                    .collect(),
                name: c.name,
                schooling: jobs::label(&jobs::SCHOOLING, &c.schooling),
                skills: c.skills,
                experience: c.experience,
                courses: c.courses,
                availability: c.availability,
                applied_on: date(c.applied_at),
                status: crate::domain::pipeline::company_label(&c.status),
            })
            .collect();
        let title = vacancy.title;
        Ok(page(
            &state,
            StatusCode::OK,
            "Candidaturas",
            Some(me.actor.viewer()),
            move || view! { <CandidatesPage title cards notice/> },
        ))
    }

    /// Why this company cannot publish yet, if it cannot.
    async fn under_review(state: &AppState, me: &CompanyActor) -> Result<Option<String>, WebError> {
        if companies::may_publish(&state.db, me).await? {
            return Ok(None);
        }
        Ok(Some(
            "Sua empresa ainda não foi aprovada pelo Escritório Social. Você poderá publicar quando o cadastro for aprovado. Nada foi publicado."
                .to_string(),
        ))
    }

    #[allow(clippy::too_many_arguments)]
    async fn form_page(
        state: &AppState,
        me: &CompanyActor,
        status: StatusCode,
        id: Option<i32>,
        form: VacancyForm,
        errors: FieldErrors,
        general: Option<String>,
    ) -> Result<Response, WebError> {
        let (action, heading) = match id {
            Some(id) => (format!("/empresa/vagas/{id}/editar"), "Editar vaga"),
            None => ("/empresa/vagas/nova".to_string(), "Publicar vaga"),
        };
        let contracts = crate::server::services::jobs::contracts::my_contracts(&state.db, me)
            .await?
            .into_iter()
            .map(|c| {
                (
                    c.id.to_string(),
                    format!("Contrato {} · {}", c.number, c.contracting_body),
                )
            })
            .collect();
        Ok(page(
            state,
            status,
            heading,
            Some(me.actor.viewer()),
            move || {
                view! { <VacancyFormPage action heading form errors general contracts/> }
            },
        ))
    }

    pub async fn new_form(
        State(state): State<AppState>,
        me: CompanyActor,
    ) -> Result<Response, WebError> {
        let general = under_review(&state, &me).await?;
        form_page(
            &state,
            &me,
            StatusCode::OK,
            None,
            VacancyForm::default(),
            FieldErrors::default(),
            general,
        )
        .await
    }

    pub async fn edit_form(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        let v = hiring::own_vacancy(&state.db, &me, id).await?;
        let reais = |c: Option<i64>| c.map(money::reais_for_input).unwrap_or_default();
        let form = VacancyForm {
            titulo: v.title,
            cbo: v.cbo_code,
            descricao: v.description,
            requisitos: v.requirements,
            salario_min: reais(v.salary_min_cents),
            salario_max: reais(v.salary_max_cents),
            horas: v.weekly_hours.to_string(),
            turno: v.shift,
            contrato: v.employment_type,
            cidade: v.city,
            uf: v.uf,
            municipio: v.ibge_municipality,
            cota: if v.quota { "1".into() } else { String::new() },
            encerra: dates::iso_date(v.closes_at),
            justificativa: v.record_check_justification.unwrap_or_default(),
            contrato_cota: v.contract_id.map(|c| c.to_string()).unwrap_or_default(),
        };
        form_page(
            &state,
            &me,
            StatusCode::OK,
            Some(id),
            form,
            FieldErrors::default(),
            None,
        )
        .await
    }

    async fn save(
        state: AppState,
        me: CompanyActor,
        id: Option<i32>,
        form: VacancyForm,
    ) -> Result<Response, WebError> {
        // A company still under review keeps what it typed and publishes nothing.
        if let Some(general) = under_review(&state, &me).await? {
            return form_page(
                &state,
                &me,
                StatusCode::FORBIDDEN,
                id,
                form,
                FieldErrors::default(),
                Some(general),
            )
            .await;
        }
        match hiring::save_vacancy(&state.db, &me, id, &form).await {
            Ok(saved) => {
                state.vacancy_changed(saved).await;
                Ok(Redirect::to("/empresa/vagas?salva=1").into_response())
            }
            Err(CreateError::Invalid(errors)) => {
                form_page(
                    &state,
                    &me,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    id,
                    form,
                    errors,
                    None,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    pub async fn create(
        State(state): State<AppState>,
        me: CompanyActor,
        PostedForm(form): PostedForm<VacancyForm>,
    ) -> Result<Response, WebError> {
        save(state, me, None, form).await
    }

    pub async fn update(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<VacancyForm>,
    ) -> Result<Response, WebError> {
        save(state, me, Some(id), form).await
    }

    async fn hire_page(
        state: &AppState,
        me: &CompanyActor,
        application_id: i32,
        status: StatusCode,
        form: HireCandidateForm,
        errors: FieldErrors,
    ) -> Result<Response, WebError> {
        let (_, vacancy, person) = hiring::hireable(&state.db, me, application_id).await?;
        let contracts = crate::server::services::jobs::contracts::my_contracts(&state.db, me)
            .await?
            .into_iter()
            .map(|c| {
                (
                    c.id.to_string(),
                    format!("Contrato {} · {}", c.number, c.contracting_body),
                )
            })
            .collect();
        let vacancy_id = vacancy.id;
        let vacancy = vacancy.title;
        Ok(page(
            state,
            status,
            "Registrar contratação",
            Some(me.actor.viewer()),
            move || {
                view! { <HireCandidatePage application_id vacancy_id person vacancy contracts form errors/> }
            },
        ))
    }

    pub async fn hire_form(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        let (_, vacancy, _) = hiring::hireable(&state.db, &me, id).await?;
        let form = HireCandidateForm {
            inicio: dates::iso_date(crate::server::now()),
            contrato: vacancy
                .contract_id
                .map(|c| c.to_string())
                .unwrap_or_default(),
        };
        hire_page(
            &state,
            &me,
            id,
            StatusCode::OK,
            form,
            FieldErrors::default(),
        )
        .await
    }

    pub async fn hire(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<HireCandidateForm>,
    ) -> Result<Response, WebError> {
        match hiring::hire_candidate(&state.db, &me, id, &form).await {
            Ok(vacancy) => Ok(Redirect::to(&format!(
                "/empresa/vagas/{vacancy}/candidatos?contratada=1"
            ))
            .into_response()),
            Err(CreateError::Invalid(errors)) => {
                hire_page(
                    &state,
                    &me,
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    pub async fn move_candidate(
        State(state): State<AppState>,
        me: CompanyActor,
        Path((id, to)): Path<(i32, String)>,
    ) -> Result<Response, WebError> {
        let (vacancy, moved) = hiring::move_candidate(&state.db, &me, id, &to).await?;
        let notice = if moved { "movida" } else { "invalida" };
        Ok(
            Redirect::to(&format!("/empresa/vagas/{vacancy}/candidatos?{notice}=1"))
                .into_response(),
        )
    }

    pub async fn pause(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        hiring::set_paused(&state.db, &me, id, true).await?;
        state.vacancy_changed(id).await;
        Ok(Redirect::to("/empresa/vagas?pausada=1").into_response())
    }

    pub async fn resume(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        if !companies::may_publish(&state.db, &me).await? {
            return Err(WebError::Forbidden);
        }
        hiring::set_paused(&state.db, &me, id, false).await?;
        state.vacancy_changed(id).await;
        Ok(Redirect::to("/empresa/vagas?retomada=1").into_response())
    }

    pub async fn close(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        hiring::close_vacancy(&state.db, &me, id).await?;
        state.vacancy_changed(id).await;
        Ok(Redirect::to("/empresa/vagas?encerrada=1").into_response())
    }
}
