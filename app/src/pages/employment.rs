//! Emprego (`/equipe/pessoas/{id}/emprego`): the jobs the person got and the conversations 30,
//! 90 and 180 days after each start, to help keep the job.

use crate::components::{ErrorSummary, SelectField, TextArea, TextField};
use crate::domain::FieldErrors;
use crate::domain::plan::iso_to_br;
use crate::server::services::jobs::employment::{CheckInForm, HireForm};
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct CheckLine {
    pub id: i32,
    pub mark: i32,
    pub due: String,
    pub status: String,
    pub still_employed: Option<bool>,
    pub note: Option<String>,
    /// The person's own answer from their phone: "Está difícil… (02/12/2026 às 10:15)", note.
    pub person_answer: Option<(String, Option<String>)>,
}

#[derive(Clone, Debug)]
pub struct HireLine {
    pub employer: String,
    pub title: String,
    pub started: String,
    pub ended: Option<String>,
    pub checks: Vec<CheckLine>,
    /// a_confirmar | confirmada | recusada
    pub status: String,
}

fn check_text(c: &CheckLine) -> String {
    let when = format!("{} dias · {}", c.mark, iso_to_br(&c.due));
    match (c.status.as_str(), c.still_employed) {
        ("feito", Some(true)) => format!("{when} · Conversa feita: continua no trabalho."),
        ("feito", _) => format!("{when} · Conversa feita: saiu do trabalho."),
        ("cancelado", _) => format!("{when} · Não precisou (o trabalho terminou antes)."),
        _ => format!("{when} · A fazer"),
    }
}

