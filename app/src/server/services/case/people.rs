//! Pessoas atendidas: the unit registers the people it attends (egressos, pré-egressos,
//! familiares), finds them by name or CPF, reads a record, and gives a person an account with
//! a one-time code at the office. Scoped to the `StaffActor`'s unit; every read is logged.

use crate::domain::form::{Choice, Picker};
use crate::domain::jobs::{SCHOOLING, parse_phone};
use crate::domain::monitoring::{FIRST_CONTACTS, gender_group};
use crate::domain::people::{CATEGORIES, RACES, REGIMES, in_pre_release_window};
use crate::domain::text::{fold, search_terms};
use crate::domain::{Cpf, Email, FieldErrors, dates};
use crate::server::BeginWrite;
use crate::server::actor::StaffActor;
use crate::server::entities::{person, person_detail, user_account};
use crate::server::error::WebError;
use crate::server::now;
use crate::server::services::access::accounts::{Created, issue_code_for_person};
use crate::server::services::directory::network::CreateError;
use crate::server::services::privacy::audit::{self, Entry};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// The registration form, as typed.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PersonForm {
    pub nome: String,
    pub nome_social: String,
    pub categoria: String,
    pub cpf: String,
    pub telefone: String,
    pub email: String,
    pub escolaridade: String,
    pub raca: String,
    pub genero: String,
    /// `AAAA-MM-DD`, optional.
    pub nascimento: String,
    /// One of `monitoring::FIRST_CONTACTS`, optional.
    pub primeiro_contato: String,
    pub unidade_prisional: String,
    /// `AAAA-MM-DD`
    pub saida_prevista: String,
    pub regime: String,
    pub familiar_de: String,
    /// Words to find the person a familiar is related to (name or CPF).
    pub busca_familiar: String,
    /// `buscar_familiar`: the "Buscar pessoa" button (search, keep everything, save nothing).
    pub acao: String,
}

/// A search result line: what the team needs to tell people apart, CPF masked.
pub struct PersonLine {
    pub id: i32,
    pub name: String,
    pub category: String,
    pub cpf_masked: Option<String>,
}

fn display_name(p: &person::Model) -> String {
    p.social_name.clone().unwrap_or_else(|| p.full_name.clone())
}

fn masked(cpf: &Option<String>) -> Option<String> {
    cpf.as_deref()
        .and_then(|c| Cpf::parse(c).ok())
        .map(|c| c.masked())
}

/// A person of *my* unit, or 404: the one way the case file pages find the person.
pub async fn unit_person(
    db: &impl sea_orm::ConnectionTrait,
    me: &StaffActor,
    id: i32,
) -> Result<person::Model, WebError> {
    person::Entity::find_by_id(id)
        .filter(person::Column::UnitId.eq(me.unit_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)
}

/// Display names of accounts (who wrote a note, saved a version).
pub struct AccountNames(HashMap<i32, String>);

impl AccountNames {
    /// The name, or "Conta removida" for an id no longer known.
    pub fn of(&self, id: i32) -> String {
        self.0
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "Conta removida".to_string())
    }
}

pub async fn account_names(
    db: &impl sea_orm::ConnectionTrait,
    ids: Vec<i32>,
) -> Result<AccountNames, WebError> {
    Ok(AccountNames(
        user_account::Entity::find()
            .filter(user_account::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.display_name))
            .collect(),
    ))
}

pub fn name_of(p: &person::Model) -> String {
    display_name(p)
}

/// Logs that `me` read or changed `part` of a person's case file (shown to the person in
/// "Quem viu meus dados").
pub async fn log_read(
    db: &impl sea_orm::ConnectionTrait,
    me: &StaffActor,
    person_id: i32,
    action: &str,
    part: &str,
) -> Result<(), sea_orm::DbErr> {
    audit::record_part(
        db,
        Entry {
            actor_user_id: Some(me.actor.user_id),
            action,
            subject_kind: "person",
            subject_id: Some(person_id),
            unit_id: Some(me.unit_id),
        },
        part,
    )
    .await
}

