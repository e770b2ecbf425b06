//! One row per counted fact of an indicator — `person_id`, the day it falls on (`t`) and the
//! indicator's own cuts — as SQL that reads the same on SQLite and PostgreSQL. Only the date
//! arithmetic of the retention marks differs, and is written once per database here.

use crate::domain::monitoring::indicators::retention_months;
use sea_orm::DatabaseBackend;

/// How a fact's day is stored: Unix seconds or an ISO date text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Time {
    Seconds,
    IsoDay,
}

/// The facts of an indicator, and how their `t` is stored. The text holds no input: every
/// value that comes from a request is bound by the caller.
pub fn facts(code: &str, backend: DatabaseBackend) -> Option<(String, Time)> {
    let (sql, time) = match code {
        "acolhimentos" => (
            "SELECT p0.id AS person_id, p0.created_at AS t, p0.first_contact AS origem \
             FROM person p0"
                .to_string(),
            Time::Seconds,
        ),
        "atendimentos" => (
            "SELECT x.person_id, x.happened_on AS t, x.contact_kind AS forma FROM follow_up x"
                .to_string(),
            Time::IsoDay,
        ),
        "demandas" => (
            "SELECT x.person_id, x.updated_at AS t, x.area AS area FROM interview_area x \
             WHERE x.demands IS NOT NULL AND x.demands <> ''"
                .to_string(),
            Time::Seconds,
        ),
        "encaminhamentos" => (
            "SELECT x.person_id, x.created_at AS t, s.area AS area, x.status AS situacao, \
             o.name AS destino FROM referral x JOIN service s ON s.id = x.service_id \
             JOIN organization o ON o.id = x.organization_id"
                .to_string(),
            Time::Seconds,
        ),
        "documentos" => (
            "SELECT x.person_id, x.updated_at AS t, x.kind AS documento FROM person_document x \
             WHERE x.status = 'tem'"
                .to_string(),
            Time::Seconds,
        ),
        "contratacoes" => (
            "SELECT x.person_id, x.started_on AS t, \
             CASE WHEN x.vacancy_id IS NULL THEN 'equipe' ELSE 'vaga' END AS origem \
             FROM hire x WHERE x.status = 'confirmada'"
                .to_string(),
            Time::IsoDay,
        ),
        "plano_saida" => (
            "SELECT p0.id AS person_id, p0.created_at AS t, \
             CASE WHEN EXISTS (SELECT 1 FROM plan_version v WHERE v.person_id = p0.id) \
             THEN 'com_plano' ELSE 'sem_plano' END AS plano \
             FROM person p0 LEFT JOIN person_detail d0 ON d0.person_id = p0.id \
             WHERE p0.status = 'pre_egresso' OR d0.prison_unit IS NOT NULL"
                .to_string(),
            Time::Seconds,
        ),
        "estigma" => (
            "SELECT x.person_id, x.happened_on AS t, x.kind AS tipo, x.setting AS lugar \
             FROM stigma_episode x"
                .to_string(),
            Time::IsoDay,
        ),
        other => {
            let months = retention_months(other)?;
            let mark = month_mark(backend, "x.started_on", months);
            (
                format!(
                    "SELECT x.person_id, {mark} AS t, \
                     CASE WHEN x.ended_on IS NULL OR x.ended_on >= {mark} THEN 'continua' \
                     ELSE 'saiu' END AS situacao FROM hire x WHERE x.status = 'confirmada'"
                ),
                Time::IsoDay,
            )
        }
    };
    Some((sql, time))
}

/// The ISO day `months` after the ISO day in `column`, kept in the last day of a shorter
/// month (31 January + 1 month = 28 or 29 February), on both databases: PostgreSQL's interval
/// does that; SQLite's `+N months` runs into the next month, so it takes the earlier of that
/// and the target month's last day.
fn month_mark(backend: DatabaseBackend, column: &str, months: u32) -> String {
    match backend {
        DatabaseBackend::Postgres => {
            format!("TO_CHAR(CAST({column} AS DATE) + INTERVAL '{months} months', 'YYYY-MM-DD')")
        }
        _ => format!(
            "MIN(DATE({column}, '+{months} months'), \
             DATE({column}, 'start of month', '+{next} months', '-1 day'))",
            next = months + 1
        ),
    }
}
