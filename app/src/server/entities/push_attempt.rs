use sea_orm::entity::prelude::*;

/// One HTTP attempt to deliver. `outcome`: entregue | removida | nova_tentativa | falhou.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "push_attempt")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub delivery_id: i32,
    pub subscription_id: i32,
    pub at: i64,
    pub status_code: Option<i32>,
    pub outcome: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
