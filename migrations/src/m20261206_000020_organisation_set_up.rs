//! A new council's admin is walked through its settings on first sign-in, until they say it is
//! set up; and a council chooses which languages Chorus offers its young people.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Languages,
    SetUpAt,
    CreatedAt,
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
                        ColumnDef::new(Organisations::Languages)
                            .string_len(40)
                            .not_null()
                            .default("en,pl,ur,ar"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .add_column(
                        ColumnDef::new(Organisations::SetUpAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        // Councils already running were set up before there was a walk through.
        manager
            .exec_stmt(
                Query::update()
                    .table(Organisations::Table)
                    .value(Organisations::SetUpAt, Expr::col(Organisations::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Organisations::SetUpAt, Organisations::Languages] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organisations::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
