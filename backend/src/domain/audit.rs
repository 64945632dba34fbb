//! The audit log is append-only and hash-chained: each entry's hash covers its content and the
//! previous entry's hash, so changing or deleting any entry breaks every hash after it.

use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an entry records. `details` is JSON without free text or secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryContent<'a> {
    pub seq: i64,
    pub organisation_id: &'a str,
    pub at: &'a str,
    pub actor_id: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    pub details: &'a str,
}

/// Hash of an entry chained to `prev_hash`. Fields are length-prefixed so no two different
/// entries serialise the same way.
pub fn entry_hash(prev_hash: &str, entry: &EntryContent<'_>) -> String {
    let mut hasher = Sha256::new();
    for field in [
        prev_hash,
        &entry.seq.to_string(),
        entry.organisation_id,
        entry.at,
        entry.actor_id,
        entry.action,
        entry.subject,
        entry.details,
    ] {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Where a chain first fails to verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("entry {seq} does not follow the one before it (an entry was removed or reordered)")]
    Gap { seq: i64 },
    #[error("entry {seq} was changed after it was written")]
    Altered { seq: i64 },
}

/// Checks a whole chain, in order: (content, prev_hash, hash) per entry.
pub fn verify<'a>(
    entries: impl IntoIterator<Item = (EntryContent<'a>, &'a str, &'a str)>,
) -> Result<u64, ChainBreak> {
    let mut expected_prev = GENESIS.to_owned();
    let mut last_seq: Option<i64> = None;
    let mut count = 0;
    for (content, prev_hash, hash) in entries {
        if last_seq.is_some_and(|s| content.seq != s + 1) || prev_hash != expected_prev {
            return Err(ChainBreak::Gap { seq: content.seq });
        }
        if entry_hash(prev_hash, &content) != hash {
            return Err(ChainBreak::Altered { seq: content.seq });
        }
        expected_prev = hash.to_owned();
        last_seq = Some(content.seq);
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(actions: &[&'static str]) -> Vec<(EntryContent<'static>, String, String)> {
        let mut prev = GENESIS.to_owned();
        let mut out = Vec::new();
        for (i, action) in actions.iter().enumerate() {
            let content = EntryContent {
                seq: i as i64 + 1,
                organisation_id: "org",
                at: "2026-11-23T00:00:00Z",
                actor_id: "officer",
                action,
                subject: "feedback:1",
                details: "{}",
            };
            let hash = entry_hash(&prev, &content);
            out.push((content, prev.clone(), hash.clone()));
            prev = hash;
        }
        out
    }

    fn check(entries: &[(EntryContent<'static>, String, String)]) -> Result<u64, ChainBreak> {
        verify(
            entries
                .iter()
                .map(|(c, p, h)| (c.clone(), p.as_str(), h.as_str())),
        )
    }

    #[test]
    fn an_untouched_chain_verifies() {
        assert_eq!(
            check(&chain(&["approve", "reject", "read_original"])),
            Ok(3)
        );
    }

    #[test]
    fn a_changed_entry_is_detected() {
        let mut entries = chain(&["approve", "reject", "read_original"]);
        entries[1].0.action = "approve";
        assert_eq!(check(&entries), Err(ChainBreak::Altered { seq: 2 }));
    }

    #[test]
    fn a_deleted_entry_is_detected() {
        let mut entries = chain(&["approve", "reject", "read_original"]);
        entries.remove(1);
        assert_eq!(check(&entries), Err(ChainBreak::Gap { seq: 3 }));
    }
}
