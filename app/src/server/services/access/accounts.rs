//! Accounts: what an admin creates and resets, and what each role sees of itself.

use crate::domain::{Cpf, Email, FieldErrors, Role};
use crate::server::BeginWrite;
use crate::server::actor::{AdminActor, CompanyActor, EgressoActor, PartnerActor, StaffActor};
use crate::server::entities::{organization, password_code, person, unit, user_account};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::access::passwords;
use crate::server::services::directory::network::{COMPANY, CreateError, PARTNER};
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::HashMap;

/// A one-time code is valid for 72 hours: long enough to be handed over at the unit and used
/// at home, short enough that a lost note soon stops mattering.
pub const CODE_SECONDS: i64 = 72 * 60 * 60;
/// 32 symbols without look-alikes (no 0/O, 1/I): 8 of them give 40 bits.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

pub struct AccountRow {
    pub id: i32,
    pub name: String,
    pub role: Role,
    /// E-mail, or a masked CPF for people attended.
    pub login: String,
    /// The unit or organization the account belongs to.
    pub belongs_to: String,
    pub has_password: bool,
}

pub async fn list_accounts(
    db: &DatabaseConnection,
    _admin: &AdminActor,
) -> Result<Vec<AccountRow>, WebError> {
    // API keys' accounts are managed by their organisation (`api_tokens`), not here.
    let accounts = user_account::Entity::find()
        .filter(user_account::Column::Integration.eq(false))
        .order_by_asc(user_account::Column::DisplayName)
        .all(db)
        .await?;
    let units: HashMap<i32, String> = unit::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let orgs: HashMap<i32, String> = organization::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let person_ids: Vec<i32> = accounts.iter().filter_map(|a| a.person_id).collect();
    let cpfs: HashMap<i32, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(person_ids))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| Some((p.id, p.cpf?)))
        .collect();
    Ok(accounts
        .into_iter()
        .filter_map(|a| {
            let role = Role::parse(&a.role)?;
            let login = match (&a.email, a.person_id.and_then(|p| cpfs.get(&p))) {
                (Some(email), _) => email.clone(),
                (None, Some(cpf)) => Cpf::parse(cpf).map(|c| c.masked()).unwrap_or_default(),
                (None, None) => String::new(),
            };
            let belongs_to = a
                .unit_id
                .and_then(|u| units.get(&u).cloned())
                .or_else(|| a.organization_id.and_then(|o| orgs.get(&o).cloned()))
                .unwrap_or_else(|| "Todas as unidades".to_string());
            Some(AccountRow {
                id: a.id,
                name: a.display_name,
                role,
                login,
                belongs_to,
                has_password: a.password_hash.is_some(),
            })
        })
        .collect())
}

/// The admin's form, as typed (see the page).
/// What the admin typed, kept when the form comes back with errors.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NewAccount {
    pub papel: String,
    pub nome: String,
    pub cpf: String,
    pub email: String,
    pub unidade: String,
    pub organizacao: String,
}

pub struct Created {
    pub account: user_account::Model,
    pub code: String,
}

