//! The browser entry point. In islands mode only the `#[island]` components of the
//! `app` crate ship as WASM; everything else stays server-rendered HTML.

// Referencing the app crate links its islands into this WASM (otherwise they never hydrate).
pub use app::islands;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
