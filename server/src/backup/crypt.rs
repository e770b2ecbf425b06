//! The backup's encryption. Everything in a backup (personal data as well as the server's
//! keys) is sealed with a key derived from a passphrase the operator keeps apart from the
//! copies: a stolen backup reveals nothing without it.
//!
//! Key: scrypt (RFC 7914; N = 2^15, r = 8, p = 1, 32 MiB, the parameters RFC 7914 §2 gives for
//! interactive use) over the passphrase and a random salt of the backup. Files: AES-256-GCM in
//! chunks of up to 1 MiB (the "STREAM" construction): each chunk's nonce is the file's number
//! and the chunk's number, and its associated data names the file, the chunk and whether it is
//! the last, so a chunk cannot be moved, reordered, dropped or cut off unnoticed.

use openssl::symm::{Cipher, decrypt_aead, encrypt_aead};
use std::io::{self, Read, Write};

const CHUNK: usize = 1 << 20;
const TAG: usize = 16;
const LOG_N: u8 = 15;
const R: u64 = 8;
const P: u64 = 1;
/// The smallest passphrase accepted: scrypt slows guessing, it does not stop it.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

#[derive(Debug, thiserror::Error)]
pub enum CryptError {
    #[error("the passphrase does not open this backup, or the backup was changed")]
    Open,
    #[error("encryption failed")]
    Seal,
    #[error("the backup file is cut short")]
    Truncated,
}

/// How the key was derived: written in clear beside the backup.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Kdf {
    pub algorithm: String,
    /// 16 random bytes, hex.
    pub salt: String,
    pub log_n: u8,
    pub r: u64,
    pub p: u64,
}

impl Kdf {
    pub fn fresh() -> Result<Kdf, CryptError> {
        let mut salt = [0u8; 16];
        openssl::rand::rand_bytes(&mut salt).map_err(|_| CryptError::Seal)?;
        Ok(Kdf {
            algorithm: "scrypt".into(),
            salt: hex(&salt),
            log_n: LOG_N,
            r: R,
            p: P,
        })
    }
}

/// The key one backup is sealed with. Never printed.
pub struct BackupKey([u8; 32]);

impl std::fmt::Debug for BackupKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BackupKey(…)")
    }
}

impl BackupKey {
    pub fn derive(passphrase: &str, kdf: &Kdf) -> Result<BackupKey, CryptError> {
        // Parameters come from a file that may have been altered: refuse ones that would
        // take unbounded memory or time instead of trying them.
        if kdf.algorithm != "scrypt" || !(10..=20).contains(&kdf.log_n) || kdf.r != R || kdf.p != P
        {
            return Err(CryptError::Open);
        }
        let salt = unhex(&kdf.salt).ok_or(CryptError::Open)?;
        let n = 1u64 << kdf.log_n;
        let mut key = [0u8; 32];
        openssl::pkcs5::scrypt(
            passphrase.as_bytes(),
            &salt,
            n,
            kdf.r,
            kdf.p,
            // scrypt needs 128·N·r bytes; a little more for the rest.
            128 * n * kdf.r + (1 << 20),
            &mut key,
        )
        .map_err(|_| CryptError::Seal)?;
        Ok(BackupKey(key))
    }

    fn nonce(file: u32, chunk: u64) -> [u8; 12] {
        let mut nonce = [0u8; 12];
        nonce[..4].copy_from_slice(&file.to_be_bytes());
        nonce[4..].copy_from_slice(&chunk.to_be_bytes());
        nonce
    }

    fn aad(name: &str, chunk: u64, last: bool) -> Vec<u8> {
        let mut aad = b"esv-backup-1\0".to_vec();
        aad.extend_from_slice(name.as_bytes());
        aad.push(0);
        aad.extend_from_slice(&chunk.to_be_bytes());
        aad.push(u8::from(last));
        aad
    }
}

/// Writes one sealed file. `finish` must be called: it writes the last chunk, without which
/// the file does not open.
pub struct SealedWriter<'k, W: Write> {
    out: W,
    key: &'k BackupKey,
    name: String,
    file: u32,
    chunk: u64,
    buf: Vec<u8>,
}

impl<'k, W: Write> SealedWriter<'k, W> {
    /// `file` must differ for each file of one backup (it is part of every nonce).
    pub fn new(out: W, key: &'k BackupKey, name: &str, file: u32) -> Self {
        SealedWriter {
            out,
            key,
            name: name.to_string(),
            file,
            chunk: 0,
            buf: Vec::with_capacity(CHUNK),
        }
    }

    pub fn write(&mut self, mut bytes: &[u8]) -> io::Result<()> {
        while !bytes.is_empty() {
            let take = (CHUNK - self.buf.len()).min(bytes.len());
            self.buf.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.buf.len() == CHUNK {
                self.emit(false)?;
            }
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.emit(true)?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn emit(&mut self, last: bool) -> io::Result<()> {
        let mut tag = [0u8; TAG];
        let sealed = encrypt_aead(
            Cipher::aes_256_gcm(),
            &self.key.0,
            Some(&BackupKey::nonce(self.file, self.chunk)),
            &BackupKey::aad(&self.name, self.chunk, last),
            &self.buf,
            &mut tag,
        )
        .map_err(|_| io::Error::other(CryptError::Seal))?;
        self.out.write_all(&[u8::from(last)])?;
        self.out.write_all(&(sealed.len() as u32).to_be_bytes())?;
        self.out.write_all(&sealed)?;
        self.out.write_all(&tag)?;
        self.chunk += 1;
        self.buf.clear();
        Ok(())
    }
}

/// Reads one sealed file as plain bytes. Any change to the file, a wrong key, or a file cut
/// short is an error (`CryptError` inside the `io::Error`), never wrong data.
pub struct SealedReader<'k, R: Read> {
    input: R,
    key: &'k BackupKey,
    name: String,
    file: u32,
    chunk: u64,
    plain: Vec<u8>,
    pos: usize,
    done: bool,
}

impl<'k, R: Read> SealedReader<'k, R> {
    pub fn new(input: R, key: &'k BackupKey, name: &str, file: u32) -> Self {
        SealedReader {
            input,
            key,
            name: name.to_string(),
            file,
            chunk: 0,
            plain: Vec::new(),
            pos: 0,
            done: false,
        }
    }

