//! A council's pooled version: bumped in the transaction of any change to its provider groups'
//! tallies for a financial year that has ended or is ending (a year window ending in January to
//! March, not in the future), and by every rebuild of its groups. Another council's cached
//! regional view depends on this council only through those years, so it is kept while only the
//! open year changes (`docs/regions.md`).

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    PooledVersion,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .add_column(
                        ColumnDef::new(Organisations::PooledVersion)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .drop_column(Organisations::PooledVersion)
                    .to_owned(),
            )
            .await
    }
}
