//! Agendamentos: the unit's agenda (`/equipe/agenda`: schedule, cancel) and the person's
//! "Minha agenda" (`/inicio/agenda`), what to do next first.

use crate::components::picker::{self, Picker, PickerField};
use crate::components::{ErrorSummary, TextField};
use crate::domain::{FieldErrors, dates};
use crate::server::services::case::appointments::AppointmentForm;
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct AgendaLine {
    pub id: i32,
    pub person: String,
    pub when: String,
    pub place: String,
    pub with_whom: String,
    pub note: Option<String>,
    pub cancelled: bool,
    pub moved: bool,
}

#[component]
pub fn UnitAgendaPage(
    lines: Vec<AgendaLine>,
    form: AppointmentForm,
    errors: FieldErrors,
    people: Picker,
    notice: Option<&'static str>,
    page: u64,
    pages: u64,
) -> impl IntoView {
    let empty = lines.is_empty();
    let href = |n: u64| format!("/equipe/agenda?pagina={n}");
    let prev = (page > 1).then(|| href((page - 1).min(pages)));
    let next = (page < pages).then(|| href(page + 1));
    let items = lines
        .into_iter()
        .map(|l| {
            let action = format!("/equipe/agenda/{}/cancelar", l.id);
            let move_href = format!("/equipe/agenda/{}/remarcar", l.id);
            let move_label = format!("Remarcar: {} em {}", l.person, l.when);
            view! {
                <li class="item">
                    <p class="item-title">{l.when}</p>
                    <p>{l.person}</p>
                    <p>{format!("{} · com {}", l.place, l.with_whom)}</p>
                    {l.note.map(|n| view! { <p class="prose">{n}</p> })}
                    {if l.cancelled {
                        view! { <p><strong>"Desmarcado"</strong></p> }.into_any()
                    } else {
                        view! {
                            {l.moved.then(|| view! { <p><strong>"Remarcado"</strong></p> })}
                            <div class="actions">
                                <a class="button-link secondary-link" href=move_href aria-label=move_label>"Remarcar"</a>
                                <form method="post" action=action>
                                    <button type="submit" class="secondary">"Desmarcar"</button>
                                </form>
                            </div>
                        }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Agenda da unidade"</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {empty.then(|| if page > pages {
            view! { <p>"Esta página não existe. "<a href="/equipe/agenda">"Ver a primeira página da agenda."</a></p> }.into_any()
        } else {
            view! { <p>"Nenhum atendimento marcado."</p> }.into_any()
        })}
        <ul class="items">{items}</ul>
        <crate::components::Pager page pages prev next/>
        <h2>"Marcar atendimento"</h2>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action="/equipe/agenda" class="stack" novalidate>
            <PickerField picker=people query=form.busca_pessoa.clone() errors=errors.clone() text=&picker::PERSON/>
            <TextField name="quando" label="Data e hora (horário de Brasília)" input_type="datetime-local" value=form.quando errors=errors.clone()/>
            <TextField name="local" label="Onde" hint="Exemplo: Escritório Social, sala 2" value=form.local errors=errors.clone() maxlength=200/>
            <TextField name="com_quem" label="Com quem" value=form.com_quem errors=errors.clone() maxlength=200/>
            <TextField name="observacao" label="O que levar ou saber (opcional)" value=form.observacao errors=errors maxlength=500/>
            <button type="submit" class="primary">"Marcar"</button>
        </form>
    }
}

#[component]
pub fn MyAgendaPage(
    lines: Vec<AgendaLine>,
    vapid_key: String,
    what: String,
    /// The private calendar address, when the person made one.
    feed_url: Option<String>,
    notice: Option<&'static str>,
) -> impl IntoView {
    let empty = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|l| {
            let anchor = format!("compromisso-{}", l.id);
            let ics = format!("/inicio/agenda/{}.ics", l.id);
            let ics_label = format!("Salvar no calendário: {}", l.when);
            view! {
                <li class="item" id=anchor>
                    <p class="item-title">{l.when}</p>
                    {l.cancelled.then(|| view! { <p><strong>"Desmarcado. Não precisa ir."</strong></p> })}
                    {l.moved.then(|| view! { <p><strong>"Remarcado: confira a nova data e o lugar."</strong></p> })}
                    <p>{format!("Onde: {}", l.place)}</p>
                    <p>{format!("Com: {}", l.with_whom)}</p>
                    {l.note.map(|n| view! { <p class="prose">{n}</p> })}
                    <p><a class="button-link secondary-link" href=ics download="" aria-label=ics_label>
                        <span aria-hidden="true">"📅 "</span>"Salvar no calendário"
                    </a></p>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>"Minha agenda"</h1>
        <p>"Seus atendimentos marcados, o próximo primeiro."</p>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {empty.then(|| view! { <p>"Nenhum atendimento marcado."</p> })}
        <ul class="items">{items}</ul>
        <crate::pages::devices::PushSwitch vapid_key what/>
        <CalendarFeed feed_url/>
    }
}

/// The private calendar address: made, shown, renewed or turned off by its owner.
#[component]
fn CalendarFeed(feed_url: Option<String>) -> impl IntoView {
    view! {
        <section class="card stack" aria-labelledby="calendario-titulo">
            <h2 id="calendario-titulo">"Agenda no seu calendário"</h2>
            {match feed_url {
                Some(url) => {
                    let webcal = url.replacen("https://", "webcal://", 1).replacen("http://", "webcal://", 1);
                    view! {
                        <p>"Seu calendário pode mostrar estes compromissos sozinho. Este endereço é só seu: não mostre a ninguém."</p>
                        <label for="endereco-calendario">"Endereço do calendário"</label>
                        <input id="endereco-calendario" type="text" readonly value=url.clone()/>
                        <p><a class="button-link" href=webcal>"Abrir no calendário"</a></p>
                        <div class="actions">
                            <form method="post" action="/inicio/agenda/calendario">
                                <button type="submit" class="secondary">"Trocar endereço"</button>
                            </form>
                            <form method="post" action="/inicio/agenda/calendario/desligar">
                                <button type="submit" class="secondary">"Desligar endereço"</button>
                            </form>
                        </div>
                    }.into_any()
                }
                None => view! {
                    <p>"Crie um endereço só seu para ver estes compromissos no calendário do celular. Quem tiver o endereço vê as datas e os lugares."</p>
                    <form method="post" action="/inicio/agenda/calendario">
                        <button type="submit" class="primary">"Criar endereço do calendário"</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
pub fn ReschedulePage(
    id: i32,
    person: String,
    form: AppointmentForm,
    errors: FieldErrors,
) -> impl IntoView {
    let action = format!("/equipe/agenda/{id}/remarcar");
    view! {
        <p><a href="/equipe/agenda">"← Agenda da unidade"</a></p>
        <h1>"Remarcar atendimento"</h1>
        <p class="lead">{person}</p>
        <ErrorSummary errors=errors.clone() general=None/>
        <form method="post" action=action class="stack" novalidate>
            <TextField name="quando" label="Nova data e hora (horário de Brasília)" input_type="datetime-local" value=form.quando errors=errors.clone()/>
            <TextField name="local" label="Onde" value=form.local errors=errors.clone() maxlength=200/>
            <TextField name="com_quem" label="Com quem" value=form.com_quem errors=errors.clone() maxlength=200/>
            <TextField name="observacao" label="O que levar ou saber (opcional)" value=form.observacao errors=errors maxlength=500/>
            <button type="submit" class="primary">"Remarcar"</button>
        </form>
    }
}

#[allow(clippy::too_many_arguments)]
pub fn agenda_line(
    id: i32,
    person: String,
    starts_at: i64,
    place: String,
    with_whom: String,
    note: Option<String>,
    cancelled: bool,
    moved: bool,
) -> AgendaLine {
    AgendaLine {
        moved,
        id,
        person,
        when: dates::br_datetime(starts_at),
        place,
        with_whom,
        note,
        cancelled,
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod handlers {
    use super::{
        AgendaLine, AppointmentForm, MyAgendaPage, ReschedulePage, UnitAgendaPage, agenda_line,
    };
    use crate::domain::FieldErrors;
    use crate::server::actor::{EgressoActor, StaffActor};
    use crate::server::error::WebError;
    use crate::server::forms::PostedForm;
    use crate::server::render::page;
    use crate::server::services::case::appointments::{self, Line};
    use crate::server::services::case::people;
    use crate::server::services::directory::network::CreateError;
    use crate::server::services::notify::calendar;
    use crate::server::state::AppState;
    use axum::extract::{Path, Query, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::StatusCode;
    use leptos::prelude::*;

    fn to_view(l: Line) -> AgendaLine {
        agenda_line(
            l.id,
            l.person,
            l.starts_at,
            l.place,
            l.with_whom,
            l.note,
            l.cancelled,
            l.moved,
        )
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct Notice {
        marcado: String,
        desmarcado: String,
        remarcado: String,
        pagina: String,
    }

    async fn unit_page(
        state: &AppState,
        me: &StaffActor,
        status: StatusCode,
        form: AppointmentForm,
        errors: FieldErrors,
        notice: Option<&'static str>,
        page_no: u64,
    ) -> Result<Response, WebError> {
        let (lines, total) = appointments::unit_agenda(&state.db, me, page_no).await?;
        let lines = lines.into_iter().map(to_view).collect();
        let pages = total.div_ceil(appointments::AGENDA_PAGE).max(1);
        let people = people::person_picker(&state.db, me, &form.pessoa, &form.busca_pessoa).await?;
        Ok(page(
            state,
            status,
            "Agenda da unidade",
            Some(me.actor.viewer()),
            move || view! { <UnitAgendaPage lines form errors people notice page=page_no pages/> },
        ))
    }

    pub async fn unit(
        State(state): State<AppState>,
        me: StaffActor,
        Query(q): Query<Notice>,
    ) -> Result<Response, WebError> {
        let notice = if !q.marcado.is_empty() {
            Some("Atendimento marcado. A pessoa já vê em “Minha agenda”.")
        } else if !q.desmarcado.is_empty() {
            Some("Atendimento desmarcado.")
        } else if !q.remarcado.is_empty() {
            Some("Atendimento remarcado. A pessoa já vê a nova data em “Minha agenda”.")
        } else {
            None
        };
        unit_page(
            &state,
            &me,
            StatusCode::OK,
            AppointmentForm::default(),
            FieldErrors::default(),
            notice,
            crate::domain::form::page_number(&q.pagina),
        )
        .await
    }

    pub async fn create(
        State(state): State<AppState>,
        me: StaffActor,
        PostedForm(form): PostedForm<AppointmentForm>,
    ) -> Result<Response, WebError> {
        if form.acao.starts_with("buscar") {
            // Only a search for the person: nothing saved, everything typed kept.
            return unit_page(
                &state,
                &me,
                StatusCode::OK,
                form,
                FieldErrors::default(),
                None,
                1,
            )
            .await;
        }
        match appointments::create(&state.db, &me, &form, &state.push.reminder_offsets).await {
            Ok(_) => Ok(Redirect::to("/equipe/agenda?marcado=1").into_response()),
            Err(CreateError::Invalid(errors)) => {
                unit_page(
                    &state,
                    &me,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                    None,
                    1,
                )
                .await
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    fn reschedule_page(
        state: &AppState,
        me: &StaffActor,
        id: i32,
        person: String,
        status: StatusCode,
        form: AppointmentForm,
        errors: FieldErrors,
    ) -> Response {
        page(
            state,
            status,
            "Remarcar atendimento",
            Some(me.actor.viewer()),
            move || view! { <ReschedulePage id person form errors/> },
        )
    }

    pub async fn reschedule_form(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        let (person, form) = appointments::form(&state.db, &me, id).await?;
        Ok(reschedule_page(
            &state,
            &me,
            id,
            person,
            StatusCode::OK,
            form,
            FieldErrors::default(),
        ))
    }

    pub async fn reschedule(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
        PostedForm(form): PostedForm<AppointmentForm>,
    ) -> Result<Response, WebError> {
        match appointments::reschedule(&state.db, &me, id, &form, &state.push.reminder_offsets)
            .await
        {
            Ok(()) => Ok(Redirect::to("/equipe/agenda?remarcado=1").into_response()),
            Err(CreateError::Invalid(errors)) => {
                let (person, _) = appointments::form(&state.db, &me, id).await?;
                Ok(reschedule_page(
                    &state,
                    &me,
                    id,
                    person,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form,
                    errors,
                ))
            }
            Err(CreateError::Internal(e)) => Err(e),
        }
    }

    pub async fn cancel(
        State(state): State<AppState>,
        me: StaffActor,
        Path(id): Path<i32>,
    ) -> Result<Response, WebError> {
        appointments::cancel(&state.db, &me, id).await?;
        Ok(Redirect::to("/equipe/agenda?desmarcado=1").into_response())
    }

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    pub struct MineNotice {
        calendario: String,
    }

    pub async fn mine(
        State(state): State<AppState>,
        me: EgressoActor,
        Query(q): Query<MineNotice>,
    ) -> Result<Response, WebError> {
        let lines = appointments::my_agenda(&state.db, &me)
            .await?
            .into_iter()
            .map(to_view)
            .collect();
        let feed_url = calendar::my_secret(&state.db, &state.push.data_key, &me)
            .await?
            .map(|s| format!("{}/agenda/{s}.ics", state.public_origin));
        let vapid_key = state.push.vapid_public_key.clone();
        let what = crate::pages::devices::handlers::what_arrives(&state, &me.actor);
        let notice = match q.calendario.as_str() {
            "criado" => Some(
                "Endereço do calendário pronto. Se havia um endereço antigo, ele parou de funcionar.",
            ),
            "desligado" => {
                Some("Endereço do calendário desligado. Ninguém mais vê a agenda por ele.")
            }
            _ => None,
        };
        Ok(page(
            &state,
            StatusCode::OK,
            "Minha agenda",
            Some(me.actor.viewer()),
            move || view! { <MyAgendaPage lines vapid_key what feed_url notice/> },
        ))
    }

    fn calendar_site(state: &AppState) -> calendar::CalendarSite<'_> {
        calendar::CalendarSite {
            origin: &state.public_origin,
            alarm_hours: state
                .push
                .reminder_offsets
                .last()
                .map_or(2, |o| (o / 3600).max(1)),
        }
    }

    fn ics_response(body: String, file_name: Option<&str>) -> Response {
        let mut r = (
            StatusCode::OK,
            [
                (http::header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                // Private to the person: never kept by a shared cache.
                (http::header::CACHE_CONTROL, "private, no-store"),
            ],
            body,
        )
            .into_response();
        if let Some(name) = file_name.and_then(|n| {
            http::HeaderValue::from_str(&format!("attachment; filename=\"{n}\"")).ok()
        }) {
            r.headers_mut()
                .insert(http::header::CONTENT_DISPOSITION, name);
        }
        r
    }

    /// `/inicio/agenda/{id}.ics`: one of my appointments as a calendar file.
    pub async fn appointment_ics(
        State(state): State<AppState>,
        me: EgressoActor,
        Path(file): Path<String>,
    ) -> Result<Response, WebError> {
        let id: i32 = file
            .strip_suffix(".ics")
            .and_then(|n| n.parse().ok())
            .ok_or(WebError::NotFound)?;
        let body = calendar::appointment_file(&state.db, &me, id, &calendar_site(&state)).await?;
        Ok(ics_response(body, Some(&format!("compromisso-{id}.ics"))))
    }

    /// `/agenda/{secret}.ics`: the private calendar address (no login: calendar apps poll it).
    pub async fn feed(
        State(state): State<AppState>,
        Path(file): Path<String>,
    ) -> Result<Response, WebError> {
        let secret = file.strip_suffix(".ics").ok_or(WebError::NotFound)?;
        match calendar::feed(&state.db, secret, &calendar_site(&state)).await? {
            Some(body) => Ok(ics_response(body, None)),
            None => Err(WebError::NotFound),
        }
    }

    pub async fn renew_feed(
        State(state): State<AppState>,
        me: EgressoActor,
    ) -> Result<Response, WebError> {
        calendar::renew(&state.db, &state.push.data_key, &me).await?;
        Ok(Redirect::to("/inicio/agenda?calendario=criado#calendario-titulo").into_response())
    }

    pub async fn revoke_feed(
        State(state): State<AppState>,
        me: EgressoActor,
    ) -> Result<Response, WebError> {
        calendar::revoke(&state.db, &me).await?;
        Ok(Redirect::to("/inicio/agenda?calendario=desligado#calendario-titulo").into_response())
    }
}
