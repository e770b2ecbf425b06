//! Demo data for "Serviços e rede": 91 services (every service area in each of the 7 demo
//! cities) with real-looking addresses, phones, coordinates and weekly hours. Deterministic.

use crate::domain::services::{AREAS, parse_week};
use crate::domain::services_taxonomy::{FOR_WHOM, KIND};
use crate::server::entities::{location, organization, service};
use crate::server::services::directory::service_directory::{
    PUBLIC, insert_offering, search_text, set_attributes,
};
use crate::server::services::seed::SeedError;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// Areas whose demo services are run by RAESP partner organisations rather than public bodies.
const PARTNER_KIND_AREAS: [&str; 3] = ["qualificacao", "familia", "cultura_esporte"];

/// (city, UF, IBGE, DDD, CEP prefix, centre latitude, centre longitude)
const CITIES: [(&str, &str, &str, &str, &str, f64, f64); 7] = [
    ("Brasília", "DF", "5300108", "61", "70", -15.7939, -47.8828),
    (
        "Belo Horizonte",
        "MG",
        "3106200",
        "31",
        "30",
        -19.9167,
        -43.9345,
    ),
    ("Contagem", "MG", "3118601", "31", "32", -19.9317, -44.0536),
    (
        "Uberlândia",
        "MG",
        "3170206",
        "34",
        "38",
        -18.9186,
        -48.2772,
    ),
    ("São Paulo", "SP", "3550308", "11", "01", -23.5505, -46.6333),
    ("Campinas", "SP", "3509502", "19", "13", -22.9099, -47.0626),
    (
        "Rio de Janeiro",
        "RJ",
        "3304557",
        "21",
        "20",
        -22.9068,
        -43.1729,
    ),
];

/// Per area: (organisation, service name, what it offers, weekly hours).
const OFFERINGS: [(&str, &str, &str, &str); 13] = [
    (
        "Posto de Atendimento ao Cidadão",
        "Emissão de documentos",
        "Tira a primeira ou segunda via de RG/CIN, CPF e carteira de trabalho digital. Leve certidão de nascimento ou casamento.",
        "seg-sex 08:00-17:00; sab 08:00-12:00",
    ),
    (
        "CAPS AD",
        "Atendimento em saúde mental, álcool e outras drogas",
        "Acolhimento sem agendamento, consultas com equipe de saúde mental e grupos de apoio.",
        "seg-sex 07:00-19:00",
    ),
    (
        "CRAS",
        "Cadastro Único e benefícios sociais",
        "Inscrição e atualização no CadÚnico, orientação sobre Bolsa Família, BPC e outros benefícios.",
        "seg-sex 08:00-17:00",
    ),
    (
        "Restaurante Popular",
        "Refeição a preço popular",
        "Almoço completo a preço baixo. Gratuito para quem está no CadÚnico em situação de rua.",
        "seg-sab 11:00-14:00",
    ),
    (
        "Centro POP",
        "Banho, roupas e higiene",
        "Banho, lavagem de roupas, kit de higiene e roupas doadas para quem precisa.",
        "seg-sex 08:00-18:00",
    ),
    (
        "Casa de Acolhimento",
        "Acolhimento provisório",
        "Vaga para dormir, refeições e apoio para conseguir moradia. Funciona dia e noite.",
        "seg-dom 00:00-24:00",
    ),
    (
        "Centro de Educação de Jovens e Adultos",
        "Matrícula na EJA",
        "Matrícula para terminar o ensino fundamental ou médio, com aulas à noite.",
        "seg-sex 13:00-21:00",
    ),
    (
        "Associação Oficina do Futuro",
        "Cursos de qualificação profissional",
        "Cursos gratuitos de curta duração e encaminhamento para vagas de emprego.",
        "seg-sex 08:00-17:00",
    ),
    (
        "Agência do Trabalhador",
        "Intermediação de emprego e seguro-desemprego",
        "Cadastro para vagas, carteira de trabalho digital e pedido de seguro-desemprego.",
        "seg-sex 08:00-16:00",
    ),
    (
        "Defensoria Pública",
        "Atendimento jurídico gratuito",
        "Orientação e defesa gratuitas em execução penal, família, moradia e outros direitos.",
        "seg-sex 09:00-17:00",
    ),
    (
        "Instituto Laços de Família",
        "Apoio a familiares e mediação de vínculos",
        "Grupos de famílias, atendimento psicossocial e mediação para retomar vínculos.",
        "ter-sab 09:00-18:00",
    ),
    (
        "Centro Cultural e Esportivo",
        "Oficinas de cultura e esporte",
        "Oficinas gratuitas de música, teatro, futebol e capoeira para todas as idades.",
        "seg-sex 08:00-20:00; sab 09:00-13:00",
    ),
    (
        "Central do Passe Livre",
        "Cartão de transporte social",
        "Pedido do cartão de gratuidade ou desconto no transporte público para quem tem direito.",
        "seg-sex 08:00-17:00",
    ),
];

