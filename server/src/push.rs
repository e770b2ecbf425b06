//! Sending Web Push: the `web-push` crate encrypts the message (RFC 8291, aes128gcm) and signs
//! the VAPID header (RFC 8292, ES256); `reqwest` posts it to the push service (RFC 8030) with
//! timeouts, `TTL`, `Urgency` and `Topic`. The worker loop claims work from the database outbox
//! (`app::server::services::notify::push`), so any number of server processes can run it at once.

use crate::config::PushWorkerConfig;
use app::domain::devices::PushEndpoints;
use app::server::now;
use app::server::seal::DataKey;
use app::server::services::notify::push::{self as outbox, Attempt, Claimed, Outcome};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use futures::StreamExt;
use sea_orm::DatabaseConnection;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use web_push::{
    ContentEncoding, PartialVapidSignatureBuilder, SubscriptionInfo, Urgency, VapidSignature,
    VapidSignatureBuilder, WebPushMessageBuilder,
};

/// A VAPID token lives 12 hours (web-push's default; RFC 8292 allows up to 24). One token per
/// push-service origin is reused until an hour before it ends: signing is the costliest step.
const TOKEN_REUSE_SECS: i64 = 11 * 3600;

/// The longest wait between retries.
const MAX_BACKOFF_SECS: i64 = 3600;

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("VAPID private key unusable: {0}")]
    Key(String),
    #[error("HTTP client: {0}")]
    Client(String),
}

/// Builds, signs and sends messages. Cheap to share.
pub struct Sender {
    client: reqwest::Client,
    vapid: PartialVapidSignatureBuilder,
    public_key: String,
    contact: String,
    tokens: Mutex<HashMap<String, (VapidSignature, i64)>>,
    /// Where messages may go; a device stored before the list changed is not posted to.
    endpoints: PushEndpoints,
}

/// A message ready to post.
pub struct Prepared {
    pub url: String,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl Sender {
    pub fn new(
        private_key: &str,
        contact: &str,
        endpoints: PushEndpoints,
    ) -> Result<Sender, PushError> {
        let vapid = VapidSignatureBuilder::from_base64_no_sub(private_key)
            .map_err(|e| PushError::Key(e.to_string()))?;
        let public_key = URL_SAFE_NO_PAD.encode(vapid.get_public_key());
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| PushError::Client(e.to_string()))?;
        Ok(Sender {
            client,
            vapid,
            public_key,
            contact: contact.to_string(),
            tokens: Mutex::new(HashMap::new()),
            endpoints,
        })
    }

    /// The public key browsers subscribe with (`applicationServerKey`), base64url.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// The VAPID token for a push service's origin (`aud`), reused while fresh. web-push would
    /// put the host without its port in `aud`; the origin with its port is what RFC 8292 asks.
    fn token(&self, origin: &str, info: &SubscriptionInfo, now: i64) -> Option<VapidSignature> {
        if let Ok(cache) = self.tokens.lock()
            && let Some((token, made)) = cache.get(origin)
            && now - made < TOKEN_REUSE_SECS
        {
            return Some(token.clone());
        }
        let mut builder = self.vapid.clone().add_sub_info(info);
        builder.add_claim("aud", origin);
        builder.add_claim("sub", self.contact.as_str());
        let token = builder.build().ok()?;
        if let Ok(mut cache) = self.tokens.lock() {
            cache.insert(origin.to_string(), (token.clone(), now));
        }
        Some(token)
    }

