//! Provider quality score aggregates: the integers (n, Σx, Σx², positives) per service, outcome
//! and window, maintained in the transaction that moderates feedback.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ScoreAggregates {
    Table,
    OrganisationId,
    ServiceId,
    Dimension,
    /// "quarter" or "year" (the four quarters ending with `window_end`).
    WindowKind,
    /// A quarter, e.g. "2026-Q4".
    WindowEnd,
    N,
    Sum,
    SumSq,
    Positive,
}

#[derive(DeriveIden)]
enum Feedback {
    Table,
    AuthorId,
    ServiceId,
    Status,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ScoreAggregates::Table)
                    .col(
                        ColumnDef::new(ScoreAggregates::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ScoreAggregates::ServiceId).uuid().not_null())
                    .col(
                        ColumnDef::new(ScoreAggregates::Dimension)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ScoreAggregates::WindowKind)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ScoreAggregates::WindowEnd)
                            .string_len(7)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ScoreAggregates::N).big_integer().not_null())
                    .col(
                        ColumnDef::new(ScoreAggregates::Sum)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ScoreAggregates::SumSq)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ScoreAggregates::Positive)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ScoreAggregates::ServiceId)
                            .col(ScoreAggregates::Dimension)
                            .col(ScoreAggregates::WindowKind)
                            .col(ScoreAggregates::WindowEnd),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_aggregates_org")
                            .from(ScoreAggregates::Table, ScoreAggregates::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_aggregates_service")
                            .from(ScoreAggregates::Table, ScoreAggregates::ServiceId)
                            .to(Services::Table, Services::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_aggregates_window")
                    .table(ScoreAggregates::Table)
                    .col(ScoreAggregates::OrganisationId)
                    .col(ScoreAggregates::WindowKind)
                    .col(ScoreAggregates::WindowEnd)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_feedback_author_service")
                    .table(Feedback::Table)
                    .col(Feedback::AuthorId)
                    .col(Feedback::ServiceId)
                    .col(Feedback::Status)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_feedback_author_service")
                    .table(Feedback::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(ScoreAggregates::Table).to_owned())
            .await
    }
}
