//! `/monitoramento` (a unit's coordination; the administration for a UF or the country): one
//! indicator for a period, cut by one or two of who the people are, as a chart, its table and
//! CSV. Small groups show as "< 5". `/monitoramento/relatorio` is the year's printable report.

use super::monitoring_chart::BarChart;
use crate::components::{ErrorSummary, SelectField, TextField};
use crate::domain::FieldErrors;
use crate::domain::monitoring::decimal_br;
use crate::domain::monitoring::indicators::{INDICATORS, Indicator};
use crate::domain::monitoring::period::MONTH_NAMES;
use crate::domain::place::UFS;
use crate::domain::text::encode_query;
use crate::server::services::monitoring::{Figure, MonitoringQuery, Report, Table};
use leptos::prelude::*;

use crate::server::services::monitoring::csv::figure as figure_text;

/// `a=1&b=2`, each value encoded; empty fields left out.
fn pairs_query(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The query string of a report, for its CSV and its links (the form's own fields).
pub fn query_string(q: &MonitoringQuery) -> String {
    pairs_query(&[
        ("indicador", q.indicador.as_str()),
        ("corte", q.corte.as_str()),
        ("corte2", q.corte2.as_str()),
        ("uf", q.uf.as_str()),
        ("periodo", q.periodo.as_str()),
        ("ano", q.ano.as_str()),
        ("mes", q.mes.as_str()),
        ("trimestre", q.trimestre.as_str()),
        ("de", q.de.as_str()),
        ("ate", q.ate.as_str()),
    ])
}

#[component]
pub fn CountsTable(table: Table) -> impl IntoView {
    let one_col = table.row_totals.is_empty();
    let head = if one_col {
        view! {
            <tr><th scope="col">{table.row_head.clone()}</th><th scope="col">{capital(table.noun)}</th></tr>
        }
        .into_any()
    } else {
        let cols = table
            .cols
            .iter()
            .map(|(_, l)| view! { <th scope="col">{l.clone()}</th> })
            .collect_view();
        view! {
            <tr><th scope="col">{format!("{} \u{2193} / {} \u{2192}", table.row_head, table.col_head.clone().unwrap_or_default())}</th>{cols}<th scope="col">"Total"</th></tr>
        }
        .into_any()
    };
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(r, (_, label))| {
            let cells = table.cells[r]
                .iter()
                .map(|f| view! { <td>{figure_text(*f)}</td> })
                .collect_view();
            let total = table
                .row_totals
                .get(r)
                .map(|f| view! { <td class="total">{figure_text(*f)}</td> });
            view! { <tr><th scope="row">{label.clone()}</th>{cells}{total}</tr> }
        })
        .collect_view();
    let foot = if one_col {
        view! { <tr><th scope="row">"Total"</th><td class="total">{figure_text(table.total)}</td></tr> }.into_any()
    } else {
        let cols = table
            .col_totals
            .iter()
            .map(|f| view! { <td class="total">{figure_text(*f)}</td> })
            .collect_view();
        view! { <tr><th scope="row">"Total"</th>{cols}<td class="total">{figure_text(table.total)}</td></tr> }.into_any()
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=table.caption.clone()>
            <table class="counts monitoring">
                <caption>{table.caption.clone()}</caption>
                <thead>{head}</thead>
                <tbody>{rows}</tbody>
                <tfoot>{foot}</tfoot>
            </table>
        </div>
    }
}

fn capital(noun: &str) -> String {
    crate::domain::text::first_letter(noun, true)
}

/// The sentence under the title: the total, and what people ask next (per person, the share
/// that stayed in work or has an exit plan) when the figures it needs are shown.
pub fn summary(report: &Report) -> String {
    let ind = report.choice.indicator;
    let mut text = match report.table.total {
        Figure::Shown(n) => format!("Total: {n} {}.", ind.noun),
        Figure::Hidden => format!(
            "Menos de 5 {} no período: os números ficam ocultos.",
            ind.noun
        ),
    };
    if ind.code == "atendimentos"
        && let (Figure::Shown(e), Figure::Shown(p)) = (report.events, report.people)
        && p > 0
    {
        text.push_str(&format!(
            " São {e} atendimentos para {p} pessoas: {} por pessoa.",
            decimal_br(e as f64 / p as f64)
        ));
    }
    let share_of = |code: &str, words: &str| -> Option<String> {
        let r = report.table.rows.iter().position(|(c, _)| c == code)?;
        let part = report.table.cells[r].first()?.value()?;
        let whole = report.table.total.value().filter(|w| *w > 0)?;
        if !report.table.row_totals.is_empty() {
            return None;
        }
        Some(format!(
            " {part} de {whole} {words} ({}%).",
            decimal_br(part as f64 * 100.0 / whole as f64)
        ))
    };
    if report.choice.cut == "situacao" && ind.code.starts_with("permanencia_") {
        text.push_str(&share_of("continua", "continuavam no trabalho").unwrap_or_default());
    }
    if report.choice.cut == "plano" {
        text.push_str(&share_of("com_plano", "têm plano singular").unwrap_or_default());
    }
    text
}

fn indicator_options() -> Vec<(String, String)> {
    INDICATORS
        .iter()
        .map(|i| (i.code.to_string(), i.title.to_string()))
        .collect()
}

fn cut_options(ind: &Indicator, with_place: bool) -> Vec<(String, String)> {
    ind.cuts(with_place)
        .into_iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect()
}

#[component]
pub fn MonitoringForm(q: MonitoringQuery, errors: FieldErrors, admin: bool) -> impl IntoView {
    let ind =
        crate::domain::monitoring::indicators::indicator(&q.indicador).unwrap_or(&INDICATORS[0]);
    let periods: Vec<(String, String)> = [
        ("ano", "Um ano"),
        ("trimestre", "Um trimestre"),
        ("mes", "Um mês"),
        ("datas", "Entre duas datas"),
    ]
    .iter()
    .map(|(c, l)| (c.to_string(), l.to_string()))
    .collect();
    let months: Vec<(String, String)> = MONTH_NAMES
        .iter()
        .enumerate()
        .map(|(i, m)| ((i + 1).to_string(), capital(m)))
        .collect();
    let quarters: Vec<(String, String)> = (1..=4)
        .map(|n| (n.to_string(), format!("{n}º trimestre")))
        .collect();
    let ufs: Vec<(String, String)> = UFS
        .iter()
        .map(|(c, n, _)| (c.to_string(), format!("{n} ({c})")))
        .collect();
    view! {
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="get" action="/monitoramento" class="stack filters no-print">
            <SelectField name="indicador" label="Indicador" options=indicator_options() selected=q.indicador.clone() errors=errors.clone()/>
            <fieldset class="stack">
                <legend>"Período"</legend>
                <SelectField name="periodo" label="Tipo de período" options=periods selected=q.periodo.clone() errors=errors.clone()/>
                <TextField name="ano" label="Ano" hint="Vale para ano, trimestre e mês. Em branco: este ano." value=q.ano.clone() errors=errors.clone() inputmode="numeric" maxlength=4/>
                <SelectField name="trimestre" label="Trimestre (se escolheu trimestre)" options=quarters selected=q.trimestre.clone() errors=errors.clone() empty_label="O atual"/>
                <SelectField name="mes" label="Mês (se escolheu mês)" options=months selected=q.mes.clone() errors=errors.clone() empty_label="O atual"/>
                <TextField name="de" label="De (se escolheu entre duas datas)" input_type="date" value=q.de.clone() errors=errors.clone()/>
                <TextField name="ate" label="Até (se escolheu entre duas datas)" input_type="date" value=q.ate.clone() errors=errors.clone()/>
            </fieldset>
            {admin.then(|| view! {
                <SelectField name="uf" label="Onde" options=ufs.clone() selected=q.uf.clone() errors=errors.clone() empty_label="Brasil inteiro"/>
            })}
            <SelectField name="corte" label="Dividir por" options=cut_options(ind, admin) selected=q.corte.clone() errors=errors.clone() empty_label="O padrão do indicador"/>
            <SelectField name="corte2" label="E também por (opcional)" options=cut_options(ind, admin) selected=q.corte2.clone() errors=errors.clone() empty_label="Nada mais"/>
            <button type="submit" class="primary">"Ver os números"</button>
        </form>
    }
}

#[component]
pub fn ReportSection(
    report: Report,
    query: String,
    heading_level: u8,
    /// The printed report shows the monthly numbers open.
    #[prop(optional)]
    open: bool,
) -> impl IntoView {
    let ind = report.choice.indicator;
    let title = format!(
        "{} — {}, {}",
        ind.title,
        report.area_name,
        report.choice.period.describe()
    );
    let heading = if heading_level == 2 {
        view! { <h2>{title}</h2> }.into_any()
    } else {
        view! { <h1>{title}</h1> }.into_any()
    };
    let summary = summary(&report);
    let chart_id = format!("grafico-{}", ind.code);
    let csv_main = format!("/monitoramento/tabela.csv?{query}&tabela=principal");
    let csv_months = format!("/monitoramento/tabela.csv?{query}&tabela=mensal");
    view! {
        <section class="report">
            {heading}
            <p class="hint">{ind.counts}</p>
            <p class="lead">{summary}</p>
            <BarChart table=report.over_time.clone() id=chart_id/>
            <CountsTable table=report.table.clone()/>
            <p class="no-print"><a href=csv_main class="button">"Baixar esta tabela (CSV)"</a></p>
            <details open=open>
                <summary>"Números do gráfico, mês a mês"</summary>
                <CountsTable table=report.over_time.clone()/>
                <p class="no-print"><a href=csv_months class="button">"Baixar os números do gráfico (CSV)"</a></p>
            </details>
        </section>
    }
}

const PRIVACY_NOTE: &str = "Grupos com menos de 5 pessoas aparecem como “< 5”. Alguns outros números também, para que ninguém descubra um grupo pequeno fazendo contas com os totais.";

#[component]
pub fn MonitoringPage(
    q: MonitoringQuery,
    errors: FieldErrors,
    admin: bool,
    report: Option<Report>,
) -> impl IntoView {
    let query = query_string(&q);
    let yearly = report.as_ref().map(|r| {
        let year = r
            .choice
            .period
            .start
            .get(..4)
            .unwrap_or_default()
            .to_string();
        format!(
            "/monitoramento/relatorio?{}",
            pairs_query(&[("ano", year.as_str()), ("uf", q.uf.as_str())])
        )
    });
    view! {
        <h1>"Monitoramento"</h1>
        <p>"Números do atendimento, sem nomes. Raça e gênero são autodeclarados."</p>
        <MonitoringForm q=q.clone() errors admin/>
        {report.map(|r| view! { <ReportSection report=r query=query heading_level=2/> })}
        <p class="hint">{PRIVACY_NOTE}</p>
        {yearly.map(|href| view! { <p class="no-print"><a href=href>"Relatório do ano para imprimir"</a></p> })}
    }
}

#[component]
pub fn YearlyReportPage(
    year: String,
    area: String,
    sections: Vec<(Report, String)>,
) -> impl IntoView {
    let sections = sections
        .into_iter()
        .map(|(report, query)| view! { <ReportSection report query heading_level=2 open=true/> })
        .collect_view();
    view! {
        <h1>{format!("Relatório de monitoramento {year} — {area}")}</h1>
        <p>"Cada indicador por mês e por cor ou raça, e a tabela por cor ou raça e gênero (Res. CNJ 307/2019)."</p>
        <p class="hint">{PRIVACY_NOTE}</p>
        <p class="no-print"><a href="/monitoramento">"Voltar ao monitoramento"</a></p>
        {sections}
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{MonitoringPage, YearlyReportPage, query_string};
    use crate::domain::FieldErrors;
    use crate::domain::dates::iso_date;
    use crate::domain::monitoring::indicators::INDICATORS;
    use crate::server::actor::MonitorActor;
    use crate::server::error::WebError;
    use crate::server::render::page;
    use crate::server::services::monitoring::{self, Choice, MonitoringQuery, csv::table_csv};
    use crate::server::state::AppState;
    use axum::extract::{Query, State};
    use axum::response::{IntoResponse, Response};
    use http::{StatusCode, header};
    use leptos::prelude::*;

    fn today() -> String {
        iso_date(crate::server::now())
    }

    pub async fn show(
        State(state): State<AppState>,
        me: MonitorActor,
        Query(q): Query<MonitoringQuery>,
    ) -> Result<Response, WebError> {
        let admin = me.unit_id.is_none();
        let (status, report, errors) = match monitoring::choose(&q, &me, &today()) {
            Ok(choice) => (
                StatusCode::OK,
                Some(monitoring::report(&state.db, choice).await?),
                FieldErrors::default(),
            ),
            Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, None, errors),
        };
        Ok(page(
            &state,
            status,
            "Monitoramento",
            Some(me.actor.viewer()),
            move || view! { <MonitoringPage q errors admin report/> },
        ))
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Which {
        tabela: String,
    }

    pub async fn csv(
        State(state): State<AppState>,
        me: MonitorActor,
        Query(q): Query<MonitoringQuery>,
        Query(which): Query<Which>,
    ) -> Result<Response, WebError> {
        let Ok(choice) = monitoring::choose(&q, &me, &today()) else {
            return Err(WebError::NotFound);
        };
        let name = format!(
            "{}-{}-{}.csv",
            choice.indicator.code, choice.period.start, choice.period.end
        );
        let report = monitoring::report(&state.db, choice).await?;
        let body = match which.tabela.as_str() {
            "mensal" => table_csv(&report.over_time),
            _ => table_csv(&report.table),
        };
        Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            body,
        )
            .into_response())
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct YearQuery {
        ano: String,
        uf: String,
    }

    pub async fn yearly(
        State(state): State<AppState>,
        me: MonitorActor,
        Query(y): Query<YearQuery>,
    ) -> Result<Response, WebError> {
        let mut sections = Vec::new();
        let mut area = String::new();
        let mut year = y.ano.clone();
        for ind in INDICATORS.iter() {
            let q = MonitoringQuery {
                indicador: ind.code.to_string(),
                corte: "raca".to_string(),
                corte2: "genero".to_string(),
                uf: y.uf.clone(),
                periodo: "ano".to_string(),
                ano: y.ano.clone(),
                ..Default::default()
            };
            let choice: Choice = match monitoring::choose(&q, &me, &today()) {
                Ok(c) => c,
                Err(errors) => {
                    let message = first_message(&errors);
                    return Ok(page(
                        &state,
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "Relatório de monitoramento",
                        Some(me.actor.viewer()),
                        move || {
                            view! {
                                <h1>"Relatório de monitoramento"</h1>
                                <p class="error" role="alert">{message}</p>
                                <p><a href="/monitoramento">"Voltar ao monitoramento"</a></p>
                            }
                        },
                    ));
                }
            };
            year = choice.period.start.get(..4).unwrap_or_default().to_string();
            let report = monitoring::report(&state.db, choice).await?;
            area = report.area_name.clone();
            sections.push((report, query_string(&q)));
        }
        Ok(page(
            &state,
            StatusCode::OK,
            "Relatório de monitoramento",
            Some(me.actor.viewer()),
            move || view! { <YearlyReportPage year area sections/> },
        ))
    }

    fn first_message(errors: &FieldErrors) -> String {
        errors
            .iter()
            .next()
            .map(|(_, m)| m.to_string())
            .unwrap_or_else(|| "Confira o ano e a UF.".to_string())
    }
}
