//! `/empresa/contratos`: the company's public contracts and, for each, how many posts its quota
//! rule set reserves (with the exact fraction and the rounding rule), before any hire.

use crate::components::{ErrorSummary, SelectField, TextArea, TextField};
use crate::domain::FieldErrors;
use crate::server::services::jobs::contracts::ContractForm;
use leptos::prelude::*;

/// A contract and what it must reserve, in words.
#[derive(Clone, Debug)]
pub struct ContractLine {
    pub id: i32,
    pub title: String,
    pub period: String,
    pub value: String,
    pub workers: i32,
    pub rule: String,
    pub legal_basis: String,
    /// "6 vagas reservadas (3% de 200 = 6,00)" or why none.
    pub requirement: String,
    pub rounding: String,
    /// Whole posts the rule reserves (0 when none).
    pub required: u32,
}

/// One month of a contract: confirmed quota workers who held the job that month.
#[derive(Clone, Debug)]
pub struct MonthLine {
    pub month: String,
    pub label: String,
    pub hired: u32,
    pub status: String,
}

/// `2026-11` → `11/2026`.
pub fn month_label(month: &str) -> String {
    match month.split_once('-') {
        Some((y, m)) => format!("{m}/{y}"),
        None => month.to_string(),
    }
}

#[component]
pub fn ContractsPage(contracts: Vec<ContractLine>, notice: Option<&'static str>) -> impl IntoView {
    let empty = contracts.is_empty();
    let items = contracts
        .into_iter()
        .map(|c| {
            let href = format!("/empresa/contratos/{}", c.id);
            view! {
                <li class="item">
                    <p class="item-title"><a href=href>{c.title}</a></p>
                    <p>{c.requirement}</p>
                    <p class="muted">{format!("{} · {}", c.period, c.rule)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Contratos públicos"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <p>"Contratos com o poder público podem exigir uma cota de vagas (Decreto 9.450/2018 ou lei estadual). Cadastre o contrato para saber quantas vagas reservar."</p>
        <p><a class="button-link" href="/empresa/contratos/novo">"Cadastrar contrato"</a></p>
        {empty.then(|| view! { <p>"Nenhum contrato cadastrado."</p> })}
        <ul class="items">{items}</ul>
    }
}

#[component]
pub fn ContractPage(contract: ContractLine, months: Vec<MonthLine>, now: String) -> impl IntoView {
    let edit = format!("/empresa/contratos/{}/editar", contract.id);
    let id = contract.id;
    let rows = months
        .into_iter()
        .rev()
        .map(|m| {
            let href = format!("/empresa/contratos/{id}/lista/{}", m.month);
            let link = format!("Lista nominal de {}", m.label);
            view! {
                <tr>
                    <th scope="row">{m.label}</th>
                    <td>{m.hired}</td>
                    <td>{m.status}</td>
                    <td><a href=href>{link}</a></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p><a href="/empresa/contratos">"← Contratos públicos"</a></p>
        <h1>{contract.title}</h1>
        <p class="lead">{contract.requirement}</p>
        <dl class="data">
            <dt>"Vigência"</dt><dd>{contract.period}</dd>
            <dt>"Valor anual"</dt><dd>{contract.value}</dd>
            <dt>"Trabalhadores que o contrato exige"</dt><dd>{contract.workers}</dd>
            <dt>"Regra"</dt><dd>{contract.rule}</dd>
            <dt>"Base legal"</dt><dd>{contract.legal_basis}</dd>
            <dt>"Arredondamento"</dt><dd>{contract.rounding}</dd>
        </dl>
        <p class="lead">{now}</p>
        <p>"Só contam as contratações confirmadas pelo Escritório Social. Todo mês, envie a lista nominal ao juízo da execução penal, com cópia para o fiscal do contrato."</p>
        <table class="counts">
            <caption>"Mês a mês"</caption>
            <thead><tr><th scope="col">"Mês"</th><th scope="col">"Contratadas"</th><th scope="col">"Situação"</th><th scope="col">"Lista"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <p><a class="button-link secondary-link" href=edit>"Editar contrato"</a></p>
    }
}

#[derive(Clone, Debug)]
pub struct NominalLine {
    pub name: String,
    pub job: String,
    pub started: String,
    pub ended: Option<String>,
}

#[component]
pub fn NominalListPage(
    contract_id: i32,
    title: String,
    body: String,
    month: String,
    month_label: String,
    required: u32,
    lines: Vec<NominalLine>,
) -> impl IntoView {
    let back = format!("/empresa/contratos/{contract_id}");
    let csv = format!("/empresa/contratos/{contract_id}/lista/{month}/csv");
    let count = lines.len();
    let rows = lines
        .into_iter()
        .map(|l| {
            view! {
                <tr>
                    <th scope="row">{l.name}</th>
                    <td>{l.job}</td>
                    <td>{crate::domain::plan::iso_to_br(&l.started)}</td>
                    <td>{l.ended.map(|e| crate::domain::plan::iso_to_br(&e)).unwrap_or_else(|| "Trabalhando".to_string())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="no-print"><a href=back>"← Contrato"</a></p>
        <h1>{format!("Lista nominal · {month_label}")}</h1>
        <p class="lead">{title}</p>
        <p>{body}</p>
        <p>{format!("Vagas reservadas: {required}. Pessoas na lista: {count}.")}</p>
        <table class="counts nominal">
            <caption>"Trabalhadores contratados pela cota do contrato"</caption>
            <thead><tr><th scope="col">"Nome"</th><th scope="col">"Função"</th><th scope="col">"Admissão"</th><th scope="col">"Desligamento"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <p class="no-print"><a class="button-link secondary-link" href=csv>"Baixar planilha (CSV)"</a></p>
    }
}

#[component]
pub fn ContractFormPage(
    id: Option<i32>,
    form: ContractForm,
    errors: FieldErrors,
    rules: Vec<(String, String)>,
) -> impl IntoView {
    let (action, heading) = match id {
        Some(id) => (format!("/empresa/contratos/{id}/editar"), "Editar contrato"),
        None => ("/empresa/contratos/novo".to_string(), "Cadastrar contrato"),
    };
    view! {
        <p><a href="/empresa/contratos">"← Contratos públicos"</a></p>
        <h1>{heading}</h1>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action=action class="stack" novalidate>
            <TextField name="orgao" label="Órgão contratante" value=form.orgao errors=errors.clone() maxlength=200/>
            <TextField name="numero" label="Número do contrato" value=form.numero errors=errors.clone() maxlength=60/>
            <TextArea name="objeto" label="Objeto (o serviço contratado)" value=form.objeto errors=errors.clone() maxlength=2000/>
            <TextField name="valor_anual" label="Valor anual (R$)" hint="Exemplo: 450.000,00" value=form.valor_anual errors=errors.clone() inputmode="decimal" maxlength=20/>
            <TextField name="trabalhadores" label="Trabalhadores que o contrato exige" value=form.trabalhadores errors=errors.clone() inputmode="numeric" maxlength=7/>
            <TextField name="inicio" label="Início" input_type="date" value=form.inicio errors=errors.clone()/>
            <TextField name="fim" label="Fim" input_type="date" value=form.fim errors=errors.clone()/>
            <SelectField name="regra" label="Regra de cota" hint="Contrato com a União: regra federal. Com o estado: a regra do estado." options=rules selected=form.regra errors=errors empty_label="Escolha"/>
            <button type="submit" class="primary">"Salvar contrato"</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{
        ContractForm, ContractFormPage, ContractLine, ContractPage, ContractsPage, MonthLine,
        NominalLine, NominalListPage, month_label,
    };
    use crate::domain::dates;
    use crate::domain::plan::iso_to_br;
    use crate::domain::quota::{Applies, hundredths_text, percent_text, requirement};
    use crate::domain::quota::{active_in_month, months, status};
    use crate::domain::{FieldErrors, money};
    use crate::server::actor::CompanyActor;
    use crate::server::entities::public_contract;
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::now;
    use crate::server::render::page;
    use crate::server::services::directory::network::CreateError;
    use crate::server::services::jobs::contracts::{self, StoredRule};
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    fn line(c: public_contract::Model, rules: &[StoredRule]) -> ContractLine {
        let stored = rules.iter().find(|r| r.rule.code == c.rule_set);
        let workers = u32::try_from(c.workers).unwrap_or(0);
        let applies = stored.map(|s| requirement(&s.rule, c.annual_value_cents, workers));
        let required = match applies {
            Some(Applies::Yes(r)) => r.required,
            _ => 0,
        };
        let requirement_text = match applies {
            Some(Applies::Yes(r)) => format!(
                "{} {} ({} de {} trabalhadores = {} exatas)",
                r.required,
                if r.required == 1 {
                    "vaga reservada"
                } else {
                    "vagas reservadas"
                },
                percent_text(r.basis_points),
                workers,
                hundredths_text(r.exact_hundredths)
            ),
            Some(Applies::BelowThreshold) => {
                "Sem cota: o valor anual não passa do mínimo da regra.".to_string()
            }
            None => "Regra de cota não encontrada. Edite o contrato e escolha a regra.".to_string(),
        };
        ContractLine {
            id: c.id,
            title: format!("Contrato {} · {}", c.number, c.contracting_body),
            period: format!("{} a {}", iso_to_br(&c.starts_on), iso_to_br(&c.ends_on)),
            value: money::brl(c.annual_value_cents),
            workers: c.workers,
            rule: stored.map(|s| s.rule.name.clone()).unwrap_or_default(),
            legal_basis: stored.map(|s| s.legal_basis.clone()).unwrap_or_default(),
            requirement: requirement_text,
            rounding: stored
                .map(|s| s.rule.rounding.explained().to_string())
                .unwrap_or_default(),
            required,
        }
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        salvo: String,
    }

    pub async fn list(
        State(state): State<AppState>,
        me: CompanyActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let rules = contracts::rule_sets(&state.db).await?;
        let lines = contracts::my_contracts(&state.db, &me)
            .await?
            .into_iter()
            .map(|c| line(c, &rules))
            .collect();
        let notice = (!q.salvo.is_empty()).then_some("Contrato salvo.");
        Ok(page(
            &state,
            StatusCode::OK,
            "Contratos públicos",
            Some(me.actor.viewer()),
            move || view! { <ContractsPage contracts=lines notice/> },
        ))
    }

    pub async fn show(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        let rules = contracts::rule_sets(&state.db).await?;
        let model = contracts::my_contract(&state.db, &me, id).await?;
        let workers = contracts::quota_workers(&state.db, &me, &model).await?;
        let this_month = dates::iso_date(now())[..7].to_string();
        let last = std::cmp::min(model.ends_on.clone(), format!("{this_month}-31"));
        let contract = line(model.clone(), &rules);
        let required = contract.required;
        let status_of = |hired: u32| status(required, hired).label();
        let count = |month: &str| {
            workers
                .iter()
                .filter(|w| active_in_month(&w.started, w.ended.as_deref(), month))
                .count() as u32
        };
        let months: Vec<MonthLine> = months(&model.starts_on, &last)
            .into_iter()
            .map(|m| {
                let hired = count(&m);
                MonthLine {
                    label: month_label(&m),
                    status: status_of(hired),
                    hired,
                    month: m,
                }
            })
            .collect();
        let hired_now = count(&this_month);
        let now_text = format!(
            "Este mês: {hired_now} de {required} contratadas · {}",
            status_of(hired_now)
        );
        let title = contract.title.clone();
        Ok(page(
            &state,
            StatusCode::OK,
            &title,
            Some(me.actor.viewer()),
            move || view! { <ContractPage contract months now=now_text/> },
        ))
    }

    pub async fn nominal_list(
        State(state): State<AppState>,
        me: CompanyActor,
        Path((id, month)): Path<(i32, String)>,
    ) -> Result<Response, WebError> {
        let rules = contracts::rule_sets(&state.db).await?;
        let (model, workers) = contracts::nominal_list(&state.db, &me, id, &month).await?;
        let contract = line(model.clone(), &rules);
        let org = crate::server::services::jobs::companies::my_company(&state.db, &me).await?;
        let lines = workers
            .into_iter()
            .map(|w| NominalLine {
                name: w.name,
                job: w.job,
                started: w.started,
                ended: w.ended,
            })
            .collect();
        let title = format!("{} · {}", org.name, contract.title);
        let body = format!("Objeto: {}. {}", model.object, contract.rule);
        let contract_id = model.id;
        let required = contract.required;
        let month_label = month_label(&month);
        Ok(page(
            &state,
            StatusCode::OK,
            "Lista nominal",
            Some(me.actor.viewer()),
            move || {
                view! { <NominalListPage contract_id title body month month_label required lines/> }
            },
        ))
    }

    /// One CSV field: quoted, inner quotes doubled; a leading = + - @ is neutralised so a
    /// spreadsheet never runs it as a formula.
    fn csv_field(value: &str) -> String {
        let safe = if value.starts_with(['=', '+', '-', '@']) {
            format!("'{value}")
        } else {
            value.to_string()
        };
        format!("\"{}\"", safe.replace('"', "\"\""))
    }

    pub async fn nominal_csv(
        State(state): State<AppState>,
        me: CompanyActor,
        Path((id, month)): Path<(i32, String)>,
    ) -> Result<Response, WebError> {
        let (model, workers) = contracts::nominal_list(&state.db, &me, id, &month).await?;
        let mut body = String::from("\u{feff}Nome;Função;Admissão;Desligamento\r\n");
        for w in workers {
            let line = [
                csv_field(&w.name),
                csv_field(&w.job),
                csv_field(&crate::domain::plan::iso_to_br(&w.started)),
                csv_field(
                    &w.ended
                        .map(|e| crate::domain::plan::iso_to_br(&e))
                        .unwrap_or_default(),
                ),
            ]
            .join(";");
            body.push_str(&line);
            body.push_str("\r\n");
        }
        let number: String = model
            .number
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let disposition = format!("attachment; filename=\"lista-nominal-{number}-{month}.csv\"");
        let disposition = http::HeaderValue::from_str(&disposition)
            .unwrap_or_else(|_| http::HeaderValue::from_static("attachment"));
        Ok((
            [
                (
                    http::header::CONTENT_TYPE,
                    http::HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (http::header::CONTENT_DISPOSITION, disposition),
                (
                    http::header::CACHE_CONTROL,
                    http::HeaderValue::from_static("no-store"),
                ),
            ],
            body,
        )
            .into_response())
    }

    async fn form_page(
        state: &AppState,
        me: &CompanyActor,
        status: StatusCode,
        id: Option<i32>,
        form: ContractForm,
        errors: FieldErrors,
    ) -> Result<Response, WebError> {
        let rules = contracts::rule_sets(&state.db)
            .await?
            .into_iter()
            .map(|r| (r.rule.code, r.rule.name))
            .collect();
        let heading = if id.is_some() {
            "Editar contrato"
        } else {
            "Cadastrar contrato"
        };
        Ok(page(
            state,
            status,
            heading,
            Some(me.actor.viewer()),
            move || view! { <ContractFormPage id form errors rules/> },
        ))
    }

    pub async fn new_form(
        State(state): State<AppState>,
        me: CompanyActor,
    ) -> Result<Response, WebError> {
        let form = ContractForm {
            regra: "federal".into(),
            ..Default::default()
        };
        form_page(
            &state,
            &me,
            StatusCode::OK,
            None,
            form,
            FieldErrors::default(),
        )
        .await
    }

    pub async fn edit_form(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        let c = contracts::my_contract(&state.db, &me, id).await?;
        let form = ContractForm {
            orgao: c.contracting_body,
            numero: c.number,
            objeto: c.object,
            valor_anual: money::reais_for_input(c.annual_value_cents),
            trabalhadores: c.workers.to_string(),
            inicio: c.starts_on,
            fim: c.ends_on,
            regra: c.rule_set,
        };
        form_page(
            &state,
            &me,
            StatusCode::OK,
            Some(id),
            form,
            FieldErrors::default(),
        )
        .await
    }

    async fn save(
        state: AppState,
        me: CompanyActor,
        id: Option<i32>,
        form: ContractForm,
    ) -> Result<Response, WebError> {
        match contracts::save(&state.db, &me, id, &form).await {
            Ok(saved) => Ok(Redirect::to(&format!("/empresa/contratos/{saved}")).into_response()),
            Err(CreateError::Invalid(errors)) => {
                form_page(
                    &state,
                    &me,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    id,
                    form,
                    errors,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    pub async fn create(
        State(state): State<AppState>,
        me: CompanyActor,
        PostedForm(form): PostedForm<ContractForm>,
    ) -> Result<Response, WebError> {
        save(state, me, None, form).await
    }

    pub async fn update(
        State(state): State<AppState>,
        me: CompanyActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<ContractForm>,
    ) -> Result<Response, WebError> {
        save(state, me, Some(id), form).await
    }
}
