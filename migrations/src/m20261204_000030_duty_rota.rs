//! The duty rota: the organisation's chain of people told of a safeguarding alert, each with the
//! hours they cover and their time to acknowledge; the organisation's office hours; and how far
//! along the chain each alert has gone.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum DutyRotaSteps {
    Table,
    Id,
    OrganisationId,
    Position,
    Label,
    Email,
    Hours,
    Minutes,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    OfficeOpens,
    OfficeCloses,
}

#[derive(DeriveIden)]
enum SafeguardingAlerts {
    Table,
    EscalationStep,
    Escalations,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DutyRotaSteps::Table)
                    .col(
                        ColumnDef::new(DutyRotaSteps::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(DutyRotaSteps::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(DutyRotaSteps::Position).integer().not_null())
                    .col(ColumnDef::new(DutyRotaSteps::Label).string().not_null())
                    .col(ColumnDef::new(DutyRotaSteps::Email).string().not_null())
                    .col(ColumnDef::new(DutyRotaSteps::Hours).string().not_null())
                    .col(ColumnDef::new(DutyRotaSteps::Minutes).integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_duty_rota_org")
                            .from(DutyRotaSteps::Table, DutyRotaSteps::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .index(
                        Index::create()
                            .name("idx_duty_rota_position")
                            .col(DutyRotaSteps::OrganisationId)
                            .col(DutyRotaSteps::Position)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        // Minutes after midnight, UK time: 09:00 to 17:00 unless the admin says otherwise.
        for (column, default) in [
            (Organisations::OfficeOpens, 9 * 60),
            (Organisations::OfficeCloses, 17 * 60),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organisations::Table)
                        .add_column(ColumnDef::new(column).integer().not_null().default(default))
                        .to_owned(),
                )
                .await?;
        }
        // The step of the chain last told of the alert (0 when raised), and how many times it has
        // been escalated: an instance escalates only if the count is still what it read.
        for column in [
            SafeguardingAlerts::EscalationStep,
            SafeguardingAlerts::Escalations,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(SafeguardingAlerts::Table)
                        .add_column(ColumnDef::new(column).integer().not_null().default(0))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            SafeguardingAlerts::Escalations,
            SafeguardingAlerts::EscalationStep,
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
        for column in [Organisations::OfficeCloses, Organisations::OfficeOpens] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organisations::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(DutyRotaSteps::Table).to_owned())
            .await
    }
}
