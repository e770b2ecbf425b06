//! Units (Escritório Social offices) and organizations (companies, RAESP partners).
//! Listing and creating them is an admin task; other roles read only their own.

use crate::domain::place::parse_uf_and_municipality;
use crate::domain::{Cnpj, FieldErrors};
use crate::server::BeginWrite;
use crate::server::actor::AdminActor;
use crate::server::entities::{organization, unit};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

pub const COMPANY: &str = "company";
pub const PARTNER: &str = "partner";

pub async fn list_units(
    db: &DatabaseConnection,
    _admin: &AdminActor,
) -> Result<Vec<unit::Model>, WebError> {
    Ok(unit::Entity::find()
        .order_by_asc(unit::Column::Name)
        .all(db)
        .await?)
}

pub async fn list_organizations(
    db: &DatabaseConnection,
    _admin: &AdminActor,
) -> Result<Vec<organization::Model>, WebError> {
    Ok(organization::Entity::find()
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?)
}

pub async fn unit_by_id(db: &DatabaseConnection, id: i32) -> Result<Option<unit::Model>, WebError> {
    Ok(unit::Entity::find_by_id(id).one(db).await?)
}

pub async fn organization_by_id(
    db: &DatabaseConnection,
    id: i32,
) -> Result<Option<organization::Model>, WebError> {
    Ok(organization::Entity::find_by_id(id).one(db).await?)
}

/// The new-organization form as typed. `tipo` is "company" or "partner".
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NewOrganization {
    pub tipo: String,
    pub nome: String,
    pub cnpj: String,
}

/// The new-unit form as typed.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NewUnit {
    pub nome: String,
    pub uf: String,
    pub municipio: String,
}

pub enum CreateError {
    Invalid(FieldErrors),
    Internal(WebError),
}

impl From<WebError> for CreateError {
    fn from(e: WebError) -> Self {
        CreateError::Internal(e)
    }
}

impl From<sea_orm::DbErr> for CreateError {
    fn from(e: sea_orm::DbErr) -> Self {
        CreateError::Internal(e.into())
    }
}

fn check_name(errors: &mut FieldErrors, field: &str, name: &str) -> String {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() < 2 {
        errors.add(field, "Digite o nome.");
    } else if name.chars().count() > 200 {
        errors.add(field, "O nome pode ter no máximo 200 caracteres.");
    }
    name
}

pub async fn create_unit(
    db: &DatabaseConnection,
    admin: &AdminActor,
    input: &NewUnit,
) -> Result<unit::Model, CreateError> {
    let mut errors = FieldErrors::default();
    let name = check_name(&mut errors, "nome", &input.nome);
    let place = match parse_uf_and_municipality(&input.uf, &input.municipio) {
        Ok(p) => Some(p),
        Err(e) => {
            let field = if matches!(e, crate::domain::place::PlaceError::UnknownUf) {
                "uf"
            } else {
                "municipio"
            };
            errors.add(field, e.to_string());
            None
        }
    };
    let (Some((uf, code)), true) = (place, errors.is_empty()) else {
        return Err(CreateError::Invalid(errors));
    };
    let txn = db.begin_write().await?;
    let created = unit::ActiveModel {
        name: Set(name),
        uf: Set(uf),
        ibge_municipality: Set(code),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(admin.actor.user_id),
            action: "unit_created",
            subject_kind: "unit",
            subject_id: Some(created.id),
            unit_id: Some(created.id),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Companies need a CNPJ; RAESP partners may not have one (collectives, ministries).
pub async fn create_organization(
    db: &DatabaseConnection,
    admin: &AdminActor,
    input: &NewOrganization,
) -> Result<organization::Model, CreateError> {
    let mut errors = FieldErrors::default();
    let kind = match input.tipo.as_str() {
        COMPANY | PARTNER | crate::server::services::directory::service_directory::PUBLIC => {
            Some(input.tipo.clone())
        }
        _ => {
            errors.add(
                "tipo",
                "Escolha se é empresa, organização parceira ou órgão público.",
            );
            None
        }
    };
    let name = check_name(&mut errors, "nome", &input.nome);
    let cnpj = if input.cnpj.trim().is_empty() && kind.as_deref().is_some_and(|k| k != COMPANY) {
        None
    } else {
        match Cnpj::parse(&input.cnpj) {
            Ok(c) => Some(c),
            Err(e) => {
                errors.add("cnpj", e.to_string());
                None
            }
        }
    };
    if let Some(c) = &cnpj {
        let taken = organization::Entity::find()
            .filter(organization::Column::Cnpj.eq(c.as_str()))
            .one(db)
            .await?;
        if taken.is_some() {
            errors.add("cnpj", "Já existe uma organização com este CNPJ.");
        }
    }
    let (Some(kind), true) = (kind, errors.is_empty()) else {
        return Err(CreateError::Invalid(errors));
    };
    let txn = db.begin_write().await?;
    let created = organization::ActiveModel {
        kind: Set(kind),
        name: Set(name),
        cnpj: Set(cnpj.map(|c| c.as_str().to_string())),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(admin.actor.user_id),
            action: "organization_created",
            subject_kind: "organization",
            subject_id: Some(created.id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}
