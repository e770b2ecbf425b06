use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hire")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: i32,
    pub unit_id: i32,
    pub employer: String,
    pub job_title: String,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub recorded_by: i32,
    pub created_at: i64,
    /// The company that hired (hires recorded by a company).
    pub organization_id: Option<i32>,
    pub vacancy_id: Option<i32>,
    pub application_id: Option<i32>,
    /// The public contract whose quota this hire serves, if any.
    pub contract_id: Option<i32>,
    /// a_confirmar | confirmada | recusada
    pub status: String,
    pub confirmed_by: Option<i32>,
    pub confirmed_at: Option<i64>,
    pub decision_note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
