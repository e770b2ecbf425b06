//! The fuzz targets: every parser of outside input, each held to `app::domain::invariants`
//! (an answer, never a panic; what the app writes reads back the same), plus the HSDS
//! import (JSON and the CSV package) and form bodies as the server reads them. A broken
//! promise panics, which libFuzzer reports with the input that broke it. Run by fuzz/run.sh
//! (`make fuzz`), each target for a bounded time, starting from its corpus in fuzz/corpus.

#![no_main]

use app::domain::invariants;
use std::sync::LazyLock;

/// The target of this run, from `ESV_FUZZ`.
static TARGET: LazyLock<String> = LazyLock::new(|| std::env::var("ESV_FUZZ").unwrap_or_default());

/// The first 8 bytes as a number (the value the app writes), the rest as text typed.
fn number_and_text(data: &[u8]) -> (i64, String) {
    let mut first = [0u8; 8];
    let n = data.len().min(8);
    first[..n].copy_from_slice(&data[..n]);
    (
        i64::from_le_bytes(first),
        String::from_utf8_lossy(&data[n..]).into_owned(),
    )
}

fn hsds_json(data: &[u8]) -> Result<(), String> {
    let file = String::from_utf8_lossy(data);
    match app::server::services::directory::hsds_import::parse(&file) {
        Ok(_) => Ok(()),
        Err(errors) => explained(&errors),
    }
}

fn hsds_package(data: &[u8]) -> Result<(), String> {
    match app::server::services::directory::hsds_import::parse_package(data) {
        Ok(_) => Ok(()),
        Err(errors) => explained(&errors),
    }
}

/// A refused import says, for each problem, where it is and why.
fn explained(
    errors: &[app::server::services::directory::hsds_import::RecordError],
) -> Result<(), String> {
    if errors.is_empty() {
        return Err("refused with no reason".into());
    }
    match errors.iter().find(|e| e.reason.trim().is_empty()) {
        Some(e) => Err(format!("a problem without a reason: {e}")),
        None => Ok(()),
    }
}

/// A form body as a handler receives it (`PostedForm`): read into the vacancy form and
/// into plain pairs, or refused as a bad request; never a NUL in what is read (PostgreSQL
/// cannot store one), and the vacancy form's typed fields answer through their parsers.
fn form_body(data: &[u8]) -> Result<(), String> {
    use app::server::forms::PostedForm;
    use app::server::services::jobs::hiring::VacancyForm;
    use axum::extract::FromRequest;
    static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime")
    });
    let request = || {
        http::Request::post("/")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(data.to_vec()))
            .expect("a request")
    };
    RUNTIME.block_on(async {
        if let Ok(PostedForm(pairs)) =
            PostedForm::<Vec<(String, String)>>::from_request(request(), &()).await
            && let Some((k, v)) = pairs
                .iter()
                .find(|(k, v)| k.contains('\0') || v.contains('\0'))
        {
            return Err(format!("a NUL got through: {k:?}={v:?}"));
        }
        if let Ok(PostedForm(form)) = PostedForm::<VacancyForm>::from_request(request(), &()).await
        {
            let _ = app::domain::cbo::parse(&form.cbo);
            let _ = app::domain::money::parse_reais(&form.salario_min);
            let _ = app::domain::dates::end_of_day_from_iso(&form.encerra);
            let _ = app::domain::place::parse_uf_and_municipality(&form.uf, &form.municipio);
            let typed = [
                &form.titulo,
                &form.descricao,
                &form.requisitos,
                &form.cidade,
            ];
            if let Some(field) = typed.iter().find(|f| f.contains('\0')) {
                return Err(format!("a NUL got through: {field:?}"));
            }
        }
        Ok(())
    })
}

fn check(data: &[u8]) -> Result<(), String> {
    let text = || String::from_utf8_lossy(data).into_owned();
    match TARGET.as_str() {
        "cpf" => invariants::cpf(&text()),
        "cnpj" => invariants::cnpj(&text()),
        "cep" => invariants::cep(&text()),
        "dinheiro" => {
            let (cents, text) = number_and_text(data);
            invariants::money(&text, cents)
        }
        "datas" => {
            let (minute, text) = number_and_text(data);
            invariants::dates(&text, minute)
        }
        "horarios" => invariants::opening_hours(&text()),
        "busca" => invariants::search_query(&text()),
        "ics" => invariants::calendar_place(&text()),
        "hsds" => hsds_json(data),
        "hsds-csv" => hsds_package(data),
        "formularios" => form_body(data),
        other => panic!("ESV_FUZZ={other:?}: not a target (see fuzz/run.sh)"),
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = check(data) {
        panic!("{broken}");
    }
});
