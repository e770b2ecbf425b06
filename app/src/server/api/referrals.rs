//! A RAESP partner's referrals over the API: the same scoped service as its page
//! (`/parceiro/encaminhamentos`), the same rules for answering, the same access log.

use super::Caller;
use super::error::{ApiError, Erro};
use crate::domain::{dates, referrals as rules};
use crate::pages::referrals::handlers::refusal_errors;
use crate::pages::referrals::offered_moves;
use crate::server::actor::PartnerActor;
use crate::server::services::case::referrals::{
    self as service, HistoryEntry, MoveError, Moving, ReferralView,
};
use crate::server::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};

/// A referral as the receiving organisation may see it: never the person's CPF, case or
/// history with the justice system; the demand only when the person allowed it.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Encaminhamento {
    pub id: i32,
    /// The name the person uses (social name when there is one).
    pub pessoa: String,
    /// The Escritório Social that made the referral.
    pub unidade: String,
    pub servico: String,
    /// The service's area (`saude`, `trabalho`, …).
    pub area: String,
    /// What the person needs; `null` unless the person allowed the organisation to see it.
    pub demanda: Option<String>,
    /// Where the referral stands: solicitado, aceito, recusado, sem_vaga, sem_contato,
    /// em_atendimento, concluido or cancelado.
    #[schema(example = "solicitado")]
    pub situacao: String,
    /// The same, as people read it.
    #[schema(example = "Enviado, esperando resposta")]
    pub situacao_texto: String,
    /// The note of the last answer (the reason for a refusal, the outcome when done).
    pub observacao: Option<String>,
    #[schema(format = DateTime)]
    pub criado_em: String,
    #[schema(format = DateTime)]
    pub atualizado_em: String,
    /// The answers this organisation may give now (`situacao` of POST …/resposta).
    pub respostas_possiveis: Vec<String>,
    /// Every change, oldest first (only when one referral is asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub historico: Option<Vec<Evento>>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Evento {
    #[schema(format = DateTime)]
    pub em: String,
    pub de: Option<String>,
    pub para: String,
    pub observacao: Option<String>,
    /// Who answered (a person's name or an integration's).
    pub quem: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ListaEncaminhamentos {
    pub itens: Vec<Encaminhamento>,
    /// How many referrals the organisation has received in all.
    pub total: u64,
    pub pagina: u64,
    pub por_pagina: u64,
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct Resposta {
    /// One of `respostas_possiveis`: aceito, recusado, sem_vaga, sem_contato,
    /// em_atendimento or concluido.
    #[schema(example = "aceito")]
    pub situacao: String,
    /// Required (3 characters or more) for `recusado` (the reason) and `concluido` (how it
    /// ended).
    #[serde(default)]
    pub observacao: String,
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Pagina {
    /// Page number, from 1; 50 referrals a page, the most recently changed first.
    pub pagina: Option<u64>,
}

fn event(h: HistoryEntry) -> Evento {
    Evento {
        em: dates::iso_datetime_utc(h.at),
        de: h.from,
        para: h.to,
        observacao: h.note,
        quem: h.who,
    }
}

fn encaminhamento(v: ReferralView, with_history: bool) -> Encaminhamento {
    Encaminhamento {
        respostas_possiveis: offered_moves(&v.status, false)
            .into_iter()
            .map(str::to_string)
            .collect(),
        situacao_texto: rules::label(&v.status).to_string(),
        id: v.id,
        pessoa: v.person,
        unidade: v.unit,
        servico: v.service,
        area: v.area,
        demanda: v.demand,
        situacao: v.status,
        observacao: v.status_note,
        criado_em: dates::iso_datetime_utc(v.created_at),
        atualizado_em: dates::iso_datetime_utc(v.updated_at),
        historico: with_history.then(|| v.history.into_iter().map(event).collect()),
    }
}

/// The referrals addressed to this organisation.
#[utoipa::path(
    get,
    path = "/api/v1/encaminhamentos",
    tag = "encaminhamentos",
    params(Pagina),
    responses(
        (status = 200, description = "Uma página de encaminhamentos", body = ListaEncaminhamentos),
        (status = 401, description = "Sem chave válida", body = Erro),
        (status = 403, description = "Chave de empresa: sem acesso a encaminhamentos", body = Erro),
        (status = 429, description = "Limite de pedidos por minuto atingido", body = Erro),
    ),
    security(("chave" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    Caller(me): Caller<PartnerActor>,
    Query(q): Query<Pagina>,
) -> Result<Json<ListaEncaminhamentos>, ApiError> {
    let page = q.pagina.unwrap_or(1).max(1);
    let (views, total) = service::partner_referrals(&state.db, &me, page).await?;
    Ok(Json(ListaEncaminhamentos {
        itens: views
            .into_iter()
            .map(|v| encaminhamento(v, false))
            .collect(),
        total,
        pagina: page,
        por_pagina: service::LIST_PAGE,
    }))
}

/// One referral addressed to this organisation, with its history.
#[utoipa::path(
    get,
    path = "/api/v1/encaminhamentos/{id}",
    tag = "encaminhamentos",
    params(("id" = i32, Path, description = "O número do encaminhamento")),
    responses(
        (status = 200, description = "O encaminhamento", body = Encaminhamento),
        (status = 401, description = "Sem chave válida", body = Erro),
        (status = 403, description = "Chave de empresa", body = Erro),
        (status = 404, description = "Não existe, ou foi enviado a outra organização", body = Erro),
        (status = 429, description = "Limite de pedidos por minuto atingido", body = Erro),
    ),
    security(("chave" = []))
)]
pub async fn show(
    State(state): State<AppState>,
    Caller(me): Caller<PartnerActor>,
    Path(id): Path<i32>,
) -> Result<Json<Encaminhamento>, ApiError> {
    let v = service::partner_referral(&state.db, &me, id).await?;
    Ok(Json(encaminhamento(v, true)))
}

/// Answers a referral: accepted, refused (with the reason), no place, could not contact, in
/// attendance, or done (with the outcome). The person and the Escritório Social see it at
/// once, as when answered on the organisation's page.
#[utoipa::path(
    post,
    path = "/api/v1/encaminhamentos/{id}/resposta",
    tag = "encaminhamentos",
    params(("id" = i32, Path, description = "O número do encaminhamento")),
    request_body = Resposta,
    responses(
        (status = 200, description = "Resposta registrada; o encaminhamento como ficou", body = Encaminhamento),
        (status = 401, description = "Sem chave válida", body = Erro),
        (status = 403, description = "Chave de empresa", body = Erro),
        (status = 404, description = "Não existe, ou foi enviado a outra organização", body = Erro),
        (status = 422, description = "Resposta recusada; o motivo em `campos`. Nada mudou.", body = Erro),
        (status = 429, description = "Limite de pedidos por minuto atingido", body = Erro),
    ),
    security(("chave" = []))
)]
pub async fn answer(
    State(state): State<AppState>,
    Caller(me): Caller<PartnerActor>,
    Path(id): Path<i32>,
    Json(body): Json<Resposta>,
) -> Result<Json<Encaminhamento>, ApiError> {
    match service::move_status(
        &state.db,
        Moving::Partner(&me),
        id,
        &body.situacao,
        &body.observacao,
    )
    .await
    {
        Ok(()) => {}
        Err(MoveError::Refused(e)) => return Err(ApiError::Invalid(refusal_errors(&e))),
        Err(MoveError::Web(e)) => return Err(e.into()),
    }
    let v = service::partner_referral(&state.db, &me, id).await?;
    Ok(Json(encaminhamento(v, true)))
}
