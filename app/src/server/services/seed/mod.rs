//! Demo data for trying the app (`make run`). Deterministic, seeded once into an empty
//! database, all in one transaction. Documented in the README. Never seeded unless asked.

pub mod activity;
pub mod case;
pub mod directory;
pub mod people;

use crate::domain::{Role, cbo};
use crate::server::BeginWrite;
use crate::server::entities::{organization, person, unit, user_account};
use crate::server::now;
use crate::server::services::access::passwords;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set};

pub const DEMO_PASSWORD: &str = "esv-demo-2026";

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("{0}")]
    Hash(#[from] passwords::HashError),
}

/// Seeds the demo data if the database has no unit yet, with a year of activity in 7 cities
/// when `with_year` (see `activity`). Returns whether it seeded.
pub async fn seed_demo_if_empty(
    db: &DatabaseConnection,
    with_year: bool,
) -> Result<bool, SeedError> {
    if unit::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    // One hash for all demo accounts: they share the documented demo password anyway.
    let hash = passwords::hash(DEMO_PASSWORD.to_string()).await?;
    let now = now();
    let txn = db.begin_write().await?;
    let unit = unit::ActiveModel {
        name: Set("Escritório Social de Brasília".into()),
        uf: Set("DF".into()),
        ibge_municipality: Set("5300108".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let company = organization::ActiveModel {
        kind: Set("company".into()),
        name: Set("Construtora Horizonte Ltda.".into()),
        cnpj: Set(Some("11444777000161".into())),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let partner = organization::ActiveModel {
        kind: Set("partner".into()),
        name: Set("Coletivo Recomeço".into()),
        cnpj: Set(Some("12ABC34501DE35".into())),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let maria = person::ActiveModel {
        unit_id: Set(unit.id),
        full_name: Set("Maria Aparecida dos Santos".into()),
        social_name: Set(None),
        search_name: Set(crate::server::services::case::people::search_name(
            "Maria Aparecida dos Santos",
            None,
        )),
        cpf: Set(Some("52998224725".into())),
        status: Set("egresso".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    let staff =
        |role: Role, name: &str, email: &str| (role, name.to_string(), Some(email.to_string()));
    let accounts = [
        (
            staff(Role::Admin, "Administração ESV", "admin@exemplo.org"),
            None,
            None,
            None,
        ),
        (
            staff(
                Role::Coordinator,
                "Joana Ribeiro",
                "coordenacao@exemplo.org",
            ),
            Some(unit.id),
            None,
            None,
        ),
        (
            staff(Role::Caseworker, "Carla Mendes", "tecnica@exemplo.org"),
            Some(unit.id),
            None,
            None,
        ),
        (
            staff(Role::Company, "Roberto Lima", "rh@exemplo.org"),
            None,
            Some(company.id),
            None,
        ),
        (
            staff(Role::Partner, "Paulo Nascimento", "parceiro@exemplo.org"),
            None,
            Some(partner.id),
            None,
        ),
        (
            (Role::Egresso, maria.full_name.clone(), None),
            Some(unit.id),
            None,
            Some(maria.id),
        ),
    ];
    let mut caseworker_id = 0;
    for ((role, name, email), unit_id, organization_id, person_id) in accounts {
        let is_caseworker = role == Role::Caseworker;
        let created = user_account::ActiveModel {
            role: Set(role.as_str().into()),
            display_name: Set(name),
            email: Set(email),
            person_id: Set(person_id),
            unit_id: Set(unit_id),
            organization_id: Set(organization_id),
            password_hash: Set(Some(hash.clone())),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if is_caseworker {
            caseworker_id = created.id;
        }
    }
    crate::server::services::seed::case::seed_demo_case(
        &txn,
        maria.id,
        unit.id,
        caseworker_id,
        now,
    )
    .await?;
    seed_demo_vacancies(&txn, company.id, now).await?;
    seed_demo_courses(&txn, (partner.id, partner.name.clone()), now).await?;
    crate::server::services::seed::directory::seed_demo_services(
        &txn,
        (partner.id, &partner.name),
        now,
    )
    .await?;
    if with_year {
        activity::seed_demo_activity(&txn, unit.id, maria.id, &hash, now).await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// Cities with open vacancies in the demo data: (city, UF, IBGE municipality code).
pub const DEMO_CITIES: [(&str, &str, &str); 7] = [
    ("Brasília", "DF", "5300108"),
    ("Belo Horizonte", "MG", "3106200"),
    ("Contagem", "MG", "3118601"),
    ("Uberlândia", "MG", "3170206"),
    ("São Paulo", "SP", "3550308"),
    ("Campinas", "SP", "3509502"),
    ("Rio de Janeiro", "RJ", "3304557"),
];

const DEMO_COMPANIES: [&str; 9] = [
    "Mercado Bom Preço Ltda.",
    "Restaurante Sabor de Casa",
    "Limpa Tudo Serviços Gerais",
    "Transportadora Caminho Certo",
    "Metalúrgica União",
    "Condomínios Bem Viver Administração",
    "Auto Center Roda Viva",
    "Confecções Linha Fina",
    "Agro Vale Verde",
];

const REQUIREMENTS: [&str; 4] = [
    "Ensino fundamental completo. Não precisa ter experiência: a empresa treina.",
    "Ensino médio completo. Experiência de 6 meses na função ajuda, mas não é obrigatória.",
    "Saber ler e fazer contas simples. Disponibilidade para começar logo.",
    "Ensino fundamental. Curso na área é um diferencial.",
];

/// How companies title vacancies of each occupation (same order as `cbo::OCCUPATIONS`): the
/// CBO title is rarely what an ad says, and many ads name the trade in the feminine.
const DEMO_TITLES: [[&str; 3]; 34] = [
    ["Pedreiro", "Pedreira", "Pedreiro de acabamento"],
    [
        "Servente de obras",
        "Ajudante de obras",
        "Servente de pedreiro",
    ],
    ["Pintor de obras", "Pintora", "Pintor residencial"],
    ["Encanador", "Encanador hidráulico", "Bombeiro hidráulico"],
    [
        "Eletricista de manutenção",
        "Eletricista de manutenção eletroeletrônica",
        "Eletricista de manutenção industrial",
    ],
    [
        "Mecânico de automóveis",
        "Mecânico de manutenção de automóveis",
        "Auxiliar de mecânico",
    ],
    [
        "Auxiliar de manutenção predial",
        "Trabalhador de manutenção de edifícios",
        "Auxiliar de serviços gerais",
    ],
    ["Zelador", "Zeladora", "Zelador de condomínio"],
    [
        "Auxiliar de limpeza",
        "Faxineira",
        "Auxiliar de serviços gerais",
    ],
    ["Cozinheiro", "Cozinheira", "Cozinheiro geral"],
    ["Garçom", "Garçonete", "Garçom de eventos"],
    [
        "Operador de caixa",
        "Operadora de caixa",
        "Caixa de supermercado",
    ],
    [
        "Repositor de mercadorias",
        "Repositora",
        "Repositor de supermercado",
    ],
    [
        "Assistente administrativo",
        "Auxiliar administrativo",
        "Assistente administrativa",
    ],
    [
        "Almoxarife",
        "Auxiliar de almoxarifado",
        "Auxiliar de logística",
    ],
    [
        "Carregador",
        "Ajudante de carga e descarga",
        "Auxiliar de logística",
    ],
    [
        "Motorista de caminhão",
        "Motorista de entregas",
        "Motorista carreteiro",
    ],
    [
        "Auxiliar de produção",
        "Alimentador de linha de produção",
        "Operadora de produção",
    ],
    [
        "Trabalhador rural",
        "Trabalhadora volante da agricultura",
        "Auxiliar agrícola",
    ],
    ["Açougueiro", "Açougueira", "Auxiliar de açougue"],
    [
        "Carpinteiro",
        "Carpinteiro de obras",
        "Ajudante de carpinteiro",
    ],
    [
        "Eletricista",
        "Eletricista de instalações",
        "Eletricista predial",
    ],
    ["Gari", "Varredor de rua", "Auxiliar de limpeza urbana"],
    [
        "Auxiliar de cozinha",
        "Ajudante de cozinha",
        "Auxiliar de cozinha hospitalar",
    ],
    ["Atendente de lanchonete", "Atendente de balcão", "Chapeiro"],
    ["Padeiro", "Padeira", "Auxiliar de padaria"],
    ["Vendedor", "Vendedora", "Vendedor de loja"],
    [
        "Atendente de loja",
        "Atendente de mercado",
        "Atendente de loja de roupas",
    ],
    [
        "Operador de empilhadeira",
        "Operadora de empilhadeira",
        "Operador de empilhadeira de armazém",
    ],
    ["Entregador motociclista", "Motoboy", "Entregador de moto"],
    ["Embalador", "Embaladora", "Auxiliar de embalagem"],
    [
        "Operador de telemarketing",
        "Atendente de telemarketing",
        "Operadora de call center",
    ],
    [
        "Recepcionista",
        "Recepcionista de clínica",
        "Recepcionista de hotel",
    ],
    ["Porteiro", "Porteira", "Porteiro de condomínio"],
];

/// How many demo vacancies: each occupation twelve times (each of its titles four times).
pub const DEMO_VACANCIES: i64 = 12 * cbo::OCCUPATIONS.len() as i64;

/// The `i`-th generated vacancy: every occupation, title, shift, contract and salary band
/// appears in turn; every 4th is a quota vacancy and every 25th is closed.
fn demo_vacancy(
    i: i64,
    company_id: i32,
    company: &str,
    now: i64,
) -> crate::server::entities::vacancy::ActiveModel {
    use crate::domain::jobs;
    let day = 86_400;
    let kinds = cbo::OCCUPATIONS.len() as i64;
    let (code, occupation) = cbo::OCCUPATIONS[(i % kinds) as usize];
    let title = DEMO_TITLES[(i % kinds) as usize][((i / kinds) % 3) as usize];
    let (city, uf, ibge) = DEMO_CITIES[((i * 5) % 7) as usize];
    let shift = jobs::SHIFTS[(i % 5) as usize].0;
    let contract = ["clt", "clt", "clt", "temporario", "aprendiz"][((i / 5) % 5) as usize];
    let hours = if contract == "aprendiz" {
        30
    } else {
        [44, 44, 40, 36][(i % 4) as usize]
    };
    let base = 151_800 + (i % 20) * 9_000 + (i % 7) * 5_000;
    let title = title.to_string();
    let description = format!(
        "A {company} procura {} ({}) para trabalhar em {city}. Você vai aprender a rotina com a equipe nas primeiras semanas. Oferecemos vale-transporte, vale-refeição e uniforme.",
        title.to_lowercase(),
        occupation.to_lowercase()
    );
    let requirements = REQUIREMENTS[(i % 4) as usize].to_string();
    let (search_title, search_body) = crate::server::services::jobs::vacancies::search_text(
        &title,
        &description,
        &requirements,
        code,
        company,
        city,
    );
    crate::server::entities::vacancy::ActiveModel {
        organization_id: Set(company_id),
        title: Set(title),
        description: Set(description),
        requirements: Set(requirements),
        cbo_code: Set(code.to_string()),
        salary_min_cents: Set((i % 11 != 5).then_some(base)),
        salary_max_cents: Set((i % 3 == 0).then_some(base + 40_000)),
        weekly_hours: Set(hours),
        shift: Set(shift.to_string()),
        employment_type: Set(contract.to_string()),
        city: Set(city.to_string()),
        uf: Set(uf.to_string()),
        ibge_municipality: Set(ibge.to_string()),
        quota: Set(i % 4 == 0),
        status: Set(if i % 25 == 24 { "closed" } else { "open" }.to_string()),
        posted_at: Set(now - (i % 30) * day),
        closes_at: Set(now + (15 + i % 45) * day),
        search_title: Set(search_title),
        search_body: Set(search_body),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// For benchmarks: `count` more vacancies and one company per 20 of them, in batches of 500
/// (one transaction each). Same generator as the demo data.
pub async fn seed_benchmark_vacancies(
    db: &DatabaseConnection,
    count: i64,
) -> Result<(), SeedError> {
    use crate::domain::Cnpj;
    use crate::server::entities::vacancy;
    let now = now();
    let mut companies = Vec::new();
    for c in 0..(count / 20).max(1) {
        let base = format!("{:08}0002", 50_000_000 + c);
        companies.push(
            organization::ActiveModel {
                kind: Set("company".into()),
                name: Set(format!("Empresa de Teste {c}")),
                cnpj: Set(Cnpj::with_check_digits(&base).map(|c| c.as_str().to_string())),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?,
        );
    }
    let mut i = 0;
    while i < count {
        let txn = db.begin_write().await?;
        let batch: Vec<vacancy::ActiveModel> = (i..(i + 500).min(count))
            .map(|n| {
                let company = &companies[(n as usize) % companies.len()];
                demo_vacancy(n, company.id, &company.name, now)
            })
            .collect();
        vacancy::Entity::insert_many(batch).exec(&txn).await?;
        txn.commit().await?;
        i += 500;
    }
    Ok(())
}

/// `DEMO_VACANCIES` (408) vacancies from 10 companies in 7 cities of 4 UFs: every occupation,
/// title, shift, contract and salary band appears; some are quota vacancies, some are closed.
/// Deterministic.
async fn seed_demo_vacancies<C: sea_orm::ConnectionTrait>(
    db: &C,
    first_company: i32,
    now: i64,
) -> Result<(), SeedError> {
    use crate::domain::Cnpj;
    use crate::server::entities::vacancy;
    let mut companies = vec![(first_company, "Construtora Horizonte Ltda.".to_string())];
    for (i, name) in DEMO_COMPANIES.iter().enumerate() {
        let base = format!("{:08}0001", 20_000_000 + i * 1_111_111);
        let cnpj = Cnpj::with_check_digits(&base).map(|c| c.as_str().to_string());
        let org = organization::ActiveModel {
            kind: Set("company".into()),
            name: Set(name.to_string()),
            cnpj: Set(cnpj),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        companies.push((org.id, org.name));
    }
    let rows = (0..DEMO_VACANCIES).map(|i: i64| {
        let (company_id, company) = &companies[((i * 3) % 10) as usize];
        demo_vacancy(i, *company_id, company, now)
    });
    vacancy::Entity::insert_many(rows.collect::<Vec<_>>())
        .exec(db)
        .await?;
    Ok(())
}

const COURSE_PROVIDERS: [&str; 3] = [
    "Escola Técnica Aprender Fazendo",
    "Instituto Mãos à Obra",
    "Centro de Formação Novo Rumo",
];

/// (title, hours, what the person learns)
const COURSE_TITLES: [(&str, u16, &str); 12] = [
    (
        "Eletricista instalador predial",
        160,
        "instalar tomadas, interruptores e quadros de luz com segurança (NR-10 básica)",
    ),
    (
        "Informática básica",
        40,
        "usar o computador e o celular para escrever, mandar e-mail e buscar emprego na internet",
    ),
    (
        "Auxiliar de cozinha",
        120,
        "preparar alimentos com higiene, organizar a cozinha e seguir fichas técnicas",
    ),
    (
        "Pedreiro de alvenaria",
        200,
        "levantar paredes, fazer reboco e ler plantas simples",
    ),
    (
        "Assistente administrativo",
        80,
        "organizar documentos, atender o público e usar planilhas",
    ),
    (
        "Costura industrial",
        120,
        "operar máquinas reta e overloque e montar peças simples",
    ),
    (
        "Educação de Jovens e Adultos (EJA) – ensino fundamental",
        800,
        "terminar o ensino fundamental com aulas adaptadas para adultos",
    ),
    (
        "Empreendedorismo e microempreendedor individual (MEI)",
        24,
        "abrir um MEI, calcular preço e controlar o caixa do seu negócio",
    ),
    (
        "Manutenção de motos",
        100,
        "fazer revisão, trocar óleo, freios e corrente de motocicletas",
    ),
    (
        "Jardinagem e paisagismo",
        60,
        "cuidar de jardins, podar plantas e preparar canteiros",
    ),
    (
        "Operador de empilhadeira",
        40,
        "operar empilhadeira com segurança (NR-11) em armazéns",
    ),
    (
        "Leitura e escrita para o dia a dia",
        48,
        "ler e escrever melhor, com textos do dia a dia",
    ),
];

/// 36 courses from 4 providers: every title, both modalities, free and paid, some counting for
/// remição, in the demo cities; one in nine closed. Deterministic.
async fn seed_demo_courses<C: sea_orm::ConnectionTrait>(
    db: &C,
    first_provider: (i32, String),
    now: i64,
) -> Result<(), SeedError> {
    use crate::server::entities::course;
    let mut providers = vec![first_provider];
    for name in COURSE_PROVIDERS {
        let org = organization::ActiveModel {
            kind: Set("partner".into()),
            name: Set(name.to_string()),
            cnpj: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        providers.push((org.id, org.name));
    }
    let day = 86_400;
    let rows = (0..36i64).map(|i| {
        let (title, hours, learn) = COURSE_TITLES[(i % 12) as usize];
        let (provider_id, provider) = &providers[(i % 4) as usize];
        let ead = i % 5 == 1 || title.starts_with("Informática") && i % 2 == 0;
        let (city, uf, ibge) = if ead {
            ("", "", "")
        } else {
            DEMO_CITIES[((i * 3) % 7) as usize]
        };
        let description = format!(
            "Neste curso você aprende a {learn}. As aulas são em turma pequena, com material incluído. Ao final, você recebe certificado."
        );
        course::ActiveModel {
            provider_id: Set(*provider_id),
            title: Set(title.to_string()),
            description: Set(description.clone()),
            modality: Set(if ead { "ead" } else { "presencial" }.into()),
            hours: Set(i32::from(hours)),
            starts_at: Set(now + (7 + (i * 4) % 60) * day),
            city: Set(city.to_string()),
            uf: Set(uf.to_string()),
            ibge_municipality: Set(ibge.to_string()),
            price_cents: Set((i % 6 == 5).then_some(9_000 + (i % 4) * 2_500)),
            remicao: Set(i % 3 != 2),
            status: Set(if i % 9 == 8 { "closed" } else { "open" }.into()),
            search_text: Set(crate::server::services::courses::search_text(title, &description, provider, city)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
    });
    course::Entity::insert_many(rows.collect::<Vec<_>>())
        .exec(db)
        .await?;
    Ok(())
}
