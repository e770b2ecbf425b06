use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quota_rule_set")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub name: String,
    pub legal_basis: String,
    pub above_annual_cents: Option<i64>,
    /// `limit:basis_points;…;*:basis_points` (see `domain::quota::parse_tiers`).
    pub tiers: String,
    /// `para_baixo` | `para_cima`
    pub rounding: String,
    pub active: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
