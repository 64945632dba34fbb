//! Closed sets of words (roles, statuses, kinds) as the server stores them: `Display` writes a
//! value's `as_str`, and `FromStr` takes back only those words. With the `db` feature they are
//! sea-orm value types, so a column holding any other word is an error when it is read, never
//! quietly taken for a default.

use crate::api::{CaseAction, ModerationStatus, NewsKind, RotaHours, ServiceType};
use crate::tender::{MemberStatus, ScoredBy, TenderStatus};
use crate::{AgeBand, Role};
use std::fmt;

/// A stored word that names none of the values of its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a {}", self.value, self.kind)
    }
}

impl std::error::Error for UnknownValue {}

macro_rules! stored_as_text {
    ($($kind:ident),* $(,)?) => {$(
        impl ::std::fmt::Display for $kind {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $kind {
            type Err = UnknownValue;

            fn from_str(s: &str) -> Result<Self, UnknownValue> {
                $kind::parse(s).ok_or_else(|| UnknownValue {
                    kind: stringify!($kind),
                    value: s.to_owned(),
                })
            }
        }
    )*};
}

stored_as_text!(
    Role,
    AgeBand,
    ServiceType,
    CaseAction,
    RotaHours,
    ModerationStatus,
    NewsKind,
    ScoredBy,
    TenderStatus,
    MemberStatus,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_reads_back_what_it_writes_and_nothing_else() {
        for s in [
            TenderStatus::Draft,
            TenderStatus::Open,
            TenderStatus::Closed,
        ] {
            assert_eq!(s.to_string().parse::<TenderStatus>(), Ok(s));
        }
        for s in ScoredBy::ALL {
            assert_eq!(s.to_string().parse::<ScoredBy>(), Ok(s));
        }
        assert_eq!(
            "aproved".parse::<MemberStatus>(),
            Err(UnknownValue {
                kind: "MemberStatus",
                value: "aproved".into()
            })
        );
    }
}
