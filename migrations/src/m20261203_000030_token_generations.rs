//! Access tokens can be revoked before they expire (issue 13): each user has a token generation,
//! written into every access token issued to them and raised when their tokens must stop working
//! (erased, signed out everywhere; later deactivated or given another role). Each raise is also
//! recorded in `token_revocations`, which every server instance reads every moment, so an
//! instance refuses older tokens without reading the database on each request.
//!
//! Rows older than an access token's life are of no use and are purged.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    TokenGeneration,
}

#[derive(DeriveIden)]
enum TokenRevocations {
    Table,
    Id,
    OrganisationId,
    UserId,
    Generation,
    RevokedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(
                        ColumnDef::new(Users::TokenGeneration)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TokenRevocations::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(TokenRevocations::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(TokenRevocations::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(TokenRevocations::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(TokenRevocations::Generation)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TokenRevocations::RevokedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_token_revocations_revoked_at")
                    .table(TokenRevocations::Table)
                    .col(TokenRevocations::RevokedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TokenRevocations::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::TokenGeneration)
                    .to_owned(),
            )
            .await
    }
}
