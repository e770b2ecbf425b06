use sea_orm_migration::{prelude::*, schema::*};

/// The language guard's terms (data, not code): the word as shown, the folded stem it is
/// matched on (see `app::domain::language::stem`), the respectful term proposed instead.
/// Seeded with the terms of domain.md (Metodologia de Enfrentamento ao Estigma, CNJ 2023);
/// the admin adds or switches off terms at /admin/linguagem.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum LanguageTerm {
    Table,
    Id,
    Term,
    Pattern,
    Suggestion,
    Active,
    CreatedAt,
}

/// (shown, stem, suggestion). Stems are what `stem()` gives for the shown word.
const TERMS: [(&str, &str, &str); 11] = [
    ("ex-presidiário", "ex presidiari", "pessoa egressa"),
    ("expresidiário", "expresidiari", "pessoa egressa"),
    ("ex-detento", "ex detent", "pessoa egressa"),
    ("ex-condenado", "ex condenad", "pessoa egressa"),
    ("ex-apenado", "ex apenad", "pessoa egressa"),
    ("presidiário", "presidiari", "pessoa privada de liberdade"),
    ("detento", "detent", "pessoa presa"),
    ("apenado", "apenad", "pessoa privada de liberdade"),
    ("bandido", "bandid", ""),
    ("vagabundo", "vagabund", ""),
    ("marginal", "marginal", "pessoa"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LanguageTerm::Table)
                    .col(pk_auto(LanguageTerm::Id))
                    .col(string_len(LanguageTerm::Term, 60))
                    .col(string_len_uniq(LanguageTerm::Pattern, 60))
                    .col(string_len(LanguageTerm::Suggestion, 120))
                    .col(boolean(LanguageTerm::Active))
                    .col(big_integer(LanguageTerm::CreatedAt))
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert()
            .into_table(LanguageTerm::Table)
            .columns([
                LanguageTerm::Term,
                LanguageTerm::Pattern,
                LanguageTerm::Suggestion,
                LanguageTerm::Active,
                LanguageTerm::CreatedAt,
            ])
            .to_owned();
        for (term, pattern, suggestion) in TERMS {
            // "marginal" is also São Paulo's riverside highway (Marginal Tietê): seeded off,
            // an example of a term the admin can switch on where it makes sense.
            let active = term != "marginal";
            insert.values_panic([
                term.into(),
                pattern.into(),
                suggestion.into(),
                active.into(),
                0i64.into(),
            ]);
        }
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LanguageTerm::Table).to_owned())
            .await
    }
}
