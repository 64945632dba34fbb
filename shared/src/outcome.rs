//! The Room to Grow outcomes a young person answers about, the five-face scale and age bands.

use serde::{Deserialize, Serialize};

/// One of the Room to Grow outcomes a feedback question maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Safe,
    Nurtured,
    Involved,
    Healthy,
    Achieving,
    Prepared,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Safe,
        Dimension::Nurtured,
        Dimension::Involved,
        Dimension::Healthy,
        Dimension::Achieving,
        Dimension::Prepared,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Safe => "safe",
            Dimension::Nurtured => "nurtured",
            Dimension::Involved => "involved",
            Dimension::Healthy => "healthy",
            Dimension::Achieving => "achieving",
            Dimension::Prepared => "prepared",
        }
    }
}

/// An answer on the five-face scale: 1 (very unhappy) to 5 (very happy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Face(u8);

impl Face {
    pub const ALL: [Face; 5] = [Face(1), Face(2), Face(3), Face(4), Face(5)];

    pub fn new(value: u8) -> Result<Face, FaceOutOfRange> {
        if (1..=5).contains(&value) {
            Ok(Face(value))
        } else {
            Err(FaceOutOfRange(value))
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an answer must be a face from 1 to 5, not {0}")]
pub struct FaceOutOfRange(pub u8);

impl TryFrom<u8> for Face {
    type Error = FaceOutOfRange;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Face::new(value)
    }
}

impl From<Face> for u8 {
    fn from(face: Face) -> u8 {
        face.0
    }
}

/// A young person's age band. Chorus never stores a date of birth (data minimisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum AgeBand {
    /// The youngest, often answering with a trusted adult: the simplest wording.
    #[serde(rename = "4-7")]
    Age4To7,
    #[serde(rename = "8-11")]
    Age8To11,
    #[serde(rename = "12-15")]
    Age12To15,
    #[serde(rename = "16-17")]
    Age16To17,
    #[serde(rename = "18-25")]
    Age18To25,
}

impl AgeBand {
    pub const ALL: [AgeBand; 5] = [
        AgeBand::Age4To7,
        AgeBand::Age8To11,
        AgeBand::Age12To15,
        AgeBand::Age16To17,
        AgeBand::Age18To25,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgeBand::Age4To7 => "4-7",
            AgeBand::Age8To11 => "8-11",
            AgeBand::Age12To15 => "12-15",
            AgeBand::Age16To17 => "16-17",
            AgeBand::Age18To25 => "18-25",
        }
    }

    pub fn parse(s: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// The outcomes asked about at this age: "Prepared" (for adult life) only from 16.
    pub fn dimensions(self) -> &'static [Dimension] {
        match self {
            AgeBand::Age4To7 | AgeBand::Age8To11 | AgeBand::Age12To15 => &Dimension::ALL[..5],
            AgeBand::Age16To17 | AgeBand::Age18To25 => &Dimension::ALL,
        }
    }
}

/// A young person's answers to one service's questions. Every question can be skipped (`None`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answers {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 1, maximum = 5))]
    pub safe: Option<Face>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 1, maximum = 5))]
    pub nurtured: Option<Face>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 1, maximum = 5))]
    pub involved: Option<Face>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 1, maximum = 5))]
    pub healthy: Option<Face>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 1, maximum = 5))]
    pub achieving: Option<Face>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 1, maximum = 5))]
    pub prepared: Option<Face>,
}

impl Answers {
    pub fn get(&self, dimension: Dimension) -> Option<Face> {
        match dimension {
            Dimension::Safe => self.safe,
            Dimension::Nurtured => self.nurtured,
            Dimension::Involved => self.involved,
            Dimension::Healthy => self.healthy,
            Dimension::Achieving => self.achieving,
            Dimension::Prepared => self.prepared,
        }
    }

    pub fn set(&mut self, dimension: Dimension, face: Option<Face>) {
        let slot = match dimension {
            Dimension::Safe => &mut self.safe,
            Dimension::Nurtured => &mut self.nurtured,
            Dimension::Involved => &mut self.involved,
            Dimension::Healthy => &mut self.healthy,
            Dimension::Achieving => &mut self.achieving,
            Dimension::Prepared => &mut self.prepared,
        };
        *slot = face;
    }

    pub fn answered(&self) -> impl Iterator<Item = (Dimension, Face)> + '_ {
        Dimension::ALL
            .into_iter()
            .filter_map(|d| self.get(d).map(|f| (d, f)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_outside_one_to_five_are_refused() {
        assert!(Face::new(0).is_err());
        assert!(Face::new(6).is_err());
        assert_eq!(Face::new(3).map(Face::value), Ok(3));
        assert!(serde_json::from_str::<Face>("7").is_err());
        assert_eq!(serde_json::from_str::<Face>("5").ok(), Face::new(5).ok());
    }

    #[test]
    fn prepared_is_asked_only_from_sixteen() {
        assert!(!AgeBand::Age12To15
            .dimensions()
            .contains(&Dimension::Prepared));
        assert!(AgeBand::Age16To17
            .dimensions()
            .contains(&Dimension::Prepared));
        assert_eq!(AgeBand::Age8To11.dimensions().len(), 5);
    }

    #[test]
    fn skipped_answers_are_missing_from_json() {
        let answers: Answers = serde_json::from_str(r#"{"safe":4}"#).unwrap_or_default();
        assert_eq!(answers.answered().count(), 1);
        assert_eq!(answers.get(Dimension::Safe).map(Face::value), Some(4));
    }
}
