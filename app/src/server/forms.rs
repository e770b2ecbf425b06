//! Small request/response helpers shared by the handlers: form bodies, the client address,
//! and the session cookie.

use super::error::WebError;
use axum::extract::{ConnectInfo, FromRequest, Request};
use http::{HeaderMap, HeaderValue, header};
use serde::de::DeserializeOwned;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

pub const SESSION_COOKIE: &str = "esv_sessao";

/// A url-encoded form body. A malformed body becomes a pt-BR "bad request" page, never axum's
/// English rejection text.
pub struct PostedForm<T>(pub T);

impl<T, S> FromRequest<S> for PostedForm<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = WebError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::Form::<T>::from_request(req, state)
            .await
            .map(|axum::Form(v)| PostedForm(v))
            .map_err(|_| WebError::BadRequest)
    }
}

/// The peer address. The server is expected to face clients directly or behind a proxy that
/// the operator configures; X-Forwarded-For is not trusted (anyone can forge it).
pub fn client_ip(extensions: &http::Extensions) -> IpAddr {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

pub fn session_cookie(token: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("esv_sessao=; Path=/; Max-Age=0"))
}

pub fn clear_session_cookie(secure: bool) -> HeaderValue {
    session_cookie("", 0, secure)
}

pub fn read_session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty())
}
