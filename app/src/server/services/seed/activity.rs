//! A year of demo activity (issue 14) so the monitoring pages, the dashboards and "Minha
//! agenda" are not empty on `make run`: an office in each of the 7 demo cities with its
//! coordination, about 600 people (a third of them older cases, up to 18 months) (race and gender self-declared, in proportions like those
//! the programme publishes), acolhimentos over the last 12 months, contacts, demands (mostly
//! food and income, as domain.md reports), referrals with outcomes to the demo directory's
//! services in the same city, documents, hires (some ended), plans, stigma episodes, and
//! appointments in the coming days. Deterministic: the same data on every first start.

use crate::domain::monitoring::gender_group;
use crate::domain::plan::{Plan, PlanArea};
use crate::domain::{Role, dates};
use crate::server::entities::{
    appointment, follow_up, hire, interview_area, location, person, person_detail, person_document,
    plan_version, referral, service, service_at_location, stigma_episode, unit, user_account,
};
use crate::server::services::case::people::search_name;
use crate::server::services::seed::{DEMO_CITIES, SeedError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;

const DAY: i64 = 86_400;

/// People per city over the year, in the order of `DEMO_CITIES`.
const PEOPLE_PER_CITY: [usize; 7] = [120, 90, 45, 40, 150, 50, 110];

/// A small deterministic generator (Knuth's MMIX LCG): demo data needs no real randomness.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }

    /// One of `items`, by weight.
    fn pick<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut at = self.below(total);
        for (item, w) in items {
            if at < *w {
                return *item;
            }
            at -= w;
        }
        items[0].0
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const FIRST: [&str; 24] = [
    "José",
    "João",
    "Antônio",
    "Francisco",
    "Carlos",
    "Paulo",
    "Pedro",
    "Lucas",
    "Luiz",
    "Marcos",
    "Gabriel",
    "Rafael",
    "Daniel",
    "Marcelo",
    "Bruno",
    "Eduardo",
    "Ana",
    "Francisca",
    "Juliana",
    "Adriana",
    "Márcia",
    "Fernanda",
    "Patrícia",
    "Aline",
];
const LAST: [&str; 16] = [
    "da Silva",
    "dos Santos",
    "Oliveira",
    "Souza",
    "Rodrigues",
    "Ferreira",
    "Alves",
    "Pereira",
    "Lima",
    "Gomes",
    "Costa",
    "Ribeiro",
    "Martins",
    "Carvalho",
    "Almeida",
    "Nascimento",
];

/// What the demo person brings, weighted: most early demands are food and income (domain.md).
const DEMANDS: [(&str, &str, u64); 8] = [
    (
        "alimentacao",
        "Cesta básica e refeição nos próximos dias.",
        40,
    ),
    (
        "trabalho_renda",
        "Trabalho com carteira assinada ou renda rápida.",
        40,
    ),
    (
        "documentacao",
        "Tirar a CIN e a carteira de trabalho digital.",
        25,
    ),
    ("assistencia_social", "Cadastro Único e benefício.", 15),
    ("moradia", "Lugar para dormir esta semana.", 10),
    ("saude", "Consulta e continuar o tratamento.", 10),
    ("educacao", "Voltar a estudar na EJA.", 8),
    ("familia", "Reaproximar dos filhos.", 6),
];

const OUTCOMES: [(&str, u64); 7] = [
    ("concluido", 30),
    ("aceito", 20),
    ("em_atendimento", 15),
    ("solicitado", 15),
    ("recusado", 8),
    ("sem_vaga", 7),
    ("sem_contato", 5),
];

/// Inserts rows in batches small enough for SQLite's bound-value limit.
async fn insert_all<C, A>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(400).collect();
        A::Entity::insert_many(batch).exec(db).await?;
    }
    Ok(())
}