    fn next_chunk(&mut self) -> io::Result<()> {
        let mut head = [0u8; 5];
        if let Err(e) = self.input.read_exact(&mut head) {
            return Err(if e.kind() == io::ErrorKind::UnexpectedEof {
                io::Error::other(CryptError::Truncated)
            } else {
                e
            });
        }
        let last = match head[0] {
            0 => false,
            1 => true,
            _ => return Err(io::Error::other(CryptError::Open)),
        };
        let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
        if len > CHUNK {
            return Err(io::Error::other(CryptError::Open));
        }
        let mut sealed = vec![0u8; len + TAG];
        self.input.read_exact(&mut sealed).map_err(|e| {
            if e.kind() == io::ErrorKind::UnexpectedEof {
                io::Error::other(CryptError::Truncated)
            } else {
                e
            }
        })?;
        let (cipher, tag) = sealed.split_at(len);
        self.plain = decrypt_aead(
            Cipher::aes_256_gcm(),
            &self.key.0,
            Some(&BackupKey::nonce(self.file, self.chunk)),
            &BackupKey::aad(&self.name, self.chunk, last),
            cipher,
            tag,
        )
        .map_err(|_| io::Error::other(CryptError::Open))?;
        self.pos = 0;
        self.chunk += 1;
        if last {
            // Nothing may follow the last chunk.
            let mut extra = [0u8; 1];
            if self.input.read(&mut extra)? != 0 {
                return Err(io::Error::other(CryptError::Open));
            }
            self.done = true;
        }
        Ok(())
    }
}

impl<R: Read> Read for SealedReader<'_, R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.plain.len() {
            if self.done {
                return Ok(0);
            }
            self.next_chunk()?;
        }
        let n = out.len().min(self.plain.len() - self.pos);
        out[..n].copy_from_slice(&self.plain[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The `CryptError` an I/O error carries, if any.
pub fn crypt_error(e: &io::Error) -> Option<&CryptError> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<CryptError>())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(pass: &str, kdf: &Kdf) -> BackupKey {
        BackupKey::derive(pass, kdf).unwrap()
    }

    fn seal(key: &BackupKey, name: &str, file: u32, plain: &[u8]) -> Vec<u8> {
        let mut w = SealedWriter::new(Vec::new(), key, name, file);
        w.write(plain).unwrap();
        w.finish().unwrap()
    }

    fn open(key: &BackupKey, name: &str, file: u32, sealed: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        SealedReader::new(sealed, key, name, file).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn a_sealed_file_opens_only_whole_with_the_same_passphrase_and_place() {
        let kdf = Kdf::fresh().unwrap();
        let k = key("uma senha longa o bastante", &kdf);
        // Three chunks: two full and one part.
        let plain: Vec<u8> = (0..(2 * CHUNK + 10)).map(|i| (i % 251) as u8).collect();
        let sealed = seal(&k, "tables/person.jsonl", 3, &plain);
        assert_eq!(open(&k, "tables/person.jsonl", 3, &sealed).unwrap(), plain);
        assert!(!sealed.windows(64).any(|w| w == &plain[..64]));

        let wrong = key("outra senha longa o bastante", &kdf);
        assert!(open(&wrong, "tables/person.jsonl", 3, &sealed).is_err());
        // Another file's name or number: refused (a file cannot stand in for another).
        assert!(open(&k, "tables/hire.jsonl", 3, &sealed).is_err());
        assert!(open(&k, "tables/person.jsonl", 4, &sealed).is_err());
        // Cut after the first chunk: refused, not read as a shorter table.
        let first = 5 + CHUNK + TAG;
        let e = open(&k, "tables/person.jsonl", 3, &sealed[..first]).unwrap_err();
        assert!(matches!(crypt_error(&e), Some(CryptError::Truncated)));
        // One bit changed anywhere: refused.
        let mut changed = sealed.clone();
        changed[first + 100] ^= 1;
        assert!(open(&k, "tables/person.jsonl", 3, &changed).is_err());
        // Something appended: refused.
        let mut longer = sealed.clone();
        longer.push(0);
        assert!(open(&k, "tables/person.jsonl", 3, &longer).is_err());
    }

    #[test]
    fn an_empty_file_still_has_its_last_chunk() {
        let kdf = Kdf::fresh().unwrap();
        let k = key("uma senha longa o bastante", &kdf);
        let sealed = seal(&k, "index", 0, b"");
        assert_eq!(open(&k, "index", 0, &sealed).unwrap(), b"");
        assert!(open(&k, "index", 0, &[]).is_err());
    }

    #[test]
    fn altered_key_parameters_are_refused_before_any_work() {
        let mut kdf = Kdf::fresh().unwrap();
        kdf.log_n = 40;
        assert!(BackupKey::derive("uma senha longa o bastante", &kdf).is_err());
        let mut kdf = Kdf::fresh().unwrap();
        kdf.salt = "zz".into();
        assert!(BackupKey::derive("uma senha longa o bastante", &kdf).is_err());
    }
}
