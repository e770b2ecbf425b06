//! A bounded load of logged-in people (issue 15, point 6): every simulated person logs in
//! once from an address of their own on loopback (127.0.x.y, as separate phones would; the
//! per-address login limit stays as it is in production) and then goes through their role's
//! usual visits (`visits`) with a pause between pages, until the time is up. Every answer
//! is checked (status, and where a form leads); each page type's times are kept for
//! percentiles. Used by `esv-load` (200 people, 5 minutes, docs/PERFORMANCE.md) and by a
//! short integration test that keeps it working.

pub mod cast;
mod visits;

use cast::{Cast, Member};
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Settings {
    /// The server, e.g. `http://127.0.0.1:3000`; also the `Origin` of forms.
    pub base: String,
    pub duration: Duration,
    /// People log in spread evenly over this time (they do not all arrive in one instant),
    /// counted within `duration`.
    pub ramp: Duration,
    /// Pause between two pages of one person, drawn evenly from this range (milliseconds).
    pub think_ms: (u64, u64),
}

/// One page type's answers.
#[derive(Debug, Default, Clone)]
pub struct PageTimes {
    /// Microseconds per answered request, in any order.
    pub micros: Vec<u64>,
    pub errors: usize,
}

/// What went wrong, for the first few errors of a run.
#[derive(Debug, Clone)]
pub struct Failure {
    pub page: &'static str,
    pub path: String,
    pub what: String,
}

/// Answers slower than this are also counted by when they happened (`Report::slow`).
const SLOW: Duration = Duration::from_millis(250);

#[derive(Debug, Default)]
pub struct Report {
    /// Answers slower than `SLOW`, per 10 seconds of the run.
    pub slow: BTreeMap<u64, usize>,
    /// Keyed by page type, e.g. "GET /vagas/{id}".
    pub pages: BTreeMap<&'static str, PageTimes>,
    pub failures: Vec<Failure>,
    pub people: usize,
    pub elapsed: Duration,
}

impl Report {
    pub fn requests(&self) -> usize {
        self.pages.values().map(|p| p.micros.len() + p.errors).sum()
    }

    pub fn errors(&self) -> usize {
        self.pages.values().map(|p| p.errors).sum()
    }

    fn merge(&mut self, other: Samples) {
        for (page, times) in other.pages {
            let mine = self.pages.entry(page).or_default();
            mine.micros.extend(times.micros);
            mine.errors += times.errors;
        }
        for (window, n) in other.slow {
            *self.slow.entry(window).or_default() += n;
        }
        let room = 20usize.saturating_sub(self.failures.len());
        self.failures.extend(other.failures.into_iter().take(room));
    }

    /// A Markdown table: one row per page type, times in milliseconds.
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| page type | requests | errors | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|\n",
        );
        for (page, times) in &self.pages {
            let mut sorted = times.micros.clone();
            sorted.sort_unstable();
            let at = |q: f64| percentile(&sorted, q);
            out.push_str(&format!(
                "| `{page}` | {} | {} | {} | {} | {} | {} |\n",
                sorted.len() + times.errors,
                times.errors,
                at(0.50),
                at(0.95),
                at(0.99),
                at(1.0),
            ));
        }
        out
    }

    /// When the slow answers came: "0–10 s: 40, 10–20 s: 3, …" (only windows with some).
    pub fn slow_by_time(&self) -> String {
        let windows: Vec<String> = self
            .slow
            .iter()
            .map(|(w, n)| format!("{}–{} s: {n}", w * 10, w * 10 + 10))
            .collect();
        if windows.is_empty() {
            "none".into()
        } else {
            windows.join(", ")
        }
    }
}

