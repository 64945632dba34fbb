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
    /// A provider's manager, invited by the council's admin for one provider: sees that
    /// provider's services' scores under the commissioners' rules. Never a child's identity.
    Provider,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::YoungPerson,
        Role::ParticipationOfficer,
        Role::Commissioner,
        Role::Admin,
        Role::Provider,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::YoungPerson => "young_person",
            Role::ParticipationOfficer => "participation_officer",
            Role::Commissioner => "commissioner",
            Role::Admin => "admin",
            Role::Provider => "provider",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Signs in with an email and password (through the staff door): everyone but young people.
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
