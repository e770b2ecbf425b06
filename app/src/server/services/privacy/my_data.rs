//! A person's rights over their data (LGPD art. 18): see it, take it away as a file, see who
//! accessed it, see and withdraw consents, ask for deletion. Scoped to the `EgressoActor`.

use crate::domain::Role;
use crate::server::BeginWrite;
use crate::server::actor::EgressoActor;
use crate::server::entities::{
    application, audit_log, consent, data_request, organization, person, professional_profile,
    saved_vacancy, unit, user_account, vacancy,
};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use std::collections::HashMap;

pub struct ConsentState {
    pub purpose: String,
    pub target_id: Option<i32>,
    pub target_name: String,
    pub granted: bool,
    pub since: i64,
}

/// The current state of each consent (the latest ledger row per purpose and target).
pub async fn consents(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<Vec<ConsentState>, WebError> {
    let rows = consent::Entity::find()
        .filter(consent::Column::PersonId.eq(me.person_id))
        .order_by_asc(consent::Column::Id)
        .all(db)
        .await?;
    let mut latest: Vec<consent::Model> = Vec::new();
    for row in rows {
        match latest
            .iter_mut()
            .find(|l| l.purpose == row.purpose && l.target_id == row.target_id)
        {
            Some(slot) => *slot = row,
            None => latest.push(row),
        }
    }
    let org_ids: Vec<i32> = latest.iter().filter_map(|c| c.target_id).collect();
    let names: HashMap<i32, String> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(latest
        .into_iter()
        .map(|c| ConsentState {
            target_name: c
                .target_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            purpose: c.purpose,
            target_id: c.target_id,
            granted: c.granted,
            since: c.recorded_at,
        })
        .collect())
}

/// Withdraws the consent to share the profile with one company: recorded in the ledger, and
/// the person's candidaturas there end, so the company stops seeing the profile at once.
pub async fn revoke_profile_sharing(
    db: &DatabaseConnection,
    me: &EgressoActor,
    organization_id: i32,
) -> Result<(), WebError> {
    let now = now();
    let txn = db.begin_write().await?;
    crate::server::services::jobs::applications::record_consent(&txn, me, organization_id, false)
        .await?;
    let vacancy_ids: Vec<i32> = vacancy::Entity::find()
        .filter(vacancy::Column::OrganizationId.eq(organization_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|v| v.id)
        .collect();
    application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value("desistiu"))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::PersonId.eq(me.person_id))
        .filter(application::Column::VacancyId.is_in(vacancy_ids))
        .filter(application::Column::Status.ne("desistiu"))
        .exec(&txn)
        .await?;
    audit::record(&txn, Entry::own_record(me, "consent_revoked")).await?;
    txn.commit().await?;
    Ok(())
}

pub struct AccessLine {
    pub at: i64,
    pub who: String,
    pub what: &'static str,
}

