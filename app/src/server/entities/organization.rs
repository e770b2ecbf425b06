use sea_orm::entity::prelude::*;

/// `kind` is "company" or "partner" (RAESP).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organization")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: String,
    pub name: String,
    pub cnpj: Option<String>,
    pub created_at: i64,
    /// Nome fantasia (companies that registered themselves).
    pub trade_name: Option<String>,
    /// CNAE subclass, 7 digits.
    pub cnae: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    /// pendente | aprovada | recusada (the coordinator's decision on a self-registration).
    pub status: String,
    pub decided_by: Option<i32>,
    pub decided_at: Option<i64>,
    pub decision_note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
