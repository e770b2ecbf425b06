//! Session tokens: JWT signed with HS256 only (the algorithm is pinned; a token that claims any
//! other is refused), with `iss`, `aud` and `exp` checked. Each token's `jti` has a row in the
//! `session` table so it can be revoked before it expires.

use super::entities::session;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

/// Eight hours: a working day. Phones are often shared, so sessions stay short.
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;
const ALGORITHM: Algorithm = Algorithm::HS256;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub sub: String,
    pub jti: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("token could not be created")]
    Encode,
    #[error("token expired")]
    Expired,
    #[error("token invalid")]
    Invalid,
}

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    issuer: String,
    audience: String,
}

impl TokenKeys {
    /// `secret` must be long and random (see the server's config); `public_origin` names the
    /// issuer and the audience, so a token from another deployment is refused.
    pub fn new(secret: &[u8], public_origin: &str) -> Self {
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            issuer: format!("{public_origin}/esv"),
            audience: format!("{public_origin}/esv/sessao"),
        }
    }

    pub fn issue(&self, user_id: i32, jti: &str, now: i64) -> Result<(String, Claims), TokenError> {
        let claims = Claims {
            sub: user_id.to_string(),
            jti: jti.to_string(),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now,
            exp: now + SESSION_SECONDS,
        };
        let token = encode(&Header::new(ALGORITHM), &claims, &self.encoding)
            .map_err(|_| TokenError::Encode)?;
        Ok((token, claims))
    }

    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        let mut validation = Validation::new(ALGORITHM);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        decode::<Claims>(token, &self.decoding, &validation)
            .map(|data| data.claims)
            .map_err(|e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid,
            })
    }
}

/// A session row still lets its token in: not revoked, not past its expiry.
pub fn session_usable(session: &session::Model, now: i64) -> bool {
    session.revoked_at.is_none() && session.expires_at > now
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"a-test-secret-that-is-long-enough-for-hs256!!";

    fn keys() -> TokenKeys {
        TokenKeys::new(SECRET, "http://127.0.0.1:3000")
    }

    #[test]
    fn a_fresh_token_verifies_with_its_claims() {
        let now = crate::server::now();
        let (token, claims) = keys().issue(7, "abc", now).unwrap();
        assert_eq!(keys().verify(&token), Ok(claims));
    }

    #[test]
    fn an_expired_token_is_refused() {
        let long_ago = crate::server::now() - SESSION_SECONDS - 3600;
        let (token, _) = keys().issue(7, "abc", long_ago).unwrap();
        assert_eq!(keys().verify(&token), Err(TokenError::Expired));
    }

    #[test]
    fn a_token_for_another_deployment_is_refused() {
        let other = TokenKeys::new(SECRET, "https://outro.exemplo.org");
        let (token, _) = other.issue(7, "abc", crate::server::now()).unwrap();
        assert_eq!(keys().verify(&token), Err(TokenError::Invalid));
    }

    #[test]
    fn a_token_with_the_wrong_audience_is_refused() {
        let now = crate::server::now();
        let claims = Claims {
            sub: "7".into(),
            jti: "abc".into(),
            iss: "http://127.0.0.1:3000/esv".into(),
            aud: "http://127.0.0.1:3000/outra-coisa".into(),
            iat: now,
            exp: now + 60,
        };
        let token = encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(SECRET),
        )
        .unwrap();
        assert_eq!(keys().verify(&token), Err(TokenError::Invalid));
    }

    #[test]
    fn a_token_signed_with_another_algorithm_is_refused() {
        let now = crate::server::now();
        let (_, claims) = keys().issue(7, "abc", now).unwrap();
        // Same secret, same claims, HS512 instead of the pinned HS256.
        let token = encode(
            &Header::new(Algorithm::HS512),
            &claims,
            &EncodingKey::from_secret(SECRET),
        )
        .unwrap();
        assert_eq!(keys().verify(&token), Err(TokenError::Invalid));
        // And the classic "alg: none" forgery: header and payload with an empty signature.
        let forged = {
            use base64::Engine;
            let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
            let header = b64.encode(br#"{"alg":"none","typ":"JWT"}"#);
            let payload = b64.encode(serde_json_claims(&claims));
            format!("{header}.{payload}.")
        };
        assert_eq!(keys().verify(&forged), Err(TokenError::Invalid));
    }

    #[test]
    fn a_tampered_token_is_refused() {
        let (token, _) = keys().issue(7, "abc", crate::server::now()).unwrap();
        let other = TokenKeys::new(
            b"another-secret-that-is-also-long-enough!!!!",
            "http://127.0.0.1:3000",
        );
        assert_eq!(other.verify(&token), Err(TokenError::Invalid));
    }

    #[test]
    fn a_revoked_or_expired_session_lets_nobody_in() {
        let now = 1_000_000;
        let live = session::Model {
            id: "abc".into(),
            user_id: 7,
            created_at: now - 10,
            expires_at: now + 100,
            revoked_at: None,
        };
        assert!(session_usable(&live, now));
        let revoked = session::Model {
            revoked_at: Some(now - 1),
            ..live.clone()
        };
        assert!(!session_usable(&revoked, now));
        let expired = session::Model {
            expires_at: now,
            ..live
        };
        assert!(!session_usable(&expired, now));
    }

    fn serde_json_claims(c: &Claims) -> Vec<u8> {
        format!(
            r#"{{"sub":"{}","jti":"{}","iss":"{}","aud":"{}","iat":{},"exp":{}}}"#,
            c.sub, c.jti, c.iss, c.aud, c.iat, c.exp
        )
        .into_bytes()
    }
}