fn describe(action: &str) -> &'static str {
    match action {
        "profile_viewed_by_company" => "viu seu perfil profissional",
        "application_status_changed" => "mudou a situação da sua candidatura",
        "account_created" => "criou seu acesso",
        "password_code_issued" => "gerou um código de senha para você",
        "enrolment_viewed_by_provider" => "viu seu pedido de inscrição em curso",
        "enrolment_answered_by_provider" => "respondeu seu pedido de inscrição em curso",
        "enrolment_viewed_by_staff" => "viu seus pedidos de inscrição em cursos",
        "referral_created" => "encaminhou você para um serviço",
        "person_registered" => "cadastrou você na unidade",
        "appointment_created" => "marcou um atendimento com você",
        "appointment_cancelled" => "desmarcou um atendimento seu",
        "appointment_moved" => "remarcou um atendimento seu",
        "appointment_viewed_by_staff" => "viu sua agenda",
        "person_record_viewed" => "viu seu cadastro",
        "person_listed" => "encontrou você numa busca da equipe",
        "referral_consent_override" => "enviou seu caso sem sua autorização, com justificativa",
        "referral_viewed_by_staff" => "viu seus encaminhamentos",
        "referral_viewed_by_partner" => "viu seu encaminhamento",
        "referral_status_changed" => "registrou uma resposta ao seu encaminhamento",
        "interview_viewed" => "viu sua entrevista de acolhimento",
        "interview_saved" => "registrou parte da sua entrevista de acolhimento",
        "documents_saved" => "atualizou a lista dos seus documentos",
        "release_recorded" => "registrou sua saída da prisão",
        "follow_up_viewed" => "viu o registro dos seus atendimentos",
        "follow_up_recorded" => "registrou um atendimento com você",
        "caseload_listed" => "viu seu nome no painel da equipe",
        "reference_changed" => "mudou a técnica de referência do seu atendimento",
        "stigma_viewed" => "viu os registros de preconceito que você sofreu",
        "stigma_recorded" => "registrou um episódio de preconceito que você sofreu",
        "employment_viewed" => "viu seus registros de trabalho",
        "hire_recorded" => "registrou sua contratação",
        "hire_confirmed" => "confirmou sua contratação",
        "quota_eligibility_confirmed" => "confirmou que você pode ocupar vaga de cota legal",
        "quota_eligibility_withdrawn" => "retirou a confirmação de vaga de cota legal",
        "quota_list_viewed" => "pôs seu nome na lista mensal do contrato com cota",
        "hire_not_confirmed" => "não confirmou uma contratação registrada pela empresa",
        "check_in_recorded" => "registrou uma conversa sobre seu trabalho",
        "plan_viewed" => "viu seu plano",
        "plan_saved" => "salvou uma nova versão do seu plano",
        "plan_history_viewed" => "viu o histórico do seu plano",
        _ => "acessou seus dados",
    }
}

/// Who else looked at or changed this person's records, newest first.
pub async fn access_log(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<Vec<AccessLine>, WebError> {
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::SubjectKind.eq("person"))
        .filter(audit_log::Column::SubjectId.eq(me.person_id))
        .filter(audit_log::Column::ActorUserId.ne(me.actor.user_id))
        .order_by_desc(audit_log::Column::Id)
        .all(db)
        .await?;
    let actor_ids: Vec<i32> = rows.iter().filter_map(|r| r.actor_user_id).collect();
    let accounts: HashMap<i32, user_account::Model> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let org_ids: Vec<i32> = accounts
        .values()
        .filter_map(|a| a.organization_id)
        .collect();
    let orgs: HashMap<i32, String> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let who = match r.actor_user_id.and_then(|id| accounts.get(&id)) {
                Some(a) => match Role::parse(&a.role) {
                    Some(Role::Company) | Some(Role::Partner) => {
                        let org = a
                            .organization_id
                            .and_then(|o| orgs.get(&o).cloned())
                            .unwrap_or_default();
                        format!("{} ({org})", a.display_name)
                    }
                    Some(role) => format!("{} ({})", a.display_name, role.label()),
                    None => a.display_name.clone(),
                },
                None => "O sistema".to_string(),
            };
            AccessLine {
                at: r.at,
                who,
                what: describe(&r.action),
            }
        })
        .collect())
}

