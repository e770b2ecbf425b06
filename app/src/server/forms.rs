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
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .map_err(|_| WebError::BadRequest)?;
        let req = Request::from_parts(parts, axum::body::Body::from(without_nul(&bytes)));
        axum::Form::<T>::from_request(req, state)
            .await
            .map(|axum::Form(v)| PostedForm(v))
            .map_err(|_| WebError::BadRequest)
    }
}

/// The body without NUL characters (`%00`, or a raw zero byte). Nobody types one, a paste may
/// carry one, and PostgreSQL cannot store it in text (the write would fail as a server
/// error): dropped, so the rest of what was typed is kept. A literal `%` is sent as `%25`,
/// so `%00` always means NUL. (The body's size is already bounded by the middleware.)
fn without_nul(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] == 0 {
            i += 1;
        } else if body[i] == b'%'
            && body.get(i + 1) == Some(&b'0')
            && body.get(i + 2) == Some(&b'0')
        {
            i += 3;
        } else {
            out.push(body[i]);
            i += 1;
        }
    }
    out
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

#[cfg(test)]
mod nul_tests {
    use super::without_nul;

    #[test]
    fn nul_characters_are_dropped_and_the_rest_kept() {
        assert_eq!(
            without_nul(b"nome=Ana%00Maria&x=%2500"),
            b"nome=AnaMaria&x=%2500"
        );
        assert_eq!(without_nul(&[b'a', b'=', 0, b'b', 0]), b"a=b");
        // Text that only looks like a NUL stays as typed.
        assert_eq!(without_nul(br"a=\0b\x00"), br"a=\0b\x00");
        assert_eq!(without_nul(b"a=%0"), b"a=%0");
    }
}
