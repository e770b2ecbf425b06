//! A local push service (RFC 8030) for tests: it hands out subscriptions like a browser's push
//! service would (an endpoint plus the device's P-256 key and auth secret), and on each POST it
//! checks what a real one checks — the VAPID header (RFC 8292: ES256 signature with the
//! server's public key, `aud` = this service's origin, `exp` at most 24 h ahead, a `sub`), a
//! `TTL` — and then **decrypts** the aes128gcm body with the device's private key (RFC 8291),
//! as the browser would. Tests read the plaintexts it received and can script its answers
//! (410, 500, …) per device.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};

/// One message the service accepted, decrypted.
#[derive(Clone, Debug)]
pub struct Received {
    pub device: String,
    pub plaintext: String,
    pub ttl: u32,
    pub urgency: Option<String>,
    pub topic: Option<String>,
    /// When it arrived, Unix milliseconds (for the scheduler-lag benchmark).
    pub at_ms: i64,
}

impl Received {
    /// The JSON the service worker gets.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.plaintext).expect("push payload is JSON")
    }
}

struct Device {
    components: ece::EcKeyComponents,
    auth: Vec<u8>,
}

#[derive(Default)]
struct Inner {
    origin: String,
    vapid_key: Vec<u8>,
    devices: HashMap<String, Device>,
    /// Scripted answers per device, used before the default 201.
    script: HashMap<String, VecDeque<u16>>,
    received: Vec<Received>,
    /// Every POST's device and answer, in order.
    answers: Vec<(String, u16)>,
    /// Why a POST was refused (should stay empty).
    refused: Vec<String>,
    /// How long each answer waits (to make a run last long enough to interrupt it).
    delay_ms: u64,
    /// JWTs already verified (a server reuses one per origin; verifying once keeps tests fast).
    verified_tokens: HashSet<String>,
}

/// A subscription as the browser hands it to the page (`PushSubscription.toJSON()`).
pub struct Subscription {
    pub device: String,
    pub json: serde_json::Value,
}

#[derive(Clone)]
pub struct PushService {
    pub origin: String,
    inner: Arc<Mutex<Inner>>,
}

impl PushService {
    /// Starts on a random port, accepting VAPID tokens signed by `vapid_public_key`
    /// (base64url, uncompressed P-256 point).
    pub async fn start(vapid_public_key: &str) -> PushService {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind push service");
        let origin = format!("http://{}", listener.local_addr().expect("addr"));
        let inner = Arc::new(Mutex::new(Inner {
            origin: origin.clone(),
            vapid_key: URL_SAFE_NO_PAD
                .decode(vapid_public_key)
                .expect("VAPID key is base64url"),
            ..Default::default()
        }));
        let app = Router::new()
            .route("/push/{device}", post(receive))
            .with_state(inner.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        PushService { origin, inner }
    }

    /// A new device: fresh P-256 key pair and auth secret, as a browser makes them.
    pub fn new_device(&self) -> Subscription {
        let (pair, auth) = ece::generate_keypair_and_auth_secret().expect("device keys");
        let components = pair.raw_components().expect("key components");
        let public = pair.pub_as_raw().expect("public key");
        let mut inner = self.inner.lock().expect("lock");
        let device = format!("d{}", inner.devices.len() + 1);
        let json = serde_json::json!({
            "endpoint": format!("{}/push/{device}", inner.origin),
            "expirationTime": null,
            "keys": {
                "p256dh": URL_SAFE_NO_PAD.encode(&public),
                "auth": URL_SAFE_NO_PAD.encode(auth),
            }
        });
        inner.devices.insert(
            device.clone(),
            Device {
                components,
                auth: auth.to_vec(),
            },
        );
        Subscription { device, json }
    }

    /// The next POSTs to `device` get these statuses (then 201 again).
    pub fn answer_next(&self, device: &str, statuses: &[u16]) {
        self.inner
            .lock()
            .expect("lock")
            .script
            .entry(device.to_string())
            .or_default()
            .extend(statuses);
    }

    /// Every answer from now on waits `ms` milliseconds.
    pub fn set_delay(&self, ms: u64) {
        self.inner.lock().expect("lock").delay_ms = ms;
    }

    pub fn received_count(&self) -> usize {
        self.inner.lock().expect("lock").received.len()
    }

    pub fn received(&self) -> Vec<Received> {
        self.inner.lock().expect("lock").received.clone()
    }

    pub fn received_by(&self, device: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.device == device)
            .collect()
    }

    /// Every POST to `device`, with the status it got.
    pub fn answers_to(&self, device: &str) -> Vec<u16> {
        self.inner
            .lock()
            .expect("lock")
            .answers
            .iter()
            .filter(|(d, _)| d == device)
            .map(|(_, s)| *s)
            .collect()
    }

    pub fn refused(&self) -> Vec<String> {
        self.inner.lock().expect("lock").refused.clone()
    }

