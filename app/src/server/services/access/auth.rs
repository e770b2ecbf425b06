//! Logging in and out, resolving a session cookie to an `Actor`, and setting a password with a
//! one-time code.

use crate::domain::password::check_new_password;
use crate::domain::{FieldErrors, Role};
use crate::server::BeginWrite;
use crate::server::actor::{Actor, Scope};
use crate::server::entities::{password_code, person, session, user_account};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::access::login_id::LoginId;
use crate::server::services::access::passwords;
use crate::server::services::privacy::audit::{self, Entry};
use crate::server::state::AppState;
use crate::server::tokens::session_usable;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::net::IpAddr;

pub enum LoginError {
    /// Field errors (the form is re-shown with them).
    Invalid(FieldErrors),
    /// Unknown account or wrong password: one message for both.
    WrongCredentials,
    RateLimited,
    Internal(WebError),
}

impl From<sea_orm::DbErr> for LoginError {
    fn from(e: sea_orm::DbErr) -> Self {
        LoginError::Internal(e.into())
    }
}

pub struct LoggedIn {
    pub token: String,
    pub role: Role,
}

pub async fn find_account(
    db: &DatabaseConnection,
    id: &LoginId,
) -> Result<Option<user_account::Model>, sea_orm::DbErr> {
    match id {
        LoginId::Email(email) => {
            user_account::Entity::find()
                .filter(user_account::Column::Email.eq(email.as_str()))
                .filter(user_account::Column::Active.eq(true))
                .filter(user_account::Column::Integration.eq(false))
                .one(db)
                .await
        }
        LoginId::Cpf(cpf) => {
            let Some(person) = person::Entity::find()
                .filter(person::Column::Cpf.eq(cpf.digits()))
                .one(db)
                .await?
            else {
                return Ok(None);
            };
            user_account::Entity::find()
                .filter(user_account::Column::PersonId.eq(person.id))
                .filter(user_account::Column::Role.eq(Role::Egresso.as_str()))
                .filter(user_account::Column::Active.eq(true))
                .one(db)
                .await
        }
    }
}

pub async fn login(
    state: &AppState,
    ip: IpAddr,
    identifier: &str,
    password: &str,
) -> Result<LoggedIn, LoginError> {
    if !state.limiter.allow_ip(ip).await? {
        return Err(LoginError::RateLimited);
    }
    let mut errors = FieldErrors::default();
    let id = match LoginId::parse(identifier) {
        Ok(id) => Some(id),
        Err(message) => {
            errors.add("identificador", message);
            None
        }
    };
    if password.is_empty() {
        errors.add("senha", "Digite sua senha.");
    }
    let (Some(id), true) = (id, errors.is_empty()) else {
        return Err(LoginError::Invalid(errors));
    };
    let key = id.key();
    if state.limiter.account_blocked(&key).await? {
        return Err(LoginError::RateLimited);
    }
    let account = find_account(&state.db, &id).await?;
    let stored = account.as_ref().and_then(|a| a.password_hash.clone());
    let ok = passwords::verify(password.to_string(), stored).await;
    let Some(account) = account.filter(|_| ok) else {
        state.limiter.record_account_failure(&key).await?;
        return Err(LoginError::WrongCredentials);
    };
    let role = Role::parse(&account.role)
        .ok_or_else(|| LoginError::Internal(WebError::Internal("unknown role".into())))?;
    state.limiter.clear_account(&key).await?;
    let token = start_session(state, &account).await?;
    Ok(LoggedIn { token, role })
}

