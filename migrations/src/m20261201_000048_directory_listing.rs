use sea_orm_migration::{prelude::*, schema::*};

/// The public directory at national scale (issue 12): one row per active service at a
/// location, with every column a list line shows and every column `/servicos` filters or
/// orders by, so a page is read from one table in index order and stops at its LIMIT
/// (before, ordering a page sorted every matching entry across four joined tables). The
/// words of each entry go in `directory_word` (with its area and city), so a search term is
/// an index range, not a scan of every text. Both are derived data: the application (`directory_index`) writes
/// them with every change to a service and fills rows missing at start-up.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub enum DirectoryListing {
    Table,
    SalId,
    ServiceId,
    Name,
    Organization,
    OrganizationKind,
    Area,
    Address1,
    City,
    Uf,
    IbgeMunicipality,
    SortName,
    Latitude,
    Longitude,
    LonCell,
    Phone,
    Hours,
}

#[derive(DeriveIden)]
pub enum DirectoryWord {
    Table,
    Word,
    Area,
    IbgeMunicipality,
    SalId,
}

pub fn index(name: &str, columns: &[DirectoryListing]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(DirectoryListing::Table);
    for c in columns {
        index.col(*c);
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use DirectoryListing as L;
        manager
            .create_table(
                Table::create()
                    .table(DirectoryListing::Table)
                    .col(integer(L::SalId).primary_key())
                    .col(integer(L::ServiceId))
                    .col(string_len(L::Name, 200))
                    .col(string_len(L::Organization, 200))
                    .col(string_len(L::OrganizationKind, 20))
                    .col(string_len(L::Area, 40))
                    .col(string_len(L::Address1, 200))
                    .col(string_len(L::City, 100))
                    .col(string_len(L::Uf, 2))
                    .col(string_len(L::IbgeMunicipality, 7))
                    .col(string_len(L::SortName, 200))
                    .col(double(L::Latitude))
                    .col(double(L::Longitude))
                    .col(integer(L::LonCell))
                    // The first phone and the week ("weekday opens closes;…"): a list page
                    // needs no other table.
                    .col(string_len_null(L::Phone, 20))
                    .col(text(L::Hours))
                    .to_owned(),
            )
            .await?;
        // Without a position a page is ordered by place (IBGE code) then name: one index per
        // filter that can lead (none or city; area, with or without city).
        for (name, columns) in [
            (
                "idx_listing_place_order",
                vec![L::IbgeMunicipality, L::SortName, L::SalId],
            ),
            (
                "idx_listing_area_order",
                vec![L::Area, L::IbgeMunicipality, L::SortName, L::SalId],
            ),
            // "Perto de mim": a box around the person, with or without an area, read as one
            // latitude range per 0.1° strip of longitude (`lon_cell`), so a box reads what is
            // inside it rather than its whole band of latitude across the country.
            (
                "idx_listing_position",
                vec![L::LonCell, L::Latitude, L::Longitude],
            ),
            (
                "idx_listing_area_position",
                vec![L::Area, L::LonCell, L::Latitude, L::Longitude],
            ),
            ("idx_listing_service", vec![L::ServiceId]),
        ] {
            manager.create_index(index(name, &columns)).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(DirectoryWord::Table)
                    .col(string_len(DirectoryWord::Word, 40))
                    .col(string_len(DirectoryWord::Area, 40))
                    .col(string_len(DirectoryWord::IbgeMunicipality, 7))
                    .col(integer(DirectoryWord::SalId))
                    // A term's range is read from this key alone, with the area and city
                    // filters checked inside it: no entry is looked up to be dropped.
                    .primary_key(
                        Index::create()
                            .col(DirectoryWord::Word)
                            .col(DirectoryWord::Area)
                            .col(DirectoryWord::IbgeMunicipality)
                            .col(DirectoryWord::SalId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_directory_word_sal")
                    .table(DirectoryWord::Table)
                    .col(DirectoryWord::SalId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DirectoryWord::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(DirectoryListing::Table).to_owned())
            .await
    }
}