    /// Waits until `count` messages were accepted (or `seconds` pass).
    pub async fn wait_for(&self, count: usize, seconds: u64) -> Vec<Received> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
        loop {
            let got = self.received();
            if got.len() >= count || std::time::Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}

#[derive(serde::Deserialize)]
struct VapidClaims {
    aud: String,
    exp: i64,
    sub: String,
}

async fn receive(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path(device): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let delay = inner.lock().expect("lock").delay_ms;
    if delay > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
    }
    // Headers and VAPID under the lock; decryption (the costly part) outside it, so several
    // requests decrypt at once, as a real push service would.
    let keys = {
        let mut guard = inner.lock().expect("lock");
        check_headers(&mut guard, &device, &headers)
    };
    let checked = keys.and_then(|(components, auth, ttl)| {
        decrypt(&device, &headers, &body, &components, &auth, ttl)
    });
    let mut inner = inner.lock().expect("lock");
    match checked {
        Err(why) => {
            inner.refused.push(format!("{device}: {why}"));
            inner.answers.push((device, 400));
            StatusCode::BAD_REQUEST
        }
        Ok(received) => {
            let scripted = inner.script.get_mut(&device).and_then(|q| q.pop_front());
            let status = scripted.unwrap_or(201);
            inner.answers.push((device, status));
            if (200..300).contains(&status) {
                inner.received.push(received);
            }
            StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED)
        }
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Checks TTL, encoding and VAPID; gives the device's keys to decrypt with.
fn check_headers(
    inner: &mut Inner,
    device: &str,
    headers: &HeaderMap,
) -> Result<(ece::EcKeyComponents, Vec<u8>, u32), String> {
    let ttl: u32 = header(headers, "ttl")
        .ok_or("no TTL header (RFC 8030 §5.2 requires it)")?
        .parse()
        .map_err(|_| "TTL is not a number")?;
    if header(headers, "content-encoding") != Some("aes128gcm") {
        return Err("Content-Encoding is not aes128gcm".into());
    }
    // Authorization: vapid t=<JWT>, k=<public key>
    let auth = header(headers, "authorization").ok_or("no Authorization header")?;
    let rest = auth
        .strip_prefix("vapid ")
        .ok_or("not a vapid Authorization")?;
    let mut token = None;
    let mut key = None;
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => token = Some(v.to_string()),
            Some(("k", v)) => key = Some(v.to_string()),
            _ => {}
        }
    }
    let (token, key) = (token.ok_or("no t=")?, key.ok_or("no k=")?);
    let key = URL_SAFE_NO_PAD
        .decode(key)
        .map_err(|_| "k= is not base64url")?;
    if key != inner.vapid_key {
        return Err("k= is not the server's VAPID public key".into());
    }
    if !inner.verified_tokens.contains(&token) {
        verify_jwt(&token, &key, &inner.origin)?;
        inner.verified_tokens.insert(token);
    }
    let dev = inner.devices.get(device).ok_or("unknown device")?;
    Ok((dev.components.clone(), dev.auth.clone(), ttl))
}

/// Decrypts the aes128gcm body with the device's private key (RFC 8291), as the browser would.
fn decrypt(
    device: &str,
    headers: &HeaderMap,
    body: &[u8],
    components: &ece::EcKeyComponents,
    auth: &[u8],
    ttl: u32,
) -> Result<Received, String> {
    let plain = ece::decrypt(components, auth, body).map_err(|e| format!("cannot decrypt: {e}"))?;
    Ok(Received {
        device: device.to_string(),
        plaintext: String::from_utf8(plain).map_err(|_| "plaintext is not UTF-8")?,
        ttl,
        urgency: header(headers, "urgency").map(str::to_string),
        topic: header(headers, "topic").map(str::to_string),
        at_ms: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0),
    })
}

/// ES256 with the server's key; `aud` is this service's origin; `exp` in the future and at most
/// 24 hours away (RFC 8292 §2); a `sub` contact.
fn verify_jwt(token: &str, key: &[u8], origin: &str) -> Result<(), String> {
    if key.len() != 65 || key[0] != 4 {
        return Err("VAPID key is not an uncompressed P-256 point".into());
    }
    let x = URL_SAFE_NO_PAD.encode(&key[1..33]);
    let y = URL_SAFE_NO_PAD.encode(&key[33..65]);
    let decoding = jsonwebtoken::DecodingKey::from_ec_components(&x, &y)
        .map_err(|e| format!("bad key: {e}"))?;
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
    validation.set_audience(&[origin]);
    validation.set_required_spec_claims(&["exp", "aud", "sub"]);
    validation.leeway = 0;
    let data = jsonwebtoken::decode::<VapidClaims>(token, &decoding, &validation)
        .map_err(|e| format!("VAPID JWT refused: {e}"))?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    if data.claims.exp > now + 86_400 {
        return Err("VAPID exp is more than 24 hours ahead".into());
    }
    if data.claims.aud != origin {
        return Err(format!("aud {} is not {origin}", data.claims.aud));
    }
    if !(data.claims.sub.starts_with("mailto:") || data.claims.sub.starts_with("https://")) {
        return Err("sub is not a mailto: or https: contact".into());
    }
    Ok(())
}
