use super::limiter::AttemptLimiter;
use super::tokens::TokenKeys;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Everything a request handler may use. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub tokens: Arc<TokenKeys>,
    pub limiter: Arc<AttemptLimiter>,
    pub site: Arc<Site>,
    /// Public data many people ask for at once (search results, filter lists).
    pub public: Arc<super::cache::PublicCache>,
    /// Send the session cookie with `Secure` (when the public URL is https).
    pub secure_cookies: bool,
    /// `scheme://host[:port]` of the public URL, for the cross-origin check.
    pub public_origin: Arc<str>,
    /// Confirmed hires in 12 months that earn the Selo Empresa Parceira (configurable).
    pub seal_min_hires: usize,
    /// Web Push and secrets at rest.
    pub push: Arc<PushSettings>,
    /// The job board's search index (`server::search`).
    pub search: Arc<super::search::VacancyIndex>,
}

impl AppState {
    /// After a vacancy was saved, paused, resumed or closed (committed): this server's index
    /// and public caches show it at once. On PostgreSQL the other servers hear of it through
    /// the database (`search::listen`). A failed reload is logged, not shown to the company:
    /// its write is done, and the next notification or restart brings the index in line.
    pub async fn vacancy_changed(&self, id: i32) {
        if let Err(e) = self.search.refresh(&self.db, &[id]).await {
            tracing::warn!(error = %e, vacancy = id, "search index: refresh failed");
        }
        self.public.vacancies_changed();
    }
}

/// What pages and services need for notices: the key browsers subscribe with, the key that
/// seals device secrets, and when reminders go out.
pub struct PushSettings {
    /// The VAPID public key (uncompressed P-256 point, base64url): `applicationServerKey`.
    pub vapid_public_key: String,
    pub data_key: super::seal::DataKey,
    /// Seconds before an appointment that reminders go out, largest first.
    pub reminder_offsets: Vec<i64>,
    /// The only addresses notices may go to: the known push services (and loopback http in
    /// development and tests). Checked when a device subscribes and again before each send.
    pub endpoints: crate::domain::devices::PushEndpoints,
}

/// The built static site: where it is and what its hashed asset names are.
pub struct Site {
    /// The small bundle (`esv`): islands that call no server function.
    pub leptos: LeptosOptions,
    /// The bundle with every island (`esv-acoes`), for pages with an action island; `None`
    /// when the site was built without it (pages then link the small one).
    pub actions: Option<LeptosOptions>,
    /// `/pkg/esv.<hash>.css`
    pub css_href: String,
}
