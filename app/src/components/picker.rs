//! Choosing one record out of many — a service of the directory, a person of a unit of
//! 50,000 — without a select that lists them all: words typed, one button that searches (a
//! plain POST that keeps everything else typed and saves nothing), the matches as radio
//! buttons, the one chosen so far kept at the top. Works without JavaScript.

use crate::domain::FieldErrors;
pub use crate::domain::form::{Choice, Picker};
use leptos::prelude::*;

/// The words of one picker, in pt-BR.
pub struct PickerText {
    /// The field the chosen id is posted as (`servico`, `pessoa`).
    pub field: &'static str,
    /// The field the typed words are posted as.
    pub search: &'static str,
    /// The value of the search button's `acao` (every value starting "buscar" searches).
    pub action: &'static str,
    pub legend: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub button: &'static str,
    pub none: &'static str,
    pub one: &'static str,
    /// "{n} … encontrados."
    pub many: fn(u64) -> String,
    /// "{n} … encontrados. Mostrando os {shown} primeiros: …"
    pub more: fn(u64, usize) -> String,
}

#[component]
pub fn PickerField(
    picker: Picker,
    query: String,
    errors: FieldErrors,
    text: &'static PickerText,
) -> impl IntoView {
    let field = text.field;
    let error = errors.get(field).map(str::to_string);
    let invalid = error.is_some();
    let Picker {
        chosen,
        found,
        total,
        searched,
    } = picker;
    let chosen_id = chosen.as_ref().map(|c| c.id.clone());
    let mut choices: Vec<(Choice, bool)> = chosen.into_iter().map(|c| (c, true)).collect();
    for f in found {
        if Some(&f.id) != chosen_id.as_ref() {
            choices.push((f, false));
        }
    }
    let shown = choices.len();
    let summary = match (searched, total) {
        (false, _) => None,
        (true, 0) => Some(text.none.to_string()),
        (true, n) if n > shown as u64 => Some((text.more)(n, shown)),
        (true, 1) => Some(text.one.to_string()),
        (true, n) => Some((text.many)(n)),
    };
    let radios = choices
        .into_iter()
        .enumerate()
        .map(|(n, (c, checked))| {
            let id = format!("{field}-{n}");
            let detail = (!c.detail.is_empty()).then(|| {
                view! { <span class="muted">" · " {c.detail}</span> }
            });
            view! {
                <div class="check">
                    <input type="radio" id=id.clone() name=field value=c.id checked=checked/>
                    <label for=id>{c.label} {detail}</label>
                </div>
            }
        })
        .collect_view();
    let input_id = format!("campo-{field}");
    let hint_id = format!("dica-{field}");
    let error_id = format!("erro-{field}");
    let described = if invalid {
        format!("{error_id} {hint_id}")
    } else {
        hint_id.clone()
    };
    view! {
        <fieldset class="field" class:has-error=invalid>
            <legend>{text.legend}</legend>
            {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
            <label for=input_id.clone()>{text.label}</label>
            <p class="hint" id=hint_id>{text.hint}</p>
            <div class="inline-search">
                <input id=input_id name=text.search type="search" value=query maxlength="100"
                    aria-describedby=described aria-invalid=invalid.then_some("true")/>
                <button type="submit" name="acao" value=text.action class="secondary">{text.button}</button>
            </div>
            {summary.map(|s| view! { <p role="status">{s}</p> })}
            {radios}
        </fieldset>
    }
}

/// The referral form's service.
pub static SERVICE: PickerText = PickerText {
    field: "servico",
    search: "busca",
    action: "buscar",
    legend: "Para qual serviço ou organização",
    label: "Buscar serviço",
    hint: "Nome do serviço, da organização ou o que ela oferece. Exemplo: CRAS, Defensoria, documentos.",
    button: "Buscar serviço",
    none: "Nenhum serviço encontrado. Tente outras palavras.",
    one: "1 serviço encontrado.",
    many: |n| format!("{n} serviços encontrados."),
    more: |n, shown| {
        format!(
            "{n} serviços encontrados. Mostrando os {shown} primeiros: escreva mais palavras para achar outro."
        )
    },
};

const PERSON_HINT: &str = "Nome, sobrenome ou CPF da pessoa atendida.";

fn people_found(n: u64) -> String {
    format!("{n} pessoas encontradas.")
}

fn people_more(n: u64, shown: usize) -> String {
    format!(
        "{n} pessoas encontradas. Mostrando as {shown} primeiras: escreva mais do nome ou o CPF para achar outra."
    )
}

/// The person a referral or an appointment is for.
pub static PERSON: PickerText = PickerText {
    field: "pessoa",
    search: "busca_pessoa",
    action: "buscar_pessoa",
    legend: "Pessoa",
    label: "Buscar pessoa",
    hint: PERSON_HINT,
    button: "Buscar pessoa",
    none: "Nenhuma pessoa encontrada. Confira o nome ou use o CPF.",
    one: "1 pessoa encontrada.",
    many: people_found,
    more: people_more,
};

/// The person a familiar is related to (new person form).
pub static RELATIVE: PickerText = PickerText {
    field: "familiar_de",
    search: "busca_familiar",
    action: "buscar_familiar",
    legend: "Familiar de",
    label: "Buscar a pessoa atendida",
    hint: PERSON_HINT,
    button: "Buscar pessoa",
    none: "Nenhuma pessoa encontrada. Confira o nome ou use o CPF.",
    one: "1 pessoa encontrada.",
    many: people_found,
    more: people_more,
};
