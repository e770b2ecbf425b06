//! Typed configuration from the environment. Every problem is reported with the variable's
//! name and what was expected, and the server refuses to start.

use app::domain::devices::PushEndpoints;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Clone)]
pub struct Config {
    /// `ESV_BIND`, default `127.0.0.1:3000`.
    pub bind: SocketAddr,
    /// `ESV_DATA_DIR`, default `./data`: the SQLite file and the generated JWT secret.
    pub data_dir: PathBuf,
    /// `ESV_DATABASE_URL`, default SQLite in the data dir; `postgres://…` for PostgreSQL.
    pub database_url: String,
    /// `ESV_JWT_SECRET`, or generated on first start into `<data dir>/jwt-secret` (0600).
    pub jwt_secret: Vec<u8>,
    /// `ESV_PUBLIC_URL` as an origin (`scheme://host[:port]`), default `http://<bind>`.
    pub public_origin: String,
    /// `ESV_SITE_DIR`, default `target/site`: the built static site (WASM, CSS, PWA files).
    pub site_dir: PathBuf,
    /// `ESV_DEMO_DATA=1` seeds the demo data into an empty database.
    pub demo_data: bool,
    /// `ESV_DEMO_ANO`, default as `ESV_DEMO_DATA`: with the demo data, a year of activity in
    /// 7 cities (people, contacts, referrals, hires…) so the monitoring pages have data.
    pub demo_year: bool,
    /// `ESV_SELO_MIN_CONTRATACOES`, default 3: confirmed hires in the last 12 months that earn
    /// a company the Selo Empresa Parceira on its vacancies.
    pub seal_min_hires: usize,
    /// `ESV_DATA_KEY` (base64url, 32 bytes), or generated into `<data dir>/data-key`: seals
    /// device push keys and calendar secrets in the database. Several servers share one.
    pub data_key: [u8; 32],
    /// `ESV_VAPID_PRIVATE_KEY` (base64url raw P-256 scalar), or generated into
    /// `<data dir>/vapid-private-key`: signs Web Push requests (RFC 8292).
    pub vapid_private_key: String,
    /// `ESV_PUSH_CONTATO`, default the public URL when https: the VAPID `sub` (a mailto: or
    /// https: URL the push services can reach the operator at).
    pub push_contact: String,
    /// `ESV_LEMBRETES_HORAS`, default `24,2`: hours before an appointment that reminders go.
    pub reminder_offsets: Vec<i64>,
    /// `ESV_PUSH_SERVICOS` (comma-separated hosts, `*.domain` for a whole domain), default
    /// the known Web Push services (`app::domain::devices::KNOWN_PUSH_SERVICES`): the only
    /// https hosts notices are posted to. Loopback http is added when the server itself runs
    /// on http (development, tests).
    pub push_endpoints: PushEndpoints,
    /// The push worker (`ESV_PUSH_*`).
    pub push_worker: PushWorkerConfig,
    /// `ESV_CACHE_PUBLICO`, default 1: keep public job searches in memory for a few seconds.
    /// 0 turns the caches off (the benchmark's cold path).
    pub public_cache: bool,
}

/// How this process sends notices. Every server runs a worker; they share the work through
/// the database.
#[derive(Clone, Debug)]
pub struct PushWorkerConfig {
    /// `ESV_PUSH_WORKER`, default 1; 0 runs no worker in this process.
    pub enabled: bool,
    /// `ESV_PUSH_INTERVALO_MS`, default 1000: how often an idle worker looks for due work.
    pub poll_ms: u64,
    /// `ESV_PUSH_PRAZO_S`, default 60: how long a claimed message is reserved for its worker
    /// (if the worker dies, another takes it after this).
    pub lease_secs: i64,
    /// `ESV_PUSH_ESPERA_S`, default 30: the first wait before retrying after 429 or 5xx; each
    /// further wait doubles, up to 1 hour.
    pub retry_secs: i64,
    /// `ESV_PUSH_TENTATIVAS`, default 5: attempts before a message is given up.
    pub max_attempts: i32,
    /// `ESV_PUSH_LOTE`, default 200: messages claimed at once.
    pub batch: u64,
    /// `ESV_PUSH_SIMULTANEOS`, default 64: requests in flight at once, per loop.
    pub concurrency: usize,
    /// `ESV_PUSH_LACOS`, default 2: batches in progress at once in this process (PostgreSQL;
    /// SQLite always uses one).
    pub loops: usize,
}

