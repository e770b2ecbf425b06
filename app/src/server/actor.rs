//! Who is making the request. The auth middleware turns the session cookie into an `Actor`
//! (or none) in the request extensions. Handlers ask for the *kind* of actor they serve —
//! `AdminActor`, `StaffActor`, `EgressoActor`, `CompanyActor`, `PartnerActor` — and services
//! take those types, so a service cannot be called for the wrong role, and every query is
//! scoped by the unit, organization or person the type carries.

use super::error::WebError;
use crate::components::Viewer;
use crate::domain::Role;
use axum::extract::FromRequestParts;
use http::request::Parts;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Egresso { unit_id: i32, person_id: i32 },
    Staff { unit_id: i32, coordinator: bool },
    Company { organization_id: i32 },
    Partner { organization_id: i32 },
    Admin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i32,
    /// The session (`jti`) this request came with.
    pub session_id: String,
    pub name: String,
    pub scope: Scope,
}

impl Actor {
    pub fn role(&self) -> Role {
        match self.scope {
            Scope::Egresso { .. } => Role::Egresso,
            Scope::Staff {
                coordinator: false, ..
            } => Role::Caseworker,
            Scope::Staff {
                coordinator: true, ..
            } => Role::Coordinator,
            Scope::Company { .. } => Role::Company,
            Scope::Partner { .. } => Role::Partner,
            Scope::Admin => Role::Admin,
        }
    }

    /// The egresso view of this actor, when it is one (same check as the extractor).
    pub fn as_egresso(&self) -> Option<EgressoActor> {
        match self.scope {
            Scope::Egresso { unit_id, person_id } => Some(EgressoActor {
                actor: self.clone(),
                unit_id,
                person_id,
            }),
            _ => None,
        }
    }

    pub fn viewer(&self) -> Viewer {
        Viewer {
            name: self.name.clone(),
            role: self.role(),
            user_id: self.user_id,
            queue_mark: None,
        }
    }
}

/// The actor if someone is logged in; never rejects.
pub struct MaybeActor(pub Option<Actor>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeActor {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeActor(parts.extensions.get::<Actor>().cloned()))
    }
}

/// Any logged-in actor; anonymous requests are sent to the login page.
impl<S: Send + Sync> FromRequestParts<S> for Actor {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Actor>()
            .cloned()
            .ok_or(WebError::NotLoggedIn)
    }
}

macro_rules! role_actor {
    ($(#[$doc:meta])* $name:ident { $($field:ident : $ty:ty),* } from $pat:pat => ($($val:expr),*)) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name {
            pub actor: Actor,
            $(pub $field: $ty),*
        }

        impl<S: Send + Sync> FromRequestParts<S> for $name {
            type Rejection = WebError;
            async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
                let actor = Actor::from_request_parts(parts, state).await?;
                #[allow(clippy::match_single_binding, unused_variables)]
                match actor.scope.clone() {
                    $pat => {
                        let ($($field,)*) = ($($val,)*);
                        Ok($name { actor, $($field),* })
                    }
                    #[allow(unreachable_patterns)]
                    _ => Err(WebError::Forbidden),
                }
            }
        }
    };
}

role_actor!(
    /// An administrator (global scope).
    AdminActor {} from Scope::Admin => ()
);
role_actor!(
    /// A caseworker or coordinator, scoped to one unit.
    StaffActor { unit_id: i32, coordinator: bool }
        from Scope::Staff { unit_id, coordinator } => (unit_id, coordinator)
);
role_actor!(
    /// A person attended, scoped to their own `person` row.
    EgressoActor { unit_id: i32, person_id: i32 }
        from Scope::Egresso { unit_id, person_id } => (unit_id, person_id)
);
role_actor!(
    /// Someone who receives notices on their devices: a person attended (appointments,
    /// referrals, candidacies) or staff (referral and candidacy news).
    NoticeReceiverActor {} from Scope::Egresso { .. } | Scope::Staff { .. } => ()
);
role_actor!(
    /// A partner company, scoped to its organization.
    CompanyActor { organization_id: i32 }
        from Scope::Company { organization_id } => (organization_id)
);
role_actor!(
    /// A RAESP partner organisation, scoped to itself.
    PartnerActor { organization_id: i32 }
        from Scope::Partner { organization_id } => (organization_id)
);

/// Who reads the monitoring aggregates: a unit's coordination (its own unit) or an
/// administrator (any UF, the whole country). Caseworkers and everyone else get 403.
#[derive(Debug, Clone)]
pub struct MonitorActor {
    pub actor: Actor,
    /// The coordinator's unit; None for an administrator.
    pub unit_id: Option<i32>,
}

impl<S: Send + Sync> FromRequestParts<S> for MonitorActor {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let actor = Actor::from_request_parts(parts, state).await?;
        let unit_id = match actor.scope {
            Scope::Staff {
                unit_id,
                coordinator: true,
            } => Some(unit_id),
            Scope::Admin => None,
            _ => return Err(WebError::Forbidden),
        };
        Ok(MonitorActor { actor, unit_id })
    }
}
