//! One-time links emailed to staff: an invitation to set a first password, or a password reset.
//! Only the SHA-256 of the link's secret is stored; a link works once, until it expires.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum AccountLinks {
    Table,
    Id,
    OrganisationId,
    UserId,
    Purpose,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccountLinks::Table)
                    .col(
                        ColumnDef::new(AccountLinks::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(AccountLinks::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(AccountLinks::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(AccountLinks::Purpose)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountLinks::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(AccountLinks::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountLinks::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountLinks::UsedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("account_links_user")
                    .table(AccountLinks::Table)
                    .col(AccountLinks::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccountLinks::Table).to_owned())
            .await
    }
}
