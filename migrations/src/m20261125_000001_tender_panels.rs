//! Young commissioner tender panels: tenders and their questions, bids and answers, panel
//! members, exclusions (conflicts), individual scores, consensus scores and training attempts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Providers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Tenders {
    Table,
    Id,
    OrganisationId,
    Title,
    Summary,
    ServiceType,
    QualityWeight,
    PriceWeight,
    Hours,
    ScoringOpensAt,
    ScoringClosesAt,
    Status,
    CreatedBy,
    CreatedAt,
    OpenedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum TenderQuestions {
    Table,
    Id,
    OrganisationId,
    TenderId,
    Position,
    Text,
    PlainText,
    Weight,
    Rubric,
    ScoredBy,
}

#[derive(DeriveIden)]
enum Bids {
    Table,
    Id,
    OrganisationId,
    TenderId,
    ProviderId,
    Label,
    PricePence,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BidAnswers {
    Table,
    Id,
    OrganisationId,
    BidId,
    QuestionId,
    Answer,
    EasyRead,
}

#[derive(DeriveIden)]
enum PanelMembers {
    Table,
    Id,
    OrganisationId,
    TenderId,
    UserId,
    Status,
    InterestedAt,
    DecidedAt,
    DecidedBy,
    ConflictsDeclaredAt,
}

#[derive(DeriveIden)]
enum BidExclusions {
    Table,
    Id,
    OrganisationId,
    TenderId,
    BidId,
    UserId,
    By,
    Note,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BidScores {
    Table,
    Id,
    OrganisationId,
    TenderId,
    BidId,
    QuestionId,
    EvaluatorId,
    YoungPerson,
    Score,
    Reason,
    UpdatedAt,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum ConsensusScores {
    Table,
    Id,
    OrganisationId,
    TenderId,
    BidId,
    QuestionId,
    Score,
    Rationale,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum TrainingAttempts {
    Table,
    Id,
    OrganisationId,
    UserId,
    Correct,
    Total,
    Passed,
    CreatedAt,
}

fn fk(
    name: &str,
    from: impl IntoIden + 'static,
    column: impl IntoIden + 'static,
    to: impl IntoIden + 'static,
    to_column: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from, column)
        .to(to, to_column)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn unique(
    name: &str,
    table: impl IntoIden + 'static,
    columns: &[&'static str],
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table).unique();
    for column in columns {
        index.col(Alias::new(*column));
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Tenders::Table)
                    .col(pk_uuid(Tenders::Id))
                    .col(uuid(Tenders::OrganisationId))
                    .col(string_len(Tenders::Title, 200))
                    .col(text(Tenders::Summary))
                    .col(string_len(Tenders::ServiceType, 40))
                    .col(integer(Tenders::QualityWeight))
                    .col(integer(Tenders::PriceWeight))
                    .col(integer(Tenders::Hours))
                    .col(timestamp_with_time_zone(Tenders::ScoringOpensAt))
                    .col(timestamp_with_time_zone(Tenders::ScoringClosesAt))
                    .col(string_len(Tenders::Status, 20))
                    .col(uuid(Tenders::CreatedBy))
                    .col(timestamp_with_time_zone(Tenders::CreatedAt))
                    .col(timestamp_with_time_zone_null(Tenders::OpenedAt))
                    .col(timestamp_with_time_zone_null(Tenders::ClosedAt))
                    .foreign_key(&mut fk(
                        "fk_tenders_org",
                        Tenders::Table,
                        Tenders::OrganisationId,
                        Organisations::Table,
                        Organisations::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TenderQuestions::Table)
                    .col(pk_uuid(TenderQuestions::Id))
                    .col(uuid(TenderQuestions::OrganisationId))
                    .col(uuid(TenderQuestions::TenderId))
                    .col(integer(TenderQuestions::Position))
                    .col(text(TenderQuestions::Text))
                    .col(text(TenderQuestions::PlainText))
                    .col(integer(TenderQuestions::Weight))
                    .col(text(TenderQuestions::Rubric))
                    .col(string_len(TenderQuestions::ScoredBy, 20))
                    .foreign_key(&mut fk(
                        "fk_questions_tender",
                        TenderQuestions::Table,
                        TenderQuestions::TenderId,
                        Tenders::Table,
                        Tenders::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Bids::Table)
                    .col(pk_uuid(Bids::Id))
                    .col(uuid(Bids::OrganisationId))
                    .col(uuid(Bids::TenderId))
                    .col(uuid(Bids::ProviderId))
                    .col(string_len_null(Bids::Label, 4))
                    .col(big_integer(Bids::PricePence))
                    .col(timestamp_with_time_zone(Bids::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_bids_tender",
                        Bids::Table,
                        Bids::TenderId,
                        Tenders::Table,
                        Tenders::Id,
                    ))
                    .foreign_key(&mut fk(
                        "fk_bids_provider",
                        Bids::Table,
                        Bids::ProviderId,
                        Providers::Table,
                        Providers::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_bids_tender_provider",
                Bids::Table,
                &["tender_id", "provider_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BidAnswers::Table)
                    .col(pk_uuid(BidAnswers::Id))
                    .col(uuid(BidAnswers::OrganisationId))
                    .col(uuid(BidAnswers::BidId))
                    .col(uuid(BidAnswers::QuestionId))
                    .col(text(BidAnswers::Answer))
                    .col(text_null(BidAnswers::EasyRead))
                    .foreign_key(&mut fk(
                        "fk_answers_bid",
                        BidAnswers::Table,
                        BidAnswers::BidId,
                        Bids::Table,
                        Bids::Id,
                    ))
                    .foreign_key(&mut fk(
                        "fk_answers_question",
                        BidAnswers::Table,
                        BidAnswers::QuestionId,
                        TenderQuestions::Table,
                        TenderQuestions::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_answers_bid_question",
                BidAnswers::Table,
                &["bid_id", "question_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PanelMembers::Table)
                    .col(pk_uuid(PanelMembers::Id))
                    .col(uuid(PanelMembers::OrganisationId))
                    .col(uuid(PanelMembers::TenderId))
                    .col(uuid(PanelMembers::UserId))
                    .col(string_len(PanelMembers::Status, 20))
                    .col(timestamp_with_time_zone(PanelMembers::InterestedAt))
                    .col(timestamp_with_time_zone_null(PanelMembers::DecidedAt))
                    .col(uuid_null(PanelMembers::DecidedBy))
                    .col(timestamp_with_time_zone_null(
                        PanelMembers::ConflictsDeclaredAt,
                    ))
                    .foreign_key(&mut fk(
                        "fk_members_tender",
                        PanelMembers::Table,
                        PanelMembers::TenderId,
                        Tenders::Table,
                        Tenders::Id,
                    ))
                    .foreign_key(&mut fk(
                        "fk_members_user",
                        PanelMembers::Table,
                        PanelMembers::UserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_members_tender_user",
                PanelMembers::Table,
                &["tender_id", "user_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BidExclusions::Table)
                    .col(pk_uuid(BidExclusions::Id))
                    .col(uuid(BidExclusions::OrganisationId))
                    .col(uuid(BidExclusions::TenderId))
                    .col(uuid(BidExclusions::BidId))
                    .col(uuid(BidExclusions::UserId))
                    .col(string_len(BidExclusions::By, 20))
                    .col(text_null(BidExclusions::Note))
                    .col(uuid(BidExclusions::CreatedBy))
                    .col(timestamp_with_time_zone(BidExclusions::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_exclusions_bid",
                        BidExclusions::Table,
                        BidExclusions::BidId,
                        Bids::Table,
                        Bids::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_exclusions_bid_user",
                BidExclusions::Table,
                &["bid_id", "user_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BidScores::Table)
                    .col(pk_uuid(BidScores::Id))
                    .col(uuid(BidScores::OrganisationId))
                    .col(uuid(BidScores::TenderId))
                    .col(uuid(BidScores::BidId))
                    .col(uuid(BidScores::QuestionId))
                    .col(uuid(BidScores::EvaluatorId))
                    .col(boolean(BidScores::YoungPerson))
                    .col(small_integer(BidScores::Score))
                    .col(text(BidScores::Reason))
                    .col(timestamp_with_time_zone(BidScores::UpdatedAt))
                    .col(timestamp_with_time_zone_null(BidScores::SubmittedAt))
                    .foreign_key(&mut fk(
                        "fk_scores_bid",
                        BidScores::Table,
                        BidScores::BidId,
                        Bids::Table,
                        Bids::Id,
                    ))
                    .foreign_key(&mut fk(
                        "fk_scores_question",
                        BidScores::Table,
                        BidScores::QuestionId,
                        TenderQuestions::Table,
                        TenderQuestions::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_scores_bid_question_evaluator",
                BidScores::Table,
                &["bid_id", "question_id", "evaluator_id"],
            ))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_scores_tender")
                    .table(BidScores::Table)
                    .col(BidScores::TenderId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConsensusScores::Table)
                    .col(pk_uuid(ConsensusScores::Id))
                    .col(uuid(ConsensusScores::OrganisationId))
                    .col(uuid(ConsensusScores::TenderId))
                    .col(uuid(ConsensusScores::BidId))
                    .col(uuid(ConsensusScores::QuestionId))
                    .col(small_integer(ConsensusScores::Score))
                    .col(text(ConsensusScores::Rationale))
                    .col(uuid(ConsensusScores::RecordedBy))
                    .col(timestamp_with_time_zone(ConsensusScores::RecordedAt))
                    .foreign_key(&mut fk(
                        "fk_consensus_bid",
                        ConsensusScores::Table,
                        ConsensusScores::BidId,
                        Bids::Table,
                        Bids::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_consensus_bid_question",
                ConsensusScores::Table,
                &["bid_id", "question_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrainingAttempts::Table)
                    .col(pk_uuid(TrainingAttempts::Id))
                    .col(uuid(TrainingAttempts::OrganisationId))
                    .col(uuid(TrainingAttempts::UserId))
                    .col(integer(TrainingAttempts::Correct))
                    .col(integer(TrainingAttempts::Total))
                    .col(boolean(TrainingAttempts::Passed))
                    .col(timestamp_with_time_zone(TrainingAttempts::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_training_user",
                        TrainingAttempts::Table,
                        TrainingAttempts::UserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_training_user")
                    .table(TrainingAttempts::Table)
                    .col(TrainingAttempts::UserId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TrainingAttempts::Table.into_iden(),
            ConsensusScores::Table.into_iden(),
            BidScores::Table.into_iden(),
            BidExclusions::Table.into_iden(),
            PanelMembers::Table.into_iden(),
            BidAnswers::Table.into_iden(),
            Bids::Table.into_iden(),
            TenderQuestions::Table.into_iden(),
            Tenders::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
