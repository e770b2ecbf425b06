//! Each role's home: who you are, where you belong, and the role's menu as big links.

use crate::components::{IconSvg, menu_for};
use crate::domain::Role;
use leptos::prelude::*;

/// The role's menu (minus "Início") as large tappable cards.
#[component]
pub fn MenuCards(role: Role) -> impl IntoView {
    let cards = menu_for(role)
        .into_iter()
        .filter(|item| item.href != role.home_path())
        .map(|item| {
            view! {
                <li>
                    <a class="card-link" href=item.href>
                        <IconSvg icon=item.icon/>
                        <span>{item.label}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="cards">{cards}</ul> }
}

#[component]
pub fn HomePage(
    role: Role,
    heading: String,
    lines: Vec<String>,
    /// Something waiting for the person: (what, link).
    #[prop(optional)]
    waiting: Option<(String, String)>,
) -> impl IntoView {
    let lines = lines
        .into_iter()
        .map(|l| view! { <p>{l}</p> })
        .collect_view();
    view! {
        <h1>{heading}</h1>
        {lines}
        {waiting.map(|(text, href)| view! { <p class="notice"><a href=href>{text}</a></p> })}
        <MenuCards role=role/>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::HomePage;
    use crate::domain::Cnpj;
    use crate::pages::caseload::StaffHomePage;
    use crate::server::actor::{AdminActor, CompanyActor, EgressoActor, PartnerActor, StaffActor};
    use crate::server::error::WebError;
    use crate::server::render::page;
    use crate::server::services::{access::accounts, jobs::companies};
    use crate::server::state::AppState;
    use axum::extract::State;
    use axum::response::Response;
    use http::StatusCode;
    use leptos::prelude::*;

    fn home(
        state: &AppState,
        actor: &crate::server::actor::Actor,
        heading: String,
        lines: Vec<String>,
    ) -> Response {
        home_with(state, actor, heading, lines, None)
    }

    fn home_with(
        state: &AppState,
        actor: &crate::server::actor::Actor,
        heading: String,
        lines: Vec<String>,
        waiting: Option<(String, String)>,
    ) -> Response {
        let role = actor.role();
        page(
            state,
            StatusCode::OK,
            "Início",
            Some(actor.viewer()),
            move || match waiting {
                Some(waiting) => view! { <HomePage role heading lines waiting/> }.into_any(),
                None => view! { <HomePage role heading lines/> }.into_any(),
            },
        )
    }

    pub async fn egresso(
        State(state): State<AppState>,
        me: EgressoActor,
    ) -> Result<Response, WebError> {
        let data = accounts::my_data(&state.db, &me).await?;
        let first = data
            .social_name
            .as_deref()
            .unwrap_or(&data.full_name)
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        let check_in =
            crate::server::services::jobs::check_in_answers::open_check_ins(&state.db, &me)
                .await?
                .iter()
                .any(|c| c.answered.is_none());
        Ok(home_with(
            &state,
            &me.actor,
            format!("Olá, {first}"),
            vec![
                format!("Sua unidade: {}.", data.unit_name),
                "Aqui você vê e confere seus dados.".to_string(),
            ],
            check_in.then(|| {
                (
                    "A equipe quer saber: como está o seu trabalho? Toque para responder."
                        .to_string(),
                    "/inicio/trabalho".to_string(),
                )
            }),
        ))
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct StaffHomeQuery {
        pagina: String,
    }

    pub async fn staff(
        State(state): State<AppState>,
        me: StaffActor,
        axum::extract::Query(q): axum::extract::Query<StaffHomeQuery>,
    ) -> Result<Response, WebError> {
        let page_no = crate::domain::form::page_number(&q.pagina);
        let unit = accounts::staff_unit(&state.db, &me).await?;
        let label = if me.coordinator {
            "Coordenação"
        } else {
            "Equipe técnica"
        };
        let caseload =
            crate::server::services::case::caseload::caseload(&state.db, &me, page_no).await?;
        let role = me.actor.role();
        let heading = unit.name.clone();
        let line = format!("{label} · {} ({})", unit.name, unit.uf);
        Ok(page(
            &state,
            StatusCode::OK,
            "Início",
            Some(me.actor.viewer()),
            move || view! { <StaffHomePage role heading line caseload/> },
        ))
    }

    pub async fn company(
        State(state): State<AppState>,
        me: CompanyActor,
    ) -> Result<Response, WebError> {
        let org = accounts::company_organization(&state.db, &me).await?;
        let cnpj = org
            .cnpj
            .as_deref()
            .and_then(|c| Cnpj::parse(c).ok())
            .map(|c| c.formatted())
            .unwrap_or_default();
        let mut lines = vec![format!("Empresa parceira · CNPJ {cnpj}")];
        match org.status.as_str() {
            companies::PENDING => lines.push(
                "Cadastro em análise pelo Escritório Social. Você poderá publicar vagas quando for aprovado.".to_string(),
            ),
            companies::REFUSED => lines.push(format!(
                "Cadastro não aprovado. Motivo: {}",
                org.decision_note.clone().unwrap_or_default()
            )),
            _ => {}
        }
        Ok(home(&state, &me.actor, org.name.clone(), lines))
    }

    pub async fn partner(
        State(state): State<AppState>,
        me: PartnerActor,
    ) -> Result<Response, WebError> {
        let org = accounts::partner_organization(&state.db, &me).await?;
        Ok(home(
            &state,
            &me.actor,
            org.name.clone(),
            vec!["Organização parceira da rede (RAESP)".to_string()],
        ))
    }

    pub async fn admin(State(state): State<AppState>, me: AdminActor) -> Response {
        home(
            &state,
            &me.actor,
            "Administração".to_string(),
            vec![
                "Crie contas, gere códigos de senha e cadastre unidades e organizações."
                    .to_string(),
            ],
        )
    }
}
