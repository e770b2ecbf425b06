//! Partner companies joining: self-registration (CNPJ, names, CNAE, contact, the first HR
//! account), the coordination's approval (nothing is published before it), and the company's
//! own HR accounts. Each company sees only its own organisation and people.

use crate::domain::jobs::parse_phone;
use crate::domain::password::check_new_password;
use crate::domain::{Cnpj, Email, FieldErrors, Role, cnae};
use crate::server::BeginWrite;
use crate::server::actor::{CompanyActor, StaffActor};
use crate::server::entities::{organization, user_account};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::access::accounts::{Created, issue_code_for_person};
use crate::server::services::access::passwords;
use crate::server::services::directory::network::CreateError;
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MemberForm {
    pub nome: String,
    pub email: String,
}

/// The registration form, as typed (passwords are never sent back).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SignupForm {
    pub cnpj: String,
    pub razao_social: String,
    pub nome_fantasia: String,
    pub cnae: String,
    pub nome: String,
    pub email: String,
    pub telefone: String,
    pub senha: String,
    pub confirmacao: String,
}

pub const PENDING: &str = "pendente";
pub const APPROVED: &str = "aprovada";
pub const REFUSED: &str = "recusada";

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn email_free(db: &DatabaseConnection, email: &Email) -> Result<bool, WebError> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .is_none())
}

