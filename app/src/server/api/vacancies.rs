//! A company's vacancies and candidates over the API: the same scoped service as its pages
//! (`/empresa/vagas`), and only `CandidateProfile`, which has no field for anything criminal
//! or sensitive (TST Tema 1; LEP art. 202; LGPD art. 11). Each profile read is logged in the
//! person's "Quem viu meus dados".

use super::Caller;
use super::error::{ApiError, Erro};
use crate::domain::{dates, jobs, pipeline};
use crate::server::actor::CompanyActor;
use crate::server::services::jobs::hiring::{self, CandidateProfile, CompanyVacancy};
use crate::server::state::AppState;
use axum::Json;
use axum::extract::{Path, State};

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Vaga {
    pub id: i32,
    pub titulo: String,
    /// Código da ocupação na CBO 2002.
    pub cbo: String,
    pub cidade: String,
    pub uf: String,
    /// aberta, pausada (fora da página de vagas) ou encerrada.
    #[schema(example = "aberta")]
    pub situacao: String,
    /// Reservada para a cota legal de pessoas egressas (Decreto 9.450/2018).
    pub cota_legal: bool,
    #[schema(format = DateTime)]
    pub publicada_em: String,
    #[schema(format = DateTime)]
    pub encerra_em: String,
    /// Candidaturas de que as pessoas não desistiram.
    pub candidaturas: u64,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ListaVagas {
    pub itens: Vec<Vaga>,
}

// Doc comments on API types and handlers become the published OpenAPI description: in
// Portuguese.

/// O perfil profissional de quem se candidatou: o que a pessoa escolheu mostrar, e nada mais.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Candidatura {
    pub id: i32,
    pub nome: String,
    /// Como as pessoas leem ("Ensino médio completo").
    pub escolaridade: String,
    pub habilidades: String,
    pub experiencia: String,
    pub cursos: String,
    pub disponibilidade: String,
    /// WhatsApp, Ligação ou E-mail.
    pub preferencia_contato: String,
    pub telefone: Option<String>,
    pub email: Option<String>,
    #[schema(format = DateTime)]
    pub candidatou_em: String,
    /// enviada, em_analise, entrevista, contratada ou nao_selecionada.
    #[schema(example = "enviada")]
    pub situacao: String,
    #[schema(example = "Recebida")]
    pub situacao_texto: String,
    /// A pessoa pediu vaga de cota e o Escritório Social confirmou que ela pode ocupar uma.
    /// Nunca o motivo.
    pub cota_legal_confirmada: bool,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ListaCandidaturas {
    pub itens: Vec<Candidatura>,
}

fn vaga(cv: CompanyVacancy, now: i64) -> Vaga {
    let situacao = match cv.mode(now) {
        "open" => "aberta",
        "paused" => "pausada",
        _ => "encerrada",
    };
    let v = cv.vacancy;
    Vaga {
        id: v.id,
        titulo: v.title,
        cbo: v.cbo_code,
        cidade: v.city,
        uf: v.uf,
        situacao: situacao.to_string(),
        cota_legal: v.quota,
        publicada_em: dates::iso_datetime_utc(v.posted_at),
        encerra_em: dates::iso_datetime_utc(v.closes_at),
        candidaturas: cv.candidates,
    }
}

fn candidatura(p: CandidateProfile) -> Candidatura {
    Candidatura {
        id: p.application_id,
        nome: p.name,
        escolaridade: jobs::label(&jobs::SCHOOLING, &p.schooling).to_string(),
        habilidades: p.skills,
        experiencia: p.experience,
        cursos: p.courses,
        disponibilidade: p.availability,
        preferencia_contato: jobs::label(&jobs::CONTACT_PREFERENCES, &p.contact_preference)
            .to_string(),
        telefone: p.phone,
        email: p.email,
        candidatou_em: dates::iso_datetime_utc(p.applied_at),
        situacao_texto: jobs::label(&pipeline::COMPANY_LABELS, &p.status).to_string(),
        situacao: p.status,
        cota_legal_confirmada: p.quota_eligible,
    }
}

/// As vagas da empresa, das mais novas às mais antigas.
#[utoipa::path(
    get,
    path = "/api/v1/vagas",
    tag = "vagas",
    responses(
        (status = 200, description = "As vagas da empresa", body = ListaVagas),
        (status = 401, description = "Sem chave válida", body = Erro),
        (status = 403, description = "Chave de organização parceira: sem acesso a vagas", body = Erro),
        (status = 429, description = "Limite de pedidos por minuto atingido", body = Erro),
    ),
    security(("chave" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    Caller(me): Caller<CompanyActor>,
) -> Result<Json<ListaVagas>, ApiError> {
    let now = crate::server::now();
    let itens = hiring::company_vacancies(&state.db, &me)
        .await?
        .into_iter()
        .map(|cv| vaga(cv, now))
        .collect();
    Ok(Json(ListaVagas { itens }))
}

/// Quem se candidatou a uma vaga da empresa, da candidatura mais antiga à mais nova.
#[utoipa::path(
    get,
    path = "/api/v1/vagas/{id}/candidaturas",
    tag = "vagas",
    params(("id" = i32, Path, description = "O número da vaga")),
    responses(
        (status = 200, description = "Os perfis profissionais de quem se candidatou", body = ListaCandidaturas),
        (status = 401, description = "Sem chave válida", body = Erro),
        (status = 403, description = "Chave de organização parceira", body = Erro),
        (status = 404, description = "A vaga não existe, ou é de outra empresa", body = Erro),
        (status = 429, description = "Limite de pedidos por minuto atingido", body = Erro),
    ),
    security(("chave" = []))
)]
pub async fn candidates(
    State(state): State<AppState>,
    Caller(me): Caller<CompanyActor>,
    Path(id): Path<i32>,
) -> Result<Json<ListaCandidaturas>, ApiError> {
    let itens = hiring::candidates(&state.db, &me, id)
        .await?
        .into_iter()
        .map(candidatura)
        .collect();
    Ok(Json(ListaCandidaturas { itens }))
}
