//! `/servicos` and `/servicos/{id}`: public services and RAESP partners near the person. No
//! account needed. Sorted by distance when the browser shares its position (a small script
//! fills two hidden fields); without it, the person picks a city. "Informar erro" is a form.

use crate::components::{ErrorSummary, Icon, IconSvg, Pager, SelectField, TextArea, TextField};
use crate::domain::FieldErrors;
use crate::server::services::directory::service_directory::{COUNTED_UP_TO, ServiceQuery};
use leptos::prelude::*;

/// A phone as a `tel:` link and as people read it.
#[derive(Clone, Debug)]
pub struct PhoneLink {
    pub href: String,
    pub text: String,
}

impl PhoneLink {
    pub fn new(digits: &str) -> PhoneLink {
        PhoneLink {
            href: format!("tel:+55{digits}"),
            text: crate::domain::jobs::format_phone(digits),
        }
    }
}

/// "Como chegar": a universal maps link; on a phone it opens the maps app.
pub fn directions_href(lat: f64, lon: f64) -> String {
    format!("https://www.google.com/maps/dir/?api=1&destination={lat:.6},{lon:.6}")
}

#[derive(Clone, Debug)]
pub struct ServiceLine {
    pub id: i32,
    pub name: String,
    pub organization: String,
    pub raesp: bool,
    pub area: &'static str,
    pub address: String,
    pub distance: Option<String>,
    pub open_text: String,
    pub open_now: bool,
    pub phone: Option<PhoneLink>,
    pub directions: String,
}

#[component]
fn Reach(phone: Option<PhoneLink>, directions: String) -> impl IntoView {
    view! {
        <div class="actions">
            {phone.map(|p| view! {
                <a class="button-link secondary-link" href=p.href>
                    <IconSvg icon=Icon::Phone/>
                    <span>{format!("Ligar {}", p.text)}</span>
                </a>
            })}
            <a class="button-link secondary-link" href=directions rel="noopener" target="_blank">
                <IconSvg icon=Icon::Place/>
                <span>"Como chegar"</span>
            </a>
        </div>
    }
}

#[component]
pub fn ServicesPage(
    query: ServiceQuery,
    lines: Vec<ServiceLine>,
    total: usize,
    page: u64,
    pages: u64,
    cities: Vec<(String, String)>,
    by_distance: bool,
) -> impl IntoView {
    let areas = crate::domain::services::AREAS
        .iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect::<Vec<_>>();
    let terms = |list: &[crate::domain::services_taxonomy::Term]| {
        list.iter()
            .map(|t| (t.code.clone(), t.name.clone()))
            .collect::<Vec<_>>()
    };
    let for_whom = terms(crate::domain::services_taxonomy::for_whom());
    let kinds = terms(crate::domain::services_taxonomy::kinds());
    let summary = match total {
        0 => "Nenhum serviço encontrado. Tente outra área ou outra cidade.".to_string(),
        1 => "1 serviço encontrado.".to_string(),
        n if n > COUNTED_UP_TO => {
            "Mais de 1.000 serviços encontrados. Escolha a área ou a cidade para ver menos."
                .to_string()
        }
        n => format!("{n} serviços encontrados."),
    };
    let order = if by_distance {
        "Do mais perto para o mais longe de onde você está."
    } else {
        "Por cidade e nome. Toque em “Usar minha localização” para ver os mais perto."
    };
    let without_position = query.href(1, false);
    let items = lines
        .into_iter()
        .map(|l| {
            let href = format!("/servicos/{}", l.id);
            view! {
                <li class="item">
                    <p class="item-title"><a href=href>{l.name}</a></p>
                    <p>{l.organization}</p>
                    {l.raesp.then(|| view! { <p class="tag">"Rede parceira (RAESP)"</p> })}
                    <p>{l.area}</p>
                    <p>{l.address}</p>
                    {l.distance.map(|d| view! { <p class="distance"><strong>{format!("A {d} de você")}</strong></p> })}
                    <p class=if l.open_now { "open-now" } else { "closed-now" }>{l.open_text}</p>
                    <Reach phone=l.phone directions=l.directions/>
                </li>
            }
        })
        .collect_view();
    let prev = (page > 1).then(|| query.href(page - 1, true));
    let next = (page < pages).then(|| query.href(page + 1, true));
    let errors = FieldErrors::default();
    view! {
        <h1>"Serviços e rede de apoio"</h1>
        <p>"Documentos, saúde, comida, moradia, estudo, trabalho e ajuda jurídica, perto de você. Não precisa de conta."</p>
        <form method="get" action="/servicos" class="stack search" role="search" data-perto-form>
            <input type="hidden" name="lat" value=query.lat.clone()/>
            <input type="hidden" name="lon" value=query.lon.clone()/>
            <SelectField name="area" label="Do que você precisa?" options=areas selected=query.area.clone() errors=errors.clone() empty_label="Todas as áreas"/>
            <SelectField name="cidade" label="Cidade" options=cities selected=query.cidade.clone() errors=errors.clone() empty_label="Todas"/>
            <SelectField name="para" label="Para quem" options=for_whom selected=query.para.clone() errors=errors.clone() empty_label="Para todas as pessoas"/>
            <SelectField name="tipo" label="Tipo de serviço" options=kinds selected=query.tipo.clone() errors=errors.clone() empty_label="Todos os tipos"/>
            <TextField name="q" label="Nome do lugar ou serviço (opcional)" value=query.q.clone() errors=errors input_type="search" maxlength=100/>
            <button type="submit" class="primary">"Buscar serviços"</button>
            <button type="button" class="secondary" data-perto hidden>
                <IconSvg icon=Icon::Place/>
                <span>"Usar minha localização"</span>
            </button>
            <p class="field-error" data-perto-erro role="status" hidden>"Não foi possível saber onde você está. Escolha a cidade."</p>
        </form>
        <p role="status" class="result-count">{summary}</p>
        <p class="muted">{order}</p>
        {by_distance.then(|| view! { <p><a href=without_position>"Não usar minha localização"</a></p> })}
        <ul class="items">{items}</ul>
        <Pager page pages prev next/>
    }
}

