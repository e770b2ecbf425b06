use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "retention_check")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub hire_id: i32,
    pub person_id: i32,
    pub unit_id: i32,
    pub day_mark: i32,
    pub due_on: String,
    pub status: String,
    pub still_employed: Option<bool>,
    pub note: Option<String>,
    pub done_by: Option<i32>,
    pub done_at: Option<i64>,
    /// The person's own answer (`domain::retention::ANSWERS`), from their phone.
    pub person_answer: Option<String>,
    pub person_note: Option<String>,
    pub person_answered_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
