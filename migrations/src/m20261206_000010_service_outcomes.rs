//! A council's services say which Room to Grow outcomes they ask young people about, and can be
//! retired (no longer offered for new feedback or links) with their history and scores kept.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum Services {
    Table,
    Outcomes,
    RetiredAt,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Every service asked about every outcome until now.
        manager
            .alter_table(
                Table::alter()
                    .table(Services::Table)
                    .add_column(
                        ColumnDef::new(Services::Outcomes)
                            .string_len(80)
                            .not_null()
                            .default("safe,nurtured,involved,healthy,achieving,prepared"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Services::Table)
                    .add_column(
                        ColumnDef::new(Services::RetiredAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Services::RetiredAt, Services::Outcomes] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Services::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
