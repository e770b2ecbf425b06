//! "Meus dispositivos" (`/conta/dispositivos`): the devices that receive my notices, each
//! removable; and the switch that turns notices on for this device (people on "Minha agenda",
//! staff for referral and candidacy news). The switch needs JavaScript (`/avisos.js`): the
//! browser asks permission only after two taps — the button, then "Continuar" after a short
//! explanation — never on page load.

use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct DeviceLine {
    pub id: i32,
    pub label: String,
    pub since: String,
    pub last_sent: Option<String>,
}

/// The "turn notices on here" box. `what` says what will arrive, in plain words.
#[component]
pub fn PushSwitch(vapid_key: String, what: String) -> impl IntoView {
    view! {
        <section class="card stack" data-avisos data-chave=vapid_key aria-labelledby="avisos-titulo">
            <h2 id="avisos-titulo">"Avisos neste aparelho"</h2>
            <p>{what}</p>
            <p>"O aviso não diz o assunto. Diz só, por exemplo: “Você tem um compromisso amanhã às 14h. Toque para ver.”"</p>
            <p data-avisos-sem-js>"Para ligar os avisos, abra esta página no navegador do celular (Chrome, Firefox ou Samsung Internet)."</p>
            <p data-avisos-ios hidden>
                "No iPhone, os avisos só funcionam com o app na Tela de Início. Toque em Compartilhar, depois em “Adicionar à Tela de Início”. Abra o app pelo ícone e volte a esta página."
            </p>
            <button type="button" class="primary" data-avisos-ligar hidden>
                <span aria-hidden="true">"🔔 "</span>"Ligar avisos neste aparelho"
            </button>
            <div class="stack" data-avisos-explica hidden tabindex="-1">
                <p><strong>"Agora o celular vai perguntar se pode mostrar notificações. Toque em “Permitir”."</strong></p>
                <p>"Você pode desligar quando quiser, em “Meus dispositivos”."</p>
                <div class="actions">
                    <button type="button" class="primary" data-avisos-continuar>"Continuar"</button>
                    <button type="button" class="secondary" data-avisos-cancelar>"Agora não"</button>
                </div>
            </div>
            <p data-avisos-estado role="status" aria-live="polite"></p>
            <p><a href="/conta/dispositivos">"Meus dispositivos"</a></p>
        </section>
    }
}

#[component]
pub fn DevicesPage(
    devices: Vec<DeviceLine>,
    vapid_key: String,
    what: String,
    notice: Option<&'static str>,
) -> impl IntoView {
    let empty = devices.is_empty();
    let items = devices
        .into_iter()
        .map(|d| {
            let action = format!("/conta/dispositivos/{}/remover", d.id);
            let label = format!("Remover {}", d.label);
            view! {
                <li class="item">
                    <p class="item-title">{d.label}</p>
                    <p>{format!("Ligado em {}", d.since)}</p>
                    <p>{d.last_sent.map_or_else(|| "Ainda não recebeu avisos.".to_string(), |t| format!("Último aviso: {t}"))}</p>
                    <form method="post" action=action>
                        <button type="submit" class="secondary" aria-label=label>"Remover"</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Meus dispositivos"</h1>
        <p>"Aparelhos que recebem seus avisos. Remova um aparelho que você não usa mais ou que outra pessoa usa."</p>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {empty.then(|| view! { <p>"Nenhum aparelho recebe avisos."</p> })}
        <ul class="items">{items}</ul>
        <PushSwitch vapid_key what/>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{DeviceLine, DevicesPage};
    use crate::domain::{dates, reminders};
    use crate::server::actor::{Actor, NoticeReceiverActor, Scope};
    use crate::server::error::WebError;
    use crate::server::now;
    use crate::server::render::page;
    use crate::server::services::notify::push::{self, SubscribeError, SubscriptionJson};
    use crate::server::state::AppState;
    use axum::Json;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::{HeaderMap, StatusCode};
    use leptos::prelude::*;

    /// What arrives, for the switch's text.
    pub fn what_arrives(state: &AppState, actor: &Actor) -> String {
        match actor.scope {
            Scope::Staff { .. } => {
                "Receba um aviso quando um encaminhamento ou uma candidatura mudar.".into()
            }
            _ => format!(
                "Receba um aviso {} de cada compromisso, e quando um compromisso mudar.",
                reminders::describe(&state.push.reminder_offsets)
            ),
        }
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        removido: String,
    }

    pub async fn show(
        State(state): State<AppState>,
        NoticeReceiverActor { actor: me }: NoticeReceiverActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let devices = push::my_devices(&state.db, me.user_id)
            .await?
            .into_iter()
            .map(|d| DeviceLine {
                id: d.id,
                label: d.label,
                since: dates::br_date(d.created_at),
                last_sent: d.last_sent_at.map(dates::br_datetime),
            })
            .collect();
        let vapid_key = state.push.vapid_public_key.clone();
        let what = what_arrives(&state, &me);
        let notice =
            (!q.removido.is_empty()).then_some("Aparelho removido. Ele não recebe mais avisos.");
        Ok(page(
            &state,
            StatusCode::OK,
            "Meus dispositivos",
            Some(me.viewer()),
            move || view! { <DevicesPage devices vapid_key what notice/> },
        ))
    }

    /// `POST /conta/dispositivos` with the browser's subscription as JSON (from `/avisos.js`).
    pub async fn subscribe(
        State(state): State<AppState>,
        NoticeReceiverActor { actor: me }: NoticeReceiverActor,
        headers: HeaderMap,
        body: Result<Json<SubscriptionJson>, axum::extract::rejection::JsonRejection>,
    ) -> Result<Response, WebError> {
        let Ok(Json(sub)) = body else {
            return Ok(answer(
                StatusCode::BAD_REQUEST,
                "Não entendemos o pedido. Tente de novo.",
            ));
        };
        let user_agent = headers
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        match push::subscribe(&state.db, &state.push, me.user_id, &sub, user_agent, now()).await {
            Ok(_) => Ok(answer(
                StatusCode::CREATED,
                "Pronto. Este aparelho vai receber os avisos.",
            )),
            Err(SubscribeError::Invalid(message)) => {
                Ok(answer(StatusCode::UNPROCESSABLE_ENTITY, message))
            }
            Err(SubscribeError::Internal(e)) => Err(e),
        }
    }

    fn answer(status: StatusCode, message: &str) -> Response {
        let mut r = (
            status,
            [(http::header::CACHE_CONTROL, "no-store")],
            Json(serde_json::json!({ "mensagem": message })),
        )
            .into_response();
        // A JSON answer for the script, not a page: the error-page layer leaves it alone.
        r.extensions_mut()
            .insert(crate::server::render::RenderedPage);
        r
    }

    pub async fn remove(
        State(state): State<AppState>,
        NoticeReceiverActor { actor: me }: NoticeReceiverActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        push::remove_device(&state.db, me.user_id, id).await?;
        Ok(Redirect::to("/conta/dispositivos?removido=1").into_response())
    }
}
