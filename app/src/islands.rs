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
