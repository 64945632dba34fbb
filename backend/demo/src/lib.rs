//! Data that is not a council's own: `demo-data`, a believable Stoke-on-Trent children's services
//! organisation after the council's strategies (`shared/domain.md`; provider names are invented;
//! running it twice adds nothing), and in `bench` the generated load and timings the benchmarks
//! use. Kept out of the server's library: the server never needs them.

use backend::domain::ids::OrganisationId;
use backend::seed;
use backend::store::{self, feedback::NewFeedback};
use chrono::Duration;
use sea_orm::DatabaseConnection;
use shared::api::ServiceType::{self, *};
use shared::{AgeBand, Answers, Face, Role};
use std::collections::HashMap;
use uuid::Uuid;

pub mod bench;
pub mod bench_region;
pub mod detection;
mod history;
pub use history::approved_two_days_later;
pub mod region;
pub mod tender;
pub mod token_check;

pub const ORGANISATION_SLUG: &str = "stoke-on-trent";
pub const ORGANISATION_NAME: &str = "Stoke-on-Trent Children's Services";
pub const STAFF_PASSWORD: &str = "chorus-demo-2026";
pub const OFFICER_EMAIL: &str = "officer@stoke-on-trent.example";
pub const COMMISSIONER_EMAIL: &str = "commissioner@stoke-on-trent.example";
pub const ADMIN_EMAIL: &str = "admin@stoke-on-trent.example";
/// The demo provider's manager: Foxglove Care Group, whose two homes need attention.
pub const PROVIDER_EMAIL: &str = "manager@foxglove-care.example";
pub const PROVIDER_NAME: &str = "Foxglove Care Group";
/// The demo admin's and officers' authenticator app key (base32; published, so demo only): add it
/// to any authenticator app, or make the current code with `scripts/demo-code.sh`.
pub const STAFF_AUTHENTICATOR_KEY: &str = "CHORUSDEMOSTAFFAUTHENTICATORKEY2";
pub const YOUNG_PERSON_SIGN_IN: &str = "brave-otter-42";
pub const YOUNG_PERSON_PIN: &str = "481516";
/// Unused one-time invites, each for a young person (12-15) linked to three services.
pub const INVITE_CODES: [&str; 8] = [
    "STKE-YP2A",
    "STKE-YP2B",
    "STKE-YP2C",
    "STKE-YP2D",
    "STKE-YP2E",
    "STKE-YP2F",
    "STKE-YP2G",
    "STKE-YP2H",
];