    /// Encrypts and signs one message. `None` if the device's keys or address are unusable,
    /// or the address is not a known push service's (checked again here, not only when the
    /// device subscribed: the list may have changed since).
    pub fn prepare(&self, c: &Claimed, now: i64) -> Option<Prepared> {
        if !self.endpoints.allows(&c.endpoint) {
            tracing::warn!(
                delivery = c.id,
                "push: device address is not a known push service"
            );
            return None;
        }
        let origin = reqwest::Url::parse(&c.endpoint)
            .ok()?
            .origin()
            .ascii_serialization();
        let info = SubscriptionInfo::new(c.endpoint.as_str(), c.p256dh.as_str(), c.auth.as_str());
        let token = self.token(&origin, &info, now)?;
        let mut message = WebPushMessageBuilder::new(&info);
        message.set_payload(ContentEncoding::Aes128Gcm, c.payload.as_bytes());
        message.set_ttl(c.ttl);
        message.set_urgency(match c.urgency.as_str() {
            "high" => Urgency::High,
            "low" => Urgency::Low,
            "very-low" => Urgency::VeryLow,
            _ => Urgency::Normal,
        });
        message.set_topic(c.topic.clone());
        message.set_vapid_signature(token);
        let request = web_push::request_builder::build_request::<Vec<u8>>(message.build().ok()?);
        let url = request.uri().to_string();
        let headers = request
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.as_bytes().to_vec()))
            .collect();
        Some(Prepared {
            url,
            headers,
            body: request.into_body(),
        })
    }

    /// Posts one prepared message; the push service's answer decides what happens next.
    pub async fn post(
        &self,
        p: Prepared,
        previous_attempts: i32,
        retry_secs: i64,
    ) -> (Option<u16>, Outcome) {
        let mut request = self.client.post(&p.url);
        for (k, v) in p.headers {
            // reqwest sets Content-Length from the body itself.
            if k.eq_ignore_ascii_case("content-length") {
                continue;
            }
            request = request.header(k, v);
        }
        let backoff = backoff(retry_secs, previous_attempts);
        match request.body(p.body).send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                let retry_after = response
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<i64>().ok())
                    .map(|s| s.clamp(1, MAX_BACKOFF_SECS));
                (
                    Some(status),
                    outcome(status, retry_after.unwrap_or(backoff)),
                )
            }
            Err(_) => (None, Outcome::Retry(backoff)),
        }
    }
}

/// What a push service's status means (RFC 8030 §5–§8).
pub fn outcome(status: u16, retry_after: i64) -> Outcome {
    match status {
        200..=299 => Outcome::Delivered,
        404 | 410 => Outcome::Gone,
        429 | 500..=599 => Outcome::Retry(retry_after),
        _ => Outcome::Failed,
    }
}

/// `base`, `2·base`, `4·base`… up to an hour.
pub fn backoff(base: i64, previous_attempts: i32) -> i64 {
    let factor = 1i64 << previous_attempts.clamp(0, 20);
    base.saturating_mul(factor).clamp(1, MAX_BACKOFF_SECS)
}

/// One pass: turn due events into deliveries, claim a batch, send it, record it. Returns how
/// many deliveries were handled (0: nothing was due).
pub async fn run_once(
    db: &DatabaseConnection,
    key: &DataKey,
    sender: &Arc<Sender>,
    config: &PushWorkerConfig,
    owner: &str,
) -> Result<usize, sea_orm::DbErr> {
    while outbox::expand_due(db, now(), 500).await? == 500 {}
    let claimed = outbox::claim(db, key, owner, now(), config.lease_secs, config.batch).await?;
    if claimed.is_empty() {
        return Ok(0);
    }
    let count = claimed.len();
    let started = now();
    // Encrypting is CPU work: do it off the async threads, a share per core.
    let prepared = prepare_all(sender, claimed, started).await;
    let retry_secs = config.retry_secs;
    let attempts: Vec<Attempt> = futures::stream::iter(prepared)
        .map(|(c, p)| {
            let sender = Arc::clone(sender);
            async move {
                let (status_code, outcome) = match p {
                    _ if c.expires_at <= started => (None, Outcome::Expired),
                    Some(p) => sender.post(p, c.attempts, retry_secs).await,
                    None => (None, Outcome::Failed),
                };
                Attempt {
                    delivery_id: c.id,
                    subscription_id: c.subscription_id,
                    previous_attempts: c.attempts,
                    status_code,
                    outcome,
                }
            }
        })
        .buffer_unordered(config.concurrency)
        .collect()
        .await;
    outbox::record(db, &attempts, now(), config.max_attempts).await?;
    Ok(count)
}