impl Default for PushWorkerConfig {
    fn default() -> Self {
        PushWorkerConfig {
            enabled: true,
            poll_ms: 1000,
            lease_secs: 60,
            retry_secs: 30,
            max_attempts: 5,
            batch: 200,
            concurrency: 64,
            loops: 2,
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the secret or the database password.
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field("database", &redact_url(&self.database_url))
            .field("public_origin", &self.public_origin)
            .field("site_dir", &self.site_dir)
            .field("demo_data", &self.demo_data)
            .field("demo_year", &self.demo_year)
            .field("seal_min_hires", &self.seal_min_hires)
            .field("push_contact", &self.push_contact)
            .field("reminder_offsets", &self.reminder_offsets)
            .field("push_endpoints", &self.push_endpoints)
            .field("push_worker", &self.push_worker)
            .field("public_cache", &self.public_cache)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{var}: {problem}")]
    Invalid { var: &'static str, problem: String },
    #[error("{path}: {problem}")]
    File { path: String, problem: String },
}

fn invalid(var: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        var,
        problem: problem.into(),
    }
}

/// The smallest secret accepted: 32 bytes (256 bits) for HS256.
const MIN_SECRET_BYTES: usize = 32;

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let bind_text = get("ESV_BIND").unwrap_or_else(|| "127.0.0.1:3000".into());
        let bind: SocketAddr = bind_text.parse().map_err(|_| {
            invalid(
                "ESV_BIND",
                format!("expected host:port such as 127.0.0.1:3000, got '{bind_text}'"),
            )
        })?;
        let data_dir = PathBuf::from(get("ESV_DATA_DIR").unwrap_or_else(|| "./data".into()));
        create_private_dir(&data_dir).map_err(|e| {
            invalid(
                "ESV_DATA_DIR",
                format!("cannot create {}: {e}", data_dir.display()),
            )
        })?;
        let database_url = match get("ESV_DATABASE_URL") {
            Some(url)
                if url.starts_with("sqlite:")
                    || url.starts_with("postgres://")
                    || url.starts_with("postgresql://") =>
            {
                url
            }
            Some(url) => {
                return Err(invalid(
                    "ESV_DATABASE_URL",
                    format!(
                        "expected sqlite:… or postgres://…, got '{}'",
                        redact_url(&url)
                    ),
                ));
            }
            None => format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("esv.sqlite3").display()
            ),
        };
        let jwt_secret = match get("ESV_JWT_SECRET") {
            Some(s) if s.len() >= MIN_SECRET_BYTES => s.into_bytes(),
            Some(_) => {
                return Err(invalid(
                    "ESV_JWT_SECRET",
                    format!(
                        "must be at least {MIN_SECRET_BYTES} characters; unset it to have one generated"
                    ),
                ));
            }
            None => load_or_create_secret(&data_dir.join("jwt-secret"), 64)?,
        };
        let public_origin = match get("ESV_PUBLIC_URL") {
            Some(url) => parse_origin(&url).ok_or_else(|| {
                invalid(
                    "ESV_PUBLIC_URL",
                    format!("expected http(s)://host[:port] with no path, got '{url}'"),
                )
            })?,
            None => format!("http://{bind}"),
        };
        let site_dir = PathBuf::from(get("ESV_SITE_DIR").unwrap_or_else(|| "target/site".into()));
        let demo_data = flag(&get, "ESV_DEMO_DATA", false)?;
        let demo_year = flag(&get, "ESV_DEMO_ANO", demo_data)?;
        let public_cache = flag(&get, "ESV_CACHE_PUBLICO", true)?;
        let seal_min_hires = match get("ESV_SELO_MIN_CONTRATACOES") {
            None => 3,
            Some(n) => n
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=10_000).contains(n))
                .ok_or_else(|| {
                    invalid(
                        "ESV_SELO_MIN_CONTRATACOES",
                        format!("expected a whole number from 1 to 10000, got '{n}'"),
                    )
                })?,
        };
        let data_key = match get("ESV_DATA_KEY") {
            Some(k) => decode_key(&k).ok_or_else(|| {
                invalid(
                    "ESV_DATA_KEY",
                    "expected 32 bytes in base64url (43 characters); unset it to have one generated",
                )
            })?,
            None => {
                let bytes = load_or_create_secret(&data_dir.join("data-key"), 32)?;
                bytes[..32].try_into().map_err(|_| ConfigError::File {
                    path: data_dir.join("data-key").display().to_string(),
                    problem: "too short; it must hold 32 bytes".into(),
                })?
            }
        };
        let vapid_private_key = match get("ESV_VAPID_PRIVATE_KEY") {
            Some(k) => {
                decode_key(&k).ok_or_else(|| {
                    invalid(
                        "ESV_VAPID_PRIVATE_KEY",
                        "expected a raw P-256 private key, 32 bytes in base64url",
                    )
                })?;
                k.trim().to_string()
            }
            None => {
                let bytes = load_or_create_secret(&data_dir.join("vapid-private-key"), 32)?;
                URL_SAFE_NO_PAD.encode(&bytes[..32])
            }
        };
        let push_contact = match get("ESV_PUSH_CONTATO") {
            Some(c) if c.starts_with("mailto:") || c.starts_with("https://") => c,
            Some(c) => {
                return Err(invalid(
                    "ESV_PUSH_CONTATO",
                    format!("expected mailto:… or https://…, got '{c}'"),
                ));
            }
            // RFC 8292 §2.1: `sub` is a mailto: or https: URI. An http origin (development)
            // cannot be one, so a local address stands in.
            None if public_origin.starts_with("https://") => public_origin.clone(),
            None => "mailto:esv@localhost".into(),
        };
        let reminder_offsets = match get("ESV_LEMBRETES_HORAS") {
            Some(h) => app::domain::reminders::parse_hours(&h)
                .map_err(|problem| invalid("ESV_LEMBRETES_HORAS", problem))?,
            None => app::domain::reminders::DEFAULT_HOURS
                .iter()
                .map(|h| h * 3600)
                .collect(),
        };
        let push_worker = push_worker_config(&get)?;
        let loopback = !public_origin.starts_with("https://");
        let push_endpoints = match get("ESV_PUSH_SERVICOS") {
            None => PushEndpoints::known(loopback),
            Some(list) => {
                let entries: Vec<String> = list
                    .split(',')
                    .map(str::trim)
                    .filter(|e| !e.is_empty())
                    .map(str::to_string)
                    .collect();
                if entries.is_empty() {
                    return Err(invalid("ESV_PUSH_SERVICOS", "the list is empty"));
                }
                PushEndpoints::new(&entries, loopback).map_err(|bad| {
                    invalid(
                        "ESV_PUSH_SERVICOS",
                        format!("expected host names or *.domain, got '{bad}'"),
                    )
                })?
            }
        };
        Ok(Config {
            bind,
            data_dir,
            database_url,
            jwt_secret,
            public_origin,
            site_dir,
            demo_data,
            demo_year,
            seal_min_hires,
            data_key,
            vapid_private_key,
            push_contact,
            reminder_offsets,
            push_endpoints,
            push_worker,
            public_cache,
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_origin.starts_with("https://")
    }
}