const STREETS: [&str; 6] = [
    "Rua das Flores",
    "Avenida Brasil",
    "Rua São José",
    "Avenida Getúlio Vargas",
    "Rua Tiradentes",
    "Rua Sete de Setembro",
];

pub async fn seed_demo_services<C: ConnectionTrait>(
    db: &C,
    (demo_partner, partner_name): (i32, &str),
    now: i64,
) -> Result<(), SeedError> {
    for (c, (city, ..)) in CITIES.iter().enumerate() {
        for (a, ((area, _), (org_name, name, description, hours))) in
            AREAS.iter().zip(OFFERINGS.iter()).enumerate()
        {
            let i = (c * 13 + a) as i64;
            // The demo partner runs the family service in Brasília; other RAESP areas are
            // run by local partner organisations, the rest by public bodies.
            let org_id = if c == 0 && *area == "familia" {
                demo_partner
            } else {
                let name = format!("{org_name} – {city}");
                demo_organization(db, &name, PARTNER_KIND_AREAS.contains(area), now).await?
            };
            // The demo partner's own name, so that it is found by it.
            let org_label = if org_id == demo_partner {
                partner_name.to_string()
            } else {
                format!("{org_name} – {city}")
            };
            let svc = insert_demo_service(
                db,
                Demo {
                    city: c,
                    i,
                    org: (org_id, org_name, &org_label),
                    area,
                    name,
                    description,
                    hours,
                },
                now,
            )
            .await?;
            let mut attributes = Vec::new();
            if let Some(kind) = KIND_OF_AREA
                .iter()
                .find(|(a, _)| a == area)
                .map(|(_, k)| *k)
            {
                attributes.push((KIND.to_string(), kind.to_string()));
            }
            if *area == "familia" {
                attributes.push((FOR_WHOM.to_string(), "familias".to_string()));
            }
            set_attributes(db, svc, &attributes).await?;
        }
    }
    seed_kinds_and_audiences(db, now).await
}

/// Which of the 13 offerings are a kind people ask for by name.
const KIND_OF_AREA: [(&str, &str); 4] = [
    ("saude", "caps"),
    ("assistencia_social", "cras"),
    ("juridica", "defensoria"),
    ("trabalho_renda", "sine"),
];