/// (provider, [(service name, type)]): 41 providers, 61 services of the kinds the council commissions.
const DIRECTORY: &[(&str, &[(&str, ServiceType)])] = &[
    (
        "Stoke-on-Trent City Council",
        &[
            ("In-house Fostering Service", FosteringAgency),
            ("Hanley Small Group Home", SmallGroupHome),
            ("Meir Small Group Home", SmallGroupHome),
            ("Tunstall Small Group Home", SmallGroupHome),
            ("Leaving Care Team", CareLeaversSupport),
            ("Virtual School Alternative Provision", AlternativeProvision),
            ("Short Breaks Service", ShortBreaks),
        ],
    ),
    (
        "Potteries Fostering Partnership",
        &[("Fostering", FosteringAgency)],
    ),
    (
        "Trent Valley Foster Care",
        &[("Fostering", FosteringAgency)],
    ),
    (
        "Staffordshire Family Placements",
        &[("Fostering", FosteringAgency)],
    ),
    (
        "Moorlands Foster Families",
        &[("Parent and child fostering", FosteringAgency)],
    ),
    (
        "Brighter Horizons Fostering",
        &[("Fostering", FosteringAgency)],
    ),
    (
        "Rainbow Bridge Fostering",
        &[("Fostering", FosteringAgency)],
    ),
    (
        "Kinship Carers Midlands",
        &[("Kinship fostering", FosteringAgency)],
    ),
    (
        "Mockingbird Hub Stoke",
        &[("Mockingbird constellation", FosteringAgency)],
    ),
    (
        "Orchard House Care",
        &[
            ("Orchard House", ChildrensHome),
            ("Willow Lodge", ChildrensHome),
        ],
    ),
    (
        "Kilnside Children's Homes",
        &[
            ("Kilnside", ChildrensHome),
            ("Burslem House", ChildrensHome),
        ],
    ),
    (
        "Foxglove Care Group",
        &[
            ("Foxglove View", ChildrensHome),
            ("Longton Road", ChildrensHome),
        ],
    ),
    ("Harbour Residential", &[("Harbour House", ChildrensHome)]),
    (
        "Cedar Tree Homes",
        &[
            ("Cedar Tree", ChildrensHome),
            ("Fenton Grange", ChildrensHome),
        ],
    ),
    ("Northwood Care", &[("Northwood", ChildrensHome)]),
    (
        "Safe Haven Children's Homes",
        &[("Safe Haven", ChildrensHome)],
    ),
    (
        "Peak Edge Children's Services",
        &[("Peak Edge", ChildrensHome)],
    ),
    ("Bridgeway Homes", &[("Bridgeway", ChildrensHome)]),
    (
        "Lantern Care",
        &[
            ("Lantern House", ChildrensHome),
            ("Stoke Lantern Solo", ChildrensHome),
        ],
    ),
    (
        "Little Oaks Group Homes",
        &[("Little Oaks Bentilee", SmallGroupHome)],
    ),
    (
        "Two Rivers Care",
        &[
            ("Two Rivers Cottage", SmallGroupHome),
            ("Two Rivers Mews", SmallGroupHome),
        ],
    ),
    (
        "Stepping Stones Supported Living",
        &[
            ("Stepping Stones Hanley", SupportedAccommodation),
            ("Stepping Stones Stoke", SupportedAccommodation),
        ],
    ),
    (
        "Keystone Housing for Young People",
        &[("Keystone Flats", SupportedAccommodation)],
    ),
    (
        "Next Chapter Accommodation",
        &[
            ("Next Chapter Longton", SupportedAccommodation),
            ("Next Chapter Floating Support", SupportedAccommodation),
        ],
    ),
    ("Foyer Stoke", &[("The Foyer", SupportedAccommodation)]),
    (
        "Launchpad Lodgings",
        &[
            ("Supported Lodgings", SupportedAccommodation),
            ("Staying Put Support", SupportedAccommodation),
        ],
    ),
    (
        "Voice Up Advocacy",
        &[
            ("Independent Advocacy", Advocacy),
            ("Independent Visitors", Advocacy),
        ],
    ),
    (
        "Speak Out Midlands",
        &[("Return Home Interviews", Advocacy)],
    ),
    (
        "Midlands Partnership NHS Trust",
        &[
            ("CAMHS", Camhs),
            ("Children in Care CAMHS", Camhs),
            ("CAMHS Crisis Team", Camhs),
        ],
    ),
    ("Kooth Local", &[("Online Wellbeing Support", Camhs)]),
    (
        "Fresh Start Learning",
        &[("Fresh Start Centre", AlternativeProvision)],
    ),
    (
        "Workshop Skills Academy",
        &[("Vocational Programme", AlternativeProvision)],
    ),
    (
        "Green Lanes Outdoor Learning",
        &[("Outdoor Learning", AlternativeProvision)],
    ),
    (
        "Second Chance Tuition",
        &[("One-to-one Tuition", AlternativeProvision)],
    ),
    (
        "Playtime Short Breaks",
        &[
            ("Weekend Short Breaks", ShortBreaks),
            ("Holiday Club", ShortBreaks),
        ],
    ),
    (
        "Sunflower Respite",
        &[("Overnight Short Breaks", ShortBreaks)],
    ),
    (
        "Together Inclusive Play",
        &[("Inclusive Youth Club", ShortBreaks)],
    ),
    (
        "Care Leavers Hub",
        &[
            ("Drop-in Hub", CareLeaversSupport),
            ("Personal Advisers", CareLeaversSupport),
        ],
    ),
    (
        "Catalyst Mentoring",
        &[("Lived-experience Mentors", CareLeaversSupport)],
    ),
    (
        "Pathways to Work",
        &[("Apprenticeship Support", CareLeaversSupport)],
    ),
    (
        "Home Skills Trust",
        &[("Independent Living Skills", CareLeaversSupport)],
    ),
];

#[derive(Debug, Default)]
pub struct Summary {
    pub providers: usize,
    pub services: usize,
    pub pending_feedback: u64,
}