fn decode_key(text: &str) -> Option<[u8; 32]> {
    URL_SAFE_NO_PAD
        .decode(text.trim().trim_end_matches('='))
        .ok()?
        .try_into()
        .ok()
}

/// A 1/0 (or true/false) setting.
fn flag(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: bool,
) -> Result<bool, ConfigError> {
    match get(name).as_deref() {
        None => Ok(default),
        Some("0") | Some("false") => Ok(false),
        Some("1") | Some("true") => Ok(true),
        Some(other) => Err(invalid(name, format!("expected 1 or 0, got '{other}'"))),
    }
}

fn push_worker_config(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<PushWorkerConfig, ConfigError> {
    fn number<T: std::str::FromStr + PartialOrd + Copy + std::fmt::Display>(
        get: &impl Fn(&str) -> Option<String>,
        var: &'static str,
        default: T,
        min: T,
        max: T,
    ) -> Result<T, ConfigError> {
        match get(var) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse::<T>()
                .ok()
                .filter(|n| *n >= min && *n <= max)
                .ok_or_else(|| {
                    invalid(
                        var,
                        format!("expected a number from {min} to {max}, got '{v}'"),
                    )
                }),
        }
    }
    let d = PushWorkerConfig::default();
    Ok(PushWorkerConfig {
        enabled: number(get, "ESV_PUSH_WORKER", 1u8, 0, 1)? == 1,
        poll_ms: number(get, "ESV_PUSH_INTERVALO_MS", d.poll_ms, 10, 60_000)?,
        lease_secs: number(get, "ESV_PUSH_PRAZO_S", d.lease_secs, 1, 3600)?,
        retry_secs: number(get, "ESV_PUSH_ESPERA_S", d.retry_secs, 0, 3600)?,
        max_attempts: number(get, "ESV_PUSH_TENTATIVAS", d.max_attempts, 1, 20)?,
        batch: number(get, "ESV_PUSH_LOTE", d.batch, 1, 5000)?,
        concurrency: number(get, "ESV_PUSH_SIMULTANEOS", d.concurrency, 1, 1024)?,
        loops: number(get, "ESV_PUSH_LACOS", d.loops, 1, 16)?,
    })
}