#[derive(Clone, Debug)]
pub struct PlaceView {
    pub name: String,
    pub address: String,
    pub postal_code: String,
    pub open_text: String,
    pub hours: Vec<String>,
    pub phones: Vec<PhoneLink>,
    pub directions: String,
}

#[derive(Clone, Debug)]
pub struct ServiceDetailView {
    pub id: i32,
    pub name: String,
    pub organization: String,
    pub raesp: bool,
    pub area: &'static str,
    /// "CRAS", "Defensoria Pública": the kinds people ask for by name.
    pub kinds: Vec<String>,
    /// "Mulheres", "Pessoas idosas": whom the service is for (empty: everyone).
    pub for_whom: Vec<String>,
    pub description: String,
    pub places: Vec<PlaceView>,
    pub report: String,
    pub report_errors: FieldErrors,
    pub reported: bool,
}

#[component]
pub fn ServicePage(view: ServiceDetailView) -> impl IntoView {
    let ServiceDetailView {
        id,
        name,
        organization,
        raesp,
        area,
        kinds,
        for_whom,
        description,
        places,
        report,
        report_errors,
        reported,
    } = view;
    let action = format!("/servicos/{id}/informar-erro");
    let open_report = !report_errors.is_empty();
    let places = places
        .into_iter()
        .map(|p| {
            let hours = p
                .hours
                .into_iter()
                .map(|h| view! { <li>{h}</li> })
                .collect_view();
            let first_phone = p.phones.first().cloned();
            let others = p
                .phones
                .into_iter()
                .skip(1)
                .map(|ph| view! { <p><a href=ph.href>{ph.text}</a></p> })
                .collect_view();
            view! {
                <section class="place">
                    <h2>{p.name}</h2>
                    <p>{p.address}</p>
                    <p class="muted">{format!("CEP {}", p.postal_code)}</p>
                    <p><strong>{p.open_text}</strong></p>
                    <h3>"Horário"</h3>
                    <ul class="hours">{hours}</ul>
                    <Reach phone=first_phone directions=p.directions/>
                    {others}
                </section>
            }
        })
        .collect_view();
    view! {
        <p><a href="/servicos">"← Voltar para os serviços"</a></p>
        <h1>{name}</h1>
        <p class="lead">{organization}</p>
        {raesp.then(|| view! { <p class="tag">"Rede parceira (RAESP)"</p> })}
        <p>{area}</p>
        {(!kinds.is_empty()).then(|| view! { <p><strong>"Tipo: "</strong>{kinds.join(", ")}</p> })}
        {(!for_whom.is_empty()).then(|| view! { <p><strong>"Para quem: "</strong>{for_whom.join(", ")}</p> })}
        <p class="prose">{description}</p>
        {places}
        <h2>"Alguma informação está errada?"</h2>
        {reported.then(|| view! { <p class="notice" role="status">"Obrigado! A equipe vai conferir a informação."</p> })}
        <details class="filters" open=open_report>
            <summary>"Informar erro"</summary>
            <ErrorSummary errors=report_errors.clone() general=None/>
            <form method="post" action=action class="stack" novalidate>
                <TextArea name="mensagem" label="O que está errado?" hint="Exemplo: o telefone mudou, o endereço é outro, fecha mais cedo. Não escreva dados pessoais." value=report errors=report_errors maxlength=1000/>
                <button type="submit" class="secondary">"Enviar"</button>
            </form>
        </details>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{
        PhoneLink, PlaceView, ServiceDetailView, ServiceLine, ServicePage, ServiceQuery,
        ServicesPage, directions_href,
    };
    use crate::domain::FieldErrors;
    use crate::domain::services::{self as rules, OpenState};
    use crate::server::actor::{Actor, MaybeActor};
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::{mark_public_offline, page};
    use crate::server::services::directory::network::CreateError;
    use crate::server::services::directory::service_directory::{
        self as directory, Filters, PAGE_SIZE,
    };
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    pub async fn list(
        State(state): State<AppState>,
        MaybeActor(actor): MaybeActor,
        Query(query): Query<ServiceQuery>,
    ) -> Result<Response, WebError> {
        let filters = Filters::parse(&query);
        let now = crate::server::now();
        let (found, total) = directory::search(&state.db, &filters, now).await?;
        let cities = match state.public.service_cities.get(&()) {
            Some(c) => c,
            None => state
                .public
                .service_cities
                .insert((), directory::cities(&state.db).await?),
        };
        let cities = cities.as_ref().clone();
        let lines = found
            .into_iter()
            .map(|l| ServiceLine {
                id: l.service_id,
                name: l.name,
                organization: l.organization,
                raesp: l.raesp,
                area: rules::area_label(&l.area),
                address: l.address,
                distance: l.distance_km.map(rules::distance_text),
                open_now: matches!(l.open, OpenState::OpenUntil(_)),
                open_text: rules::open_state_text(&l.open),
                phone: l.phone.as_deref().map(PhoneLink::new),
                directions: directions_href(l.latitude, l.longitude),
            })
            .collect();
        let pages = total.min(super::COUNTED_UP_TO).div_ceil(PAGE_SIZE).max(1) as u64;
        let page_no = filters.page as u64;
        let by_distance = filters.position.is_some();
        Ok(page(
            &state,
            StatusCode::OK,
            "Serviços e rede de apoio",
            actor.map(|a| a.viewer()),
            move || view! { <ServicesPage query lines total page=page_no pages cities by_distance/> },
        ))
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        enviado: String,
    }

    pub async fn show(
        State(state): State<AppState>,
        MaybeActor(actor): MaybeActor,
        Path(id): Path<i32>,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let anonymous = actor.is_none();
        let reported = !q.enviado.is_empty();
        let mut response = render(
            &state,
            actor,
            id,
            StatusCode::OK,
            String::new(),
            FieldErrors::default(),
            reported,
        )
        .await?;
        if anonymous && !reported {
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
        report: String,
        report_errors: FieldErrors,
        reported: bool,
    ) -> Result<Response, WebError> {
        let d = directory::public_service(&state.db, id).await?;
        let now = crate::server::now();
        let places = d
            .locations
            .into_iter()
            .map(|l| PlaceView {
                open_text: rules::open_state_text(&rules::open_state(&l.openings, now)),
                hours: if l.openings.is_empty() {
                    vec!["Horário não informado. Ligue antes de ir.".to_string()]
                } else {
                    rules::describe_week(&l.openings)
                },
                phones: l.phones.iter().map(|p| PhoneLink::new(p)).collect(),
                directions: directions_href(l.place.latitude, l.place.longitude),
                address: directory::address_line(&l.place),
                postal_code: crate::domain::Cep::show(&l.place.postal_code),
                name: l.place.name,
            })
            .collect();
        let title = d.service.name.clone();
        let named = |taxonomy: &str| -> Vec<String> {
            d.attributes
                .iter()
                .filter(|(t, _)| t == taxonomy)
                .filter_map(|(t, c)| crate::domain::services_taxonomy::find(t, c))
                .map(|term| term.name.clone())
                .collect()
        };
        let kinds = named(crate::domain::services_taxonomy::KIND);
        let for_whom = named(crate::domain::services_taxonomy::FOR_WHOM);
        let view = ServiceDetailView {
            id,
            kinds,
            for_whom,
            name: d.service.name,
            organization: d.organization,
            raesp: d.raesp,
            area: rules::area_label(&d.service.area),
            description: d.service.description,
            places,
            report,
            report_errors,
            reported,
        };
        Ok(page(
            state,
            status,
            &title,
            actor.map(|a| a.viewer()),
            move || view! { <ServicePage view/> },
        ))
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct ReportForm {
        mensagem: String,
    }

    pub async fn report(
        State(state): State<AppState>,
        MaybeActor(actor): MaybeActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<ReportForm>,
    ) -> Result<Response, WebError> {
        match directory::report(&state.db, id, &form.mensagem).await {
            Ok(()) => Ok(Redirect::to(&format!("/servicos/{id}?enviado=1")).into_response()),
            Err(CreateError::Invalid(errors)) => {
                render(
                    &state,
                    actor,
                    id,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form.mensagem,
                    errors,
                    false,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }
}
