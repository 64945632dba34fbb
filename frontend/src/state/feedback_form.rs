//! The feedback form's state and the request it becomes. The id is made once per form, so a
//! retry after a network error is the same submission.

use shared::api::NewFeedback;
use shared::validate::{feedback_words, FreeText, Invalid};
use shared::{Answers, Dimension, Face};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackForm {
    pub id: Uuid,
    pub service_id: Uuid,
    pub answers: Answers,
    pub tell_us_more: String,
    pub make_better: String,
    pub named: bool,
    pub wants_talk: bool,
}

impl FeedbackForm {
    pub fn new(id: Uuid, service_id: Uuid) -> FeedbackForm {
        FeedbackForm {
            id,
            service_id,
            answers: Answers::default(),
            tell_us_more: String::new(),
            make_better: String::new(),
            named: false,
            wants_talk: false,
        }
    }

    /// `None` skips the question.
    pub fn answer(&mut self, dimension: Dimension, value: Option<u8>) {
        self.answers
            .set(dimension, value.and_then(|v| Face::new(v).ok()));
    }

    /// The request, or why it cannot be sent (the same words the server would use).
    pub fn to_request(&self) -> Result<NewFeedback, Invalid> {
        let (tell_us_more, make_better) = feedback_words(
            &self.answers,
            Some(&self.tell_us_more),
            Some(&self.make_better),
            self.wants_talk,
        )?;
        Ok(NewFeedback {
            id: self.id,
            service_id: self.service_id,
            answers: self.answers,
            tell_us_more: tell_us_more.map(FreeText::into_inner),
            make_better: make_better.map(FreeText::into_inner),
            named: self.named,
            wants_talk: self.wants_talk,
        })
    }
}

/// Where the young person is: one question a screen (`0..total`), then the words and Send
/// (`total`). Next and Back move one screen; nothing goes past either end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Steps {
    pub at: usize,
    pub total: usize,
}

impl Steps {
    pub fn new(total: usize) -> Steps {
        Steps { at: 0, total }
    }

    /// On the screen after the questions: the words, privacy choice and Send.
    pub fn on_words(self) -> bool {
        self.at >= self.total
    }

    pub fn shows_question(self, i: usize) -> bool {
        self.at == i
    }

    pub fn next(&mut self) {
        self.at = (self.at + 1).min(self.total);
    }

    /// `false` on the first question: there, back leaves the form.
    pub fn back(&mut self) -> bool {
        let moved = self.at > 0;
        self.at = self.at.saturating_sub(1);
        moved
    }

    /// "2 of 5": the question shown, counted from one.
    pub fn number(self) -> usize {
        self.at.min(self.total.saturating_sub(1)) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_form_is_refused_and_skips_are_absent() {
        let mut form = FeedbackForm::new(Uuid::nil(), Uuid::nil());
        assert_eq!(
            form.to_request().err().map(|e| e.reason.as_str()),
            Some("feedback_empty")
        );
        form.answer(Dimension::Safe, Some(4));
        form.answer(Dimension::Involved, None);
        let request = form.to_request().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(request.answers.answered().count(), 1);
        assert_eq!(request.tell_us_more, None);
    }

    #[test]
    fn the_same_form_makes_the_same_submission_when_retried() {
        let mut form = FeedbackForm::new(Uuid::from_u128(7), Uuid::nil());
        form.tell_us_more = "  hello  ".into();
        let a = form.to_request().map(|r| (r.id, r.tell_us_more));
        let b = form.to_request().map(|r| (r.id, r.tell_us_more));
        assert_eq!(a, b);
        assert_eq!(a.ok().and_then(|(_, t)| t).as_deref(), Some("hello"));
    }

    #[test]
    fn steps_go_one_screen_at_a_time_and_stop_at_both_ends() {
        let mut steps = Steps::new(3);
        assert!(steps.shows_question(0) && !steps.on_words());
        assert_eq!(steps.number(), 1);
        assert!(
            !steps.back(),
            "back from the first question leaves the form"
        );
        assert_eq!(steps.at, 0);
        steps.next();
        assert!(steps.shows_question(1) && !steps.shows_question(0));
        assert_eq!(steps.number(), 2);
        steps.next();
        steps.next();
        assert!(steps.on_words() && !steps.shows_question(2));
        steps.next();
        assert_eq!(steps.at, 3, "nothing past the words");
        assert_eq!(steps.number(), 3);
        assert!(steps.back());
        assert!(steps.shows_question(2));
    }
}