/// People shown per page of the unit's search.
pub const SEARCH_PAGE: u64 = 50;

/// What a person's name is found by: the name shown first (social name if any), then the
/// registered one, folded (no accents, lower case). Stored with the person
/// (`person.search_name`) so that the search runs in the database.
pub fn search_name(full_name: &str, social_name: Option<&str>) -> String {
    match social_name {
        Some(social) => fold(&format!("{social} {full_name}")),
        None => fold(full_name),
    }
}

/// People of *my* unit by CPF (exact) or by name (every word, accents ignored): one page, by
/// name, and how many there are. In the database, whatever the size of the unit. Each person
/// listed is a logged read.
pub async fn search(
    db: &DatabaseConnection,
    me: &StaffActor,
    query: &str,
    page: u64,
) -> Result<(Vec<PersonLine>, u64), WebError> {
    let offset = page.saturating_sub(1).saturating_mul(SEARCH_PAGE);
    find(db, me, query, offset, SEARCH_PAGE).await
}

/// How many people a form's person picker offers at once.
const PICKER_SIZE: u64 = 20;

/// A form's person picker (referral, appointment, familiar): the person chosen so far (of
/// *my* unit only) and, when words were typed, the first people of the unit they find. No
/// list of the whole unit: a unit may hold 50,000 people. Each person offered is a logged read.
pub async fn person_picker(
    db: &DatabaseConnection,
    me: &StaffActor,
    chosen: &str,
    words: &str,
) -> Result<Picker, WebError> {
    let chosen = match chosen.trim().parse::<i32>() {
        Ok(id) => person::Entity::find_by_id(id)
            .filter(person::Column::UnitId.eq(me.unit_id))
            .one(db)
            .await?
            .map(|p| choice(&p)),
        Err(_) => None,
    };
    if search_terms(words).is_empty() && Cpf::parse(words).is_err() {
        return Ok(Picker {
            chosen,
            searched: !words.trim().is_empty(),
            ..Default::default()
        });
    }
    let (lines, total) = find(db, me, words, 0, PICKER_SIZE).await?;
    Ok(Picker {
        chosen,
        found: lines
            .into_iter()
            .map(|l| Choice {
                id: l.id.to_string(),
                detail: line_detail(&l.category, l.cpf_masked.as_deref()),
                label: l.name,
            })
            .collect(),
        total,
        searched: true,
    })
}

fn choice(p: &person::Model) -> Choice {
    Choice {
        id: p.id.to_string(),
        label: display_name(p),
        detail: line_detail(&p.status, masked(&p.cpf).as_deref()),
    }
}

/// What tells two people of the same name apart on a picker: who they are and the CPF,
/// masked.
fn line_detail(category: &str, cpf_masked: Option<&str>) -> String {
    let who = crate::domain::people::label(&CATEGORIES, category);
    match cpf_masked {
        Some(cpf) => format!("{who} · CPF {cpf}"),
        None => who.to_string(),
    }
}

async fn find(
    db: &DatabaseConnection,
    me: &StaffActor,
    query: &str,
    offset: u64,
    limit: u64,
) -> Result<(Vec<PersonLine>, u64), WebError> {
    let mut people = person::Entity::find().filter(person::Column::UnitId.eq(me.unit_id));
    match Cpf::parse(query) {
        Ok(cpf) => people = people.filter(person::Column::Cpf.eq(cpf.digits())),
        Err(_) => {
            for word in search_terms(query) {
                people = people.filter(person::Column::SearchName.contains(word));
            }
        }
    }
    let total = people.clone().count(db).await?;
    let found = people
        .order_by_asc(person::Column::SearchName)
        .order_by_asc(person::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    if !query.trim().is_empty() && !found.is_empty() {
        let txn = db.begin_write().await?;
        for p in &found {
            log_read(&txn, me, p.id, "person_listed", "lista").await?;
        }
        txn.commit().await?;
    }
    let lines = found
        .into_iter()
        .map(|p| PersonLine {
            id: p.id,
            name: display_name(&p),
            category: p.status.clone(),
            cpf_masked: masked(&p.cpf),
        })
        .collect();
    Ok((lines, total))
}

/// Fills `person.search_name` for rows written before it existed (start-up; a no-op after).
pub async fn backfill_search_names(db: &DatabaseConnection) -> Result<u64, WebError> {
    let pending = person::Entity::find().filter(person::Column::SearchName.eq(""));
    crate::server::services::case::backfill::fill(db, pending, |p: person::Model| {
        // A name that folds to nothing still needs a mark, or it would be read again.
        let name = Some(search_name(&p.full_name, p.social_name.as_deref()))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| " ".to_string());
        let mut row: person::ActiveModel = p.into();
        row.search_name = Set(name);
        row
    })
    .await
}

