//! The voice loop: moderation results on feedback, safeguarding phrases and alerts, the email
//! outbox, "you said, we did" responses and the hash-chained audit log.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Feedback {
    Table,
    Id,
    Safeguarding,
    ReadAt,
    ModeratedAt,
    ModeratedBy,
    PublishedTellUsMore,
    PublishedMakeBetter,
    RejectionReason,
    RejectionNote,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    EscalateAfterMinutes,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SafeguardingPhrases {
    Table,
    Id,
    OrganisationId,
    Phrase,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SafeguardingAlerts {
    Table,
    Id,
    OrganisationId,
    FeedbackId,
    Reasons,
    RaisedAt,
    AcknowledgedAt,
    AcknowledgedBy,
    EscalatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    OrganisationId,
    Kind,
    Recipient,
    Subject,
    Body,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    SentAt,
    LastError,
}

#[derive(DeriveIden)]
enum Responses {
    Table,
    Id,
    OrganisationId,
    AuthorId,
    FeedbackId,
    ServiceId,
    Dimension,
    Quarter,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    OrganisationId,
    Seq,
    At,
    ActorId,
    Action,
    Subject,
    Details,
    PrevHash,
    Hash,
}

fn org_fk(table: impl IntoIden + 'static, name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, Alias::new("organisation_id"))
        .to(Organisations::Table, Organisations::Id)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        let feedback_columns = [
            ColumnDef::new(Feedback::Safeguarding)
                .boolean()
                .not_null()
                .default(false)
                .to_owned(),
            ColumnDef::new(Feedback::ReadAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Feedback::ModeratedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Feedback::ModeratedBy)
                .uuid()
                .null()
                .to_owned(),
            ColumnDef::new(Feedback::PublishedTellUsMore)
                .text()
                .null()
                .to_owned(),
            ColumnDef::new(Feedback::PublishedMakeBetter)
                .text()
                .null()
                .to_owned(),
            ColumnDef::new(Feedback::RejectionReason)
                .string_len(40)
                .null()
                .to_owned(),
            ColumnDef::new(Feedback::RejectionNote)
                .text()
                .null()
                .to_owned(),
        ];
        for mut column in feedback_columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Feedback::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .add_column(
                        ColumnDef::new(Organisations::EscalateAfterMinutes)
                            .integer()
                            .not_null()
                            .default(60),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SafeguardingPhrases::Table)
                    .col(
                        ColumnDef::new(SafeguardingPhrases::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingPhrases::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingPhrases::Phrase)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingPhrases::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut org_fk(SafeguardingPhrases::Table, "fk_phrases_org"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_phrases_org_phrase")
                    .table(SafeguardingPhrases::Table)
                    .col(SafeguardingPhrases::OrganisationId)
                    .col(SafeguardingPhrases::Phrase)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SafeguardingAlerts::Table)
                    .col(
                        ColumnDef::new(SafeguardingAlerts::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingAlerts::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingAlerts::FeedbackId)
                            .uuid()
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingAlerts::Reasons)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingAlerts::RaisedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingAlerts::AcknowledgedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingAlerts::AcknowledgedBy)
                            .uuid()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(SafeguardingAlerts::EscalatedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(&mut org_fk(SafeguardingAlerts::Table, "fk_alerts_org"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_alerts_feedback")
                            .from(SafeguardingAlerts::Table, SafeguardingAlerts::FeedbackId)
                            .to(Feedback::Table, Feedback::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_alerts_ack_by")
                            .from(
                                SafeguardingAlerts::Table,
                                SafeguardingAlerts::AcknowledgedBy,
                            )
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(ColumnDef::new(Outbox::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Outbox::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(Outbox::Kind).string_len(40).not_null())
                    .col(ColumnDef::new(Outbox::Recipient).string_len(254).not_null())
                    .col(ColumnDef::new(Outbox::Subject).string_len(200).not_null())
                    .col(ColumnDef::new(Outbox::Body).text().not_null())
                    .col(
                        ColumnDef::new(Outbox::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Outbox::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(Outbox::NextAttemptAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Outbox::LockedUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Outbox::SentAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Outbox::LastError).text().null())
                    .foreign_key(&mut org_fk(Outbox::Table, "fk_outbox_org"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::SentAt)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Responses::Table)
                    .col(
                        ColumnDef::new(Responses::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Responses::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(Responses::AuthorId).uuid().not_null())
                    .col(ColumnDef::new(Responses::FeedbackId).uuid().null())
                    .col(ColumnDef::new(Responses::ServiceId).uuid().not_null())
                    .col(ColumnDef::new(Responses::Dimension).string_len(16).null())
                    .col(ColumnDef::new(Responses::Quarter).string_len(7).null())
                    .col(ColumnDef::new(Responses::Body).text().not_null())
                    .col(
                        ColumnDef::new(Responses::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut org_fk(Responses::Table, "fk_responses_org"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_responses_author")
                            .from(Responses::Table, Responses::AuthorId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_responses_feedback")
                            .from(Responses::Table, Responses::FeedbackId)
                            .to(Feedback::Table, Feedback::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_responses_service")
                            .from(Responses::Table, Responses::ServiceId)
                            .to(Services::Table, Services::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_responses_service")
                    .table(Responses::Table)
                    .col(Responses::ServiceId)
                    .col(Responses::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(ColumnDef::new(AuditLog::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(AuditLog::Seq).big_integer().not_null())
                    .col(ColumnDef::new(AuditLog::At).string_len(40).not_null())
                    .col(ColumnDef::new(AuditLog::ActorId).string_len(40).not_null())
                    .col(ColumnDef::new(AuditLog::Action).string_len(60).not_null())
                    .col(ColumnDef::new(AuditLog::Subject).string_len(100).not_null())
                    .col(ColumnDef::new(AuditLog::Details).text().not_null())
                    .col(ColumnDef::new(AuditLog::PrevHash).string_len(64).not_null())
                    .col(ColumnDef::new(AuditLog::Hash).string_len(64).not_null())
                    .primary_key(
                        Index::create()
                            .col(AuditLog::OrganisationId)
                            .col(AuditLog::Seq),
                    )
                    .foreign_key(&mut org_fk(AuditLog::Table, "fk_audit_org"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            Responses::Table.into_iden(),
            Outbox::Table.into_iden(),
            SafeguardingAlerts::Table.into_iden(),
            SafeguardingPhrases::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .drop_column(Organisations::EscalateAfterMinutes)
                    .to_owned(),
            )
            .await?;
        for column in [
            Feedback::Safeguarding,
            Feedback::ReadAt,
            Feedback::ModeratedAt,
            Feedback::ModeratedBy,
            Feedback::PublishedTellUsMore,
            Feedback::PublishedMakeBetter,
            Feedback::RejectionReason,
            Feedback::RejectionNote,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Feedback::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