async fn prepare_all(
    sender: &Arc<Sender>,
    claimed: Vec<Claimed>,
    now: i64,
) -> Vec<(Claimed, Option<Prepared>)> {
    let parts = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = claimed.len().div_ceil(parts).max(1);
    let mut tasks = Vec::new();
    let mut rest = claimed;
    while !rest.is_empty() {
        let tail = rest.split_off(chunk.min(rest.len()));
        let part = std::mem::replace(&mut rest, tail);
        let sender = Arc::clone(sender);
        tasks.push(tokio::task::spawn_blocking(move || {
            part.into_iter()
                .map(|c| {
                    // Past its moment: recorded as expired, not encrypted.
                    let p = (c.expires_at > now)
                        .then(|| sender.prepare(&c, now))
                        .flatten();
                    (c, p)
                })
                .collect::<Vec<_>>()
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        if let Ok(part) = t.await {
            out.extend(part);
        }
    }
    out
}

/// The worker: runs until the process ends. Errors are logged and retried after a pause; a
/// batch lost to a crash is re-sent by any worker once its lease ends.
pub fn spawn_worker(
    db: DatabaseConnection,
    settings: Arc<app::server::state::PushSettings>,
    sender: Arc<Sender>,
    config: PushWorkerConfig,
) -> tokio::task::JoinHandle<()> {
    let process = format!("{}-{:08x}", std::process::id(), rand::random::<u32>());
    // On PostgreSQL several loops overlap one batch's encryption with another's requests and
    // database writes. SQLite has one writer: one loop.
    let loops = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => 1,
        _ => config.loops,
    };
    tokio::spawn(async move {
        let mut tasks = tokio::task::JoinSet::new();
        for n in 0..loops {
            let (db, settings, sender, config) =
                (db.clone(), settings.clone(), sender.clone(), config.clone());
            let owner = format!("{process}-{n}");
            tasks.spawn(async move {
                tracing::info!(%owner, "push worker started");
                loop {
                    match run_once(&db, &settings.data_key, &sender, &config, &owner).await {
                        Ok(0) => tokio::time::sleep(Duration::from_millis(config.poll_ms)).await,
                        Ok(n) => tracing::debug!(count = n, "push batch sent"),
                        Err(e) => {
                            tracing::error!(error = %e, "push worker: database error");
                            tokio::time::sleep(Duration::from_millis(config.poll_ms.max(1000)))
                                .await;
                        }
                    }
                }
            });
        }
        while tasks.join_next().await.is_some() {}
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_service_answers_map_to_what_happens_next() {
        assert_eq!(outcome(201, 30), Outcome::Delivered);
        assert_eq!(outcome(410, 30), Outcome::Gone);
        assert_eq!(outcome(404, 30), Outcome::Gone);
        assert_eq!(outcome(429, 30), Outcome::Retry(30));
        assert_eq!(outcome(503, 7), Outcome::Retry(7));
        assert_eq!(outcome(400, 30), Outcome::Failed);
        assert_eq!(outcome(413, 30), Outcome::Failed);
    }

    #[test]
    fn nothing_is_prepared_for_an_address_outside_the_push_services() {
        let key = "IQ9Ur0ykXoHS9gzfYX0aBjy9lvdrjx_PFUXmie9YRcY";
        let sender = Sender::new(key, "mailto:x@y.z", PushEndpoints::known(false)).expect("key");
        // A real browser subscription's keys (RFC 8291 example values).
        let claimed = |endpoint: &str| {
            Claimed {
            id: 1,
            subscription_id: 1,
            endpoint: endpoint.to_string(),
            p256dh: "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4".into(),
            auth: "BTBZMqHH6r4Tts7J_aSIgg".into(),
            payload: "{}".into(),
            topic: "t".into(),
            urgency: "normal".into(),
            ttl: 60,
            attempts: 0,
            expires_at: i64::MAX,
        }
        };
        assert!(
            sender
                .prepare(&claimed("https://fcm.googleapis.com/fcm/send/a"), 0)
                .is_some()
        );
        assert!(
            sender
                .prepare(&claimed("https://push.attacker.example/a"), 0)
                .is_none()
        );
        assert!(
            sender
                .prepare(&claimed("http://127.0.0.1:9/a"), 0)
                .is_none()
        );
    }

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(30, 0), 30);
        assert_eq!(backoff(30, 1), 60);
        assert_eq!(backoff(30, 3), 240);
        assert_eq!(backoff(30, 15), 3600);
        assert_eq!(backoff(0, 0), 1);
    }
}
