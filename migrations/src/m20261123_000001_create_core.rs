use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Slug,
    Name,
    MinCohort,
    PriorWeight,
    SafeguardingEmail,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Providers {
    Table,
    Id,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
    OrganisationId,
    ProviderId,
    Name,
    ServiceType,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    OrganisationId,
    Role,
    Email,
    PasswordHash,
    SignInName,
    PinHash,
    DisplayName,
    AgeBand,
    FailedAttempts,
    LockedUntil,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Invites {
    Table,
    Id,
    OrganisationId,
    CodeHash,
    AgeBand,
    CreatedBy,
    ExpiresAt,
    RedeemedBy,
    RedeemedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum InviteServices {
    Table,
    InviteId,
    ServiceId,
}

#[derive(DeriveIden)]
enum YoungPersonServices {
    Table,
    UserId,
    ServiceId,
    OrganisationId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    OrganisationId,
    UserId,
    TokenHash,
    FamilyId,
    ExpiresAt,
    RevokedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Feedback {
    Table,
    Id,
    OrganisationId,
    ServiceId,
    AuthorId,
    ReceivedAt,
    Named,
    WantsTalk,
    TellUsMore,
    MakeBetter,
    Status,
    Safe,
    Nurtured,
    Involved,
    Healthy,
    Achieving,
    Prepared,
}

fn fk(
    name: &str,
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    to: (impl IntoIden + 'static, impl IntoIden + 'static),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn org_fk(name: &str, table: impl IntoIden + 'static) -> ForeignKeyCreateStatement {
    fk(
        name,
        (table, Alias::new("organisation_id")),
        (Organisations::Table, Organisations::Id),
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisations::Table)
                    .col(
                        ColumnDef::new(Organisations::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Organisations::Slug)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Organisations::Name)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Organisations::MinCohort)
                            .integer()
                            .not_null()
                            .default(5),
                    )
                    .col(
                        ColumnDef::new(Organisations::PriorWeight)
                            .integer()
                            .not_null()
                            .default(5),
                    )
                    .col(
                        ColumnDef::new(Organisations::SafeguardingEmail)
                            .string_len(254)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Organisations::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Providers::Table)
                    .col(
                        ColumnDef::new(Providers::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Providers::Name)
                            .string_len(200)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Providers::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Services::Table)
                    .col(ColumnDef::new(Services::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Services::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(Services::ProviderId).uuid().not_null())
                    .col(ColumnDef::new(Services::Name).string_len(200).not_null())
                    .col(
                        ColumnDef::new(Services::ServiceType)
                            .string_len(40)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Services::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut org_fk("fk_services_org", Services::Table))
                    .foreign_key(&mut fk(
                        "fk_services_provider",
                        (Services::Table, Services::ProviderId),
                        (Providers::Table, Providers::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_services_org_provider_name")
                    .table(Services::Table)
                    .col(Services::OrganisationId)
                    .col(Services::ProviderId)
                    .col(Services::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(ColumnDef::new(Users::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Users::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(Users::Role).string_len(32).not_null())
                    .col(
                        ColumnDef::new(Users::Email)
                            .string_len(254)
                            .null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Users::PasswordHash).string_len(200).null())
                    .col(
                        ColumnDef::new(Users::SignInName)
                            .string_len(40)
                            .null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Users::PinHash).string_len(200).null())
                    .col(
                        ColumnDef::new(Users::DisplayName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Users::AgeBand).string_len(8).null())
                    .col(
                        ColumnDef::new(Users::FailedAttempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(Users::LockedUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Users::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut org_fk("fk_users_org", Users::Table))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Invites::Table)
                    .col(ColumnDef::new(Invites::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Invites::OrganisationId).uuid().not_null())
                    .col(
                        ColumnDef::new(Invites::CodeHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Invites::AgeBand).string_len(8).not_null())
                    .col(ColumnDef::new(Invites::CreatedBy).uuid().null())
                    .col(
                        ColumnDef::new(Invites::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Invites::RedeemedBy).uuid().null())
                    .col(
                        ColumnDef::new(Invites::RedeemedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Invites::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut org_fk("fk_invites_org", Invites::Table))
                    .foreign_key(&mut fk(
                        "fk_invites_created_by",
                        (Invites::Table, Invites::CreatedBy),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_invites_redeemed_by",
                        (Invites::Table, Invites::RedeemedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(InviteServices::Table)
                    .col(ColumnDef::new(InviteServices::InviteId).uuid().not_null())
                    .col(ColumnDef::new(InviteServices::ServiceId).uuid().not_null())
                    .primary_key(
                        Index::create()
                            .col(InviteServices::InviteId)
                            .col(InviteServices::ServiceId),
                    )
                    .foreign_key(&mut fk(
                        "fk_invite_services_invite",
                        (InviteServices::Table, InviteServices::InviteId),
                        (Invites::Table, Invites::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_invite_services_service",
                        (InviteServices::Table, InviteServices::ServiceId),
                        (Services::Table, Services::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(YoungPersonServices::Table)
                    .col(
                        ColumnDef::new(YoungPersonServices::UserId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(YoungPersonServices::ServiceId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(YoungPersonServices::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(YoungPersonServices::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(YoungPersonServices::UserId)
                            .col(YoungPersonServices::ServiceId),
                    )
                    .foreign_key(&mut org_fk("fk_yps_org", YoungPersonServices::Table))
                    .foreign_key(&mut fk(
                        "fk_yps_user",
                        (YoungPersonServices::Table, YoungPersonServices::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_yps_service",
                        (YoungPersonServices::Table, YoungPersonServices::ServiceId),
                        (Services::Table, Services::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshTokens::Table)
                    .col(
                        ColumnDef::new(RefreshTokens::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(RefreshTokens::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RefreshTokens::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(RefreshTokens::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(RefreshTokens::FamilyId).uuid().not_null())
                    .col(
                        ColumnDef::new(RefreshTokens::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RefreshTokens::RevokedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(RefreshTokens::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut org_fk("fk_refresh_org", RefreshTokens::Table))
                    .foreign_key(&mut fk(
                        "fk_refresh_user",
                        (RefreshTokens::Table, RefreshTokens::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_refresh_family")
                    .table(RefreshTokens::Table)
                    .col(RefreshTokens::FamilyId)
                    .to_owned(),
            )
            .await?;

        let rating = |c: Feedback| ColumnDef::new(c).small_integer().null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(Feedback::Table)
                    .col(ColumnDef::new(Feedback::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Feedback::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(Feedback::ServiceId).uuid().not_null())
                    .col(ColumnDef::new(Feedback::AuthorId).uuid().not_null())
                    .col(
                        ColumnDef::new(Feedback::ReceivedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Feedback::Named).boolean().not_null())
                    .col(ColumnDef::new(Feedback::WantsTalk).boolean().not_null())
                    .col(ColumnDef::new(Feedback::TellUsMore).text().null())
                    .col(ColumnDef::new(Feedback::MakeBetter).text().null())
                    .col(ColumnDef::new(Feedback::Status).string_len(16).not_null())
                    // Ratings inline (one row per submission): recomputing aggregates reads one table.
                    .col(rating(Feedback::Safe))
                    .col(rating(Feedback::Nurtured))
                    .col(rating(Feedback::Involved))
                    .col(rating(Feedback::Healthy))
                    .col(rating(Feedback::Achieving))
                    .col(rating(Feedback::Prepared))
                    .foreign_key(&mut org_fk("fk_feedback_org", Feedback::Table))
                    .foreign_key(&mut fk(
                        "fk_feedback_service",
                        (Feedback::Table, Feedback::ServiceId),
                        (Services::Table, Services::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_feedback_author",
                        (Feedback::Table, Feedback::AuthorId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_feedback_queue")
                    .table(Feedback::Table)
                    .col(Feedback::OrganisationId)
                    .col(Feedback::Status)
                    .col(Feedback::ReceivedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_feedback_author")
                    .table(Feedback::Table)
                    .col(Feedback::AuthorId)
                    .col(Feedback::ReceivedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Feedback::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            YoungPersonServices::Table.into_iden(),
            InviteServices::Table.into_iden(),
            Invites::Table.into_iden(),
            Users::Table.into_iden(),
            Services::Table.into_iden(),
            Providers::Table.into_iden(),
            Organisations::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
