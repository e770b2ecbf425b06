//! Every page route, in one place. Middleware is added by the server crate.

use super::state::AppState;
use crate::pages::{
    account, admin_accounts, admin_courses, admin_directory, admin_language, admin_services,
    agenda, companies_review, company_jobs, company_signup, contracts, courses, devices,
    employment, enrolments, follow_up, hire_confirmation, homes, integrations, interview, login,
    monitoring, my_jobs, my_referrals, my_work, open_data, people, plan, profile, quota_overview,
    referrals, referrals_partner, services, set_password, stigma, unit_dashboard, vacancies,
};
use axum::Router;
use axum::response::Redirect;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        // The islands' server functions (see server_fns.rs).
        .route("/api/{*function}", post(super::server_fns::handle))
        .route("/", get(|| async { Redirect::to("/entrar") }))
        .route(
            "/entrar",
            get(login::handlers::show).post(login::handlers::submit),
        )
        .route("/sair", post(login::handlers::logout))
        .route("/sair-de-todos", post(login::handlers::logout_everywhere))
        .route(
            "/definir-senha",
            get(set_password::handlers::show).post(set_password::handlers::submit),
        )
        .route(
            "/empresa/integracoes",
            get(integrations::handlers::company_list).post(integrations::handlers::company_create),
        )
        .route(
            "/empresa/integracoes/{id}/revogar",
            post(integrations::handlers::company_revoke),
        )
        .route(
            "/parceiro/integracoes",
            get(integrations::handlers::partner_list).post(integrations::handlers::partner_create),
        )
        .route(
            "/parceiro/integracoes/{id}/revogar",
            post(integrations::handlers::partner_revoke),
        )
        .route("/vagas", get(vacancies::handlers::list))
        .route("/vagas/{id}", get(vacancies::handlers::show))
        .route("/vagas/{id}/candidatura", post(my_jobs::handlers::apply))
        .route("/vagas/{id}/salvar", post(my_jobs::handlers::save))
        .route("/cursos", get(courses::handlers::list))
        .route("/cursos/{id}", get(courses::handlers::show))
        .route("/cursos/{id}/inscricao", post(courses::handlers::enrol))
        .route(
            "/equipe/agenda",
            get(agenda::handlers::unit).post(agenda::handlers::create),
        )
        .route(
            "/equipe/agenda/{id}/remarcar",
            get(agenda::handlers::reschedule_form).post(agenda::handlers::reschedule),
        )
        .route(
            "/equipe/agenda/{id}/cancelar",
            post(agenda::handlers::cancel),
        )
        .route("/inicio/agenda", get(agenda::handlers::mine))
        .route(
            "/inicio/agenda/{file}",
            get(agenda::handlers::appointment_ics),
        )
        .route(
            "/inicio/agenda/calendario",
            post(agenda::handlers::renew_feed),
        )
        .route(
            "/inicio/agenda/calendario/desligar",
            post(agenda::handlers::revoke_feed),
        )
        .route("/agenda/{file}", get(agenda::handlers::feed))
        .route(
            "/conta/dispositivos",
            get(devices::handlers::show).post(devices::handlers::subscribe),
        )
        .route(
            "/conta/dispositivos/{id}/remover",
            post(devices::handlers::remove),
        )
        .route("/equipe/painel", get(unit_dashboard::handlers::show))
        .route(
            "/dados/servicos.json",
            get(open_data::handlers::services_json),
        )
        .route(
            "/dados/servicos-csv.zip",
            get(open_data::handlers::services_csv_zip),
        )
        .route("/monitoramento", get(monitoring::handlers::show))
        .route("/monitoramento/tabela.csv", get(monitoring::handlers::csv))
        .route(
            "/monitoramento/relatorio",
            get(monitoring::handlers::yearly),
        )
        .route("/equipe/pessoas", get(people::handlers::list))
        .route(
            "/equipe/pessoas/nova",
            get(people::handlers::new_form).post(people::handlers::create),
        )
        .route("/equipe/pessoas/{id}", get(people::handlers::show))
        .route(
            "/equipe/pessoas/{id}/referencia",
            post(people::handlers::set_reference),
        )
        .route(
            "/equipe/pessoas/{id}/saida",
            post(people::handlers::record_release),
        )
        .route(
            "/equipe/pessoas/{id}/acesso",
            post(people::handlers::give_account),
        )
        .route(
            "/equipe/pessoas/{id}/entrevista",
            get(interview::handlers::show),
        )
        .route(
            "/equipe/pessoas/{id}/entrevista/{area}",
            get(interview::handlers::edit_area).post(interview::handlers::save_area),
        )
        .route(
            "/equipe/pessoas/{id}/documentos",
            post(interview::handlers::save_documents),
        )
        .route(
            "/equipe/pessoas/{id}/acompanhamento",
            get(follow_up::handlers::show).post(follow_up::handlers::create),
        )
        .route(
            "/equipe/pessoas/{id}/estigma",
            get(stigma::handlers::show).post(stigma::handlers::create),
        )
        .route(
            "/equipe/pessoas/{id}/estigma/{episode}",
            get(stigma::handlers::edit).post(stigma::handlers::update),
        )
        .route(
            "/equipe/pessoas/{id}/emprego",
            get(employment::handlers::show).post(employment::handlers::record_hire),
        )
        .route(
            "/equipe/pessoas/{id}/emprego/conversa/{check}",
            post(employment::handlers::record_check_in),
        )
        .route("/equipe/pessoas/{id}/plano", get(plan::handlers::show))
        .route(
            "/equipe/pessoas/{id}/plano/area",
            get(plan::handlers::edit_area).post(plan::handlers::save_area),
        )
        .route(
            "/equipe/pessoas/{id}/plano/historico",
            get(plan::handlers::history),
        )
        .route("/inicio/plano", get(plan::handlers::mine))
        .route("/inicio/perfil/cota", post(profile::handlers::quota))
        .route(
            "/equipe/pessoas/{id}/cota",
            post(people::handlers::confirm_quota),
        )
        .route("/equipe/encaminhamentos", get(referrals::handlers::list))
        .route(
            "/equipe/encaminhamentos/novo",
            get(referrals::handlers::new_form).post(referrals::handlers::create),
        )
        .route(
            "/equipe/encaminhamentos/{id}",
            get(referrals::handlers::show).post(referrals::handlers::move_status),
        )
        .route(
            "/parceiro/encaminhamentos",
            get(referrals_partner::handlers::list),
        )
        .route(
            "/parceiro/encaminhamentos/{id}",
            get(referrals_partner::handlers::show).post(referrals_partner::handlers::move_status),
        )
        .route("/inicio/encaminhamentos", get(my_referrals::handlers::list))
        .route("/servicos", get(services::handlers::list))
        .route("/servicos/{id}", get(services::handlers::show))
        .route(
            "/servicos/{id}/informar-erro",
            post(services::handlers::report),
        )
        .route(
            "/admin/linguagem",
            get(admin_language::handlers::list).post(admin_language::handlers::add),
        )
        .route(
            "/admin/linguagem/{id}/ligar",
            post(admin_language::handlers::switch_on),
        )
        .route(
            "/admin/linguagem/{id}/desligar",
            post(admin_language::handlers::switch_off),
        )
        .route("/admin/servicos", get(admin_services::handlers::list))
        .route(
            "/admin/servicos/novo",
            get(admin_services::handlers::new_form).post(admin_services::handlers::create),
        )
        .route(
            "/admin/servicos/{id}/editar",
            get(admin_services::handlers::edit_form).post(admin_services::handlers::update),
        )
        .route(
            "/admin/servicos/relatos/{id}/resolver",
            post(admin_services::handlers::resolve),
        )
        .route("/inicio/cursos", get(enrolments::handlers::mine))
        .route(
            "/inicio/cursos/{id}/cancelar",
            post(enrolments::handlers::cancel),
        )
        .route("/parceiro/inscricoes", get(enrolments::handlers::provider))
        .route(
            "/parceiro/inscricoes/{id}/responder",
            post(enrolments::handlers::answer),
        )
        .route("/equipe/inscricoes", get(enrolments::handlers::unit))
        .route("/admin/cursos", get(admin_courses::handlers::list))
        .route(
            "/admin/cursos/novo",
            get(admin_courses::handlers::new_form).post(admin_courses::handlers::create),
        )
        .route(
            "/admin/cursos/{id}/editar",
            get(admin_courses::handlers::edit_form).post(admin_courses::handlers::update),
        )
        .route(
            "/inicio/perfil",
            get(profile::handlers::show).post(profile::handlers::save),
        )
        .route("/inicio/candidaturas", get(my_jobs::handlers::list))
        .route(
            "/inicio/candidaturas/{id}/desistir",
            post(my_jobs::handlers::withdraw),
        )
        .route("/inicio/salvas", get(my_jobs::handlers::saved))
        .route("/inicio/trabalho", get(my_work::handlers::show))
        .route("/inicio/trabalho/{id}", post(my_work::handlers::answer))
        .route(
            "/empresas/cadastro",
            get(company_signup::handlers::form).post(company_signup::handlers::submit),
        )
        .route(
            "/empresa/equipe",
            get(company_signup::handlers::team).post(company_signup::handlers::add_member),
        )
        .route("/equipe/cotas", get(quota_overview::handlers::show))
        .route(
            "/equipe/contratacoes",
            get(hire_confirmation::handlers::list),
        )
        .route(
            "/equipe/contratacoes/{id}",
            get(hire_confirmation::handlers::show),
        )
        .route(
            "/equipe/contratacoes/{id}/confirmar",
            post(hire_confirmation::handlers::confirm),
        )
        .route(
            "/equipe/contratacoes/{id}/recusar",
            post(hire_confirmation::handlers::refuse),
        )
        .route("/equipe/empresas", get(companies_review::handlers::list))
        .route(
            "/equipe/empresas/{id}",
            get(companies_review::handlers::show),
        )
        .route(
            "/equipe/empresas/{id}/aprovar",
            post(companies_review::handlers::approve),
        )
        .route(
            "/equipe/empresas/{id}/recusar",
            post(companies_review::handlers::refuse),
        )
        .route("/empresa/contratos", get(contracts::handlers::list))
        .route(
            "/empresa/contratos/novo",
            get(contracts::handlers::new_form).post(contracts::handlers::create),
        )
        .route("/empresa/contratos/{id}", get(contracts::handlers::show))
        .route(
            "/empresa/contratos/{id}/lista/{month}",
            get(contracts::handlers::nominal_list),
        )
        .route(
            "/empresa/contratos/{id}/lista/{month}/csv",
            get(contracts::handlers::nominal_csv),
        )
        .route(
            "/empresa/contratos/{id}/editar",
            get(contracts::handlers::edit_form).post(contracts::handlers::update),
        )
        .route("/empresa/vagas", get(company_jobs::handlers::list))
        .route(
            "/empresa/vagas/nova",
            get(company_jobs::handlers::new_form).post(company_jobs::handlers::create),
        )
        .route(
            "/empresa/vagas/{id}/editar",
            get(company_jobs::handlers::edit_form).post(company_jobs::handlers::update),
        )
        .route(
            "/empresa/candidaturas/{id}/contratar",
            get(company_jobs::handlers::hire_form).post(company_jobs::handlers::hire),
        )
        .route(
            "/empresa/candidaturas/{id}/{status}",
            post(company_jobs::handlers::move_candidate),
        )
        .route(
            "/empresa/vagas/{id}/pausar",
            post(company_jobs::handlers::pause),
        )
        .route(
            "/empresa/vagas/{id}/retomar",
            post(company_jobs::handlers::resume),
        )
        .route(
            "/empresa/vagas/{id}/encerrar",
            post(company_jobs::handlers::close),
        )
        .route(
            "/empresa/vagas/{id}/candidatos",
            get(company_jobs::handlers::candidates),
        )
        .route("/inicio", get(homes::handlers::egresso))
        .route("/inicio/meus-dados", get(account::handlers::show))
        .route(
            "/inicio/meus-dados/baixar",
            get(account::handlers::download),
        )
        .route(
            "/inicio/meus-dados/exclusao",
            post(account::handlers::request_deletion),
        )
        .route(
            "/inicio/meus-dados/autorizacoes/{id}/retirar",
            post(account::handlers::revoke),
        )
        .route("/equipe", get(homes::handlers::staff))
        .route("/empresa", get(homes::handlers::company))
        .route("/parceiro", get(homes::handlers::partner))
        .route("/admin", get(homes::handlers::admin))
        .route("/admin/contas", get(admin_accounts::handlers::list))
        .route(
            "/admin/contas/nova",
            get(admin_accounts::handlers::new_form).post(admin_accounts::handlers::create),
        )
        .route(
            "/admin/contas/{id}/codigo",
            post(admin_accounts::handlers::issue_code),
        )
        .route(
            "/admin/unidades",
            get(admin_directory::handlers::units).post(admin_directory::handlers::create_unit),
        )
        .route(
            "/admin/organizacoes",
            get(admin_directory::handlers::organizations)
                .post(admin_directory::handlers::create_organization),
        )
}
