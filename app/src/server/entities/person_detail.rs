use sea_orm::entity::prelude::*;

/// See the migration: registration details beyond `person`, one row per person.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person_detail")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: i32,
    pub related_person_id: Option<i32>,
    pub prison_unit: Option<String>,
    pub expected_release: Option<i64>,
    pub regime: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub schooling: Option<String>,
    pub race: Option<String>,
    pub gender_identity: Option<String>,
    /// ISO date (YYYY-MM-DD), for the age bands of monitoring.
    pub birth_date: Option<String>,
    /// `monitoring::gender_group` of `gender_identity`: the published category.
    pub gender_group: Option<String>,
    /// The técnica de referência (a staff account of the unit).
    pub reference_user_id: Option<i32>,
    /// The ES confirmed the person may fill a legal-quota post (who, when).
    pub quota_confirmed_by: Option<i32>,
    pub quota_confirmed_at: Option<i64>,
    pub updated_by: i32,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
