//! Providers get their stable outside identity: the Ofsted unique reference number (URN) where
//! they have one. Unique when given, so one provider is one row across every council.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum Providers {
    Table,
    Urn,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Providers::Table)
                    .add_column(ColumnDef::new(Providers::Urn).string_len(16).null())
                    .to_owned(),
            )
            .await?;
        // Several providers without a URN are fine: NULLs are distinct in both databases.
        manager
            .create_index(
                Index::create()
                    .name("providers_urn")
                    .table(Providers::Table)
                    .col(Providers::Urn)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("providers_urn")
                    .table(Providers::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Providers::Table)
                    .drop_column(Providers::Urn)
                    .to_owned(),
            )
            .await
    }
}
