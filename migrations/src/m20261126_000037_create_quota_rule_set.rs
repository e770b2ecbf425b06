use sea_orm_migration::{prelude::*, schema::*};

/// Hiring-quota rule sets, as data: a contract is worth *more* than `above_annual_cents` per
/// year (null = any value), tiers `limit:basis_points;…;*:basis_points`, and the named rounding
/// rule (`para_baixo` | `para_cima`; see `app::domain::quota`).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum QuotaRuleSet {
    Table,
    Id,
    Code,
    Name,
    LegalBasis,
    AboveAnnualCents,
    Tiers,
    Rounding,
    Active,
}

/// Federal (Decreto 9.450/2018, art. 5) and the two state rules domain.md names. The state
/// percentages come from domain.md ("MG 10%, MT ≥ 5%"); their thresholds are not known here, so
/// they apply at any value until an admin records the norm's own.
/// (code, name, legal basis, above annual centavos, tiers, rounding)
type Rule = (
    &'static str,
    &'static str,
    &'static str,
    Option<i64>,
    &'static str,
    &'static str,
);

const RULES: [Rule; 3] = [
    (
        "federal",
        "Federal (Decreto 9.450/2018)",
        "Decreto 9.450/2018, art. 5º: contratos de serviços com valor anual acima de R$ 330.000,00. Até 200 trabalhadores: 3%; de 201 a 500: 4%; de 501 a 1.000: 5%; acima de 1.000: 6%.",
        Some(33_000_000),
        "200:300;500:400;1000:500;*:600",
        "para_baixo",
    ),
    (
        "mg",
        "Minas Gerais (regra estadual)",
        "Regra estadual de Minas Gerais: 10% das vagas do contrato. Confira a norma vigente e o valor mínimo do contrato.",
        None,
        "*:1000",
        "para_baixo",
    ),
    (
        "mt",
        "Mato Grosso (regra estadual)",
        "Regra estadual de Mato Grosso: pelo menos 5% das vagas do contrato. Confira a norma vigente.",
        None,
        "*:500",
        "para_cima",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(QuotaRuleSet::Table)
                    .col(pk_auto(QuotaRuleSet::Id))
                    .col(string_len_uniq(QuotaRuleSet::Code, 20))
                    .col(string_len(QuotaRuleSet::Name, 120))
                    .col(text(QuotaRuleSet::LegalBasis))
                    .col(big_integer_null(QuotaRuleSet::AboveAnnualCents))
                    .col(string_len(QuotaRuleSet::Tiers, 200))
                    .col(string_len(QuotaRuleSet::Rounding, 20))
                    .col(boolean(QuotaRuleSet::Active))
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert()
            .into_table(QuotaRuleSet::Table)
            .columns([
                QuotaRuleSet::Code,
                QuotaRuleSet::Name,
                QuotaRuleSet::LegalBasis,
                QuotaRuleSet::AboveAnnualCents,
                QuotaRuleSet::Tiers,
                QuotaRuleSet::Rounding,
                QuotaRuleSet::Active,
            ])
            .to_owned();
        for (code, name, basis, above, tiers, rounding) in RULES {
            insert.values_panic([
                code.into(),
                name.into(),
                basis.into(),
                above.into(),
                tiers.into(),
                rounding.into(),
                true.into(),
            ]);
        }
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(QuotaRuleSet::Table).to_owned())
            .await
    }
}
