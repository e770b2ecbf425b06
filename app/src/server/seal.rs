//! Secrets at rest: values the database must keep but a copy of the database must not reveal
//! (a device's push keys, a calendar secret). AES-256-GCM with a 96-bit random nonce per value
//! and the column's name as associated data, so a sealed value cannot be moved to another
//! column. The key comes from `ESV_DATA_KEY` or `<data dir>/data-key` (see the server config).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openssl::symm::{Cipher, decrypt_aead, encrypt_aead};

const NONCE: usize = 12;
const TAG: usize = 16;

/// The 256-bit data key. Never printed.
pub struct DataKey([u8; 32]);

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("sealed value is malformed or was sealed with another key")]
    Open,
    #[error("encryption failed")]
    Seal,
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

impl DataKey {
    pub fn new(bytes: [u8; 32]) -> DataKey {
        DataKey(bytes)
    }

    /// A short stable name for `text` that only this key can make and that reveals nothing
    /// of it (SHA-256 over the key, the purpose and the text, cut to 128 bits). For names,
    /// not secrets: an offline write is tied to its account by one (`server::offline`).
    pub fn mark(&self, purpose: &str, text: &str) -> String {
        let mut hash = openssl::sha::Sha256::new();
        hash.update(&self.0);
        hash.update(purpose.as_bytes());
        hash.update(&[0]);
        hash.update(text.as_bytes());
        URL_SAFE_NO_PAD.encode(&hash.finish()[..16])
    }

    /// `purpose` names what is sealed (for example `push_subscription.auth`).
    pub fn seal(&self, purpose: &str, plain: &[u8]) -> Result<String, SealError> {
        let mut nonce = [0u8; NONCE];
        openssl::rand::rand_bytes(&mut nonce).map_err(|_| SealError::Seal)?;
        let mut tag = [0u8; TAG];
        let cipher = encrypt_aead(
            Cipher::aes_256_gcm(),
            &self.0,
            Some(&nonce),
            purpose.as_bytes(),
            plain,
            &mut tag,
        )
        .map_err(|_| SealError::Seal)?;
        let mut out = Vec::with_capacity(NONCE + cipher.len() + TAG);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&cipher);
        out.extend_from_slice(&tag);
        Ok(URL_SAFE_NO_PAD.encode(out))
    }

    pub fn open(&self, purpose: &str, sealed: &str) -> Result<Vec<u8>, SealError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(sealed)
            .map_err(|_| SealError::Open)?;
        if bytes.len() < NONCE + TAG {
            return Err(SealError::Open);
        }
        let (nonce, rest) = bytes.split_at(NONCE);
        let (cipher, tag) = rest.split_at(rest.len() - TAG);
        decrypt_aead(
            Cipher::aes_256_gcm(),
            &self.0,
            Some(nonce),
            purpose.as_bytes(),
            cipher,
            tag,
        )
        .map_err(|_| SealError::Open)
    }

    pub fn open_text(&self, purpose: &str, sealed: &str) -> Result<String, SealError> {
        String::from_utf8(self.open(purpose, sealed)?).map_err(|_| SealError::Open)
    }
}

/// Hex SHA-256, to find a secret without storing it.
pub fn sha256_hex(text: &str) -> String {
    openssl::sha::sha256(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A random URL-safe secret of `bytes` bytes of entropy.
pub fn random_secret(bytes: usize) -> Result<String, SealError> {
    let mut buf = vec![0u8; bytes];
    openssl::rand::rand_bytes(&mut buf).map_err(|_| SealError::Seal)?;
    Ok(URL_SAFE_NO_PAD.encode(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_the_same_key_and_purpose() {
        let key = DataKey::new([7; 32]);
        let sealed = key.seal("push_subscription.auth", b"secret").unwrap();
        assert!(!sealed.contains("secret"));
        assert_eq!(
            key.open("push_subscription.auth", &sealed).unwrap(),
            b"secret"
        );
        assert!(key.open("push_subscription.p256dh", &sealed).is_err());
        assert!(
            DataKey::new([8; 32])
                .open("push_subscription.auth", &sealed)
                .is_err()
        );
        assert!(key.open("push_subscription.auth", "AAAA").is_err());
        // A fresh nonce each time: the same value seals differently.
        assert_ne!(
            sealed,
            key.seal("push_subscription.auth", b"secret").unwrap()
        );
    }

    #[test]
    fn hashes_are_hex_sha256() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
