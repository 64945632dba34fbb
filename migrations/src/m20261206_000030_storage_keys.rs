//! A key per young person for what their phone keeps while it waits to send (feedback, panel
//! score drafts): the phone seals those with it (AES-GCM) and holds the key only in memory, handed
//! out with each sign-in, so what stays in the phone's storage after sign-out cannot be read.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum StorageKeys {
    Table,
    UserId,
    OrganisationId,
    Key,
    CreatedAt,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StorageKeys::Table)
                    .col(
                        ColumnDef::new(StorageKeys::UserId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(StorageKeys::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(StorageKeys::Key).string_len(64).not_null())
                    .col(
                        ColumnDef::new(StorageKeys::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StorageKeys::Table).to_owned())
            .await
    }
}
