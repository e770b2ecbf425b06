//! Monitoring (issue 14; domain.md, "Monitoring"): the programme's indicators for a period,
//! for one unit (its coordination), one UF or the whole country (administration), cut by who
//! the people are. Counted in SQL; only aggregates leave this module, each figure under
//! `MIN_PEOPLE` people hidden with its complements (`domain::monitoring::suppress`). No case
//! file is read, so the administration sees these without seeing any person.

pub mod csv;
pub mod facts;
mod labels;

use crate::domain::FieldErrors;
use crate::domain::monitoring::indicators::{Indicator, Measure, indicator, retention_months};
use crate::domain::monitoring::period::start_of_day;
use crate::domain::monitoring::suppress::{Grid, Hidden, Member, protect};
use crate::domain::monitoring::{Period, PeriodQuery, age_thresholds};
use crate::domain::place::UFS;
use crate::server::actor::MonitorActor;
use crate::server::error::WebError;
use crate::server::sql::Sql;
use facts::{Time, facts};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use std::collections::HashMap;

/// Whose people a report counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Area {
    Unit(i32),
    Uf(&'static str),
    Country,
}

/// The monitoring form, as typed (a GET form: the address is the report, to share or keep).
#[derive(Clone, Debug, Default, serde::Deserialize, PartialEq)]
#[serde(default)]
pub struct MonitoringQuery {
    pub indicador: String,
    pub corte: String,
    pub corte2: String,
    /// Administration only: a UF, or empty for the whole country.
    pub uf: String,
    pub periodo: String,
    pub ano: String,
    pub mes: String,
    pub trimestre: String,
    pub de: String,
    pub ate: String,
}

impl MonitoringQuery {
    pub fn period_query(&self) -> PeriodQuery {
        PeriodQuery {
            periodo: self.periodo.clone(),
            ano: self.ano.clone(),
            mes: self.mes.clone(),
            trimestre: self.trimestre.clone(),
            de: self.de.clone(),
            ate: self.ate.clone(),
        }
    }
}

/// A checked request: what to count, when, where, split how.
#[derive(Clone, Debug)]
pub struct Choice {
    pub indicator: &'static Indicator,
    pub period: Period,
    pub area: Area,
    pub cut: &'static str,
    pub cut2: Option<&'static str>,
}

/// The cut an indicator opens with: its own outcome where it has one, else race
/// (Res. CNJ 307/2019 asks for race and gender first).
pub fn default_cut(ind: &Indicator) -> &'static str {
    match ind.code {
        "plano_saida" => "plano",
        c if retention_months(c).is_some() => "situacao",
        _ => "raca",
    }
}

pub fn area_for(me: &MonitorActor, uf: &str) -> Result<Area, &'static str> {
    match me.unit_id {
        Some(unit) => Ok(Area::Unit(unit)),
        None => match uf.trim() {
            "" => Ok(Area::Country),
            typed => UFS
                .iter()
                .find(|(code, _, _)| code.eq_ignore_ascii_case(typed))
                .map(|(code, _, _)| Area::Uf(code))
                .ok_or("Escolha uma UF da lista, ou deixe em branco para o Brasil."),
        },
    }
}

/// Reads the form. Errors name the field they belong to, in pt-BR.
pub fn choose(q: &MonitoringQuery, me: &MonitorActor, today: &str) -> Result<Choice, FieldErrors> {
    let mut errors = FieldErrors::default();
    let ind = match q.indicador.trim() {
        "" => indicator("acolhimentos"),
        code => indicator(code),
    };
    if ind.is_none() {
        errors.add("indicador", "Escolha um indicador da lista.");
    }
    let period = q
        .period_query()
        .parse(today)
        .map_err(|e| errors.add(e.field, e.message));
    let area = area_for(me, &q.uf).map_err(|m| errors.add("uf", m));
    let mut cuts = (None, None);
    if let (Some(ind), Ok(area)) = (ind, &area) {
        let offered = ind.cuts(!matches!(area, Area::Unit(_)));
        let find = |typed: &str| offered.iter().find(|(c, _)| *c == typed).map(|(c, _)| *c);
        cuts.0 = match q.corte.trim() {
            "" => Some(default_cut(ind)),
            typed => find(typed).or_else(|| {
                errors.add("corte", "Escolha uma divisão da lista.");
                None
            }),
        };
        cuts.1 = match q.corte2.trim() {
            "" => None,
            typed if Some(typed) == cuts.0 => {
                errors.add(
                    "corte2",
                    "Escolha uma segunda divisão diferente da primeira.",
                );
                None
            }
            typed => find(typed).or_else(|| {
                errors.add(
                    "corte2",
                    "Escolha uma divisão da lista, ou deixe em branco.",
                );
                None
            }),
        };
    }
    match (ind, period, area, cuts.0) {
        (Some(indicator), Ok(period), Ok(area), Some(cut)) if errors.is_empty() => Ok(Choice {
            indicator,
            period,
            area,
            cut,
            cut2: cuts.1,
        }),
        _ => Err(errors),
    }
}

