//! Providers' replies: to a theme young people raised about one of their services, or to a
//! council's "we did". Pending until a participation officer approves (or rejects) one; only an
//! approved reply reaches the young people who spoke.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum ProviderReplies {
    Table,
    Id,
    OrganisationId,
    ProviderId,
    AuthorId,
    ServiceId,
    ResponseId,
    FeedbackId,
    Dimension,
    Quarter,
    Body,
    Status,
    CreatedAt,
    DecidedAt,
    DecidedBy,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let uuid = |c: ProviderReplies| ColumnDef::new(c).uuid().not_null().to_owned();
        let maybe_uuid = |c: ProviderReplies| ColumnDef::new(c).uuid().null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(ProviderReplies::Table)
                    .col(uuid(ProviderReplies::Id).primary_key())
                    .col(uuid(ProviderReplies::OrganisationId))
                    .col(uuid(ProviderReplies::ProviderId))
                    .col(uuid(ProviderReplies::AuthorId))
                    .col(uuid(ProviderReplies::ServiceId))
                    .col(maybe_uuid(ProviderReplies::ResponseId))
                    .col(maybe_uuid(ProviderReplies::FeedbackId))
                    .col(
                        ColumnDef::new(ProviderReplies::Dimension)
                            .string_len(32)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ProviderReplies::Quarter)
                            .string_len(8)
                            .null(),
                    )
                    .col(ColumnDef::new(ProviderReplies::Body).text().not_null())
                    .col(
                        ColumnDef::new(ProviderReplies::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ProviderReplies::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ProviderReplies::DecidedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(maybe_uuid(ProviderReplies::DecidedBy))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("provider_replies_service")
                    .table(ProviderReplies::Table)
                    .col(ProviderReplies::ServiceId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("provider_replies_status")
                    .table(ProviderReplies::Table)
                    .col(ProviderReplies::OrganisationId)
                    .col(ProviderReplies::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProviderReplies::Table).to_owned())
            .await
    }
}