/// The kinds of service the programme's people ask for by name that the 13 offerings lack,
/// in every city: (kind, area, organisation, name, description, hours, for whom, RAESP).
#[allow(clippy::type_complexity)]
const KINDS_IN_EVERY_CITY: [(&str, &str, &str, &str, &str, &str, &[&str], bool); 5] = [
    (
        "escritorio_social",
        "assistencia_social",
        "Escritório Social",
        "Acolhimento e encaminhamento para recomeçar",
        "Atendimento para quem quer recomeçar e para a família: documentos, trabalho, saúde, moradia e encaminhamentos.",
        "seg-sex 08:00-18:00",
        &["familias"],
        false,
    ),
    (
        "conselho_comunidade",
        "juridica",
        "Conselho da Comunidade",
        "Conselho da Comunidade",
        "Conselho formado por moradores da cidade. Apoia quem precisa recomeçar e as famílias.",
        "ter-qui 09:00-17:00",
        &["familias"],
        true,
    ),
    (
        "patronato",
        "assistencia_social",
        "Patronato",
        "Patronato: orientação e trabalho",
        "Orientação, apoio para conseguir trabalho e acompanhamento para quem está recomeçando.",
        "seg-sex 08:00-17:00",
        &[],
        false,
    ),
    (
        "creas",
        "assistencia_social",
        "CREAS",
        "Atendimento especializado a quem teve direitos violados",
        "Apoio a pessoas e famílias que sofreram violência, discriminação ou abandono.",
        "seg-sex 08:00-17:00",
        &["mulheres", "idosos", "pcd", "lgbtqia"],
        false,
    ),
    (
        "abrigo_mulheres",
        "moradia",
        "Casa-abrigo da Mulher",
        "Casa-abrigo para mulheres",
        "Acolhimento sigiloso para mulheres em situação de violência e seus filhos. O contato é feito pelo CREAS ou pela Delegacia da Mulher.",
        "seg-dom 00:00-24:00",
        &["mulheres"],
        false,
    ),
];

/// Services for one public, in one city each: (city index, area, organisation, name,
/// description, hours, for whom).
#[allow(clippy::type_complexity)]
const FOR_WHOM_IN_ONE_CITY: [(usize, &str, &str, &str, &str, &str, &str); 4] = [
    (
        4,
        "documentacao",
        "CRAI – Centro de Referência e Atendimento para Imigrantes",
        "Atendimento a pessoas migrantes e refugiadas",
        "Orientação sobre documentos, regularização migratória e direitos, em português, espanhol e inglês.",
        "seg-sex 09:00-17:00",
        "migrantes",
    ),
    (
        6,
        "assistencia_social",
        "Centro de Cidadania LGBTQIA+",
        "Acolhimento e orientação para pessoas LGBTQIA+",
        "Atendimento social, psicológico e jurídico, e encaminhamento para trabalho e moradia.",
        "seg-sex 10:00-19:00",
        "lgbtqia",
    ),
    (
        1,
        "assistencia_social",
        "Centro de Referência da Pessoa Idosa",
        "Atendimento a pessoas idosas",
        "Orientação sobre benefícios, saúde e direitos de quem tem 60 anos ou mais.",
        "seg-sex 08:00-17:00",
        "idosos",
    ),
    (
        5,
        "saude",
        "Centro Especializado em Reabilitação",
        "Reabilitação para pessoas com deficiência",
        "Consultas, terapias e órteses para pessoas com deficiência física, auditiva, visual ou intelectual.",
        "seg-sex 07:00-17:00",
        "pcd",
    ),
];

/// One demo service to insert: where, by whom, what.
struct Demo<'a> {
    city: usize,
    /// A number that spreads places and phones deterministically.
    i: i64,
    /// (organisation id, its name without the city, its name as searched)
    org: (i32, &'a str, &'a str),
    area: &'a str,
    name: &'a str,
    description: &'a str,
    hours: &'a str,
}