pub async fn create_account(
    db: &DatabaseConnection,
    admin: &AdminActor,
    input: &NewAccount,
) -> Result<Created, CreateError> {
    let mut errors = FieldErrors::default();
    let role = Role::parse(&input.papel);
    if role.is_none() {
        errors.add("papel", "Escolha o tipo de conta.");
    }
    let name = input.nome.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() < 2 {
        errors.add("nome", "Digite o nome.");
    } else if name.chars().count() > 200 {
        errors.add("nome", "O nome pode ter no máximo 200 caracteres.");
    }
    let role_or_default = role.unwrap_or(Role::Admin);

    let mut cpf = None;
    let mut email = None;
    if role.is_some() && role_or_default.logs_in_with_cpf() {
        match Cpf::parse(&input.cpf) {
            Ok(c) => cpf = Some(c),
            Err(e) => errors.add("cpf", e.to_string()),
        }
    } else if role.is_some() {
        match Email::parse(&input.email) {
            Ok(e) => email = Some(e),
            Err(e) => errors.add("email", e.to_string()),
        }
    }

    let mut unit_id = None;
    if role.is_some() && role_or_default.needs_unit() {
        match input.unidade.parse::<i32>().ok() {
            Some(id) if unit::Entity::find_by_id(id).one(db).await?.is_some() => unit_id = Some(id),
            _ => errors.add("unidade", "Escolha a unidade."),
        }
    }
    let mut organization_id = None;
    if role.is_some() && role_or_default.needs_organization() {
        let wanted_kind = if role == Some(Role::Company) {
            COMPANY
        } else {
            PARTNER
        };
        match input.organizacao.parse::<i32>().ok() {
            Some(id) => match organization::Entity::find_by_id(id).one(db).await? {
                Some(o) if o.kind == wanted_kind => organization_id = Some(id),
                Some(_) if wanted_kind == COMPANY => errors.add(
                    "organizacao",
                    "Escolha uma empresa (esta é uma organização parceira).",
                ),
                Some(_) => errors.add(
                    "organizacao",
                    "Escolha uma organização parceira (esta é uma empresa).",
                ),
                None => errors.add("organizacao", "Escolha a empresa ou organização."),
            },
            None => errors.add("organizacao", "Escolha a empresa ou organização."),
        }
    }

    if let Some(e) = &email {
        let taken = user_account::Entity::find()
            .filter(user_account::Column::Email.eq(e.as_str()))
            .one(db)
            .await?;
        if taken.is_some() {
            errors.add("email", "Já existe uma conta com este e-mail.");
        }
    }
    // A person registered earlier by the team (without an account) is linked, not duplicated.
    let mut existing_person = None;
    if let Some(c) = &cpf {
        existing_person = person::Entity::find()
            .filter(person::Column::Cpf.eq(c.digits()))
            .one(db)
            .await?;
        if let Some(p) = &existing_person {
            let has_account = user_account::Entity::find()
                .filter(user_account::Column::PersonId.eq(p.id))
                .one(db)
                .await?
                .is_some();
            if has_account {
                errors.add("cpf", "Já existe uma conta para este CPF.");
            } else if Some(p.unit_id) != unit_id && unit_id.is_some() {
                errors.add("unidade", "Esta pessoa já é atendida por outra unidade.");
            }
        }
    }
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return Err(CreateError::Invalid(errors));
    };

    let code = new_code();
    let code_hash = passwords::hash(code.clone())
        .await
        .map_err(|e| CreateError::Internal(WebError::Internal(e.to_string())))?;
    let now = now();
    let txn = db.begin_write().await?;
    let person_id = match (&cpf, existing_person) {
        (_, Some(p)) => Some(p.id),
        (Some(c), None) => Some(
            person::ActiveModel {
                unit_id: Set(unit_id.unwrap_or_default()),
                full_name: Set(name.clone()),
                social_name: Set(None),
                search_name: Set(crate::server::services::case::people::search_name(
                    &name, None,
                )),
                cpf: Set(Some(c.digits().to_string())),
                status: Set("egresso".into()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id,
        ),
        (None, None) => None,
    };
    let account = user_account::ActiveModel {
        role: Set(role.as_str().into()),
        display_name: Set(name),
        email: Set(email.map(|e| e.as_str().to_string())),
        person_id: Set(person_id),
        unit_id: Set(unit_id),
        organization_id: Set(organization_id),
        password_hash: Set(None),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    store_code(&txn, account.id, admin.actor.user_id, code_hash, now).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(admin.actor.user_id),
            action: "account_created",
            subject_kind: "user_account",
            subject_id: Some(account.id),
            unit_id: account.unit_id,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(Created { account, code })
}

/// A new one-time code for an existing account (forgotten password, first access). Older
/// unused codes stop working.
pub async fn issue_password_code(
    db: &DatabaseConnection,
    admin: &AdminActor,
    user_id: i32,
) -> Result<Created, WebError> {
    // An API key's account never gets a password: it is not a person.
    let Some(account) = user_account::Entity::find_by_id(user_id)
        .filter(user_account::Column::Integration.eq(false))
        .one(db)
        .await?
    else {
        return Err(WebError::NotFound);
    };
    let code = new_code();
    let code_hash = passwords::hash(code.clone())
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let now = now();
    let txn = db.begin_write().await?;
    password_code::Entity::update_many()
        .col_expr(password_code::Column::UsedAt, Expr::value(now))
        .filter(password_code::Column::UserId.eq(account.id))
        .filter(password_code::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    store_code(&txn, account.id, admin.actor.user_id, code_hash, now).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(admin.actor.user_id),
            action: "password_code_issued",
            subject_kind: "user_account",
            subject_id: Some(account.id),
            unit_id: account.unit_id,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(Created { account, code })
}

/// Why `esv-server criar-admin` refused.
#[derive(Debug, thiserror::Error)]
pub enum BootstrapError {
    #[error("e-mail inválido: {0}")]
    Email(String),
    #[error("este e-mail já é de uma conta que não é de administração")]
    NotAnAdmin,
    #[error("{0}")]
    Internal(String),
}

impl From<sea_orm::DbErr> for BootstrapError {
    fn from(e: sea_orm::DbErr) -> Self {
        BootstrapError::Internal(format!("database: {e}"))
    }
}

/// The first administrator of an installation without demo data (`esv-server criar-admin`,
/// run by whoever runs the server): the account, with no password, and a one-time code to set
/// one at `/definir-senha`. Run again for the same e-mail, it issues a fresh code and voids
/// the old one (an administrator who lost access). `bool`: whether the account is new.
pub async fn bootstrap_admin(
    db: &DatabaseConnection,
    email: &str,
) -> Result<(Created, bool), BootstrapError> {
    let email = Email::parse(email).map_err(|e| BootstrapError::Email(e.to_string()))?;
    let code = new_code();
    let code_hash = passwords::hash(code.clone())
        .await
        .map_err(|e| BootstrapError::Internal(e.to_string()))?;
    let now = now();
    let txn = db.begin_write().await?;
    let existing = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?;
    let (account, new) = match existing {
        Some(a) if a.role != Role::Admin.as_str() => return Err(BootstrapError::NotAnAdmin),
        Some(a) => {
            password_code::Entity::update_many()
                .col_expr(password_code::Column::UsedAt, Expr::value(now))
                .filter(password_code::Column::UserId.eq(a.id))
                .filter(password_code::Column::UsedAt.is_null())
                .exec(&txn)
                .await?;
            (a, false)
        }
        None => {
            let a = user_account::ActiveModel {
                role: Set(Role::Admin.as_str().into()),
                display_name: Set("Administração".into()),
                email: Set(Some(email.as_str().to_string())),
                person_id: Set(None),
                unit_id: Set(None),
                organization_id: Set(None),
                password_hash: Set(None),
                active: Set(true),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (a, true)
        }
    };
    // Nobody logged in made it: the account stands as its own code's author.
    store_code(&txn, account.id, account.id, code_hash, now).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: None,
            action: if new {
                "admin_bootstrapped"
            } else {
                "password_code_issued"
            },
            subject_kind: "user_account",
            subject_id: Some(account.id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok((Created { account, code }, new))
}

/// A first one-time code for an account just created inside `txn` (by the person's unit).
pub async fn issue_code_for_person<C: ConnectionTrait>(
    txn: &C,
    account: user_account::Model,
    created_by: i32,
) -> Result<Created, CreateError> {
    let code = new_code();
    let code_hash = passwords::hash(code.clone())
        .await
        .map_err(|e| CreateError::Internal(WebError::Internal(e.to_string())))?;
    store_code(txn, account.id, created_by, code_hash, now()).await?;
    Ok(Created { account, code })
}

async fn store_code<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    created_by: i32,
    code_hash: String,
    now: i64,
) -> Result<(), sea_orm::DbErr> {
    password_code::ActiveModel {
        user_id: Set(user_id),
        code_hash: Set(code_hash),
        created_by: Set(created_by),
        created_at: Set(now),
        expires_at: Set(now + CODE_SECONDS),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

fn new_code() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    (0..8)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

/// `ABCDEFGH` → `ABCD-EFGH`, easier to read aloud and copy.
pub fn display_code(code: &str) -> String {
    if code.len() == 8 {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_string()
    }
}

/// What a person attended sees under "Meus dados": only their own record.
pub struct MyData {
    pub full_name: String,
    pub social_name: Option<String>,
    pub cpf: Option<String>,
    pub unit_name: String,
}

pub async fn my_data(db: &DatabaseConnection, me: &EgressoActor) -> Result<MyData, WebError> {
    let person = person::Entity::find_by_id(me.person_id)
        .filter(person::Column::UnitId.eq(me.unit_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    let unit_name = unit::Entity::find_by_id(person.unit_id)
        .one(db)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    Ok(MyData {
        full_name: person.full_name,
        social_name: person.social_name,
        cpf: person
            .cpf
            .and_then(|c| Cpf::parse(&c).ok())
            .map(|c| c.formatted()),
        unit_name,
    })
}

pub async fn staff_unit(db: &DatabaseConnection, me: &StaffActor) -> Result<unit::Model, WebError> {
    unit::Entity::find_by_id(me.unit_id)
        .one(db)
        .await?
        .ok_or(WebError::NotFound)
}

pub async fn company_organization(
    db: &DatabaseConnection,
    me: &CompanyActor,
) -> Result<organization::Model, WebError> {
    organization::Entity::find_by_id(me.organization_id)
        .one(db)
        .await?
        .ok_or(WebError::NotFound)
}

pub async fn partner_organization(
    db: &DatabaseConnection,
    me: &PartnerActor,
) -> Result<organization::Model, WebError> {
    organization::Entity::find_by_id(me.organization_id)
        .one(db)
        .await?
        .ok_or(WebError::NotFound)
}
