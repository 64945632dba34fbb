//! The young commissioner training quiz: what commissioning is, how to score, what a conflict is.
//! The questions and options are words in the web app's translations (`panels.quiz.*`); the
//! server keeps the answer key, so passing is decided here. The key is by position: a translation
//! must keep each question's options in the English order (`training.quiz.<q>.<option>`).

/// For each question: how many options it has and which one (0-based) is right.
pub const QUIZ: [(u8, u8); 5] = [(3, 1), (3, 0), (3, 2), (3, 1), (3, 0)];

/// Correct answers needed to pass.
pub const PASS_MARK: u32 = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub correct: u32,
    pub wrong: Vec<u32>,
    pub passed: bool,
}

/// Marks a go at the quiz; `None` when the answers do not fit the quiz (wrong count or option).
pub fn mark(answers: &[u8]) -> Option<Marked> {
    if answers.len() != QUIZ.len()
        || answers
            .iter()
            .zip(QUIZ)
            .any(|(&a, (options, _))| a >= options)
    {
        return None;
    }
    let wrong: Vec<u32> = answers
        .iter()
        .zip(QUIZ)
        .enumerate()
        .filter(|(_, (&a, (_, right)))| a != *right)
        .map(|(i, _)| i as u32)
        .collect();
    let correct = QUIZ.len() as u32 - wrong.len() as u32;
    Some(Marked {
        correct,
        wrong,
        passed: correct >= PASS_MARK,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_right_answers_pass_and_one_slip_is_allowed() {
        let right: Vec<u8> = QUIZ.iter().map(|&(_, r)| r).collect();
        assert_eq!(
            mark(&right),
            Some(Marked {
                correct: 5,
                wrong: vec![],
                passed: true
            })
        );
        let mut one_wrong = right.clone();
        one_wrong[2] = 0;
        assert_eq!(
            mark(&one_wrong).map(|m| (m.passed, m.wrong)),
            Some((true, vec![2]))
        );
        let mut two_wrong = one_wrong;
        two_wrong[0] = 2;
        assert_eq!(
            mark(&two_wrong).map(|m| (m.passed, m.correct)),
            Some((false, 3))
        );
    }

    #[test]
    fn answers_that_do_not_fit_the_quiz_are_refused() {
        assert_eq!(mark(&[0, 0]), None);
        assert_eq!(mark(&[0, 0, 0, 0, 7]), None);
    }
}
