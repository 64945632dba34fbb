//! Two neighbouring councils in the demo's region, commissioning a few of the same children's
//! homes with a handful of young people each: no council alone has many voices on those homes,
//! the West Midlands together has (docs/regions.md). Each neighbour has a commissioner who signs
//! in with a password.

use crate::history::{answers, moment_in, GOOD};
use backend::domain::ids::OrganisationId;
use backend::domain::quarter::Quarter;
use backend::store::{
    self,
    feedback::{Historical, NewFeedback},
};
use chrono::Utc;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{DatabaseConnection, TransactionTrait};
use shared::api::ServiceType::ChildrensHome;
use shared::{AgeBand, Role};
use uuid::Uuid;

pub const REGION: &str = "West Midlands";

/// A neighbour: slug, name, commissioner's email, the homes it uses (provider and home).
type Neighbour = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const NEIGHBOURS: [Neighbour; 2] = [
    (
        "staffordshire",
        "Staffordshire Children's Services",
        "commissioner@staffordshire.example",
        &[
            ("Orchard House Care", "Orchard House"),
            ("Lantern Care", "Lantern House"),
            ("Cedar Tree Homes", "Cedar Tree"),
        ],
    ),
    (
        "shropshire",
        "Shropshire Children's Services",
        "commissioner@shropshire.example",
        &[
            ("Orchard House Care", "Willow Lodge"),
            ("Lantern Care", "Stoke Lantern Solo"),
            ("Kilnside Children's Homes", "Kilnside"),
        ],
    ),
];

/// The region, the neighbours, their homes and two to four young people a quarter in each for
/// eight quarters (so the last financial year to have ended, which the region pools, is whole). Idempotent: found by name first, feedback by fixed ids.
pub async fn load(db: &DatabaseConnection, stoke: OrganisationId) -> anyhow::Result<()> {
    let now = Utc::now();
    let region = match store::regions::find_by_name(db, REGION).await? {
        Some(r) => r,
        None => store::regions::insert(db, REGION, now).await?,
    };
    let mut councils = vec![stoke];
    let mut rng = StdRng::seed_from_u64(17);
    let quarters: Vec<Quarter> =
        std::iter::successors(Some(Quarter::of(now)), |q| Some(q.previous()))
            .take(8)
            .collect();
    for (c, (slug, name, email, homes)) in NEIGHBOURS.iter().enumerate() {
        let org = store::organisations::ensure(db, slug, name, None).await?;
        store::organisations::mark_set_up(db, org.id).await?;
        backend::seed::staff(
            db,
            org.id,
            Role::Commissioner,
            email,
            crate::STAFF_PASSWORD,
            "Demo commissioner",
        )
        .await?;
        councils.push(org.id);
        let txn = db.begin().await?;
        let mut rows = Vec::new();
        for (s, (provider, home)) in homes.iter().enumerate() {
            let provider = store::services::ensure_provider(&txn, provider).await?;
            let service =
                store::services::ensure_service(&txn, org.id, provider.id, home, ChildrensHome)
                    .await?;
            for (q, quarter) in quarters.iter().enumerate() {
                for v in 0..rng.gen_range(2..=4) {
                    let sign_in = format!("{slug}-voice-{s}-{q}-{v}");
                    let author =
                        store::users::ensure_voice(&txn, org.id, &sign_in, AgeBand::Age12To15)
                            .await?
                            .id;
                    let received_at = moment_in(&mut rng, *quarter, now);
                    let id = Uuid::from_u128(
                        (0xde31_u128 << 96)
                            | ((c as u128) << 48)
                            | ((s as u128) << 32)
                            | ((q as u128) << 8)
                            | v as u128,
                    );
                    rows.push(Historical {
                        feedback: NewFeedback {
                            id,
                            organisation_id: org.id,
                            service_id: service.id,
                            author_id: author,
                            answers: answers(&GOOD, v + q + s, AgeBand::Age12To15),
                            tell_us_more: None,
                            make_better: None,
                            named: false,
                            wants_talk: false,
                            assisted_by: None,
                        },
                        received_at,
                        approved: Some(crate::approved_two_days_later(received_at)),
                    });
                }
            }
        }
        store::feedback::insert_historical(&txn, rows).await?;
        store::aggregates::begin_change(&txn, org.id).await?;
        let fresh = store::aggregates::compute_from_raw(&txn, org.id, |_| {}).await?;
        store::aggregates::replace_all(&txn, org.id, &fresh).await?;
        txn.commit().await?;
    }
    for council in councils {
        if store::regions::membership(db, council).await?.is_none() {
            store::regions::join(db, council, region.id, now).await?;
        }
    }
    Ok(())
}
