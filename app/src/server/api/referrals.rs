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

// Doc comments on API types and handlers become the published OpenAPI description, which
// partner developers read: they are in Portuguese.

/// Um encaminhamento como a organização que o recebe pode ver: nunca o CPF da pessoa, o caso
/// ou a passagem pela prisão; a demanda só quando a pessoa autorizou.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Encaminhamento {
    pub id: i32,
    /// O nome que a pessoa usa (o nome social, quando há).
    pub pessoa: String,
    /// O Escritório Social que fez o encaminhamento.
    pub unidade: String,
    pub servico: String,
    /// A área do serviço (`saude`, `trabalho`, …).
    pub area: String,
    /// Do que a pessoa precisa; `null` se ela não autorizou a organização a ver.
    pub demanda: Option<String>,
    /// Situação: solicitado, aceito, recusado, sem_vaga, sem_contato, em_atendimento,
    /// concluido ou cancelado.
    #[schema(example = "solicitado")]
    pub situacao: String,
    /// A situação, como as pessoas leem.
    #[schema(example = "Enviado, esperando resposta")]
    pub situacao_texto: String,
    /// A observação da última resposta (o motivo da recusa, o resultado ao concluir).
    pub observacao: Option<String>,
    #[schema(format = DateTime)]
    pub criado_em: String,
    #[schema(format = DateTime)]
    pub atualizado_em: String,
    /// As respostas que a organização pode dar agora (`situacao` de POST …/resposta).
    pub respostas_possiveis: Vec<String>,
    /// Cada mudança, da mais antiga à mais nova (só ao pedir um encaminhamento).
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
    /// Quem respondeu (o nome de uma pessoa ou de uma integração).
    pub quem: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ListaEncaminhamentos {
    pub itens: Vec<Encaminhamento>,
    /// Quantos encaminhamentos a organização recebeu ao todo.
    pub total: u64,
    pub pagina: u64,
    pub por_pagina: u64,
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct Resposta {
    /// Uma das `respostas_possiveis`: aceito, recusado, sem_vaga, sem_contato,
    /// em_atendimento ou concluido.
    #[schema(example = "aceito")]
    pub situacao: String,
    /// Obrigatória (3 caracteres ou mais) para `recusado` (o motivo) e `concluido` (como
    /// terminou).
    #[serde(default)]
    pub observacao: String,
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Pagina {
    /// Número da página, a partir de 1; 50 encaminhamentos por página, os mudados por último primeiro.
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

/// Os encaminhamentos enviados a esta organização.
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

/// Um encaminhamento enviado a esta organização, com o histórico.
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

/// Responde a um encaminhamento: aceito, recusado (com o motivo), sem vaga, sem contato, em
/// atendimento ou concluído (com o resultado). A pessoa e o Escritório Social veem na hora,
/// como quando a resposta é dada na página da organização.
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
    super::Body(body): super::Body<Resposta>,
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
