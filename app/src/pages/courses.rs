//! `/cursos` and `/cursos/{id}`: the public course catalogue. No account needed to look; a
//! logged-in person asks for a place ("Quero me inscrever"). Plain forms: work without JavaScript.

use crate::components::{Pager, SelectField, TextField};
use crate::domain::FieldErrors;
use crate::server::services::courses::CourseQuery;
use leptos::prelude::*;

/// A course as a list line and the top of its page show it.
#[derive(Clone, Debug)]
pub struct CourseLine {
    pub id: i32,
    pub title: String,
    pub provider: String,
    pub modality: &'static str,
    pub place: String,
    pub hours: i32,
    pub starts: String,
    pub price: String,
    pub remicao: Option<String>,
}

#[component]
fn CourseFacts(line: CourseLine) -> impl IntoView {
    view! {
        <p>{line.provider}</p>
        <p>{line.modality} " · " {line.place}</p>
        <p>{format!("{} horas · começa em {}", line.hours, line.starts)}</p>
        <p><strong>{line.price}</strong></p>
        {line.remicao.map(|r| view! { <p class="tag">{r}</p> })}
    }
}

#[component]
pub fn CoursesPage(
    query: CourseQuery,
    lines: Vec<CourseLine>,
    total: u64,
    page: u64,
    pages: u64,
    cities: Vec<(String, String)>,
) -> impl IntoView {
    let modalities = crate::domain::courses::MODALITIES
        .iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect::<Vec<_>>();
    let summary = match total {
        0 => "Nenhum curso encontrado. Tente outras palavras ou tire algum filtro.".to_string(),
        1 => "1 curso encontrado.".to_string(),
        n => format!("{n} cursos encontrados."),
    };
    let items = lines
        .into_iter()
        .map(|l| {
            let href = format!("/cursos/{}", l.id);
            let title = l.title.clone();
            view! {
                <li class="item">
                    <p class="item-title"><a href=href>{title}</a></p>
                    <CourseFacts line=l/>
                </li>
            }
        })
        .collect_view();
    let prev = (page > 1).then(|| query.page_href(page - 1));
    let next = (page < pages).then(|| query.page_href(page + 1));
    let errors = FieldErrors::default();
    view! {
        <h1>"Cursos"</h1>
        <p>"Cursos gratuitos ou baratos para aprender uma profissão ou voltar a estudar."</p>
        <form method="get" action="/cursos" class="stack search" role="search">
            <TextField name="q" label="Que curso você procura?" hint="Exemplo: elétrica, informática, cozinha" value=query.q.clone() errors=errors.clone() input_type="search" maxlength=100/>
            <details class="filters" open=query.has_filters()>
                <summary>"Filtros"</summary>
                <div class="stack">
                    <SelectField name="modalidade" label="Como é a aula" options=modalities selected=query.modalidade.clone() errors=errors.clone() empty_label="Presencial ou a distância"/>
                    <SelectField name="cidade" label="Cidade" hint="Cursos a distância aparecem em todas as cidades." options=cities selected=query.cidade.clone() errors=errors empty_label="Todas"/>
                    <div class="check">
                        <input type="checkbox" id="campo-gratuito" name="gratuito" value="1" checked=!query.gratuito.is_empty()/>
                        <label for="campo-gratuito">"Só cursos gratuitos"</label>
                    </div>
                    <div class="check">
                        <input type="checkbox" id="campo-remicao" name="remicao" value="1" checked=!query.remicao.is_empty()/>
                        <label for="campo-remicao">"Só cursos que contam para remição"</label>
                    </div>
                </div>
            </details>
            <button type="submit" class="primary">"Buscar cursos"</button>
        </form>
        <p role="status" class="result-count">{summary}</p>
        <ul class="items">{items}</ul>
        <Pager page pages prev next/>
    }
}

/// What the viewer can do on a course page.
#[derive(Clone, Debug)]
pub enum CourseActions {
    Anonymous,
    /// A person attended: ask for a place (with consent), or see the request.
    Egresso {
        status: Option<String>,
        error: Option<String>,
    },
    Nothing,
}

