//! The language guard's terms, kept in the database so the list is data: every form that
//! saves free text loads the active terms (a few dozen rows) and checks against them; the
//! admin adds terms and switches them on or off at /admin/linguagem.

use crate::domain::FieldErrors;
use crate::domain::language::{Guard, Term, stem};
use crate::server::BeginWrite;
use crate::server::actor::AdminActor;
use crate::server::entities::language_term;
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::directory::network::CreateError;
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct TermForm {
    pub termo: String,
    pub sugestao: String,
}

/// The active terms, for checking what someone is about to save.
pub async fn guard(db: &impl ConnectionTrait) -> Result<Guard, DbErr> {
    Ok(Guard::new(
        language_term::Entity::find()
            .filter(language_term::Column::Active.eq(true))
            .order_by_asc(language_term::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|t| Term {
                pattern: t.pattern,
                shown: t.term,
                suggestion: t.suggestion,
            })
            .collect(),
    ))
}

/// Every term, active or not, for the admin.
pub async fn all(
    db: &sea_orm::DatabaseConnection,
    _me: &AdminActor,
) -> Result<Vec<language_term::Model>, WebError> {
    Ok(language_term::Entity::find()
        .order_by_asc(language_term::Column::Term)
        .all(db)
        .await?)
}

pub async fn add(
    db: &sea_orm::DatabaseConnection,
    me: &AdminActor,
    form: &TermForm,
) -> Result<(), CreateError> {
    let mut errors = FieldErrors::default();
    let term = form.termo.split_whitespace().collect::<Vec<_>>().join(" ");
    let suggestion = form
        .sugestao
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let pattern = stem(&term);
    if pattern.chars().count() < 3 || term.chars().count() > 60 {
        errors.add(
            "termo",
            "Escreva a palavra ou expressão (de 3 a 60 letras).",
        );
    } else if language_term::Entity::find()
        .filter(language_term::Column::Pattern.eq(&pattern))
        .one(db)
        .await?
        .is_some()
    {
        errors.add("termo", "Esta palavra já está na lista.");
    }
    if suggestion.chars().count() > 120 {
        errors.add("sugestao", "Escreva no máximo 120 caracteres.");
    } else if !suggestion.is_empty()
        && Guard::new(vec![Term {
            pattern: pattern.clone(),
            shown: term.clone(),
            suggestion: String::new(),
        }])
        .check(&suggestion)
        .is_some()
    {
        errors.add("sugestao", "A sugestão não pode usar a própria palavra.");
    }
    if !errors.is_empty() {
        return Err(CreateError::Invalid(errors));
    }
    let txn = db.begin_write().await?;
    let created = language_term::ActiveModel {
        term: Set(term),
        pattern: Set(pattern),
        suggestion: Set(suggestion),
        active: Set(true),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: "language_term_added",
            subject_kind: "language_term",
            subject_id: Some(created.id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn set_active(
    db: &sea_orm::DatabaseConnection,
    me: &AdminActor,
    id: i32,
    active: bool,
) -> Result<(), WebError> {
    let row = language_term::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    let txn = db.begin_write().await?;
    let mut row: language_term::ActiveModel = row.into();
    row.active = Set(active);
    row.update(&txn).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action: if active {
                "language_term_on"
            } else {
                "language_term_off"
            },
            subject_kind: "language_term",
            subject_id: Some(id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
