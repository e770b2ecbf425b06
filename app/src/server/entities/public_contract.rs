use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "public_contract")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organization_id: i32,
    pub contracting_body: String,
    pub number: String,
    pub object: String,
    pub annual_value_cents: i64,
    pub workers: i32,
    pub starts_on: String,
    pub ends_on: String,
    /// `quota_rule_set.code`
    pub rule_set: String,
    pub created_by: i32,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