fn new_session_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn start_session(
    state: &AppState,
    account: &user_account::Model,
) -> Result<String, LoginError> {
    let now = now();
    let jti = new_session_id();
    let (token, claims) = state
        .tokens
        .issue(account.id, &jti, now)
        .map_err(|e| LoginError::Internal(WebError::Internal(e.to_string())))?;
    let txn = state.db.begin_write().await?;
    session::ActiveModel {
        id: Set(jti),
        user_id: Set(account.id),
        created_at: Set(now),
        expires_at: Set(claims.exp),
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(account.id),
            action: "login",
            subject_kind: "user_account",
            subject_id: Some(account.id),
            unit_id: account.unit_id,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// Resolves a session token to the actor, or `None` (expired, revoked, tampered, account off).
pub async fn authenticate(state: &AppState, token: &str) -> Result<Option<Actor>, WebError> {
    let Ok(claims) = state.tokens.verify(token) else {
        return Ok(None);
    };
    let Some(session) = session::Entity::find_by_id(claims.jti.clone())
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    if !session_usable(&session, now()) || session.user_id.to_string() != claims.sub {
        return Ok(None);
    }
    // An API key's account has no sessions; were one forged into the table, it still gets none.
    let Some(account) = user_account::Entity::find_by_id(session.user_id)
        .filter(user_account::Column::Active.eq(true))
        .filter(user_account::Column::Integration.eq(false))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    Ok(actor_for(&account, session.id))
}

/// The actor an account acts as; `session_id` names the session (or the API key) in use.
pub(crate) fn actor_for(account: &user_account::Model, session_id: String) -> Option<Actor> {
    let scope = match Role::parse(&account.role)? {
        Role::Egresso => Scope::Egresso {
            unit_id: account.unit_id?,
            person_id: account.person_id?,
        },
        Role::Caseworker => Scope::Staff {
            unit_id: account.unit_id?,
            coordinator: false,
        },
        Role::Coordinator => Scope::Staff {
            unit_id: account.unit_id?,
            coordinator: true,
        },
        Role::Company => Scope::Company {
            organization_id: account.organization_id?,
        },
        Role::Partner => Scope::Partner {
            organization_id: account.organization_id?,
        },
        Role::Admin => Scope::Admin,
    };
    Some(Actor {
        user_id: account.id,
        session_id,
        name: account.display_name.clone(),
        scope,
    })
}

/// Ends this one session.
pub async fn logout(db: &DatabaseConnection, actor: &Actor) -> Result<(), WebError> {
    let txn = db.begin_write().await?;
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now()))
        .filter(session::Column::Id.eq(actor.session_id.clone()))
        .filter(session::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(actor.user_id),
            action: "logout",
            subject_kind: "user_account",
            subject_id: Some(actor.user_id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Ends every session of the account ("Sair de todos os dispositivos").
pub async fn logout_everywhere(db: &DatabaseConnection, actor: &Actor) -> Result<(), WebError> {
    let txn = db.begin_write().await?;
    revoke_all_sessions(&txn, actor.user_id).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(actor.user_id),
            action: "logout_everywhere",
            subject_kind: "user_account",
            subject_id: Some(actor.user_id),
            unit_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn revoke_all_sessions<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<(), sea_orm::DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now()))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

pub struct SetPasswordInput<'a> {
    pub identifier: &'a str,
    pub code: &'a str,
    pub password: &'a str,
    pub confirmation: &'a str,
}

/// Sets a password with a one-time code handed out by an admin. The code works once; every
/// existing session of the account ends (whoever had the old password is out).
pub async fn set_password_with_code(
    state: &AppState,
    ip: IpAddr,
    input: SetPasswordInput<'_>,
) -> Result<(), LoginError> {
    if !state.limiter.allow_ip(ip).await? {
        return Err(LoginError::RateLimited);
    }
    let mut errors = FieldErrors::default();
    let id = match LoginId::parse(input.identifier) {
        Ok(id) => Some(id),
        Err(message) => {
            errors.add("identificador", message);
            None
        }
    };
    let code = normalise_code(input.code);
    if code.is_empty() {
        errors.add("codigo", "Digite o código que você recebeu.");
    }
    if let Err(e) = check_new_password(input.password, input.confirmation) {
        let field = if e == crate::domain::password::NewPasswordError::Mismatch {
            "confirmacao"
        } else {
            "senha"
        };
        errors.add(field, e.to_string());
    }
    let (Some(id), true) = (id, errors.is_empty()) else {
        return Err(LoginError::Invalid(errors));
    };
    let key = id.key();
    if state.limiter.account_blocked(&key).await? {
        return Err(LoginError::RateLimited);
    }
    let account = find_account(&state.db, &id).await?;
    let now = now();
    let codes = match &account {
        Some(a) => {
            password_code::Entity::find()
                .filter(password_code::Column::UserId.eq(a.id))
                .filter(password_code::Column::UsedAt.is_null())
                .filter(password_code::Column::ExpiresAt.gt(now))
                .order_by_desc(password_code::Column::Id)
                .one(&state.db)
                .await?
        }
        None => None,
    };
    let ok = passwords::verify(code, codes.as_ref().map(|c| c.code_hash.clone())).await;
    let (Some(account), Some(code_row), true) = (account, codes, ok) else {
        state.limiter.record_account_failure(&key).await?;
        let mut errors = FieldErrors::default();
        errors.add(
            "codigo",
            "Código errado ou vencido. Confira o código ou peça um novo na unidade.",
        );
        return Err(LoginError::Invalid(errors));
    };
    let hash = passwords::hash(input.password.to_string())
        .await
        .map_err(|e| LoginError::Internal(WebError::Internal(e.to_string())))?;
    let txn = state.db.begin_write().await?;
    // Mark the code used only if nobody used it in the meantime (two tabs, two phones).
    let claimed = password_code::Entity::update_many()
        .col_expr(password_code::Column::UsedAt, Expr::value(now))
        .filter(password_code::Column::Id.eq(code_row.id))
        .filter(password_code::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        txn.rollback().await?;
        let mut errors = FieldErrors::default();
        errors.add(
            "codigo",
            "Este código já foi usado. Peça um novo na unidade.",
        );
        return Err(LoginError::Invalid(errors));
    }
    let mut active: user_account::ActiveModel = account.clone().into();
    active.password_hash = Set(Some(hash));
    active.update(&txn).await?;
    revoke_all_sessions(&txn, account.id).await?;
    audit::record(
        &txn,
        Entry {
            actor_user_id: Some(account.id),
            action: "password_set",
            subject_kind: "user_account",
            subject_id: Some(account.id),
            unit_id: account.unit_id,
        },
    )
    .await?;
    txn.commit().await?;
    state.limiter.clear_account(&key).await?;
    Ok(())
}

/// Codes are shown as `ABCD-EFGH`; people may type them in any case, with or without the dash.
pub fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}