/// Everything the system holds about the person, as JSON (LGPD art. 18 II and V).
pub async fn export(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<serde_json::Value, WebError> {
    let person = person::Entity::find_by_id(me.person_id)
        .filter(person::Column::UnitId.eq(me.unit_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    let unit = unit::Entity::find_by_id(person.unit_id).one(db).await?;
    let account = user_account::Entity::find_by_id(me.actor.user_id)
        .one(db)
        .await?;
    let profile = professional_profile::Entity::find_by_id(me.person_id)
        .one(db)
        .await?;
    let applications = application::Entity::find()
        .filter(application::Column::PersonId.eq(me.person_id))
        .all(db)
        .await?;
    let vacancy_ids: Vec<i32> = applications.iter().map(|a| a.vacancy_id).collect();
    let titles: HashMap<i32, String> = vacancy::Entity::find()
        .filter(vacancy::Column::Id.is_in(vacancy_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.title))
        .collect();
    let saved = saved_vacancy::Entity::find()
        .filter(saved_vacancy::Column::PersonId.eq(me.person_id))
        .all(db)
        .await?;
    let consents = consent::Entity::find()
        .filter(consent::Column::PersonId.eq(me.person_id))
        .order_by_asc(consent::Column::Id)
        .all(db)
        .await?;
    let requests = data_request::Entity::find()
        .filter(data_request::Column::PersonId.eq(me.person_id))
        .all(db)
        .await?;
    let access = access_log(db, me).await?;
    let enrolments = crate::server::services::courses::export_enrolments(db, me).await?;
    let interview = crate::server::services::case::interview::export(db, me).await?;
    let plan = crate::server::services::case::plans::my_plan(db, me).await?;
    let contacts = crate::server::services::case::follow_ups::export(db, me).await?;
    let episodes = crate::server::services::case::stigma_episodes::export(db, me).await?;
    let jobs = crate::server::services::jobs::employment::export(db, me).await?;
    let referrals: Vec<serde_json::Value> =
        crate::server::services::case::referrals::my_referrals(db, me)
            .await?
            .into_iter()
            .map(|r| {
                json!({
                    "servico": r.service, "organizacao": r.organization, "demanda": r.demand,
                    "caso_compartilhado": r.shares_case, "situacao": r.status,
                    "observacao": r.status_note,
                    "enviado_em": crate::domain::dates::iso_date(r.created_at),
                })
            })
            .collect();
    Ok(json!({
        "gerado_em": crate::domain::dates::iso_date(now()),
        "pessoa": {
            "nome": person.full_name,
            "nome_social": person.social_name,
            "cpf": person.cpf,
            "situacao": person.status,
            "unidade": unit.map(|u| json!({ "nome": u.name, "uf": u.uf, "municipio_ibge": u.ibge_municipality })),
            "cadastrada_em": crate::domain::dates::iso_date(person.created_at),
        },
        "conta": account.map(|a| json!({ "nome": a.display_name, "email": a.email, "criada_em": crate::domain::dates::iso_date(a.created_at) })),
        "perfil_profissional": profile.map(|p| json!({
            "escolaridade": p.schooling, "habilidades": p.skills, "experiencia": p.experience,
            "cursos": p.courses, "disponibilidade": p.availability, "contato": p.contact_preference,
            "telefone": p.phone, "email": p.email,
        })),
        "candidaturas": applications.iter().map(|a| json!({
            "vaga": titles.get(&a.vacancy_id), "situacao": a.status,
            "enviada_em": crate::domain::dates::iso_date(a.created_at),
        })).collect::<Vec<_>>(),
        "inscricoes_em_cursos": enrolments,
        "encaminhamentos": referrals,
        "entrevista": interview,
        "atendimentos": contacts,
        "episodios_de_estigma": episodes,
        "trabalhos": jobs,
        "plano": (plan.version > 0).then(|| json!({ "versao": plan.version, "conteudo": plan.plan })),
        "vagas_salvas": saved.iter().map(|s| s.vacancy_id).collect::<Vec<_>>(),
        "autorizacoes": consents.iter().map(|c| json!({
            "finalidade": c.purpose, "organizacao": c.target_id, "autorizado": c.granted,
            "registrado_em": crate::domain::dates::iso_date(c.recorded_at),
        })).collect::<Vec<_>>(),
        "pedidos": requests.iter().map(|r| json!({ "tipo": r.kind, "situacao": r.status, "feito_em": crate::domain::dates::iso_date(r.created_at) })).collect::<Vec<_>>(),
        "quem_viu_meus_dados": access.iter().map(|l| json!({ "quando": crate::domain::dates::iso_date(l.at), "quem": l.who, "o_que": l.what })).collect::<Vec<_>>(),
    }))
}

/// Records a deletion request for staff (once; a second request while one is open is the same).
pub async fn request_deletion(db: &DatabaseConnection, me: &EgressoActor) -> Result<(), WebError> {
    if open_deletion_request(db, me).await?.is_some() {
        return Ok(());
    }
    let txn = db.begin_write().await?;
    data_request::ActiveModel {
        person_id: Set(me.person_id),
        kind: Set("deletion".into()),
        status: Set("open".into()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, Entry::own_record(me, "deletion_requested")).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn open_deletion_request(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<Option<i64>, WebError> {
    Ok(data_request::Entity::find()
        .filter(data_request::Column::PersonId.eq(me.person_id))
        .filter(data_request::Column::Kind.eq("deletion"))
        .filter(data_request::Column::Status.eq("open"))
        .one(db)
        .await?
        .map(|r| r.created_at))
}
