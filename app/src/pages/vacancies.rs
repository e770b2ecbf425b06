//! `/vagas` and `/vagas/{id}`: the public job board. No account needed to look; nothing on
//! these pages says anything about any person. A plain GET form: works without JavaScript.

use crate::components::{ErrorSummary, Pager, SelectField, TextField};
use crate::domain::FieldErrors;
use crate::islands::SaveVacancyButton;
use crate::server::services::jobs::vacancies::VacancyQuery;
use leptos::prelude::*;

/// A vacancy as a list line shows it.
#[derive(Clone, Debug)]
pub struct VacancyLine {
    pub id: i32,
    pub title: String,
    pub company: String,
    pub place: String,
    pub salary: String,
    pub shift: &'static str,
    pub quota: bool,
    pub closes: String,
    /// The company holds the Selo Empresa Parceira (confirmed hires in the last 12 months).
    pub seal: bool,
}

#[derive(Clone, Debug)]
pub struct SearchView {
    pub query: VacancyQuery,
    pub errors: FieldErrors,
    pub lines: Vec<VacancyLine>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub ufs: Vec<(String, String)>,
    pub cities: Vec<(String, String)>,
    pub families: Vec<(String, String)>,
}

#[component]
pub fn VacanciesPage(view: SearchView) -> impl IntoView {
    let SearchView {
        query,
        errors,
        lines,
        total,
        page,
        pages,
        ufs,
        cities,
        families,
    } = view;
    let shifts = crate::domain::jobs::SHIFTS
        .iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect::<Vec<_>>();
    let open_filters = query.has_filters() || !errors.is_empty();
    let beyond = total > 0 && page > pages;
    let summary = match total {
        0 => "Nenhuma vaga encontrada. Tente outras palavras ou tire algum filtro.".to_string(),
        _ if beyond => format!(
            "Esta página não existe. {total} vagas encontradas, em {pages} {}.",
            if pages == 1 { "página" } else { "páginas" }
        ),
        1 => "1 vaga encontrada.".to_string(),
        n => format!("{n} vagas encontradas."),
    };
    let items = lines
        .into_iter()
        .map(|l| {
            let href = format!("/vagas/{}", l.id);
            view! {
                <li class="item">
                    <p class="item-title"><a href=href>{l.title}</a></p>
                    <p>{l.company}</p>
                    <p>{l.place} " · " {l.shift}</p>
                    <p><strong>{l.salary}</strong></p>
                    {l.quota.then(|| view! { <p class="tag">"Vaga com cota legal"</p> })}
                    {l.seal.then(|| view! { <p class="tag">"Selo Empresa Parceira"</p> })}
                    <p class="muted">"Inscrições até " {l.closes}</p>
                </li>
            }
        })
        .collect_view();
    let prev = (page > 1).then(|| query.page_href((page - 1).min(pages)));
    let next = (page < pages).then(|| query.page_href(page + 1));
    view! {
        <h1>"Vagas de emprego"</h1>
        <form method="get" action="/vagas" class="stack search" role="search">
            <TextField name="q" label="O que você procura?" hint="Exemplo: pedreiro, cozinha, manutenção" value=query.q.clone() errors=errors.clone() input_type="search" maxlength=100/>
            <details class="filters" open=open_filters>
                <summary>"Filtros"</summary>
                <div class="stack">
                    <SelectField name="uf" label="Estado" options=ufs selected=query.uf.clone() errors=errors.clone() empty_label="Todos"/>
                    <SelectField name="cidade" label="Cidade" options=cities selected=query.cidade.clone() errors=errors.clone() empty_label="Todas"/>
                    <SelectField name="cbo" label="Área de trabalho" options=families selected=query.cbo.clone() errors=errors.clone() empty_label="Todas"/>
                    <SelectField name="turno" label="Turno" options=shifts selected=query.turno.clone() errors=errors.clone() empty_label="Qualquer"/>
                    <TextField name="salario" label="Salário mínimo (R$)" value=query.salario.clone() errors=errors.clone() inputmode="numeric" maxlength=12/>
                    <div class="check">
                        <input type="checkbox" id="campo-cota" name="cota" value="1" checked=!query.cota.is_empty()/>
                        <label for="campo-cota">"Só vagas com cota legal"</label>
                    </div>
                </div>
            </details>
            <button type="submit" class="primary">"Buscar vagas"</button>
        </form>
        <ErrorSummary errors=errors general=None/>
        <p role="status" class="result-count">{summary}</p>
        <ul class="items">{items}</ul>
        <Pager page pages prev next/>
    }
}

