//! A young person's news: what happened to what they said (read and published, or not published
//! and why; a "we did" that answers them), their panel application approved, a panel's outcome
//! out. One row per young person and event, read or not; exported and erased with their data.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum News {
    Table,
    Id,
    OrganisationId,
    UserId,
    Kind,
    SubjectId,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(News::Table)
                    .col(ColumnDef::new(News::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(News::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(News::UserId).uuid().not_null())
                    .col(ColumnDef::new(News::Kind).string_len(32).not_null())
                    .col(ColumnDef::new(News::SubjectId).uuid().not_null())
                    .col(
                        ColumnDef::new(News::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(News::ReadAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        // One story per event: telling a young person twice (a decision made again) adds nothing.
        manager
            .create_index(
                Index::create()
                    .name("news_once")
                    .table(News::Table)
                    .col(News::UserId)
                    .col(News::Kind)
                    .col(News::SubjectId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("news_newest")
                    .table(News::Table)
                    .col(News::UserId)
                    .col(News::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(News::Table).to_owned())
            .await
    }
}