/// The data dir holds the database (personal data) and the secret: only its owner may enter.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

/// `https://esv.exemplo.gov.br/` → `https://esv.exemplo.gov.br`; anything with a path is refused.
pub fn parse_origin(url: &str) -> Option<String> {
    let url = url.trim().trim_end_matches('/');
    let (scheme, rest) = url.split_once("://")?;
    if !(scheme == "http" || scheme == "https")
        || rest.is_empty()
        || rest.contains(['/', '?', '#', '@'])
    {
        return None;
    }
    Some(format!("{scheme}://{}", rest.to_lowercase()))
}

fn redact_url(url: &str) -> String {
    match (url.split_once("://"), url.rfind('@')) {
        (Some((scheme, _)), Some(at)) => format!("{scheme}://***{}", &url[at..]),
        _ => url.to_string(),
    }
}

/// Reads the secret file, or creates it with `len` random bytes readable only by its owner.
fn load_or_create_secret(path: &Path, len: usize) -> Result<Vec<u8>, ConfigError> {
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file_err = |problem: String| ConfigError::File {
        path: path.display().to_string(),
        problem,
    };
    match std::fs::read(path) {
        Ok(bytes) => {
            let mode = std::fs::metadata(path)
                .map_err(|e| file_err(e.to_string()))?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                return Err(file_err(format!(
                    "readable by others (mode {:o}); run: chmod 600 {}",
                    mode & 0o777,
                    path.display()
                )));
            }
            if bytes.len() < len.min(MIN_SECRET_BYTES) {
                return Err(file_err(
                    "too short; delete it to have a new one generated".into(),
                ));
            }
            Ok(bytes)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            use rand::RngCore;
            let mut secret = vec![0u8; len];
            rand::rngs::OsRng.fill_bytes(&mut secret);
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
                .map_err(|e| file_err(e.to_string()))?;
            file.write_all(&secret)
                .map_err(|e| file_err(e.to_string()))?;
            Ok(secret)
        }
        Err(e) => Err(file_err(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    fn temp_dir(name: &str) -> String {
        let dir = std::env::temp_dir().join(format!("esv-config-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.display().to_string()
    }

    #[test]
    fn defaults_to_sqlite_in_the_data_dir_and_generates_a_private_secret() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_dir("defaults");
        let config = Config::from_lookup(lookup(&[("ESV_DATA_DIR", &dir)])).unwrap();
        assert!(config.database_url.starts_with("sqlite://") && config.database_url.contains(&dir));
        assert_eq!(config.public_origin, "http://127.0.0.1:3000");
        let dir_mode = std::fs::metadata(&dir).unwrap().permissions().mode();
        assert_eq!(dir_mode & 0o777, 0o700, "the data dir is private");
        let secret_path = Path::new(&dir).join("jwt-secret");
        let mode = std::fs::metadata(&secret_path)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        // The same secret on the next start: sessions survive a restart.
        let again = Config::from_lookup(lookup(&[("ESV_DATA_DIR", &dir)])).unwrap();
        assert_eq!(config.jwt_secret, again.jwt_secret);
        assert!(!format!("{config:?}").contains("jwt"));
    }

    #[test]
    fn refuses_bad_values_naming_the_variable() {
        let dir = temp_dir("bad");
        let err = |pairs: &[(&str, &str)]| {
            Config::from_lookup(lookup(pairs))
                .err()
                .unwrap()
                .to_string()
        };
        assert!(err(&[("ESV_DATA_DIR", &dir), ("ESV_BIND", "3000")]).starts_with("ESV_BIND"));
        assert!(
            err(&[("ESV_DATA_DIR", &dir), ("ESV_DATABASE_URL", "mysql://x")])
                .starts_with("ESV_DATABASE_URL")
        );
        assert!(
            err(&[("ESV_DATA_DIR", &dir), ("ESV_JWT_SECRET", "short")])
                .starts_with("ESV_JWT_SECRET")
        );
        assert!(
            err(&[
                ("ESV_DATA_DIR", &dir),
                ("ESV_PUBLIC_URL", "https://x.org/app")
            ])
            .starts_with("ESV_PUBLIC_URL")
        );
        let leaked = err(&[
            ("ESV_DATA_DIR", &dir),
            ("ESV_DATABASE_URL", "mysql://u:senha@h/db"),
        ]);
        assert!(!leaked.contains("senha"), "{leaked}");
    }

    #[test]
    fn refuses_a_secret_file_others_can_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_dir("perm");
        std::fs::create_dir_all(&dir).unwrap();
        let path = Path::new(&dir).join("jwt-secret");
        std::fs::write(&path, [7u8; 64]).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = Config::from_lookup(lookup(&[("ESV_DATA_DIR", &dir)]))
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("chmod 600"), "{err}");
    }

    #[test]
    fn push_keys_are_generated_once_private_and_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_dir("push-keys");
        let first = Config::from_lookup(lookup(&[("ESV_DATA_DIR", &dir)])).unwrap();
        for file in ["data-key", "vapid-private-key"] {
            let mode = std::fs::metadata(Path::new(&dir).join(file))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{file}");
        }
        let again = Config::from_lookup(lookup(&[("ESV_DATA_DIR", &dir)])).unwrap();
        assert_eq!(first.data_key, again.data_key);
        assert_eq!(first.vapid_private_key, again.vapid_private_key);
        assert_eq!(first.reminder_offsets, vec![24 * 3600, 2 * 3600]);
        // An http public URL cannot be a VAPID contact (RFC 8292): a mailto: stands in.
        assert_eq!(first.push_contact, "mailto:esv@localhost");
        let printed = format!("{first:?}");
        assert!(!printed.contains(&first.vapid_private_key));
    }

    #[test]
    fn push_settings_from_the_environment_are_checked() {
        let dir = temp_dir("push-env");
        let key = "IQ9Ur0ykXoHS9gzfYX0aBjy9lvdrjx_PFUXmie9YRcY";
        let config = Config::from_lookup(lookup(&[
            ("ESV_DATA_DIR", &dir),
            ("ESV_DATA_KEY", key),
            ("ESV_VAPID_PRIVATE_KEY", key),
            ("ESV_LEMBRETES_HORAS", "48, 3"),
            ("ESV_PUSH_CONTATO", "mailto:suporte@esv.example"),
            ("ESV_PUSH_LOTE", "100"),
        ]))
        .unwrap();
        assert_eq!(config.vapid_private_key, key);
        assert_eq!(config.reminder_offsets, vec![48 * 3600, 3 * 3600]);
        assert_eq!(config.push_worker.batch, 100);
        assert!(
            !Path::new(&dir).join("data-key").exists(),
            "no file when the env has it"
        );
        let err = |pairs: &[(&str, &str)]| {
            let mut all = vec![("ESV_DATA_DIR", dir.as_str())];
            all.extend_from_slice(pairs);
            Config::from_lookup(lookup(&all)).err().unwrap().to_string()
        };
        assert!(err(&[("ESV_DATA_KEY", "short")]).starts_with("ESV_DATA_KEY"));
        assert!(err(&[("ESV_LEMBRETES_HORAS", "0")]).starts_with("ESV_LEMBRETES_HORAS"));
        assert!(err(&[("ESV_PUSH_CONTATO", "http://x")]).starts_with("ESV_PUSH_CONTATO"));
        assert!(err(&[("ESV_PUSH_LOTE", "0")]).starts_with("ESV_PUSH_LOTE"));
        assert!(err(&[("ESV_PUSH_SERVICOS", "10.0.0.5")]).starts_with("ESV_PUSH_SERVICOS"));
        assert!(err(&[("ESV_PUSH_SERVICOS", " , ")]).starts_with("ESV_PUSH_SERVICOS"));
        assert!(
            config
                .push_endpoints
                .allows("https://fcm.googleapis.com/fcm/send/a")
        );
        assert!(
            config.push_endpoints.allows("http://127.0.0.1:9/p"),
            "the server runs on http here"
        );
        let own = Config::from_lookup(lookup(&[
            ("ESV_DATA_DIR", &dir),
            ("ESV_PUBLIC_URL", "https://esv.exemplo.gov.br"),
            (
                "ESV_PUSH_SERVICOS",
                "push.exemplo.gov.br, *.notify.windows.com",
            ),
        ]))
        .unwrap();
        assert!(own.push_endpoints.allows("https://push.exemplo.gov.br/x"));
        assert!(own.push_endpoints.allows("https://a.notify.windows.com/x"));
        assert!(!own.push_endpoints.allows("https://fcm.googleapis.com/x"));
        assert!(
            !own.push_endpoints.allows("http://127.0.0.1:9/p"),
            "no loopback in production"
        );
    }

    #[test]
    fn https_public_url_means_secure_cookies() {
        let dir = temp_dir("https");
        let config = Config::from_lookup(lookup(&[
            ("ESV_DATA_DIR", &dir),
            ("ESV_PUBLIC_URL", "https://ESV.exemplo.gov.br/"),
        ]))
        .unwrap();
        assert_eq!(config.public_origin, "https://esv.exemplo.gov.br");
        assert!(config.secure_cookies());
    }
}