/// The demo's year. `brasilia` is the existing Brasília office; `maria` the demo person.
pub async fn seed_demo_activity<C: ConnectionTrait>(
    db: &C,
    brasilia: i32,
    maria: i32,
    password_hash: &str,
    now: i64,
) -> Result<(), SeedError> {
    let mut rng = Rng(2026);
    // An office and its coordination in each of the other cities.
    let mut units: Vec<(i32, i32)> = Vec::new();
    for (i, (city, uf, ibge)) in DEMO_CITIES.iter().enumerate() {
        let unit_id = if i == 0 {
            brasilia
        } else {
            unit::ActiveModel {
                name: Set(format!("Escritório Social de {city}")),
                uf: Set(uf.to_string()),
                ibge_municipality: Set(ibge.to_string()),
                created_at: Set(now - 400 * DAY),
                ..Default::default()
            }
            .insert(db)
            .await?
            .id
        };
        let slug: String = crate::domain::text::fold(city).replace(' ', "-");
        let staff = user_account::ActiveModel {
            role: Set(Role::Caseworker.as_str().into()),
            display_name: Set(format!("Equipe de {city}")),
            email: Set(Some(format!("equipe.{slug}@exemplo.org"))),
            unit_id: Set(Some(unit_id)),
            password_hash: Set(Some(password_hash.to_string())),
            active: Set(true),
            created_at: Set(now - 400 * DAY),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if i > 0 {
            user_account::ActiveModel {
                role: Set(Role::Coordinator.as_str().into()),
                display_name: Set(format!("Coordenação de {city}")),
                email: Set(Some(format!("coordenacao.{slug}@exemplo.org"))),
                unit_id: Set(Some(unit_id)),
                password_hash: Set(Some(password_hash.to_string())),
                active: Set(true),
                created_at: Set(now - 400 * DAY),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        units.push((unit_id, staff.id));
    }
    let services = services_by_city(db).await?;

    let last_id = person::Entity::find()
        .select_only()
        .column_as(person::Column::Id.max(), "m")
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten()
        .unwrap_or(0);
    // Who each new person is, in insertion order.
    let mut plan: Vec<(usize, i64, &'static str)> = Vec::new();
    let mut people = Vec::new();
    for (city, count) in PEOPLE_PER_CITY.iter().enumerate() {
        for k in 0..*count {
            let first = FIRST[rng.below(FIRST.len() as u64) as usize];
            let name = format!(
                "{first} {} {}",
                LAST[rng.below(LAST.len() as u64) as usize],
                LAST[(k + city) % LAST.len()]
            );
            let status = rng.pick(&[("egresso", 75), ("pre_egresso", 12), ("familiar", 13)]);
            // Acolhimentos over the last 12 months, more in recent ones; some cases are older
            // (up to 18 months), so 12-month retention has hires to follow.
            let age_days = if rng.chance(30) {
                365 + rng.below(175) as i64
            } else {
                (rng.below(365) * rng.below(365) / 364) as i64
            };
            let created = now - age_days * DAY - rng.below(8 * 3600) as i64;
            let contact = rng.pick(&[
                (Some("espontanea"), 35),
                (Some("unidade_prisional"), 25),
                (Some("judiciario"), 25),
                (Some("raesp"), 8),
                (Some("app"), 4),
                (None, 3),
            ]);
            people.push(person::ActiveModel {
                unit_id: Set(units[city].0),
                search_name: Set(search_name(&name, None)),
                full_name: Set(name),
                social_name: Set(None),
                cpf: Set(None),
                status: Set(status.into()),
                created_at: Set(created),
                first_contact: Set(contact.map(str::to_string)),
                ..Default::default()
            });
            plan.push((city, created, status));
        }
    }
    insert_all(db, people).await?;
    let ids: Vec<i32> = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .filter(person::Column::Id.gt(last_id))
        .order_by_asc(person::Column::Id)
        .into_tuple()
        .all(db)
        .await?;

    let mut details = Vec::new();
    let mut contacts = Vec::new();
    let mut areas = Vec::new();
    let mut documents = Vec::new();
    let mut referrals = Vec::new();
    let mut hires = Vec::new();
    let mut plans = Vec::new();
    let mut episodes = Vec::new();
    let mut appointments = Vec::new();
    for (&id, &(city, created, status)) in ids.iter().zip(plan.iter()) {
        let (unit_id, staff) = units[city];
        let race = rng.pick(&[
            (Some("parda"), 45),
            (Some("preta"), 20),
            (Some("branca"), 25),
            (Some("amarela"), 1),
            (Some("indigena"), 1),
            (Some("nao_declarada"), 3),
            (None, 5),
        ]);
        let gender = rng.pick(&[
            (Some("Homem"), 84),
            (Some("Mulher"), 10),
            (Some("Mulher trans"), 2),
            (Some("travesti"), 1),
            (Some("Homem trans"), 1),
            (Some("Não binária"), 1),
            (None, 3),
        ]);
        let age = rng.pick(&[
            (19, 10),
            (23, 22),
            (27, 20),
            (34, 25),
            (44, 13),
            (54, 7),
            (63, 3),
        ]) + rng.below(4) as i64;
        let birth = (!rng.chance(6)).then(|| {
            let (y, m, d) = dates::civil_date(created);
            format!(
                "{:04}-{:02}-{:02}",
                y - age,
                1 + (m + 3) % 12,
                1 + (d + 7) % 28
            )
        });
        let schooling = rng.pick(&[
            (Some("fundamental_incompleto"), 48),
            (Some("fundamental"), 12),
            (Some("medio_incompleto"), 14),
            (Some("medio"), 12),
            (Some("eja"), 4),
            (Some("tecnico"), 2),
            (Some("superior_incompleto"), 2),
            (None, 6),
        ]);
        details.push(person_detail::ActiveModel {
            person_id: Set(id),
            related_person_id: Set(None),
            prison_unit: Set((status == "pre_egresso").then(|| "Penitenciária Estadual".into())),
            expected_release: Set(
                (status == "pre_egresso").then(|| now + (30 + rng.below(150) as i64) * DAY)
            ),
            regime: Set((status == "pre_egresso").then(|| "semiaberto".into())),
            phone: Set(None),
            email: Set(None),
            schooling: Set(schooling.map(str::to_string)),
            race: Set(race.map(str::to_string)),
            gender_group: Set(gender.map(|g| gender_group(g).to_string())),
            gender_identity: Set(gender.map(str::to_string)),
            birth_date: Set(birth),
            reference_user_id: Set(Some(staff)),
            quota_confirmed_by: Set(None),
            quota_confirmed_at: Set(None),
            updated_by: Set(staff),
            updated_at: Set(created),
        });
        // Contacts after the acolhimento, never in the future.
        let lived = (now - created) / DAY;
        for _ in 0..(1 + rng.below(5)) {
            let at = created + rng.below(lived.max(1) as u64) as i64 * DAY;
            contacts.push(follow_up::ActiveModel {
                person_id: Set(id),
                unit_id: Set(unit_id),
                contact_kind: Set(rng
                    .pick(&[
                        ("presencial", 55),
                        ("telefone", 25),
                        ("mensagem", 12),
                        ("visita", 4),
                        ("grupo", 4),
                    ])
                    .into()),
                happened_on: Set(dates::iso_date(at)),
                summary: Set("Atendimento de acompanhamento.".into()),
                confidential: Set(false),
                created_by: Set(staff),
                created_at: Set(at),
                ..Default::default()
            });
        }
        let mut asked: Vec<&str> = Vec::new();
        for _ in 0..(1 + rng.below(3)) {
            let (area, demand) = rng.pick(&DEMANDS.map(|(a, d, w)| ((a, d), w)));
            if asked.contains(&area) {
                continue;
            }
            asked.push(area);
            areas.push(interview_area::ActiveModel {
                person_id: Set(id),
                unit_id: Set(unit_id),
                area: Set(area.into()),
                situation: Set(None),
                demands: Set(Some(demand.into())),
                emergency: Set(area == "alimentacao" && rng.chance(30)),
                updated_by: Set(staff),
                updated_at: Set(created),
                ..Default::default()
            });
            let Some(&(service_id, organization_id)) = services.get(&(city, area)) else {
                continue;
            };
            if rng.chance(60) {
                let at = created + rng.below(10) as i64 * DAY;
                referrals.push(referral::ActiveModel {
                    person_id: Set(id),
                    unit_id: Set(unit_id),
                    service_id: Set(service_id),
                    organization_id: Set(organization_id),
                    demand: Set(demand.into()),
                    shares_case: Set(false),
                    override_justification: Set(None),
                    status: Set(rng.pick(&OUTCOMES).into()),
                    status_note: Set(None),
                    created_by: Set(staff),
                    created_at: Set(at.min(now)),
                    updated_at: Set(at.min(now)),
                    ..Default::default()
                });
            }
        }
        for (kind, percent) in [("cpf", 70), ("rg_cin", 45), ("ctps", 35), ("titulo", 15)] {
            if rng.chance(percent) {
                documents.push(person_document::ActiveModel {
                    person_id: Set(id),
                    unit_id: Set(unit_id),
                    kind: Set(kind.into()),
                    status: Set("tem".into()),
                    updated_by: Set(staff),
                    updated_at: Set((created + rng.below(60) as i64 * DAY).min(now)),
                    ..Default::default()
                });
            }
        }
        if status == "egresso" && lived > 20 && rng.chance(35) {
            // Most find work within the first three months of the acolhimento.
            let start = created + (10 + rng.below((lived - 10).min(90) as u64) as i64) * DAY;
            let ended = rng
                .chance(22)
                .then(|| start + (20 + rng.below(200) as i64) * DAY)
                .filter(|e| *e < now)
                .map(dates::iso_date);
            hires.push(hire::ActiveModel {
                person_id: Set(id),
                unit_id: Set(unit_id),
                employer: Set(rng
                    .pick(&[
                        ("Construtora Horizonte Ltda.", 3),
                        ("Mercado Bom Preço", 3),
                        ("Limpeza Brilho", 2),
                        ("Restaurante Sabor", 2),
                    ])
                    .into()),
                job_title: Set(rng
                    .pick(&[
                        ("Servente de obras", 3),
                        ("Auxiliar de limpeza", 3),
                        ("Repositor", 2),
                        ("Auxiliar de cozinha", 2),
                    ])
                    .into()),
                started_on: Set(dates::iso_date(start.min(now))),
                ended_on: Set(ended),
                recorded_by: Set(staff),
                created_at: Set(start.min(now)),
                status: Set("confirmada".into()),
                ..Default::default()
            });
        }
        let with_plan = if status == "pre_egresso" { 65 } else { 45 };
        if rng.chance(with_plan) {
            let area = asked.first().copied().unwrap_or("trabalho_renda");
            let content = Plan::default().with_area(PlanArea {
                area: area.into(),
                demand: "Combinada na entrevista.".into(),
                goal: "Resolver nos próximos 3 meses.".into(),
                actions: Vec::new(),
            });
            plans.push(plan_version::ActiveModel {
                person_id: Set(id),
                unit_id: Set(unit_id),
                number: Set(1),
                content: Set(
                    serde_json::to_string(&content).map_err(|e| DbErr::Custom(e.to_string()))?
                ),
                changes: Set("Primeira versão do plano.".into()),
                created_by: Set(staff),
                created_at: Set((created + 7 * DAY).min(now)),
                open_deadline: Set(String::new()),
                ..Default::default()
            });
        }
        if rng.chance(11) {
            let at = (created + rng.below(lived.max(1) as u64) as i64 * DAY).min(now);
            episodes.push(stigma_episode::ActiveModel {
                person_id: Set(id),
                unit_id: Set(unit_id),
                kind: Set(rng
                    .pick(&[
                        ("experimentado", 6),
                        ("antecipado", 3),
                        ("internalizado", 1),
                    ])
                    .into()),
                setting: Set(rng
                    .pick(&[
                        ("trabalho", 5),
                        ("policia", 2),
                        ("saude", 1),
                        ("comunidade", 2),
                        ("familia", 1),
                    ])
                    .into()),
                happened_on: Set(dates::iso_date(at)),
                what_happened: Set("Relato registrado pela equipe.".into()),
                action_taken: Set(None),
                outcome: Set(None),
                created_by: Set(staff),
                created_at: Set(at),
                updated_by: Set(staff),
                updated_at: Set(at),
                ..Default::default()
            });
        }
        // Appointments in the coming two weeks for some, so the agendas have something.
        if rng.chance(8) {
            appointments.push(appointment_in(
                id,
                unit_id,
                staff,
                now,
                1 + rng.below(14) as i64,
                9 + rng.below(8) as i64,
            ));
        }
    }
    // Maria's next appointments: in 2 days at 10:00 and in 9 days at 14:00 (Brasília).
    let (df_unit, df_staff) = units[0];
    appointments.push(appointment_in(maria, df_unit, df_staff, now, 2, 10));
    appointments.push(appointment_in(maria, df_unit, df_staff, now, 9, 14));
    insert_all(db, details).await?;
    insert_all(db, contacts).await?;
    insert_all(db, areas).await?;
    insert_all(db, documents).await?;
    insert_all(db, referrals).await?;
    insert_all(db, hires).await?;
    insert_all(db, plans).await?;
    insert_all(db, episodes).await?;
    insert_all(db, appointments).await?;
    Ok(())
}

/// An appointment `days` from now at `hour`:00 in Brasília, at the office.
fn appointment_in(
    person: i32,
    unit: i32,
    staff: i32,
    now: i64,
    days: i64,
    hour: i64,
) -> appointment::ActiveModel {
    let day = dates::iso_date(now + days * DAY);
    let starts = crate::domain::monitoring::period::start_of_day(&day) + hour * 3600;
    appointment::ActiveModel {
        person_id: Set(person),
        unit_id: Set(unit),
        starts_at: Set(starts),
        place: Set("Escritório Social, sala de atendimento".into()),
        with_whom: Set("Equipe do Escritório Social".into()),
        note: Set(Some("Traga um documento com foto, se tiver.".into())),
        status: Set("agendado".into()),
        sequence: Set(0),
        created_by: Set(staff),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// For each demo city (index into `DEMO_CITIES`) and area, one service there: (id, organisation).
async fn services_by_city<C: ConnectionTrait>(
    db: &C,
) -> Result<HashMap<(usize, &'static str), (i32, i32)>, DbErr> {
    let locations: HashMap<i32, String> = location::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l.ibge_municipality))
        .collect();
    let at: HashMap<i32, i32> = service_at_location::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.service_id, s.location_id))
        .collect();
    let mut out = HashMap::new();
    for s in service::Entity::find()
        .order_by_asc(service::Column::Id)
        .all(db)
        .await?
    {
        let Some(ibge) = at.get(&s.id).and_then(|l| locations.get(l)) else {
            continue;
        };
        let Some(city) = DEMO_CITIES.iter().position(|(_, _, code)| code == ibge) else {
            continue;
        };
        let Some(area) = crate::domain::services::area_code(&s.area) else {
            continue;
        };
        out.entry((city, area)).or_insert((s.id, s.organization_id));
    }
    Ok(out)
}
