//! Assisted feedback: a participation officer beside a young person (a 4-to-7-year-old, or a
//! child with SEND) on the officer's own device. The answer is the child's (`author_id`); this
//! column names the officer who helped, so scores can tell assisted answers apart.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum Feedback {
    Table,
    AssistedBy,
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Feedback::Table)
                    .add_column(ColumnDef::new(Feedback::AssistedBy).uuid().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Feedback::Table)
                    .drop_column(Feedback::AssistedBy)
                    .to_owned(),
            )
            .await
    }
}
