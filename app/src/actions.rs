//! Server functions: the actions islands call, served by leptos_axum at `/api/…`
//! (`server/server_fns.rs` explains the layers they pass). Compiled on both sides: the body
//! runs on the server; the WASM gets only a small stub that posts to it, and only if an island
//! calls it.

use leptos::prelude::*;

/// Saves (`salvar = true`) or un-saves a vacancy for the person logged in; answers whether it
/// is saved now. Served by `leptos_axum::handle_server_fns_with_context` behind the same
/// layers as every form (session → Actor, same-origin check, body limit): another origin gets
/// 403, another role 403, nobody logged in 401.
#[server(prefix = "/api", endpoint = "salvar-vaga", input = server_fn::codec::Json)]
pub async fn save_vacancy(id: i32, salvar: bool) -> Result<bool, ServerFnError> {
    use crate::server::actor::EgressoActor;
    use crate::server::server_fns::{actor, answer_error};
    use crate::server::services::jobs::applications;
    let (state, me) = actor::<EgressoActor>().await?;
    applications::set_saved(&state.db, &me, id, salvar)
        .await
        .map_err(answer_error)?;
    Ok(salvar)
}