/// A demo service at one place in its city, with a phone and weekly hours. Returns its id.
async fn insert_demo_service<C: ConnectionTrait>(
    db: &C,
    d: Demo<'_>,
    now: i64,
) -> Result<i32, SeedError> {
    let (city, uf, ibge, ddd, cep, lat, lon) = CITIES[d.city];
    let (org_id, org_name, org_label) = d.org;
    let i = d.i;
    let (name, description, area, hours) = (d.name, d.description, d.area, d.hours);
    let svc = service::ActiveModel {
        organization_id: Set(org_id),
        name: Set(name.to_string()),
        description: Set(description.to_string()),
        area: Set(area.to_string()),
        email: Set(None),
        url: Set(None),
        status: Set("active".into()),
        search_text: Set(search_text(name, description, org_label)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // Spread within about 5 km of the centre, deterministically.
    let dlat = (((i * 37) % 21) - 10) as f64 * 0.004;
    let dlon = (((i * 53) % 21) - 10) as f64 * 0.004;
    let place = location::ActiveModel {
        organization_id: Set(org_id),
        name: Set(format!("{org_name} – {city}")),
        address_1: Set(format!(
            "{}, {} – Centro",
            STREETS[(i % 6) as usize],
            100 + (i * 17) % 900
        )),
        city: Set(city.to_string()),
        uf: Set(uf.to_string()),
        ibge_municipality: Set(ibge.to_string()),
        postal_code: Set(format!("{cep}{:03}{:03}", (i * 7) % 1000, (i * 11) % 1000)),
        latitude: Set(lat + dlat),
        longitude: Set(lon + dlon),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let phone = format!(
        "{ddd}3{:03}{:04}",
        100 + (i * 13) % 900,
        1000 + (i * 97) % 9000
    );
    let week = parse_week(hours).unwrap_or_default();
    insert_offering(db, svc.id, place.id, Some(phone), &week).await?;
    Ok(svc.id)
}

/// The demo's kinds and publics: `KINDS_IN_EVERY_CITY` in the 7 cities, then
/// `FOR_WHOM_IN_ONE_CITY`. Inserted after the 91 offerings, so their ids stay as they were.
async fn seed_kinds_and_audiences<C: ConnectionTrait>(db: &C, now: i64) -> Result<(), SeedError> {
    let mut i = 91;
    for (c, (city, ..)) in CITIES.iter().enumerate() {
        for (kind, area, org_name, name, description, hours, for_whom, raesp) in KINDS_IN_EVERY_CITY
        {
            let label = format!("{org_name} – {city}");
            let org = demo_organization(db, &label, raesp, now).await?;
            let id = insert_demo_service(
                db,
                Demo {
                    city: c,
                    i,
                    org: (org, org_name, &label),
                    area,
                    name,
                    description,
                    hours,
                },
                now,
            )
            .await?;
            let mut attributes = vec![(KIND.to_string(), kind.to_string())];
            attributes.extend(
                for_whom
                    .iter()
                    .map(|w| (FOR_WHOM.to_string(), w.to_string())),
            );
            set_attributes(db, id, &attributes).await?;
            i += 1;
        }
    }
    for (c, area, org_name, name, description, hours, for_whom) in FOR_WHOM_IN_ONE_CITY {
        let label = format!("{org_name} – {}", CITIES[c].0);
        let org = demo_organization(db, &label, false, now).await?;
        let id = insert_demo_service(
            db,
            Demo {
                city: c,
                i,
                org: (org, org_name, &label),
                area,
                name,
                description,
                hours,
            },
            now,
        )
        .await?;
        set_attributes(db, id, &[(FOR_WHOM.to_string(), for_whom.to_string())]).await?;
        i += 1;
    }
    Ok(())
}

async fn demo_organization<C: ConnectionTrait>(
    db: &C,
    name: &str,
    raesp: bool,
    now: i64,
) -> Result<i32, SeedError> {
    Ok(organization::ActiveModel {
        kind: Set(if raesp { "partner" } else { PUBLIC }.into()),
        name: Set(name.to_string()),
        cnpj: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

/// For benchmarks: `count` more directory entries (service at a location, with a phone and
/// weekday hours), spread around the demo cities out to about 150 km, every area in turn;
/// one organisation per 50. Rows get their ids here so that whole batches go in one
/// statement each; PostgreSQL's sequences are moved past them at the end.
pub async fn seed_benchmark_services(
    db: &sea_orm::DatabaseConnection,
    count: i64,
) -> Result<(), SeedError> {
    use crate::server::BeginWrite;
    use crate::server::entities::{phone, schedule, service_at_location};
    use sea_orm::EntityTrait;
    const TABLES: [&str; 6] = [
        "organization",
        "service",
        "location",
        "service_at_location",
        "phone",
        "schedule",
    ];
    let mut next = [0i32; 6];
    for (n, table) in TABLES.iter().enumerate() {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                format!("SELECT COALESCE(MAX(id), 0) AS n FROM {table}"),
            ))
            .await?;
        next[n] = row
            .map(|r| r.try_get::<i32>("", "n"))
            .transpose()?
            .unwrap_or(0)
            + 1;
    }
    let now = crate::server::now();
    let week = parse_week("seg-sex 08:00-17:00").unwrap_or_default();
    let mut i = 0;
    while i < count {
        let end = (i + 500).min(count);
        let txn = db.begin_write().await?;
        let (mut orgs, mut services, mut places, mut sals, mut phones, mut hours) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        for n in i..end {
            if n % 50 == 0 {
                orgs.push(organization::ActiveModel {
                    id: Set(next[0]),
                    kind: Set(PUBLIC.into()),
                    name: Set(format!("Órgão de teste {}", n / 50)),
                    cnpj: Set(None),
                    created_at: Set(now),
                    ..Default::default()
                });
                next[0] += 1;
            }
            let org_id = next[0] - 1;
            let (area, area_name) = AREAS[(n % AREAS.len() as i64) as usize];
            let (city, uf, ibge, ddd, cep, lat, lon) = CITIES[((n / 13) % 7) as usize];
            let name = format!("{area_name} – ponto {n}");
            let description = format!("Serviço de teste número {n} para medir a busca.");
            let (service_id, place_id, sal_id) = (next[1], next[2], next[3]);
            services.push(service::ActiveModel {
                id: Set(service_id),
                organization_id: Set(org_id),
                name: Set(name.clone()),
                description: Set(description.clone()),
                area: Set(area.to_string()),
                email: Set(None),
                url: Set(None),
                status: Set("active".into()),
                search_text: Set(search_text(&name, &description, "Órgão de teste")),
                created_at: Set(now),
                updated_at: Set(now),
            });
            // Deterministic spread: a ring of up to ~1.4 degrees around the city centre.
            let reach = ((n * 7919) % 1000) as f64 / 1000.0 * 1.4;
            let angle = ((n * 104_729) % 3600) as f64 / 10.0;
            places.push(location::ActiveModel {
                id: Set(place_id),
                organization_id: Set(org_id),
                name: Set(name),
                address_1: Set(format!("Rua de Teste, {}", 1 + n % 2000)),
                city: Set(city.to_string()),
                uf: Set(uf.to_string()),
                ibge_municipality: Set(ibge.to_string()),
                postal_code: Set(format!("{cep}{:06}", n % 1_000_000)),
                latitude: Set(lat + reach * angle.to_radians().sin()),
                longitude: Set(lon + reach * angle.to_radians().cos()),
            });
            sals.push(service_at_location::ActiveModel {
                id: Set(sal_id),
                service_id: Set(service_id),
                location_id: Set(place_id),
            });
            phones.push(phone::ActiveModel {
                id: Set(next[4]),
                service_at_location_id: Set(sal_id),
                number: Set(format!("{ddd}3{:07}", n % 10_000_000)),
                description: Set(None),
            });
            next[4] += 1;
            for o in &week {
                hours.push(schedule::ActiveModel {
                    id: Set(next[5]),
                    service_at_location_id: Set(sal_id),
                    byday: Set(o.byday().to_string()),
                    opens_at: Set(i32::from(o.opens)),
                    closes_at: Set(i32::from(o.closes)),
                });
                next[5] += 1;
            }
            next[1] += 1;
            next[2] += 1;
            next[3] += 1;
        }
        if !orgs.is_empty() {
            organization::Entity::insert_many(orgs).exec(&txn).await?;
        }
        service::Entity::insert_many(services).exec(&txn).await?;
        location::Entity::insert_many(places).exec(&txn).await?;
        service_at_location::Entity::insert_many(sals)
            .exec(&txn)
            .await?;
        phone::Entity::insert_many(phones).exec(&txn).await?;
        schedule::Entity::insert_many(hours).exec(&txn).await?;
        txn.commit().await?;
        i = end;
    }
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        for table in TABLES {
            db.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await?;
        }
    }
    Ok(())
}