#[component]
pub fn CoursePage(
    line: CourseLine,
    description: String,
    open: bool,
    actions: CourseActions,
) -> impl IntoView {
    let id = line.id;
    let provider = line.provider.clone();
    let title = line.title.clone();
    let actions = match (open, actions) {
        (false, _) => view! { <p class="notice" role="status">"As inscrições deste curso estão encerradas."</p> }.into_any(),
        (true, CourseActions::Nothing) => ().into_any(),
        (true, CourseActions::Anonymous) => {
            let href = format!("/entrar?voltar=/cursos/{id}");
            view! { <p><a class="button-link" href=href>"Entrar para se inscrever"</a></p> }.into_any()
        }
        (true, CourseActions::Egresso { status, error }) => match status.filter(|s| s != "cancelada") {
            Some(status) => {
                let status = crate::domain::courses::label(&crate::domain::courses::ENROLMENT_STATUSES, &status);
                view! {
                    <div class="notice" role="status">
                        <p>"Seu pedido de inscrição: " <strong>{status}</strong></p>
                        <p><a href="/inicio/cursos">"Ver meus cursos"</a></p>
                    </div>
                }
                .into_any()
            }
            None => {
                let action = format!("/cursos/{id}/inscricao");
                let invalid = error.is_some();
                view! {
                    <form method="post" action=action class="stack apply">
                        <p>"Ao pedir a inscrição, " {provider.clone()} " recebe seu nome e seu contato para combinar a matrícula. Sua técnica ou técnico do Escritório Social também vê o pedido."</p>
                        <div class="field" class:has-error=invalid>
                            {error.map(|e| view! { <p class="field-error" id="erro-consentimento">{e}</p> })}
                            <div class="check">
                                <input type="checkbox" id="campo-consentimento" name="consentimento" value="1"
                                    aria-describedby=invalid.then_some("erro-consentimento") aria-invalid=invalid.then_some("true")/>
                                <label for="campo-consentimento">{format!("Autorizo enviar meu nome e contato para {provider}.")}</label>
                            </div>
                        </div>
                        <button type="submit" class="primary">"Quero me inscrever"</button>
                    </form>
                }
                .into_any()
            }
        },
    };
    view! {
        <p><a href="/cursos">"← Voltar para os cursos"</a></p>
        <h1>{title}</h1>
        <CourseFacts line/>
        {actions}
        <h2>"Sobre o curso"</h2>
        <p class="prose">{description}</p>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{CourseActions, CourseLine, CoursePage, CourseQuery, CoursesPage};
    use crate::domain::{courses, dates, money};
    use crate::server::actor::{Actor, EgressoActor, MaybeActor};
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::{mark_public_offline, page};
    use crate::server::services::courses::{self as service, Card, EnrolError, Filters, PAGE_SIZE};
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    pub fn line(card: &Card) -> CourseLine {
        let c = &card.course;
        CourseLine {
            id: c.id,
            title: c.title.clone(),
            provider: card.provider.clone(),
            modality: courses::label(&courses::MODALITIES, &c.modality),
            place: if c.modality == "ead" {
                "Pela internet".to_string()
            } else {
                format!("{} – {}", c.city, c.uf)
            },
            hours: c.hours,
            starts: dates::br_date(c.starts_at),
            price: c
                .price_cents
                .map(money::brl)
                .unwrap_or_else(|| "Gratuito".to_string()),
            remicao: c.remicao.then(|| courses::remission_text(c.hours)),
        }
    }

    pub async fn list(
        State(state): State<AppState>,
        MaybeActor(actor): MaybeActor,
        Query(query): Query<CourseQuery>,
    ) -> Result<Response, WebError> {
        let filters = Filters::parse(&query);
        let (cards, total) = service::search(&state.db, &filters).await?;
        let cities = service::open_cities(&state.db).await?;
        let lines = cards.iter().map(line).collect::<Vec<_>>();
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        let page_no = filters.page;
        Ok(page(
            &state,
            StatusCode::OK,
            "Cursos",
            actor.map(|a| a.viewer()),
            move || view! { <CoursesPage query lines total page=page_no pages cities/> },
        ))
    }

    pub async fn show(
        State(state): State<AppState>,
        MaybeActor(actor): MaybeActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        let anonymous = actor.is_none();
        let mut response = render(&state, actor, id, StatusCode::OK, None).await?;
        if anonymous {
            // Nothing personal on it: the service worker may keep it for reading offline.
            mark_public_offline(&mut response);
        }
        Ok(response)
    }

    async fn render(
        state: &AppState,
        actor: Option<Actor>,
        id: i32,
        status: StatusCode,
        error: Option<&str>,
    ) -> Result<Response, WebError> {
        let card = service::public_course(&state.db, id).await?;
        let actions = match actor.as_ref().map(|a| a.as_egresso()) {
            None => CourseActions::Anonymous,
            Some(Some(me)) => CourseActions::Egresso {
                status: service::enrolment_for(&state.db, &me, id)
                    .await?
                    .map(|e| e.status),
                error: error.map(str::to_string),
            },
            Some(None) => CourseActions::Nothing,
        };
        let open = card.course.status == "open";
        let description = card.course.description.clone();
        let title = card.course.title.clone();
        let line = line(&card);
        Ok(page(
            state,
            status,
            &title,
            actor.map(|a| a.viewer()),
            move || view! { <CoursePage line description open actions/> },
        ))
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct EnrolForm {
        consentimento: String,
    }

    pub async fn enrol(
        State(state): State<AppState>,
        me: EgressoActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<EnrolForm>,
    ) -> Result<Response, WebError> {
        match service::enrol(&state.db, &me, id, !form.consentimento.is_empty()).await {
            Ok(()) => Ok(Redirect::to("/inicio/cursos?enviado=1").into_response()),
            Err(EnrolError::NoConsent) => {
                render(
                    &state,
                    Some(me.actor.clone()),
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Some("Para pedir a inscrição, marque a autorização abaixo."),
                )
                .await
            }
            Err(EnrolError::Web(e)) => Err(e),
        }
    }
}