/// Fills `person_detail.gender_group` for genders typed before monitoring grouped them.
pub async fn backfill_gender_groups(db: &DatabaseConnection) -> Result<u64, WebError> {
    let pending = person_detail::Entity::find()
        .filter(person_detail::Column::GenderIdentity.is_not_null())
        .filter(person_detail::Column::GenderGroup.is_null());
    crate::server::services::case::backfill::fill(db, pending, |d: person_detail::Model| {
        let group = gender_group(d.gender_identity.as_deref().unwrap_or_default());
        let mut row: person_detail::ActiveModel = d.into();
        row.gender_group = Set(Some(group.to_string()));
        row
    })
    .await
}

fn optional(errors: &mut FieldErrors, field: &str, value: &str, max: usize) -> Option<String> {
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.chars().count() > max {
        errors.add(field, format!("Escreva no máximo {max} caracteres."));
    }
    Some(v).filter(|v| !v.is_empty())
}

fn in_list(list: &[(&str, &str)], value: &str) -> Option<String> {
    let v = value.trim();
    list.iter().any(|(c, _)| *c == v).then(|| v.to_string())
}

/// Registers a person in *my* unit. Everything is checked first; one transaction.
pub async fn register(
    db: &DatabaseConnection,
    me: &StaffActor,
    form: &PersonForm,
) -> Result<i32, CreateError> {
    let mut errors = FieldErrors::default();
    let full_name = form.nome.split_whitespace().collect::<Vec<_>>().join(" ");
    if full_name.chars().count() < 3 {
        errors.add("nome", "Digite o nome completo.");
    } else if full_name.chars().count() > 200 {
        errors.add("nome", "O nome pode ter no máximo 200 caracteres.");
    }
    let social_name = optional(&mut errors, "nome_social", &form.nome_social, 200);
    let category = in_list(&CATEGORIES, &form.categoria);
    if category.is_none() {
        errors.add("categoria", "Escolha quem é a pessoa.");
    }
    let cpf = match form.cpf.trim() {
        "" => None,
        c => match Cpf::parse(c) {
            Ok(c) => {
                let taken = person::Entity::find()
                    .filter(person::Column::Cpf.eq(c.digits()))
                    .one(db)
                    .await?;
                if taken.is_some() {
                    errors.add("cpf", "Já existe uma pessoa cadastrada com este CPF.");
                }
                Some(c)
            }
            Err(e) => {
                errors.add("cpf", e.to_string());
                None
            }
        },
    };
    let phone = match form.telefone.trim() {
        "" => None,
        t => parse_phone(t).or_else(|| {
            errors.add(
                "telefone",
                "Digite o telefone com DDD. Exemplo: (61) 99876-5432",
            );
            None
        }),
    };
    let email = match form.email.trim() {
        "" => None,
        e => match Email::parse(e) {
            Ok(e) => Some(e.as_str().to_string()),
            Err(err) => {
                errors.add("email", err.to_string());
                None
            }
        },
    };
    let schooling = match form.escolaridade.trim() {
        "" => None,
        s => in_list(&SCHOOLING, s).or_else(|| {
            errors.add("escolaridade", "Escolha a escolaridade.");
            None
        }),
    };
    let race = match form.raca.trim() {
        "" => None,
        r => in_list(&RACES, r).or_else(|| {
            errors.add("raca", "Escolha uma das opções, ou deixe em branco.");
            None
        }),
    };
    let gender = optional(&mut errors, "genero", &form.genero, 60);
    let now = now();
    let birth_date = match form.nascimento.trim() {
        "" => None,
        b => match dates::end_of_day_from_iso(b) {
            Some(t) if t <= now && b >= "1900-01-01" => Some(b.to_string()),
            Some(_) => {
                errors.add("nascimento", "A data de nascimento não pode ser no futuro.");
                None
            }
            None => {
                errors.add("nascimento", "Escolha uma data de nascimento válida.");
                None
            }
        },
    };
    let first_contact = match form.primeiro_contato.trim() {
        "" => None,
        f => in_list(&FIRST_CONTACTS, f).or_else(|| {
            errors.add(
                "primeiro_contato",
                "Escolha uma das opções, ou deixe em branco.",
            );
            None
        }),
    };
    let (mut prison_unit, mut release, mut regime, mut related) = (None, None, None, None);
    match category.as_deref() {
        Some("pre_egresso") => {
            prison_unit = optional(
                &mut errors,
                "unidade_prisional",
                &form.unidade_prisional,
                200,
            );
            if prison_unit.is_none() {
                errors.add(
                    "unidade_prisional",
                    "Digite a unidade prisional onde a pessoa está.",
                );
            }
            match dates::end_of_day_from_iso(&form.saida_prevista) {
                Some(t) if in_pre_release_window(t, now) => release = Some(t),
                Some(_) => errors.add(
                    "saida_prevista",
                    "Pré-egressa é quem sai em até 6 meses. Confira a data ou escolha outra categoria.",
                ),
                None => errors.add("saida_prevista", "Escolha a data prevista de saída."),
            }
            regime = in_list(&REGIMES, &form.regime);
            if regime.is_none() {
                errors.add("regime", "Escolha o regime atual.");
            }
        }
        Some("familiar") => {
            let target = match form.familiar_de.trim().parse::<i32>() {
                Ok(id) => {
                    person::Entity::find_by_id(id)
                        .filter(person::Column::UnitId.eq(me.unit_id))
                        .one(db)
                        .await?
                }
                Err(_) => None,
            };
            match target {
                Some(p) => related = Some(p.id),
                None => errors.add("familiar_de", "Escolha de quem a pessoa é familiar."),
            }
        }
        _ => {}
    }
    let Some(category) = category.filter(|_| errors.is_empty()) else {
        return Err(CreateError::Invalid(errors));
    };
    let txn = db.begin_write().await?;
    let created = person::ActiveModel {
        unit_id: Set(me.unit_id),
        search_name: Set(search_name(&full_name, social_name.as_deref())),
        full_name: Set(full_name),
        social_name: Set(social_name),
        cpf: Set(cpf.map(|c| c.digits().to_string())),
        status: Set(category),
        created_at: Set(now),
        first_contact: Set(first_contact),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    person_detail::ActiveModel {
        person_id: Set(created.id),
        related_person_id: Set(related),
        prison_unit: Set(prison_unit),
        expected_release: Set(release),
        regime: Set(regime),
        phone: Set(phone),
        email: Set(email),
        schooling: Set(schooling),
        race: Set(race),
        gender_group: Set(gender.as_deref().map(|g| gender_group(g).to_string())),
        gender_identity: Set(gender),
        birth_date: Set(birth_date),
        // Whoever registers the person follows the case until someone else is named.
        reference_user_id: Set(Some(me.actor.user_id)),
        quota_confirmed_by: Set(None),
        quota_confirmed_at: Set(None),
        updated_by: Set(me.actor.user_id),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    log_read(&txn, me, created.id, "person_registered", "cadastro").await?;
    txn.commit().await?;
    Ok(created.id)
}

/// One person's registration record, as the unit sees it.
pub struct PersonRecord {
    pub person: person::Model,
    pub detail: Option<person_detail::Model>,
    pub related: Option<(i32, String)>,
    pub family: Vec<(i32, String)>,
    pub has_account: bool,
    /// The unit's staff (id, name), for choosing the técnica de referência.
    pub staff: Vec<(String, String)>,
}

/// The active staff accounts of *my* unit: (id, name), by name.
pub async fn unit_staff(
    db: &impl sea_orm::ConnectionTrait,
    me: &StaffActor,
) -> Result<Vec<(String, String)>, WebError> {
    let mut staff: Vec<(String, String)> = user_account::Entity::find()
        .filter(user_account::Column::UnitId.eq(me.unit_id))
        .filter(user_account::Column::Role.is_in(["caseworker", "coordinator"]))
        .filter(user_account::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id.to_string(), a.display_name))
        .collect();
    staff.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(staff)
}

/// A person's registration details to change — a blank row if she has none yet (people
/// registered before the details existed) — stamped with who changes them and when.
/// Returns whether the row exists, for `store_detail`.
pub async fn detail_to_change(
    db: &impl sea_orm::ConnectionTrait,
    me: &StaffActor,
    person_id: i32,
) -> Result<(person_detail::ActiveModel, bool), sea_orm::DbErr> {
    let existing = person_detail::Entity::find_by_id(person_id).one(db).await?;
    let exists = existing.is_some();
    let mut row = match existing {
        Some(d) => d.into(),
        None => person_detail::ActiveModel {
            person_id: Set(person_id),
            related_person_id: Set(None),
            prison_unit: Set(None),
            expected_release: Set(None),
            regime: Set(None),
            phone: Set(None),
            email: Set(None),
            schooling: Set(None),
            race: Set(None),
            gender_identity: Set(None),
            birth_date: Set(None),
            gender_group: Set(None),
            reference_user_id: Set(None),
            quota_confirmed_by: Set(None),
            quota_confirmed_at: Set(None),
            updated_by: Set(me.actor.user_id),
            updated_at: Set(now()),
        },
    };
    row.updated_by = Set(me.actor.user_id);
    row.updated_at = Set(now());
    Ok((row, exists))
}

/// Writes a row from `detail_to_change` (its key is the person's, so insert or update).
pub async fn store_detail(
    db: &impl sea_orm::ConnectionTrait,
    row: person_detail::ActiveModel,
    exists: bool,
) -> Result<(), sea_orm::DbErr> {
    if exists {
        row.update(db).await?;
    } else {
        row.insert(db).await?;
    }
    Ok(())
}

/// Names the técnica de referência of a person of *my* unit: a staff member of the same unit.
pub async fn set_reference(
    db: &DatabaseConnection,
    me: &StaffActor,
    id: i32,
    chosen: &str,
) -> Result<(), CreateError> {
    let p = unit_person(db, me, id).await?;
    let staff = unit_staff(db, me).await?;
    let Some((user_id, _)) = staff.iter().find(|(sid, _)| sid == chosen.trim()) else {
        let mut errors = FieldErrors::default();
        errors.add("referencia", "Escolha alguém da equipe da unidade.");
        return Err(CreateError::Invalid(errors));
    };
    let user_id: i32 = user_id
        .parse()
        .map_err(|_| WebError::Internal("staff id not a number".into()))?;
    let txn = db.begin_write().await?;
    let (mut row, exists) = detail_to_change(&txn, me, p.id).await?;
    row.reference_user_id = Set(Some(user_id));
    store_detail(&txn, row, exists).await?;
    log_read(&txn, me, p.id, "reference_changed", "cadastro").await?;
    txn.commit().await?;
    Ok(())
}

pub async fn record(
    db: &DatabaseConnection,
    me: &StaffActor,
    id: i32,
) -> Result<PersonRecord, WebError> {
    let p = person::Entity::find_by_id(id)
        .filter(person::Column::UnitId.eq(me.unit_id))
        .one(db)
        .await?
        .ok_or(WebError::NotFound)?;
    let detail = person_detail::Entity::find_by_id(p.id).one(db).await?;
    let family_ids: Vec<i32> = person_detail::Entity::find()
        .filter(person_detail::Column::RelatedPersonId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.person_id)
        .collect();
    // Only the people this record names, of my unit: never the whole unit.
    let related_id = detail.as_ref().and_then(|d| d.related_person_id);
    let named: Vec<i32> = family_ids.iter().copied().chain(related_id).collect();
    let unit_people: HashMap<i32, person::Model> = person::Entity::find()
        .filter(person::Column::UnitId.eq(me.unit_id))
        .filter(person::Column::Id.is_in(named))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let has_account = user_account::Entity::find()
        .filter(user_account::Column::PersonId.eq(p.id))
        .one(db)
        .await?
        .is_some();
    let staff = unit_staff(db, me).await?;
    log_read(db, me, p.id, "person_record_viewed", "cadastro").await?;
    Ok(PersonRecord {
        staff,
        related: detail
            .as_ref()
            .and_then(|d| d.related_person_id)
            .and_then(|r| unit_people.get(&r))
            .map(|r| (r.id, display_name(r))),
        family: family_ids
            .iter()
            .filter_map(|f| unit_people.get(f))
            .map(|f| (f.id, display_name(f)))
            .collect(),
        detail,
        person: p,
        has_account,
    })
}

/// "Criar acesso": an egresso account for a person of *my* unit, logging in with the CPF, and
/// a one-time code the caseworker hands over at the office.
pub async fn give_account(
    db: &DatabaseConnection,
    me: &StaffActor,
    id: i32,
) -> Result<Created, CreateError> {
    let p = person::Entity::find_by_id(id)
        .filter(person::Column::UnitId.eq(me.unit_id))
        .one(db)
        .await?
        .ok_or(CreateError::Internal(WebError::NotFound))?;
    let mut errors = FieldErrors::default();
    if p.cpf.is_none() {
        errors.add(
            "conta",
            "Para criar o acesso, cadastre antes o CPF da pessoa: é com ele que ela entra.",
        );
    }
    if p.status == "pre_egresso" {
        errors.add(
            "conta",
            "A pessoa ainda está presa. Crie o acesso quando ela sair.",
        );
    }
    let exists = user_account::Entity::find()
        .filter(user_account::Column::PersonId.eq(p.id))
        .one(db)
        .await?
        .is_some();
    if exists {
        errors.add("conta", "Esta pessoa já tem acesso.");
    }
    if !errors.is_empty() {
        return Err(CreateError::Invalid(errors));
    }
    let txn = db.begin_write().await?;
    let account = user_account::ActiveModel {
        role: Set(crate::domain::Role::Egresso.as_str().into()),
        display_name: Set(display_name(&p)),
        email: Set(None),
        person_id: Set(Some(p.id)),
        unit_id: Set(Some(me.unit_id)),
        organization_id: Set(None),
        password_hash: Set(None),
        active: Set(true),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let created = issue_code_for_person(&txn, account, me.actor.user_id).await?;
    log_read(&txn, me, p.id, "account_created", "acesso").await?;
    txn.commit().await?;
    Ok(created)
}

/// "Registrar saída": a pré-egressa of *my* unit has left prison; from now on she is attended
/// as an egressa (and can get her access). Her exit plan goes on as her plano singular.
pub async fn record_release(
    db: &DatabaseConnection,
    me: &StaffActor,
    id: i32,
) -> Result<(), WebError> {
    let p = unit_person(db, me, id).await?;
    if p.status != "pre_egresso" {
        return Ok(());
    }
    let txn = db.begin_write().await?;
    let mut row: person::ActiveModel = p.into();
    row.status = Set("egresso".into());
    let p = row.update(&txn).await?;
    log_read(&txn, me, p.id, "release_recorded", "cadastro").await?;
    txn.commit().await?;
    Ok(())
}
