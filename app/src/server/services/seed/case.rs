//! The demo person's case file: an interview, her documents and the first version of her plan
//! (two areas), so "Meu plano" and the team's pages show something real on first start.

use crate::domain::dates;
use crate::domain::plan::{Plan, PlanAction, PlanArea, changes};
use crate::server::entities::{interview_area, person_detail, person_document, plan_version};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

fn action(what: &str, who: &str, deadline: String, status: &str) -> PlanAction {
    PlanAction {
        what: what.into(),
        who: who.into(),
        deadline,
        status: status.into(),
    }
}

pub async fn seed_demo_case<C: ConnectionTrait>(
    db: &C,
    person_id: i32,
    unit_id: i32,
    caseworker_id: i32,
    now: i64,
) -> Result<(), DbErr> {
    let day = 86_400;
    person_detail::ActiveModel {
        person_id: Set(person_id),
        related_person_id: Set(None),
        prison_unit: Set(None),
        expected_release: Set(None),
        regime: Set(None),
        phone: Set(Some("61998765432".into())),
        email: Set(None),
        schooling: Set(None),
        race: Set(None),
        gender_identity: Set(None),
        birth_date: Set(None),
        gender_group: Set(None),
        reference_user_id: Set(Some(caseworker_id)),
        quota_confirmed_by: Set(None),
        quota_confirmed_at: Set(None),
        updated_by: Set(caseworker_id),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    for (area, situation, demands, emergency) in [
        (
            "documentacao",
            "Saiu com a certidão de nascimento. Perdeu o RG na mudança.",
            "Tirar a nova carteira de identidade (CIN).",
            false,
        ),
        (
            "trabalho_renda",
            "Trabalhou 4 anos como auxiliar de cozinha. Quer voltar a trabalhar logo.",
            "Vaga em cozinha ou limpeza, de dia.",
            false,
        ),
        (
            "alimentacao",
            "Mora com a irmã e o dinheiro do mês acabou.",
            "Cesta básica nesta semana.",
            true,
        ),
    ] {
        interview_area::ActiveModel {
            person_id: Set(person_id),
            unit_id: Set(unit_id),
            area: Set(area.into()),
            situation: Set(Some(situation.into())),
            demands: Set(Some(demands.into())),
            emergency: Set(emergency),
            updated_by: Set(caseworker_id),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for (kind, status) in [
        ("certidao", "tem"),
        ("rg_cin", "providenciando"),
        ("cpf", "tem"),
        ("ctps", "nao_tem"),
    ] {
        person_document::ActiveModel {
            person_id: Set(person_id),
            unit_id: Set(unit_id),
            kind: Set(kind.into()),
            status: Set(status.into()),
            updated_by: Set(caseworker_id),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let plan = Plan::default()
        .with_area(PlanArea {
            area: "documentacao".into(),
            demand: "Tirar a nova carteira de identidade (CIN).".into(),
            goal: "Ter a CIN para assinar a carteira de trabalho.".into(),
            actions: vec![
                action(
                    "Levar a certidão de nascimento ao posto de identificação",
                    "pessoa",
                    dates::iso_date(now + 7 * day),
                    "a_fazer",
                ),
                action(
                    "Pedir a isenção da taxa da CIN",
                    "equipe",
                    dates::iso_date(now + 3 * day),
                    "fazendo",
                ),
            ],
        })
        .with_area(PlanArea {
            area: "trabalho_renda".into(),
            demand: "Vaga em cozinha ou limpeza, de dia.".into(),
            goal: "Conseguir um emprego com carteira assinada em até 3 meses.".into(),
            actions: vec![
                action(
                    "Completar o perfil profissional no aplicativo",
                    "pessoa",
                    dates::iso_date(now + 5 * day),
                    "a_fazer",
                ),
                action(
                    "Indicar vagas de cozinha das empresas parceiras",
                    "equipe",
                    String::new(),
                    "a_fazer",
                ),
            ],
        });
    let content = serde_json::to_string(&plan).map_err(|e| DbErr::Custom(e.to_string()))?;
    plan_version::ActiveModel {
        person_id: Set(person_id),
        unit_id: Set(unit_id),
        number: Set(1),
        open_deadline: Set(plan.earliest_open_deadline().unwrap_or_default()),
        content: Set(content),
        changes: Set(changes(&Plan::default(), &plan).join("\n")),
        created_by: Set(caseworker_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
