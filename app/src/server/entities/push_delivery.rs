use sea_orm::entity::prelude::*;

/// The outbox: one message to one device. `status`: pendente | enviada | falhou | expirada |
/// cancelada (its appointment moved or was cancelled before it went).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "push_delivery")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    pub subscription_id: i32,
    pub payload: String,
    pub topic: String,
    pub urgency: String,
    pub ttl: i32,
    pub expires_at: i64,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: i64,
    pub lease_owner: Option<String>,
    pub lease_until: Option<i64>,
    pub sent_at: Option<i64>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