/// The `q` quantile of sorted microseconds, in milliseconds with one decimal (nearest rank).
pub fn percentile(sorted: &[u64], q: f64) -> String {
    if sorted.is_empty() {
        return "–".into();
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    format!("{:.1}", sorted[rank - 1] as f64 / 1000.0)
}

/// One simulated person's own record, merged into the report at the end.
#[derive(Default)]
struct Samples {
    pages: BTreeMap<&'static str, PageTimes>,
    slow: BTreeMap<u64, usize>,
    failures: Vec<Failure>,
}

/// A small deterministic generator (SplitMix64): the same seed draws the same visits.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn draw(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.draw() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

/// What a page must answer to count as served.
pub enum Expect<'a> {
    /// 200 with a page.
    Page,
    /// 303 to a location that starts with this.
    RedirectTo(&'a str),
}

/// A logged-in person's browser: their own connection (and source address), their cookie.
pub struct Person {
    client: reqwest::Client,
    base: String,
    session: String,
    pub member: Member,
    pub rng: Rng,
    samples: Samples,
    started: Instant,
    deadline: Instant,
    think_ms: (u64, u64),
}

impl Person {
    fn record(&mut self, page: &'static str, path: &str, outcome: Result<Duration, String>) {
        let times = self.samples.pages.entry(page).or_default();
        match outcome {
            Ok(took) => {
                times.micros.push(took.as_micros() as u64);
                if took > SLOW {
                    let window = self.started.elapsed().as_secs() / 10;
                    *self.samples.slow.entry(window).or_default() += 1;
                }
            }
            Err(what) => {
                times.errors += 1;
                if self.samples.failures.len() < 5 {
                    self.samples.failures.push(Failure {
                        page,
                        path: path.to_string(),
                        what,
                    });
                }
            }
        }
    }

    async fn send(
        &mut self,
        page: &'static str,
        path: &str,
        req: reqwest::RequestBuilder,
        expect: Expect<'_>,
    ) -> Option<String> {
        let started = Instant::now();
        let answer = async {
            let r = req.send().await.map_err(|e| format!("no answer: {e}"))?;
            let status = r.status().as_u16();
            let location = r
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(String::from);
            let body = r.text().await.map_err(|e| format!("body cut: {e}"))?;
            match expect {
                Expect::Page if status == 200 => Ok(body),
                Expect::RedirectTo(prefix)
                    if status == 303
                        && location.as_deref().is_some_and(|l| l.starts_with(prefix)) =>
                {
                    Ok(body)
                }
                _ => Err(format!(
                    "status {status}, location {location:?}: {}",
                    body.chars().take(300).collect::<String>()
                )),
            }
        }
        .await;
        let took = started.elapsed();
        match answer {
            Ok(body) => {
                self.record(page, path, Ok(took));
                Some(body)
            }
            Err(what) => {
                self.record(page, path, Err(what));
                None
            }
        }
    }

    /// Opens a page; its HTML when it answered 200.
    pub async fn get(&mut self, page: &'static str, path: &str) -> Option<String> {
        let req = self
            .client
            .get(format!("{}{path}", self.base))
            .header("cookie", format!("esv_sessao={}", self.session));
        self.send(page, path, req, Expect::Page).await
    }

    /// Sends a form; whether it led where it should.
    pub async fn post(
        &mut self,
        page: &'static str,
        path: &str,
        form: &[(&str, &str)],
        leads_to: &str,
    ) -> bool {
        let req = self
            .client
            .post(format!("{}{path}", self.base))
            .header("cookie", format!("esv_sessao={}", self.session))
            .header("origin", &self.base)
            .form(form);
        self.send(page, path, req, Expect::RedirectTo(leads_to))
            .await
            .is_some()
    }

    /// The pause a person takes reading a page; false when the run is over.
    pub async fn think(&mut self) -> bool {
        let (low, high) = self.think_ms;
        let pause = low + self.rng.draw() % (high - low + 1);
        tokio::time::sleep(Duration::from_millis(pause)).await;
        Instant::now() < self.deadline
    }
}

/// The loopback address of the `n`th person (from 0): 127.0.1.2, 127.0.1.3, …, then
/// 127.0.2.1 and on (Linux answers the whole 127.0.0.0/8 on `lo`).
pub fn source_address(n: usize) -> IpAddr {
    let n = n as u32 + 1;
    IpAddr::V4(Ipv4Addr::new(
        127,
        0,
        1 + (n / 250) as u8,
        (n % 250) as u8 + 1,
    ))
}

/// Logs everyone in, spread over `settings.ramp`, then runs their visits until
/// `settings.duration` (counted from the start) is over.
pub async fn run(cast: &Cast, settings: &Settings) -> Report {
    let started = Instant::now();
    let deadline = started + settings.duration;
    let mut tasks = Vec::new();
    for (n, member) in cast.members.iter().enumerate() {
        let settings = settings.clone();
        let member = member.clone();
        let open_vacancies = cast.open_vacancies.clone();
        let arrives = settings
            .ramp
            .mul_f64(n as f64 / cast.members.len().max(1) as f64);
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(arrives).await;
            let client = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .local_address(source_address(n))
                .timeout(Duration::from_secs(30))
                .build()
                .expect("an HTTP client");
            let mut person = Person {
                client,
                base: settings.base.clone(),
                session: String::new(),
                member,
                rng: Rng::new(n as u64 + 1),
                samples: Samples::default(),
                started,
                deadline,
                think_ms: settings.think_ms,
            };
            if visits::log_in(&mut person).await {
                while visits::one_visit(&mut person, &open_vacancies).await {}
            }
            person.samples
        }));
    }
    let mut report = Report {
        people: cast.members.len(),
        ..Default::default()
    };
    for task in tasks {
        match task.await {
            Ok(samples) => report.merge(samples),
            Err(e) => {
                report.pages.entry("(a person stopped)").or_default().errors += 1;
                report.failures.push(Failure {
                    page: "(a person stopped)",
                    path: String::new(),
                    what: e.to_string(),
                });
            }
        }
    }
    report.elapsed = started.elapsed();
    report
}