/// One published figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    Shown(u64),
    Hidden,
}

impl Figure {
    pub fn value(self) -> Option<u64> {
        match self {
            Figure::Shown(n) => Some(n),
            Figure::Hidden => None,
        }
    }
}

/// A published table: every figure already protected.
#[derive(Clone, Debug)]
pub struct Table {
    pub caption: String,
    pub row_head: String,
    /// The second cut's name; None when the table has one column (the measure).
    pub col_head: Option<String>,
    pub rows: Vec<(String, String)>,
    pub cols: Vec<(String, String)>,
    pub cells: Vec<Vec<Figure>>,
    /// Empty when the table has one column.
    pub row_totals: Vec<Figure>,
    pub col_totals: Vec<Figure>,
    pub total: Figure,
    /// What the figures count ("pessoas", "atendimentos").
    pub noun: &'static str,
}

#[derive(Clone, Debug)]
pub struct Report {
    pub choice: Choice,
    pub area_name: String,
    /// `cut` (rows) × `cut2` (columns), or `cut` alone.
    pub table: Table,
    /// Months × `cut`: the chart's data.
    pub over_time: Table,
    pub people: Figure,
    pub events: Figure,
}

/// Counts of one group: distinct people and facts.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    people: u64,
    events: u64,
}

/// A dimension of a grouping.
#[derive(Clone, Copy, Debug)]
enum Dim {
    Month,
    Cut(&'static str),
}

pub async fn report(db: &DatabaseConnection, choice: Choice) -> Result<Report, WebError> {
    let backend = db.get_database_backend();
    let counter = Counter {
        db,
        backend,
        choice: &choice,
    };
    let names = labels::Names::load(db, &choice).await?;
    let a = Dim::Cut(choice.cut);
    let (main_raw, row_codes) = counter.raw(a, choice.cut2.map(Dim::Cut), &names).await?;
    let main_hidden = protect(&main_raw.grid, &[], &[]);
    // The chart's columns are the table's rows: the same numbers, hidden the same way.
    let mut force = Vec::new();
    let mut keep = Vec::new();
    let over_raw = counter.raw(Dim::Month, Some(a), &names).await?.0;
    for (c, (code, _)) in over_raw.cols.iter().enumerate() {
        let Some(r) = row_codes.iter().position(|x| x == code) else {
            continue;
        };
        let twin = if main_raw.cols.len() > 1 {
            Member::Row(r)
        } else {
            Member::Cell(r, 0)
        };
        let target = if over_raw.cols.len() > 1 {
            Member::Col(c)
        } else {
            Member::Total
        };
        if main_hidden.hides(twin) {
            force.push(target);
        } else {
            keep.push(target);
        }
    }
    if main_hidden.hides(Member::Total) {
        force.push(Member::Total);
    } else {
        keep.push(Member::Total);
    }
    let over_hidden = protect(&over_raw.grid, &force, &keep);
    let ind = choice.indicator;
    let people = if main_hidden.hides(Member::Total) {
        Figure::Hidden
    } else {
        Figure::Shown(main_raw.totals.people)
    };
    let events = match people {
        Figure::Hidden => Figure::Hidden,
        Figure::Shown(_) => Figure::Shown(main_raw.totals.events),
    };
    let caption = match choice.cut2 {
        Some(b) => format!(
            "{} por {} e {}",
            ind.title,
            lower(ind.cut_label(choice.cut).unwrap_or_default()),
            lower(ind.cut_label(b).unwrap_or_default())
        ),
        None => format!(
            "{} por {}",
            ind.title,
            lower(ind.cut_label(choice.cut).unwrap_or_default())
        ),
    };
    let table = main_raw.publish(caption, ind, &main_hidden);
    let over_caption = format!(
        "{} por mês e {}",
        ind.title,
        lower(ind.cut_label(choice.cut).unwrap_or_default())
    );
    let over_time = over_raw.publish(over_caption, ind, &over_hidden);
    Ok(Report {
        area_name: names.area.clone(),
        choice,
        table,
        over_time,
        people,
        events,
    })
}

fn lower(label: &str) -> String {
    // "UF" stays as written; other names start lower-case inside a sentence.
    if label.chars().nth(1).is_some_and(char::is_uppercase) {
        return label.to_string();
    }
    crate::domain::text::first_letter(label, false)
}

/// A table before protection.
struct Raw {
    rows: Vec<(String, String)>,
    cols: Vec<(String, String)>,
    grid: Grid,
    events: Vec<Vec<u64>>,
    row_events: Vec<u64>,
    col_events: Vec<u64>,
    totals: Counts,
    row_head: String,
    col_head: Option<String>,
}

impl Raw {
    fn publish(&self, caption: String, ind: &Indicator, hidden: &Hidden) -> Table {
        let events = ind.measure == Measure::Events;
        let figure = |m: Member, people: u64, count: u64| {
            if hidden.hides(m) {
                Figure::Hidden
            } else if events {
                Figure::Shown(count)
            } else {
                Figure::Shown(people)
            }
        };
        let one_col = self.cols.len() <= 1;
        Table {
            caption,
            row_head: self.row_head.clone(),
            col_head: self.col_head.clone(),
            rows: self.rows.clone(),
            cols: self.cols.clone(),
            cells: (0..self.rows.len())
                .map(|r| {
                    (0..self.cols.len().max(1))
                        .map(|c| {
                            figure(Member::Cell(r, c), self.grid.cells[r][c], self.events[r][c])
                        })
                        .collect()
                })
                .collect(),
            row_totals: if one_col {
                Vec::new()
            } else {
                (0..self.rows.len())
                    .map(|r| figure(Member::Row(r), self.grid.row_totals[r], self.row_events[r]))
                    .collect()
            },
            col_totals: if one_col {
                Vec::new()
            } else {
                (0..self.cols.len())
                    .map(|c| figure(Member::Col(c), self.grid.col_totals[c], self.col_events[c]))
                    .collect()
            },
            total: figure(Member::Total, self.totals.people, self.totals.events),
            noun: ind.noun,
        }
    }
}

struct Counter<'a> {
    db: &'a DatabaseConnection,
    backend: sea_orm::DatabaseBackend,
    choice: &'a Choice,
}

