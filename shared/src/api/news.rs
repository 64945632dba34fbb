//! A young person's news: what happened to what they said and to their panels, newest first,
//! with how many they have not seen.

use super::NotPublished;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// What a piece of news is about, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum NewsKind {
    /// An officer read their feedback and published it (the subject is the feedback).
    FeedbackPublished,
    /// An officer read their feedback and did not publish their words (the subject is the feedback).
    FeedbackNotPublished,
    /// A "we did" that answers them, or a theme they spoke on (the subject is the response).
    WeDid,
    /// Their application to a panel was approved (the subject is the tender).
    PanelApproved,
    /// A panel they sat on has decided (the subject is the tender).
    PanelOutcome,
    /// A provider answered a theme they spoke on or a "we did" that reached them, and an officer
    /// approved it (the subject is the reply).
    ProviderReply,
}

impl NewsKind {
    pub const ALL: [NewsKind; 6] = [
        NewsKind::FeedbackPublished,
        NewsKind::FeedbackNotPublished,
        NewsKind::WeDid,
        NewsKind::PanelApproved,
        NewsKind::PanelOutcome,
        NewsKind::ProviderReply,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NewsKind::FeedbackPublished => "feedback_published",
            NewsKind::FeedbackNotPublished => "feedback_not_published",
            NewsKind::WeDid => "we_did",
            NewsKind::PanelApproved => "panel_approved",
            NewsKind::PanelOutcome => "panel_outcome",
            NewsKind::ProviderReply => "provider_reply",
        }
    }

    pub fn parse(s: &str) -> Option<NewsKind> {
        NewsKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One piece of news.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewsItem {
    pub id: Uuid,
    pub kind: NewsKind,
    pub at: DateTime<Utc>,
    /// Seen on the news page already.
    pub read: bool,
    /// The service the feedback or "we did" is about, or the panel's title.
    pub about: String,
    /// The feedback it is about (feedback news; a "we did" to that one piece).
    pub feedback_id: Option<Uuid>,
    /// The panel it is about (panel news).
    pub panel_id: Option<Uuid>,
    /// Why the words were not published (not-published news).
    pub not_published: Option<NotPublished>,
    /// What was done ("we did" news), or what the provider answered (reply news).
    pub we_did: Option<String>,
}

/// The young person's news, newest first (the latest 100), and how many they have not seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct News {
    pub unread: u32,
    pub items: Vec<NewsItem>,
}

/// The news the young person has now seen (at most 100 at a time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewsSeen {
    pub ids: Vec<Uuid>,
}

/// The key a phone subscribes to Chorus's pushes with (VAPID, RFC 8292): an uncompressed P-256
/// point in unpadded base64url, as `PushManager.subscribe` takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PushKey {
    pub application_server_key: String,
}

/// A phone's push subscription, as the browser's `PushSubscription.toJSON()` gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PushSubscription {
    pub endpoint: String,
    pub keys: PushSubscriptionKeys,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PushSubscriptionKeys {
    /// The phone's P-256 public key (base64url).
    pub p256dh: String,
    /// The phone's authentication secret (base64url, 16 bytes).
    pub auth: String,
}

/// Which phone's subscription to end (its push service address).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PushEndpoint {
    pub endpoint: String,
}
