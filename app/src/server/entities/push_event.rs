use sea_orm::entity::prelude::*;

/// Something to tell someone at `due_at`. `status`: planejado | enviado (turned into
/// deliveries) | cancelado. The recipient is a person (all accounts of that person) or an
/// account (staff).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "push_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: String,
    pub person_id: Option<i32>,
    pub account_id: Option<i32>,
    pub appointment_id: Option<i32>,
    pub ref_id: Option<i32>,
    pub sequence: i32,
    pub due_at: i64,
    pub expires_at: i64,
    pub status: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