/// What the viewer can do on a vacancy page.
#[derive(Clone, Debug)]
pub enum DetailActions {
    /// Not logged in: a way to log in and come back.
    Anonymous,
    /// A person attended: apply (with consent), or see the candidatura; save for later.
    Egresso {
        applied: Option<String>,
        has_profile: bool,
        saved: bool,
        error: Option<String>,
        /// The account's mark (`server::offline`): a save may wait on the phone.
        conta: String,
    },
    /// Staff, companies, partners: nothing to do here.
    Nothing,
}

#[derive(Clone, Debug)]
pub struct VacancyDetailView {
    pub actions: DetailActions,
    pub line: VacancyLine,
    pub description: String,
    pub requirements: String,
    pub weekly_hours: i32,
    pub contract: &'static str,
    pub occupation: String,
    /// schema.org JobPosting, already serialised and escaped for a `<script>` element.
    pub json_ld: String,
}

#[component]
pub fn VacancyPage(view: VacancyDetailView) -> impl IntoView {
    let VacancyDetailView {
        actions,
        line,
        description,
        requirements,
        weekly_hours,
        contract,
        occupation,
        json_ld,
    } = view;
    let nonce = leptos::nonce::use_nonce();
    let actions = vacancy_actions(line.id, line.company.clone(), actions);
    view! {
        <p><a href="/vagas">"← Voltar para as vagas"</a></p>
        <h1>{line.title}</h1>
        <p class="lead">{line.company}</p>
        {line.quota.then(|| view! { <p class="tag">"Vaga com cota legal"</p> })}
        {line.seal.then(|| view! { <p class="tag">"Selo Empresa Parceira: contrata pessoas atendidas pelo Escritório Social"</p> })}
        <dl class="data">
            <dt>"Salário"</dt><dd>{line.salary}</dd>
            <dt>"Local"</dt><dd>{line.place}</dd>
            <dt>"Turno"</dt><dd>{line.shift}</dd>
            <dt>"Carga horária"</dt><dd>{weekly_hours} " horas por semana"</dd>
            <dt>"Contrato"</dt><dd>{contract}</dd>
            <dt>"Ocupação (CBO)"</dt><dd>{occupation}</dd>
            <dt>"Inscrições até"</dt><dd>{line.closes}</dd>
        </dl>
        {actions}
        <h2>"Sobre a vaga"</h2>
        <p class="prose">{description}</p>
        <h2>"O que pedem"</h2>
        <p class="prose">{requirements}</p>
        <script type="application/ld+json" nonce=nonce inner_html=json_ld></script>
    }
}

