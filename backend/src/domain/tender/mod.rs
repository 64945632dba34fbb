//! Tender panels as pure rules: the evaluation maths, when a panel may be scored, and the
//! evaluation sheet built from everyone's scores.

pub mod evaluation;
pub mod maths;
pub mod window;
