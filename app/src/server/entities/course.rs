use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "course")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub provider_id: i32,
    pub title: String,
    pub description: String,
    pub modality: String,
    pub hours: i32,
    pub starts_at: i64,
    pub city: String,
    pub uf: String,
    pub ibge_municipality: String,
    pub price_cents: Option<i64>,
    pub remicao: bool,
    pub status: String,
    pub search_text: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