/// Loads the demo organisation. Idempotent: everything is found by a natural key first.
pub async fn load(db: &DatabaseConnection) -> anyhow::Result<Summary> {
    let org = store::organisations::ensure(
        db,
        ORGANISATION_SLUG,
        ORGANISATION_NAME,
        Some("safeguarding@stoke-on-trent.example"),
    )
    .await?;
    // The demo council is already set up: its admin goes straight to the admin page.
    store::organisations::mark_set_up(db, org.id).await?;
    let services = directory(db, org.id).await?;
    let service =
        |provider: &str, name: &str| services.get(&(provider, name)).copied().unwrap_or_default();
    let officer = staff(db, org.id).await?;
    let foxglove = store::services::ensure_provider(db, PROVIDER_NAME).await?;
    seed::provider_account(
        db,
        org.id,
        foxglove.id,
        PROVIDER_EMAIL,
        STAFF_PASSWORD,
        "Sam Price",
    )
    .await?;
    let home = service("Orchard House Care", "Orchard House");
    let advocacy = service("Voice Up Advocacy", "Independent Advocacy");
    let camhs = service("Midlands Partnership NHS Trust", "Children in Care CAMHS");
    let fostering = service("Potteries Fostering Partnership", "Fostering");
    let leaving_care = service("Stoke-on-Trent City Council", "Leaving Care Team");
    let supported = service("Stepping Stones Supported Living", "Stepping Stones Hanley");
    let people = [
        (
            YOUNG_PERSON_SIGN_IN,
            YOUNG_PERSON_PIN,
            "Jay",
            AgeBand::Age12To15,
            vec![home, advocacy, camhs],
        ),
        (
            "calm-heron-7",
            "270394",
            "Mo",
            AgeBand::Age16To17,
            vec![fostering, advocacy],
        ),
        (
            "swift-wolf-19",
            "830152",
            "Kayleigh",
            AgeBand::Age18To25,
            vec![leaving_care, supported],
        ),
    ];
    let mut ids = Vec::new();
    for (sign_in_name, pin, name, band, linked) in people {
        let person = seed::young_person(db, org.id, sign_in_name, pin, name, band, &linked).await?;
        ids.push(person.id);
    }
    for (i, code) in INVITE_CODES.iter().enumerate() {
        let place = if i % 2 == 0 { home } else { fostering };
        let linked = [place, advocacy, camhs];
        seed::invite(
            db,
            org.id,
            code,
            AgeBand::Age12To15,
            &linked,
            Duration::days(365),
        )
        .await?;
    }
    examples(db, org.id, &ids, [home, fostering, supported]).await?;
    let ordered: Vec<(&str, &str, uuid::Uuid)> = DIRECTORY
        .iter()
        .flat_map(|(p, list)| list.iter().map(move |(name, _)| (*p, *name)))
        .map(|(p, name)| (p, name, service(p, name)))
        .collect();
    history::load(db, org.id, &ordered, officer).await?;
    let foxglove = service("Foxglove Care Group", "Foxglove View");
    we_did(db, org.id, [home, foxglove, leaving_care]).await?;
    tender::load(db, org.id).await?;
    region::load(db, org.id).await?;
    Ok(Summary {
        providers: DIRECTORY.len(),
        services: services.len(),
        pending_feedback: store::feedback::count_for_organisation(db, org.id).await?,
    })
}

/// Every provider and service of `DIRECTORY`, by (provider, service) name.
async fn directory(
    db: &DatabaseConnection,
    organisation_id: OrganisationId,
) -> anyhow::Result<HashMap<(&'static str, &'static str), Uuid>> {
    let mut services = HashMap::new();
    for (provider_name, provider_services) in DIRECTORY {
        let provider = store::services::ensure_provider(db, provider_name).await?;
        for (service_name, service_type) in *provider_services {
            let service = store::services::ensure_service(
                db,
                organisation_id,
                provider.id,
                service_name,
                *service_type,
            )
            .await?;
            services.insert((*provider_name, *service_name), service.id);
        }
    }
    Ok(services)
}

/// The demo's staff; the first participation officer's id (who sat beside the children the
/// history says were helped).
async fn staff(db: &DatabaseConnection, organisation_id: OrganisationId) -> anyhow::Result<Uuid> {
    let mut officer = None;
    for (role, email, name) in [
        (Role::ParticipationOfficer, OFFICER_EMAIL, "Priya Shah"),
        (
            Role::ParticipationOfficer,
            "officer2@stoke-on-trent.example",
            "Dan Whitehouse",
        ),
        (Role::Commissioner, COMMISSIONER_EMAIL, "Gareth Lowe"),
        (Role::Admin, ADMIN_EMAIL, "Alex Morgan"),
    ] {
        let member = seed::staff(db, organisation_id, role, email, STAFF_PASSWORD, name).await?;
        if role.needs_second_factor() {
            seed::second_factor(db, &member, STAFF_AUTHENTICATOR_KEY).await?;
        }
        if role == Role::ParticipationOfficer {
            officer.get_or_insert(member.id);
        }
    }
    officer.ok_or_else(|| anyhow::anyhow!("the demo has a participation officer"))
}

