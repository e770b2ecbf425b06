use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stigma_episode")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: i32,
    pub unit_id: i32,
    pub kind: String,
    pub setting: String,
    pub happened_on: String,
    pub what_happened: String,
    pub action_taken: Option<String>,
    pub outcome: Option<String>,
    pub created_by: i32,
    pub created_at: i64,
    pub updated_by: i32,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
