//! Web Push subscriptions: one per phone (its push service's address, unique) that a young person
//! turned notifications on for, with the keys its pushes are encrypted to.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum PushSubscriptions {
    Table,
    Id,
    OrganisationId,
    UserId,
    Endpoint,
    P256dh,
    Auth,
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
                    .table(PushSubscriptions::Table)
                    .col(
                        ColumnDef::new(PushSubscriptions::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(PushSubscriptions::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(PushSubscriptions::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(PushSubscriptions::Endpoint)
                            .string_len(1024)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(PushSubscriptions::P256dh)
                            .binary()
                            .not_null(),
                    )
                    .col(ColumnDef::new(PushSubscriptions::Auth).binary().not_null())
                    .col(
                        ColumnDef::new(PushSubscriptions::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("push_subscriptions_user")
                    .table(PushSubscriptions::Table)
                    .col(PushSubscriptions::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PushSubscriptions::Table).to_owned())
            .await
    }
}
