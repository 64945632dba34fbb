//! A young person's services change as placements change. A current link stays a row of
//! `young_person_services` (since its `created_at`); an ended one moves here with when it began
//! and ended, so the officer sees the history. Feedback and scores are never touched by either.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum EndedServiceLinks {
    Table,
    UserId,
    ServiceId,
    OrganisationId,
    LinkedAt,
    UnlinkedAt,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EndedServiceLinks::Table)
                    .col(ColumnDef::new(EndedServiceLinks::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(EndedServiceLinks::ServiceId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EndedServiceLinks::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EndedServiceLinks::LinkedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EndedServiceLinks::UnlinkedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(EndedServiceLinks::UserId)
                            .col(EndedServiceLinks::ServiceId)
                            .col(EndedServiceLinks::LinkedAt),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EndedServiceLinks::Table).to_owned())
            .await
    }
}
