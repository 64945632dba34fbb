//! The demo tender: supported accommodation for 16 and 17 year olds, three bids, open for young
//! commissioners to join, with a fortnight to score. Created through the same flows staff use.

use super::{COMMISSIONER_EMAIL, OFFICER_EMAIL};
use backend::auth::AuthUser;
use backend::domain::ids::OrganisationId;
use backend::flows::tenders as flow;
use backend::store;
use chrono::{Duration, Utc};
use sea_orm::DatabaseConnection;
use shared::api::ServiceType;
use shared::tender::{NewBid, NewBidAnswer, NewQuestion, NewTender, ScoredBy};
use shared::Role;

pub const TITLE: &str = "Supported accommodation for 16 and 17 year olds, 2027 to 2030";

const RUBRIC: [&str; 6] = [
    "No answer, or nothing about this",
    "Very weak: hardly says how",
    "Weak: some ideas, few details",
    "OK: does what is needed",
    "Good: clear and convincing",
    "Excellent: clear, convincing, and shows it already works",
];

const QUESTIONS: [(&str, &str, u32, ScoredBy); 3] = [
    (
        "Describe how young people will be involved in decisions about their home, house rules and support.",
        "Will young people have a real say in how their home is run?",
        20,
        ScoredBy::YoungPeople,
    ),
    (
        "How will you help young people feel safe, settled and at home from the first day?",
        "Will young people feel safe and at home?",
        20,
        ScoredBy::Both,
    ),
    (
        "Describe your staffing model, qualifications, supervision and out-of-hours cover.",
        "Staffing and cover",
        20,
        ScoredBy::Professionals,
    ),
];

/// (answer, easy read) to one question.
type Answer = (&'static str, &'static str);

/// (provider, price in pounds, answers per question)
const BIDS: [(&str, i64, [Answer; 3]); 3] = [
    (
        "Stepping Stones Supported Living",
        1_850_000,
        [
            ("A residents' group meets monthly and chooses two of the house rules each year; young people sit on staff interview panels.",
             "Young people meet every month and help choose some house rules. They help pick new staff."),
            ("Each young person has a named key worker before they move in and a welcome pack they design with peers.",
             "You meet your key worker before you move in. You get a welcome pack made by other young people."),
            ("Two staff on site 8am to 10pm; waking night staff; monthly supervision; Level 3 diploma for all key workers.", ""),
        ],
    ),
    (
        "Keystone Housing for Young People",
        1_640_000,
        [
            ("Feedback forms are available in the office.",
             "There are forms you can fill in at the office."),
            ("Rooms are checked weekly and CCTV covers the entrances.",
             "Staff check rooms every week. There are cameras at the doors."),
            ("One member of staff on site during the day; on-call manager at night; quarterly supervision.", ""),
        ],
    ),
    (
        "Next Chapter Accommodation",
        2_050_000,
        [
            ("Young people co-write the house agreement and a young person's rep attends every management meeting.",
             "Young people write the house rules together. A young person goes to the managers' meetings."),
            ("Moves are planned over two weeks with visits, a buddy from the house, and choice of room decoration.",
             "You visit a few times before moving. Another young person is your buddy. You choose how your room looks."),
            ("Staff on site 24 hours; trauma-informed practice training; fortnightly supervision; psychologist consultation.", ""),
        ],
    ),
];

/// Creates the demo tender once (found by its title).
pub async fn load(db: &DatabaseConnection, organisation_id: OrganisationId) -> anyhow::Result<()> {
    if store::tenders::list(db, organisation_id, false)
        .await?
        .iter()
        .any(|t| t.title == TITLE)
    {
        return Ok(());
    }
    let (Some(commissioner), Some(officer)) = (
        store::users::find_by_email(db, COMMISSIONER_EMAIL).await?,
        store::users::find_by_email(db, OFFICER_EMAIL).await?,
    ) else {
        return Ok(());
    };
    let as_commissioner = AuthUser {
        id: commissioner.id,
        organisation_id,
        role: Role::Commissioner,
        assisted_by: None,
    };
    let as_officer = AuthUser {
        id: officer.id,
        organisation_id,
        role: Role::ParticipationOfficer,
        assisted_by: None,
    };
    let tender = flow::create(db, as_commissioner, &new_tender())
        .await
        .map_err(|e| anyhow::anyhow!("demo tender: {e}"))?;
    for (provider_name, pounds, answers) in BIDS {
        let provider = store::services::ensure_provider(db, provider_name).await?;
        let answers = tender
            .questions
            .iter()
            .zip(answers)
            .map(|(q, (answer, easy_read))| NewBidAnswer {
                question_id: q.id,
                answer: answer.to_owned(),
                easy_read: (!easy_read.is_empty()).then(|| easy_read.to_owned()),
            })
            .collect();
        flow::add_bid(
            db,
            as_commissioner,
            tender.tender.id,
            &NewBid {
                provider_id: provider.id,
                price_pence: pounds * 100,
                answers,
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("demo bid: {e}"))?;
    }
    flow::open(db, as_officer, tender.tender.id)
        .await
        .map_err(|e| anyhow::anyhow!("demo tender: {e}"))?;
    Ok(())
}

/// The demo tender: scoring opened an hour ago and runs for a fortnight.
fn new_tender() -> NewTender {
    let opens = Utc::now() - Duration::hours(1);
    NewTender {
        title: TITLE.to_owned(),
        summary: "The council is choosing who will run homes for young people aged 16 and 17 who are \
                  moving on from care. Three organisations want to do it. You read what they promise \
                  and score it, and your scores count towards who is chosen."
            .to_owned(),
        service_type: ServiceType::SupportedAccommodation,
        quality_weight: 60,
        price_weight: 40,
        hours: 6,
        scoring_opens_at: opens,
        scoring_closes_at: opens + Duration::days(14),
        questions: QUESTIONS
            .iter()
            .map(|&(text, plain, weight, scored_by)| NewQuestion {
                text: text.to_owned(),
                plain_text: plain.to_owned(),
                weight,
                rubric: RUBRIC.iter().map(|d| (*d).to_owned()).collect(),
                scored_by,
            })
            .collect(),
    }
}
