use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub role: String,
    pub display_name: String,
    pub email: Option<String>,
    pub person_id: Option<i32>,
    pub unit_id: Option<i32>,
    pub organization_id: Option<i32>,
    pub password_hash: Option<String>,
    pub active: bool,
    pub created_at: i64,
    /// A partner API key's account (`api_token`): it never logs in and is nobody's team
    /// member; it only names who read what in the access log.
    pub integration: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