fn vacancy_actions(id: i32, company: String, actions: DetailActions) -> AnyView {
    match actions {
        DetailActions::Anonymous => {
            let href = format!("/entrar?voltar=/vagas/{id}");
            view! { <p><a class="button-link" href=href>"Entrar para se candidatar"</a></p> }
                .into_any()
        }
        DetailActions::Nothing => ().into_any(),
        DetailActions::Egresso {
            applied,
            has_profile,
            saved,
            error,
            conta,
        } => {
            let apply = match (applied.filter(|s| s != "desistiu"), has_profile) {
                (Some(status), _) => {
                    let status = crate::domain::jobs::label(
                        &crate::domain::jobs::APPLICATION_STATUSES,
                        &status,
                    )
                    .to_string();
                    view! {
                        <div class="notice" role="status">
                            <p>"Você já se candidatou a esta vaga: " <strong>{status}</strong></p>
                            <p><a href="/inicio/candidaturas">"Ver minhas candidaturas"</a></p>
                        </div>
                    }
                    .into_any()
                }
                (None, false) => {
                    let href = format!("/inicio/perfil?vaga={id}");
                    view! {
                        <p>"Para se candidatar, preencha antes seu perfil profissional. Leva poucos minutos."</p>
                        <p><a class="button-link" href=href>"Preencher meu perfil"</a></p>
                    }
                    .into_any()
                }
                (None, true) => {
                    let action = format!("/vagas/{id}/candidatura");
                    let invalid = error.is_some();
                    view! {
                        <form method="post" action=action class="stack apply">
                            <div class="field" class:has-error=invalid>
                                {error.map(|e| view! { <p class="field-error" id="erro-consentimento">{e}</p> })}
                                <div class="check">
                                    <input type="checkbox" id="campo-consentimento" name="consentimento" value="1"
                                        aria-describedby=invalid.then_some("erro-consentimento") aria-invalid=invalid.then_some("true")/>
                                    <label for="campo-consentimento">{format!("Autorizo enviar meu perfil profissional para {company}.")}</label>
                                </div>
                            </div>
                            <button type="submit" class="primary">"Candidatar-me"</button>
                        </form>
                    }
                    .into_any()
                }
            };
            view! {
                {apply}
                <SaveVacancyButton id=id saved=saved conta=conta/>
            }
            .into_any()
        }
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{
        DetailActions, SearchView, VacanciesPage, VacancyDetailView, VacancyLine, VacancyPage,
        VacancyQuery,
    };
    use crate::domain::{cbo, dates, jobs, money};
    use crate::server::actor::Actor;
    use crate::server::actor::MaybeActor;
    use crate::server::error::WebError;
    use crate::server::render::{mark_public_offline, page, shared_copy, shared_page};
    use crate::server::services::jobs::applications;
    use crate::server::services::jobs::vacancies::{self, Card, Filters, Listing, PAGE_SIZE};
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::Response;
    use http::StatusCode;
    use leptos::prelude::*;
    use std::collections::HashSet;

    fn salary(v: &Listing) -> String {
        match (v.salary_min_cents, v.salary_max_cents) {
            (Some(a), Some(b)) if a != b => format!("{} a {}", money::brl(a), money::brl(b)),
            (Some(a), _) | (None, Some(a)) => money::brl(a),
            (None, None) => "A combinar".to_string(),
        }
    }

    /// Companies holding the seal now (kept with the public data, cleared when it changes).
    async fn sealed(state: &AppState) -> Result<std::sync::Arc<HashSet<i32>>, WebError> {
        let cache = &state.public.sealed_companies;
        Ok(match cache.get(&()) {
            Some(s) => s,
            None => cache.insert(
                (),
                vacancies::sealed_companies(&state.db, state.seal_min_hires).await?,
            ),
        })
    }

    fn line(v: &Listing, sealed: &HashSet<i32>) -> VacancyLine {
        VacancyLine {
            seal: sealed.contains(&v.organization_id),
            id: v.id,
            title: v.title.clone(),
            company: v.company.clone(),
            place: format!("{} – {}", v.city, v.uf),
            salary: salary(v),
            shift: jobs::shift_label(&v.shift),
            quota: v.quota,
            closes: dates::br_date(v.closes_at),
        }
    }

    pub async fn list(
        State(state): State<AppState>,
        MaybeActor(actor): MaybeActor,
        Query(query): Query<VacancyQuery>,
    ) -> Result<Response, WebError> {
        let (filters, errors) = Filters::parse(&query);
        // The same public search is often asked by many at once: answered from memory for a
        // few seconds (see `server::cache`) — the whole page for anonymous visitors, the
        // results for everyone.
        let cache = &state.public;
        let shared = actor.is_none() && errors.is_empty();
        if shared && let Some(kept) = shared_copy(&state, &cache.vacancy_pages, &query, "Vagas") {
            return Ok(kept);
        }
        let results = match cache.vacancy_searches.get(&filters) {
            Some(r) => r,
            None => cache
                .vacancy_searches
                .insert(filters.clone(), vacancies::search(&state.search, &filters)),
        };
        let places = match cache.vacancy_places.get(&()) {
            Some(p) => p,
            None => cache.vacancy_places.insert((), state.search.places()),
        };
        let mut ufs: Vec<(String, String)> = places
            .iter()
            .map(|(_, _, uf)| (uf.clone(), uf.clone()))
            .collect();
        ufs.dedup();
        let cities = places
            .iter()
            .filter(|(_, _, uf)| filters.uf.as_ref().is_none_or(|f| f == uf))
            .map(|(code, city, uf)| (code.clone(), format!("{city} – {uf}")))
            .collect();
        let mut families: Vec<(String, String)> = cbo::OCCUPATIONS
            .iter()
            .map(|(code, title)| (cbo::family(code).to_string(), title.to_string()))
            .collect();
        families.sort_by(|a, b| a.1.cmp(&b.1));
        let sealed = sealed(&state).await?;
        let pages = results.total.div_ceil(PAGE_SIZE).max(1);
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let key = query.clone();
        let view = SearchView {
            query,
            errors,
            lines: results.cards.iter().map(|c| line(c, &sealed)).collect(),
            total: results.total,
            page: filters.page,
            pages,
            ufs,
            cities,
            families,
        };
        if shared {
            return Ok(shared_page(
                &state,
                &cache.vacancy_pages,
                key,
                "Vagas",
                move || view! { <VacanciesPage view/> },
            ));
        }
        Ok(page(
            &state,
            status,
            "Vagas",
            actor.map(|a| a.viewer()),
            move || view! { <VacanciesPage view/> },
        ))
    }

    pub async fn show(
        State(state): State<AppState>,
        MaybeActor(actor): MaybeActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        let anonymous = actor.is_none();
        let mut response = render_detail(&state, actor, id, StatusCode::OK, None).await?;
        if anonymous {
            // Nothing personal on it: the service worker may keep it for reading offline.
            mark_public_offline(&mut response);
        }
        Ok(response)
    }

    /// The vacancy page, with the viewer's actions (and an error beside the apply form).
    pub async fn render_detail(
        state: &AppState,
        actor: Option<Actor>,
        id: i32,
        status: StatusCode,
        apply_error: Option<&str>,
    ) -> Result<Response, WebError> {
        let card = vacancies::public_vacancy(&state.db, id).await?;
        let v = &card.vacancy;
        let actions = match actor.as_ref().map(|a| (a, a.as_egresso())) {
            None => DetailActions::Anonymous,
            Some((_, Some(me))) => DetailActions::Egresso {
                applied: applications::application_for(&state.db, &me, id)
                    .await?
                    .map(|a| a.status),
                has_profile: applications::profile(&state.db, &me).await?.is_some(),
                saved: applications::is_saved(&state.db, &me, id).await?,
                error: apply_error.map(str::to_string),
                conta: crate::server::offline::owner_mark(state, me.actor.user_id),
            },
            Some((_, None)) => DetailActions::Nothing,
        };
        let view = VacancyDetailView {
            actions,
            line: line(&card.listing(), sealed(state).await?.as_ref()),
            description: v.description.clone(),
            requirements: v.requirements.clone(),
            weekly_hours: v.weekly_hours,
            contract: jobs::employment_label(&v.employment_type),
            occupation: format!(
                "{} {}",
                cbo::format(&v.cbo_code),
                cbo::title(&v.cbo_code).unwrap_or_default()
            ),
            json_ld: job_posting_json_ld(&card),
        };
        let title = v.title.clone();
        Ok(page(
            state,
            status,
            &title,
            actor.map(|a| a.viewer()),
            move || view! { <VacancyPage view/> },
        ))
    }

    /// schema.org JobPosting. `<` is escaped so nothing in the data can close the script.
    pub fn job_posting_json_ld(card: &Card) -> String {
        let v = &card.vacancy;
        let mut posting = serde_json::json!({
            "@context": "https://schema.org/",
            "@type": "JobPosting",
            "title": v.title,
            "description": format!("{}\n\n{}", v.description, v.requirements),
            "datePosted": dates::iso_date(v.posted_at),
            "validThrough": format!("{}T23:59:59-03:00", dates::iso_date(v.closes_at)),
            "employmentType": jobs::schema_employment_type(&v.employment_type, v.weekly_hours),
            "hiringOrganization": { "@type": "Organization", "name": card.company },
            "jobLocation": {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": v.city,
                    "addressRegion": v.uf,
                    "addressCountry": "BR"
                }
            },
            "occupationalCategory": cbo::format(&v.cbo_code),
            "identifier": { "@type": "PropertyValue", "name": card.company, "value": v.id.to_string() },
        });
        if let Some(min) = v.salary_min_cents.or(v.salary_max_cents) {
            let max = v.salary_max_cents.unwrap_or(min);
            posting["baseSalary"] = serde_json::json!({
                "@type": "MonetaryAmount",
                "currency": "BRL",
                "value": {
                    "@type": "QuantitativeValue",
                    "minValue": min as f64 / 100.0,
                    "maxValue": max as f64 / 100.0,
                    "unitText": "MONTH"
                }
            });
        }
        posting.to_string().replace('<', "\\u003c")
    }
}
