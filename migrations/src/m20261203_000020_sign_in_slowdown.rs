//! Wrong sign-in tries slow further tries down instead of locking the account (issue 13): they
//! are counted per sign-in name and address in `sign_in_failures`, for names that exist and
//! names that do not alike, so the counts leave `users`.
//!
//! Names are kept only as a SHA-256 digest, so the table is not a list of what people typed.
//! `down` puts the columns back, empty: nobody is locked.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SignInFailures {
    Table,
    /// A digest of the sign-in name or email, or "" for "any name".
    NameKey,
    /// The client address, or "" for "any address".
    AddressKey,
    Failures,
    LastFailureAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    FailedAttempts,
    LockedUntil,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignInFailures::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(SignInFailures::NameKey)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SignInFailures::AddressKey)
                            .string_len(45)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SignInFailures::Failures)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SignInFailures::LastFailureAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(SignInFailures::NameKey)
                            .col(SignInFailures::AddressKey),
                    )
                    .to_owned(),
            )
            .await?;
        for column in [Users::FailedAttempts, Users::LockedUntil] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(
                        ColumnDef::new(Users::FailedAttempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(
                        ColumnDef::new(Users::LockedUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(SignInFailures::Table).to_owned())
            .await
    }
}
