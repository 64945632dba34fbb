use sea_orm::entity::prelude::*;

/// Wrong sign-in tries in a row for one scope: a sign-in name (as a digest) from one address, a
/// name from any address (`address_key` ""), or an address for any name (`name_key` "").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sign_in_failures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub name_key: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub address_key: String,
    pub failures: i32,
    pub last_failure_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
