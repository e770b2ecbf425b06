use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: i32,
    pub unit_id: i32,
    pub number: i32,
    /// The whole plan, `domain::plan::Plan` as JSON.
    pub content: String,
    /// What changed, one pt-BR line per change.
    pub changes: String,
    pub created_by: i32,
    pub created_at: i64,
    /// The earliest deadline of an open action (`Plan::earliest_open_deadline`), "" when none;
    /// `UNKNOWN_DEADLINE` until filled at start-up for versions written before it existed.
    pub open_deadline: String,
}

/// `open_deadline` of a version not read yet.
pub const UNKNOWN_DEADLINE: &str = "?";

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
