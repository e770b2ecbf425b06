use sea_orm::entity::prelude::*;

/// A person's private calendar address. `token_hash` = hex SHA-256 of the secret (lookup);
/// `token_sealed` = the secret sealed with the data key (to show it again).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_feed")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: i32,
    pub token_hash: String,
    pub token_sealed: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
