//! Each service's voices in one window told apart by how the answer that counts was given: with
//! an adult beside the child (an assisted session) or not (docs/assisted.md). Read from the raw
//! approved feedback of one window on demand (a council's year is thousands of rows), by the
//! rule the tallies follow (`domain::windows::voices`): a young person's voice on an outcome is
//! their latest answer to it in the window (by time, then id), and it is assisted when that
//! answer was.

use crate::domain::ids::OrganisationId;
use crate::domain::scoring::Tally;
use crate::domain::windows::{Window, WindowKind};
use crate::store::dialect::Placeholders;
use sea_orm::{ConnectionTrait, DbErr, Statement};
use shared::Dimension;
use std::collections::HashMap;
use uuid::Uuid;

/// Per service and outcome: `[the rest, assisted]`.
pub type Split = HashMap<(Uuid, Dimension), [Tally; 2]>;

/// One approved answer as read: service, young person, the six faces (0 for none), assisted.
type Answer = (Uuid, Uuid, [u8; 6], bool);

/// A young person's voice so far, per outcome: the face and whether it was given assisted.
type Voice = [Option<(u8, bool)>; 6];

/// The window's voices told apart, from its approved answers.
pub async fn split(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    window: Window,
) -> Result<Split, DbErr> {
    let backend = db.get_database_backend();
    let mut p = Placeholders::new(backend);
    let columns = Dimension::ALL.map(|d| d.as_str()).join(", ");
    let (org, first, last) = (p.placeholder(), p.placeholder(), p.placeholder());
    // In time order within each young person and service, so a later answer replaces an earlier.
    let sql = format!(
        "SELECT service_id, author_id, {columns}, assisted_by IS NOT NULL AS assisted \
         FROM feedback WHERE organisation_id = {org} AND status = 'approved' \
         AND quarter >= {first} AND quarter <= {last} \
         ORDER BY service_id, author_id, received_at, id"
    );
    let span = match window.kind {
        WindowKind::Quarter => 0,
        WindowKind::Year => 3,
    };
    let end = window.end.index();
    let rows = db
        .query_all(Statement::from_sql_and_values(
            backend,
            sql,
            [organisation_id.into(), (end - span).into(), end.into()],
        ))
        .await?;
    let mut answers = Vec::with_capacity(rows.len());
    for row in rows {
        let mut faces = [0u8; 6];
        for (face, dimension) in faces.iter_mut().zip(Dimension::ALL) {
            let value: Option<i16> = row.try_get("", dimension.as_str())?;
            *face = value.and_then(|v| u8::try_from(v).ok()).unwrap_or(0);
        }
        answers.push((
            row.try_get("", "service_id")?,
            row.try_get("", "author_id")?,
            faces,
            row.try_get("", "assisted")?,
        ));
    }
    Ok(fold(&answers))
}

/// Pure: the split from answers in time order within each young person and service.
fn fold(answers: &[Answer]) -> Split {
    let mut latest: HashMap<(Uuid, Uuid), Voice> = HashMap::new();
    for &(service, author, faces, assisted) in answers {
        let voice = latest.entry((service, author)).or_default();
        for (slot, face) in voice.iter_mut().zip(faces) {
            if face > 0 {
                *slot = Some((face, assisted));
            }
        }
    }
    let mut split = Split::new();
    for ((service, _), voice) in latest {
        for (dimension, answer) in Dimension::ALL.into_iter().zip(voice) {
            if let Some((face, assisted)) = answer {
                let parts = split.entry((service, dimension)).or_default();
                parts[usize::from(assisted)] = parts[usize::from(assisted)].with(face);
            }
        }
    }
    split
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_answer_per_outcome_decides_which_part_a_voice_is_in() {
        let (service, child, other) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let split = fold(&[
            // Helped first on both outcomes, then alone on the first only.
            (service, child, [2, 4, 0, 0, 0, 0], true),
            (service, child, [5, 0, 0, 0, 0, 0], false),
            (service, other, [3, 3, 0, 0, 0, 0], true),
        ]);
        let safe = split[&(service, Dimension::Safe)];
        assert_eq!(
            (safe[0].n, safe[0].sum),
            (1, 5),
            "the child's own later answer"
        );
        assert_eq!((safe[1].n, safe[1].sum), (1, 3));
        let nurtured = split[&(service, Dimension::Nurtured)];
        assert_eq!((nurtured[0].n, nurtured[1].n, nurtured[1].sum), (0, 2, 7));
        assert!(!split.contains_key(&(service, Dimension::Involved)));
    }
}
