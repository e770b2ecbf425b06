//! Partner API keys (issue 14, point 6). A company or RAESP partner creates a key in its own
//! area, gives it to its own system, and revokes it there. Each key acts through an account
//! of its own (`user_account.integration`, never able to log in), so:
//! - the API reaches the data through the same scoped services as the organisation's pages
//!   (`CompanyActor` / `PartnerActor`): another organisation's row is simply not found;
//! - every read of a person is logged under the key's name ("Integração “…” (Organização)"),
//!   which the person sees in "Quem viu meus dados".
//!
//! The key is shown once; only its SHA-256 is stored.

use crate::domain::{FieldErrors, Role};
use crate::server::BeginWrite;
use crate::server::actor::{Actor, CompanyActor, PartnerActor};
use crate::server::entities::{api_token, user_account};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::seal::{random_secret, sha256_hex};
use crate::server::services::access::auth::actor_for;
use crate::server::services::directory::network::CreateError;
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// Keys start with this, so a leaked one is recognisable (and secret scanners can look for it).
pub const PREFIX: &str = "esv_";
/// Active keys per organisation: one per system it runs, with room to rotate.
pub const MAX_ACTIVE: u64 = 10;
/// `last_used_at` is written at most this often (seconds), not on every call.
const TOUCH_EVERY: i64 = 60;

/// The organisation managing its keys: a company or a RAESP partner, never anyone else.
#[derive(Clone, Copy)]
pub enum KeyOwner<'a> {
    Company(&'a CompanyActor),
    Partner(&'a PartnerActor),
}

impl KeyOwner<'_> {
    fn organization_id(&self) -> i32 {
        match self {
            KeyOwner::Company(c) => c.organization_id,
            KeyOwner::Partner(p) => p.organization_id,
        }
    }

    pub fn actor(&self) -> &Actor {
        match self {
            KeyOwner::Company(c) => &c.actor,
            KeyOwner::Partner(p) => &p.actor,
        }
    }

    fn role(&self) -> Role {
        match self {
            KeyOwner::Company(_) => Role::Company,
            KeyOwner::Partner(_) => Role::Partner,
        }
    }
}

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct KeyForm {
    pub nome: String,
}

