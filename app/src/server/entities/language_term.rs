use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "language_term")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub term: String,
    /// `domain::language::stem(term)`
    pub pattern: String,
    pub suggestion: String,
    pub active: bool,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
