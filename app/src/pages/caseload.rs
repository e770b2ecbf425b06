//! The staff home (`/equipe`) with the caseload dashboard: what needs attention first.

use super::homes::MenuCards;
use crate::domain::Role;
use crate::domain::plan::iso_to_br;
use crate::server::services::case::caseload::{Caseload, LIST_SIZE};
use leptos::prelude::*;

/// "Mostrando 50 de 1.234." under a list cut short.
fn cut_note(shown: usize, total: u64, what: &'static str) -> Option<String> {
    (total > shown as u64).then(|| format!("Mostrando os primeiros {shown} de {total} {what}."))
}

fn days_text(days: i64) -> String {
    match days {
        0 => "enviado hoje".to_string(),
        1 => "esperando há 1 dia".to_string(),
        n => format!("esperando há {n} dias"),
    }
}

#[component]
pub fn StaffHomePage(
    role: Role,
    heading: String,
    line: String,
    caseload: Caseload,
) -> impl IntoView {
    let Caseload {
        whole_unit,
        people,
        people_total,
        page,
        overdue,
        awaiting,
        upcoming,
        check_ins,
        more,
    } = caseload;
    let pages = people_total.div_ceil(LIST_SIZE).max(1);
    let prev = (page > 1).then(|| format!("/equipe?pagina={}#pessoas", (page - 1).min(pages)));
    let next = (page < pages).then(|| format!("/equipe?pagina={}#pessoas", page + 1));
    let awaiting_note = cut_note(awaiting.len(), more.awaiting, "encaminhamentos");
    let upcoming_note = cut_note(upcoming.len(), more.upcoming, "atendimentos");
    let check_ins_note = cut_note(check_ins.len(), more.check_ins, "conversas");
    let overdue_note = (more.overdue_people > LIST_SIZE).then(|| {
        format!(
            "Mostrando as ações de {LIST_SIZE} das {} pessoas com ações atrasadas, as mais atrasadas primeiro.",
            more.overdue_people
        )
    });
    let people_note = (people_total > 0).then(|| match people_total {
        1 => "1 pessoa.".to_string(),
        n => format!("{n} pessoas."),
    });
    let people_title = if whole_unit {
        "Pessoas da unidade"
    } else {
        "Minhas pessoas"
    };
    let (no_overdue, no_awaiting, no_upcoming, no_people) = (
        overdue.is_empty(),
        awaiting.is_empty(),
        upcoming.is_empty(),
        people.is_empty(),
    );
    let overdue = overdue
        .into_iter()
        .map(|o| {
            let href = format!("/equipe/pessoas/{}/plano", o.person_id);
            let meta = format!(
                "{} · {} · prazo {}",
                o.person,
                o.area,
                iso_to_br(&o.deadline)
            );
            view! { <li><a href=href>{o.what}</a><br/><span class="muted">{meta}</span></li> }
        })
        .collect_view();
    let awaiting = awaiting
        .into_iter()
        .map(|a| {
            let href = format!("/equipe/encaminhamentos/{}", a.id);
            let meta = format!("{} · {}", a.service, days_text(a.days));
            view! { <li><a href=href>{a.person}</a><br/><span class="muted">{meta}</span></li> }
        })
        .collect_view();
    let upcoming = upcoming
        .into_iter()
        .map(|u| {
            let href = format!("/equipe/pessoas/{}", u.person_id);
            let meta = format!("{} · {}", u.when, u.place);
            view! { <li><a href=href>{u.person}</a><br/><span class="muted">{meta}</span></li> }
        })
        .collect_view();
    let no_check_ins = check_ins.is_empty();
    let check_ins = check_ins
        .into_iter()
        .map(|c| {
            let href = format!("/equipe/pessoas/{}/emprego", c.person_id);
            let meta = format!(
                "Conversa dos {} dias · {} · {}",
                c.mark,
                c.employer,
                iso_to_br(&c.due)
            );
            // The person's answer first catches the eye of whoever plans the day.
            let answer = c
                .answer
                .map(|a| view! { <br/><strong>{format!("A pessoa respondeu: {a}")}</strong> });
            view! { <li><a href=href>{c.person}</a><br/><span class="muted">{meta}</span>{answer}</li> }
        })
        .collect_view();
    let people = people
        .into_iter()
        .map(|(id, name)| {
            let href = format!("/equipe/pessoas/{id}");
            view! { <li><a href=href>{name}</a></li> }
        })
        .collect_view();
    view! {
        <h1>{heading}</h1>
        <p>{line}</p>
        <section class="area" aria-labelledby="atrasadas">
            <h2 id="atrasadas">"Ações atrasadas"</h2>
            {no_overdue.then(|| view! { <p>"Nenhuma ação atrasada."</p> })}
            <ul class="steps">{overdue}</ul>
            {overdue_note.map(|n| view! { <p class="muted">{n}</p> })}
        </section>
        <section class="area" aria-labelledby="esperando">
            <h2 id="esperando">"Encaminhamentos sem resposta"</h2>
            {no_awaiting.then(|| view! { <p>"Nenhum encaminhamento esperando resposta."</p> })}
            <ul class="steps">{awaiting}</ul>
            {awaiting_note.map(|n| view! { <p class="muted">{n}</p> })}
        </section>
        <section class="area" aria-labelledby="emprego">
            <h2 id="emprego">"Conversas sobre o trabalho"</h2>
            {no_check_ins.then(|| view! { <p>"Nenhuma conversa de acompanhamento do emprego para esta semana."</p> })}
            <ul class="steps">{check_ins}</ul>
            {check_ins_note.map(|n| view! { <p class="muted">{n}</p> })}
        </section>
        <section class="area" aria-labelledby="proximos">
            <h2 id="proximos">"Próximos atendimentos (7 dias)"</h2>
            {no_upcoming.then(|| view! { <p>"Nenhum atendimento marcado nos próximos 7 dias."</p> })}
            <ul class="steps">{upcoming}</ul>
            {upcoming_note.map(|n| view! { <p class="muted">{n}</p> })}
        </section>
        <section class="area" aria-labelledby="pessoas">
            <h2 id="pessoas">{people_title}</h2>
            {no_people.then(|| view! { <p>"Ninguém com você como referência ainda. A referência é escolhida na ficha da pessoa."</p> })}
            {people_note.map(|n| view! { <p class="muted">{n}</p> })}
            <ul class="steps">{people}</ul>
            <crate::components::Pager page pages prev next/>
        </section>
        <MenuCards role=role/>
    }
}
