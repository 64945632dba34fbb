//! Provider accounts: a member of a provider's staff, invited by a council's admin for one
//! provider, sees that provider's services' scores under the commissioners' rules. The account is
//! a staff user (role `provider`); this table says which provider it speaks for.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum ProviderAccounts {
    Table,
    UserId,
    OrganisationId,
    ProviderId,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Providers {
    Table,
    Id,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProviderAccounts::Table)
                    .col(
                        ColumnDef::new(ProviderAccounts::UserId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ProviderAccounts::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ProviderAccounts::ProviderId)
                            .uuid()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProviderAccounts::Table, ProviderAccounts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProviderAccounts::Table, ProviderAccounts::ProviderId)
                            .to(Providers::Table, Providers::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("provider_accounts_provider")
                    .table(ProviderAccounts::Table)
                    .col(ProviderAccounts::ProviderId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProviderAccounts::Table).to_owned())
            .await
    }
}