/// A company registers itself and its first HR account. Everything is checked first (the
/// password is hashed only then); one transaction. The company waits for approval.
pub async fn register(db: &DatabaseConnection, form: &SignupForm) -> Result<(), CreateError> {
    let mut errors = FieldErrors::default();
    let cnpj = match Cnpj::parse(&form.cnpj) {
        Ok(c) => {
            let taken = organization::Entity::find()
                .filter(organization::Column::Cnpj.eq(c.as_str()))
                .one(db)
                .await?;
            if taken.is_some() {
                errors.add(
                    "cnpj",
                    "Esta empresa já tem cadastro. Peça a quem cuida do cadastro na empresa para criar seu acesso.",
                );
            }
            Some(c)
        }
        Err(e) => {
            errors.add("cnpj", e.to_string());
            None
        }
    };
    let legal_name = clean(&form.razao_social);
    if legal_name.chars().count() < 3 || legal_name.chars().count() > 200 {
        errors.add("razao_social", "Digite a razão social, como está no CNPJ.");
    }
    let trade_name = Some(clean(&form.nome_fantasia)).filter(|s| !s.is_empty());
    if trade_name.as_ref().is_some_and(|t| t.chars().count() > 200) {
        errors.add("nome_fantasia", "Escreva no máximo 200 caracteres.");
    }
    let cnae_code = match form.cnae.trim() {
        "" => None,
        c => cnae::parse(c).or_else(|| {
            errors.add(
                "cnae",
                "O CNAE tem 7 números. Exemplo: 5611-2/01. Se não souber, deixe em branco.",
            );
            None
        }),
    };
    let contact = clean(&form.nome);
    if contact.chars().count() < 2 || contact.chars().count() > 200 {
        errors.add("nome", "Digite seu nome.");
    }
    let email = match Email::parse(&form.email) {
        Ok(e) => {
            if !email_free(db, &e).await? {
                errors.add(
                    "email",
                    "Já existe uma conta com este e-mail. Entre com ele.",
                );
            }
            Some(e)
        }
        Err(e) => {
            errors.add("email", e.to_string());
            None
        }
    };
    let phone = parse_phone(&form.telefone);
    if phone.is_none() {
        errors.add(
            "telefone",
            "Digite o telefone com DDD. Exemplo: (61) 3333-4444",
        );
    }
    if let Err(e) = check_new_password(&form.senha, &form.confirmacao) {
        errors.add("senha", e.to_string());
    }
    let (Some(cnpj), Some(email), Some(phone), true) = (cnpj, email, phone, errors.is_empty())
    else {
        return Err(CreateError::Invalid(errors));
    };
    let hash = passwords::hash(form.senha.clone())
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let now = now();
    let txn = db.begin_write().await?;
    let org = organization::ActiveModel {
        kind: Set("company".into()),
        name: Set(legal_name),
        cnpj: Set(Some(cnpj.as_str().to_string())),
        created_at: Set(now),
        trade_name: Set(trade_name),
        cnae: Set(cnae_code),
        contact_email: Set(Some(email.as_str().to_string())),
        contact_phone: Set(Some(phone)),
        status: Set(PENDING.into()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let account = user_account::ActiveModel {
        role: Set(Role::Company.as_str().into()),
        display_name: Set(contact),
        email: Set(Some(email.as_str().to_string())),
        person_id: Set(None),
        unit_id: Set(None),
        organization_id: Set(Some(org.id)),
        password_hash: Set(Some(hash)),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(account.id),
            action: "company_registered",
            subject_kind: "organization",
            subject_id: Some(org.id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// My company, as its HR staff see it.
pub async fn my_company(
    db: &DatabaseConnection,
    me: &CompanyActor,
) -> Result<organization::Model, WebError> {
    organization::Entity::find_by_id(me.organization_id)
        .filter(organization::Column::Kind.eq("company"))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)
}

/// Only an approved company publishes or edits vacancies.
pub async fn may_publish(db: &DatabaseConnection, me: &CompanyActor) -> Result<bool, WebError> {
    Ok(my_company(db, me).await?.status == APPROVED)
}

fn coordination(me: &StaffActor) -> Result<(), WebError> {
    if me.coordinator {
        Ok(())
    } else {
        Err(WebError::Forbidden)
    }
}

/// Companies waiting for a decision (oldest first), then the last decided ones.
pub async fn for_review(
    db: &DatabaseConnection,
    me: &StaffActor,
) -> Result<(Vec<organization::Model>, Vec<organization::Model>), WebError> {
    coordination(me)?;
    let companies = organization::Entity::find()
        .filter(organization::Column::Kind.eq("company"))
        .order_by_asc(organization::Column::CreatedAt)
        .all(db)
        .await?;
    let (pending, mut decided): (Vec<_>, Vec<_>) =
        companies.into_iter().partition(|o| o.status == PENDING);
    decided.retain(|o| o.decided_at.is_some());
    decided.sort_by_key(|o| std::cmp::Reverse(o.decided_at));
    decided.truncate(20);
    Ok((pending, decided))
}

/// One company, as the coordination reviews it.
pub async fn company_for_review(
    db: &DatabaseConnection,
    me: &StaffActor,
    id: i32,
) -> Result<organization::Model, WebError> {
    coordination(me)?;
    organization::Entity::find_by_id(id)
        .filter(organization::Column::Kind.eq("company"))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)
}

/// Approves or refuses a pending company. Refusing needs a reason the company will read.
pub async fn decide(
    db: &DatabaseConnection,
    me: &StaffActor,
    id: i32,
    approve: bool,
    reason: &str,
) -> Result<(), CreateError> {
    let org = company_for_review(db, me, id).await?;
    let reason = clean(reason);
    let mut errors = FieldErrors::default();
    if org.status != PENDING {
        errors.add("motivo", "Esta empresa já teve uma resposta.");
    }
    if !approve && reason.chars().count() < 10 {
        errors.add(
            "motivo",
            "Escreva o motivo da recusa (a empresa vai ler). Pelo menos 10 letras.",
        );
    }
    if reason.chars().count() > 1000 {
        errors.add("motivo", "Escreva no máximo 1000 caracteres.");
    }
    if !errors.is_empty() {
        return Err(CreateError::Invalid(errors));
    }
    let txn = db.begin_write().await?;
    let mut row: organization::ActiveModel = org.into();
    row.status = Set(if approve { APPROVED } else { REFUSED }.into());
    row.decided_by = Set(Some(me.actor.user_id));
    row.decided_at = Set(Some(now()));
    row.decision_note = Set(Some(reason).filter(|r| !r.is_empty()));
    row.update(&txn).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: if approve {
                "company_approved"
            } else {
                "company_refused"
            },
            subject_kind: "organization",
            subject_id: Some(id),
            unit_id: Some(me.unit_id),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The HR accounts of my company.
pub async fn team(
    db: &DatabaseConnection,
    me: &CompanyActor,
) -> Result<Vec<user_account::Model>, WebError> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::OrganizationId.eq(me.organization_id))
        .filter(user_account::Column::Role.eq(Role::Company.as_str()))
        .filter(user_account::Column::Integration.eq(false))
        .order_by_asc(user_account::Column::DisplayName)
        .all(db)
        .await?)
}

/// Another HR account for my company, with a one-time code to hand over.
pub async fn add_member(
    db: &DatabaseConnection,
    me: &CompanyActor,
    form: &MemberForm,
) -> Result<Created, CreateError> {
    let mut errors = FieldErrors::default();
    let name = clean(&form.nome);
    if name.chars().count() < 2 || name.chars().count() > 200 {
        errors.add("nome", "Digite o nome.");
    }
    let email = match Email::parse(&form.email) {
        Ok(e) => {
            if !email_free(db, &e).await? {
                errors.add("email", "Já existe uma conta com este e-mail.");
            }
            Some(e)
        }
        Err(e) => {
            errors.add("email", e.to_string());
            None
        }
    };
    let (Some(email), true) = (email, errors.is_empty()) else {
        return Err(CreateError::Invalid(errors));
    };
    let txn = db.begin_write().await?;
    let account = user_account::ActiveModel {
        role: Set(Role::Company.as_str().into()),
        display_name: Set(name),
        email: Set(Some(email.as_str().to_string())),
        person_id: Set(None),
        unit_id: Set(None),
        organization_id: Set(Some(me.organization_id)),
        password_hash: Set(None),
        active: Set(true),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let created = issue_code_for_person(&txn, account, me.actor.user_id).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "account_created",
            subject_kind: "user_account",
            subject_id: Some(created.account.id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}
