use sea_orm::entity::prelude::*;

/// A partner API key (see the migration). `token_hash` is the SHA-256 of the key, which is
/// shown once; `hint` its last characters, so people can tell their keys apart.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_token")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organization_id: i32,
    /// The key's own account (`user_account.integration`), the actor of every use.
    pub account_id: i32,
    pub name: String,
    pub token_hash: String,
    pub hint: String,
    pub created_by: i32,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