/// A key as its organisation sees it (never the key itself).
#[derive(Clone, Debug)]
pub struct KeyLine {
    pub id: i32,
    pub name: String,
    pub hint: String,
    pub created_by: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// A key just created: the only moment its secret exists outside the caller's system.
pub struct NewKey {
    pub name: String,
    pub secret: String,
}

/// The organisation's keys, active ones first, newest first.
pub async fn list(db: &DatabaseConnection, owner: KeyOwner<'_>) -> Result<Vec<KeyLine>, WebError> {
    let rows = api_token::Entity::find()
        .filter(api_token::Column::OrganizationId.eq(owner.organization_id()))
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?;
    let authors: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(rows.iter().map(|r| r.created_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.display_name))
        .collect();
    let mut lines: Vec<KeyLine> = rows
        .into_iter()
        .map(|r| KeyLine {
            id: r.id,
            created_by: authors.get(&r.created_by).cloned().unwrap_or_default(),
            name: r.name,
            hint: r.hint,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
            revoked_at: r.revoked_at,
        })
        .collect();
    // Stable: keeps newest first within each group.
    lines.sort_by_key(|l| l.revoked_at.is_some());
    Ok(lines)
}

/// Creates a key named by the organisation (what system uses it). Bad input changes nothing.
pub async fn create(
    db: &DatabaseConnection,
    owner: KeyOwner<'_>,
    form: &KeyForm,
) -> Result<NewKey, CreateError> {
    let mut errors = FieldErrors::default();
    let name = form.nome.split_whitespace().collect::<Vec<_>>().join(" ");
    let length = name.chars().count();
    if length < 3 {
        errors.add(
            "nome",
            "Dê um nome à chave, por exemplo o sistema que vai usá-la.",
        );
    } else if length > 80 {
        errors.add("nome", "Escreva no máximo 80 caracteres.");
    }
    let txn = db.begin_write().await?;
    let active = api_token::Entity::find()
        .filter(api_token::Column::OrganizationId.eq(owner.organization_id()))
        .filter(api_token::Column::RevokedAt.is_null())
        .count(&txn)
        .await?;
    if active >= MAX_ACTIVE {
        errors.add(
            "nome",
            format!(
                "Sua organização já tem {MAX_ACTIVE} chaves ativas. Revogue uma que não usa mais."
            ),
        );
    }
    if !errors.is_empty() {
        return Err(CreateError::Invalid(errors));
    }
    let secret = format!(
        "{PREFIX}{}",
        random_secret(32).map_err(|e| WebError::Internal(e.to_string()))?
    );
    let now = now();
    let account = user_account::ActiveModel {
        role: Set(owner.role().as_str().to_string()),
        display_name: Set(format!("Integração “{name}”")),
        email: Set(None),
        person_id: Set(None),
        unit_id: Set(None),
        organization_id: Set(Some(owner.organization_id())),
        password_hash: Set(None),
        active: Set(true),
        created_at: Set(now),
        integration: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let hint: String = secret.chars().skip(secret.chars().count() - 4).collect();
    let key = api_token::ActiveModel {
        organization_id: Set(owner.organization_id()),
        account_id: Set(account.id),
        name: Set(name.clone()),
        token_hash: Set(sha256_hex(&secret)),
        hint: Set(hint),
        created_by: Set(owner.actor().user_id),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        revoked_by: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(owner.actor().user_id),
            action: "api_token_created",
            subject_kind: "api_token",
            subject_id: Some(key.id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(NewKey { name, secret })
}

/// Revokes one of the organisation's keys: from the next call on it is refused. Another
/// organisation's key is not found; revoking twice changes nothing.
pub async fn revoke(db: &DatabaseConnection, owner: KeyOwner<'_>, id: i32) -> Result<(), WebError> {
    let txn = db.begin_write().await?;
    let key = api_token::Entity::find_by_id(id)
        .filter(api_token::Column::OrganizationId.eq(owner.organization_id()))
        .one(&txn)
        .await?
        .ok_or(WebError::NotFound)?;
    if key.revoked_at.is_some() {
        return Ok(());
    }
    let now = now();
    api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now))
        .col_expr(
            api_token::Column::RevokedBy,
            Expr::value(owner.actor().user_id),
        )
        .filter(api_token::Column::Id.eq(key.id))
        .exec(&txn)
        .await?;
    // The account stays (the access log names it) but can act no more.
    user_account::Entity::update_many()
        .col_expr(user_account::Column::Active, Expr::value(false))
        .filter(user_account::Column::Id.eq(key.account_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(owner.actor().user_id),
            action: "api_token_revoked",
            subject_kind: "api_token",
            subject_id: Some(key.id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The key's actor and id, or `None` for a key that is unknown, revoked or malformed.
pub async fn authenticate(
    db: &DatabaseConnection,
    secret: &str,
) -> Result<Option<(Actor, i32)>, WebError> {
    if !secret.starts_with(PREFIX) || secret.len() > 100 {
        return Ok(None);
    }
    let Some(key) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(sha256_hex(secret)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(account) = user_account::Entity::find_by_id(key.account_id)
        .filter(user_account::Column::Active.eq(true))
        .filter(user_account::Column::Integration.eq(true))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    // Only companies and partners hold keys; anything else acts as nobody.
    let Some(actor) = actor_for(&account, format!("api:{}", key.id)) else {
        return Ok(None);
    };
    if !matches!(actor.role(), Role::Company | Role::Partner) {
        return Ok(None);
    }
    let now = now();
    if key.last_used_at.is_none_or(|t| now - t >= TOUCH_EVERY) {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(key.id))
            .filter(
                Condition::any()
                    .add(api_token::Column::LastUsedAt.is_null())
                    .add(api_token::Column::LastUsedAt.lt(now - TOUCH_EVERY + 1)),
            )
            .exec(db)
            .await?;
    }
    Ok(Some((actor, key.id)))
}
