//! An alert becomes a case the participation team takes to an outcome: each action it records
//! (talked with the young person, referred to children's social care, passed to the police, no
//! further action) is a step with who and when, and the case is closed with an outcome.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum SafeguardingAlerts {
    Table,
    Id,
    ClosedAt,
    ClosedBy,
    Outcome,
}

#[derive(DeriveIden)]
enum SafeguardingCaseSteps {
    Table,
    Id,
    OrganisationId,
    AlertId,
    Action,
    Detail,
    ActorId,
    At,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        for column in [
            ColumnDef::new(SafeguardingAlerts::ClosedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(SafeguardingAlerts::ClosedBy)
                .uuid()
                .null()
                .to_owned(),
            ColumnDef::new(SafeguardingAlerts::Outcome)
                .text()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(SafeguardingAlerts::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(SafeguardingCaseSteps::Table)
                    .col(
                        ColumnDef::new(SafeguardingCaseSteps::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingCaseSteps::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingCaseSteps::AlertId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingCaseSteps::Action)
                            .string()
                            .not_null(),
                    )
                    .col(ColumnDef::new(SafeguardingCaseSteps::Detail).text().null())
                    .col(
                        ColumnDef::new(SafeguardingCaseSteps::ActorId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingCaseSteps::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_steps_alert")
                            .from(SafeguardingCaseSteps::Table, SafeguardingCaseSteps::AlertId)
                            .to(SafeguardingAlerts::Table, SafeguardingAlerts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_safeguarding_case_steps_alert")
                    .table(SafeguardingCaseSteps::Table)
                    .col(SafeguardingCaseSteps::AlertId)
                    .col(SafeguardingCaseSteps::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SafeguardingCaseSteps::Table).to_owned())
            .await?;
        for column in [
            SafeguardingAlerts::Outcome,
            SafeguardingAlerts::ClosedBy,
            SafeguardingAlerts::ClosedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(SafeguardingAlerts::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