/// One waiting piece of feedback from each demo young person (`people`, in order) about one of
/// their services (`places`).
async fn examples(
    db: &DatabaseConnection,
    organisation_id: OrganisationId,
    people: &[Uuid],
    places: [Uuid; 3],
) -> anyhow::Result<()> {
    let [otter, heron, wolf] = [0, 1, 2].map(|i| people.get(i).copied().unwrap_or_default());
    let [home, fostering, supported] = places;
    for (id, author, service_id, answers, more, better, named, wants_talk) in
        example_rows([otter, heron, wolf], [home, fostering, supported])
    {
        store::feedback::insert_once(
            db,
            NewFeedback {
                id: Uuid::from_u128(id),
                organisation_id,
                service_id,
                author_id: author,
                answers,
                tell_us_more: more.map(str::to_owned),
                make_better: better.map(str::to_owned),
                named,
                wants_talk,
                assisted_by: None,
            },
            chrono::Utc::now(),
        )
        .await?;
    }
    Ok(())
}

/// id, author, service, answers, "tell us more", "make it better", named, wants to talk.
type Example = (
    u128,
    Uuid,
    Uuid,
    Answers,
    Option<&'static str>,
    Option<&'static str>,
    bool,
    bool,
);

fn example_rows(
    [otter, heron, wolf]: [Uuid; 3],
    [home, fostering, supported]: [Uuid; 3],
) -> [Example; 3] {
    let face = |v: u8| Face::new(v).ok();
    [
        (
            0xd3e0_0001u128,
            otter,
            home,
            Answers {
                safe: face(4),
                nurtured: face(5),
                involved: face(3),
                healthy: face(4),
                achieving: None,
                prepared: None,
            },
            Some("Staff listen to me and we do movie night on Fridays."),
            Some("More say in what we have for tea."),
            false,
            false,
        ),
        (
            0xd3e0_0002,
            heron,
            fostering,
            Answers {
                safe: face(5),
                nurtured: face(4),
                involved: face(2),
                healthy: face(4),
                achieving: face(3),
                prepared: face(2),
            },
            Some("My social worker changed again and nobody told me why."),
            None,
            true,
            false,
        ),
        (
            0xd3e0_0003,
            wolf,
            supported,
            Answers {
                safe: face(2),
                nurtured: face(3),
                involved: face(3),
                healthy: None,
                achieving: face(3),
                prepared: face(2),
            },
            Some(
                "The heating in my flat has been broken for three weeks. Ring me on 07700 900123.",
            ),
            Some("Fix repairs faster."),
            false,
            true,
        ),
    ]
}

/// The participation officer's "you said, we did" for three services (once).
async fn we_did(
    db: &DatabaseConnection,
    organisation_id: OrganisationId,
    [home, foxglove, leaving_care]: [Uuid; 3],
) -> anyhow::Result<()> {
    let Some(officer) = store::users::find_by_email(db, OFFICER_EMAIL).await? else {
        return Ok(());
    };
    let quarter = backend::domain::quarter::Quarter::of(chrono::Utc::now()).previous();
    for (service_id, dimension, body) in [
        (home, Some("involved"), "You said you wanted more say in meals. Orchard House now plans the menu with you at house meetings every Sunday."),
        (foxglove, None, "You told us staff keep changing. We have met Foxglove Care Group and they will keep the same key workers for each of you from January."),
        (leaving_care, Some("prepared"), "You asked for help with money. Personal advisers now run a budgeting session every month at the Drop-in Hub."),
    ] {
        if store::responses::for_services(db, &[service_id]).await?.is_empty() {
            store::responses::insert(
                db,
                store::responses::NewResponse {
                    organisation_id,
                    author_id: officer.id,
                    feedback_id: None,
                    service_id,
                    dimension: dimension.map(str::to_owned),
                    quarter: Some(quarter.to_string()),
                    body: body.to_owned(),
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// What to print after loading: where to go and how to sign in.
pub fn sign_in_help(url: &str) -> String {
    format!(
        "Open {url} and sign in:\n\
         \x20 young person:          sign-in name {YOUNG_PERSON_SIGN_IN}, PIN {YOUNG_PERSON_PIN}\n\
         \x20 new young person:      \"I have an invite code\", then one of {codes}\n\
         \x20 participation officer: {OFFICER_EMAIL} / {STAFF_PASSWORD}\n\
         \x20 commissioner:          {COMMISSIONER_EMAIL} / {STAFF_PASSWORD}\n\
         \x20 admin:                 {ADMIN_EMAIL} / {STAFF_PASSWORD}",
        codes = INVITE_CODES.join(", ")
    )
}
