use sea_orm::entity::prelude::*;

/// `status` is "egresso", "pre_egresso" or "familiar". `cpf` holds the 11 digits.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub full_name: String,
    pub social_name: Option<String>,
    pub cpf: Option<String>,
    pub status: String,
    pub created_at: i64,
    /// The name as searched (`people::search_name`): folded, shown name first.
    pub search_name: String,
    /// How the person first reached the office (`monitoring::FIRST_CONTACTS`).
    pub first_contact: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
