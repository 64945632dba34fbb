//! Data rights: how long free text is kept per organisation, and when a young person was erased
//! or a piece of feedback anonymised.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    RetentionMonths,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    ErasedAt,
}

#[derive(DeriveIden)]
enum Feedback {
    Table,
    AnonymisedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .add_column(integer(Organisations::RetentionMonths).default(24))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::ErasedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Feedback::Table)
                    .add_column(timestamp_with_time_zone_null(Feedback::AnonymisedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in [
            (
                Feedback::Table.into_iden(),
                Feedback::AnonymisedAt.into_iden(),
            ),
            (Users::Table.into_iden(), Users::ErasedAt.into_iden()),
            (
                Organisations::Table.into_iden(),
                Organisations::RetentionMonths.into_iden(),
            ),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
