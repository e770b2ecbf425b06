//! Islands: the only interactive parts. Everything here ships to the browser as WASM, so keep
//! it small; every page must still work before (or without) it.

use leptos::prelude::*;

/// A password input with a "Mostrar senha" button. The button stays hidden until the WASM has
/// loaded, so nobody sees a button that does nothing.
#[island]
pub fn PasswordInput(
    id: String,
    name: String,
    autocomplete: String,
    /// id of the element that describes the field (hint or error), if any.
    described_by: String,
    invalid: bool,
) -> impl IntoView {
    let (shown, set_shown) = signal(false);
    let (ready, set_ready) = signal(false);
    Effect::new(move |_| set_ready.set(true));
    view! {
        <div class="password-row">
            <input
                id=id
                name=name
                type=move || if shown.get() { "text" } else { "password" }
                autocomplete=autocomplete
                aria-describedby=(!described_by.is_empty()).then_some(described_by)
                aria-invalid=invalid.then_some("true")
                required
                maxlength="128"
            />
            <button
                type="button"
                class="secondary show-password"
                hidden=move || !ready.get()
                aria-pressed=move || shown.get().to_string()
                on:click=move |_| set_shown.update(|s| *s = !*s)
            >
                {move || if shown.get() { "Esconder" } else { "Mostrar" }}
            </button>
        </div>
    }
}

/// "Salvar vaga" on a vacancy's page. Without WASM it is a plain form posted to
/// `/vagas/{id}/salvar` (the page comes back); with it, the same button calls the server
/// function `save_vacancy` and changes in place, so a cheap phone does not load the page
/// again. It calls a server function, so it ships in the `esv-acoes` bundle only (feature
/// `actions`; see docs/ARCHITECTURE.md, "Two WASM bundles").
#[cfg(any(feature = "ssr", feature = "actions"))]
#[island]
pub fn SaveVacancyButton(id: i32, saved: bool, conta: String) -> impl IntoView {
    let (saved, set_saved) = signal(saved);
    let (status, set_status) = signal(String::new());
    // Marks the form once the WASM runs (before that, a tap posts the plain form).
    let (ready, set_ready) = signal(false);
    Effect::new(move |_| set_ready.set(true));
    let action = format!("/vagas/{id}/salvar");
    let conta_field = conta.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = !saved.get_untracked();
        let conta = conta.clone();
        leptos::task::spawn_local(async move {
            let message = match crate::actions::save_vacancy(id, wanted, conta).await {
                // Kept on the phone by the service worker: sent when the network is back.
                Ok(answer) if answer.aguardando => {
                    set_saved.set(answer.salva);
                    "Guardado no celular. Aguardando conexão: enviamos quando a internet voltar."
                }
                Ok(answer) => {
                    set_saved.set(answer.salva);
                    if answer.salva {
                        "Vaga salva."
                    } else {
                        "Vaga tirada das salvas."
                    }
                }
                Err(_) => "Não deu para salvar agora. Tente de novo.",
            };
            set_status.set(message.to_string());
        });
    };
    view! {
        <form method="post" action=action on:submit=on_submit data-pronto=move || ready.get().then_some("1")>
            <input type="hidden" name="salvar" value=move || if saved.get() { "0" } else { "1" }/>
            <input type="hidden" name="conta" value=conta_field/>
            <button type="submit" class="secondary">
                {move || if saved.get() { "Tirar das salvas" } else { "Salvar vaga" }}
            </button>
            <p role="status">{status}</p>
        </form>
    }
}
