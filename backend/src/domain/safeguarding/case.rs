//! A safeguarding case's steps, in order: raised, acknowledged by an officer, one or more actions
//! recorded, closed with an outcome. What may happen next, and what each step must say.

use shared::api::{CaseAction, CaseStatus, DETAIL_MAX};
use shared::validate::Invalid;
use shared::Reason;

/// Where a case is, from what is stored about it.
pub fn status(acknowledged: bool, actions: usize, closed: bool) -> CaseStatus {
    match (closed, actions, acknowledged) {
        (true, _, _) => CaseStatus::Closed,
        (false, 1.., _) => CaseStatus::ActionRecorded,
        (false, 0, true) => CaseStatus::Acknowledged,
        (false, 0, false) => CaseStatus::New,
    }
}

/// A step an officer asks to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Act,
    Close,
}

/// Why a step cannot be taken now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutOfOrder {
    /// Nothing more is recorded on a closed case.
    Closed,
    /// Acknowledge before recording an action; record an action before closing.
    NotReady,
}

/// Whether `step` may be taken on a case at `status`. Actions may be added until it closes.
pub fn may(status: CaseStatus, step: Step) -> Result<(), OutOfOrder> {
    match (status, step) {
        (CaseStatus::Closed, _) => Err(OutOfOrder::Closed),
        (CaseStatus::New, _) | (CaseStatus::Acknowledged, Step::Close) => Err(OutOfOrder::NotReady),
        (CaseStatus::Acknowledged, Step::Act) | (CaseStatus::ActionRecorded, _) => Ok(()),
    }
}

/// The action's reference, reason or note, trimmed: required where `needs_detail`, optional for a
/// talk, never longer than `DETAIL_MAX` characters.
pub fn detail(action: CaseAction, given: &str) -> Result<Option<String>, Invalid> {
    let words = given.trim();
    if words.is_empty() && action.needs_detail() {
        let message = match action {
            CaseAction::ReferredToSocialCare => {
                "Give the reference of the referral to children's social care."
            }
            CaseAction::PassedToPolice => "Give the police reference.",
            _ => "Say why no further action is needed.",
        };
        return Err(Invalid::new("detail", Reason::CaseDetail, message));
    }
    within_limit("detail", words)?;
    Ok((!words.is_empty()).then(|| words.to_owned()))
}

/// How the case ended: required, and not longer than `DETAIL_MAX` characters.
pub fn outcome(given: &str) -> Result<String, Invalid> {
    let words = given.trim();
    if words.is_empty() {
        return Err(Invalid::new(
            "outcome",
            Reason::CaseDetail,
            "Say how the case ended before closing it.",
        ));
    }
    within_limit("outcome", words)?;
    Ok(words.to_owned())
}

fn within_limit(field: &'static str, words: &str) -> Result<(), Invalid> {
    if words.chars().count() > DETAIL_MAX || words.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Invalid::new(
            field,
            Reason::CaseDetail,
            format!("Keep it to {DETAIL_MAX} characters of plain text."),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_goes_forward_one_step_at_a_time() {
        assert_eq!(status(false, 0, false), CaseStatus::New);
        assert_eq!(status(true, 0, false), CaseStatus::Acknowledged);
        assert_eq!(status(true, 2, false), CaseStatus::ActionRecorded);
        assert_eq!(status(true, 2, true), CaseStatus::Closed);

        assert_eq!(may(CaseStatus::New, Step::Act), Err(OutOfOrder::NotReady));
        assert_eq!(may(CaseStatus::New, Step::Close), Err(OutOfOrder::NotReady));
        assert_eq!(may(CaseStatus::Acknowledged, Step::Act), Ok(()));
        assert_eq!(
            may(CaseStatus::Acknowledged, Step::Close),
            Err(OutOfOrder::NotReady)
        );
        assert_eq!(may(CaseStatus::ActionRecorded, Step::Act), Ok(()));
        assert_eq!(may(CaseStatus::ActionRecorded, Step::Close), Ok(()));
        assert_eq!(may(CaseStatus::Closed, Step::Act), Err(OutOfOrder::Closed));
        assert_eq!(
            may(CaseStatus::Closed, Step::Close),
            Err(OutOfOrder::Closed)
        );
    }

    #[test]
    fn references_and_reasons_are_required_and_bounded() {
        for action in [
            CaseAction::ReferredToSocialCare,
            CaseAction::PassedToPolice,
            CaseAction::NoFurtherAction,
        ] {
            assert!(detail(action, "  ").is_err(), "{action:?}");
            assert_eq!(
                detail(action, " CSC-1 ").ok(),
                Some(Some("CSC-1".to_owned()))
            );
        }
        assert_eq!(
            detail(CaseAction::TalkedWithYoungPerson, " ").ok(),
            Some(None)
        );
        let long = "x".repeat(DETAIL_MAX + 1);
        assert!(detail(CaseAction::TalkedWithYoungPerson, &long).is_err());
        assert!(detail(CaseAction::PassedToPolice, "ref\u{0}").is_err());
        assert!(outcome("").is_err());
        assert_eq!(
            outcome(" Safe at home.\nPlan agreed. ").ok().as_deref(),
            Some("Safe at home.\nPlan agreed.")
        );
    }
}
