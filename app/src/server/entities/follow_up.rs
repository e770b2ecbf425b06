use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_up")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: i32,
    pub unit_id: i32,
    pub contact_kind: String,
    /// `AAAA-MM-DD`, the day of the contact (Brasília).
    pub happened_on: String,
    pub summary: String,
    /// A technical note for the unit's staff only.
    pub confidential: bool,
    pub created_by: i32,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
