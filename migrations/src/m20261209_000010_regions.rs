//! Regions: councils that pool their young people's scores about the providers they share.
//! `regions` and `region_members` (a council is in at most one region, by its own admin's
//! decision); `provider_tallies`, each council's score tallies summed per provider, service type
//! and window, kept in the same transaction as the service tallies they sum, so a region's
//! pooled cell is the sum of its members' rows (docs/regions.md).

use sea_orm_migration::prelude::*;

/// The outcomes, in `shared::Dimension::ALL` order; each has `_n`, `_sum`, `_sum_sq` and
/// `_positive` columns, as `score_tallies` has.
const OUTCOMES: [&str; 6] = [
    "safe",
    "nurtured",
    "involved",
    "healthy",
    "achieving",
    "prepared",
];
const PARTS: [&str; 4] = ["n", "sum", "sum_sq", "positive"];

#[derive(DeriveIden)]
enum Regions {
    Table,
    Id,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RegionMembers {
    Table,
    OrganisationId,
    RegionId,
    JoinedAt,
}

#[derive(DeriveIden)]
enum ProviderTallies {
    Table,
    OrganisationId,
    ProviderId,
    ServiceType,
    WindowKind,
    WindowEnd,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

fn columns() -> impl Iterator<Item = String> {
    OUTCOMES
        .into_iter()
        .flat_map(|o| PARTS.into_iter().map(move |p| format!("{o}_{p}")))
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Regions::Table)
                    .col(ColumnDef::new(Regions::Id).uuid().not_null().primary_key())
                    .col(
                        ColumnDef::new(Regions::Name)
                            .string_len(120)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Regions::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RegionMembers::Table)
                    .col(
                        ColumnDef::new(RegionMembers::OrganisationId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(RegionMembers::RegionId).uuid().not_null())
                    .col(
                        ColumnDef::new(RegionMembers::JoinedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_region_members_org")
                            .from(RegionMembers::Table, RegionMembers::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_region_members_region")
                            .from(RegionMembers::Table, RegionMembers::RegionId)
                            .to(Regions::Table, Regions::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_region_members_region")
                    .table(RegionMembers::Table)
                    .col(RegionMembers::RegionId)
                    .to_owned(),
            )
            .await?;

        let mut table = Table::create();
        table
            .table(ProviderTallies::Table)
            .col(
                ColumnDef::new(ProviderTallies::OrganisationId)
                    .uuid()
                    .not_null(),
            )
            .col(
                ColumnDef::new(ProviderTallies::ProviderId)
                    .uuid()
                    .not_null(),
            )
            .col(
                ColumnDef::new(ProviderTallies::ServiceType)
                    .string_len(32)
                    .not_null(),
            )
            .col(
                ColumnDef::new(ProviderTallies::WindowKind)
                    .string_len(8)
                    .not_null(),
            )
            .col(
                ColumnDef::new(ProviderTallies::WindowEnd)
                    .string_len(7)
                    .not_null(),
            );
        for name in columns() {
            table.col(
                ColumnDef::new(Alias::new(name))
                    .big_integer()
                    .not_null()
                    .default(0),
            );
        }
        manager
            .create_table(
                table
                    .primary_key(
                        Index::create()
                            .col(ProviderTallies::OrganisationId)
                            .col(ProviderTallies::ProviderId)
                            .col(ProviderTallies::ServiceType)
                            .col(ProviderTallies::WindowKind)
                            .col(ProviderTallies::WindowEnd),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_provider_tallies_org")
                            .from(ProviderTallies::Table, ProviderTallies::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // From the service tallies already stored.
        let names: Vec<String> = columns().collect();
        let sums: Vec<String> = names.iter().map(|c| format!("SUM(t.{c})")).collect();
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "INSERT INTO provider_tallies (organisation_id, provider_id, service_type, \
                 window_kind, window_end, {}) \
                 SELECT t.organisation_id, s.provider_id, s.service_type, t.window_kind, \
                 t.window_end, {} FROM score_tallies t JOIN services s ON s.id = t.service_id \
                 GROUP BY t.organisation_id, s.provider_id, s.service_type, t.window_kind, \
                 t.window_end",
                names.join(", "),
                sums.join(", ")
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProviderTallies::Table.into_iden(),
            RegionMembers::Table.into_iden(),
            Regions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
