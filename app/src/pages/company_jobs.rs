//! `/empresa/vagas`: a company's own vacancies and, for each, the candidates' professional
//! profiles — and nothing else about them (see `services::hiring`).

use crate::domain::{dates, jobs};
use leptos::prelude::*;

#[component]
pub fn CompanyVacanciesPage(lines: Vec<(i32, String, String, u64)>) -> impl IntoView {
    let empty = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|(id, title, state, candidates)| {
            let href = format!("/empresa/vagas/{id}/candidatos");
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
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Minhas vagas"</h1>
        {empty.then(|| view! { <p>"Sua empresa ainda não tem vagas publicadas."</p> })}
        <ul class="items">{items}</ul>
    }
}

#[derive(Clone, Debug)]
pub struct CandidateCard {
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
pub fn CandidatesPage(title: String, cards: Vec<CandidateCard>) -> impl IntoView {
    let empty = cards.is_empty();
    let items = cards
        .into_iter()
        .map(|c| {
            view! {
                <li class="item">
                    <p class="item-title">{c.name}</p>
                    <p class="muted">{format!("Candidatura de {} · {}", c.applied_on, c.status)}</p>
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
        {empty.then(|| view! { <p>"Nenhuma candidatura ainda."</p> })}
        <ul class="items">{items}</ul>
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
    use super::{CandidateCard, CandidatesPage, CompanyVacanciesPage, contact_line, date};
    use crate::domain::jobs;
    use crate::server::actor::CompanyActor;
    use crate::server::error::WebError;
    use crate::server::render::page;
    use crate::server::services::hiring;
    use crate::server::state::AppState;
    use axum::extract::{Path, State};
    use axum::response::Response;
    use http::StatusCode;
    use leptos::prelude::*;

    pub async fn list(
        State(state): State<AppState>,
        me: CompanyActor,
    ) -> Result<Response, WebError> {
        let now = crate::server::now();
        let lines = hiring::company_vacancies(&state.db, &me)
            .await?
            .into_iter()
            .map(|cv| {
                let v = cv.vacancy;
                let state = if v.status == "open" && v.closes_at >= now {
                    format!("Aberta até {}", date(v.closes_at))
                } else {
                    "Encerrada".to_string()
                };
                (v.id, v.title, state, cv.candidates)
            })
            .collect();
        Ok(page(
            &state,
            StatusCode::OK,
            "Minhas vagas",
            Some(me.actor.viewer()),
            move || view! { <CompanyVacanciesPage lines/> },
        ))
    }

    pub async fn candidates(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
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
                name: c.name,
                schooling: jobs::label(&jobs::SCHOOLING, &c.schooling),
                skills: c.skills,
                experience: c.experience,
                courses: c.courses,
                availability: c.availability,
                applied_on: date(c.applied_at),
                status: jobs::label(&jobs::APPLICATION_STATUSES, &c.status),
            })
            .collect();
        let title = vacancy.title;
        Ok(page(
            &state,
            StatusCode::OK,
            "Candidaturas",
            Some(me.actor.viewer()),
            move || view! { <CandidatesPage title cards/> },
        ))
    }
}
