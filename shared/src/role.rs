use serde::{Deserialize, Serialize};

/// Who a signed-in person is to Chorus. Enforced on the server; the web app only uses it to choose pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum Role {
    YoungPerson,
    ParticipationOfficer,
    Commissioner,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::YoungPerson,
        Role::ParticipationOfficer,
        Role::Commissioner,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::YoungPerson => "young_person",
            Role::ParticipationOfficer => "participation_officer",
            Role::Commissioner => "commissioner",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn is_staff(self) -> bool {
        self != Role::YoungPerson
    }

    /// Must sign in with a second factor (an authenticator app): those who see young people's
    /// words and safeguarding concerns, and those who run the organisation's accounts.
    pub fn needs_second_factor(self) -> bool {
        matches!(self, Role::Admin | Role::ParticipationOfficer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert_eq!(Role::parse("superuser"), None);
    }
}
