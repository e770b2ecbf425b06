//! Plano singular (`/equipe/pessoas/{id}/plano`, one area at a time, with its history) and
//! "Meu plano" (`/inicio/plano`), where the person reads what to do next first.

use crate::components::{ErrorSummary, SelectField, TextArea, TextField};
use crate::domain::plan::{self, ACTION_STATUSES, PlanAction, PlanArea, RESPONSIBLE, iso_to_br};
use crate::domain::services::AREAS;
use crate::domain::{FieldErrors, dates};
use crate::server::services::case::plans::{ACTION_FIELDS, PlanAreaForm, PlanReferral, PlanView};
use leptos::prelude::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect()
}

fn action_line(x: &PlanAction, today: &str, for_person: bool) -> impl IntoView + use<> {
    let who = if for_person && x.who == "pessoa" {
        "Você".to_string()
    } else {
        plan::responsible_label(&x.who).to_string()
    };
    let deadline = (!x.deadline.is_empty()).then(|| format!("até {}", iso_to_br(&x.deadline)));
    let overdue = x.is_overdue(today);
    let meta = [
        Some(who),
        deadline,
        Some(plan::status_label(&x.status).to_string()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let what = x.what.clone();
    view! {
        <li>
            <strong>{what}</strong>
            " "
            {overdue.then(|| view! { <span class="tag-alert">"Atrasada"</span> })}
            <br/>
            <span class="muted">{meta}</span>
        </li>
    }
}

fn area_block(
    a: &PlanArea,
    referrals: &[PlanReferral],
    today: &str,
    edit: Option<String>,
    for_person: bool,
) -> impl IntoView + use<> {
    let name = plan::area_name(&a.area);
    let actions = a
        .actions
        .iter()
        .map(|x| action_line(x, today, for_person))
        .collect_view();
    let refs = referrals
        .iter()
        .filter(|r| r.area == a.area)
        .map(|r| {
            let text = format!("{} — {}", r.service, r.status);
            view! { <li>{text}</li> }
        })
        .collect_view();
    let has_refs = referrals.iter().any(|r| r.area == a.area);
    let (demand, goal, empty) = (a.demand.clone(), a.goal.clone(), a.actions.is_empty());
    view! {
        <section class="area">
            <h2>{name}</h2>
            <dl class="data">
                <dt>{if for_person { "O que você precisa" } else { "Demanda" }}</dt><dd class="prose">{demand}</dd>
                <dt>{if for_person { "O que combinamos alcançar" } else { "Objetivo" }}</dt><dd class="prose">{goal}</dd>
            </dl>
            <h3>"Ações combinadas"</h3>
            {empty.then(|| view! { <p>"Nenhuma ação ainda."</p> })}
            <ul class="steps">{actions}</ul>
            {has_refs.then(|| view! { <h3>"Encaminhamentos"</h3><ul class="steps">{refs}</ul> })}
            {edit.map(|href| {
                let label = format!("Editar {}", name.to_lowercase());
                view! { <p><a class="button-link secondary-link" href=href>{label}</a></p> }
            })}
        </section>
    }
}

/// Referrals to areas the plan does not cover yet, so none is out of sight.
fn other_referrals(view: &PlanView) -> Option<impl IntoView + use<>> {
    let others: Vec<String> = view
        .referrals
        .iter()
        .filter(|r| view.plan.area(&r.area).is_none())
        .map(|r| format!("{} — {}", r.service, r.status))
        .collect();
    (!others.is_empty()).then(|| {
        let items = others
            .into_iter()
            .map(|t| view! { <li>{t}</li> })
            .collect_view();
        view! {
            <section class="area">
                <h2>"Outros encaminhamentos"</h2>
                <ul class="steps">{items}</ul>
            </section>
        }
    })
}

fn horizon(release: Option<i64>) -> Option<String> {
    release.map(|r| {
        format!(
            "Plano para a saída, prevista em {}. As ações preparam a vida fora da prisão.",
            dates::br_date(r)
        )
    })
}

#[component]
pub fn PlanPage(view: PlanView, notice: Option<&'static str>, today: String) -> impl IntoView {
    let id = view.person_id;
    let title = plan::title(view.release.is_some());
    let saved = match (view.version, view.saved_at) {
        (0, _) | (_, None) => "Ainda sem plano. Comece por uma área.".to_string(),
        (n, Some(t)) => format!("Versão {n}, salva em {}.", dates::br_datetime(t)),
    };
    let missing: Vec<(String, String)> = AREAS
        .iter()
        .filter(|(c, _)| view.plan.area(c).is_none())
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect();
    let blocks = view
        .plan
        .areas
        .iter()
        .map(|a| {
            let edit = format!("/equipe/pessoas/{id}/plano/area?area={}", a.area);
            area_block(a, &view.referrals, &today, Some(edit), false)
        })
        .collect_view();
    let back = format!("/equipe/pessoas/{id}");
    let history = format!("/equipe/pessoas/{id}/plano/historico");
    let add = format!("/equipe/pessoas/{id}/plano/area");
    let errors = FieldErrors::default();
    view! {
        <p><a href=back>{format!("← {}", view.person_name)}</a></p>
        <h1>{title}</h1>
        <p class="lead">{view.person_name.clone()}</p>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {horizon(view.release).map(|h| view! { <p>{h}</p> })}
        <p class="muted">{saved}</p>
        <p><a href=history>"Ver o histórico do plano"</a></p>
        {blocks}
        {other_referrals(&view)}
        {(!missing.is_empty()).then(|| view! {
            <form method="get" action=add class="stack area">
                <h2>"Incluir uma área"</h2>
                <SelectField name="area" label="Área" options=missing selected=String::new() errors=errors empty_label="Escolha"/>
                <button type="submit" class="primary">"Incluir área"</button>
            </form>
        })}
    }
}

#[component]
pub fn PlanAreaPage(
    person_id: i32,
    person_name: String,
    release: Option<i64>,
    form: PlanAreaForm,
    errors: FieldErrors,
    stale: bool,
) -> impl IntoView {
    let name = plan::area_name(&form.area);
    let action = format!("/equipe/pessoas/{person_id}/plano/area");
    let back = format!("/equipe/pessoas/{person_id}/plano");
    let general = stale.then(|| {
        "Outra pessoa da equipe salvou o plano enquanto você editava. Nada foi salvo. O que você escreveu está abaixo: abra o plano de novo em outra aba, confira e salve outra vez.".to_string()
    });
    let rows = form
        .acoes
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let [f_what, f_who, f_when, f_status] = ACTION_FIELDS[i];
            let legend = format!("Ação {}", i + 1);
            view! {
                <fieldset class="stack">
                    <legend>{legend}</legend>
                    <TextField name=f_what label="O que fazer" value=row.acao.clone() errors=errors.clone() maxlength=300/>
                    <SelectField name=f_who label="Quem faz" options=pairs(&RESPONSIBLE) selected=row.quem.clone() errors=errors.clone() empty_label="Escolha"/>
                    <TextField name=f_when label="Prazo (opcional)" input_type="date" value=row.prazo.clone() errors=errors.clone()/>
                    <SelectField name=f_status label="Situação" options=pairs(&ACTION_STATUSES) selected=row.situacao.clone() errors=errors.clone()/>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <p><a href=back>"← Voltar ao plano"</a></p>
        <h1>{name}</h1>
        <p class="lead">{person_name}</p>
        {horizon(release).map(|h| view! { <p>{h}</p> })}
        <ErrorSummary errors=errors.clone() general=general/>
        <form method="post" action=action class="stack" novalidate>
            <input type="hidden" name="versao" value=form.versao.clone()/>
            <input type="hidden" name="area" value=form.area.clone()/>
            <p class="hint">"Escreva junto com a pessoa, com as palavras dela. Para tirar a área do plano, apague tudo e salve."</p>
            <TextArea name="demanda" label="Demanda: o que a pessoa precisa" value=form.demanda.clone() errors=errors.clone() maxlength=500/>
            <TextArea name="objetivo" label="Objetivo combinado" value=form.objetivo.clone() errors=errors.clone() maxlength=500/>
            <h2>"Ações combinadas"</h2>
            <p class="hint">"Deixe em branco as linhas que não precisar."</p>
            {rows}
            <button type="submit" class="primary">"Salvar nova versão do plano"</button>
        </form>
    }
}

#[derive(Clone, Debug)]
pub struct HistoryLine {
    pub number: i32,
    pub author: String,
    pub at: String,
    pub changes: Vec<String>,
}

#[component]
pub fn PlanHistoryPage(
    person_id: i32,
    person_name: String,
    lines: Vec<HistoryLine>,
) -> impl IntoView {
    let back = format!("/equipe/pessoas/{person_id}/plano");
    let empty = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|l| {
            let head = format!("Versão {} · {} · {}", l.number, l.at, l.author);
            let changes = l
                .changes
                .into_iter()
                .map(|c| view! { <li>{c}</li> })
                .collect_view();
            view! {
                <li class="item">
                    <p class="item-title">{head}</p>
                    <ul>{changes}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <p><a href=back>"← Voltar ao plano"</a></p>
        <h1>"Histórico do plano"</h1>
        <p class="lead">{person_name}</p>
        {empty.then(|| view! { <p>"O plano ainda não foi salvo."</p> })}
        <ul class="items">{items}</ul>
    }
}

#[component]
pub fn MyPlanPage(view: PlanView, today: String) -> impl IntoView {
    let title = if view.release.is_some() {
        plan::title(true)
    } else {
        "Meu plano"
    };
    let steps = view.plan.next_steps();
    let mine: Vec<_> = steps.iter().filter(|(_, x)| x.who == "pessoa").collect();
    let others: Vec<_> = steps.iter().filter(|(_, x)| x.who != "pessoa").collect();
    let mine_view = mine
        .iter()
        .map(|(a, x)| {
            let area = plan::area_name(&a.area);
            let line = action_line(x, &today, true);
            view! { <div><p class="muted">{area}</p><ul class="steps">{line}</ul></div> }
        })
        .collect_view();
    let others_view = others
        .iter()
        .map(|(_, x)| action_line(x, &today, true))
        .collect_view();
    let (no_mine, no_others) = (mine.is_empty(), others.is_empty());
    let blocks = view
        .plan
        .areas
        .iter()
        .map(|a| area_block(a, &view.referrals, &today, None, true))
        .collect_view();
    let others = other_referrals(&view);
    let empty = view.version == 0;
    let saved = view.saved_at.map(|t| {
        format!(
            "Atualizado em {} pela equipe do Escritório Social.",
            dates::br_date(t)
        )
    });
    view! {
        <h1>{title}</h1>
        {horizon(view.release).map(|h| view! { <p>{h}</p> })}
        {if empty {
            view! { <p>"Você ainda não tem um plano. Ele é feito com você, no Escritório Social."</p> }.into_any()
        } else {
            view! {
                <h2>"O que você precisa fazer"</h2>
                {no_mine.then(|| view! { <p>"Nada agora. Veja abaixo o que a equipe está fazendo."</p> })}
                {mine_view}
                <h2>"O que a equipe e os parceiros vão fazer"</h2>
                {no_others.then(|| view! { <p>"Nada pendente."</p> })}
                <ul class="steps">{others_view}</ul>
                <p class="lead area">"Seu plano, área por área:"</p>
                {blocks}
                {others}
                {saved.map(|s| view! { <p class="muted">{s}</p> })}
            }.into_any()
        }}
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{HistoryLine, MyPlanPage, PlanAreaForm, PlanAreaPage, PlanHistoryPage, PlanPage};
    use crate::domain::{FieldErrors, dates};
    use crate::server::actor::{EgressoActor, StaffActor};
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::now;
    use crate::server::render::page;
    use crate::server::services::case::people::name_of;
    use crate::server::services::case::plans::{self, SaveError, Saved};
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;
    use std::collections::HashMap;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        salvo: String,
        igual: String,
    }

    pub async fn show(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let view = plans::unit_plan(&state.db, &me, id).await?;
        let notice = if !q.salvo.is_empty() {
            Some("Plano salvo. Uma nova versão foi guardada no histórico.")
        } else if !q.igual.is_empty() {
            Some("Nada mudou, então nenhuma versão nova foi criada.")
        } else {
            None
        };
        let today = dates::iso_date(now());
        let title = crate::domain::plan::title(view.release.is_some());
        Ok(page(
            &state,
            StatusCode::OK,
            title,
            Some(me.actor.viewer()),
            move || view! { <PlanPage view notice today/> },
        ))
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct AreaQuery {
        area: String,
    }

    pub async fn edit_area(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        Query(q): Query<AreaQuery>,
    ) -> Result<Response, WebError> {
        let (person, release, form) = plans::area_form(&state.db, &me, id, &q.area).await?;
        area_page(
            &state,
            &me,
            &person,
            release,
            StatusCode::OK,
            form,
            FieldErrors::default(),
            false,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn area_page(
        state: &AppState,
        me: &StaffActor,
        person: &crate::server::entities::person::Model,
        release: Option<i64>,
        status: StatusCode,
        form: PlanAreaForm,
        errors: FieldErrors,
        stale: bool,
    ) -> Result<Response, WebError> {
        let person_id = person.id;
        let person_name = name_of(person);
        let title = format!("{} — plano", crate::domain::plan::area_name(&form.area));
        Ok(page(
            state,
            status,
            &title,
            Some(me.actor.viewer()),
            move || view! { <PlanAreaPage person_id person_name release form errors stale/> },
        ))
    }

    pub async fn save_area(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        PostedForm(fields): PostedForm<HashMap<String, String>>,
    ) -> Result<Response, WebError> {
        let form = PlanAreaForm::from_fields(&fields);
        match plans::save_area(&state.db, &me, id, &form.area, &form).await {
            Ok(Saved::Version(_)) => {
                Ok(Redirect::to(&format!("/equipe/pessoas/{id}/plano?salvo=1")).into_response())
            }
            Ok(Saved::NothingChanged) => {
                Ok(Redirect::to(&format!("/equipe/pessoas/{id}/plano?igual=1")).into_response())
            }
            Err(SaveError::Internal(e)) => Err(e),
            Err(e) => {
                let (person, release, _) = plans::area_form(&state.db, &me, id, &form.area).await?;
                let (errors, stale, status) = match e {
                    SaveError::Invalid(errors) => (errors, false, StatusCode::UNPROCESSABLE_ENTITY),
                    _ => (FieldErrors::default(), true, StatusCode::CONFLICT),
                };
                area_page(&state, &me, &person, release, status, form, errors, stale)
            }
        }
    }

    pub async fn history(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        let (person, versions) = plans::history(&state.db, &me, id).await?;
        let lines = versions
            .into_iter()
            .map(|v| HistoryLine {
                number: v.number,
                author: v.author,
                at: dates::br_datetime(v.at),
                changes: v.changes,
            })
            .collect();
        let person_id = person.id;
        let person_name = name_of(&person);
        Ok(page(
            &state,
            StatusCode::OK,
            "Histórico do plano",
            Some(me.actor.viewer()),
            move || view! { <PlanHistoryPage person_id person_name lines/> },
        ))
    }

    pub async fn mine(
        State(state): State<AppState>,
        me: EgressoActor,
    ) -> Result<Response, WebError> {
        let view = plans::my_plan(&state.db, &me).await?;
        let today = dates::iso_date(now());
        Ok(page(
            &state,
            StatusCode::OK,
            "Meu plano",
            Some(me.actor.viewer()),
            move || view! { <MyPlanPage view today/> },
        ))
    }
}
