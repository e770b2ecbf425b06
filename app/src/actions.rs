//! Server functions: the actions islands call, served by leptos_axum at `/api/…`
//! (`server/server_fns.rs` explains the layers they pass). Compiled on both sides: the body
//! runs on the server; the WASM gets only a small stub that posts to it, and only if an island
//! calls it.

use leptos::prelude::*;

/// What `save_vacancy` answers: whether the vacancy is saved now. `aguardando` is never set
/// by the server: the service worker answers with it when there is no network and it kept the
/// call to send later (pwa/sw.js, "Offline writes"), so the button can say so.
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub struct SaveAnswer {
    pub salva: bool,
    #[serde(default)]
    pub aguardando: bool,
}

/// Saves (`salvar = true`) or un-saves a vacancy for the person logged in; answers whether it
/// is saved now. `conta` is the account's mark (`server::offline`): a call kept on a shared
/// phone for another account is refused with 409. Served by `leptos_axum::handle_server_fns_with_context` behind the same
/// layers as every form (session → Actor, same-origin check, body limit): another origin gets
/// 403, another role 403, nobody logged in 401.
#[server(prefix = "/api", endpoint = "salvar-vaga", input = server_fn::codec::Json)]
pub async fn save_vacancy(
    id: i32,
    salvar: bool,
    #[server(default)] conta: String,
) -> Result<SaveAnswer, ServerFnError> {
    use crate::server::actor::EgressoActor;
    use crate::server::server_fns::{actor, answer_error, other_account};
    use crate::server::services::jobs::applications;
    let (state, me) = actor::<EgressoActor>().await?;
    if !crate::server::offline::is_owner(&state, me.actor.user_id, &conta) {
        return Err(other_account());
    }
    applications::set_saved(&state.db, &me, id, salvar)
        .await
        .map_err(answer_error)?;
    Ok(SaveAnswer {
        salva: salvar,
        aguardando: false,
    })
}