#[component]
pub fn EmploymentPage(
    person_id: i32,
    person_name: String,
    hires: Vec<HireLine>,
    hire_form: HireForm,
    hire_errors: FieldErrors,
    check_form: CheckInForm,
    check_errors: FieldErrors,
    notice: Option<&'static str>,
) -> impl IntoView {
    // Only the next pending conversation gets a form (one per page keeps field ids unique).
    let next = hires
        .iter()
        .flat_map(|h| h.checks.iter().map(move |c| (h, c)))
        .filter(|(_, c)| c.status == "pendente")
        .min_by(|a, b| a.1.due.cmp(&b.1.due))
        .map(|(h, c)| (c.id, c.mark, c.due.clone(), h.employer.clone()));
    let empty = hires.is_empty();
    let items = hires
        .into_iter()
        .map(|h| {
            let head = format!("{} · {}", h.title, h.employer);
            let period = match (h.status.as_str(), &h.ended) {
                ("a_confirmar", _) => format!(
                    "Registrada pela empresa, começa em {}. A coordenação confirma com a pessoa.",
                    iso_to_br(&h.started)
                ),
                ("recusada", _) => "A contratação registrada pela empresa não foi confirmada.".to_string(),
                (_, Some(end)) => format!("De {} a {}", iso_to_br(&h.started), iso_to_br(end)),
                (_, None) => format!("Desde {}", iso_to_br(&h.started)),
            };
            let checks = h
                .checks
                .iter()
                .map(|c| {
                    let text = check_text(c);
                    let note = c.note.clone();
                    let answer = c.person_answer.clone().map(|(words, note)| {
                        view! {
                            <br/><strong>{format!("Resposta da pessoa: {words}")}</strong>
                            {note.map(|n| view! { <br/><span class="muted">{n}</span> })}
                        }
                    });
                    view! { <li>{text}{note.map(|n| view! { <br/><span class="muted">{n}</span> })}{answer}</li> }
                })
                .collect_view();
            view! {
                <li class="item">
                    <p class="item-title">{head}</p>
                    <p>{period}</p>
                    <ul class="steps">{checks}</ul>
                </li>
            }
        })
        .collect_view();
    let back = format!("/equipe/pessoas/{person_id}");
    let hire_action = format!("/equipe/pessoas/{person_id}/emprego");
    let options = vec![
        ("sim".to_string(), "Sim, continua no trabalho".to_string()),
        ("nao".to_string(), "Não, saiu do trabalho".to_string()),
    ];
    view! {
        <p><a href=back>{format!("← {person_name}")}</a></p>
        <h1>"Emprego"</h1>
        <p class="lead">{person_name.clone()}</p>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {next.map(|(id, mark, due, employer)| {
            let action = format!("/equipe/pessoas/{person_id}/emprego/conversa/{id}");
            let title = format!("Conversa dos {mark} dias ({}) · {employer}", iso_to_br(&due));
            view! {
                <section class="area">
                    <h2>{title}</h2>
                    <ErrorSummary errors=check_errors.clone() general=None/>
                    <form method="post" action=action class="stack" novalidate>
                        <SelectField name="trabalhando" label="A pessoa ainda está no trabalho?" options=options selected=check_form.trabalhando errors=check_errors.clone() empty_label="Escolha"/>
                        <TextArea name="nota" label="Como está indo (opcional)" hint="Dificuldades, conflitos, preconceito no trabalho, o que ajudaria." value=check_form.nota errors=check_errors maxlength=2000/>
                        <button type="submit" class="primary">"Registrar conversa"</button>
                    </form>
                </section>
            }
        })}
        <h2>"Trabalhos"</h2>
        {empty.then(|| view! { <p>"Nenhum trabalho registrado."</p> })}
        <ul class="items">{items}</ul>
        <h2>"Registrar contratação"</h2>
        <p class="hint">"As conversas dos 30, 90 e 180 dias entram no painel da técnica de referência."</p>
        <ErrorSummary errors=hire_errors.clone() general=None/>
        <form method="post" action=hire_action class="stack" novalidate>
            <TextField name="empresa" label="Empresa" value=hire_form.empresa errors=hire_errors.clone() maxlength=200/>
            <TextField name="funcao" label="Função" value=hire_form.funcao errors=hire_errors.clone() maxlength=200/>
            <TextField name="inicio" label="Primeiro dia de trabalho" input_type="date" value=hire_form.inicio errors=hire_errors/>
            <button type="submit" class="primary">"Registrar contratação"</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{CheckInForm, CheckLine, EmploymentPage, HireForm, HireLine};
    use crate::domain::FieldErrors;
    use crate::server::actor::StaffActor;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::case::people::name_of;
    use crate::server::services::directory::network::CreateError;
    use crate::server::services::jobs::employment;
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        contratacao: String,
        conversa: String,
    }

    #[allow(clippy::too_many_arguments)]
    async fn render(
        state: &AppState,
        me: &StaffActor,
        id: i32,
        status: StatusCode,
        hire_form: HireForm,
        hire_errors: FieldErrors,
        check_form: CheckInForm,
        check_errors: FieldErrors,
        notice: Option<&'static str>,
    ) -> Result<Response, WebError> {
        let data = employment::employment(&state.db, me, id).await?;
        let hires = data
            .hires
            .into_iter()
            .map(|(h, checks)| HireLine {
                employer: h.employer,
                title: h.job_title,
                started: h.started_on,
                ended: h.ended_on,
                status: h.status,
                checks: checks
                    .into_iter()
                    .map(|c| CheckLine {
                        id: c.id,
                        mark: c.day_mark,
                        due: c.due_on,
                        status: c.status,
                        still_employed: c.still_employed,
                        person_answer: c.person_answer.as_deref().map(|code| {
                            let words =
                                crate::domain::retention::answer_label(code).unwrap_or(code);
                            let at = c
                                .person_answered_at
                                .map(|t| format!(" ({})", crate::domain::dates::br_datetime(t)))
                                .unwrap_or_default();
                            (format!("{words}{at}"), c.person_note.clone())
                        }),
                        note: c.note,
                    })
                    .collect(),
            })
            .collect();
        let person_id = data.person.id;
        let person_name = name_of(&data.person);
        Ok(page(
            state,
            status,
            "Emprego",
            Some(me.actor.viewer()),
            move || {
                view! {
                    <EmploymentPage person_id person_name hires hire_form hire_errors check_form check_errors notice/>
                }
            },
        ))
    }

    pub async fn show(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let notice = if !q.contratacao.is_empty() {
            Some("Contratação registrada. As conversas dos 30, 90 e 180 dias foram marcadas.")
        } else if !q.conversa.is_empty() {
            Some("Conversa registrada.")
        } else {
            None
        };
        render(
            &state,
            &me,
            id,
            StatusCode::OK,
            HireForm::default(),
            FieldErrors::default(),
            CheckInForm::default(),
            FieldErrors::default(),
            notice,
        )
        .await
    }

    pub async fn record_hire(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<HireForm>,
    ) -> Result<Response, WebError> {
        match employment::record_hire(&state.db, &me, id, &form).await {
            Ok(()) => Ok(
                Redirect::to(&format!("/equipe/pessoas/{id}/emprego?contratacao=1"))
                    .into_response(),
            ),
            Err(CreateError::Invalid(errors)) => {
                render(
                    &state,
                    &me,
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                    CheckInForm::default(),
                    FieldErrors::default(),
                    None,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    pub async fn record_check_in(
        State(state): State<AppState>,
        me: StaffActor,
        Path((id, check_id)): Path<(i32, i32)>,
        PostedForm(form): PostedForm<CheckInForm>,
    ) -> Result<Response, WebError> {
        match employment::record_check_in(&state.db, &me, id, check_id, &form).await {
            Ok(()) => Ok(
                Redirect::to(&format!("/equipe/pessoas/{id}/emprego?conversa=1")).into_response(),
            ),
            Err(CreateError::Invalid(errors)) => {
                render(
                    &state,
                    &me,
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    HireForm::default(),
                    FieldErrors::default(),
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
