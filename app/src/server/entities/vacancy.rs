use sea_orm::entity::prelude::*;

/// A job vacancy. `shift`: manha | tarde | noite | integral | escala.
/// `employment_type`: clt | temporario | estagio | aprendiz. `status`: open | closed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "vacancy")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organization_id: i32,
    pub title: String,
    pub description: String,
    pub requirements: String,
    pub cbo_code: String,
    pub salary_min_cents: Option<i64>,
    pub salary_max_cents: Option<i64>,
    pub weekly_hours: i32,
    pub shift: String,
    pub employment_type: String,
    pub city: String,
    pub uf: String,
    pub ibge_municipality: String,
    pub quota: bool,
    pub status: String,
    pub posted_at: i64,
    pub closes_at: i64,
    pub search_title: String,
    pub search_body: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// Why the vacancy asks for a criminal-record certificate (TST Tema 1), if it does.
    pub record_check_justification: Option<String>,
    /// The public contract whose quota this vacancy serves, if any.
    pub contract_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
