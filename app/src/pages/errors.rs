//! Error pages in plain pt-BR. Whatever failed inside, the person sees one of these.

use leptos::prelude::*;

pub fn message_for(status: u16) -> (&'static str, &'static str) {
    match status {
        400 | 415 | 422 => ("Não entendemos o pedido", "Volte e tente de novo."),
        403 => (
            "Você não tem acesso a esta página",
            "Use o menu para voltar ao seu início.",
        ),
        404 | 405 => (
            "Página não encontrada",
            "Confira o endereço ou volte ao início.",
        ),
        408 | 504 => ("Demorou demais", "A conexão está lenta. Tente de novo."),
        413 => ("O envio é grande demais", "Envie menos texto de cada vez."),
        429 => (
            "Muitas tentativas",
            "Espere alguns minutos e tente de novo.",
        ),
        _ => (
            "Algo deu errado do nosso lado",
            "Tente de novo em alguns minutos. Nada do que você fez se perdeu por sua culpa.",
        ),
    }
}

#[component]
pub fn ErrorPage(status: u16, home: &'static str) -> impl IntoView {
    let (title, advice) = message_for(status);
    view! {
        <h1>{title}</h1>
        <p>{advice}</p>
        <p><a class="button-link" href=home>"Ir para o início"</a></p>
    }
}

#[cfg(feature = "ssr")]
pub fn render(
    state: &crate::server::state::AppState,
    status: http::StatusCode,
    viewer: Option<crate::components::Viewer>,
) -> axum::response::Response {
    let home = viewer
        .as_ref()
        .map(|v| v.role.home_path())
        .unwrap_or("/entrar");
    let code = status.as_u16();
    let (title, _) = message_for(code);
    crate::server::render::page(
        state,
        status,
        title,
        viewer,
        move || view! { <ErrorPage status=code home/> },
    )
}
