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
        let body = match without_nul(&bytes) {
            Some(cleaned) => axum::body::Body::from(cleaned),
            None => axum::body::Body::from(bytes),
        };
        let req = Request::from_parts(parts, body);
        axum::Form::<T>::from_request(req, state)
            .await
            .map(|axum::Form(v)| PostedForm(v))
            .map_err(|_| WebError::BadRequest)
    }
}

/// The body without NUL characters. Nobody types one, a paste may carry one, and PostgreSQL
/// cannot store it in text (the write would fail as a server error): dropped, so the rest of
/// what was typed is kept. Decided on the decoded pairs, as the form extractor will read
/// them: cutting `%00` out of the raw bytes let `%0` + a raw NUL + `0` close up into a new
/// `%00` (found by the fuzz target `formularios`). `None`: no NUL, the body passes as it
/// came; otherwise it is encoded again from its pairs. (Its size is bounded by the middleware.)
fn without_nul(body: &[u8]) -> Option<Vec<u8>> {
    let has_nul = |s: &str| s.contains('\0');
    if !form_urlencoded::parse(body).any(|(k, v)| has_nul(&k) || has_nul(&v)) {
        return None;
    }
    let strip = |s: std::borrow::Cow<'_, str>| s.replace('\0', "");
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(body) {
        out.append_pair(&strip(k), &strip(v));
    }
    Some(out.finish().into_bytes())
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

    fn pairs(body: &[u8]) -> Vec<(String, String)> {
        form_urlencoded::parse(&without_nul(body).unwrap_or_else(|| body.to_vec()))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn nul_characters_are_dropped_and_the_rest_kept() {
        assert_eq!(
            pairs(b"nome=Ana%00Maria&x=%2500"),
            owned(&[("nome", "AnaMaria"), ("x", "%00")])
        );
        assert_eq!(pairs(&[b'a', b'=', 0, b'b', 0]), owned(&[("a", "b")]));
        // Text that only looks like a NUL stays as typed; a body without one is untouched.
        assert_eq!(pairs(br"a=\0b\x00"), owned(&[("a", r"\0b\x00")]));
        assert_eq!(without_nul(b"a=%0&b=1+2"), None);
    }

    #[test]
    fn a_nul_cannot_be_rebuilt_from_the_pieces_around_one() {
        // `%0`, a raw NUL, `0`: dropping the raw NUL alone would leave `%00`.
        assert_eq!(pairs(b"b=%0\x000&c=1"), owned(&[("b", "%00"), ("c", "1")]));
        for body in [&b"b=%0\x000"[..], b"%%0000=x", b"b=%%0000", b"k%00=%00v"] {
            assert!(
                pairs(body)
                    .iter()
                    .all(|(k, v)| !k.contains('\0') && !v.contains('\0')),
                "{body:?}"
            );
        }
    }
}