impl Counter<'_> {
    /// Counts grouped by `dims` (none, one or two), keyed by their codes.
    async fn group(&self, dims: &[Dim]) -> Result<Vec<(Vec<String>, Counts)>, DbErr> {
        let choice = self.choice;
        let Some((fact_sql, time)) = facts(choice.indicator.code, self.backend) else {
            return Ok(Vec::new());
        };
        let mut sql = Sql::new(self.backend, "SELECT ");
        for (i, dim) in dims.iter().enumerate() {
            self.dim_expr(&mut sql, *dim, time);
            sql.push(&format!(" AS k{i}, "));
        }
        sql.push("COUNT(DISTINCT f.person_id) AS people, COUNT(*) AS events FROM (");
        sql.push(&fact_sql);
        sql.push(
            ") f JOIN person p ON p.id = f.person_id \
             LEFT JOIN person_detail d ON d.person_id = p.id \
             JOIN unit u ON u.id = p.unit_id WHERE f.t >= ",
        );
        // Retention counts only marks already reached: a later one is not yet known.
        let today = crate::domain::dates::iso_date(crate::server::now());
        let end = if retention_months(choice.indicator.code).is_some() {
            choice.period.end.clone().min(today)
        } else {
            choice.period.end.clone()
        };
        match time {
            Time::Seconds => {
                sql.bind(choice.period.start_ts())
                    .push(" AND f.t <= ")
                    .bind(crate::domain::dates::end_of_day_from_iso(&end).unwrap_or(0));
            }
            Time::IsoDay => {
                sql.bind(choice.period.start.clone())
                    .push(" AND f.t <= ")
                    .bind(end);
            }
        }
        match &choice.area {
            Area::Unit(id) => {
                sql.push(" AND p.unit_id = ").bind(*id);
            }
            Area::Uf(uf) => {
                sql.push(" AND u.uf = ").bind(uf.to_string());
            }
            Area::Country => {}
        }
        if !dims.is_empty() {
            let ordinals: Vec<String> = (1..=dims.len()).map(|i| i.to_string()).collect();
            sql.push(" GROUP BY ").push(&ordinals.join(", "));
        }
        let rows = self.db.query_all_raw(sql.statement()).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut keys = Vec::with_capacity(dims.len());
            for i in 0..dims.len() {
                let key: Option<String> = row.try_get("", &format!("k{i}"))?;
                keys.push(key.unwrap_or_default());
            }
            let people: i64 = row.try_get("", "people")?;
            let events: i64 = row.try_get("", "events")?;
            out.push((
                keys,
                Counts {
                    people: u64::try_from(people).unwrap_or(0),
                    events: u64::try_from(events).unwrap_or(0),
                },
            ));
        }
        Ok(out)
    }

    /// The SQL of one dimension. Codes and column names come from fixed lists; the only
    /// values (month bounds, age thresholds) are bound.
    fn dim_expr(&self, sql: &mut Sql, dim: Dim, time: Time) {
        match dim {
            Dim::Month => match time {
                Time::IsoDay => {
                    sql.push("SUBSTR(f.t, 1, 7)");
                }
                Time::Seconds => {
                    sql.push("CASE");
                    for m in self.choice.period.months() {
                        sql.push(" WHEN f.t < ")
                            .bind(start_of_day(&m.end) + 86_400)
                            .push(" THEN CAST(")
                            .bind(m.key)
                            .push(" AS TEXT)");
                    }
                    sql.push(" ELSE '' END");
                }
            },
            Dim::Cut(cut) => match cut {
                "raca" => {
                    sql.push("COALESCE(d.race, 'nao_informada')");
                }
                "genero" => {
                    sql.push("COALESCE(d.gender_group, 'nao_informada')");
                }
                "escolaridade" => {
                    sql.push("COALESCE(d.schooling, 'nao_informada')");
                }
                "categoria" => {
                    sql.push("p.status");
                }
                "uf" => {
                    sql.push("u.uf");
                }
                "municipio" => {
                    sql.push("u.ibge_municipality");
                }
                "idade" => {
                    sql.push("CASE WHEN d.birth_date IS NULL THEN 'nao_informada'");
                    for (code, threshold) in age_thresholds(&self.choice.period.end) {
                        sql.push(" WHEN d.birth_date <= ")
                            .bind(threshold)
                            .push(&format!(" THEN '{code}'"));
                    }
                    sql.push(" ELSE 'ate_17' END");
                }
                own => {
                    // Only the indicator's own cut codes get here (`choose` checked them),
                    // and each is a column of its facts.
                    sql.push(&format!("COALESCE(f.{own}, 'nao_informado')"));
                }
            },
        }
    }

    /// A table of `a` (rows) by `b` (columns, or the measure alone), and the row codes.
    async fn raw(
        &self,
        a: Dim,
        b: Option<Dim>,
        names: &labels::Names,
    ) -> Result<(Raw, Vec<String>), WebError> {
        let both: Vec<Dim> = std::iter::once(a).chain(b).collect();
        let cells = self.group(&both).await?;
        let by_a = self.group(&[a]).await?;
        let by_b = match b {
            Some(b) => self.group(&[b]).await?,
            None => Vec::new(),
        };
        let total = self
            .group(&[])
            .await?
            .first()
            .map(|r| r.1)
            .unwrap_or_default();
        let rows = names.values(self.choice, a, by_a.iter().map(|(k, _)| k[0].as_str()));
        let cols = match b {
            Some(b) => names.values(self.choice, b, by_b.iter().map(|(k, _)| k[0].as_str())),
            None => Vec::new(),
        };
        let ncols = cols.len().max(1);
        let row_at: HashMap<&str, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (c.as_str(), i))
            .collect();
        let col_at: HashMap<&str, usize> = cols
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (c.as_str(), i))
            .collect();
        let mut grid = Grid {
            cells: vec![vec![0; ncols]; rows.len()],
            row_totals: vec![0; rows.len()],
            col_totals: vec![0; if b.is_some() { ncols } else { 1 }],
            total: total.people,
        };
        let mut events = vec![vec![0; ncols]; rows.len()];
        for (keys, n) in &cells {
            let r = row_at.get(keys[0].as_str());
            let c = match b {
                Some(_) => keys.get(1).and_then(|k| col_at.get(k.as_str())).copied(),
                None => Some(0),
            };
            if let (Some(&r), Some(c)) = (r, c) {
                grid.cells[r][c] = n.people;
                events[r][c] = n.events;
            }
        }
        let mut row_events = vec![0; rows.len()];
        for (keys, n) in &by_a {
            if let Some(&r) = row_at.get(keys[0].as_str()) {
                grid.row_totals[r] = n.people;
                row_events[r] = n.events;
            }
        }
        let mut col_events = vec![0; grid.col_totals.len()];
        if b.is_some() {
            for (keys, n) in &by_b {
                if let Some(&c) = col_at.get(keys[0].as_str()) {
                    grid.col_totals[c] = n.people;
                    col_events[c] = n.events;
                }
            }
        } else {
            grid.col_totals[0] = total.people;
            col_events[0] = total.events;
        }
        let head = |d: Dim| match d {
            Dim::Month => "Mês".to_string(),
            Dim::Cut(c) => self
                .choice
                .indicator
                .cut_label(c)
                .unwrap_or_default()
                .to_string(),
        };
        let row_codes = rows.iter().map(|(c, _)| c.clone()).collect();
        Ok((
            Raw {
                rows,
                cols,
                grid,
                events,
                row_events,
                col_events,
                totals: total,
                row_head: head(a),
                col_head: b.map(head),
            },
            row_codes,
        ))
    }
}
