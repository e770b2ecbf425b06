//! The person's own answer to a check-in about their job (`/inicio/trabalho`): when a
//! check-in comes up (`domain::retention`), the person can say from their phone how the job
//! is going, even without network (the phone keeps it; `server::offline`). The team still
//! records the conversation itself; the answer is shown to them beside the check-in.

use crate::domain::retention::{self, ANSWERS, answer_label};
use crate::domain::{FieldErrors, dates};
use crate::server::BeginWrite;
use crate::server::actor::EgressoActor;
use crate::server::entities::{hire, retention_check};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// The longest note the person can leave with an answer.
pub const NOTE_MAX: usize = 1000;

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    /// A code of `domain::retention::ANSWERS`.
    pub resposta: String,
    pub recado: String,
    /// The account's mark (`server::offline`).
    pub conta: String,
}

/// A check-in the person can answer now, or has answered.
pub struct OpenCheckIn {
    pub id: i32,
    pub employer: String,
    pub job_title: String,
    pub day_mark: i32,
    /// (words of the answer, note, when), once answered.
    pub answered: Option<(String, Option<String>, i64)>,
}

/// The check-ins of the person's current jobs that are due and the team has not recorded yet,
/// oldest first.
pub async fn open_check_ins(
    db: &DatabaseConnection,
    me: &EgressoActor,
) -> Result<Vec<OpenCheckIn>, WebError> {
    let today = dates::iso_date(now());
    let Some(last) = retention::shown_until(&today) else {
        return Ok(Vec::new());
    };
    let checks = retention_check::Entity::find()
        .filter(retention_check::Column::PersonId.eq(me.person_id))
        .filter(retention_check::Column::UnitId.eq(me.unit_id))
        .filter(retention_check::Column::Status.eq("pendente"))
        .filter(retention_check::Column::DueOn.lte(last))
        .order_by_asc(retention_check::Column::DueOn)
        .order_by_asc(retention_check::Column::Id)
        .all(db)
        .await?;
    if checks.is_empty() {
        return Ok(Vec::new());
    }
    // Their jobs in one query (the person's own, still going).
    let hires: std::collections::HashMap<i32, hire::Model> = hire::Entity::find()
        .filter(hire::Column::Id.is_in(checks.iter().map(|c| c.hire_id)))
        .filter(hire::Column::PersonId.eq(me.person_id))
        .filter(hire::Column::EndedOn.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let open = checks
        .iter()
        .filter_map(|c| {
            let h = hires.get(&c.hire_id)?;
            Some(OpenCheckIn {
                id: c.id,
                employer: h.employer.clone(),
                job_title: h.job_title.clone(),
                day_mark: c.day_mark,
                answered: answered(c),
            })
        })
        .collect();
    Ok(open)
}

fn answered(c: &retention_check::Model) -> Option<(String, Option<String>, i64)> {
    let code = c.person_answer.as_deref()?;
    Some((
        answer_label(code).unwrap_or(code).to_string(),
        c.person_note.clone(),
        c.person_answered_at.unwrap_or_default(),
    ))
}

pub enum AnswerError {
    Invalid(FieldErrors),
    /// Not sent: the reason, for the person.
    Conflict(String),
    Internal(WebError),
}

impl From<sea_orm::DbErr> for AnswerError {
    fn from(e: sea_orm::DbErr) -> Self {
        AnswerError::Internal(e.into())
    }
}

/// Records the person's answer. The same answer sent twice (a phone sending again after its
/// first try's reply was lost) is done once; a different one, or one after the team recorded
/// the conversation, is a conflict the person is shown.
pub async fn answer(
    db: &DatabaseConnection,
    me: &EgressoActor,
    check_id: i32,
    form: &AnswerForm,
) -> Result<(), AnswerError> {
    let mut errors = FieldErrors::default();
    if !ANSWERS.iter().any(|(c, _)| *c == form.resposta) {
        errors.add("resposta", "Escolha como está o trabalho.");
    }
    let note = form.recado.trim().to_string();
    if note.chars().count() > NOTE_MAX {
        errors.add(
            "recado",
            format!("Escreva no máximo {NOTE_MAX} caracteres."),
        );
    }
    let txn = db.begin_write().await?;
    let check = retention_check::Entity::find_by_id(check_id)
        .filter(retention_check::Column::PersonId.eq(me.person_id))
        .filter(retention_check::Column::UnitId.eq(me.unit_id))
        .one(&txn)
        .await?
        .ok_or(AnswerError::Internal(WebError::NotFound))?;
    if check.status != "pendente" {
        let when = check
            .done_at
            .map(|t| format!(" em {}", dates::br_date(t)))
            .unwrap_or_default();
        return Err(AnswerError::Conflict(format!(
            "A equipe já registrou esta conversa{when}. Sua resposta não foi enviada. Se quiser contar algo, fale com a equipe."
        )));
    }
    let note = Some(note).filter(|n| !n.is_empty());
    if let Some(code) = check.person_answer.as_deref() {
        if code == form.resposta && check.person_note == note {
            return Ok(());
        }
        let when = check
            .person_answered_at
            .map(|t| format!(" em {}", dates::br_datetime(t)))
            .unwrap_or_default();
        return Err(AnswerError::Conflict(format!(
            "Você já respondeu esta conversa{when}: “{}”. Esta outra resposta não foi enviada. Para mudar, fale com a equipe.",
            answer_label(code).unwrap_or(code)
        )));
    }
    let due = retention::shown_until(&dates::iso_date(now()))
        .is_some_and(|last| check.due_on.as_str() <= last.as_str());
    if !due {
        errors.add("resposta", "Esta conversa ainda não chegou.");
    }
    if !errors.is_empty() {
        return Err(AnswerError::Invalid(errors));
    }
    let mut row: retention_check::ActiveModel = check.into();
    row.person_answer = Set(Some(form.resposta.clone()));
    row.person_note = Set(note);
    row.person_answered_at = Set(Some(now()));
    row.update(&txn).await?;
    audit::record(&txn, Entry::own_record(me, "check_in_answered")).await?;
    txn.commit().await?;
    Ok(())
}
