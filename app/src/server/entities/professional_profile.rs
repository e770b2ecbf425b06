use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "professional_profile")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: i32,
    pub schooling: String,
    pub skills: String,
    pub experience: String,
    pub courses: String,
    pub availability: String,
    pub contact_preference: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub updated_at: i64,
    /// One more on every save: a save typed against an older version is a conflict.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
